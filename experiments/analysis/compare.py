"""Strategy comparison: mean, 95 % confidence interval and rank of each outcome, per scenario or lever bin.

The mean is over the group's runs. The interval is a Student-t interval
(mean ± t(0.975, n−1)·s/√n) over independent units. When the design points
are fixed by the spec (a grid, or the scenario's values) the units are the
*seeds*: for each replicate the mean over the group's design points, then the
interval over those n replicate means, so the interval carries seed noise only
and describes the average over that design (pooling the runs would count the
spread across lever values as noise). When the points are sampled (LHS, Sobol,
Morris, a study's futures) they are themselves a random draw of the futures
the mean is about, so the units are the *points*, each averaged over its seeds.

Ranks are ties where the intervals overlap: a strategy's rank is 1 plus the
number of strategies whose interval lies wholly on the better side of its own,
so two strategies the seeds cannot tell apart share a rank (printed ``#2=``).
``rank_by_mean`` orders the means alone. With common random numbers (the sweep
default) strategies face the same draws, so their paired differences
(``multivector study``) are sharper than the overlap of two intervals suggests.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from world.errors import InputError
from world.measures import higher_is_better

DEFAULT_OUTCOMES = (
    "autonomy_mean_after_levers",
    "autonomy_final",
    "gdp_final",
    "capture_events",
    "dependence_RUS_final",
    "dependence_CHN_final",
    "hhi_trade_final",
)


def t_interval(values: np.ndarray, confidence: float = 0.95) -> tuple[float, float, float, float]:
    """(mean, standard deviation, low, high) of a Student-t interval for the mean; NaN bounds for n < 2."""
    values = np.asarray(values, dtype=float)
    mean = float(values.mean())
    if len(values) < 2:
        return mean, float("nan"), float("nan"), float("nan")
    sd = float(values.std(ddof=1))
    half = float(stats.t.ppf(0.5 + confidence / 2, len(values) - 1)) * sd / np.sqrt(len(values))
    return mean, sd, mean - half, mean + half


def add_lever_bins(outcomes: pd.DataFrame, lever: str, bins: int, levers: list[str] | None = None) -> pd.DataFrame:
    """Add a ``<lever>_bin`` column: the value itself if it takes at most ``bins`` values, else quantile bins.

    ``levers``: the parameter columns of the results (the sweep's swept and fixed parameters), the only
    columns one may group by; by default every column.
    """
    allowed = list(outcomes.columns) if levers is None else [c for c in levers if c in outcomes.columns]
    if lever not in allowed:
        raise InputError(f"--by {lever!r}: not a parameter of these results; allowed: scenario, {', '.join(allowed)}")
    column = outcomes[lever]
    if column.nunique() <= bins:
        return outcomes.assign(**{f"{lever}_bin": column})
    codes = pd.qcut(column, bins, labels=False, duplicates="drop")
    # Each bin named by the lowest and highest value it holds ("0–0.5"), not pandas' widened edges ("(-0.001, 0.5]").
    from experiments.analysis.figures import format_level

    names = {
        code: format_level(v.min()) if v.min() == v.max() else f"{format_level(v.min())}–{format_level(v.max())}"
        for code, v in column.groupby(codes)
    }
    labels = pd.Categorical(codes.map(names), categories=[names[c] for c in sorted(names)], ordered=True)
    return outcomes.assign(**{f"{lever}_bin": labels})


def comparison_table(
    outcomes: pd.DataFrame, columns: list[str], by: list[str], confidence: float = 0.95, design: str = "fixed"
) -> pd.DataFrame:
    """One row per group × strategy × outcome: n, mean, sd, ci_low, ci_high, rank (1 = best in its group)."""
    missing = [c for c in [*columns, *by] if c not in outcomes.columns]
    if missing:
        raise InputError(
            f"outcome or group {missing[0]!r} is not in these results; "
            f"outcomes stored: {', '.join(c for c in outcomes.columns if c not in by)}"
        )
    from experiments.analysis.noise import interval_units

    records = []
    ordered = outcomes.sort_values(by, kind="stable")  # groups in order, strategies in spec order within each
    for keys, group in ordered.groupby([*by, "strategy"], sort=False, observed=True):
        for outcome in columns:
            units = interval_units(group, outcome, design)
            _, sd, low, high = t_interval(units, confidence)
            mean = float(group[outcome].mean())
            records.append((*keys, outcome, len(units), len(group), mean, sd, low, high))
    table = pd.DataFrame.from_records(
        records, columns=[*by, "strategy", "outcome", "n", "runs", "mean", "sd", "ci_low", "ci_high"]
    )
    sampled = design == "sampled" and "point" in outcomes.columns and outcomes["point"].nunique() > 1
    table["interval_over"] = "sampled points" if sampled else "seeds"
    ascending = ~table["outcome"].map(higher_is_better)
    signed = table["mean"].where(ascending, -table["mean"])
    groups = [table[c] for c in [*by, "outcome"]]
    table["rank_by_mean"] = signed.groupby(groups).rank(method="min").astype(int)
    table["rank"] = tied_ranks(table, [*by, "outcome"])
    return table


def tied_ranks(table: pd.DataFrame, within: list[str]) -> pd.Series:
    """1 + the number of rows of the same group whose interval lies wholly on the better side of this row's.

    Rows with an undefined interval (one seed) are compared by their means alone.
    """
    ranks = pd.Series(1, index=table.index, dtype=int)
    for _, rows in table.groupby(within, sort=False, observed=True):
        higher = higher_is_better(rows["outcome"].iloc[0])
        low = rows["ci_low"].fillna(rows["mean"]).to_numpy()
        high = rows["ci_high"].fillna(rows["mean"]).to_numpy()
        for i, index in enumerate(rows.index):
            better = low > high[i] if higher else high < low[i]
            ranks[index] = 1 + int(better.sum())
    return ranks


def rank_text(row) -> str:
    """'#2', or '#2=' when another strategy of the same group and outcome shares the rank."""
    return f"#{row.rank}" + ("=" if row.shared else "")


def format_table(table: pd.DataFrame, by: list[str]) -> str:
    """The table as text: one section per outcome, one line per group and strategy."""
    from experiments.analysis.figures import format_level

    lines = []
    shared = table.groupby([*by, "outcome", "rank"], observed=True)["rank"].transform("size") > 1
    for outcome, rows in table.assign(shared=shared).groupby("outcome", sort=False):
        arrow = "higher is better" if higher_is_better(outcome) else "lower is better"
        units = f"{int(rows['n'].max())} {rows['interval_over'].iloc[0]}" if "interval_over" in rows else "runs"
        lines.append(f"{outcome} ({arrow}; mean [95 % t-interval over {units}] rank, = where intervals overlap)")
        for row in rows.itertuples(index=False):
            group = " · ".join(format_level(getattr(row, c)) for c in by)
            lines.append(
                f"  {group:<18} {row.strategy:<18} {row.mean:>11.4g} [{row.ci_low:.4g}, {row.ci_high:.4g}]"
                f"  {rank_text(row)}"
            )
    return "\n".join(lines)


PANEL_WIDTH = 4.6  # inches per panel on screen
PANEL_COLUMNS = 2  # panels per row on screen: three long strips side by side made a 13-inch-wide, 1.7-inch-high image


def _panel_height(rows: int) -> float:
    """Inches per panel: room for a row of marks per group and strategy, growing slower than the row count,
    and never flatter than 2:1 (a strip of marks is hard to read and to place in a paper)."""
    return max(PANEL_WIDTH / 2, 0.9 + 0.28 * max(rows, 4) ** 0.8)


def _group_layout(frame: pd.DataFrame, by: list[str]) -> tuple[list[tuple], list[str], str]:
    """The groups (in order), their tick labels, and the axis title that names what a group is."""
    from experiments.analysis.figures import format_level, lever_label

    groups = list(dict.fromkeys(tuple(row) for row in frame[by].itertuples(index=False, name=None)))
    labels = [" · ".join(format_level(v) for v in group) for group in groups]
    column = by[0]
    title = "Scenario" if column == "scenario" else lever_label(column.removesuffix("_bin"))
    return groups, labels, title


def _strategy_rows(
    ax, groups: list[tuple], group_labels: list[str], group_title: str, strategies: list[str]
) -> tuple[dict, float]:
    """Y positions per (group, strategy): strategies side by side within a group; ticks name the rows.

    With one group (one scenario) the rows are the strategies themselves,
    named by their readable labels; with several, each row is a group (a
    scenario or a lever bin) named on the axis, and the strategies are the
    coloured marks within it, named in the legend.
    """
    from experiments.analysis.figures import strategy_label

    if len(groups) == 1:
        positions = {(groups[0], s): float(i) for i, s in enumerate(strategies)}
        ax.set_yticks(range(len(strategies)), [strategy_label(s) for s in strategies], fontsize=7)
        return positions, 0.6
    step = 0.8 / max(len(strategies), 1)
    positions = {(g, s): i - 0.4 + step * (j + 0.5) for i, g in enumerate(groups) for j, s in enumerate(strategies)}
    ax.set_yticks(range(len(groups)), group_labels, fontsize=7)
    ax.set_ylabel(group_title, fontsize=8)
    return positions, step * 0.9


def plot_intervals(table: pd.DataFrame, by: list[str], path: Path) -> Path:
    """One panel per outcome: each strategy's mean with its interval, per group, in the strategy's colour."""
    from experiments.analysis.figures import (
        axis_label,
        measure_label,
        panels,
        save_figure,
        strategy_colour,
        strategy_label,
    )

    outcomes = list(dict.fromkeys(table["outcome"]))
    strategies = list(dict.fromkeys(table["strategy"]))
    groups, group_labels, group_title = _group_layout(table, by)
    figure, axes = panels(
        len(outcomes), width=PANEL_WIDTH, height=_panel_height(len(groups) * len(strategies)), columns=PANEL_COLUMNS
    )
    for ax, outcome in zip(axes, outcomes):
        positions, _ = _strategy_rows(ax, groups, group_labels, group_title, strategies)
        rows = table[table["outcome"] == outcome]
        for strategy in strategies:
            mine = rows[rows["strategy"] == strategy]
            at = [positions[(tuple(r[c] for c in by), strategy)] for _, r in mine.iterrows()]
            errors = np.vstack([mine["mean"] - mine["ci_low"], mine["ci_high"] - mine["mean"]])
            ax.errorbar(
                mine["mean"],
                at,
                xerr=np.nan_to_num(errors),
                fmt="o",
                capsize=3,
                markersize=4,
                color=strategy_colour(strategy, strategies),
                label=strategy_label(strategy),
            )
        ax.invert_yaxis()
        ax.set_title(measure_label(outcome)[0], fontsize=9)
        ax.set_xlabel(axis_label(outcome, with_direction=True) + "; mean, 95 % interval", fontsize=7)
        ax.tick_params(axis="x", labelsize=7)
        if len(groups) > 1:
            ax.legend(fontsize=6, loc="best")
    return save_figure(figure, path)


def plot_boxes(outcomes: pd.DataFrame, columns: list[str], by: list[str], path: Path) -> Path:
    """One panel per outcome: the distribution of run values per strategy and group, boxes in strategy colours."""
    from matplotlib.patches import Patch

    from experiments.analysis.figures import (
        axis_label,
        measure_label,
        panels,
        save_figure,
        strategy_colour,
        strategy_label,
    )

    ordered = outcomes.sort_values(by, kind="stable")
    strategies = list(dict.fromkeys(outcomes["strategy"]))
    groups, group_labels, group_title = _group_layout(ordered, by)
    figure, axes = panels(
        len(columns), width=PANEL_WIDTH, height=_panel_height(len(groups) * len(strategies)), columns=PANEL_COLUMNS
    )
    cells = {keys: g for keys, g in ordered.groupby([*by, "strategy"], sort=False, observed=True)}
    for ax, outcome in zip(axes, columns):
        positions, width = _strategy_rows(ax, groups, group_labels, group_title, strategies)
        for (group, strategy), at in positions.items():
            runs = cells.get((*group, strategy))
            if runs is None:
                continue
            box = ax.boxplot(
                [runs[outcome].to_numpy()],
                positions=[at],
                widths=width,
                orientation="horizontal",
                patch_artist=True,
                manage_ticks=False,
                medianprops={"color": "black"},
            )
            for patch in box["boxes"]:
                patch.set_facecolor(strategy_colour(strategy, strategies))
                patch.set_alpha(0.7)
        ax.invert_yaxis()
        ax.set_title(measure_label(outcome)[0], fontsize=9)
        ax.set_xlabel(axis_label(outcome, with_direction=True) + "; runs", fontsize=7)
        ax.tick_params(axis="x", labelsize=7)
        if len(groups) > 1:
            ax.legend(
                handles=[Patch(color=strategy_colour(s, strategies), label=strategy_label(s)) for s in strategies],
                fontsize=6,
                loc="best",
            )
    return save_figure(figure, path)


def write_comparison(
    outcomes: pd.DataFrame,
    columns: list[str],
    by: list[str],
    out: Path,
    confidence: float = 0.95,
    design: str = "fixed",
) -> pd.DataFrame:
    """Compute the table and write ``compare.csv``, ``compare_intervals.png`` and ``compare_boxes.png`` to ``out``."""
    from experiments.files import write_csv

    table = comparison_table(outcomes, columns, by, confidence, design)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "compare.csv", table)
    plot_intervals(table, by, out / "compare_intervals.png")
    plot_boxes(outcomes, columns, by, out / "compare_boxes.png")
    return table


def comparison_files() -> str:
    """What ``write_comparison`` writes, for the commands' last line (figures in the current format)."""
    from experiments.analysis.figures import figure_file

    return f"compare.csv, {figure_file('compare_intervals')}, {figure_file('compare_boxes')}"


def select_outcomes(available: list[str], asked: list[str] | None) -> list[str]:
    """The asked outcome columns, checked; by default the headline ones these results hold."""
    if not asked:
        return [c for c in DEFAULT_OUTCOMES if c in available] or list(available)
    unknown = [c for c in asked if c not in available]
    if unknown:
        raise InputError(f"outcome {unknown[0]!r}: not stored in these results; allowed: {', '.join(available)}")
    return list(asked)
