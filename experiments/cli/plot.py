"""``multivector plot RESULTS --measure NAME``: a measure over time, a band (mean, 95 % interval) per strategy."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.cli.options import FIGURE_FORMAT, FIGURE_SIZE


def plot(
    results: Path = typer.Argument(
        ..., help="A sweep results folder whose spec stored time series (timeseries = true or a list)."
    ),
    measure: str = typer.Option(
        "autonomy", "--measure", "-m", help="Time-series column to plot, e.g. autonomy, gdp, dependence.RUS."
    ),
    out: Optional[Path] = typer.Option(
        None, "--out", help="Where to write plot_<measure>.png (or .pdf, .svg) and .csv (default: RESULTS)."
    ),
    figure_format: str = FIGURE_FORMAT,
    size: str = FIGURE_SIZE,
) -> None:
    """Plot a measure over time from a sweep's stored time series.

    Per strategy, the mean over runs and its 95 % t-interval as a band; axes
    labelled with units and the better direction; a PNG, and the bands as CSV.
    """
    from experiments.analysis.figures import figure_style
    from experiments.analysis.timeplot import write_measure_plot
    from experiments.sweep.store import SweepResults

    with figure_style(figure_format, size):
        stored = SweepResults(results)
        bands, path = write_measure_plot(stored, measure, out or results)
    runs = bands.groupby("strategy", sort=False)["n"].max()
    print(
        f"{measure}: {len(bands['date'].unique())} quarters; runs per strategy: "
        + ", ".join(f"{name} {n}" for name, n in runs.items())
    )
    print(f"wrote {path} and {path.with_suffix('.csv')}")


def register(app: typer.Typer) -> None:
    app.command("plot")(plot)
