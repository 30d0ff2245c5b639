"""The outcome measures: one table, recorded per quarter, returned by simulate(), and meaning what they say."""

from __future__ import annotations

import copy

import numpy as np
import pytest

from experiments.sweep.runner import simulate
from world import DiplomacyModel
from world.economy import WELFARE_PARTS
from world.measures import MEASURES, higher_is_better, measure_of
from world.security import security_exposure

PARTNERS = ("RUS", "CHN", "EU", "USA", "TUR")


@pytest.fixture(scope="module")
def run_2030():
    return DiplomacyModel(strategy="multivector", rng=1, until="2030Q4", record_events=False).run()


def test_every_column_and_outcome_has_one_entry_in_the_table(run_2030):
    names = [c for c in run_2030.timeseries().columns if c not in ("step", "date")] + list(run_2030.outcomes())
    for name in names:
        measure = measure_of(name)
        assert measure.direction in (1, -1) and measure.low < measure.high and measure.unit and measure.source


def test_an_unknown_measure_is_refused_by_name():
    with pytest.raises(KeyError, match="no_such_thing"):
        measure_of("no_such_thing_final")


def test_directions_come_from_the_table():
    assert higher_is_better("autonomy_mean_after_levers") and higher_is_better("welfare_final")
    assert not higher_is_better("vulnerability_RUS_final")
    assert not higher_is_better("security_exposure_final") and not higher_is_better("hhi_dependence_final")
    assert MEASURES["vulnerability"].axis_label() == "Vulnerability (share of welfare; lower is better)"


def test_simulate_returns_the_measure_family():
    result = simulate(strategy="passive", seed=0, until="2026Q4")
    for partner in PARTNERS:
        assert 0.0 <= result[f"vulnerability_{partner}_final"] <= 1.0
        assert 0.0 <= result[f"sensitivity_{partner}_final"] <= 1.0
    assert 0.0 <= result["security_exposure_final"] <= 1.0
    assert 0.0 <= result["hhi_dependence_final"] <= 1.0
    assert result["welfare_final"] > 0.0


def test_recorded_measures_stay_in_their_ranges(run_2030):
    frame = run_2030.timeseries()
    for column in frame.columns:
        if column in ("step", "date"):
            continue
        measure = measure_of(column)
        values = frame[column].to_numpy(dtype=float)
        assert np.all(np.isfinite(values)), column
        assert values.min() >= measure.low - 1e-12 and values.max() <= measure.high + 1e-12, column


def test_autonomy_is_one_minus_the_largest_leverage(run_2030):
    lev = run_2030.leverage
    assert run_2030.autonomy() == pytest.approx(1.0 - lev.leverage.max())
    assert np.all(lev.leverage >= lev.vulnerability - 1e-12)


def test_welfare_is_below_gdp_by_its_costs(run_2030):
    econ = run_2030.economy
    assert 0.0 < econ.welfare < econ.gdp
    premium = run_2030.params["security_vacuum_cost"] * econ.security.exposure * econ.gdp
    r, f = run_2030.relations, run_2030.relations.index["KAZ"]
    income = run_2030.params["fdi_income_yield"] * (r.investment[:, f].sum() - r.investment[f, f])
    parts = dict(zip(WELFARE_PARTS, econ.welfare_parts))
    assert parts["security"] == pytest.approx(-premium)
    costs = income - parts["moves"] - parts["sanctions"] - parts["tariff"] - parts["security"]
    assert econ.gdp - econ.welfare == pytest.approx(costs)


def test_welfare_is_the_sum_of_its_terms(run_2030):
    """The decomposition the study reports adds up: welfare_part.* sum to welfare in every quarter."""
    frame = run_2030.timeseries()
    parts = frame[[f"welfare_part.{name}" for name in WELFARE_PARTS]].sum(axis=1)
    assert (parts - frame["welfare"]).abs().max() < 1e-9


def test_spare_capacity_is_what_separates_vulnerability_from_sensitivity(run_2030):
    """Turkey controls the Middle Corridor and the trans-Caspian oil route: the others can take their tonnage."""
    tur = run_2030.relations.index["TUR"]
    lev = run_2030.leverage
    assert lev.vulnerability[tur] < 0.5 * lev.sensitivity[tur]
    # Without spare room on the northern corridor and the Russian and Chinese pipelines, the same cut costs more.
    squeezed = copy.deepcopy(run_2030)
    cor = squeezed.corridors
    for name in ("northern", "cpc", "atyrau_samara", "china_pipeline"):
        cor.capacity[cor.index[name]] = cor.volume[cor.index[name]]
    squeezed.leverage = squeezed._leverage_calculator.compute(squeezed)
    assert squeezed.leverage.vulnerability[tur] > lev.vulnerability[tur]


def test_partnership_for_peace_protects_nothing_and_the_csto_does(run_2030):
    model = copy.deepcopy(run_2030)
    inst, f = model.institutions, model.relations.index["KAZ"]
    before = security_exposure(model).exposure
    inst.set(f, inst.index["PFP"], None)
    assert security_exposure(model).exposure == pytest.approx(before)
    inst.set(f, inst.index["CSTO"], None)
    assert security_exposure(model).exposure > before


def test_oil_earns_its_netback_not_the_full_price(run_2030):
    """Dearer freight on the routes in use lowers export revenue and GDP in the same quarter."""
    cheap, dear = copy.deepcopy(run_2030), copy.deepcopy(run_2030)
    dear.corridors.cost[dear.corridors.is_oil] += 20.0
    cheap._economy()
    dear._economy()
    assert dear.economy.export_revenue < cheap.economy.export_revenue
    assert dear.economy.gdp < cheap.economy.gdp


def test_a_new_measure_is_one_catalogue_entry(monkeypatch):
    """One entry in world.measures.MEASURES, and the measure is recorded each quarter, summarised in the outcomes
    (of the model and of simulate), and drawn in a figure whose axis carries its label, unit and direction."""
    import pandas as pd

    from experiments.analysis.timeplot import draw_measure
    from world.measures import HIGHER, Measure

    entry = Measure(
        "reexport_policing",
        "Re-export policing",
        "share of the channel",
        HIGHER,
        0.0,
        1.0,
        "share of the re-export channel Kazakhstan polices (world/reexports.py)",
        record=lambda world, dependence: world.reexports.policing,
        summaries=("final", "mean_after_levers"),
    )
    monkeypatch.setitem(MEASURES, entry.name, entry)

    model = DiplomacyModel(strategy="multivector", rng=3, until="2026Q4", record_events=False).run()
    series = model.series("reexport_policing")
    assert len(series) == model.n_steps + 1 and series[-1] == model.reexports.policing
    outcomes = model.outcomes()
    assert outcomes["reexport_policing_final"] == model.reexports.policing
    assert outcomes["reexport_policing_mean_after_levers"] == pytest.approx(series[model.levers_from_step :].mean())
    assert "reexport_policing_final" in simulate(strategy="multivector", seed=3, until="2026Q4")

    frame = model.timeseries()
    bands = pd.DataFrame(
        {
            "scenario": "eurasia",
            "strategy": "multivector",
            "step": frame["step"],
            "date": frame["date"],
            "n": 1,
            "mean": frame["reexport_policing"],
            "ci_low": frame["reexport_policing"],
            "ci_high": frame["reexport_policing"],
        }
    )
    figure = draw_measure(bands, "reexport_policing")
    axis = figure.axes[0]
    assert axis.get_ylabel() == "Re-export policing (share of the channel), ↑ better"
    assert axis.get_title().startswith("Re-export policing")
    import matplotlib.pyplot as plt

    plt.close(figure)
