"""A measure over time from a sweep's stored time series: mean and 95 % interval per strategy, as a band.

Each quarter's band is a Student-t interval for the mean over the runs of a
strategy (seeds and, in a lever sweep, lever values), as in ``compare``. One
panel per scenario; colours and names come from ``experiments.analysis.figures``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from experiments.sweep.store import SweepResults
from world.errors import InputError


def quarter_to_year(dates: pd.Series) -> np.ndarray:
    """'2010Q1' → 2010.0, '2010Q3' → 2010.5: quarters on a continuous year axis."""
    text = dates.astype(str)
    return text.str[:4].astype(int).to_numpy() + (text.str[-1].astype(int).to_numpy() - 1) / 4.0


def measure_bands(results: SweepResults, measure: str, confidence: float = 0.95) -> pd.DataFrame:
    """One row per scenario × strategy × quarter: n, mean, ci_low, ci_high of ``measure`` over the runs."""
    stored = results.meta["timeseries_columns"]
    if stored is None:
        raise InputError(
            f"{results.root}: this sweep stored no time series; rerun its spec with "
            f"timeseries = true (or a list holding {measure!r})"
        )
    if measure not in stored:
        raise InputError(f"--measure {measure!r}: not among the stored time series; stored: {', '.join(stored)}")
    series = results.timeseries([measure])
    runs = results.manifest()[["run_id", "scenario", "strategy"]]
    frame = series.merge(runs, on="run_id", how="left")
    grouped = frame.groupby(["scenario", "strategy", "step", "date"], sort=False)[measure]
    table = grouped.agg(n="count", mean="mean", sd="std").reset_index()
    half = stats.t.ppf(0.5 + confidence / 2, np.maximum(table["n"] - 1, 1)) * table["sd"] / np.sqrt(table["n"])
    table["ci_low"] = table["mean"] - half.where(table["n"] > 1)
    table["ci_high"] = table["mean"] + half.where(table["n"] > 1)
    order = {name: i for i, name in enumerate(dict.fromkeys(runs["strategy"]))}
    return (
        table.sort_values(
            ["scenario", "strategy", "step"], key=lambda c: c.map(order) if c.name == "strategy" else c, kind="stable"
        )
        .reset_index(drop=True)
        .drop(columns="sd")
    )


def plot_measure(bands: pd.DataFrame, measure: str, path: Path, levers_from: str | None = None) -> Path:
    """Write the figure: per scenario a panel, per strategy a line (mean) in a band (95 % interval)."""
    from experiments.analysis.figures import save_figure

    return save_figure(draw_measure(bands, measure, levers_from), path)


def draw_measure(bands: pd.DataFrame, measure: str, levers_from: str | None = None):
    """The figure behind ``plot_measure`` (returned open, so tests can read its labels)."""
    from experiments.analysis.figures import axis_label, measure_label, panels, strategy_colour, strategy_label

    scenarios = list(dict.fromkeys(bands["scenario"]))
    strategies = list(dict.fromkeys(bands["strategy"]))
    figure, axes = panels(len(scenarios), width=6.4, height=4.0, columns=2)
    for ax, scenario in zip(axes, scenarios):
        for strategy in strategies:
            rows = bands[(bands["scenario"] == scenario) & (bands["strategy"] == strategy)]
            if rows.empty:
                continue
            years = quarter_to_year(rows["date"])
            colour = strategy_colour(strategy, strategies)
            ax.fill_between(years, rows["ci_low"], rows["ci_high"], color=colour, alpha=0.25, linewidth=0)
            ax.plot(
                years,
                rows["mean"],
                color=colour,
                linewidth=1.4,
                label=f"{strategy_label(strategy)} (n = {int(rows['n'].max())})",
            )
        if levers_from:
            start = quarter_to_year(pd.Series([levers_from]))[0]
            ax.axvline(start, color="0.4", linestyle="--", linewidth=0.8)
            ax.annotate(
                "levers act",
                (start, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(3, -10),
                textcoords="offset points",
                fontsize=7,
                color="0.3",
            )
        ax.set_xlabel("Year (quarterly)", fontsize=8)
        ax.set_ylabel(axis_label(measure, with_direction=True), fontsize=8)
        ax.tick_params(labelsize=7)
        ax.set_title(
            f"{measure_label(measure)[0]}" + (f" · scenario {scenario}" if len(scenarios) > 1 else ""), fontsize=10
        )
        ax.legend(fontsize=7, title="mean and 95 % interval over runs", title_fontsize=7)
    return figure


def write_measure_plot(results: SweepResults, measure: str, out: Path) -> tuple[pd.DataFrame, Path]:
    """Compute the bands and write ``plot_<measure>.csv`` and the figure (``.png``, or the style's format) into
    ``out``; return the bands and the figure's path."""
    from experiments.files import write_csv

    bands = measure_bands(results, measure)
    out.mkdir(parents=True, exist_ok=True)
    safe = measure.replace(".", "_")
    write_csv(out / f"plot_{safe}.csv", bands)
    levers_from = _levers_from(results)
    return bands, plot_measure(bands, measure, out / f"plot_{safe}.png", levers_from)


def _levers_from(results: SweepResults) -> str | None:
    """The quarter the levers start acting in the sweep's first scenario (a marker on the time axis)."""
    from world import load_scenario

    try:
        return load_scenario(results.spec.scenarios[0]).spec.levers_from
    except (InputError, OSError):  # a marker is a courtesy: a scenario that no longer loads goes without it
        return None
