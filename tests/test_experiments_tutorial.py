"""docs/tutorial-researchers.md stays true: its commands parse, its specs validate, its Python runs."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
import typer

from experiments.cli import app
from experiments.sweep.driver import prepare

ROOT = Path(__file__).resolve().parents[1]
TUTORIAL = (ROOT / "docs" / "tutorial-researchers.md").read_text()


def blocks(language: str) -> list[str]:
    return re.findall(rf"```{language}\n(.*?)```", TUTORIAL, flags=re.S)


def commands() -> list[list[str]]:
    lines = [line.split("  #")[0].strip() for block in blocks("bash") for line in block.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("multivector ")]


def test_the_tutorial_has_commands_for_every_step():
    used = {argv[0] for argv in commands()}
    assert {"run", "sweep", "compare", "sensitivity", "tipping"} <= used


@pytest.mark.parametrize("argv", commands(), ids=lambda argv: " ".join(argv)[:60])
def test_every_command_parses(argv):
    group = typer.main.get_command(app)
    command = group.get_command(None, argv[0])
    assert command is not None, argv[0]
    command.make_context(argv[0], list(argv[1:]))  # raises a usage error for unknown options
    if argv[0] == "sweep":
        prepare(ROOT / argv[1])  # the spec exists and validates against the world (writes nothing)


@pytest.mark.parametrize("spec", sorted((ROOT / "experiments" / "specs").glob("*.toml")), ids=lambda p: p.name)
def test_example_specs_validate(spec):
    plan, _ = prepare(spec)
    assert plan.runs > 0


def test_the_spec_shown_is_the_shipped_grid_spec():
    shown = tomllib.loads(blocks("toml")[0])
    assert shown == tomllib.loads((ROOT / "experiments" / "specs" / "grid.toml").read_text())


def test_python_snippets_without_stored_results_run():
    snippets = [code for code in blocks("python") if "results/" not in code]
    assert snippets
    for code in snippets:
        exec(compile(code, "tutorial", "exec"), {"__name__": "tutorial"})
