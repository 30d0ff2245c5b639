"""Policies of the Central Asian neighbours and Belarus."""

from __future__ import annotations

from world.decisions import Policy
from world.moves import Action
from world.registry import POLICIES


@POLICIES.register
class Neighbour(Policy):
    """Deepen regional trade with Kazakhstan once a year.

    000 · Integration efforts of Kazakhstan in Central Asia (regional
    cooperation; water and transport projects; little change in turnover).
    """

    name = "neighbour"

    def decide(self, agent, model) -> list[Action]:
        if model.quarter != 3:
            return []
        return [
            Action(
                agent.code,
                "trade_agreement",
                model.focal,
                0.01,
                f"{agent.code} and Kazakhstan agree on border trade and water sharing",
                "000 · Integration efforts of Kazakhstan in Central Asia",
            )
        ]


@POLICIES.register
class Neutral(Policy):
    """Permanent neutrality and autarky: no moves (002 · Looking West: Turkmenistan's isolationist stance)."""

    name = "neutral"
