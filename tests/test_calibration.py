"""``multivector calibrate``: a stated loss over declared constants, reproducible from the same seeds."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

import experiments.analysis.calibration as calibration_module
from experiments.analysis.calibration import CALIBRATED_FILE, FREE_CONSTANTS, calibrate, calibrated_csv, report
from experiments.analysis.validation import CALIBRATION_CUTOFF, HINDCAST_FILE, TARGETS_FILE, Target, load_targets
from experiments.cli import main
from world import load_scenario
from world.errors import InputError
from world.scenario import _load_cached

SMALL = dict(seeds=1, max_evaluations=3, until="2021Q4", free=FREE_CONSTANTS[:2])


def test_a_small_calibration_reproduces_its_table_bit_for_bit():
    first, second = calibrate(**SMALL), calibrate(**SMALL)
    assert calibrated_csv(first) == calibrated_csv(second) and report(first) == report(second)
    assert first.loss <= first.start_loss  # least squares never ends above where it started
    assert {r.target.name for r in first.results} >= {"cpc_share_2021", "middle_volume_2021"}


def test_the_targets_table_holds_no_figure_after_the_cut_off():
    """2022-2024 is the out-of-sample hindcast: read the table itself, not the loader."""
    with TARGETS_FILE.open(encoding="utf-8") as handle:
        years = [int(row["year"]) for row in csv.DictReader(handle)]
    assert years and max(years) <= CALIBRATION_CUTOFF == 2021
    with HINDCAST_FILE.open(encoding="utf-8") as handle:
        assert min(int(row["year"]) for row in csv.DictReader(handle)) > CALIBRATION_CUTOFF


def test_calibrate_fits_no_target_and_replays_no_quarter_after_the_cut_off(monkeypatch):
    """Whatever it is handed (a later target, a later --until), calibrate evaluates only 2021 and earlier."""
    seen_targets, seen_until = [], []
    real = calibration_module._evaluate

    def spy(values, seeds, until, targets):
        seen_targets.extend(targets)
        seen_until.append(until)
        return real(values, seeds, until, targets)

    monkeypatch.setattr(calibration_module, "_evaluate", spy)
    later = Target("cpc_share_2022", "CPC share", 2022, 0.81, 0.76, 0.86, "share", "test")
    fit = calibrate(
        seeds=1, max_evaluations=1, until="2024Q4", free=FREE_CONSTANTS[:1], targets=(*load_targets(), later)
    )
    assert seen_targets and max(t.year for t in seen_targets) <= CALIBRATION_CUTOFF
    assert set(seen_until) == {f"{CALIBRATION_CUTOFF}Q4"} and fit.until == f"{CALIBRATION_CUTOFF}Q4"
    assert later.name not in {r.target.name for r in fit.results}


def test_a_target_after_the_cut_off_is_refused_in_the_targets_table(tmp_path):
    path = tmp_path / "calibration_targets.csv"
    path.write_text(
        "name,label,year,value,low,high,unit,source\ncpc_share_2022,CPC,2022,0.81,0.76,0.86,share,s\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="row 2: field 'year' = 2022 is after the calibration cut-off 2021"):
        load_targets(path)


def test_the_free_constants_are_model_parameters_searched_inside_their_ranges():
    parameters = load_scenario("eurasia").parameters
    for c in FREE_CONSTANTS:
        p = parameters[c.name]
        assert p.kind == "model" and p.low <= c.low < c.high <= p.high, c.name


def test_the_scenario_uses_the_shipped_table():
    values = load_scenario("eurasia").parameter_values
    with CALIBRATED_FILE.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["name"] for r in rows} == {c.name for c in FREE_CONSTANTS}
    for row in rows:
        assert values[row["name"]] == pytest.approx(float(row["value"]))


def test_a_calibrated_value_out_of_range_is_refused(tmp_path):
    scenario = tmp_path / "s.toml"
    scenario.write_text('name = "s"\n[data]\ncalibrated = "fit.csv"\n', encoding="utf-8")
    (tmp_path / "fit.csv").write_text("name,value,source\nroute_logit_scale,900,test\n", encoding="utf-8")
    _load_cached.cache_clear()
    with pytest.raises(InputError, match="fit.csv: field 'name': parameter 'route_logit_scale' = 900"):
        load_scenario(scenario)


def test_calibrate_command_writes_the_table_and_report(tmp_path: Path, capsys):
    table, out = tmp_path / "fit.csv", tmp_path / "fit.md"
    assert (
        main(
            [
                "calibrate",
                "--seeds",
                "1",
                "--max-evaluations",
                "2",
                "--until",
                "2021Q4",
                "--table",
                str(table),
                "--report",
                str(out),
            ]
        )
        == 0
    )
    assert "loss" in capsys.readouterr().out
    assert table.read_text().startswith("name,value,source\n") and "| target | year | fitted |" in out.read_text()
    assert not list(tmp_path.glob(".*.tmp"))
