"""The historical replay reproduces the stylized facts (and the check has teeth: null worlds fail them)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from experiments.analysis.validation import (
    FACTS,
    HINDCAST_FILE,
    LEVEL_STATISTICS,
    NULL_WORLDS,
    TARGETS_FILE,
    Measure,
    levels,
    load_targets,
    statistic,
    world_matrix,
)
from experiments.cli import main
from experiments.cli.validate import README_END, README_START, markdown, readme_paragraph
from world.errors import InputError

ROOT = Path(__file__).resolve().parents[1]
SEEDS = 5  # as `make docs` runs it


@pytest.fixture(scope="module")
def matrix():
    return world_matrix(SEEDS)


@pytest.fixture(scope="module")
def replay(matrix):
    return matrix.model


def _failures(validation) -> str:
    return "; ".join(
        f"fact {f.fact.number} · {m.measure.label}: mean {m.mean:.4g}, band {m.band}, "
        f"{m.share_inside:.0%} inside {m.measure.interval()}"
        for f in validation.results
        for m in f.measures
        if not m.passed
    )


def test_the_stylized_facts_hold_in_the_model(replay):
    assert [r.fact.number for r in replay.results] == [fact.number for fact in FACTS]
    assert replay.passed, _failures(replay)


def test_every_fact_cites_a_source_and_states_its_tolerance():
    for fact in FACTS:
        assert "·" in fact.source and fact.tolerance and fact.measures
        for measure in fact.measures:
            assert measure.empirical and measure.low <= measure.high


@pytest.mark.parametrize("world", [w.name for w in NULL_WORLDS])
def test_every_null_world_fails_a_fact_the_model_passes(matrix, world):
    """Pattern-oriented modelling: a replay a world without the model's mechanisms also passes validates nothing."""
    failed = [r.fact.number for r in matrix.validations[world].results if not r.passed]
    assert failed and all(matrix.model.results[n - 1].passed for n in failed)
    assert matrix.discriminating


def test_frozen_trade_cannot_make_china_the_largest_partner(matrix):
    """Fact 2 rests on the model's trade dynamics: trade held at its 2010 pattern leaves China behind."""
    frozen = matrix.validations["frozen_trade"].results[1]
    assert frozen.fact.number == 2 and not frozen.measures[0].passed


def test_inert_actors_do_not_build_the_middle_corridor(matrix):
    """Fact 6 rests on the powers' corridor money: without it only the record's roadmap rows add capacity."""
    inert = {r.fact.number: r for r in matrix.validations["inert_actors"].results}
    assert inert[6].measures[0].mean < matrix.model.results[5].measures[0].mean


@pytest.mark.parametrize("path", [TARGETS_FILE, HINDCAST_FILE], ids=["targets", "hindcast"])
def test_every_level_target_has_a_source_and_is_read_off_the_replay(replay, path):
    targets = load_targets(path)
    assert targets and all(statistic(t.name) is not None for t in targets)
    for result in levels(replay.runs, targets):
        assert result.target.source and math.isfinite(result.mean)
        assert result.passed == (result.target.low <= result.mean <= result.target.high)


def test_every_level_is_measured_somewhere():
    names = {t.name.rpartition("_")[0] for path in (TARGETS_FILE, HINDCAST_FILE) for t in load_targets(path)}
    assert names == set(LEVEL_STATISTICS)


def test_a_bad_level_target_is_refused_with_the_file_and_field(tmp_path):
    path = tmp_path / "targets.csv"
    path.write_text("name,label,year,value,low,high,unit,source\nnope,x,2020,1,0,2,share,s\n", encoding="utf-8")
    with pytest.raises(InputError, match="targets.csv: row 2: field 'name'"):
        load_targets(path)


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
    assert f"all {len(FACTS)} facts pass" in printed and printed.count("pass") >= 13
    assert "inert_actors" in printed and "frozen_trade" in printed and "Kazakhstan's GDP" in printed
    report = (tmp_path / "validation.md").read_text()
    for fact in FACTS:
        png = tmp_path / "img" / "validation" / f"fact-{fact.number}.png"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"img/validation/fact-{fact.number}.png" in report and fact.source in report
    assert not [p for p in tmp_path.rglob(".*.tmp")]


def test_validate_command_rejects_a_file_as_output_folder(tmp_path, capsys):
    target = tmp_path / "file.txt"
    target.write_text("x")
    assert main(["validate", "--seeds", "1", "--out", str(target)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_docs_validation_md_is_current(matrix):
    assert (ROOT / "docs" / "validation.md").read_text() == markdown(matrix, "multivector validate --seeds 5") + "\n", (
        "docs/validation.md is stale: run `make docs` (or `multivector validate --seeds 5`)"
    )


def test_readme_replay_paragraph_matches_validate(matrix):
    text = (ROOT / "README.md").read_text()
    block = text.split(README_START, 1)[1].split(README_END, 1)[0].strip()
    assert block == readme_paragraph(matrix), "README's replay paragraph is stale: run `make docs`"
