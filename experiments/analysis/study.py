"""The strategy study behind ``multivector study``: every strategy on the same seeds and the same futures.

Without futures, every registered strategy runs ``seeds`` times at the
scenario's parameter values. With ``futures = N``, the parameters the table
marks ``uncertain`` (world/data/parameters.csv) are sampled by a Latin
hypercube over their ranges into N futures, and every strategy runs every
future with the same seeds. Both go through the sweep engine (any executor,
resumable store, common random numbers), so a study is reproducible from its
spec and its numbers do not depend on the number of workers.

What is computed from the runs is in ``experiments.analysis.robustness``; this module
chooses the measures, writes the files and draws the figure.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from experiments.analysis import lever_grid, rank_stability, robustness, welfare_terms
from experiments.analysis.compare import DEFAULT_OUTCOMES
from experiments.analysis.noise import NoiseReport, noise_report, write_noise
from experiments.analysis.rank_stability import RankStability
from world import load_scenario
from world.measures import higher_is_better

# The three objectives a strategy is judged on, each the first of its candidates that the results hold:
# welfare, the headline autonomy and security exposure (lower is better), each over the years the strategy
# decides (2025-2040): a cost is booked in the quarter it is paid, so only a mean over the period counts every
# cost a strategy paid (the last quarter alone sees only the costs still being paid then).
OBJECTIVE_CANDIDATES = (
    ("welfare_mean_after_levers", "welfare_final", "gdp_final"),
    ("autonomy_mean_after_levers",),
    ("security_exposure_mean_after_levers", "security_exposure_final"),
)
# Welfare a strategy may lose against doing nothing (the null model) in a future and still satisfice:
# 2 % of output, about one year of Kazakhstan's trend growth forgone (assumption).
WELFARE_TOLERANCE = 0.02
ROBUSTNESS_COLUMNS = ("strategy", "regret_mean", "regret_p90", "satisficing_share", "pareto", "share_first")


def run_study(spec: dict, out: Path, executor: dict, quiet: bool = True):
    """Run the study's sweep into ``out`` and return (its summary, the stored outcomes, the outcome columns)."""
    summary, stored = run_design(spec, out, executor, quiet)
    return summary, stored.outcomes(), stored.outcome_columns


def run_design(spec: dict, out: Path, executor: dict, quiet: bool = True):
    """Run a sweep into ``out`` and return (its summary, the stored results: spec, design and outcomes)."""
    from experiments.sweep.driver import run_sweep
    from experiments.sweep.store import SweepResults

    summary = run_sweep(spec, out=out, quiet=quiet, **executor)
    return summary, SweepResults(out)


def objectives(available: list[str]) -> list[str]:
    """Welfare, autonomy and security exposure, as far as these results hold them."""
    return [
        next(c for c in group if c in available) for group in OBJECTIVE_CANDIDATES if any(c in available for c in group)
    ]


# Besides the headline outcomes and the objectives, the measure family as far as the model records it:
# concentration of dependence and, per great power, vulnerability (Keohane & Nye 1977).
FAMILY_EXTRA = (
    "hhi_dependence_final",
    "vulnerability_RUS_final",
    "vulnerability_CHN_final",
    "vulnerability_EU_final",
    "vulnerability_USA_final",
    "vulnerability_TUR_final",
)
# The README's strategy table: the objectives and the headline measures a reader asks for first.
HEADLINE = (
    "autonomy_final",
    "capture_events",
    "hhi_dependence_final",
    "vulnerability_RUS_final",
    "vulnerability_CHN_final",
    "dependence_RUS_final",
    "hhi_trade_final",
)


def family(available: list[str]) -> list[str]:
    """The measures reported per strategy: the headline outcomes, the objectives and the new measure family."""
    return list(
        dict.fromkeys(
            [
                *(c for c in DEFAULT_OUTCOMES if c in available),
                *objectives(available),
                *(c for c in FAMILY_EXTRA if c in available),
            ]
        )
    )


def headline(available: list[str]) -> list[str]:
    """The columns of the README's strategy table: the objectives, then the headline measures recorded."""
    return list(dict.fromkeys([*objectives(available), *(c for c in HEADLINE if c in available)]))


def default_thresholds(available: list[str], scenario: str = "eurasia") -> robustness.Thresholds:
    """Satisficing: autonomy at or above 1 − the dependence ceiling the multivector doctrine itself tolerates
    (parameter ``dependence_ceiling``, 003 · Kazakhstan's Relationship with China: involve a partner but prevent
    overreliance), and welfare within ``WELFARE_TOLERANCE`` of the null model's in the same future."""
    welfare, autonomy = objectives(available)[:2]
    ceiling = load_scenario(scenario).parameter_values["dependence_ceiling"]
    return robustness.Thresholds(
        autonomy=autonomy, autonomy_floor=1.0 - ceiling, welfare=welfare, welfare_tolerance=WELFARE_TOLERANCE
    )


@dataclass
class StudyReport:
    """Everything a study computed, as tables (also written as CSV files)."""

    measures: pd.DataFrame  # comparison table: strategy x measure, mean, CI, rank
    paired: pd.DataFrame
    robustness: pd.DataFrame
    regret: pd.DataFrame
    objectives: list[str]
    thresholds: robustness.Thresholds
    futures: int
    seeds: int
    headline: list[str]  # the columns of the README's strategy table
    noise: NoiseReport | None = None  # variance split and seeds check, on the objectives
    terms: pd.DataFrame | None = None  # welfare by its terms per strategy, and multivector − each (welfare_terms)
    grid: pd.DataFrame | None = None  # multivector − each alternative at each point of the lever grid (lever_grid)
    grid_terms: pd.DataFrame | None = None  # welfare by its terms at each point of the lever grid
    grid_seeds: int = 0
    stability: RankStability | None = None  # ranks over the behaviour constants (rank_stability)


def analyse(
    outcomes: pd.DataFrame,
    available: list[str],
    futures: int,
    seeds: int,
    thresholds: robustness.Thresholds | None = None,
    seed: int = 0,
    precision: dict[str, float] | None = None,
) -> StudyReport:
    """Compute every table of the study from its stored runs (``precision``: stated half-widths for the seeds
    check, by measure)."""
    from experiments.analysis.compare import comparison_table

    goals = objectives(available)
    measures = family(available)
    thresholds = thresholds or default_thresholds(available)
    factors = ["strategy", *(["point"] if futures else [])]
    design = "sampled" if futures else "fixed"
    terms = welfare_terms.decomposition(outcomes, available, design=design) if has_terms(available) else None
    return StudyReport(
        measures=comparison_table(outcomes, measures, ["scenario"], design=design),
        paired=robustness.paired_differences(outcomes, measures),
        robustness=robustness.robustness_table(outcomes, goals, thresholds, seed=seed),
        regret=robustness.regret_by_measure(outcomes, goals),
        objectives=goals,
        thresholds=thresholds,
        futures=futures,
        seeds=seeds,
        headline=headline(available),
        noise=noise_report(outcomes, goals, factors, ["scenario"], precision, design),
        terms=terms,
    )


def has_terms(available: list[str]) -> bool:
    return welfare_terms.TOTAL in available and bool(welfare_terms.term_columns(available))


def answer_specs(
    strategies: list[str],
    seeds: int,
    scenario: str = "eurasia",
    seed: int = 0,
    grid: bool = False,
    stability: int = 0,
    stability_seeds: int = rank_stability.SEEDS,
) -> dict[str, dict]:
    """The sweep specs of the designs asked for, by name: ``grid`` (the lever grid on the study's seeds) and
    ``stability`` (``stability`` Morris trajectories over the behaviour constants; 0: none)."""
    specs = {}
    if grid:
        specs["grid"] = lever_grid.grid_spec(strategies, seeds, scenario, seed)
    if stability:
        specs["stability"] = rank_stability.stability_spec(strategies, stability, stability_seeds, scenario, seed)
    return specs


def run_answer(report: StudyReport, specs: dict[str, dict], out: Path, executor: dict, quiet: bool = True) -> dict:
    """Run the designs of :func:`answer_specs` into ``out/<name>`` and add their tables to ``report``; return
    their sweep summaries by name."""
    summaries = {}
    if "grid" in specs:
        summaries["grid"], runs = run_design(specs["grid"], out / "grid", executor, quiet)
        add_grid(report, runs.outcomes(), runs.outcome_columns, specs["grid"]["seeds"])
    if "stability" in specs:
        summaries["stability"], design = run_design(specs["stability"], out / "stability", executor, quiet)
        add_stability(report, design)
    return summaries


def add_grid(report: StudyReport, outcomes: pd.DataFrame, available: list[str], seeds: int) -> None:
    """The lever grid's paired differences on the study's objectives, and welfare by its terms at each point."""
    report.grid = lever_grid.grid_differences(outcomes, report.objectives)
    report.grid_seeds = seeds
    if has_terms(available):
        report.grid_terms = welfare_terms.decomposition(outcomes, available, by=list(lever_grid.LEVER_GRID))


def add_stability(report: StudyReport, results) -> None:
    """Rank stability over the behaviour constants, from the stored Morris design's runs."""
    report.stability = rank_stability.analyse_stability(results, report.objectives)


def write_report(report: StudyReport, out: Path) -> None:
    """robustness.csv, paired.csv, regret.csv, variance.csv, seeds.csv and robustness.png into ``out``
    (compare.csv is written apart)."""
    from experiments.files import write_csv

    write_csv(out / "robustness.csv", report.robustness[list(ROBUSTNESS_COLUMNS)])
    write_csv(out / "paired.csv", report.paired)
    write_csv(out / "regret.csv", report.regret)
    if report.noise is not None:
        write_noise(report.noise, out)
    if report.terms is not None:
        write_csv(out / "welfare_terms.csv", report.terms)
    if report.grid is not None:
        write_csv(out / "grid.csv", report.grid)
        lever_grid.plot_grid(report.grid, out / "grid.png")  # in the format of figure_style
    if report.grid_terms is not None:
        write_csv(out / "grid_welfare_terms.csv", report.grid_terms)
    if report.stability is not None:
        stability = report.stability
        write_csv(out / "rank_shares.csv", stability.shares)
        write_csv(out / "rank_margins.csv", stability.margins)
        write_csv(out / "rank_sensitivity.csv", stability.sensitivity)
        write_csv(out / "rank_convergence.csv", stability.verdicts)
    plot_robustness(report, out / "robustness.png")  # in the format of figure_style


def written_files(report: StudyReport) -> list[str]:
    """The files ``write_report`` writes for this report, in its order (robustness.png is named apart)."""
    from experiments.analysis.figures import figure_file

    files = ["robustness.csv", "paired.csv", "regret.csv"]
    files += ["variance.csv", "seeds.csv"] if report.noise is not None else []
    files += ["welfare_terms.csv"] if report.terms is not None else []
    files += ["grid.csv", figure_file("grid")] if report.grid is not None else []
    files += ["grid_welfare_terms.csv"] if report.grid_terms is not None else []
    if report.stability is not None:
        files += ["rank_shares.csv", "rank_margins.csv", "rank_sensitivity.csv", "rank_convergence.csv"]
    return files


def format_report(report: StudyReport) -> str:
    """The robustness table, the paired differences, welfare by its terms and the checks as text; with them,
    the lever grid and rank stability."""
    where = (
        f"{report.futures} futures (LHS over the uncertain parameters) x {report.seeds} seeds"
        if report.futures
        else f"the scenario's parameters x {report.seeds} seeds"
    )
    lines = [
        f"robustness on {', '.join(report.objectives)} over {where}",
        f"  regret: shortfall from the best strategy of each future, equal-weight mean of the objectives "
        f"normalised within the future (0 = best, 1 = worst on all); "
        f"satisficing: {report.thresholds.describe()}",
        f"  {'strategy':<18} {'regret mean':>11} {'regret p90':>10} {'satisficing':>11} {'pareto':>6} {'first':>6}",
    ]
    for row in report.robustness.itertuples(index=False):
        lines.append(
            f"  {row.strategy:<18} {row.regret_mean:>11.3f} {row.regret_p90:>10.3f} "
            f"{row.satisficing_share:>11.2f} {'yes' if row.pareto else 'no':>6} {row.share_first:>6.3f}"
        )
    lines.append(
        f"paired differences against {robustness.REFERENCE} (same futures, same seeds; 95 % t-interval; "
        "* differs after Holm's correction over all strategies and measures, family-wise 5 %)"
    )
    for measure, rows in report.paired.groupby("measure", sort=False):
        arrow = "higher is better" if higher_is_better(measure) else "lower is better"
        lines.append(f"  {measure} ({arrow})")
        for row in rows.itertuples(index=False):
            if row.strategy != robustness.REFERENCE:
                lines.append(
                    f"    {row.strategy:<18} {row.difference:>+10.4g} [{row.ci_low:+.4g}, {row.ci_high:+.4g}]"
                    f"  better in {row.share_better:.0%} of pairs{' *' if row.significant else ''}"
                )
    if report.terms is not None:
        lines += welfare_terms.format_terms(report.terms, where)
    if report.noise is not None:
        lines += report.noise.lines
    if report.grid is not None:
        lines += lever_grid.format_grid(report.grid, report.grid_seeds)
    if report.stability is not None:
        lines += rank_stability.format_stability(report.stability)
    return "\n".join(lines)


def plot_robustness(report: StudyReport, path: Path) -> None:
    """Two panels: regret against satisficing share, and the share of weight vectors ranking each strategy first."""
    from experiments.analysis.figures import panels, save_figure, strategy_colour, strategy_label

    table = report.robustness
    names = list(table["strategy"])
    figure, (left, right) = panels(2, width=5.2, height=4.0, columns=2)
    for row in table.itertuples(index=False):
        colour = strategy_colour(row.strategy, names)  # the colour it has in every figure
        left.errorbar(
            row.regret_mean,
            row.satisficing_share,
            xerr=[[0], [row.regret_p90 - row.regret_mean]],
            fmt="o" if row.pareto else "s",
            color=colour,
            capsize=3,
            label=strategy_label(row.strategy) + (" (Pareto)" if row.pareto else ""),
        )
    left.set_xlabel("Regret (score 0-1, lower is better): mean, bar to 90th pct.")
    left.set_ylabel("Satisficing share of futures (0-1, higher is better)")
    left.legend(fontsize=7)
    left.set_title("Robustness across futures", fontsize=9)
    right.barh(
        [strategy_label(s) for s in names], table["share_first"], color=[strategy_colour(s, names) for s in names]
    )
    right.invert_yaxis()
    right.set_xlabel(f"Share of {robustness.WEIGHT_VECTORS} weight vectors ranking it first (0-1)")
    right.set_title(f"Rank stability on {', '.join(report.objectives)}", fontsize=9)
    save_figure(figure, path)
