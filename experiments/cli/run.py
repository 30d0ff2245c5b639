"""``multivector run``: one run of one scenario and strategy, a summary table, and files on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.cli.options import parse_assignments
from experiments.cli.summary import print_summary
from experiments.files import atomic_directory, default_run_dir, write_json
from experiments.sweep.provenance import package_versions, session
from world import DiplomacyModel
from world.calendar import parse_quarter
from world.errors import InputError


def run(
    scenario: str = typer.Option(
        "eurasia", "--scenario", help="Scenario name (see world/scenarios) or path to a .toml file."
    ),
    strategy: Optional[str] = typer.Option(
        None, "--strategy", help="Kazakhstan's strategy (default: the scenario's), or package.module:Class."
    ),
    seed: int = typer.Option(0, "--seed", min=0, help="Random seed; same seed, same results."),
    set_: Optional[list[str]] = typer.Option(
        None, "--set", help="Parameter value, name=value (repeatable); see docs/parameters.md."
    ),
    until: Optional[str] = typer.Option(
        None, "--until", help="Last quarter to simulate, e.g. 2030Q4 (default: the scenario's horizon)."
    ),
    out: Optional[Path] = typer.Option(None, "--out", help="Output folder (default results/run-<timestamp>/)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the output folder."),
    allow_plugins: bool = typer.Option(
        False, "--allow-plugins", help="Run package.module:Class code the scenario's files name (trust them first)."
    ),
) -> None:
    """Run one simulation: print a summary and write timeseries.csv/.parquet, events.csv and run.json."""
    if until is not None:
        try:
            parse_quarter(until)
        except ValueError:
            raise InputError(f"--until {until!r}: expected a quarter like 2030Q4") from None
    model = DiplomacyModel(
        setting=scenario,
        strategy=strategy,
        rng=seed,
        until=until,
        allow_plugins=allow_plugins,
        **parse_assignments(set_),
    )
    model.run()
    target = out or default_run_dir("run")
    timeseries = model.timeseries()
    with atomic_directory(target) as folder:
        timeseries.to_csv(folder / "timeseries.csv", index=False, float_format="%.10g")
        timeseries.to_parquet(folder / "timeseries.parquet", index=False)
        model.events_frame().to_csv(folder / "events.csv", index=False)
        write_json(
            folder / "run.json",
            {
                "scenario": model.setting.name,
                "scenario_path": str(model.setting.path),
                "strategy": model.strategy_name,
                "seed": seed,
                "until": model.date,
                "parameters": model.params,
                "outcomes": model.outcomes(),
                "versions": package_versions(),
                "provenance": session(),
            },
        )
    if not quiet:
        print_summary(model, timeseries)
    print(f"wrote {target}/ (timeseries.csv, timeseries.parquet, events.csv, run.json)")


def register(app: typer.Typer) -> None:
    app.command("run")(run)
