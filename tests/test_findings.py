"""The README's findings block: written by a command, and this test fails when the model changes its numbers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from experiments.analysis import findings
from world.errors import InputError

README = Path(__file__).resolve().parent.parent / "README.md"
STUDY_DOC = Path(__file__).resolve().parent.parent / "docs" / "study.md"


@pytest.fixture(scope="module")
def probe_runs() -> pd.DataFrame:
    return findings.probe(findings.FindingsSettings())


def test_readme_findings_are_not_stale(probe_runs):
    stored = findings.stored_fingerprint(README.read_text(encoding="utf-8"))
    assert stored is not None, "README.md has no findings fingerprint: run `make docs`"
    assert stored == findings.fingerprint(findings.FindingsSettings(), probe_runs), (
        "the model's numbers changed since the README's findings were written: run `make docs`"
    )


def test_the_answers_tables_in_docs_study_md_are_not_stale(probe_runs):
    text = STUDY_DOC.read_text(encoding="utf-8")
    stored = findings.stored_fingerprint(text, findings.DETAILS_START, findings.DETAILS_END)
    assert stored is not None, "docs/study.md has no answer block with a fingerprint: run `make docs`"
    assert stored == findings.fingerprint(findings.FindingsSettings(), probe_runs), (
        "the model's numbers changed since docs/study.md's answer tables were written: run `make docs`"
    )


def test_the_readme_states_the_answer_with_the_grid_the_welfare_terms_and_rank_stability():
    block = findings.block_of(README.read_text(encoding="utf-8"))
    for heading in (
        "**The answer, stated.**",
        "**Multivector − each alternative on the lever grid**",
        "**Why: welfare by its terms**",
        "**Rank stability over the behaviour constants**",
    ):
        assert heading in block, f"the findings block lacks {heading}: run `make docs`"


def test_fingerprint_changes_when_a_design_of_the_answer_changes(probe_runs, monkeypatch):
    import dataclasses

    from experiments.analysis import lever_grid

    settings = findings.FindingsSettings()
    digest = findings.fingerprint(settings, probe_runs)
    assert findings.fingerprint(findings.FindingsSettings(stability_trajectories=4), probe_runs) != digest
    monkeypatch.setitem(lever_grid.LEVER_GRID, "eu_investment", (0.0, 1.0, 3.0))
    assert findings.fingerprint(settings, probe_runs) != digest
    monkeypatch.undo()
    import experiments.analysis.rank_stability as rank_stability

    real = rank_stability.constants_of

    def narrower(scenario="eurasia", names=rank_stability.RANKING_CONSTANTS):
        found = dict(real(scenario, names))
        p = found["loyalty_bar"]
        found["loyalty_bar"] = dataclasses.replace(p, high=p.high - 1)
        return found

    monkeypatch.setattr(rank_stability, "constants_of", narrower)
    assert findings.fingerprint(settings, probe_runs) != digest


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
    assert (by_future["scenario"] != by_future["answer"]).all()  # so did the grid corner's and the design's


def test_replace_block_keeps_the_rest_of_the_file_and_needs_the_markers():
    text = f"intro\n{findings.START}\nold\n{findings.END}\noutro\n"
    new = findings.replace_block(text, f"{findings.START}\nnew\n{findings.END}")
    assert new == f"intro\n{findings.START}\nnew\n{findings.END}\noutro\n"
    with pytest.raises(InputError, match="no findings block"):
        findings.replace_block("no markers here", "x")
