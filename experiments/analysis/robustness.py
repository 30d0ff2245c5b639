"""Comparing strategies the way a referee would: paired differences, Pareto set, rank stability, regret, satisficing.

Pure functions over tables of run outcomes (one row per run: ``strategy``,
``point`` = the future, ``replicate`` = the seed, one column per measure),
generic over a list of measures, each with the direction in which it is
better (``world.measures.higher_is_better``). The study command
(``experiments.analysis.study``) runs the sweep and writes what these return.

Definitions (robustness metrics as surveyed by McPhail et al. 2018 and used in
EMA Workbench, Kwakkel 2017):

- *paired difference*: a strategy's measure minus multivector's in the same
  run conditions (same future, same seed: common random numbers), with a
  Student-t 95 % interval over the pairs and a paired t-test whose p-values
  are corrected for the many comparisons by Holm's method (Holm 1979);
- *Pareto set*: strategies no other strategy beats on every objective at once
  (at least as good on all, better on one), on the strategies' means;
- *rank stability*: uniform weight vectors on the simplex of the objectives
  (Dirichlet(1, …, 1)), each scoring a strategy by the weighted sum of its
  min-max normalised means; the share of vectors under which each strategy
  ranks first (ties split evenly, so the shares sum to 1);
- *regret* (Savage 1951): in each future, how far a strategy falls short of
  the best strategy *in that future*; 0 for that future's best;
- *satisficing share* (Simon 1956; Starr 1963's domain criterion): the share
  of futures in which a strategy meets every stated threshold.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from experiments.analysis.compare import t_interval
from world.measures import higher_is_better

REFERENCE = "multivector"
ROUNDING = 1e-9  # relative spread of paired differences below which they are one number up to rounding error
WEIGHT_VECTORS = 1000


def oriented(values: pd.DataFrame, measures: list[str]) -> pd.DataFrame:
    """The measures signed so that higher is always better (lower-is-better measures negated)."""
    return pd.DataFrame({m: values[m] if higher_is_better(m) else -values[m] for m in measures}, index=values.index)


def strategy_means(outcomes: pd.DataFrame, measures: list[str]) -> pd.DataFrame:
    """One row per strategy (in the order they appear), the mean of each measure over all its runs."""
    order = list(dict.fromkeys(outcomes["strategy"]))
    return outcomes.groupby("strategy", sort=False)[measures].mean().loc[order]


def paired_differences(
    outcomes: pd.DataFrame,
    measures: list[str],
    reference: str = REFERENCE,
    confidence: float = 0.95,
    by: list[str] | None = None,
    reference_first: bool = False,
) -> pd.DataFrame:
    """Each strategy minus ``reference`` on the same (future, seed) pairs: n, mean, t-interval, share better.

    Runs are matched on ``point`` and ``replicate``; the seeds of matched runs
    must be the same (common random numbers), else the pairing would compare
    different draws, and that is refused. ``by``: columns of the design (the
    levers of a grid) to report the differences at each of their values apart,
    with Holm's correction over the whole table. ``reference_first``: the
    difference is ``reference`` minus each strategy instead (``share_better``
    is always the share of pairs in which the difference's first term does
    better, in the measure's direction).
    """
    by = list(by or [])
    keys = ["point", "replicate"]
    records = []
    for group_keys, group in outcomes.groupby(by, sort=False) if by else [((), outcomes)]:
        group_keys = group_keys if isinstance(group_keys, tuple) else (group_keys,)
        base = group[group["strategy"] == reference].set_index(keys)
        if base.empty:
            raise ValueError(f"paired differences need the reference strategy {reference!r} in the results")
        for strategy, runs in group.groupby("strategy", sort=False):
            runs = runs.set_index(keys)
            missing = runs.index.difference(base.index)
            if len(missing):
                raise ValueError(
                    f"{strategy}: {len(missing)} of its runs have no run of {reference} at the same point and "
                    "replicate; paired differences need both on the same design"
                )
            matched = base.loc[runs.index]
            if "seed" in runs.columns and not (runs["seed"].to_numpy() == matched["seed"].to_numpy()).all():
                raise ValueError(
                    f"{strategy}: its runs do not share seeds with {reference}'s; "
                    "paired differences need common random numbers"
                )
            for measure in measures:
                diff = runs[measure].to_numpy() - matched[measure].to_numpy()
                if reference_first:
                    diff = -diff
                mean, sd, low, high = t_interval(diff, confidence)
                sign = 1.0 if higher_is_better(measure) else -1.0
                records.append(
                    (
                        *group_keys,
                        strategy,
                        measure,
                        len(diff),
                        mean,
                        low,
                        high,
                        float(np.mean(sign * diff > 0)),
                        paired_p_value(diff),
                    )
                )
    table = pd.DataFrame.from_records(
        records,
        columns=[*by, "strategy", "measure", "n", "difference", "ci_low", "ci_high", "share_better", "p_value"],
    )
    tested = table["strategy"] != reference
    table["significant"] = False
    table.loc[tested, "significant"] = holm(table.loc[tested, "p_value"].to_numpy(), 1.0 - confidence)
    return table


def paired_p_value(differences: np.ndarray) -> float:
    """Two-sided p-value of a paired t-test that the mean difference is 0 (1 if every difference is 0,
    0 if they are all the same non-zero number: no noise, a certain difference). Differences that differ only
    by rounding error (a cost term the same in every seed, summed in another order) count as the same number:
    the t-test would divide by rounding noise (and scipy warns of catastrophic cancellation)."""
    from scipy import stats

    scale = float(np.abs(differences).max()) if len(differences) else 0.0
    if len(differences) < 2 or float(np.ptp(differences)) <= ROUNDING * scale:
        return 0.0 if scale > 0 else 1.0
    return float(stats.ttest_1samp(differences, 0.0).pvalue)


def holm(p_values: np.ndarray, alpha: float = 0.05) -> np.ndarray:
    """Holm's step-down correction (Holm 1979): which of the hypotheses to reject, keeping the family-wise
    error rate at ``alpha`` over all of them (every strategy against the reference on every measure)."""
    order = np.argsort(p_values, kind="stable")
    reject = np.zeros(len(p_values), dtype=bool)
    for rank, index in enumerate(order):
        if p_values[index] > alpha / (len(p_values) - rank):
            break
        reject[index] = True
    return reject


def pareto_set(means: pd.DataFrame, objectives: list[str]) -> pd.Series:
    """True for each strategy (row) that no other row dominates on ``objectives``."""
    values = oriented(means, objectives).to_numpy()
    dominated = [
        any((other >= row).all() and (other > row).any() for j, other in enumerate(values) if j != i)
        for i, row in enumerate(values)
    ]
    return pd.Series(~np.array(dominated, dtype=bool), index=means.index, name="pareto")


def normalise(means: pd.DataFrame, objectives: list[str]) -> pd.DataFrame:
    """Min-max over the strategies compared, oriented: 1 = the best strategy's mean, 0 = the worst's.

    A measure on which every strategy ties carries no information and is 0
    for all (it then cannot decide a rank).
    """
    signed = oriented(means, objectives)
    span = signed.max() - signed.min()
    return ((signed - signed.min()) / span.where(span > 0)).fillna(0.0)


def simplex_weights(n_objectives: int, n_vectors: int = WEIGHT_VECTORS, seed: int = 0) -> np.ndarray:
    """``n_vectors`` weight vectors drawn uniformly on the simplex (Dirichlet with all parameters 1)."""
    return np.random.default_rng(seed).dirichlet(np.ones(n_objectives), size=n_vectors)


def share_first(
    means: pd.DataFrame, objectives: list[str], n_vectors: int = WEIGHT_VECTORS, seed: int = 0
) -> pd.Series:
    """The share of weight vectors under which each strategy has the highest weighted normalised score."""
    scores = normalise(means, objectives).to_numpy() @ simplex_weights(len(objectives), n_vectors, seed).T
    best = np.isclose(scores, scores.max(axis=0), rtol=0.0, atol=1e-12)  # strategies x vectors
    shares = (best / best.sum(axis=0)).mean(axis=1)
    return pd.Series(shares, index=means.index, name="share_first")


def future_means(outcomes: pd.DataFrame, measures: list[str]) -> pd.DataFrame:
    """Mean over seeds per (future, strategy): index (point, strategy), one column per measure."""
    order = list(dict.fromkeys(outcomes["strategy"]))
    frame = outcomes.groupby(["point", "strategy"], sort=False)[measures].mean()
    return frame.reindex(
        pd.MultiIndex.from_product([sorted(set(outcomes["point"])), order], names=["point", "strategy"])
    )


def regret(per_future: pd.DataFrame, measures: list[str]) -> pd.DataFrame:
    """Savage regret per (future, strategy) and measure: the best strategy's value in that future minus this one's.

    Always ≥ 0, in the measure's own unit, 0 for the best strategy of each future.
    """
    signed = oriented(per_future, measures)
    best = signed.groupby(level="point").transform("max")
    return best - signed


def composite_score(per_future: pd.DataFrame, objectives: list[str]) -> pd.Series:
    """Equal-weight mean of the objectives, each min-max normalised over the strategies *within* each future.

    1 = the best strategy's value in that future, 0 = the worst's. Normalising
    within a future keeps what separates strategies: over all futures at once,
    a measure whose level swings with the future (GDP with the oil price)
    would squeeze the differences between strategies to nothing.
    """
    signed = oriented(per_future, objectives)
    by_future = signed.groupby(level="point")
    low, span = by_future.transform("min"), by_future.transform("max") - by_future.transform("min")
    scaled = ((signed - low) / span.where(span > 0)).fillna(0.0)
    return scaled.mean(axis=1).rename("score")


@dataclass(frozen=True)
class Thresholds:
    """What a strategy must achieve in a future to satisfice.

    ``autonomy_floor``: the autonomy measure at or above this value;
    ``welfare_tolerance``: welfare no more than this fraction below the null
    model's (``passive``, a Kazakhstan that does nothing) in the same future.
    """

    autonomy: str
    autonomy_floor: float
    welfare: str
    welfare_tolerance: float
    null_strategy: str = "passive"

    def describe(self) -> str:
        return (
            f"{self.autonomy} >= {self.autonomy_floor:g} and {self.welfare} >= "
            f"(1 - {self.welfare_tolerance:g}) x {self.null_strategy}'s in the same future"
        )


def satisficing(per_future: pd.DataFrame, thresholds: Thresholds) -> pd.Series:
    """Per (future, strategy): True if the strategy meets both thresholds in that future."""
    null = per_future.xs(thresholds.null_strategy, level="strategy")[thresholds.welfare]
    floor = (1.0 - thresholds.welfare_tolerance) * null.reindex(per_future.index.get_level_values("point")).to_numpy()
    welfare_ok = per_future[thresholds.welfare].to_numpy() >= floor
    autonomy_ok = per_future[thresholds.autonomy].to_numpy() >= thresholds.autonomy_floor
    return pd.Series(welfare_ok & autonomy_ok, index=per_future.index, name="satisficing")


def robustness_table(
    outcomes: pd.DataFrame,
    objectives: list[str],
    thresholds: Thresholds,
    n_vectors: int = WEIGHT_VECTORS,
    seed: int = 0,
) -> pd.DataFrame:
    """One row per strategy: regret_mean, regret_p90 (of the composite score), satisficing_share, pareto, share_first."""
    per_future = future_means(outcomes, sorted({*objectives, thresholds.autonomy, thresholds.welfare}))
    score = composite_score(per_future, objectives)
    composite_regret = score.groupby(level="point").transform("max") - score
    by_strategy = composite_regret.groupby(level="strategy", sort=False)
    means = strategy_means(outcomes, objectives)
    table = pd.DataFrame(
        {
            "strategy": means.index,
            "regret_mean": by_strategy.mean().loc[means.index].to_numpy(),
            "regret_p90": by_strategy.quantile(0.9).loc[means.index].to_numpy(),
            "satisficing_share": satisficing(per_future, thresholds)
            .groupby(level="strategy", sort=False)
            .mean()
            .loc[means.index]
            .to_numpy(),
            "pareto": pareto_set(means, objectives).to_numpy(),
            "share_first": share_first(means, objectives, n_vectors, seed).to_numpy(),
        }
    )
    return table


def regret_by_measure(outcomes: pd.DataFrame, measures: list[str]) -> pd.DataFrame:
    """Per strategy and measure: mean and 90th-percentile regret over the futures, in the measure's unit."""
    per_future = future_means(outcomes, measures)
    long = (
        regret(per_future, measures)
        .reset_index()
        .melt(id_vars=["point", "strategy"], var_name="measure", value_name="regret")
    )
    grouped = long.groupby(["strategy", "measure"], sort=False)["regret"]
    return pd.DataFrame({"regret_mean": grouped.mean(), "regret_p90": grouped.quantile(0.9)}).reset_index()
