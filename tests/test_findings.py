"""The README's findings block: written by a command, and this test fails when the model changes its numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from experiments.analysis import findings
from world.errors import InputError

README = Path(__file__).resolve().parent.parent / "README.md"


@pytest.fixture(scope="module")
def probe_runs() -> pd.DataFrame:
    return findings.probe(findings.FindingsSettings())


def test_readme_findings_are_not_stale(probe_runs):
    stored = findings.stored_fingerprint(README.read_text(encoding="utf-8"))
    assert stored is not None, "README.md has no findings fingerprint: run `make docs`"
    assert stored == findings.fingerprint(findings.FindingsSettings(), probe_runs), (
        "the model's numbers changed since the README's findings were written: run `make docs`"
    )


def test_fingerprint_changes_when_an_outcome_or_a_setting_changes(probe_runs):
    settings = findings.FindingsSettings()
    digest = findings.fingerprint(settings, probe_runs)
    moved = probe_runs.copy()
    moved.loc[0, "gdp_final"] *= 1.001
    assert findings.fingerprint(settings, moved) != digest
    assert findings.fingerprint(findings.FindingsSettings(seeds=settings.seeds + 1), probe_runs) != digest
    assert findings.fingerprint(settings, probe_runs.drop(columns=["capture_events"])) != digest


def test_probe_runs_every_strategy_at_the_scenario_and_in_a_future(probe_runs):
    from world.registry import STRATEGIES

    assert sorted(set(probe_runs["strategy"])) == sorted(STRATEGIES.names())
    by_future = probe_runs.set_index(["future", "strategy"])["gdp_final"].unstack("future")
    assert (by_future["scenario"] != by_future["future 0"]).all()  # the future's parameters reached the model


def test_replace_block_keeps_the_rest_of_the_file_and_needs_the_markers():
    text = f"intro\n{findings.START}\nold\n{findings.END}\noutro\n"
    new = findings.replace_block(text, f"{findings.START}\nnew\n{findings.END}")
    assert new == f"intro\n{findings.START}\nnew\n{findings.END}\noutro\n"
    with pytest.raises(InputError, match="no findings block"):
        findings.replace_block("no markers here", "x")
