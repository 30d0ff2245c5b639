"""Docs that are generated from data stay in sync with it."""

from __future__ import annotations

import csv
from pathlib import Path

from experiments.cli.params import parameter_table_markdown
from world import load_scenario

ROOT = Path(__file__).resolve().parents[1]


def test_parameters_md_matches_the_parameter_table():
    assert (ROOT / "docs" / "parameters.md").read_text() == parameter_table_markdown("eurasia"), (
        "docs/parameters.md is stale: run `multivector params --markdown > docs/parameters.md`"
    )


def test_every_lever_is_documented_with_unit_range_and_source():
    text = (ROOT / "docs" / "parameters.md").read_text()
    for lever in load_scenario("eurasia").levers.values():
        assert f"`{lever.name}`" in text and lever.source in text and lever.unit


def test_every_data_row_has_a_source():
    for path in (ROOT / "world" / "data").glob("*.csv"):
        with path.open() as handle:
            for row in csv.DictReader(handle):
                assert row.get("source", "").strip(), f"{path.name}: row without source: {row}"
