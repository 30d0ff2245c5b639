"""docs/scenarios.md stays true: its inline event loads, and its tougher-Russia example runs and changes Russia."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from experiments.cli import main
from world import DiplomacyModel
from world.scenario import SCENARIO_DIR

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "scenarios.md").read_text(encoding="utf-8")
UNTIL = "2029Q4"
LEVERS_FROM = "2025Q1"


def block(language: str, first_line: str) -> str:
    """The fenced block of ``language`` whose first line starts with ``first_line``."""
    for code in re.findall(rf"```{language}\n(.*?)```", GUIDE, flags=re.S):
        if code.startswith(first_line):
            return code
    raise AssertionError(f"docs/scenarios.md: no ```{language} block starting with {first_line!r}")


@pytest.fixture(scope="module")
def example(tmp_path_factory):
    """The guide's module and scenario file, written to a folder as a user would."""
    folder = tmp_path_factory.mktemp("guide")
    (folder / "tough_russia.py").write_text(block("python", "# tough_russia.py"))
    (folder / "tough_russia.toml").write_text(block("toml", "# tough_russia.toml"))
    return folder


def russian_pressure_quarters(model, after: bool) -> int:
    events = model.events_frame()
    mine = events[(events["actor"] == "RUS") & (events["origin"] == "policy") & (events["target"] == "KAZ")]
    dates = mine["date"] >= LEVERS_FROM if after else mine["date"] < LEVERS_FROM
    return mine[dates]["date"].nunique()


def test_the_tougher_russia_presses_in_more_quarters_after_the_levers_act(example, monkeypatch):
    monkeypatch.syspath_prepend(str(example))
    tough = DiplomacyModel(rng=0, until=UNTIL, policies={"RUS": "tough_russia:TougherRussia"}).run()
    usual = DiplomacyModel(rng=0, until=UNTIL).run()
    assert russian_pressure_quarters(tough, after=True) > russian_pressure_quarters(usual, after=True)
    assert tough.outcomes()["pressure_received_mean"] > usual.outcomes()["pressure_received_mean"]
    before = lambda m: m.timeseries().query("date < @LEVERS_FROM")  # noqa: E731
    assert before(tough).equals(before(usual))  # the same world until the levers act


def test_the_scenario_file_route_runs_through_the_cli(example, monkeypatch, tmp_path):
    monkeypatch.syspath_prepend(str(example))
    out = tmp_path / "run"
    argv = [
        "run",
        "--scenario",
        str(example / "tough_russia.toml"),
        "--until",
        UNTIL,
        "--out",
        str(out),
        "--quiet",
        "--allow-plugins",
    ]
    assert main(argv) == 0
    events = (out / "events.csv").read_text()
    assert "no quarter without pressure" in events


def test_the_python_snippet_of_the_guide_runs(example, monkeypatch, capsys):
    monkeypatch.syspath_prepend(str(example))
    snippet = block("python", "from world import DiplomacyModel")
    exec(compile(snippet, "docs/scenarios.md", "exec"), {"__name__": "guide"})
    tough, usual = map(float, capsys.readouterr().out.split())
    assert tough > usual


def test_the_inline_event_of_the_guide_is_a_valid_event(tmp_path):
    scenario = tmp_path / "with_event.toml"
    scenario.write_text('name = "with_event"\n\n' + block("toml", "[[events]]"))
    model = DiplomacyModel(str(scenario), rng=0, until="2027Q2").run()
    events = model.events_frame()
    assert "A second court order halts the CPC terminal for two quarters" in set(events["reason"])


def test_the_escalation_excerpt_matches_the_shipped_scenario():
    shown = tomllib.loads(block("toml", 'name = "escalation"'))
    shipped = tomllib.loads((SCENARIO_DIR / "escalation.toml").read_text())
    assert shown["parameters"] == shipped["parameters"]
    assert all(shipped[key] == value for key, value in shown.items() if key != "parameters")


def test_every_field_the_guide_lists_is_a_field_of_the_scenario_schema():
    from world.scenario import ScenarioSpec

    listed = set(re.findall(r"^\| `\[{0,2}(\w+)\]{0,2}`", GUIDE, flags=re.M))
    listed |= {
        name
        for row in re.findall(r"^\| (`\w+`(?:, `\w+`)+) \|", GUIDE, flags=re.M)
        for name in re.findall(r"`(\w+)`", row)
    }
    assert set(ScenarioSpec.model_fields) <= listed, set(ScenarioSpec.model_fields) - listed
