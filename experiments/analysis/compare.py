"""Strategy comparison: mean, 95 % confidence interval and rank of each outcome, per scenario or lever bin.

The interval is a Student-t interval on the mean over a group's runs
(mean ± t(0.975, n−1)·s/√n). Within a group the runs span seeds and, in a
lever sweep, lever values: the interval then describes the average over that
design, not one lever setting. With common random numbers (the sweep
default) strategies face the same draws, so their differences are sharper
than the overlap of two intervals suggests.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

from world.errors import InputError

DEFAULT_OUTCOMES = (
    "autonomy_mean_after_levers", "autonomy_final", "gdp_final", "capture_events",
    "dependence_RUS_final", "dependence_CHN_final", "hhi_trade_final",
)
# Outcomes where less is better for Kazakhstan: dependence, concentration, coercion and losses
# (MODEL-BRIEF · Outcomes: autonomy = 1 − the largest dependence; capture events are coerced concessions).
LOWER_IS_BETTER = ("dependence_", "hhi_", "capture_events", "pressure_received", "lost_exports", "left_institutions")


def higher_is_better(outcome: str) -> bool:
    """Direction used for ranks: autonomy, welfare and revenue up; dependence, concentration, coercion down."""
    return not outcome.startswith(LOWER_IS_BETTER)


def t_interval(values: np.ndarray, confidence: float = 0.95) -> tuple[float, float, float, float]:
    """(mean, standard deviation, low, high) of a Student-t interval for the mean; NaN bounds for n < 2."""
    values = np.asarray(values, dtype=float)
    mean = float(values.mean())
    if len(values) < 2:
        return mean, float("nan"), float("nan"), float("nan")
    sd = float(values.std(ddof=1))
    half = float(stats.t.ppf(0.5 + confidence / 2, len(values) - 1)) * sd / np.sqrt(len(values))
    return mean, sd, mean - half, mean + half


def add_lever_bins(outcomes: pd.DataFrame, lever: str, bins: int) -> pd.DataFrame:
    """Add a ``<lever>_bin`` column: the value itself if it takes at most ``bins`` values, else quantile bins."""
    if lever not in outcomes.columns:
        raise InputError(f"--by {lever}: not a column of these results; levers swept: "
                            f"{', '.join(c for c in outcomes.columns if outcomes[c].dtype.kind == 'f')}")
    column = outcomes[lever]
    labels = column if column.nunique() <= bins else pd.qcut(column, bins, duplicates="drop")
    return outcomes.assign(**{f"{lever}_bin": labels})


def comparison_table(outcomes: pd.DataFrame, columns: list[str], by: list[str],
                     confidence: float = 0.95) -> pd.DataFrame:
    """One row per group × strategy × outcome: n, mean, sd, ci_low, ci_high, rank (1 = best in its group)."""
    missing = [c for c in [*columns, *by] if c not in outcomes.columns]
    if missing:
        raise InputError(f"outcome or group {missing[0]!r} is not in these results; "
                            f"outcomes stored: {', '.join(c for c in outcomes.columns if c not in by)}")
    records = []
    ordered = outcomes.sort_values(by, kind="stable")  # groups in order, strategies in spec order within each
    for keys, group in ordered.groupby([*by, "strategy"], sort=False, observed=True):
        for outcome in columns:
            mean, sd, low, high = t_interval(group[outcome].to_numpy(), confidence)
            records.append((*keys, outcome, len(group), mean, sd, low, high))
    table = pd.DataFrame.from_records(records, columns=[*by, "strategy", "outcome", "n", "mean", "sd",
                                                        "ci_low", "ci_high"])
    ascending = ~table["outcome"].map(higher_is_better)
    signed = table["mean"].where(ascending, -table["mean"])
    table["rank"] = signed.groupby([table[c] for c in [*by, "outcome"]]).rank(method="min").astype(int)
    return table


def format_table(table: pd.DataFrame, by: list[str]) -> str:
    """The table as text: one section per outcome, one line per group and strategy."""
    lines = []
    for outcome, rows in table.groupby("outcome", sort=False):
        arrow = "higher is better" if higher_is_better(outcome) else "lower is better"
        lines.append(f"{outcome} ({arrow}; mean [95% t-interval] rank)")
        for row in rows.itertuples(index=False):
            group = " · ".join(str(getattr(row, c)) for c in by)
            lines.append(f"  {group:<18} {row.strategy:<18} {row.mean:>11.4g} "
                         f"[{row.ci_low:.4g}, {row.ci_high:.4g}]  #{row.rank}")
    return "\n".join(lines)


def plot_intervals(table: pd.DataFrame, by: list[str], path: Path) -> None:
    """One panel per outcome: each strategy's mean with its interval, per group."""
    from experiments.analysis.figures import panels, save_png

    outcomes = list(dict.fromkeys(table["outcome"]))
    figure, axes = panels(len(outcomes))
    for ax, outcome in zip(axes, outcomes):
        rows = table[table["outcome"] == outcome].reset_index(drop=True)
        labels = [" · ".join([row["strategy"], *(str(row[c]) for c in by)]) for _, row in rows.iterrows()]
        errors = np.vstack([rows["mean"] - rows["ci_low"], rows["ci_high"] - rows["mean"]])
        ax.errorbar(rows["mean"], np.arange(len(rows)), xerr=np.nan_to_num(errors), fmt="o", capsize=3)
        ax.set_yticks(np.arange(len(rows)), labels, fontsize=7)
        ax.invert_yaxis()
        ax.set_title(outcome, fontsize=9)
    save_png(figure, path)


def plot_boxes(outcomes: pd.DataFrame, columns: list[str], by: list[str], path: Path) -> None:
    """One panel per outcome: the distribution of run values per strategy and group."""
    from experiments.analysis.figures import panels, save_png

    figure, axes = panels(len(columns))
    groups = list(outcomes.sort_values(by, kind="stable").groupby([*by, "strategy"], sort=False, observed=True))
    labels = [" · ".join(map(str, (keys[-1], *keys[:-1]))) for keys, _ in groups]
    for ax, outcome in zip(axes, columns):
        ax.boxplot([g[outcome].to_numpy() for _, g in groups], orientation="horizontal")
        ax.set_yticks(np.arange(1, len(groups) + 1), labels, fontsize=7)
        ax.invert_yaxis()
        ax.set_title(outcome, fontsize=9)
    save_png(figure, path)


def write_comparison(outcomes: pd.DataFrame, columns: list[str], by: list[str], out: Path,
                     confidence: float = 0.95) -> pd.DataFrame:
    """Compute the table and write ``compare.csv``, ``compare_intervals.png`` and ``compare_boxes.png`` to ``out``."""
    from experiments.files import write_csv

    table = comparison_table(outcomes, columns, by, confidence)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "compare.csv", table)
    plot_intervals(table, by, out / "compare_intervals.png")
    plot_boxes(outcomes, columns, by, out / "compare_boxes.png")
    return table


def select_outcomes(available: list[str], asked: list[str] | None) -> list[str]:
    """The asked outcome columns, checked; by default the headline ones these results hold."""
    if not asked:
        return [c for c in DEFAULT_OUTCOMES if c in available] or list(available)
    unknown = [c for c in asked if c not in available]
    if unknown:
        raise InputError(f"--outcome {unknown[0]!r}: not stored in these results; allowed: {', '.join(available)}")
    return list(asked)
