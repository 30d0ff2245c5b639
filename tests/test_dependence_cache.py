"""The model's cached dependence is always what a fresh computation would give (a speed device, never a behaviour).

DiplomacyModel keeps dependence() across actions listed in
world.actions.DEPENDENCE_NEUTRAL and the route channel for a whole quarter.
If an applier or the dependence measure changes so that a listed action
(or anything within a quarter) moves what dependence() reads, these fail.
"""

from __future__ import annotations

import numpy as np
import pytest

from world import DiplomacyModel
from world.actions import DEPENDENCE_NEUTRAL, Action
from world.metrics import dependence, route_dependence
from world.registry import STRATEGIES


class CheckedModel(DiplomacyModel):
    """Compares every cached answer with a fresh computation and remembers any mismatch."""

    mismatches: list

    def dependence(self):
        cached = super().dependence()
        fresh = dependence(self)
        for name, value in vars(fresh).items():
            if not np.array_equal(value, getattr(cached, name)):
                self.mismatches.append((self.date, name))
        return cached

    def route_dependence(self):
        cached = super().route_dependence()
        fresh = route_dependence(self)
        for name, value in vars(fresh).items():
            if not np.array_equal(value, getattr(cached, name)):
                self.mismatches.append((self.date, f"route.{name}"))
        return cached


@pytest.mark.parametrize("strategy", STRATEGIES.names())
def test_cached_dependence_equals_fresh_over_whole_runs(strategy):
    for seed, levers in ((0, {}), (4, {"russian_pressure": 1.0, "russian_pressure_growth": 0.2})):
        CheckedModel.mismatches = []
        model = CheckedModel("escalation", strategy=strategy, rng=seed, **levers).run()
        assert model.mismatches == [], model.mismatches[:5]


EXAMPLES = {
    "shift_exports": Action("KAZ", "shift_exports", "RUS", 0.03, "test", "test", partner="CHN"),
    "shift_route": Action("KAZ", "shift_route", "middle", 0.1, "test", "test"),
    "stay": Action("KAZ", "stay", "EAEU", 0.0, "test", "test"),
    "transit_disruption": Action("RUS", "transit_disruption", "cpc", 0.6, "test", "test", duration=2),
    "information_pressure": Action("RUS", "information_pressure", "KAZ", 0.5, "test", "test"),
    "conditionality": Action("EU", "conditionality", "KAZ", 0.3, "test", "test"),
    "demand": Action("RUS", "demand", "KAZ", 0.5, "test", "test"),
    "concede": Action("KAZ", "concede", "RUS", 0.8, "test", "test"),
    "resist": Action("KAZ", "resist", "EAEU", 0.8, "test", "test"),
    "mediation": Action("KAZ", "mediation", "EU", 0.05, "test", "test", partner="RUS"),
    "summit": Action("KAZ", "summit", "SCO", 0.05, "test", "test"),
    "police_reexports": Action("KAZ", "police_reexports", "RUS", 0.2, "test", "test"),
    "route_contract": Action("KAZ", "route_contract", "caspian_oil", 2.0, "test", "test", partner="AZE", duration=8),
}


def test_every_dependence_neutral_kind_has_an_example():
    assert set(EXAMPLES) == set(DEPENDENCE_NEUTRAL)


@pytest.mark.parametrize("kind", sorted(DEPENDENCE_NEUTRAL))
def test_dependence_neutral_action_leaves_dependence_unchanged(kind):
    model = DiplomacyModel(rng=1, until="2030Q4")
    model.run_for(50)
    before = dependence(model)
    model.apply(EXAMPLES[kind])
    after = dependence(model)
    for name, value in vars(before).items():
        assert np.array_equal(value, getattr(after, name)), f"{kind} moves dependence.{name}"
