"""The Keohane-Nye stress test: the cut does what it says, the twins differ only by it, and the CLI reports it."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from experiments.analysis.stress import StressSpec, stress, summarise, twin_losses
from experiments.cli import main
from world import DiplomacyModel
from world.actions import MAX_RESTRICTION
from world.shocks import PartnerCut

CUT_DATE = "2026Q1"


def cut_model(partner: str = "RUS", quarters: int = 4, seed: int = 2, until: str = "2027Q4"):
    model = DiplomacyModel(rng=seed, until=until)
    cut = PartnerCut(partner, 64, quarters)  # step 64 = 2026Q1
    cut.check(model)
    model.shocks.append(cut)
    return model, cut


def test_the_cut_closes_trade_both_ways_and_the_partners_corridors_then_lifts():
    model, cut = cut_model()
    r, cor = model.relations, model.corridors
    f, p = r.index_with_row["KAZ"], r.index_with_row["RUS"]
    model.run_for(cut.first_step)
    assert model.date == CUT_DATE
    assert r.restriction[f, p] == r.restriction[p, f] == MAX_RESTRICTION
    assert set(cut.controlled_corridors(model)) == {"northern", "arctic", "cpc", "atyrau_samara"}
    russian = [cor.index[c] for c in ("northern", "cpc", "atyrau_samara")]
    assert np.all(cor.disruption[russian] == 1.0) and np.all(cor.volume[russian] == 0.0)
    assert cor.disruption[cor.index["caspian_oil"]] == 0.0
    model.run_for(cut.quarters - 1)
    assert model.date == "2026Q4" and np.all(cor.disruption[russian] == 1.0)
    model.step()
    assert r.restriction[f, p] == 0.0 and r.restriction[p, f] == 0.0
    assert np.all(cor.disruption[russian] == 0.0) and cor.volume[cor.index["cpc"]] > 30
    assert type(model.agents_by_code["RUS"].policy).__name__ == "Russia"
    events = model.events_frame()
    assert list(events[events["action"].str.startswith("partner_cut")]["date"]) == [CUT_DATE, "2027Q1"]


def test_the_partners_investment_is_frozen_during_the_cut_only():
    model, cut = cut_model("CHN", until="2028Q4")
    model.run()
    fdi = model.events_frame().query("actor == 'CHN' and category == 'investment'")
    assert not fdi["date"].between("2026Q1", "2026Q4").any()
    assert fdi["date"].between("2027Q1", "2027Q4").any() and fdi["date"].between("2025Q1", "2025Q4").any()


def test_twins_are_identical_until_the_cut():
    uncut = DiplomacyModel(rng=4, until="2026Q4", record_events=False).run()
    cut, shock = cut_model(seed=4, until="2026Q4")
    cut.run()
    before = slice(0, shock.first_step)
    assert np.array_equal(uncut.recorder.data[before], cut.recorder.data[before])
    assert not np.array_equal(uncut.recorder.data[shock.first_step], cut.recorder.data[shock.first_step])


def test_losses_are_measured_against_the_uncut_twin():
    row = twin_losses(StressSpec(partner="RUS", seeds=1), "multivector", 0)
    assert 0.0 < row["vulnerability_gdp"] < row["vulnerability_exports"] < 1.0
    assert 0.0 < row["sensitivity_gdp"] < 1.0 and row["cumulative_gdp_loss_bn"] > 0.0
    harmless = twin_losses(StressSpec(partner="TJK", seeds=1), "multivector", 0)
    assert harmless["vulnerability_gdp"] < row["vulnerability_gdp"] / 10


def test_balancing_is_less_vulnerable_to_russia_than_bandwagoning():
    """The issue's question (docs/stress.md): multivector sells little to Russia, bandwagon_russia a third."""
    summary = summarise(stress(StressSpec(partner="RUS", seeds=2, strategies=("multivector", "bandwagon_russia"))))
    by_name = summary.set_index("strategy")
    assert by_name.loc["multivector", "vulnerability_gdp"] < by_name.loc["bandwagon_russia", "vulnerability_gdp"]
    assert (
        by_name.loc["multivector", "exports_to_partner_before"]
        < by_name.loc["bandwagon_russia", "exports_to_partner_before"]
    )


def test_stress_command_prints_and_writes_the_tables(tmp_path, capsys):
    out = tmp_path / "out"
    assert (
        main(
            ["stress", "--partner", "RUS", "--seeds", "1", "--strategies", "multivector,west_pivot", "--out", str(out)]
        )
        == 0
    )
    printed = capsys.readouterr().out
    assert "sensitivity GDP" in printed and "vulnerability GDP" in printed
    assert "multivector" in printed and "west_pivot" in printed
    assert sorted(p.name for p in out.iterdir()) == ["stress.csv", "stress.json", "stress_summary.csv"]
    rows = pd.read_csv(out / "stress.csv")
    assert set(rows["strategy"]) == {"multivector", "west_pivot"} and set(rows["partner"]) == {"RUS"}
    assert json.loads((out / "stress.json").read_text())["date"] == StressSpec().date


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--partner", "XYZ"], "allowed: RUS, CHN"),
        (["--partner", "KAZ"], "not a partner"),
        (["--partner", "RUS", "--date", "2040Q3"], "must start after 2010Q1 and end by 2040Q4"),
        (["--partner", "RUS", "--date", "soon"], "expected a quarter like 2026Q1"),
        (["--partner", "RUS", "--strategies", "multivector,nope"], "unknown strategy 'nope'"),
        (["--partner", "RUS", "--set", "russian_pressure=7"], "out of range"),
    ],
)
def test_stress_command_rejects_bad_input_with_exit_2_and_writes_nothing(tmp_path, capsys, args, fragment):
    out = tmp_path / "out"
    assert main(["stress", *args, "--seeds", "1", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and fragment in err, err
    assert not out.exists() and not list(tmp_path.iterdir())
