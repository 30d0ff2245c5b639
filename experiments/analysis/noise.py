"""Seed noise against lever and strategy effects: a variance decomposition, and how many seeds a claim needs.

Pure functions over tables of run outcomes (one row per run, with ``strategy``,
``replicate`` and the factors of the design as columns), reused by ``compare``,
``study`` and ``sensitivity``.

*Variance decomposition* (functional ANOVA of a balanced full factorial design,
Hoeffding 1948; Saltelli et al. 2008 ch. 1): the variance of an outcome over all
runs is split exactly into the main effect of each factor (strategy, each lever
of a grid, or the sampled point as one factor for a random design), their
interactions, and the seed. With common random numbers (replicate *r* has the
same seed in every cell) the seed is a crossed factor too, and the part of its
effect that every strategy shares (its main effect and its interactions with
the levers) is reported apart: paired differences between strategies cancel it.
Without common random numbers the seed's share is the variance within cells.

*Seeds check*: the 95 % half-width of each strategy's mean over ``n`` seeds
(a Student-t interval, t(0.975, n−1)·s/√n, s the standard deviation over
seeds of the strategy's design-average), the half-width other numbers of seeds
would give, and the seeds needed for the interval to be narrower than a stated
precision, or than half the gap to the nearest other strategy's mean (so that
the two intervals stop overlapping and the ranks stop being ties).
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

SEED = "seed"  # the name the decomposition gives to run-to-run noise
REPLICATE = "replicate"
MAX_SEEDS = 10_000  # beyond this a difference is not worth resolving by seeds: reported as "> 10000"
PROJECTED_SEEDS = (5, 10, 20, 50, 100)


def design_factors(outcomes: pd.DataFrame, levers: list[str], sampler: str) -> list[str]:
    """The factors a sweep's runs are crossed on: strategy and scenario when several, then each lever of a
    grid (crossed by construction), or the design point as one factor for a random design (LHS, Sobol,
    Morris: its levers are not crossed with each other)."""
    factors = [c for c in ("scenario", "strategy") if c in outcomes.columns and outcomes[c].nunique() > 1]
    if sampler == "grid":
        factors += [lever for lever in levers if lever in outcomes.columns and outcomes[lever].nunique() > 1]
    elif "point" in outcomes.columns and outcomes["point"].nunique() > 1:
        factors.append("point")
    return factors


def seeds_are_crossed(outcomes: pd.DataFrame) -> bool:
    """Common random numbers: each replicate has one seed, the same in every cell of the design."""
    if REPLICATE not in outcomes.columns or "seed" not in outcomes.columns:
        return False
    return bool(outcomes.groupby(REPLICATE)["seed"].nunique().eq(1).all())


def variance_decomposition(outcomes: pd.DataFrame, measure: str, factors: list[str]) -> pd.DataFrame:
    """The variance of ``measure`` over all runs, split into the factors' main effects and interactions and
    the seed; one row per term: ``source`` (factor names joined by ' × '), ``factors`` (tuple), ``order``,
    ``variance`` (population variance, same unit squared as the measure) and ``share`` (of the total).

    The design must be balanced: every combination of the factors' levels holds the same number of runs
    (a sweep's grid or sampled points crossed with its strategies and seeds always is). The terms add up to
    the total variance exactly.
    """
    crossed = seeds_are_crossed(outcomes)
    axes = [*factors, REPLICATE] if crossed else list(factors)
    names = [*factors, SEED] if crossed else list(factors)
    values = outcomes[measure].to_numpy(dtype=float)
    total = float(values.var())
    records: list[tuple] = []
    if axes:
        levels = [pd.unique(outcomes[a]) for a in axes]
        grouped = outcomes.groupby(axes, sort=False)[measure]
        counts = grouped.size()
        full = math.prod(len(level) for level in levels)
        if len(counts) != full or counts.nunique() != 1:
            raise ValueError(
                f"{measure}: the runs are not a balanced design over {', '.join(axes)} "
                f"({len(counts)} of {full} cells filled, {counts.min()}-{counts.max()} runs each)"
            )
        index = pd.MultiIndex.from_product(levels, names=axes) if len(axes) > 1 else pd.Index(levels[0], name=axes[0])
        cells = grouped.mean().reindex(index).to_numpy().reshape([len(level) for level in levels])
        within = float(grouped.var(ddof=0).mean())
        grand = cells.mean()
        effects: dict[tuple[int, ...], np.ndarray] = {}
        for order in range(1, len(axes) + 1):
            for subset in itertools.combinations(range(len(axes)), order):
                others = tuple(i for i in range(len(axes)) if i not in subset)
                effect = cells.mean(axis=others, keepdims=True) - grand if others else cells - grand
                for smaller in range(1, order):
                    for part in itertools.combinations(subset, smaller):
                        effect = effect - effects[part]
                effects[subset] = effect
                variance = float(np.mean(np.broadcast_to(effect, cells.shape) ** 2))
                terms = tuple(names[i] for i in subset)
                records.append((" × ".join(terms), terms, order, variance))
        if not crossed:
            records.append((SEED, (SEED,), 1, within))
    else:
        records.append((SEED, (SEED,), 1, total))
    table = pd.DataFrame.from_records(records, columns=["source", "factors", "order", "variance"])
    table["share"] = table["variance"] / total if total > 0 else 0.0
    return table


@dataclass(frozen=True)
class Split:
    """A decomposition summarised for one line: main effects, interactions among them, and the seed."""

    total_sd: float
    main: dict[str, float]  # factor -> share
    interactions: float
    largest_interaction: tuple[str, float] | None
    seed: float
    seed_shared: float | None  # the seed's share that every strategy shares (cancels in paired differences)


def summarise(table: pd.DataFrame, strategy: str = "strategy") -> Split:
    """Group a decomposition's terms: each main effect, all interactions without the seed, and the seed."""
    with_seed = table[table["factors"].map(lambda f: SEED in f)]
    without = table[table["factors"].map(lambda f: SEED not in f)]
    main = {row.factors[0]: float(row.share) for row in without[without["order"] == 1].itertuples()}
    interactions = without[without["order"] > 1]
    largest = None
    if not interactions.empty:
        top = interactions.loc[interactions["share"].idxmax()]
        largest = (top["source"], float(top["share"]))
    crossed = bool((with_seed["order"] > 1).any())  # the seed interacts with other factors: it was crossed
    shared = None
    if crossed and any(strategy in f for f in table["factors"]):
        shared = float(with_seed[with_seed["factors"].map(lambda f: strategy not in f)]["share"].sum())
    variance = float(table["variance"].sum())
    return Split(
        total_sd=math.sqrt(max(variance, 0.0)),
        main=main,
        interactions=float(interactions["share"].sum()),
        largest_interaction=largest,
        seed=float(with_seed["share"].sum()),
        seed_shared=shared,
    )


DIMENSIONLESS = ("index", "share", "HHI", "0/1")  # units not repeated after a number ("0.02 apart", not "0.02 share")


def shown_unit(unit: str) -> str:
    """The unit to print after a number: none for indices and shares, whose numbers speak for themselves."""
    return "" if not unit or unit.startswith(DIMENSIONLESS) else unit


def percent(share: float) -> str:
    return f"{100 * share:.1f} %" if share >= 0.001 or share == 0 else "< 0.1 %"


def describe_split(measure: str, split: Split, unit: str = "", runs: int | None = None) -> str:
    """One line: what share of the measure's variance each source carries."""
    head = f"{measure} (SD {split.total_sd:.3g}{' ' + unit if unit else ''}" + (
        f" over {runs} runs):" if runs else "):"
    )
    if split.total_sd == 0:
        return f"{head} constant in every run"
    parts = [f"{name} {percent(share)}" for name, share in split.main.items()]
    if split.largest_interaction is not None:
        name, share = split.largest_interaction
        parts.append(f"interactions {percent(split.interactions)} (largest: {name} {percent(share)})")
    seed = f"seed {percent(split.seed)}"
    if split.seed_shared is not None and split.seed > 0:
        seed += f" ({percent(split.seed_shared)} shared by all strategies: cancels in paired differences)"
    parts.append(seed)
    return f"{head} " + " · ".join(parts)


# --- how many seeds ---------------------------------------------------------------------------------------


def half_width(sd: float, n: int, confidence: float = 0.95) -> float:
    """Half-width of the Student-t interval for a mean of ``n`` values with standard deviation ``sd``."""
    if n < 2:
        return float("nan")
    return float(stats.t.ppf(0.5 + confidence / 2, n - 1)) * sd / math.sqrt(n)


def seeds_for(sd: float, target: float, confidence: float = 0.95) -> int | None:
    """The fewest seeds (≥ 2) whose interval half-width is at most ``target``; None if it takes more than
    ``MAX_SEEDS`` or the target is 0 while there is noise; 2 if there is no noise at all."""
    if sd == 0:
        return 2
    if target <= 0:
        return None
    z = float(stats.norm.ppf(0.5 + confidence / 2))
    n = max(2, math.ceil((z * sd / target) ** 2))
    while n <= MAX_SEEDS and half_width(sd, n, confidence) > target:
        n += 1
    return n if n <= MAX_SEEDS else None


FIXED, SAMPLED = "fixed", "sampled"  # a design's points: chosen by the spec (a grid), or drawn (LHS, Sobol, Morris)


def design_kind(sampler: str) -> str:
    return FIXED if sampler == "grid" else SAMPLED


def replicate_means(runs: pd.DataFrame, measure: str) -> np.ndarray:
    """One value per seed: the mean of ``measure`` over the runs of that replicate (the design points of a
    group); with no replicate column, the runs themselves."""
    if REPLICATE not in runs.columns:
        return runs[measure].to_numpy(dtype=float)
    return runs.groupby(REPLICATE, sort=True)[measure].mean().to_numpy(dtype=float)


def interval_units(runs: pd.DataFrame, measure: str, design: str = FIXED) -> np.ndarray:
    """The values a mean's interval is computed over. Fixed design points (a grid, the scenario's values):
    one value per seed, its average over the points, so only seed noise counts. Sampled points (LHS,
    Sobol, Morris, a study's futures): one value per point, its average over the seeds, since the points are
    themselves a random draw of the futures the mean is about."""
    if design == SAMPLED and "point" in runs.columns and runs["point"].nunique() > 1:
        return runs.groupby("point", sort=True)[measure].mean().to_numpy(dtype=float)
    return replicate_means(runs, measure)


def within_point_sd(runs: pd.DataFrame, measure: str) -> tuple[float, int]:
    """The seed standard deviation at one design point (pooled over the points) and the seeds per point."""
    if "point" not in runs.columns or REPLICATE not in runs.columns:
        values = runs[measure].to_numpy(dtype=float)
        return (float(values.std(ddof=1)) if len(values) > 1 else float("nan")), len(values)
    grouped = runs.groupby("point")[measure]
    seeds = int(grouped.size().min())
    return (float(np.sqrt(grouped.var(ddof=1).mean())) if seeds > 1 else float("nan")), seeds


def seeds_check(
    outcomes: pd.DataFrame,
    measures: list[str],
    by: list[str],
    precision: dict[str, float] | None = None,
    confidence: float = 0.95,
    design: str = FIXED,
) -> pd.DataFrame:
    """Per group × strategy × measure: seeds, SD over seeds, the half-width now and at other numbers of seeds,
    the nearest other strategy and the gap to it, the seeds needed to separate the two intervals, and the
    seeds needed for a stated half-width (``precision``, in the measure's unit) where one is given.

    Fixed design points: the SD over seeds of the strategy's design average (what ``compare``'s interval
    uses). Sampled points: the seed SD at one design point, pooled over the points (how precisely each
    future's value is known).
    """
    precision = precision or {}
    records = []
    for keys, group in outcomes.groupby(by, sort=False, observed=True):
        keys = keys if isinstance(keys, tuple) else (keys,)
        per_strategy = {s: runs for s, runs in group.groupby("strategy", sort=False)}
        for measure in measures:
            means = {s: float(runs[measure].mean()) for s, runs in per_strategy.items()}
            spread = {}
            for strategy, runs in per_strategy.items():
                if design == SAMPLED:
                    spread[strategy] = within_point_sd(runs, measure)
                else:
                    v = replicate_means(runs, measure)
                    spread[strategy] = (float(v.std(ddof=1)) if len(v) > 1 else float("nan"), len(v))
            for strategy in per_strategy:
                sd, n = spread[strategy]
                others = {s: abs(means[s] - means[strategy]) for s in means if s != strategy}
                nearest = min(others, key=others.get) if others else None
                gap = others[nearest] if nearest else float("nan")
                worst_sd = max(sd, spread[nearest][0]) if nearest and n > 1 else sd
                separate = seeds_for(worst_sd, gap / 2, confidence) if nearest and n > 1 else None
                stated = precision.get(measure)
                record = {
                    **dict(zip(by, keys)),
                    "strategy": strategy,
                    "measure": measure,
                    "seeds": n,
                    "sd": sd,
                    "half_width": half_width(sd, n, confidence),
                    **{f"half_width_{k}": half_width(sd, k, confidence) for k in PROJECTED_SEEDS},
                    "nearest": nearest,
                    "gap": gap,
                    "seeds_to_separate": separate,
                    "precision": stated,
                    "seeds_for_precision": seeds_for(sd, stated, confidence) if stated is not None else None,
                }
                records.append(record)
    return pd.DataFrame.from_records(records)


def describe_seeds(check: pd.DataFrame, measure: str, unit: str = "") -> str:
    """One line per measure: the half-widths now, and the seeds that would separate every pair of neighbours
    (and meet the stated precision, if one was given)."""
    rows = check[check["measure"] == measure]
    n = int(rows["seeds"].max())
    widths = rows["half_width"].dropna()
    unit_text = f" {unit}" if unit else ""
    if widths.empty:
        return f"{measure}: one seed, no interval"
    if widths.max() == 0:
        line = f"{measure}: no seed noise (every seed gives the same value)"
    else:
        line = f"{measure}: 95 % half-width {widths.min():.2g}–{widths.max():.2g}{unit_text} with {n} seeds"
        line += f" (at most {half_width(float(rows['sd'].max()), 4 * n):.2g} with {4 * n})"
    separable = rows[rows["gap"] > 0]
    identical = rows[(rows["gap"] == 0) & (rows["sd"] == 0)]
    if not separable.empty:
        needed = separable["seeds_to_separate"]
        if needed.isna().any():
            worst = separable[needed.isna()].iloc[0]
            line += (
                f"; {worst['strategy']} and {worst['nearest']} differ by {worst['gap']:.2g}{unit_text}: "
                f"more than {MAX_SEEDS} seeds to separate"
            )
        else:
            worst = separable.loc[needed.astype(float).idxmax()]
            verdict = "enough" if int(worst["seeds_to_separate"]) <= n else "needed"
            line += (
                f"; {int(worst['seeds_to_separate'])} seeds {verdict} to separate every strategy from its nearest "
                f"(closest: {worst['strategy']} and {worst['nearest']}, {worst['gap']:.2g}{unit_text} apart)"
            )
    if not identical.empty and separable.empty:
        line += "; the strategies give identical values"
    stated = rows["precision"].dropna()
    if not stated.empty:
        needed = rows["seeds_for_precision"]
        most = "more than " + str(MAX_SEEDS) if needed.isna().any() else str(int(needed.max()))
        line += f"; ±{stated.iloc[0]:g}{unit_text} needs {most} seeds"
    return line


def parse_precision(items: list[str] | None, measures: list[str]) -> dict[str, float]:
    """``--precision NAME=HALF_WIDTH`` options (the measure's unit), checked against the measures reported."""
    from world.errors import InputError

    precision = {}
    for item in items or []:
        name, sep, raw = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise InputError(f"--precision {item!r}: expected NAME=HALF_WIDTH, e.g. --precision welfare_final=1")
        if name not in measures:
            raise InputError(f"--precision {name!r}: not among the measures reported; allowed: {', '.join(measures)}")
        try:
            value = float(raw)
        except ValueError:
            raise InputError(f"--precision {item!r}: {raw!r} is not a number") from None
        if not value > 0 or not math.isfinite(value):
            raise InputError(f"--precision {item!r}: the half-width must be a positive number")
        precision[name] = value
    return precision


@dataclass
class NoiseReport:
    """The variance decomposition and the seeds check of a set of runs, as tables and as text."""

    decomposition: pd.DataFrame  # measure, source, factors, order, variance, share
    seeds: pd.DataFrame  # see seeds_check
    lines: list[str]

    def text(self) -> str:
        return "\n".join(self.lines)


def noise_report(
    outcomes: pd.DataFrame,
    measures: list[str],
    factors: list[str],
    by: list[str],
    precision: dict[str, float] | None = None,
    design: str = FIXED,
) -> NoiseReport:
    """Both checks for ``measures``: the variance split over ``factors`` and the seed, and the seeds check of
    each strategy's mean per group ``by``; text lines headed by what they measure."""
    from experiments.analysis.figures import measure_label

    parts, lines = [], []
    crossed = seeds_are_crossed(outcomes)
    names = ", ".join([*factors, "seed"])
    lines.append(
        f"variance split (share of each outcome's variance over all {len(outcomes)} runs, by {names}; "
        + ("seeds crossed: common random numbers)" if crossed else "seed: the variance within cells)")
    )
    for measure in measures:
        table = variance_decomposition(outcomes, measure, factors)
        parts.append(table.assign(measure=measure))
        lines.append("  " + describe_split(measure, summarise(table), shown_unit(measure_label(measure)[1])))
    seeds = seeds_check(outcomes, measures, by, precision, design=design)
    what = "of each strategy's mean" if design == FIXED else "of a strategy's mean at one design point"
    lines.append(
        f"seeds check (95 % half-width {what}; seeds for the intervals of each strategy and its "
        "nearest neighbour to stop overlapping)"
    )
    for measure in measures:
        lines.append("  " + describe_seeds(seeds, measure, shown_unit(measure_label(measure)[1])))
    decomposition = pd.concat(parts, ignore_index=True)[["measure", "source", "order", "variance", "share"]]
    return NoiseReport(decomposition, seeds, lines)


def write_noise(report: NoiseReport, out) -> None:
    """``variance.csv`` (the decomposition, every term) and ``seeds.csv`` (the seeds check) into ``out``."""
    from pathlib import Path

    from experiments.files import write_csv

    write_csv(Path(out) / "variance.csv", report.decomposition)
    write_csv(Path(out) / "seeds.csv", report.seeds)
