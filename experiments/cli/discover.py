"""``multivector discover RESULTS --outcome NAME --below X``: scenario discovery (PRIM) over a sweep's runs."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.cli.options import FIGURE_FORMAT, FIGURE_SIZE
from world.errors import InputError


def discover(
    results: Path = typer.Argument(..., help="A sweep results folder (multivector sweep, or study --futures N)."),
    outcome: str = typer.Option(..., "--outcome", "-o", help="Outcome column whose threshold defines the cases."),
    below: Optional[float] = typer.Option(None, "--below", help="Cases: runs whose outcome is below this value."),
    above: Optional[float] = typer.Option(None, "--above", help="Cases: runs whose outcome is above this value."),
    strategy: Optional[str] = typer.Option(
        None, "--strategy", "-s", help="Only this strategy's runs (default: all, the strategy as an input)."
    ),
    relative_to: Optional[str] = typer.Option(
        None,
        "--relative-to",
        help="'best' or a strategy: the outcome becomes --strategy's advantage over it in the same point and seed "
        "(positive = better); --below 0 finds where the strategy stops paying.",
    ),
    min_coverage: float = typer.Option(
        0.8, "--min-coverage", min=0.0, max=1.0, help="Report the densest box with at least this coverage."
    ),
    box: Optional[int] = typer.Option(None, "--box", min=0, help="Report this step of the peeling trajectory."),
    boxes: int = typer.Option(1, "--boxes", min=1, help="Boxes to find, one after another (PRIM's covering)."),
    seed: int = typer.Option(0, "--seed", min=0, help="Seed of the extra-trees feature scoring."),
    out: Optional[Path] = typer.Option(
        None, "--out", help="Where to write the CSVs and the figure (default: RESULTS)."
    ),
    figure_format: str = FIGURE_FORMAT,
    size: str = FIGURE_SIZE,
) -> None:
    """Find the box of inputs where an outcome falls below (or rises above) a threshold: PRIM's peeling
    trade-off between coverage and density, the box's limits, and feature scores (EMA Workbench)."""
    from experiments.analysis.discovery import discover as find
    from experiments.analysis.discovery import discovery_rows, format_discovery, write_discovery
    from experiments.analysis.figures import figure_style
    from experiments.ema import require
    from experiments.sweep.store import SweepResults

    if (below is None) == (above is None):
        raise InputError("give one threshold: --below X (cases: outcome < X) or --above X (cases: outcome > X)")
    with figure_style(figure_format, size):
        stored = SweepResults(results)
        require()  # a missing extra is said before the runs are read
        levers = [c for c in stored.parameter_columns if c in stored.spec.levers]
        x, values, what = discovery_rows(stored.outcomes(), levers, outcome, strategy, relative_to)
        threshold = below if below is not None else above
        found = find(x, values, threshold, below is not None, what, min_coverage, boxes, box, seed)
        stem = f"{outcome}_{strategy}" + (f"_vs_{relative_to}" if relative_to else "") if strategy else outcome
        files = write_discovery(found, out or results, stem)
    print(format_discovery(found))
    if files:
        print(f"wrote {', '.join(str(path) for path in files.values())}")


def register(app: typer.Typer) -> None:
    app.command("discover")(discover)
