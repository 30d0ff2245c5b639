"""The great powers' actions depend on Kazakhstan's strategy, and docs/actors.md says so and is current."""

from __future__ import annotations

from pathlib import Path

import pytest

from experiments.analysis.actors import COMPARED, action_counts, actors_markdown, differing_strategies
from experiments.cli import main
from world.scenario import MAJOR_PARTNERS

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def cheap_counts():
    return action_counts(list(COMPARED), seeds=1)


@pytest.mark.parametrize("actor", MAJOR_PARTNERS)
def test_every_great_power_acts_differently_under_different_strategies(cheap_counts, actor):
    table, _ = cheap_counts
    assert differing_strategies(table, actor), table.loc[actor]


def test_differing_strategies_fails_for_identical_counts(cheap_counts):
    table, _ = cheap_counts
    same = table.copy()
    for strategy in COMPARED[1:]:
        same[strategy] = same[COMPARED[0]]
    assert not any(differing_strategies(same, actor) for actor in MAJOR_PARTNERS)


def test_the_null_model_draws_no_reward_from_russia():
    table, concessions = action_counts(["passive", "bandwagon_russia"], seeds=1)
    russia = table.loc["RUS"]
    assert "energy_discount" not in russia.index or russia.loc["energy_discount", "passive"] == 0
    assert russia.loc["energy_discount", "bandwagon_russia"] > 0
    assert concessions["passive"] == 0 and concessions["bandwagon_russia"] > 0


def test_docs_actors_md_is_current(tmp_path):
    out = tmp_path / "actors.md"
    assert main(["actors", "--out", str(out)]) == 0
    assert (ROOT / "docs" / "actors.md").read_text() == out.read_text(), (
        "docs/actors.md is stale: run `multivector actors` (or `make docs`)"
    )


def test_actors_markdown_has_a_table_per_great_power(cheap_counts):
    table, concessions = cheap_counts
    text = actors_markdown(table, concessions, 1, "eurasia", "multivector actors --seeds 1")
    for actor in MAJOR_PARTNERS:
        assert f"## {actor}\n" in text
    assert "| kind | multivector | west_pivot | bandwagon_russia |" in text


def test_actors_refuses_a_folder_as_output(tmp_path, capsys):
    assert main(["actors", "--out", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
