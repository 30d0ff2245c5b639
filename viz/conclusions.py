"""The run's conclusion in words, with numbers: how it ended, and how it compares with the run before Reset.

"Autonomy in 2040Q4: 0.912 with these settings, 0.884 with the previous ones
— larger than seed noise." Whether a difference is larger than seed noise
is measured, not guessed: both settings are run on the same block of seeds
(the shown run's seed and the next ones: common random numbers), and the
difference is "larger than seed noise" when its 95 % t-interval over those
seeds excludes zero. When only the seed changed, the whole difference is
seed noise and the sentence says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viz.outcomes import (
    SHARED,
    OutcomeCache,
    format_value,
    outcome_label,
    paired_difference,
    run_key,
    signed,
    within_noise,
)
from viz.session import SLIDER_LEVERS, strategy_label

HEADLINE = ("autonomy_final", "welfare_final")  # the outcomes the sentence compares, in this order
NOISE_SEEDS = 5


@dataclass(frozen=True)
class RunSettings:
    """What decides a run: scenario, strategy, seed and the slider levers."""

    scenario: str
    strategy: str
    seed: int
    levers: tuple[tuple[str, float], ...]

    @classmethod
    def of(cls, settings: dict[str, object]) -> "RunSettings":
        """From ``SessionModel.settings()``."""
        levers = tuple((name, float(settings[name])) for name in SLIDER_LEVERS)
        return cls(str(settings["scenario_name"]), str(settings["strategy"]), int(settings["seed"]), levers)

    def seeds(self, n: int = NOISE_SEEDS) -> list[int]:
        return [self.seed + k for k in range(n)]

    def keys(self, seeds: list[int]) -> list:
        return [run_key(self.scenario, self.strategy, seed, dict(self.levers)) for seed in seeds]

    def same_but_seed(self, other: "RunSettings") -> bool:
        return (self.scenario, self.strategy, self.levers) == (other.scenario, other.strategy, other.levers)

    def changes_from(self, other: "RunSettings") -> str:
        """ "strategy China first → Multi-vector balancing; Russian pressure 0.35 → 1": what differs, in words."""
        changes = []
        if self.scenario != other.scenario:
            changes.append(f"scenario {other.scenario} → {self.scenario}")
        if self.strategy != other.strategy:
            changes.append(f"strategy {strategy_label(other.strategy)} → {strategy_label(self.strategy)}")
        old = dict(other.levers)
        for name, value in self.levers:
            if abs(value - old.get(name, value)) > 1e-9:
                changes.append(f"{SLIDER_LEVERS[name][0]} {old[name]:g} → {value:g}")
        if self.seed != other.seed:
            changes.append(f"seed {other.seed} → {self.seed}")
        return "; ".join(changes) or "nothing"


@dataclass(frozen=True)
class Comparison:
    """One headline outcome of this run against the previous one, with the seed-noise verdict."""

    outcome: str
    scenario: str
    now: float
    before: float
    difference: float  # mean over the seed block of (these settings − previous settings)
    low: float
    high: float
    seeds: tuple[int, ...]
    only_seed: bool

    @property
    def within_noise(self) -> bool:
        return self.only_seed or within_noise(self.low, self.high)

    def sentence(self) -> str:
        label = outcome_label(self.outcome, self.scenario, unit=True)
        head = (
            f"{label}: {format_value(self.outcome, self.now)} with these settings, "
            f"{format_value(self.outcome, self.before)} with the previous ones"
        )
        if self.only_seed:
            return f"{head} — only the seed changed, so the whole difference is seed noise."
        verdict = "within seed noise" if self.within_noise else "larger than seed noise"
        seeds = f"seeds {self.seeds[0]}–{self.seeds[-1]}" if len(self.seeds) > 1 else f"seed {self.seeds[0]}"
        return (
            f"{head} — {verdict} (over {seeds}, the settings differ by {signed(self.outcome, self.difference)} on "
            f"average, 95 % interval {signed(self.outcome, self.low)} to {signed(self.outcome, self.high)})."
        )


def compare_runs(
    now: RunSettings,
    before: RunSettings,
    now_outcomes: dict[str, float],
    before_outcomes: dict[str, float],
    cache: OutcomeCache = SHARED,
    n_seeds: int = NOISE_SEEDS,
) -> list[Comparison]:
    """Each headline outcome of the two runs, judged against seed noise on a common block of seeds."""
    only_seed = now.same_but_seed(before)
    seeds = now.seeds(n_seeds)
    if only_seed:
        new_runs = old_runs = []
    else:
        new_runs = cache.many(now.keys(seeds))
        old_runs = cache.many(before.keys(seeds))
    comparisons = []
    for outcome in HEADLINE:
        if outcome not in now_outcomes or outcome not in before_outcomes:
            continue
        if only_seed:
            difference = low = high = float("nan")
        else:
            difference, low, high = paired_difference(
                np.array([r[outcome] for r in new_runs]), np.array([r[outcome] for r in old_runs])
            )
        comparisons.append(
            Comparison(
                outcome,
                now.scenario,
                float(now_outcomes[outcome]),
                float(before_outcomes[outcome]),
                difference,
                low,
                high,
                tuple(seeds),
                only_seed,
            )
        )
    return comparisons


def ending_sentence(outcomes: dict[str, float], scenario: str, at_levers: dict[str, float]) -> str:
    """The run on its own: where the headline outcomes ended, and where they stood when the strategy took over."""
    parts = []
    for outcome in HEADLINE:
        if outcome not in outcomes:
            continue
        start = at_levers.get(outcome)
        then = f" (when the strategy took over: {format_value(outcome, start)})" if start is not None else ""
        parts.append(f"{outcome_label(outcome, scenario, unit=True)}: {format_value(outcome, outcomes[outcome])}{then}")
    return "; ".join(parts) + "."
