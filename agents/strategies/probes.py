"""Probe strategies: a Kazakhstan built to exploit the model's payoffs, kept to show none of them pays.

A move that costs nothing must not pay like one that costs something. Each
probe plays one cheap trick — only talking, flattering every power at once,
switching sides every quarter — and tests/test_payoffs.py checks that none
beats the strategies the sources describe, and that talking alone earns
nothing a Kazakhstan doing nothing does not (Grimm et al. 2005: a test a
wrong model also passes validates nothing; here, a payoff a trick collects
would decide the comparison). They are not registered as strategies: name
them as plug-ins (``--strategy agents.strategies.probes:TalkOnly``).
"""

from __future__ import annotations

from agents.strategies.moves import TALK_SIZE, classify, lean_toward, summit
from world.decisions import Strategy
from world.moves import Action
from world.situation import Situation

POWERS = ("RUS", "CHN", "EU", "USA", "TUR", "AZE")
SOURCE = "Grimm et al. 2005 · pattern-oriented modelling (a probe of the payoffs)"


class TalkOnly(Strategy):
    """Talk only: a summit with every power and a mediation offer every quarter, and nothing that costs money."""

    name = "talk_only"
    label = "Probe: talk only"
    classifier = classify([], SOURCE)

    def decide(self, situation: Situation, rng) -> list[Action]:
        s = situation
        actions = [summit(s, power, f"summit with {power}", SOURCE) for power in POWERS if power in s.dependence]
        actions.append(
            Action(
                s.focal,
                "mediation",
                "EU",
                TALK_SIZE,
                "offers to mediate between the EU and Russia",
                SOURCE,
                partner="RUS",
            )
        )
        return actions


class FlatterEveryone(Strategy):
    """Flatter everyone: summits with every power and every forum, statements of loyalty to every institution."""

    name = "flatter_everyone"
    label = "Probe: flatter everyone"
    classifier = classify([], SOURCE)

    def decide(self, situation: Situation, rng) -> list[Action]:
        s = situation
        actions = [
            summit(s, power, f"assures {power} of its friendship", SOURCE) for power in POWERS if power in s.dependence
        ]
        for institution, status in s.memberships.items():
            if status == "member":
                actions.append(summit(s, institution, f"praises the {institution} at its summit", SOURCE))
                actions.append(
                    Action(s.focal, "stay", institution, 0.0, f"pledges to stay in the {institution}", SOURCE)
                )
        return actions


class SwitchSides(Strategy):
    """Switch sides every quarter: lean toward a different power each quarter, in turn (the bandit's trick, fixed)."""

    name = "switch_sides"
    label = "Probe: switch sides every quarter"
    classifier = classify(list(POWERS), SOURCE)

    def decide(self, situation: Situation, rng) -> list[Action]:
        s = situation
        present = [p for p in POWERS if p in s.dependence]
        return lean_toward(s, present[s.step % len(present)], 1.0, SOURCE) if present else []


PROBES = (TalkOnly, FlatterEveryone, SwitchSides)
