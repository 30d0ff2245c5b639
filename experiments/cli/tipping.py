"""``multivector tipping --x LEVER --y LEVER``: a 2-D grid sweep and the map of where balancing stops paying."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.cli.sweep import WORKERS, choose_executor, run_or_explain


def tipping(
    x: str = typer.Option("russian_pressure", "--x", help="Lever on the horizontal axis."),
    y: str = typer.Option("eu_investment", "--y", help="Lever on the vertical axis."),
    strategy: Optional[list[str]] = typer.Option(None, "--strategy", "-s", help="Strategies to compare (repeatable; default: all registered)."),
    resolution: int = typer.Option(5, "--resolution", min=2, help="Grid values per lever (over its full range)."),
    seeds: int = typer.Option(3, "--seeds", min=1, help="Seeds per grid cell."),
    outcome: str = typer.Option("autonomy_mean_after_levers", "--outcome", help="Outcome to map (higher = better)."),
    scenario: str = typer.Option("eurasia", "--scenario", help="Scenario name or path."),
    until: Optional[str] = typer.Option(None, "--until", help="Last quarter to simulate (default: the scenario's horizon)."),
    results: Optional[Path] = typer.Option(None, "--results", help="Results folder: read if it holds a sweep, else run into it (default results/tipping-X-Y)."),
    workers: Optional[int] = WORKERS,
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, tcp://HOST:PORT."),
    dask_local: Optional[int] = typer.Option(None, "--dask-local", min=1, help="Start a local Dask cluster of N processes."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Heatmap of the outcome per strategy, the contour where multivector stops beating the best alternative, and the boundary in numbers."""
    from experiments.sweep.store import SWEEP_FILE, SweepResults, read_meta
    from experiments.sweep.driver import prepare
    from experiments.analysis.tipping import format_boundary, tipping_spec, write_tipping
    from world.registry import STRATEGIES

    spec = tipping_spec(x, y, list(strategy or STRATEGIES.names()), resolution, seeds, scenario, until=until)
    target = results or Path("results") / spec.name
    executor = choose_executor(workers, scheduler, dask_local)
    if (target / SWEEP_FILE).is_file() and read_meta(target)["plan_digest"] != prepare(spec)[0].digest():
        print(f"reading the sweep stored in {target}/ (its grid differs from these options)")
    else:
        print(f"tipping sweep: {run_or_explain(spec, target, quiet, executor).line()}")
    cells, edges = write_tipping(SweepResults(target).outcomes(), x, y, outcome, target)
    print(format_boundary(edges, x, y))
    print(f"wrote {target}/tipping.png, tipping.csv, tipping_boundary.csv")


def register(app: typer.Typer) -> None:
    app.command("tipping")(tipping)
