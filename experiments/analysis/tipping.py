"""Tipping points: where on a 2-D lever grid balancing stops paying.

On a grid of two levers (say Russian pressure × EU investment), each cell's
mean outcome is computed per strategy (over seeds); the *advantage* of the
reference strategy (``multivector``) is how much better its mean is than the
best alternative's, in the outcome's unit and direction (positive: the
reference does better, whether the outcome counts up, like autonomy, or
down, like dependence).
The tipping boundary is the contour advantage = 0; numerically, for each
value of the y lever, the x values where the advantage changes sign, found by
linear interpolation between neighbouring grid cells.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from experiments.sweep.spec import SweepSpec
from world import load_scenario
from world.errors import InputError

REFERENCE = "multivector"
ZERO_LINE_COLOUR = "black"  # the advantage = 0 contour: neither end of the red-blue advantage map
DEFAULT_OUTCOME = "autonomy_mean_after_levers"


def tipping_spec(
    x: str,
    y: str,
    strategies: list[str],
    resolution: int,
    seeds: int,
    scenario: str = "eurasia",
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    until: str | None = None,
) -> SweepSpec:
    """The grid sweep behind a tipping map: ``resolution`` values of each lever over its range, ``seeds`` each."""
    if x == y:
        raise InputError(f"x and y are both {x!r}; choose two different levers")
    parameters = load_scenario(scenario).parameters
    levers = {}
    for name, span in ((x, x_range), (y, y_range)):
        if name not in parameters:
            raise InputError(f"lever {name!r} is unknown; allowed: {', '.join(sorted(parameters))}")
        low, high = span or (parameters[name].low, parameters[name].high)
        levers[name] = {"range": [low, high], "points": resolution}
    from experiments.sweep.spec import parse_spec

    return parse_spec(
        {
            "name": f"tipping-{x}-{y}",
            "scenarios": [scenario],
            "strategies": strategies,
            "sampler": "grid",
            "seeds": seeds,
            "levers": levers,
            "until": until,
        },
        origin="tipping options",
    )


def advantage_grid(
    outcomes: pd.DataFrame,
    x: str,
    y: str,
    outcome: str,
    reference: str = REFERENCE,
    strategies: list[str] | None = None,
) -> pd.DataFrame:
    """One row per (y, x) cell: each strategy's mean, the best alternative, and the reference's advantage.

    The outcome's direction comes from the project's direction table: for a
    lower-is-better outcome (dependence, concentration, coercion) the best
    alternative is the one with the *lowest* mean, and the advantage is signed
    so that a positive value always means the reference does better.
    ``strategies`` restricts the comparison to those strategies (the result
    depends on which alternatives are in the field, so the caller reports them).
    """
    from world.measures import higher_is_better

    for column in (x, y, outcome):
        if column not in outcomes.columns:
            raise InputError(
                f"{column!r} is not a column of these results; a tipping map needs a grid over "
                f"the x and y levers and the outcome {outcome!r}"
            )
    stored = list(dict.fromkeys(outcomes["strategy"]))
    if strategies:
        missing = [s for s in strategies if s not in stored]
        if missing:
            raise InputError(
                f"strategy {missing[0]!r} is not in these results; they hold: {', '.join(stored)} "
                f"(run into another --results folder to add it)"
            )
        outcomes = outcomes[outcomes["strategy"].isin(strategies)]
    included = [s for s in stored if not strategies or s in strategies]
    if reference not in included or len(included) < 2:
        raise InputError(
            f"a tipping map needs '{reference}' and at least one other strategy; "
            f"the comparison holds: {', '.join(included)}"
        )
    means = outcomes.groupby([y, x, "strategy"])[outcome].mean().unstack("strategy")[included]
    alternatives = means.drop(columns=reference)
    cells = means.copy()
    sign = 1.0 if higher_is_better(outcome) else -1.0
    best_value = alternatives.max(axis=1) if sign > 0 else alternatives.min(axis=1)
    cells["best_alternative"] = alternatives.idxmax(axis=1) if sign > 0 else alternatives.idxmin(axis=1)
    cells["advantage"] = sign * (means[reference] - best_value)
    cells[["advantage_ci_low", "advantage_ci_high"]] = _paired_interval(
        outcomes, x, y, outcome, reference, cells["best_alternative"], sign
    )
    return cells.reset_index()


def _paired_interval(
    outcomes: pd.DataFrame, x: str, y: str, outcome: str, reference: str, best: pd.Series, sign: float
) -> pd.DataFrame:
    """95 % t-interval of the advantage per cell, from the paired differences replicate by replicate.

    Replicates share their random draws across strategies (common random
    numbers), so the difference per replicate is the right unit; without a
    ``replicate`` column, or with one replicate, the bounds are NaN.
    """
    from experiments.analysis.compare import t_interval

    bounds = pd.DataFrame(np.nan, index=best.index, columns=["low", "high"])
    if "replicate" not in outcomes.columns:
        return bounds
    values = outcomes.pivot_table(index=[y, x, "replicate"], columns="strategy", values=outcome)
    for cell, alternative in best.items():
        if cell not in values.index.droplevel("replicate"):
            continue
        runs = values.loc[cell]
        differences = sign * (runs[reference] - runs[alternative]).dropna().to_numpy()
        if len(differences):
            bounds.loc[cell] = t_interval(differences)[2:]
    return bounds


def included_strategies(cells: pd.DataFrame, x: str, y: str) -> list[str]:
    """The strategies a tipping table compares (its mean columns), in stored order."""
    return [
        c
        for c in cells.columns
        if c not in (x, y, "best_alternative", "advantage", "advantage_ci_low", "advantage_ci_high")
    ]


def boundary(cells: pd.DataFrame, x: str, y: str) -> pd.DataFrame:
    """For each y, the x values where the advantage changes sign (``stops``: from ≥ 0 to < 0; ``starts``: back).

    A y row without a crossing gets one line saying whether the reference is
    ahead over the whole x range or behind over all of it.
    """
    records = []
    for y_value, row in cells.sort_values([y, x]).groupby(y, sort=True):
        xs, adv = row[x].to_numpy(), row["advantage"].to_numpy()
        crossings = 0
        for i in range(len(xs) - 1):
            a, b = adv[i], adv[i + 1]
            if (a >= 0) != (b >= 0):
                x_cross = xs[i] + (xs[i + 1] - xs[i]) * a / (a - b)
                records.append((y_value, x_cross, "stops" if a >= 0 else "starts", row["best_alternative"].iloc[i + 1]))
                crossings += 1
        if not crossings:
            status = "ahead everywhere" if (adv >= 0).all() else "behind everywhere"
            records.append((y_value, np.nan, status, row["best_alternative"].iloc[int(np.argmin(adv))]))
    return pd.DataFrame.from_records(records, columns=[y, f"{x}_crossing", "change", "best_alternative"])


def format_boundary(
    edges: pd.DataFrame,
    x: str,
    y: str,
    reference: str = REFERENCE,
    outcome: str | None = None,
    strategies: list[str] | None = None,
) -> str:
    """The boundary as text, headed by the outcome, its direction and the strategies compared."""
    from experiments.analysis.figures import format_level

    lines = []
    if outcome is not None:
        from experiments.analysis.figures import direction_note

        lines.append(f"outcome: {outcome} ({direction_note(outcome)})")
    if strategies:
        others = [s for s in strategies if s != reference]
        lines.append(f"strategies compared: {reference} against the best of {', '.join(others)}")
    lines.append(f"tipping boundary: where {reference} stops (or starts) beating the best alternative")
    for row in edges.itertuples(index=False):
        y_value, x_cross, what, best = row
        if np.isnan(x_cross):
            lines.append(f"  {y} = {format_level(y_value):<8} {reference} {what} (best alternative: {best})")
        else:
            lines.append(
                f"  {y} = {format_level(y_value):<8} {what} at {x} = {format_level(x_cross)} (then best: {best})"
            )
    return "\n".join(lines)


def cell_edges(levels: np.ndarray) -> np.ndarray:
    """Cell boundaries for a heatmap of possibly uneven levels: midpoints inside, the first and last level outside.

    The map then covers exactly the range the grid sampled, never half a step
    beyond its last level, and a level of 2 between 0 and 5 gets the cell
    [1, 3.5], not an even share of the axis.
    """
    if len(levels) == 1:
        return np.array([levels[0] - 0.5, levels[0] + 0.5])
    middles = (levels[:-1] + levels[1:]) / 2
    return np.concatenate([[levels[0]], middles, [levels[-1]]])


def plot_map(cells: pd.DataFrame, x: str, y: str, outcome: str, path: Path, reference: str = REFERENCE) -> Path:
    """Heatmap of the outcome per strategy and of the advantage, each with the advantage = 0 contour.

    Axes carry the levers' names and units and ticks at the sampled levels;
    each panel is titled with the strategy's readable name; colour bars say
    the outcome's unit and which direction is better.
    """
    from matplotlib import patheffects

    from experiments.analysis.figures import (
        better_arrow,
        direction_note,
        format_level,
        lever_label,
        measure_label,
        panels,
        save_figure,
        strategy_label,
    )

    strategies = included_strategies(cells, x, y)
    notes: list[str] = []
    xs, ys = np.sort(cells[x].unique()), np.sort(cells[y].unique())
    grid = lambda column: cells.pivot(index=y, columns=x, values=column).loc[ys, xs].to_numpy()  # noqa: E731
    advantage = grid("advantage")
    crosses = np.nanmin(advantage) < 0 <= np.nanmax(advantage)
    low, high = np.nanmin(cells[strategies].to_numpy()), np.nanmax(cells[strategies].to_numpy())
    x_edges, y_edges = cell_edges(xs), cell_edges(ys)
    label, unit = measure_label(outcome)
    figure, axes = panels(len(strategies) + 1, width=4.0, height=3.4)
    for ax, name in zip(axes, [*strategies, "advantage"]):
        if name == "advantage":
            span = float(np.nanmax(np.abs(advantage))) or 1.0
            image = ax.pcolormesh(x_edges, y_edges, advantage, cmap="RdBu", vmin=-span, vmax=span)
            ax.set_title(f"Advantage of {strategy_label(reference)}\nover the best alternative", fontsize=9)
            undecided = (grid("advantage_ci_low") <= 0) & (grid("advantage_ci_high") >= 0)
            if undecided.any():  # the cell's 95 % interval holds 0: no detectable difference there
                from matplotlib.patches import Rectangle

                for i, j in zip(*np.nonzero(undecided)):
                    ax.add_patch(
                        Rectangle(
                            (x_edges[j], y_edges[i]),
                            x_edges[j + 1] - x_edges[j],
                            y_edges[i + 1] - y_edges[i],
                            fill=False,
                            hatch="///",
                            edgecolor="0.35",
                            linewidth=0,
                        )
                    )
                notes.append("hatched: the advantage's 95 % interval (paired over seeds) includes 0")
            bar_label = f"advantage ({unit}); > 0: {strategy_label(reference)} better" if unit else "advantage"
        else:
            colours = "viridis" if direction_note(outcome).startswith("higher") else "viridis_r"
            image = ax.pcolormesh(x_edges, y_edges, grid(name), cmap=colours, vmin=low, vmax=high)
            ax.set_title(strategy_label(name), fontsize=9)
            bar_label = f"{unit or label}, {better_arrow(outcome)}"
        if crosses and len(xs) > 1 and len(ys) > 1:
            # Black with a white halo: visible on both ends of the red-blue map and on viridis (a red line
            # vanished into the red cells it was meant to bound).
            ax.contour(
                xs,
                ys,
                advantage,
                levels=[0.0],
                colors=ZERO_LINE_COLOUR,
                linewidths=1.4,
                path_effects=[patheffects.withStroke(linewidth=3.0, foreground="white")],
            )
        elif name == "advantage":
            verdict = "ahead of" if np.nanmin(advantage) >= 0 else "behind"
            notes.append(
                f"no crossing: {strategy_label(reference)} is {verdict} the best alternative on the whole grid"
            )
        colour_bar = figure.colorbar(image, ax=ax, shrink=0.85)
        colour_bar.set_label(bar_label, fontsize=7)
        colour_bar.ax.tick_params(labelsize=7)
        if len(xs) > 1:
            ax.set_xlim(xs[0], xs[-1])
        if len(ys) > 1:
            ax.set_ylim(ys[0], ys[-1])
        ax.set_xticks(xs, [format_level(v) for v in xs], fontsize=7)
        ax.set_yticks(ys, [format_level(v) for v in ys], fontsize=7)
        ax.set_xlabel(lever_label(x), fontsize=8)
        ax.set_ylabel(lever_label(y), fontsize=8)
    line = f"black line: {strategy_label(reference)} level with the best alternative" if crosses else ""
    figure.suptitle("\n".join(t for t in (label, line) if t), fontsize=10)
    figure.tight_layout()
    if notes:  # below every panel, never over the cells
        figure.subplots_adjust(bottom=figure.subplotpars.bottom + 0.03 * len(notes))
        figure.text(0.01, 0.005, "\n".join(notes), fontsize=7, ha="left", va="bottom")
    return save_figure(figure, path, laid_out=True)


def tipping_files(out: Path, outcome: str) -> dict[str, Path]:
    """The three files a tipping map writes, named by outcome so maps of different outcomes sit side by side
    (the figure in the format of ``figure_style``)."""
    from experiments.analysis.figures import figure_file

    return {
        "cells": out / f"tipping_{outcome}.csv",
        "boundary": out / f"tipping_{outcome}_boundary.csv",
        "figure": out / figure_file(f"tipping_{outcome}"),
    }


def write_tipping(
    outcomes: pd.DataFrame,
    x: str,
    y: str,
    outcome: str,
    out: Path,
    reference: str = REFERENCE,
    strategies: list[str] | None = None,
    force: bool = False,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Write ``tipping_<outcome>.csv`` (cells), ``tipping_<outcome>_boundary.csv`` and ``tipping_<outcome>.png``.

    Files of an earlier map of the same outcome are never replaced silently:
    without ``force`` the call refuses before computing anything.
    """
    from experiments.files import write_csv

    files = tipping_files(out, outcome)
    existing = [path.name for path in files.values() if path.exists()]
    if existing and not force:
        raise InputError(
            f"{out}: {', '.join(existing)} already exist (an earlier map of {outcome}); "
            f"pass --force to replace them, or choose another --results folder"
        )
    cells = advantage_grid(outcomes, x, y, outcome, reference, strategies)
    edges = boundary(cells, x, y)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(files["cells"], cells)
    write_csv(files["boundary"], edges)
    plot_map(cells, x, y, outcome, files["figure"], reference)
    return cells, edges
