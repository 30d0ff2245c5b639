"""The model behaves like a Mesa model: default construction, run_for, time, datacollector."""

from __future__ import annotations

import mesa
import pytest

from world import DiplomacyModel


def test_default_model_builds_and_runs_for_ten_steps():
    model = DiplomacyModel()
    assert isinstance(model, mesa.Model)
    model.run_for(10)
    assert model.steps == 10
    assert model.time == 10
    assert model.date == "2012Q3"
    assert len(model.timeseries()) == 11


def test_run_stops_at_the_horizon(default_run):
    assert default_run.date == "2040Q4"
    assert default_run.running is False
    assert len(default_run.timeseries()) == default_run.n_steps + 1


def test_until_stops_early():
    model = DiplomacyModel(rng=1, until="2015Q4").run()
    assert model.date == "2015Q4"
    assert model.timeseries()["date"].iloc[-1] == "2015Q4"


def test_agents_are_states_and_blocs_with_policies(default_run):
    codes = {agent.code for agent in default_run.agents}
    assert {"KAZ", "RUS", "CHN", "EU", "USA", "EAEU", "CSTO", "OTS"} <= codes
    kaz = default_run.agents_by_code["KAZ"]
    assert kaz.policy.name == "multivector"
    assert default_run.agents_by_code["RUS"].policy.name == "russia"


def test_datacollector_view_matches_recorder(default_run):
    frame = default_run.datacollector.get_model_vars_dataframe()
    assert list(frame["autonomy"]) == list(default_run.timeseries()["autonomy"])
    model_vars = default_run.datacollector.model_vars
    assert len(model_vars["autonomy"]) == default_run.n_steps + 1
    assert default_run.datacollector._collection_steps[-1] == float(default_run.n_steps)


def test_levers_only_act_from_levers_from():
    low = DiplomacyModel(rng=3, russian_pressure=0.0, eu_investment=0.0).run().timeseries()
    high = DiplomacyModel(rng=3, russian_pressure=0.9, eu_investment=3.0).run().timeseries()
    before = low["date"] < "2025Q1"
    numeric = [c for c in low.columns if c != "date"]
    assert (low.loc[before, numeric].values == high.loc[before, numeric].values).all()
    assert not (low.loc[~before, numeric].values == high.loc[~before, numeric].values).all()


def test_series_reads_a_recorded_column_as_the_timeseries_has_it():
    model = DiplomacyModel(rng=2, until="2014Q4").run()
    frame = model.timeseries()
    for name in ("autonomy", "gdp", "dependence.RUS", "corridor_volume.cpc"):
        assert model.series(name).tolist() == frame[name].tolist()
    assert model.has_series("dependence.RUS") and not model.has_series("dependence.XYZ")


def test_series_is_read_only_and_names_the_recorded_columns_when_unknown():
    model = DiplomacyModel(rng=0, until="2011Q4").run()
    values = model.series("autonomy")
    with pytest.raises(ValueError):
        values[0] = 1.0
    with pytest.raises(KeyError, match="no recorded series 'autonmy'.*autonomy"):
        model.series("autonmy")
