"""The answer, stated: where balancing wins, where it loses, and why, in words and tables from a study's numbers.

Reads a :class:`~experiments.analysis.study.StudyReport` that holds the lever
grid, welfare by its terms and rank stability (``multivector study --grid
--stability N``) and renders

- :func:`paragraph`: the README's plain statement, every claim with its number;
- :func:`readme_tables`: the compact tables of the README's findings;
- :func:`details`: the full tables of docs/study.md.

Nothing here computes a statistic: every number comes from the report
(``lever_grid``, ``welfare_terms``, ``rank_stability``, ``robustness``); this
module chooses which numbers answer the question and words them. The words
follow the numbers whatever they say: a strategy behind on welfare is said to
be behind, with the amount.
"""

from __future__ import annotations

import pandas as pd

from experiments.analysis import lever_grid, rank_stability, welfare_terms
from experiments.analysis.lever_grid import estimate
from experiments.analysis.robustness import REFERENCE
from world.measures import higher_is_better

PHRASES = {
    "ahead": "ahead of",
    "behind": "behind",
    "within noise": "level, within noise, with",
    "identical": "identical to",
}
DECOMPOSITION_CORNERS = ((1.0, 3.0), (1.0, 0.0), (0.0, 3.0), (0.0, 0.0))  # grid points whose welfare terms docs show


def name_of(measure: str) -> str:
    """'welfare', 'autonomy', 'security exposure', 'the equal-weight score': what the text calls a criterion."""
    from world.measures import measure_of

    if measure == rank_stability.SCORE:
        return "the equal-weight score"
    return measure_of(measure).label.lower()


def unit_of(measure: str) -> str:
    """The unit printed after a number of ``measure`` (none for indices and shares)."""
    from experiments.analysis.noise import shown_unit
    from world.measures import measure_of

    unit = shown_unit(measure_of(measure).unit)
    return f" {unit}" if unit else ""


def with_interval(measure: str, value: float, low: float, high: float) -> str:
    return f"{estimate(value, (high - low) / 2)}{unit_of(measure)}"


def direction(measure: str) -> str:
    """'' for a measure where more is better (the default reading), ', lower is better' otherwise."""
    return "" if higher_is_better(measure) else ", lower is better"


def at_scenario(report, measure: str) -> tuple[str, float, float, float, str]:
    """Against the best alternative by mean at the scenario's parameters: (alternative, multivector − it, low,
    high, verdict)."""
    paired = report.paired[(report.paired["measure"] == measure) & (report.paired["strategy"] != REFERENCE)]
    means = report.measures[report.measures["outcome"] == measure].set_index("strategy")["mean"]
    signed = means if higher_is_better(measure) else -means
    best = signed.drop(REFERENCE).idxmax()
    row = paired.set_index("strategy").loc[best]
    difference, low, high = -row["difference"], -row["ci_high"], -row["ci_low"]
    return best, difference, low, high, lever_grid.verdict(measure, difference, low, high)


def scenario_levers(scenario: str) -> str:
    from experiments.analysis.figures import format_level
    from world import load_scenario

    values = load_scenario(scenario).parameter_values
    return " / ".join(format_level(values[name]) for name in lever_grid.LEVER_GRID)


def grid_words(grid: pd.DataFrame, measure: str) -> str:
    """'ahead of every alternative at 3 of 9 grid points, behind at least one at 6 (furthest: −2.5 ± 1.1 $bn
    per year against `bandwagon_russia` at 1 / 3)'."""
    counts = lever_grid.standing(grid, measure)
    text = (
        f"ahead of every alternative at {counts['ahead_of_all']} of {counts['points']} points, behind at least "
        f"one at {counts['behind_some']}"
    )
    gap = lever_grid.largest_gap(grid, measure)
    if gap is not None:
        point = lever_grid.point_label(tuple(gap[name] for name in lever_grid.LEVER_GRID))
        text += (
            f" (furthest: {with_interval(measure, gap['difference'], gap['ci_low'], gap['ci_high'])} against "
            f"`{gap['alternative']}` at {point})"
        )
    return text


def terms_words(terms: pd.DataFrame, alternative: str, count: int = 3) -> str:
    """'fdi −0.74 ±0.02, moves +0.25 ±0.01, exports −0.11 ±0.06' (multivector − the alternative, the largest
    terms first)."""
    rows = terms[(terms["strategy"] == alternative) & (terms["term"] != welfare_terms.TOTAL_NAME)].set_index("term")
    words = []
    for term, _ in welfare_terms.main_terms(terms, alternative, count):
        row = rows.loc[term]
        words.append(f"{term} {estimate(row['difference'], (row['diff_high'] - row['diff_low']) / 2)}")
    return ", ".join(words)


def gap_words(terms: pd.DataFrame, alternative: str) -> str:
    """'−0.51 ±0.05 $bn a year against `china_first`: fdi −0.74 ±0.02, …'."""
    total = terms[(terms["strategy"] == alternative) & (terms["term"] == welfare_terms.TOTAL_NAME)].iloc[0]
    verdict = lever_grid.verdict(welfare_terms.TOTAL, total["difference"], total["diff_low"], total["diff_high"])
    noise = " (within noise)" if verdict == "within noise" else ""
    return (
        f"{estimate(total['difference'], (total['diff_high'] - total['diff_low']) / 2)} $bn a year against "
        f"`{alternative}`{noise}: {terms_words(terms, alternative)}"
    )


def paragraph(report, scenario: str) -> list[str]:
    """The README's statement of the answer: the verdict in one paragraph, then the numbers behind it at the
    scenario, over the lever grid, by welfare's terms, and over the behaviour constants."""
    goals = report.objectives
    welfare = goals[0]
    lines = [f"**The answer, stated.** {verdict_sentence(report)}", ""]
    parts = []
    for measure in goals:
        best, difference, low, high, verdict = at_scenario(report, measure)
        parts.append(
            f"{PHRASES[verdict]} `{best}` on {name_of(measure)} ({with_interval(measure, difference, low, high)}"
            f"{direction(measure)})"
        )
    lines.append(
        f"- *At the scenario's parameters* (pressure / EU investment {scenario_levers(scenario)}; differences are "
        "multivector − the alternative on the same seeds, 2025-2040 means, ± half-width of the 95 % interval) "
        "multivector is " + "; ".join(parts) + ", each against the best alternative on that objective."
    )
    if report.grid is not None:
        lines.append(
            "- *On the lever grid* (Russian pressure 0 / 0.5 / 1 × EU investment 0 / 1.5 / 3 €bn a year) it is "
            + "; ".join(f"on {name_of(m)} {grid_words(report.grid, m)}" for m in goals)
            + "."
        )
    if report.terms is not None:
        best = at_scenario(report, welfare)[0]
        moves = report.terms[(report.terms["strategy"] == REFERENCE) & (report.terms["term"] == "moves")]["mean"]
        why = (
            f"- *Why, on welfare* (terms of welfare, $bn a year, largest first): at the scenario's parameters "
            f"{gap_words(report.terms, best)}; multivector's own moves cost it {-float(moves.iloc[0]):.2g} $bn a "
            "year."
        )
        if report.grid_terms is not None:
            corner = dict(zip(lever_grid.LEVER_GRID, DECOMPOSITION_CORNERS[0]))
            rows = report.grid_terms
            here = rows[(rows[list(corner)] == pd.Series(corner)).all(axis=1)]
            total = here[(here["term"] == welfare_terms.TOTAL_NAME) & (here["strategy"] != REFERENCE)]
            worst = total.loc[total["difference"].idxmin(), "strategy"]
            why += (
                f" Under the most pressure (pressure / EU {lever_grid.point_label(DECOMPOSITION_CORNERS[0])}), "
                f"{gap_words(here, worst)}."
            )
        lines.append(why)
    if report.stability is not None:
        stability = report.stability
        firsts = {c: stability.share_first(c) for c in stability.criteria}
        own = ", ".join(f"{name_of(c)} {firsts[c][REFERENCE]:.0%}" for c in stability.criteria)
        leaders = ", ".join(
            f"`{firsts[c].idxmax()}` on {name_of(c)} ({firsts[c].max():.0%})"
            for c in stability.criteria
            if firsts[c].idxmax() != REFERENCE
        )
        top = "; ".join(
            f"on {name_of(c)} "
            + ", ".join(
                f"`{name}` (μ* {mu:.2g}{unit_of(c) if c != rank_stability.SCORE else ''})"
                for name, mu, _ in stability.top_constants(c)
            )
            for c in stability.criteria
        )
        stable = stability.verdicts.set_index("margin")["stable"]
        unsettled = [name_of(c) for c in stability.criteria if not stable.get(rank_stability.margin_column(c), False)]
        lines.append(
            f"- *Over the behaviour constants* ({stability.points} Morris points over "
            f"{', '.join(f'`{c}`' for c in stability.constants)}) multivector ranks first at this share of points: "
            f"{own}"
            + (f"; first most often instead: {leaders}" if leaders else "")
            + f". Its margin over the best alternative moves most with: {top}"
            + (
                f" (the order of the constants is not settled at {stability.trajectories} trajectories for "
                f"{', '.join(unsettled)}: read the leaders as a screening)"
                if unsettled
                else ""
            )
            + "."
        )
    return lines


def beaten_by(grid: pd.DataFrame, measure: str) -> str:
    """' (behind `china_first` at 6, `west_pivot` at 1)': which alternatives beat multivector, at how many points."""
    behind = grid[(grid["measure"] == measure) & (grid["verdict"] == "behind")]
    counted = behind["alternative"].value_counts(sort=False)
    counted = counted.sort_values(ascending=False, kind="stable")
    return " (behind " + ", ".join(f"`{a}` at {n}" for a, n in counted.items()) + ")" if len(counted) else ""


def verdict_sentence(report) -> str:
    """Where balancing wins and where it loses, in one sentence from the grid (or the scenario when there is no
    grid), and how it ranks over the behaviour constants."""
    where = "grid points" if report.grid is not None else "the scenario's parameters"
    wins, losses = [], []
    for measure in report.objectives:
        if report.grid is not None:
            counts = lever_grid.standing(report.grid, measure)
            share = f" at {{}} of {counts['points']} grid points"
            if counts["ahead_of_all"]:
                wins.append(name_of(measure) + share.format(counts["ahead_of_all"]))
            if counts["behind_some"]:
                losses.append(name_of(measure) + share.format(counts["behind_some"]) + beaten_by(report.grid, measure))
        else:
            verdict = at_scenario(report, measure)[4]
            (wins if verdict == "ahead" else losses if verdict == "behind" else []).append(name_of(measure))
    said = (
        f"Balancing is ahead of every alternative on {', '.join(wins)}"
        if wins
        else f"Balancing is ahead of every alternative on no objective at any of the {where}"
    )
    said += (
        f"; it is behind at least one alternative on {', '.join(losses)}"
        if losses
        else "; it is behind no alternative beyond noise"
    )
    if report.stability is not None:
        stability = report.stability
        score = stability.share_first(rank_stability.SCORE)[REFERENCE]
        alone = ", ".join(f"{name_of(c)} {stability.share_first(c)[REFERENCE]:.0%}" for c in report.objectives)
        said += (
            f". Over the behaviour constants, weighing welfare, autonomy and security exposure equally it ranks "
            f"first at {score:.0%} of the design points (on each alone: {alone})"
        )
    return said + "."


# --- tables ---------------------------------------------------------------------------------------------


def share_first_table(stability) -> list[str]:
    """Markdown: a row per strategy, the share of design points at which it ranks first per criterion."""
    criteria = stability.criteria
    header = "| strategy | " + " | ".join(name_of(c) for c in criteria) + " |"
    lines = [header, "|---|" + "---|" * len(criteria)]
    firsts = {c: stability.share_first(c) for c in criteria}
    for strategy in firsts[criteria[0]].index:
        lines.append(f"| `{strategy}` | " + " | ".join(f"{firsts[c][strategy]:.2f}" for c in criteria) + " |")
    return lines


def rank_table(stability, strategy: str | None = None) -> list[str]:
    """Markdown: the share of design points at each rank and the mean rank, per criterion and strategy (or for
    ``strategy`` alone)."""
    ranks = [c for c in stability.shares.columns if c.startswith("rank_")]
    shares = stability.shares if strategy is None else stability.shares[stability.shares["strategy"] == strategy]
    keys = ["criterion"] + (["strategy"] if strategy is None else [])
    lines = [
        "| " + " | ".join([*keys, *(r.removeprefix("rank_") for r in ranks), "mean rank"]) + " |",
        "|" + "---|" * (len(keys) + len(ranks) + 1),
    ]
    for row in shares.itertuples(index=False):
        names = [name_of(row.criterion)] + ([f"`{row.strategy}`"] if strategy is None else [])
        cells = [f"{getattr(row, r):.2f}" for r in ranks]
        lines.append("| " + " | ".join([*names, *cells, f"{row.mean_rank:.2f}"]) + " |")
    return lines


def morris_table(stability, top: int | None = None) -> list[str]:
    """Markdown: per criterion, the constants by μ* of multivector's margin (± bootstrap), σ and μ."""
    lines = ["| margin on | constant | μ* | ± (95 %) | σ | μ |", "|---|---|---|---|---|---|"]
    for criterion in stability.criteria:
        rows = stability.sensitivity[stability.sensitivity["criterion"] == criterion]
        rows = rows.sort_values("mu_star", ascending=False)
        for row in rows.head(top).itertuples(index=False) if top else rows.itertuples(index=False):
            lines.append(
                f"| {name_of(criterion)} | `{row.parameter}` | {row.mu_star:.3g} | {row.mu_star_conf:.2g} | "
                f"{row.sigma:.3g} | {row.mu:+.3g} |"
            )
    return lines


def checks_lines(stability) -> list[str]:
    lines = [f"- warning: {w}" for w in stability.warnings]
    for row in stability.verdicts.itertuples(index=False):
        lines.append(f"- `{row.margin}`: constants by μ*: {row.ranking}; {row.advice}.")
    return lines


def readme_tables(report, seeds: int) -> list[str]:
    """The compact tables of the README: the grid per objective, welfare by its terms, rank stability."""
    lines = []
    if report.grid is not None:
        marks = ", ".join(f"{mark} {name}" for name, mark in lever_grid.VERDICTS.items())
        lines += [
            f"**Multivector − each alternative on the lever grid** (`multivector study --seeds {seeds} --grid`; "
            f"same seeds, ± half-width of the 95 % t-interval over {seeds} seeds; {marks} in the objective's "
            "direction; * survives Holm's correction over the whole grid; other parameters at the scenario's values):",
            "",
        ]
        for measure in report.objectives:
            arrow = "higher is better" if higher_is_better(measure) else "lower is better"
            lines += [f"*{name_of(measure)}* (`{measure}`, {arrow}{unit_of(measure).replace(' ', '; ', 1)}):", ""]
            lines += [*lever_grid.markdown(report.grid, measure), ""]
    if report.terms is not None:
        lines += [
            "**Why: welfare by its terms** at the scenario's parameters ($bn a year, 2025-2040 means, costs "
            "negative; multivector's means, then multivector − each strategy on the same seeds, ± half-width of "
            "the 95 % interval; the terms add up to welfare):",
            "",
            *welfare_terms.markdown(report.terms),
            "",
        ]
    if report.stability is not None:
        stability = report.stability
        lines += [
            f"**Rank stability over the behaviour constants** (`multivector study --stability "
            f"{stability.trajectories} --stability-seeds {stability.seeds}`: "
            f"{rank_stability.describe_design(stability)}). Share of design points at which each strategy ranks "
            "first (ties split):",
            "",
            *share_first_table(stability),
            "",
            "Multivector's rank over the design points (share at each rank):",
            "",
            *rank_table(stability, REFERENCE),
            "",
            "What moves multivector's standing (Morris μ* of its margin over the best alternative; the two "
            "largest per criterion; all in docs/study.md):",
            "",
            *morris_table(stability, top=2),
            "",
        ]
    return lines


def details(report, seeds: int) -> list[str]:
    """The full tables for docs/study.md: every grid cell with its interval, welfare terms at the scenario and
    at the grid's corners, every rank share, every constant's indices and the checks."""
    lines = []
    if report.grid is not None:
        lines += [f"### Paired differences on the lever grid ({seeds} seeds)", ""]
        for measure in report.objectives:
            lines += [
                f"*{name_of(measure)}* (`{measure}`):",
                "",
                *lever_grid.markdown(report.grid, measure, lever_grid.interval_cell),
                "",
            ]
        lines += [
            "Grid points at which multivector is "
            + ", ".join(f"{m} {v}" for v, m in lever_grid.VERDICTS.items())
            + ":",
            "",
        ]
        lines += [f"- {name_of(m)}: " + ", ".join(lever_grid.tally(report.grid, m)) for m in report.objectives]
        lines.append("")
    if report.terms is not None:
        lines += ["### Welfare by its terms at the scenario's parameters", "", *terms_means_table(report.terms), ""]
        lines += ["Multivector − each strategy:", "", *welfare_terms.markdown(report.terms), ""]
    if report.grid_terms is not None:
        lines += ["### Welfare by its terms at the grid's corners (multivector − each strategy)", ""]
        lines += [*corner_terms_table(report.grid_terms), ""]
    if report.stability is not None:
        stability = report.stability
        lines += [f"### Rank stability ({rank_stability.describe_design(stability)})", ""]
        lines += ["Share of design points at each rank, per criterion and strategy:", ""]
        lines += [*rank_table(stability), ""]
        lines += ["Multivector's margin over the best alternative (its value − the best other's, oriented):", ""]
        lines += [*margin_table(stability), ""]
        lines += ["Morris indices of the margin per constant:", "", *morris_table(stability), ""]
        lines += ["Checks:", "", *checks_lines(stability), ""]
    return lines


def terms_means_table(terms: pd.DataFrame) -> list[str]:
    names = list(dict.fromkeys(terms["term"]))
    lines = ["| strategy | " + " | ".join(names) + " |", "|---|" + "---|" * len(names)]
    for strategy, rows in terms.groupby("strategy", sort=False):
        cells = [estimate(r.mean, (r.ci_high - r.ci_low) / 2).lstrip("+") for r in rows.itertuples(index=False)]
        lines.append(f"| `{strategy}` | " + " | ".join(cells) + " |")
    return lines


def corner_terms_table(grid_terms: pd.DataFrame) -> list[str]:
    levers = list(lever_grid.LEVER_GRID)
    names = list(dict.fromkeys(grid_terms["term"]))
    lines = ["| pressure / EU | strategy | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]
    for corner in DECOMPOSITION_CORNERS:
        here = grid_terms[(grid_terms[levers] == pd.Series(dict(zip(levers, corner)))).all(axis=1)]
        for strategy, rows in here.groupby("strategy", sort=False):
            if strategy == REFERENCE:
                continue
            cells = [estimate(r.difference, (r.diff_high - r.diff_low) / 2) for r in rows.itertuples(index=False)]
            lines.append(f"| {lever_grid.point_label(corner)} | `{strategy}` | " + " | ".join(cells) + " |")
    return lines


def margin_table(stability) -> list[str]:
    lines = ["| criterion | mean | lowest | highest | first at |", "|---|---|---|---|---|"]
    for criterion in stability.criteria:
        margin = stability.margins[rank_stability.margin_column(criterion)]
        lines.append(
            f"| {name_of(criterion)} | {margin.mean():+.3g} | {margin.min():+.3g} | {margin.max():+.3g} | "
            f"{(margin > 0).mean():.0%} of points |"
        )
    return lines
