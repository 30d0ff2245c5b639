"""Isolation: Turkmenistan-style neutrality and autarky."""

from __future__ import annotations

from agents.strategies.moves import classify, memberships_with_status
from world.decisions import Strategy
from world.moves import Action
from world.registry import STRATEGIES
from world.situation import Situation

# Turkmenistan's row of calibration.md · Memberships: outside the EAEU and the
# CSTO, a guest of the SCO, an associate of the CIS, an observer of the Turkic
# states; in NATO's Partnership for Peace and the OSCE.
LEAVES = ("EAEU", "CSTO")
DOWNGRADES = ("SCO", "CIS", "OTS")
MEMBERSHIP_SOURCE = "calibration.md · Memberships (Turkmenistan's row)"
SOURCE = "002 · Looking West (Turkmenistan's isolationist and autarkic stance)"


@STRATEGIES.register
class Isolationist(Strategy):
    """Stay out: hold Turkmenistan's memberships, take no side, sign nothing new.

    Turkmenistan as the model (002 · Looking West: its isolationist and
    autarkic stance, unmoved by European markets, in contrast to Kazakhstan's
    openness). Whenever Kazakhstan is a full member of the EAEU or the CSTO it
    leaves; it steps down to observer in the SCO, the CIS and the Turkic
    states, as Turkmenistan is (calibration.md · Memberships). It redirects
    no trade and no routes, holds no summits, mediates nowhere and concedes
    to nobody (unanswered demands are refused).
    """

    name = "isolationist"
    label = "Stay out (Turkmen-style)"
    colour = "#CC79A7"
    classifier = classify([], SOURCE, leaves_institutions=True)

    def decide(self, situation: Situation, rng) -> list[Action]:
        s = situation
        actions: list[Action] = []
        for institution in memberships_with_status(s):
            if institution in LEAVES:
                actions.append(
                    Action(
                        s.focal,
                        "leave",
                        institution,
                        1.0,
                        f"leaves the {institution}: neutrality admits no bloc",
                        MEMBERSHIP_SOURCE,
                    )
                )
            elif institution in DOWNGRADES:
                actions.append(
                    Action(
                        s.focal,
                        "join",
                        institution,
                        1.0,
                        f"steps down to observer in the {institution}",
                        MEMBERSHIP_SOURCE,
                        partner="observer",
                    )
                )
        return actions
