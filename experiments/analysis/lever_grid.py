"""Paired differences on the lever grid: multivector − each alternative where Russia presses and the EU invests.

The question the project exists for is whether balancing holds up against
rising Russian pressure and EU investment in the Middle Corridor. The study
answers it on a grid of the two levers (:data:`LEVER_GRID`: pressure 0, 0.5
and 1 × EU investment 0, 1.5 and 3 €bn a year; every other parameter at the
scenario's value). At each of the nine points every strategy runs the same
seeds (common random numbers), and each alternative is compared with
multivector run by run: the difference *multivector − alternative* on each
objective, with a Student-t 95 % interval over the seeds
(``experiments.analysis.robustness.paired_differences``, which also gives the
paired t-test and Holm's correction over the whole grid).

The verdict of a cell, in the objective's direction: *ahead* when the whole
interval lies on the side where multivector does better, *behind* when it
lies on the other side, *within noise* when it holds 0, and *identical* when
every seed gives the same value under both strategies (a zero-width interval
at 0: the two strategies made the same moves). The interval is per cell; a
``*`` marks the cells whose difference survives Holm's correction for
testing every cell of the grid at once (family-wise 5 %).
"""

from __future__ import annotations

import math

import pandas as pd

from experiments.analysis import robustness
from experiments.analysis.robustness import ROUNDING
from world.measures import higher_is_better

# The two levers of the mission and the values the study compares strategies at (their ranges' ends and middle
# in the parameter table; Russian pressure's middle is 0.5, not the scenario's 0.35, so the grid is symmetric).
LEVER_GRID: dict[str, tuple[float, ...]] = {
    "russian_pressure": (0.0, 0.5, 1.0),
    "eu_investment": (0.0, 1.5, 3.0),
}
# Verdicts, in the order they are counted, and the mark each is printed with.
MAX_DECIMALS = 6  # an interval narrower than 1e-6 prints as a number to 6 decimals
VERDICTS = {"ahead": "▲", "behind": "▼", "within noise": "≈", "identical": "="}
GRID_COLUMNS = (
    *LEVER_GRID,
    "alternative",
    "measure",
    "n",
    "difference",
    "ci_low",
    "ci_high",
    "share_better",
    "p_value",
    "significant",
    "verdict",
)


def grid_spec(strategies: list[str], seeds: int, scenario: str = "eurasia", seed: int = 0) -> dict:
    """The sweep spec of the lever grid: every strategy at every point of :data:`LEVER_GRID` on the same seeds.

    The levers act only from 2025, so each (strategy, seed) replays the history once and forks the nine
    points from it (warm start: the same numbers, less time).
    """
    from experiments.analysis.study_design import study_spec

    spec = study_spec(strategies, seeds, scenario, 0, seed)
    spec.update(
        name="study-grid",
        levers={name: {"values": list(values)} for name, values in LEVER_GRID.items()},
        warm_start=True,
    )
    return spec


def verdict(measure: str, difference: float, low: float, high: float) -> str:
    """Where multivector stands against one alternative in one cell (see the module docstring)."""
    if difference == 0 and low == 0 and high == 0:
        return "identical"
    sign = 1.0 if higher_is_better(measure) else -1.0
    better_low, better_high = sorted((sign * low, sign * high))
    if better_low > 0:
        return "ahead"
    if better_high < 0:
        return "behind"
    return "within noise"


def grid_differences(
    outcomes: pd.DataFrame,
    measures: list[str],
    reference: str = robustness.REFERENCE,
    confidence: float = 0.95,
) -> pd.DataFrame:
    """One row per grid point × alternative × measure: multivector − the alternative over the same seeds.

    Columns :data:`GRID_COLUMNS`; ``share_better`` is the share of seeds in which multivector does better.
    """
    levers = [name for name in LEVER_GRID if name in outcomes.columns]
    if levers != list(LEVER_GRID):
        missing = sorted(set(LEVER_GRID) - set(levers))
        raise ValueError(f"the lever grid needs the columns {', '.join(missing)} in the results")
    table = robustness.paired_differences(outcomes, measures, reference, confidence, by=levers, reference_first=True)
    table = table[table["strategy"] != reference].rename(columns={"strategy": "alternative"})
    table["verdict"] = [
        verdict(row.measure, row.difference, row.ci_low, row.ci_high) for row in table.itertuples(index=False)
    ]
    return table.sort_values(levers, kind="stable").reset_index(drop=True)[list(GRID_COLUMNS)]


def estimate(value: float, half: float) -> str:
    """``+1.23 ±0.45``: a value and the half-width of its interval, both to the interval's second significant
    digit (a difference of 0.000815 ± 0.29 is printed +0.00 ±0.29: its digits beyond the noise mean nothing)."""
    if math.isfinite(half) and half <= ROUNDING * abs(value):
        half = 0.0  # an interval of rounding error (a term the same in every seed): no noise
    if not half >= 10.0**-MAX_DECIMALS or not math.isfinite(half):
        return f"{value:+.3g} ±{half:.2g}" if math.isfinite(half) else f"{value:+.3g}"
    decimals = min(MAX_DECIMALS, max(0, 1 - math.floor(math.log10(half))))
    shown = round(value, decimals) + 0.0  # + 0.0: a value that rounds to zero prints +0, never -0
    return f"{shown:+.{decimals}f} ±{half:.{decimals}f}"


def cell(row) -> str:
    """``+1.23 ±0.45 ▲*``: the difference, the half-width of its interval, the verdict's mark, Holm's star."""
    star = "*" if row.significant else ""
    return f"{estimate(row.difference, (row.ci_high - row.ci_low) / 2)} {VERDICTS[row.verdict]}{star}"


def point_label(values: tuple[float, ...]) -> str:
    from experiments.analysis.figures import format_level

    return " / ".join(format_level(v) for v in values)


def tally(table: pd.DataFrame, measure: str) -> list[str]:
    """Per alternative, at how many grid points multivector is ahead, behind, within noise or identical on
    ``measure``: ``adaptive ▲7 ▼1 ≈1 =0``."""
    rows = table[table["measure"] == measure]
    parts = []
    for alternative, cells in rows.groupby("alternative", sort=False):
        found = cells["verdict"].value_counts()
        parts.append(f"{alternative} " + " ".join(f"{mark}{int(found.get(v, 0))}" for v, mark in VERDICTS.items()))
    return parts


def header(seeds: int) -> str:
    marks = ", ".join(f"{mark} {name}" for name, mark in VERDICTS.items())
    levers = " × ".join(f"{name} {{{', '.join(f'{v:g}' for v in values)}}}" for name, values in LEVER_GRID.items())
    return (
        f"paired differences on the lever grid ({levers}; other parameters at the scenario's values): "
        f"multivector − each alternative, same seeds, mean ± half-width of the 95 % t-interval over {seeds} seeds; "
        f"{marks}; * after Holm's correction over the whole grid"
    )


def format_grid(table: pd.DataFrame, seeds: int) -> list[str]:
    """Text: per measure, a row per grid point, a column per alternative."""
    from experiments.analysis.figures import measure_label

    alternatives = list(dict.fromkeys(table["alternative"]))
    levers = list(LEVER_GRID)
    lines = [header(seeds)]
    width = 2 + max(*(len(a) for a in alternatives), *(len(cell(row)) for row in table.itertuples(index=False)))
    for measure, rows in table.groupby("measure", sort=False):
        unit = measure_label(measure)[1]
        arrow = "higher is better" if higher_is_better(measure) else "lower is better"
        lines.append(f"  {measure} ({arrow}{'; ' + unit if unit else ''})")
        lines.append("    " + f"{'pressure / EU':<14}" + "".join(f"{a:>{width}}" for a in alternatives))
        for point, cells in rows.groupby(levers, sort=False):
            by_alternative = cells.set_index("alternative")
            text = "".join(f"{cell(by_alternative.loc[a]):>{width}}" for a in alternatives)
            lines.append("    " + f"{point_label(point):<14}" + text)
    points = len(table.groupby(levers))
    lines.append(
        f"  grid points (of {points}) at which multivector is " + ", ".join(f"{m} {v}" for v, m in VERDICTS.items())
    )
    for measure in dict.fromkeys(table["measure"]):
        lines.append(f"    {measure}: " + ", ".join(tally(table, measure)))
    return lines


def interval_cell(row) -> str:
    """``+1.234 [+0.5, +2] ▲*``: the difference with its interval's bounds, the verdict's mark, Holm's star."""
    star = "*" if row.significant else ""
    return f"{row.difference:+.4g} [{row.ci_low:+.3g}, {row.ci_high:+.3g}] {VERDICTS[row.verdict]}{star}"


def markdown(table: pd.DataFrame, measure: str, render=cell) -> list[str]:
    """A Markdown table for one measure: a row per grid point (pressure / EU investment), a column per
    alternative, each cell written by ``render`` (:func:`cell`, or :func:`interval_cell` for the bounds)."""
    alternatives = list(dict.fromkeys(table["alternative"]))
    rows = table[table["measure"] == measure]
    lines = [
        "| Russian pressure / EU investment | " + " | ".join(f"`{a}`" for a in alternatives) + " |",
        "|---|" + "---|" * len(alternatives),
    ]
    for point, cells in rows.groupby(list(LEVER_GRID), sort=False):
        by_alternative = {row.alternative: row for row in cells.itertuples(index=False)}
        lines.append(f"| {point_label(point)} | " + " | ".join(render(by_alternative[a]) for a in alternatives) + " |")
    return lines


def standing(table: pd.DataFrame, measure: str) -> dict[str, int]:
    """Over the grid points: how many see multivector ahead of every alternative, and behind at least one."""
    rows = table[table["measure"] == measure]
    by_point = rows.groupby(list(LEVER_GRID), sort=False)["verdict"]
    return {
        "points": int(by_point.ngroups),
        "ahead_of_all": int(by_point.apply(lambda v: bool((v == "ahead").all())).sum()),
        "behind_some": int(by_point.apply(lambda v: bool((v == "behind").any())).sum()),
    }


def largest_gap(table: pd.DataFrame, measure: str) -> pd.Series | None:
    """Among the cells where multivector is behind on ``measure``, the one with the largest shortfall (in the
    measure's direction); None if it is behind nowhere."""
    rows = table[(table["measure"] == measure) & (table["verdict"] == "behind")]
    if rows.empty:
        return None
    sign = 1.0 if higher_is_better(measure) else -1.0
    return rows.loc[(sign * rows["difference"]).idxmin()]


def margins(table: pd.DataFrame, measure: str) -> pd.DataFrame:
    """Per grid point on ``measure``: multivector's margin over the best alternative there (the smallest of its
    differences, oriented so that > 0 means ahead of every alternative, in the measure's unit), that
    alternative, and the verdict of that cell."""
    rows = table[table["measure"] == measure]
    sign = 1.0 if higher_is_better(measure) else -1.0
    worst = rows.loc[(sign * rows["difference"]).groupby([rows[name] for name in LEVER_GRID]).idxmin()]
    return worst.assign(margin=sign * worst["difference"])[[*LEVER_GRID, "alternative", "margin", "verdict"]]


def plot_grid(table: pd.DataFrame, path) -> None:
    """A panel per objective: multivector's margin over the best alternative at each grid point (red: behind,
    blue: ahead of all), the cell named by that alternative and hatched where the difference is within noise."""
    import numpy as np
    from matplotlib.patches import Rectangle

    from experiments.analysis.figures import lever_label, measure_label, panels, save_figure

    pressure, eu = LEVER_GRID
    measures = list(dict.fromkeys(table["measure"]))
    figure, axes = panels(len(measures), width=4.6, height=3.4)
    for ax, measure in zip(axes, measures):
        cells = margins(table, measure)
        ys, xs = list(LEVER_GRID[pressure]), list(LEVER_GRID[eu])
        values = cells.pivot(index=pressure, columns=eu, values="margin").loc[ys, xs].to_numpy()
        span = float(np.nanmax(np.abs(values))) or 1.0
        image = ax.imshow(values, origin="lower", cmap="RdBu", vmin=-span, vmax=span, aspect="auto")
        for row in cells.itertuples(index=False):
            i, j = ys.index(getattr(row, pressure)), xs.index(getattr(row, eu))
            text = f"{row.margin:+.2g}\n{'first' if row.margin > 0 else row.alternative}"
            dark = abs(row.margin) > 0.6 * span  # white on the map's deep ends, black elsewhere
            ax.text(j, i, text, ha="center", va="center", fontsize=5.5, color="white" if dark else "black")
            if row.verdict in ("within noise", "identical"):
                ax.add_patch(Rectangle((j - 0.5, i - 0.5), 1, 1, fill=False, hatch="///", edgecolor="0.4", lw=0))
        ax.set_xticks(range(len(xs)), [f"{v:g}" for v in xs])
        ax.set_yticks(range(len(ys)), [f"{v:g}" for v in ys])
        ax.set_xlabel(lever_label(eu), fontsize=8)
        ax.set_ylabel(lever_label(pressure), fontsize=8)
        label, unit = measure_label(measure)
        ax.set_title(f"{label}{direction_words(measure)}", fontsize=9)
        bar = figure.colorbar(image, ax=ax, shrink=0.85)
        bar.set_label(f"multivector − best alternative{f' ({unit})' if unit else ''}; > 0: ahead of all", fontsize=7)
        bar.ax.tick_params(labelsize=7)
    figure.suptitle(
        "Multivector against the best alternative at each point (mean over common seeds; hatched: within noise)",
        fontsize=9,
    )
    save_figure(figure, path)


def direction_words(measure: str) -> str:
    return "" if higher_is_better(measure) else " (lower is better; margin oriented)"
