"""Policies of institutions (bloc agents): what membership gives and what it asks."""

from __future__ import annotations

from world.actions import Action
from world.decisions import Policy
from world.registry import POLICIES


@POLICIES.register
class EconomicUnion(Policy):
    """A leader-run customs union that periodically asks members for more alignment.

    000 · Kazakhstan's balanced policy strategy (Russia's joint currency
    proposal); 003 · Eurasian Economic Community (the customs union as a check
    on Beijing, a bump on the WTO road).
    """

    name = "eaeu"
    classifier = {"demands": True, "stochastic": True}

    def decide(self, agent, model) -> list[Action]:
        if model.quarter != 4 or not model.is_member(model.focal, agent.code):
            return []
        k = model.institutions.index[agent.code]
        ask = float(model.institutions.alignment_demand[k]) * model.lever("russian_pressure")
        if model.rng.random() >= ask:
            return []
        return [Action(agent.code, "demand", model.focal, ask,
                       f"{agent.code} asks members for a common currency and tighter external tariffs",
                       "000 · Kazakhstan's balanced policy strategy")]


@POLICIES.register
class Alliance(Policy):
    """An alliance holds a yearly exercise between its leader and Kazakhstan, if both are members.

    003 · Kazakhstan and Russia (CSTO exercises, anti-terrorist centre);
    000 · balanced policy (PfP and an Individual Partnership Action Plan).
    """

    name = "alliance"

    def decide(self, agent, model) -> list[Action]:
        if model.quarter != 2 or not model.is_member(model.focal, agent.code):
            return []
        leader = model.leader_of(agent.code)
        if leader == model.focal or not model.is_member(leader, agent.code):
            return []
        scale = model.lever("us_engagement") if leader == "USA" else 1.0
        if scale <= 0:
            return []
        return [Action(agent.code, "exercise", model.focal, 0.02 * scale,
                       f"{agent.code} exercise with {leader} troops in Kazakhstan",
                       "003 · Kazakhstan and Russia")]

    def act(self, agent, model) -> list[Action]:
        # The exercise ties Kazakhstan to the leader, not to the institution.
        return [Action(model.leader_of(agent.code), a.kind, a.target, a.magnitude, a.reason, a.source)
                for a in self.decide(agent, model)]


@POLICIES.register
class Forum(Policy):
    """A forum meets once a year and pulls its members' affinity together (003 · Conclusions: summits)."""

    name = "forum"

    def decide(self, agent, model) -> list[Action]:
        if model.quarter != 3 or not model.members_of(agent.code):
            return []
        return [Action(agent.code, "summit", agent.code, 0.002,
                       f"{agent.code} summit of heads of state", "003 · Conclusions")]
