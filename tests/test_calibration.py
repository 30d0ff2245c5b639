"""``multivector calibrate``: a stated loss over declared constants, reproducible from the same seeds."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from experiments.analysis.calibration import CALIBRATED_FILE, FREE_CONSTANTS, calibrate, calibrated_csv, report
from experiments.cli import main
from world import load_scenario
from world.errors import InputError
from world.scenario import _load_cached

SMALL = dict(seeds=1, max_evaluations=3, until="2022Q4", free=FREE_CONSTANTS[:2])


def test_a_small_calibration_reproduces_its_table_bit_for_bit():
    first, second = calibrate(**SMALL), calibrate(**SMALL)
    assert calibrated_csv(first) == calibrated_csv(second) and report(first) == report(second)
    assert first.loss <= first.start_loss  # least squares never ends above where it started
    assert {r.target.name for r in first.results} >= {"cpc_share_2022", "middle_volume_2021"}


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
