"""Rank stability over the behaviour constants: does the ranking survive what the model assumes about behaviour?

Which strategy comes first rests on a few constants of behaviour that no
source pins down (each is a marked assumption with a range in the parameter
table). :data:`RANKING_CONSTANTS` declares them, once; their names, ranges and
units are read from ``world/data/parameters.csv``:

- ``climate_per_unit``: the investment climate a unit of alignment (standing
  with a power, from costly moves) buys;
- ``investment_output_share``: the output a dollar of foreign capital adds;
- ``loyalty_bar``: the alignment at which a power treats Kazakhstan as loyal
  (and a rival punishes it);
- ``switching_cost``: the price of moving exports to a new buyer;
- ``fdi_per_incentive`` and ``security_cost_per_tie``: the prices of the
  balancer's two other costly instruments (investment incentives, bilateral
  security ties). A screening of every costed constant (Morris, 6
  trajectories) found these two with the largest effect on multivector's
  welfare and security margins after ``investment_output_share``, above
  ``switching_cost``; ``summit_discount`` moved nothing more than
  ``switching_cost`` and is left at its value.

A Morris design (elementary effects, Morris 1991; Campolongo et al. 2007's
μ*) spans their ranges; every strategy runs at every design point on the same
seeds (common random numbers), the other parameters at the scenario's values.
At each point the strategies are ranked on each objective and on the study's
equal-weight score (``experiments.analysis.robustness.composite_score``:
each objective normalised over the strategies at that point), on their means
over the seeds, ties split evenly. Reported:

- the share of design points at which each strategy ranks first (and at
  each rank), per criterion: the shares over strategies sum to 1;
- multivector's *margin*: its value minus the best alternative's at each point
  (oriented, so positive means multivector is first), and the Morris μ*
  (with a bootstrap interval), σ and μ of that margin per constant: which
  assumptions decide multivector's standing;
- the checks of ``experiments.analysis.sensitivity_checks`` on those indices:
  intervals wider than the estimate, and the convergence of the constants'
  ranking over the nested designs (N/4, N/2, N trajectories) and a bootstrap.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from experiments.analysis import robustness
from world.errors import InputError

# The behaviour constants that decide the ranking (see the module docstring for why each is here).
RANKING_CONSTANTS = (
    "climate_per_unit",
    "investment_output_share",
    "loyalty_bar",
    "switching_cost",
    "fdi_per_incentive",
    "security_cost_per_tie",
)
TRAJECTORIES = 8  # Morris trajectories of the default design (each len(RANKING_CONSTANTS) + 1 points)
SEEDS = 2  # common seeds per design point and strategy
LEVELS = 4  # Morris grid levels: each constant takes its range's ends and two values between
SCORE = "score"  # the equal-weight score of the study, a criterion beside the objectives
TIE = 1e-12  # relative: values this close rank as ties (identical runs give identical values)


def constants_of(scenario: str = "eurasia", names: tuple[str, ...] = RANKING_CONSTANTS) -> dict:
    """The declared constants' entries of the parameter table (name, range, unit); an error naming any missing."""
    from world import load_scenario

    parameters = load_scenario(scenario).parameters
    for name in names:
        if name not in parameters:
            raise InputError(f"rank stability: constant {name!r} is not in the parameter table (docs/parameters.md)")
        if not parameters[name].low < parameters[name].high:
            raise InputError(f"rank stability: constant {name!r} has no range to sample (min = max)")
    return {name: parameters[name] for name in names}


def stability_spec(
    strategies: list[str],
    trajectories: int = TRAJECTORIES,
    seeds: int = SEEDS,
    scenario: str = "eurasia",
    seed: int = 0,
) -> dict:
    """The sweep spec: a Morris design of ``trajectories`` over :data:`RANKING_CONSTANTS`, every strategy at
    every point on ``seeds`` common seeds."""
    from experiments.analysis.study_design import study_spec

    if trajectories < 2:
        raise InputError(f"--stability {trajectories}: a Morris design needs at least 2 trajectories (0: off)")
    spec = study_spec(strategies, seeds, scenario, 0, seed)
    spec.update(
        name="study-stability",
        sampler="morris",
        samples=trajectories,
        levels=LEVELS,
        levers={name: {"range": [p.low, p.high]} for name, p in constants_of(scenario).items()},
    )
    return spec


def rank_shares(values: pd.DataFrame) -> pd.DataFrame:
    """Points × strategies of values (higher is better) → strategies × ranks: the share of points at which each
    strategy holds each rank. Tied strategies share their ranks evenly, so every row and column sums to 1."""
    v = values.to_numpy(dtype=float)
    points, k = v.shape
    shares = np.zeros((k, k))
    for row in v:
        close = np.isclose(row[:, None], row[None, :], rtol=TIE, atol=TIE)
        better = (row[None, :] > row[:, None]) & ~close  # [j, i]: i is better than j
        for j in range(k):
            first, tied = int(better[j].sum()), int(close[j].sum())
            shares[j, first : first + tied] += 1.0 / tied
    return pd.DataFrame(shares / points, index=values.columns, columns=[f"rank_{i + 1}" for i in range(k)])


@dataclass
class RankStability:
    """What the rank-stability design found (tables also written as CSV)."""

    constants: dict  # name -> the parameter table's entry
    trajectories: int
    seeds: int
    points: int
    criteria: list[str]  # the objectives, then SCORE
    shares: pd.DataFrame  # criterion, strategy, rank_1 … rank_k, mean_rank
    margins: pd.DataFrame  # point, the constants, margin_<criterion>
    sensitivity: pd.DataFrame  # criterion, parameter, mu_star, mu_star_conf, sigma, mu
    warnings: list[str]
    verdicts: pd.DataFrame  # per margin: base, stable, bootstrap_share, ranking, advice (sensitivity_checks)

    def share_first(self, criterion: str) -> pd.Series:
        rows = self.shares[self.shares["criterion"] == criterion]
        return rows.set_index("strategy")["rank_1"]

    def top_constants(self, criterion: str = SCORE, count: int = 2) -> list[tuple[str, float, float]]:
        """The constants with the largest μ* on multivector's margin: (name, μ*, its bootstrap half-width)."""
        rows = self.sensitivity[self.sensitivity["criterion"] == criterion].sort_values("mu_star", ascending=False)
        return [(r.parameter, float(r.mu_star), float(r.mu_star_conf)) for r in rows.head(count).itertuples()]


def margin_column(criterion: str) -> str:
    return f"margin_{criterion}"


def analyse_stability(results, objectives: list[str], reference: str = robustness.REFERENCE) -> RankStability:
    """Ranks, rank shares, multivector's margins and their Morris indices, with the sensitivity checks."""
    from experiments.analysis.sensitivity import COLUMNS, analyse_design
    from experiments.analysis.sensitivity_checks import convergence, index_warnings

    spec, problem = results.spec, results.meta["problem"]
    names = list(problem["names"])
    outcomes = results.outcomes()
    per_point = robustness.future_means(outcomes, objectives)
    values = robustness.oriented(per_point, objectives).assign(
        **{SCORE: robustness.composite_score(per_point, objectives)}
    )
    criteria = [*objectives, SCORE]
    strategies = list(dict.fromkeys(outcomes["strategy"]))
    if reference not in strategies:
        raise ValueError(f"rank stability needs {reference!r} among the strategies")
    share_rows = []
    margins = outcomes.groupby("point", sort=True)[names].first()
    for criterion in criteria:
        wide = values[criterion].unstack("strategy")[strategies]
        shares = rank_shares(wide)
        positions = np.arange(1, len(strategies) + 1)
        share_rows.append(
            shares.assign(criterion=criterion, mean_rank=shares.to_numpy() @ positions).reset_index(names="strategy")
        )
        margins[margin_column(criterion)] = wide[reference] - wide.drop(columns=reference).max(axis=1)
    shares = pd.concat(share_rows, ignore_index=True)
    shares = shares[["criterion", "strategy", *[c for c in shares.columns if c.startswith("rank_")], "mean_rank"]]
    x = margins[names].to_numpy()
    records = []
    scenario = str(outcomes["scenario"].iloc[0])
    for criterion in criteria:
        indices = analyse_design(spec, problem, x, margins[margin_column(criterion)].to_numpy())
        for i, name in enumerate(names):
            records.append((scenario, reference, criterion, name, *(indices[k][i] for k in COLUMNS["morris"])))
    sensitivity = pd.DataFrame.from_records(
        records, columns=["scenario", "strategy", "criterion", "parameter", *COLUMNS["morris"]]
    )
    warnings = index_warnings(sensitivity.rename(columns={"criterion": "outcome"}), "morris")
    derived = margins.reset_index().assign(scenario=scenario, strategy=reference, replicate=0)
    checked = convergence(results, [margin_column(c) for c in criteria], frame=derived)
    return RankStability(
        constants=constants_of(scenario, tuple(names)),
        trajectories=int(spec.samples),
        seeds=int(spec.seeds),
        points=len(margins),
        criteria=criteria,
        shares=shares,
        margins=margins.reset_index(),
        sensitivity=sensitivity.drop(columns=["scenario", "strategy"]),
        warnings=warnings,
        verdicts=checked.verdicts.drop(columns=["scenario", "strategy"]).rename(columns={"outcome": "margin"}),
    )


def describe_design(report: RankStability) -> str:
    from experiments.analysis.figures import format_level

    spans = ", ".join(
        f"{name} {format_level(p.low)}–{format_level(p.high)} {p.unit}" for name, p in report.constants.items()
    )
    return (
        f"Morris design, {report.trajectories} trajectories × {len(report.constants) + 1} = {report.points} points "
        f"over {spans}; every strategy at every point on {report.seeds} common seeds"
    )


def criterion_label(criterion: str) -> str:
    return "equal-weight score" if criterion == SCORE else criterion


def format_stability(report: RankStability) -> list[str]:
    """Text: shares ranked first, multivector's rank distribution, the Morris indices of its margins, checks."""
    lines = [
        f"rank stability over the behaviour constants ({describe_design(report)}; ranks on the means over the "
        "seeds, ties split)",
        "  share of design points at which each strategy ranks first",
        "    " + f"{'strategy':<18}" + "".join(f"{criterion_short(c):>10}" for c in report.criteria),
    ]
    firsts = {c: report.share_first(c) for c in report.criteria}
    for strategy in firsts[report.criteria[0]].index:
        lines.append("    " + f"{strategy:<18}" + "".join(f"{firsts[c][strategy]:>10.2f}" for c in report.criteria))
    ranks = [c for c in report.shares.columns if c.startswith("rank_")]
    lines.append(f"  {robustness.REFERENCE}'s rank: share of design points at each rank, and the mean rank")
    lines.append("    " + f"{'criterion':<10}" + "".join(f"{r.removeprefix('rank_'):>6}" for r in ranks) + "    mean")
    own = report.shares[report.shares["strategy"] == robustness.REFERENCE].set_index("criterion")
    for criterion in report.criteria:
        row = own.loc[criterion]
        lines.append(
            "    "
            + f"{criterion_short(criterion):<10}"
            + "".join(f"{row[r]:>6.2f}" for r in ranks)
            + f"{row['mean_rank']:>8.2f}"
        )
    lines.append(
        f"  what moves {robustness.REFERENCE}'s standing: Morris μ* (± 95 % bootstrap), σ and μ of its margin "
        "over the best alternative (its value − the best other's, oriented: > 0 means first)"
    )
    for criterion in report.criteria:
        margin = report.margins[margin_column(criterion)]
        lines.append(
            f"    {criterion_label(criterion)}: margin mean {margin.mean():+.3g} (from {margin.min():+.3g} to "
            f"{margin.max():+.3g}); first at {(margin > 0).mean():.0%} of points"
        )
        rows = report.sensitivity[report.sensitivity["criterion"] == criterion].sort_values("mu_star", ascending=False)
        if rows["mu_star"].isna().all():
            lines.append("      constant over the design: no effect to apportion")
            continue
        for row in rows.itertuples(index=False):
            lines.append(
                f"      {row.parameter:<26} μ* {row.mu_star:>9.3g} ± {row.mu_star_conf:<8.2g} σ {row.sigma:>9.3g}  "
                f"μ {row.mu:>+9.3g}"
            )
    lines.append("  checks (sensitivity checks on the margins' indices)")
    lines += [f"    warning: {w}" for w in report.warnings] or ["    no index the design cannot support"]
    for row in report.verdicts.itertuples(index=False):
        lines.append(f"    {row.margin}: constants by μ*: {row.ranking}; {row.advice}")
    return lines


def criterion_short(criterion: str) -> str:
    """A column heading: welfare, autonomy, security, score."""
    return criterion.split("_")[0]
