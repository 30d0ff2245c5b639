"""``multivector tipping --x LEVER --y LEVER``: a 2-D grid sweep and the map of where balancing stops paying."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.cli.options import FIGURE_FORMAT, FIGURE_SIZE
from experiments.cli.sweep import WORKERS, choose_executor, run_or_explain
from world.errors import InputError


def tipping(
    x: str = typer.Option("russian_pressure", "--x", help="Lever on the horizontal axis."),
    y: str = typer.Option("eu_investment", "--y", help="Lever on the vertical axis."),
    strategy: Optional[list[str]] = typer.Option(
        None,
        "--strategy",
        "-s",
        help=(
            "Strategies to compare (repeatable; default: all registered). The map compares multivector "
            "with the best of the others, so the result depends on this list; "
            "the report names it."
        ),
    ),
    resolution: int = typer.Option(5, "--resolution", min=2, help="Grid values per lever (over its full range)."),
    seeds: int = typer.Option(3, "--seeds", min=1, help="Seeds per grid cell."),
    outcome: str = typer.Option(
        "autonomy_mean_after_levers",
        "--outcome",
        help="Outcome to map; its direction (higher or lower is better) is the one compare uses.",
    ),
    scenario: str = typer.Option("eurasia", "--scenario", help="Scenario name or path."),
    until: Optional[str] = typer.Option(
        None, "--until", help="Last quarter to simulate (default: the scenario's horizon)."
    ),
    results: Optional[Path] = typer.Option(
        None,
        "--results",
        help="Results folder: read if it holds a sweep, else run into it (default results/tipping-X-Y).",
    ),
    workers: Optional[int] = WORKERS,
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, tcp://HOST:PORT."),
    dask_local: Optional[int] = typer.Option(
        None, "--dask-local", min=1, help="Start a local Dask cluster of N processes."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    force: bool = typer.Option(False, "--force", help="Replace an earlier map of the same outcome in the folder."),
    figure_format: str = FIGURE_FORMAT,
    size: str = FIGURE_SIZE,
) -> None:
    """Heatmap of the outcome per strategy, the contour where multivector stops beating the best alternative, and the boundary in numbers."""
    from experiments.analysis.figures import figure_style
    from experiments.analysis.tipping import (
        format_boundary,
        included_strategies,
        tipping_files,
        tipping_spec,
        write_tipping,
    )
    from experiments.sweep.driver import prepare
    from experiments.sweep.store import SWEEP_FILE, SweepResults, read_meta
    from world.registry import STRATEGIES

    with figure_style(figure_format, size):
        spec = tipping_spec(x, y, list(strategy or STRATEGIES.names()), resolution, seeds, scenario, until=until)
        target = results or Path("results") / spec.name
        files = tipping_files(target, outcome)
        if not force and any(path.exists() for path in files.values()):  # refuse before running a sweep
            raise InputError(
                f"{target}: a map of {outcome} is already there ({files['figure'].name}); "
                f"pass --force to replace it, or choose another --results folder"
            )
        executor = choose_executor(workers, scheduler, dask_local)
        if (target / SWEEP_FILE).is_file() and read_meta(target)["plan_digest"] != prepare(spec)[0].digest():
            print(f"reading the sweep stored in {target}/ (its grid differs from these options)")
        else:
            print(f"tipping sweep: {run_or_explain(spec, target, quiet, executor).line()}")
        cells, edges = write_tipping(
            SweepResults(target).outcomes(),
            x,
            y,
            outcome,
            target,
            strategies=list(strategy) if strategy else None,
            force=force,
        )
        print(format_boundary(edges, x, y, outcome=outcome, strategies=included_strategies(cells, x, y)))
        print(f"wrote {', '.join(str(path) for path in files.values())}")


def register(app: typer.Typer) -> None:
    app.command("tipping")(tipping)
