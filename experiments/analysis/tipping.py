"""Tipping points: where on a 2-D lever grid balancing stops paying.

On a grid of two levers (say Russian pressure × EU investment), each cell's
mean outcome is computed per strategy (over seeds); the *advantage* of the
reference strategy (``multivector``) is its mean minus the best alternative's.
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
DEFAULT_OUTCOME = "autonomy_mean_after_levers"


def tipping_spec(x: str, y: str, strategies: list[str], resolution: int, seeds: int, scenario: str = "eurasia",
                 x_range: tuple[float, float] | None = None, y_range: tuple[float, float] | None = None,
                 until: str | None = None) -> SweepSpec:
    """The grid sweep behind a tipping map: ``resolution`` values of each lever over its range, ``seeds`` each."""
    if x == y:
        raise InputError(f"--x and --y are both {x!r}; choose two different levers")
    parameters = load_scenario(scenario).parameters
    levers = {}
    for name, span in ((x, x_range), (y, y_range)):
        if name not in parameters:
            raise InputError(f"lever {name!r} is unknown; allowed: {', '.join(sorted(parameters))}")
        low, high = span or (parameters[name].low, parameters[name].high)
        levers[name] = {"range": [low, high], "points": resolution}
    from experiments.sweep.spec import parse_spec

    return parse_spec({"name": f"tipping-{x}-{y}", "scenarios": [scenario], "strategies": strategies,
                       "sampler": "grid", "seeds": seeds, "levers": levers, "until": until},
                      origin="tipping options")


def advantage_grid(outcomes: pd.DataFrame, x: str, y: str, outcome: str, reference: str = REFERENCE) -> pd.DataFrame:
    """One row per (y, x) cell: each strategy's mean, the best alternative, and the reference's advantage."""
    for column in (x, y, outcome):
        if column not in outcomes.columns:
            raise InputError(f"{column!r} is not a column of these results; a tipping map needs a grid over "
                                f"--x and --y and the outcome {outcome!r}")
    strategies = list(dict.fromkeys(outcomes["strategy"]))
    if reference not in strategies or len(strategies) < 2:
        raise InputError(f"a tipping map needs '{reference}' and at least one other strategy; "
                            f"these results hold: {', '.join(strategies)}")
    means = outcomes.groupby([y, x, "strategy"])[outcome].mean().unstack("strategy")[strategies]
    alternatives = means.drop(columns=reference)
    cells = means.copy()
    cells["best_alternative"] = alternatives.idxmax(axis=1)
    cells["advantage"] = means[reference] - alternatives.max(axis=1)
    return cells.reset_index()


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


def format_boundary(edges: pd.DataFrame, x: str, y: str, reference: str = REFERENCE) -> str:
    lines = [f"tipping boundary: where {reference} stops (or starts) beating the best alternative"]
    for row in edges.itertuples(index=False):
        y_value, x_cross, what, best = row
        if np.isnan(x_cross):
            lines.append(f"  {y} = {y_value:<8g} {reference} {what} (best alternative: {best})")
        else:
            lines.append(f"  {y} = {y_value:<8g} {what} at {x} = {x_cross:.3f} (then best: {best})")
    return "\n".join(lines)


def plot_map(cells: pd.DataFrame, x: str, y: str, outcome: str, path: Path, reference: str = REFERENCE) -> None:
    """Heatmap of the outcome per strategy and of the advantage, each with the advantage = 0 contour."""
    from experiments.analysis.figures import panels, save_png

    strategies = [c for c in cells.columns if c not in (x, y, "best_alternative", "advantage")]
    xs, ys = np.sort(cells[x].unique()), np.sort(cells[y].unique())
    grid = lambda column: cells.pivot(index=y, columns=x, values=column).loc[ys, xs].to_numpy()  # noqa: E731
    advantage = grid("advantage")
    crosses = np.nanmin(advantage) < 0 <= np.nanmax(advantage)
    low, high = np.nanmin(cells[strategies].to_numpy()), np.nanmax(cells[strategies].to_numpy())
    figure, axes = panels(len(strategies) + 1, width=3.8, height=3.2)
    for ax, name in zip(axes, [*strategies, "advantage"]):
        if name == "advantage":
            span = float(np.nanmax(np.abs(advantage))) or 1.0
            image = ax.pcolormesh(xs, ys, advantage, cmap="RdBu", vmin=-span, vmax=span, shading="nearest")
            ax.set_title(f"{reference} − best alternative", fontsize=9)
        else:
            image = ax.pcolormesh(xs, ys, grid(name), cmap="viridis", vmin=low, vmax=high, shading="nearest")
            ax.set_title(name, fontsize=9)
        if crosses and len(xs) > 1 and len(ys) > 1:
            ax.contour(xs, ys, advantage, levels=[0.0], colors="red", linewidths=1.5)
        elif name == "advantage":
            verdict = "ahead" if np.nanmin(advantage) >= 0 else "behind"
            ax.text(0.5, 0.5, f"no crossing: {reference}\n{verdict} on the whole grid", transform=ax.transAxes,
                    ha="center", va="center", fontsize=8)
        figure.colorbar(image, ax=ax, shrink=0.8)
        ax.set_xlabel(x, fontsize=8)
        ax.set_ylabel(y, fontsize=8)
    figure.suptitle(f"{outcome} — red line: {reference} level with the best alternative (advantage = 0)", fontsize=10)
    save_png(figure, path)


def write_tipping(outcomes: pd.DataFrame, x: str, y: str, outcome: str, out: Path,
                  reference: str = REFERENCE) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Write ``tipping.csv`` (cells), ``tipping_boundary.csv`` and ``tipping.png`` to ``out``."""
    from experiments.files import write_csv

    cells = advantage_grid(outcomes, x, y, outcome, reference)
    edges = boundary(cells, x, y)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "tipping.csv", cells)
    write_csv(out / "tipping_boundary.csv", edges)
    plot_map(cells, x, y, outcome, out / "tipping.png", reference)
    return cells, edges
