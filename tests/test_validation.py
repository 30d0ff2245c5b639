"""The historical replay reproduces the five stylized facts of MODEL-BRIEF (and the check has teeth)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from experiments.cli import main
from experiments.cli.validate import markdown
from experiments.analysis.validation import FACTS, Measure, validate

ROOT = Path(__file__).resolve().parents[1]
SEEDS = 20


@pytest.fixture(scope="module")
def replay():
    return validate(SEEDS)


def _failures(validation) -> str:
    return "; ".join(f"fact {f.fact.number} · {m.measure.label}: mean {m.mean:.4g}, band {m.band}, "
                     f"{m.share_inside:.0%} inside {m.measure.interval()}"
                     for f in validation.results for m in f.measures if not m.passed)


def test_the_five_stylized_facts_hold_over_20_seeds(replay):
    assert [r.fact.number for r in replay.results] == [1, 2, 3, 4, 5]
    assert replay.passed, _failures(replay)


def test_every_fact_cites_a_source_and_states_its_tolerance():
    for fact in FACTS:
        assert "·" in fact.source and fact.tolerance and fact.measures
        for measure in fact.measures:
            assert measure.empirical and measure.low <= measure.high


def test_a_strategy_that_leaves_the_eaeu_fails_fact_one():
    """Teeth: isolationist leaves the EAEU and the CSTO, which the replay must catch."""
    validation = validate(2, strategy="isolationist")
    by_number = {r.fact.number: r for r in validation.results}
    assert not by_number[1].passed and not validation.passed
    assert by_number[1].measures[0].mean < 0.1


@pytest.mark.parametrize(
    ("low", "high", "open_low", "open_high", "inside", "outside", "words"),
    [
        (0.0, math.inf, True, False, 1e-9, 0.0, "> 0"),
        (-math.inf, 0.0, False, True, -1e-9, 0.0, "< 0"),
        (0.0, 0.5, False, True, 0.0, 0.5, "[0, 0.5)"),
        (0.71, 0.91, False, False, 0.91, 0.6, "[0.71, 0.91]"),
        (1.0, 1.0, False, False, 1.0, 0.99, "= 1"),
    ],
)
def test_measure_intervals(low, high, open_low, open_high, inside, outside, words):
    measure = Measure("m", lambda ts: 0.0, low, high, "figure", open_low=open_low, open_high=open_high)
    assert measure.passes(inside) and not measure.passes(outside)
    assert measure.interval() == words


def test_validate_command_writes_the_report_and_a_plot_per_fact(tmp_path, capsys):
    assert main(["validate", "--seeds", "3", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "all five facts pass" in printed and printed.count("pass") >= 13
    report = (tmp_path / "validation.md").read_text()
    for fact in FACTS:
        png = tmp_path / "img" / "validation" / f"fact-{fact.number}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"img/validation/fact-{fact.number}.png" in report and fact.source in report
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def test_validate_command_exits_1_when_a_fact_fails(tmp_path, capsys):
    assert main(["validate", "--seeds", "2", "--strategy", "isolationist", "--out", str(tmp_path)]) == 1
    assert "FAILED: fact 1" in capsys.readouterr().out


def test_validate_command_rejects_a_file_as_output_folder(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert main(["validate", "--seeds", "1", "--out", str(target)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_docs_validation_md_is_current(replay):
    assert (ROOT / "docs" / "validation.md").read_text() == markdown(replay, "multivector validate --seeds 20") + "\n", (
        "docs/validation.md is stale: run `multivector validate --seeds 20`"
    )
