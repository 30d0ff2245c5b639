"""Policies of institutions (bloc agents): what membership gives and what it asks."""

from __future__ import annotations

from agents.policies.great_powers import FOURTH_QUARTER, SECOND_QUARTER
from world.decisions import Policy
from world.moves import Action
from world.registry import POLICIES


@POLICIES.register
class EconomicUnion(Policy):
    """A leader-run customs union that asks a drifting member for more alignment and rewards a loyal one.

    Stick: yearly, with probability alignment_demand × Russian pressure ×
    the leader's grievance (the tribute model: world/memory.py), a demand for
    a common currency and tighter external tariffs (000 · Kazakhstan's
    balanced policy strategy: Russia's joint currency proposal). Carrot: a
    member whose alignment with the leader reaches ``loyalty_bar`` has the
    union's non-tariff barriers lifted (a trade agreement with the leader:
    003 · Eurasian Economic Community, the customs union as the reward of
    alignment; Baldwin 1985).
    """

    name = "eaeu"
    serves = "institution"
    classifier = {"demands": True, "stochastic": True, "rewards": True}
    BARRIERS_LIFTED = 0.01  # potential trade gained with the leader (assumption, 0.005-0.03; as a trade agreement)

    def decide(self, agent, model) -> list[Action]:
        if model.quarter not in (SECOND_QUARTER, FOURTH_QUARTER) or not model.is_member(model.focal, agent.code):
            return []
        leader = model.leader_of(agent.code)
        if model.quarter == SECOND_QUARTER:
            if leader == agent.code or model.memory.alignment_with(leader) < model.params["loyalty_bar"]:
                return []
            return [
                Action(
                    leader,
                    "trade_agreement",
                    model.focal,
                    self.BARRIERS_LIFTED,
                    f"the {agent.code} lifts non-tariff barriers for a member that follows the union line",
                    "003 · Eurasian Economic Community, Customs Union and WTO membership; Baldwin 1985",
                )
            ]
        ask = self.ask(agent, model)
        if model.rng.random() >= ask:
            return []
        return [
            Action(
                agent.code,
                "demand",
                model.focal,
                ask,
                f"{agent.code} asks members for a common currency and tighter external tariffs",
                "000 · Kazakhstan's balanced policy strategy",
            )
        ]

    def ask(self, agent, model) -> float:
        """Chance (and size) of this year's demand: alignment_demand × Russian pressure × the leader's grievance."""
        leader = model.leader_of(agent.code)
        k = model.institutions.index[agent.code]
        grievance = model.grievance(leader) if leader in model.relations.index else 1.0
        return min(1.0, float(model.institutions.alignment_demand[k]) * model.lever("russian_pressure") * grievance)


@POLICIES.register
class Alliance(Policy):
    """An alliance drills with Kazakhstan as reliably as Kazakhstan sides with its leader; it scales back a drifter.

    Carrot: a yearly exercise between the leader and Kazakhstan, if both are
    members (003 · Kazakhstan and Russia: CSTO exercises, anti-terrorist
    centre; 000 · balanced policy: PfP and an Individual Partnership Action
    Plan), its size scaled by reliability: Leeds 2003 (alliance reliability:
    allies honour commitments less when their interests drift apart), read as
    1 + ``RELIABILITY_PER_UNIT`` × Kazakhstan's alignment with the leader,
    bounded to [0, ``RELIABILITY_CEILING``]. Stick: when that standing falls to
    −``DOUBT_BAR`` or below the leader scales cooperation back
    (``suspend_cooperation``; Leeds 2003).
    """

    name = "alliance"
    serves = "institution"
    classifier = {"rewards": True}
    RELIABILITY_PER_UNIT = 0.05  # assumption, range 0.02-0.1 (as the investment climate)
    RELIABILITY_CEILING = 1.5
    DOUBT_BAR = 4.0  # a year of net moves away from the leader (assumption, 2-8; as loyalty_bar)
    SCALED_BACK = 0.02  # security tie lost (assumption: one year's exercise)
    EXERCISE = 0.02

    def decide(self, agent, model) -> list[Action]:
        if model.quarter != SECOND_QUARTER or not model.is_member(model.focal, agent.code):
            return []
        leader = model.leader_of(agent.code)
        if leader == model.focal or not model.is_member(leader, agent.code):
            return []
        standing = model.memory.alignment_with(leader)
        if standing <= -self.DOUBT_BAR:
            return [
                Action(
                    agent.code,
                    "suspend_cooperation",
                    model.focal,
                    self.SCALED_BACK,
                    f"{leader} scales back {agent.code} exercises and supplies with a member drifting away",
                    "Leeds 2003",
                )
            ]
        scale = model.lever("us_engagement") if leader == "USA" else 1.0
        reliability = min(self.RELIABILITY_CEILING, max(0.0, 1.0 + self.RELIABILITY_PER_UNIT * standing))
        if scale <= 0 or reliability <= 0:
            return []
        return [
            Action(
                agent.code,
                "exercise",
                model.focal,
                self.EXERCISE * scale * reliability,
                f"{agent.code} exercise with {leader} troops in Kazakhstan",
                "003 · Kazakhstan and Russia; Leeds 2003",
            )
        ]

    def act(self, agent, model) -> list[Action]:
        # The exercise ties Kazakhstan to the leader, not to the institution.
        return [
            Action(model.leader_of(agent.code), a.kind, a.target, a.magnitude, a.reason, a.source)
            for a in self.decide(agent, model)
        ]


@POLICIES.register
class Forum(Policy):
    """A forum meets once a year and pulls its members' affinity together (003 · Conclusions: summits)."""

    name = "forum"
    serves = "institution"

    def decide(self, agent, model) -> list[Action]:
        if model.quarter != 3 or not model.members_of(agent.code):
            return []
        return [
            Action(
                agent.code, "summit", agent.code, 0.002, f"{agent.code} summit of heads of state", "003 · Conclusions"
            )
        ]
