"""Checks on sensitivity indices: warnings for indices the design is too small to estimate, the seed noise the
indices average away, and the convergence of the ranking of inputs as the design grows.

Warnings (one line each, after the table):

- a Sobol index outside [0, 1] by more than its bootstrap interval (S1 = 1.98 ± 0.79: an estimate the
  design cannot support; Sobol indices are shares of variance);
- an interval wider than the estimate itself, unless both are negligible (Sobol: below
  :data:`NEGLIGIBLE_SHARE` of the variance; Morris: below :data:`NEGLIGIBLE_EFFECT` of the largest mu*):
  the sign or the size of the effect is not known;
- a first-order index above the total one by more than both intervals (S1 ≤ ST by definition).

Convergence (``sensitivity --convergence``): the Saltelli and Morris designs are nested — the first k base
samples of a Sobol design of N (each a block of D + 2 rows), or the first k trajectories of a Morris design,
are themselves a design of k — so the stored sweep is analysed at N/4, N/2 and N without new runs, and
bootstrapped over its N base samples. The inputs are ranked by importance (ST, or mu*), negligible inputs
tied at the bottom; the ranking is *stable* when it is the same at N/2 and N and holds in at least
:data:`STABLE_SHARE` of the bootstrap resamples.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

NEGLIGIBLE_SHARE = 0.05  # Sobol: a share of variance below which an input does not matter for this outcome
NEGLIGIBLE_EFFECT = 0.05  # Morris: mu* below this fraction of the largest mu* of the same outcome
STABLE_SHARE = 0.9  # of bootstrap resamples that must give the same ranking
CONVERGENCE_RESAMPLES = 200
TARGET_HALF_WIDTH = 0.05  # Sobol: the interval on every ST the recommended N aims for
IMPORTANCE = {"sobol": ("ST", "ST_conf"), "morris": ("mu_star", "mu_star_conf")}
KEYS = ["scenario", "strategy", "outcome"]


def index_warnings(table: pd.DataFrame, method: str) -> list[str]:
    """One line per index the design cannot support (see the module docstring); none for constant outcomes."""
    lines = []
    for (scenario, strategy, outcome), rows in table.groupby(KEYS, sort=False):
        where = f"{scenario} · {strategy} · {outcome}"
        if method == "sobol":
            for row in rows.itertuples(index=False):
                for index in ("S1", "ST"):
                    value, conf = getattr(row, index), getattr(row, f"{index}_conf")
                    if not np.isfinite(value):
                        continue
                    shown = f"{index} of {row.parameter} = {value:.3g} ± {conf:.2g}"
                    if value - conf > 1 or value + conf < 0:
                        side = "above 1" if value > 1 else "below 0"
                        lines.append(f"{where}: {shown} lies {side} beyond its interval (a share of variance is 0-1)")
                    elif conf > abs(value) and conf >= NEGLIGIBLE_SHARE:
                        lines.append(f"{where}: {shown}: the interval is wider than the estimate")
                if np.isfinite(row.S1) and row.S1 - row.S1_conf > row.ST + row.ST_conf:
                    lines.append(
                        f"{where}: S1 of {row.parameter} = {row.S1:.3g} exceeds ST = {row.ST:.3g} beyond both "
                        "intervals (first order cannot exceed total)"
                    )
        else:
            largest = rows["mu_star"].max()
            for row in rows.itertuples(index=False):
                if not np.isfinite(row.mu_star):
                    continue
                if row.mu_star_conf > row.mu_star and row.mu_star_conf >= NEGLIGIBLE_EFFECT * largest:
                    lines.append(
                        f"{where}: mu* of {row.parameter} = {row.mu_star:.3g} ± {row.mu_star_conf:.2g}: "
                        "the interval is wider than the estimate"
                    )
    return lines


def warnings_text(table: pd.DataFrame, method: str, base: int) -> str:
    """The warnings and one line that says what to do about them (or nothing if there are none)."""
    lines = index_warnings(table, method)
    if not lines:
        return ""
    what = "base samples N" if method == "sobol" else "trajectories"
    advice = (
        f"{len(lines)} {'index' if len(lines) == 1 else 'indices'} the design cannot support with {base} {what}: "
        f"raise samples (e.g. {base * 4}) or check the ranking with `multivector sensitivity --convergence`"
    )
    return "\n".join([*(f"warning: {line}" for line in lines), advice])


def seed_noise_lines(results, outcomes: list[str]) -> list[str]:
    """Per scenario × strategy × outcome, the share of the runs' variance that is seed noise within a design
    point (the indices describe the mean over seeds, so that share is averaged away)."""
    from experiments.analysis.noise import percent, summarise, variance_decomposition
    from experiments.analysis.sensitivity import design_groups

    seeds = results.spec.seeds
    if seeds < 2:
        return [
            "seed noise: one seed per design point, so the indices include that seed's noise and it cannot be "
            "measured; set seeds = 2 or more in the spec to see how much of the variance it is"
        ]
    lines = [f"seed noise (share of the runs' variance within a design point; indices use the mean of {seeds} seeds)"]
    for scenario, strategy, _, _, runs in design_groups(results, outcomes):
        shares = []
        for outcome in outcomes:
            if runs[outcome].var() == 0:
                continue
            split = summarise(variance_decomposition(runs, outcome, ["point"]))
            shares.append(f"{outcome} {percent(split.seed)}")
        lines.append(f"  {scenario} · {strategy}: " + (", ".join(shares) or "every outcome constant"))
    return lines


# --- convergence -----------------------------------------------------------------------------------------


def block_rows(spec, names: list[str]) -> int:
    """Design rows per base sample (Sobol: D + 2, or 2D + 2 with second order) or per trajectory (Morris)."""
    d = len(names)
    if spec.sampler == "sobol":
        return 2 * d + 2 if spec.second_order else d + 2
    return d + 1


def nested_sizes(base: int, smallest: int = 2) -> list[int]:
    """N/4, N/2 and N (those of at least ``smallest`` base samples or trajectories)."""
    return [k for k in dict.fromkeys((base // 4, base // 2, base)) if k >= smallest]


def ranking(values: dict[str, float], method: str) -> tuple[tuple[str, ...], frozenset[str]]:
    """Inputs in decreasing importance, and the set of negligible ones (tied at the bottom)."""
    finite = {k: v for k, v in values.items() if np.isfinite(v)}
    if not finite:
        return (), frozenset(values)
    floor = NEGLIGIBLE_SHARE if method == "sobol" else NEGLIGIBLE_EFFECT * max(finite.values())
    ordered = tuple(k for k, v in sorted(finite.items(), key=lambda kv: -kv[1]) if v >= floor and v > 0)
    return ordered, frozenset(set(values) - set(ordered))


def ranking_text(order: tuple[tuple[str, ...], frozenset[str]]) -> str:
    important, negligible = order
    text = " > ".join(important) if important else "(none)"
    if negligible:
        text += f"; negligible: {', '.join(sorted(negligible))}"
    return text


def _sobol_total(y: np.ndarray, d: int, step: int, rows: np.ndarray) -> np.ndarray:
    """ST of every input from the base samples ``rows`` (Jansen's estimator, as SALib computes it)."""
    blocks = y.reshape(-1, step)[rows]
    a, b, ab = blocks[:, 0], blocks[:, step - 1], blocks[:, 1 : d + 1]
    variance = np.var(np.r_[a, b])
    if variance <= np.finfo(float).eps:
        return np.zeros(d)
    return 0.5 * np.mean((a[:, None] - ab) ** 2, axis=0) / variance


def _bootstrap_importance(spec, problem, x, y, resamples: int, rng: np.random.Generator) -> np.ndarray:
    """resamples × inputs: the importance index recomputed on base samples (or trajectories) drawn with
    replacement."""
    names = problem["names"]
    step = block_rows(spec, names)
    base = len(y) // step
    draws = rng.integers(0, base, size=(resamples, base))
    if spec.sampler == "sobol":
        return np.array([_sobol_total(y, len(names), step, rows) for rows in draws])
    from SALib.analyze import morris

    values = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for rows in draws:
            index = (rows[:, None] * step + np.arange(step)).ravel()
            result = morris.analyze(problem, x[index], y[index], num_resamples=2, num_levels=spec.levels, seed=0)
            values.append(result["mu_star"])
    return np.array(values)


@dataclass
class Convergence:
    """The indices at each nested design size, and per scenario × strategy × outcome the verdict."""

    table: pd.DataFrame  # scenario, strategy, outcome, base, parameter, index, conf
    verdicts: pd.DataFrame  # scenario, strategy, outcome, stable, bootstrap_share, ranking, advice
    lines: list[str]

    def text(self) -> str:
        return "\n".join(self.lines)


def convergence(
    results, outcomes: list[str], resamples: int = CONVERGENCE_RESAMPLES, frame: pd.DataFrame | None = None
) -> Convergence:
    """Indices at N/4, N/2 and N of the stored design, the bootstrap share of the ranking at N, and a verdict.

    ``frame``: runs to analyse in place of the stored outcomes (a quantity derived from them per design point,
    with the design's ``scenario``, ``strategy``, ``point`` and lever columns)."""
    from experiments.analysis.sensitivity import analyse_design, design_groups

    spec, problem = results.spec, results.meta["problem"]
    names = problem["names"]
    index, conf = IMPORTANCE[spec.sampler]
    step = block_rows(spec, names)
    unit = "N" if spec.sampler == "sobol" else "trajectories"
    records, verdicts, lines = [], [], []
    rng = np.random.default_rng(spec.seed)
    for scenario, strategy, x, means, _ in design_groups(results, outcomes, frame):
        base = len(means) // step
        sizes = nested_sizes(base)
        for outcome in outcomes:
            y = means[outcome].to_numpy()
            lines.append(
                f"{scenario} · {strategy} · {outcome} (ranking by {index}; nested designs of the stored sweep)"
            )
            if np.ptp(y) == 0:
                lines.append("  constant in every run: nothing to rank")
                continue
            orders = {}
            lines.append("  " + f"{unit:>6}  " + "".join(f"{n:>22}" for n in names) + "  ranking")
            for k in sizes:
                result = analyse_design(spec, problem, x[: k * step], y[: k * step])
                values = dict(zip(names, np.asarray(result[index], dtype=float)))
                orders[k] = ranking(values, spec.sampler)
                for i, name in enumerate(names):
                    records.append((scenario, strategy, outcome, k, name, result[index][i], result[conf][i]))
                cells = "".join(f"{result[index][i]:>13.3g} ± {result[conf][i]:<6.2g}" for i in range(len(names)))
                lines.append(f"  {k:>6}  {cells}  {ranking_text(orders[k])}")
            boot = _bootstrap_importance(spec, problem, x, y, resamples, rng)
            final = orders[base]
            share = float(np.mean([ranking(dict(zip(names, row)), spec.sampler) == final for row in boot]))
            previous = orders.get(base // 2)
            stable = previous == final and share >= STABLE_SHARE
            widest = float(max(r[6] for r in records if r[:4] == (scenario, strategy, outcome, base)))
            advice = _advice(spec, base, stable, widest, previous == final, share)
            lines.append(f"  bootstrap at {unit} = {base} ({resamples} resamples): the ranking holds in {share:.0%}")
            lines.append(f"  {advice}")
            verdicts.append((scenario, strategy, outcome, base, stable, share, ranking_text(final), advice))
    table = pd.DataFrame.from_records(
        records, columns=["scenario", "strategy", "outcome", "base", "parameter", "index", "conf"]
    )
    verdict_table = pd.DataFrame.from_records(
        verdicts, columns=[*KEYS, "base", "stable", "bootstrap_share", "ranking", "advice"]
    )
    return Convergence(table, verdict_table, lines)


def _advice(spec, base: int, stable: bool, widest: float, same_as_half: bool, share: float) -> str:
    if stable:
        verdict = (
            f"stable: the ranking at {base} is the one at {base // 2} and holds in ≥ {STABLE_SHARE:.0%} of resamples"
        )
    elif not same_as_half:
        verdict = f"not stable: the ranking changed between {base // 2} and {base}; raise samples to {base * 4}"
    else:
        verdict = f"not stable: the ranking holds in only {share:.0%} of resamples; raise samples to {base * 4}"
    if spec.sampler == "sobol" and widest > TARGET_HALF_WIDTH:
        needed = 2 ** math.ceil(math.log2(base * (widest / TARGET_HALF_WIDTH) ** 2))
        verdict += f"; for ±{TARGET_HALF_WIDTH:g} on every ST (now ±{widest:.2g}) N ≈ {needed}"
    return verdict
