"""Why a strategy wins or loses welfare: welfare split into its terms, per strategy, and against multivector.

The model books welfare by its terms (``world.economy.WELFARE_PARTS``: core
output, FDI output net of the income paid abroad, exports, transit, the costs
of Kazakhstan's own moves, sanctions, the common external tariff, the security
premium; costs negative), and each run reports the mean of each term over the
years the strategy decides (``welfare_part_<term>_mean_after_levers``, $bn a
year). The terms add up to the welfare objective ``welfare_mean_after_levers``
run by run, so their means add up to its mean, and their paired differences to
its paired difference: a strategy's welfare lead or lag is split exactly into
where it comes from.

Per strategy and term: the mean with a Student-t 95 % interval over the seeds
(``experiments.analysis.compare.comparison_table``), and the paired difference
*multivector − the strategy* on the same seeds with its own interval
(``experiments.analysis.robustness.paired_differences``).
"""

from __future__ import annotations

import pandas as pd

from experiments.analysis import robustness
from world.economy import WELFARE_PARTS

TOTAL = "welfare_mean_after_levers"  # the objective the terms add up to
TOTAL_NAME = "welfare"
COLUMNS = ("strategy", "term", "n", "mean", "ci_low", "ci_high", "difference", "diff_low", "diff_high", "significant")


def term_column(term: str) -> str:
    return f"welfare_part_{term}_mean_after_levers"


def term_columns(available: list[str]) -> list[str]:
    """The recorded terms of welfare, in the model's order (none if the results do not hold them)."""
    return [term_column(t) for t in WELFARE_PARTS if term_column(t) in available]


def decomposition(
    outcomes: pd.DataFrame,
    available: list[str],
    by: list[str] | None = None,
    reference: str = robustness.REFERENCE,
    confidence: float = 0.95,
    design: str = "fixed",
) -> pd.DataFrame:
    """One row per (group ×) strategy × term, the total last: mean and interval over the seeds, and multivector −
    the strategy with its paired interval. ``by``: design columns to split by (the levers of a grid)."""
    from experiments.analysis.compare import comparison_table

    by = list(by or [])
    columns = term_columns(available)
    if not columns or TOTAL not in available:
        raise ValueError(f"the welfare decomposition needs {TOTAL} and its welfare_part_* terms in the results")
    measures = [*columns, TOTAL]
    names = {**{term_column(t): t for t in WELFARE_PARTS}, TOTAL: TOTAL_NAME}
    means = comparison_table(outcomes, measures, by, confidence, design=design).rename(columns={"outcome": "measure"})
    paired = robustness.paired_differences(outcomes, measures, reference, confidence, by=by, reference_first=True)
    paired = paired.rename(columns={"ci_low": "diff_low", "ci_high": "diff_high"})
    keys = [*by, "strategy", "measure"]
    table = means[[*keys, "n", "mean", "ci_low", "ci_high"]].merge(
        paired[[*keys, "difference", "diff_low", "diff_high", "significant"]], on=keys, how="left"
    )
    table["term"] = table["measure"].map(names)
    order = {m: i for i, m in enumerate(measures)}
    strategies = {s: i for i, s in enumerate(dict.fromkeys(outcomes["strategy"]))}
    table = table.sort_values(
        [*by, "strategy", "measure"],
        key=lambda c: c.map(strategies) if c.name == "strategy" else c.map(order) if c.name == "measure" else c,
        kind="stable",
    )
    return table[[*by, *COLUMNS]].reset_index(drop=True)


def format_terms(table: pd.DataFrame, where: str) -> list[str]:
    """Text: the means (a row per strategy, a column per term) and multivector − each strategy by term."""
    from experiments.analysis.lever_grid import estimate

    terms = list(dict.fromkeys(table["term"]))
    width = max(10, *(len(t) + 2 for t in terms))
    head = f"    {'strategy':<18}" + "".join(f"{t:>{width}}" for t in terms)
    lines = [
        f"welfare by its terms ({where}; $bn per year, means over 2025-2040, costs negative; the terms add up to "
        f"{TOTAL})",
        "  mean per strategy",
        head,
    ]
    for strategy, rows in table.groupby("strategy", sort=False):
        lines.append(f"    {strategy:<18}" + "".join(f"{v:>{width}.4g}" for v in rows["mean"]))
    lines.append(
        f"  multivector − each strategy (same seeds; ± half-width of the 95 % t-interval; {TOTAL_NAME} = the sum)"
    )
    wide = max(width, 19)
    lines.append(f"    {'strategy':<18}" + "".join(f"{t:>{wide}}" for t in terms))
    for strategy, rows in table.groupby("strategy", sort=False):
        if strategy == robustness.REFERENCE:
            continue
        cells = [estimate(r.difference, (r.diff_high - r.diff_low) / 2) for r in rows.itertuples(index=False)]
        lines.append(f"    {strategy:<18}" + "".join(f"{c:>{wide}}" for c in cells))
    return lines


def markdown(table: pd.DataFrame) -> list[str]:
    """Markdown: a row per strategy, a column per term; multivector's own row shows its means, the others
    multivector − them (± half-width)."""
    from experiments.analysis.lever_grid import estimate

    terms = list(dict.fromkeys(table["term"]))
    lines = ["| strategy | " + " | ".join(terms) + " |", "|---|" + "---|" * len(terms)]
    for strategy, rows in table.groupby("strategy", sort=False):
        if strategy == robustness.REFERENCE:
            cells = [estimate(r.mean, (r.ci_high - r.ci_low) / 2).lstrip("+") for r in rows.itertuples(index=False)]
            lines.append(f"| `{strategy}` (mean) | " + " | ".join(cells) + " |")
        else:
            cells = [estimate(r.difference, (r.diff_high - r.diff_low) / 2) for r in rows.itertuples(index=False)]
            lines.append(f"| multivector − `{strategy}` | " + " | ".join(cells) + " |")
    return lines


def main_terms(table: pd.DataFrame, strategy: str, count: int = 3) -> list[tuple[str, float]]:
    """The terms that make most of multivector − ``strategy`` on welfare, largest first: (term, difference)."""
    rows = table[(table["strategy"] == strategy) & (table["term"] != TOTAL_NAME)]
    ordered = rows.reindex(rows["difference"].abs().sort_values(ascending=False).index)
    return [(r.term, float(r.difference)) for r in ordered.head(count).itertuples(index=False)]
