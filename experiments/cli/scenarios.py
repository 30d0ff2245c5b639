"""``multivector scenarios``: the shipped scenarios with their titles, descriptions and lever values."""

from __future__ import annotations

import json

import typer

from world import load_scenario
from world.scenario import available_scenarios


def scenario_table() -> list[dict]:
    """One dict per shipped scenario: name, title, description (one paragraph) and its lever values."""
    rows = []
    for name in available_scenarios():
        scenario = load_scenario(name)
        rows.append(
            {
                "name": name,
                "title": scenario.spec.title,
                "description": " ".join(scenario.spec.description.split()),
                "levers": {lever: scenario.parameter_values[lever] for lever in scenario.levers},
            }
        )
    return rows


def scenarios(
    as_json: bool = typer.Option(False, "--json", help="Print the list as JSON for tools."),
) -> None:
    """List the scenarios in world/scenarios: name, title, what each assumes and its lever values. Use one with
    `multivector run --scenario NAME`, or a path to your own .toml."""
    rows = scenario_table()
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        return
    for row in rows:
        print(f"{row['name']}  {row['title']}")
        print(f"  {row['description']}")
        print("  levers: " + ", ".join(f"{name} {value:g}" for name, value in row["levers"].items()))


def register(app: typer.Typer) -> None:
    app.command("scenarios")(scenarios)
