"""What each slider means in the world, where its effect stops growing, and its source.

The words come from the parameter table (``world/data/parameters.csv``: unit,
range, meaning, source), the one home of a lever's definition. What a lever
*does* is measured, not written down: :func:`lever_response` runs the model
over the lever's range (the other levers at the scenario's values, the
strategy the student runs, a few seeds, shared between sessions through
:data:`viz.outcomes.SHARED`) and reports how much the lever moves its own
channel and autonomy, whether that is more than seed noise, and from which
value on the effect has mostly arrived ("saturates"). The channel measured
for each lever is the one ``multivector levers`` draws (docs/levers.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from experiments.analysis.levers import CHANNEL_MEASURES
from viz.outcomes import SHARED, OutcomeCache, format_value, outcome_label, paired_difference, run_key, within_noise
from viz.session import SLIDER_LEVERS
from world import load_scenario

POINTS = 5  # lever values over its range
SEEDS = (0, 1, 2)  # fixed, so every student's request for a strategy shares the same runs
HEADLINE = "autonomy_mean_after_levers"
SATURATION_SHARE = 0.9  # "saturates" from the lowest value that reaches 90 % of the whole range's effect


def lever_words(scenario: str, name: str) -> dict[str, str]:
    """Label, unit, range, the meaning in the world and the source of a slider, from the parameter table."""
    loaded = load_scenario(scenario)
    parameter = loaded.parameters[name]
    start = loaded.spec.levers_from
    meaning = parameter.meaning.replace("levers_from", start)
    meaning = re.sub(r"\b[a-z]+(?:_[a-z]+)+\b", lambda m: m.group().replace("_", " "), meaning)
    return {
        "label": SLIDER_LEVERS[name][0],
        "unit": parameter.unit,
        "range": f"{parameter.low:g}–{parameter.high:g} ({parameter.unit})",
        "default": f"{parameter.default:g}",
        "meaning": meaning[0].upper() + meaning[1:],
        "source": parameter.source,
        "from": start,
    }


def slider_label(scenario: str, name: str, value: float) -> str:
    """ "EU investment (€bn per year): 1.5" — the unit from the parameter table."""
    return f"{SLIDER_LEVERS[name][0]} ({load_scenario(scenario).parameters[name].unit}): {value:g}"


@dataclass(frozen=True)
class Response:
    """How one outcome moves over a lever's range: its mean per lever value, and the bottom-to-top difference."""

    outcome: str
    values: tuple[float, ...]  # lever values
    means: tuple[float, ...]  # the outcome's mean over the seeds at each value
    difference: float  # top − bottom, paired over the seeds
    low: float
    high: float

    @property
    def within_noise(self) -> bool:
        return within_noise(self.low, self.high)

    def saturates_at(self) -> float | None:
        """The lowest lever value whose effect reaches 90 % of the whole range's (None if it keeps growing)."""
        total = self.means[-1] - self.means[0]
        if total == 0 or self.within_noise:
            return None
        for value, mean in zip(self.values, self.means):
            if (mean - self.means[0]) / total >= SATURATION_SHARE:
                return value if value < self.values[-1] else None
        return None


@dataclass(frozen=True)
class LeverResponse:
    lever: str
    scenario: str
    strategy: str
    responses: tuple[Response, ...]

    def sentence(self) -> str:
        """ "From 0 to 3 €bn per year (5 values × 3 seeds, China first): Middle Corridor volume … ; autonomy …"."""
        words = lever_words(self.scenario, self.lever)
        first = self.responses[0]
        span = f"From {first.values[0]:g} to {first.values[-1]:g} {words['unit']}"
        parts = []
        for r in self.responses:
            label = outcome_label(r.outcome, self.scenario)
            change = (
                f"{label} goes from {format_value(r.outcome, r.means[0])} to {format_value(r.outcome, r.means[-1])}"
            )
            if r.within_noise:
                change += " — no more than seed noise"
            else:
                top = r.saturates_at()
                change += f" — most of it (90 %) by {top:g}: above that it saturates" if top is not None else ""
            parts.append(change)
        return f"{span}, in this model: " + "; ".join(parts) + "."


def measured_outcomes(lever: str, available: list[str] | None = None) -> list[str]:
    """The lever's own channel (the first ``multivector levers`` draws that is an outcome of a run) and autonomy."""
    channel = [name for name in CHANNEL_MEASURES.get(lever, ()) if available is None or name in available]
    return [*channel[:1], HEADLINE]


def lever_response(
    scenario: str, strategy: str, lever: str, cache: OutcomeCache = SHARED, points: int = POINTS
) -> LeverResponse:
    """Run the lever over its range (the other slider levers at the scenario's values) and summarise the effect."""
    loaded = load_scenario(scenario)
    parameter = loaded.parameters[lever]
    base = {name: float(loaded.parameter_values[name]) for name in SLIDER_LEVERS}
    values = [float(v) for v in np.linspace(parameter.low, parameter.high, points).round(6)]
    runs = {
        value: cache.many([run_key(scenario, strategy, seed, {**base, lever: value}) for seed in SEEDS])
        for value in values
    }
    outcomes = measured_outcomes(lever, list(runs[values[0]][0]))
    responses = []
    for outcome in outcomes:
        means = tuple(float(np.mean([r[outcome] for r in runs[value]])) for value in values)
        bottom = np.array([r[outcome] for r in runs[values[0]]])
        top = np.array([r[outcome] for r in runs[values[-1]]])
        difference, low, high = paired_difference(top, bottom)
        responses.append(Response(outcome, tuple(values), means, difference, low, high))
    return LeverResponse(lever, scenario, strategy, tuple(responses))


_responses: dict[tuple[str, str, str], LeverResponse] = {}


def cached_response(scenario: str, strategy: str, lever: str) -> LeverResponse:
    """:func:`lever_response`, computed once per server for a (scenario, strategy, lever)."""
    key = (scenario, strategy, lever)
    if key not in _responses:
        _responses[key] = lever_response(scenario, strategy, lever)
    return _responses[key]


def ready_response(scenario: str, strategy: str, lever: str) -> LeverResponse | None:
    """The response if it was already measured, else None (no work done)."""
    return _responses.get((scenario, strategy, lever))
