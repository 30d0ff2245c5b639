"""Code runs only where the user named it: a scenario file, a data table or a sweep spec naming
``module:Class`` imports nothing without --allow-plugins (the payload's file stays absent); the page takes
only the values it offered; whatever is loaded must be a Strategy or Policy subclass before it is called."""

from __future__ import annotations

import csv
import shutil
import uuid
from pathlib import Path

import pytest

from experiments.cli import main
from world import DiplomacyModel
from world.errors import InputError
from world.scenario import DATA_DIR, SCENARIO_DIR

PAYLOAD = """
from pathlib import Path
Path({marker!r}).write_text("the payload ran")
from world.decisions import Policy, Strategy

class Anything(Strategy):
    name = "anything"
    def decide(self, situation, rng):
        return []

class Pol(Policy):
    name = "pol"
"""


@pytest.fixture
def payload(tmp_path, monkeypatch):
    """A module on the import path whose top-level code writes a marker file; returns (module name, marker)."""
    name = f"payload_{uuid.uuid4().hex[:8]}"
    marker = tmp_path / "PAYLOAD-RAN"
    (tmp_path / f"{name}.py").write_text(PAYLOAD.format(marker=str(marker)))
    monkeypatch.syspath_prepend(str(tmp_path))
    return name, marker


def scenario_copy(folder: Path, **edits: str) -> Path:
    path = folder / "mine.toml"
    text = (SCENARIO_DIR / "eurasia.toml").read_text()
    for key, value in edits.items():
        text = (
            text.replace('strategy = "multivector"', f"{key} = {value}") if key == "strategy" else text + f"\n{value}\n"
        )
    path.write_text(text)
    return path


def run(*argv: str) -> int:
    return main(["run", "--until", "2010Q3", "--quiet", *argv])


def refused_without_import(capsys, marker: Path, code: int, *fragments: str) -> None:
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err
    assert "--allow-plugins" in err and all(f in err for f in fragments), err
    assert not marker.exists(), "the payload ran"


def test_a_scenario_strategy_naming_code_imports_nothing_without_the_flag(tmp_path, capsys, payload):
    module, marker = payload
    scenario = scenario_copy(tmp_path, strategy=f'"{module}:Anything"')
    refused_without_import(
        capsys, marker, run("--scenario", str(scenario), "--out", str(tmp_path / "o")), "mine.toml", "'strategy'"
    )
    assert not (tmp_path / "o").exists()
    assert run("--scenario", str(scenario), "--out", str(tmp_path / "o"), "--allow-plugins") == 0
    assert marker.exists()  # the user trusted the file: the plug-in ran


def test_scenario_policies_naming_code_are_refused(tmp_path, capsys, payload):
    module, marker = payload
    scenario = scenario_copy(tmp_path, policies=f'[policies]\nRUS = "{module}:Pol"')
    refused_without_import(
        capsys, marker, run("--scenario", str(scenario), "--out", str(tmp_path / "o")), "mine.toml", "policies.RUS"
    )


def test_the_actors_table_policy_column_naming_code_is_refused(tmp_path, capsys, payload):
    module, marker = payload
    scenario = scenario_copy(tmp_path)
    rows = list(csv.DictReader((DATA_DIR / "actors.csv").open()))
    next(r for r in rows if r["code"] == "RUS")["policy"] = f"{module}:Pol"
    with (tmp_path / "actors.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    refused_without_import(
        capsys, marker, run("--scenario", str(scenario), "--out", str(tmp_path / "o")), "actors.csv", "policy (RUS)"
    )


def test_a_sweep_spec_naming_code_is_refused_and_so_is_its_scenario(tmp_path, capsys, payload):
    module, marker = payload
    spec = tmp_path / "spec.toml"
    spec.write_text(f'strategies = ["{module}:Anything"]\nuntil = "2010Q3"\n')
    refused_without_import(
        capsys,
        marker,
        main(["sweep", str(spec), "--workers", "1", "--out", str(tmp_path / "o")]),
        "spec.toml",
        "'strategies'",
    )
    scenario = scenario_copy(tmp_path, policies=f'[policies]\nRUS = "{module}:Pol"')
    spec.write_text(f'scenarios = ["{scenario}"]\nstrategies = ["multivector"]\nuntil = "2010Q3"\n')
    refused_without_import(
        capsys, marker, main(["sweep", str(spec), "--workers", "1", "--out", str(tmp_path / "o")]), "mine.toml"
    )
    assert not (tmp_path / "o").exists()


def test_a_strategy_named_on_the_command_line_or_in_python_still_loads(tmp_path, payload):
    module, marker = payload
    assert DiplomacyModel(strategy=f"{module}:Anything", until="2010Q3").strategy_name == f"{module}:Anything"
    assert marker.exists()
    assert run("--strategy", f"{module}:Anything", "--out", str(tmp_path / "o")) == 0


@pytest.mark.parametrize(
    "name, says",
    [
        ("subprocess:Popen", "not a subclass of world.decisions.Strategy"),
        ("this:X", "no class 'X'"),
        ("world.decisions:Strategy", "base class"),
        ("agents.policy:Strategy", "cannot import module"),
        (":", "expected package.module:ClassName"),
        ("os:path", "no class 'path'"),
    ],
)
def test_a_user_named_class_is_checked_before_it_is_called(tmp_path, capsys, monkeypatch, name, says):
    called = []
    monkeypatch.setattr("subprocess.Popen.__init__", lambda *a, **k: called.append(a))
    assert run("--strategy", name, "--out", str(tmp_path / "o")) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and says in captured.err, captured.err
    assert captured.out == "" and not called  # `this` prints the Zen of Python on import: kept off our output


def test_a_policy_meant_for_institutions_given_to_a_state_is_refused(tmp_path, capsys):
    scenario = scenario_copy(tmp_path, policies='[policies]\nRUS = "eaeu"')
    assert run("--scenario", str(scenario), "--out", str(tmp_path / "o")) == 2
    err = capsys.readouterr().err
    assert "mine.toml" in err and "policies.RUS" in err and "eaeu" in err


def test_the_page_refuses_values_it_never_offered(tmp_path, payload):
    from viz.session import SessionModel

    module, marker = payload
    with pytest.raises(InputError, match="not offered"):
        SessionModel(strategy=f"{module}:Anything")
    scenario = scenario_copy(tmp_path, strategy=f'"{module}:Anything"')
    shutil.copy(scenario, tmp_path / "other.toml")
    with pytest.raises(InputError, match="not offered"):
        SessionModel(scenario_name=str(tmp_path / "other.toml"))
    assert not marker.exists()
    assert SessionModel(strategy="passive").strategy_name == "passive"
