"""The sweep a study runs: its strategies and seeds, and with futures a Latin hypercube over the uncertain parameters.

Below the study and the designs built beside it (the lever grid, the rank-stability design), which all start
from it: they import this module, and the study imports them, with no circle between them.
"""

from __future__ import annotations

from world import load_scenario


def study_spec(
    strategies: list[str],
    seeds: int,
    scenario: str = "eurasia",
    futures: int = 0,
    seed: int = 0,
    until: str | None = None,
) -> dict:
    """The sweep spec of a study: strategies x seeds, and with ``futures`` an LHS over the uncertain parameters."""
    spec: dict = {
        "name": "study",
        "scenarios": [scenario],
        "strategies": strategies,
        "seeds": seeds,
        "seed": seed,
        "common_random_numbers": True,
        "until": until,
    }
    if futures:
        uncertain = load_scenario(scenario).uncertain
        spec.update(
            sampler="lhs", samples=futures, levers={name: {"range": [p.low, p.high]} for name, p in uncertain.items()}
        )
    return spec
