"""The historical replay reproduces the five stylized facts of MODEL-BRIEF (and the check has teeth)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from experiments.analysis.validation import (
    FACTS,
    LEVEL_STATISTICS,
    MATRIX_STRATEGIES,
    Measure,
    levels,
    load_targets,
    strategy_matrix,
    validate,
)
from experiments.cli import main
from experiments.cli.validate import README_END, README_START, markdown, readme_paragraph
from world.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = 5  # as `make docs` runs it


@pytest.fixture(scope="module")
def matrix():
    return strategy_matrix(SEEDS)


@pytest.fixture(scope="module")
def replay(matrix):
    return matrix.validations["multivector"]


def _failures(validation) -> str:
    return "; ".join(
        f"fact {f.fact.number} · {m.measure.label}: mean {m.mean:.4g}, band {m.band}, "
        f"{m.share_inside:.0%} inside {m.measure.interval()}"
        for f in validation.results
        for m in f.measures
        if not m.passed
    )


def test_the_five_stylized_facts_hold_for_the_historical_strategy(replay):
    assert [r.fact.number for r in replay.results] == [1, 2, 3, 4, 5]
    assert replay.passed, _failures(replay)


def test_every_fact_cites_a_source_and_states_its_tolerance():
    for fact in FACTS:
        assert "·" in fact.source and fact.tolerance and fact.measures
        for measure in fact.measures:
            assert measure.empirical and measure.low <= measure.high


@pytest.mark.parametrize("strategy", [s for s in MATRIX_STRATEGIES if s not in ("multivector", "adaptive")])
def test_the_null_model_and_every_fixed_alternative_fail_a_fact(matrix, strategy):
    """Pattern-oriented modelling: a replay the wrong model also passes validates nothing."""
    assert not matrix.validations[strategy].passed
    assert matrix.discriminating


def test_a_passive_kazakhstan_no_longer_gets_the_records_moves(matrix):
    """The 2010 customs union, the 2022 Turkic partnerships and the trans-Caspian instruction are choices."""
    passive = {r.fact.number: r for r in matrix.validations["passive"].results}
    assert passive[1].measures[0].mean == 0.0  # never joined the customs union
    assert passive[3].measures[1].mean < 2.0  # no reorientation to the Caspian
    assert passive[5].measures[1].mean <= 0.0  # no partnership with Azerbaijan


def test_every_level_target_has_a_source_and_is_read_off_the_replay(replay):
    targets = load_targets()
    assert {t.name for t in targets} == set(LEVEL_STATISTICS)
    for result in levels(replay.runs, targets):
        assert result.target.source and math.isfinite(result.mean)
        assert result.passed == (result.target.low <= result.mean <= result.target.high)


def test_a_bad_level_target_is_refused_with_the_file_and_field(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("name,label,year,value,low,high,unit,source\nnope,x,2020,1,0,2,share,s\n", encoding="utf-8")
    with pytest.raises(InputError, match="targets.csv: row 2: field 'name'"):
        load_targets(path)


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
    assert main(["validate", "--seeds", "2", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "all five facts pass" in printed and printed.count("pass") >= 13
    assert "passive" in printed and "Kazakhstan's GDP" in printed
    report = (tmp_path / "validation.md").read_text()
    for fact in FACTS:
        png = tmp_path / "img" / "validation" / f"fact-{fact.number}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"img/validation/fact-{fact.number}.png" in report and fact.source in report
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def test_validate_command_exits_1_when_a_fact_fails(tmp_path, capsys):
    assert main(["validate", "--seeds", "1", "--strategy", "passive", "--out", str(tmp_path)]) == 1
    assert "FAILED: fact 1" in capsys.readouterr().out
    assert "## Detail: `passive`" in (tmp_path / "validation.md").read_text()


def test_validate_command_rejects_a_file_as_output_folder(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert main(["validate", "--seeds", "1", "--out", str(target)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_docs_validation_md_is_current(matrix):
    assert (ROOT / "docs" / "validation.md").read_text() == markdown(
        matrix, "multivector", "multivector validate --seeds 5"
    ) + "\n", "docs/validation.md is stale: run `make docs` (or `multivector validate --seeds 5`)"


def test_readme_replay_paragraph_matches_validate(matrix):
    text = (ROOT / "README.md").read_text()
    block = text.split(README_START, 1)[1].split(README_END, 1)[0].strip()
    assert block == readme_paragraph(matrix), "README's replay paragraph is stale: run `make docs`"
