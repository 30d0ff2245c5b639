"""Bandwagoning with Russia: the alignment the balanced policy exists to avoid."""

from __future__ import annotations

from agents.strategies.moves import answer_demands, classify, lean_toward
from world.decisions import Strategy
from world.moves import Action
from world.registry import STRATEGIES
from world.situation import Situation

RUSSIA = "RUS"
RUSSIAN_EXPORT_TARGET = 0.35  # share of exports at which it stops redirecting sales to Russia (design choice)
SOURCE = "003 · Kazakhstan and Russia; 000 · Kazakhstan's balanced policy strategy"


@STRATEGIES.register
class BandwagonRussia(Strategy):
    """Bandwagon with Russia: deepen the EAEU and CSTO, sell and ship through Russia, keep the West at arm's length.

    The alignment the sources describe as the pull Kazakhstan balances
    against (003 · Kazakhstan and Russia: CSTO, customs union, the northern
    provinces; 000 · Kazakhstan's balanced policy strategy: Russia the most
    important partner, elites wary of its pressure). It concedes to every
    demand from Russia or an institution Russia leads (each concession is a
    capture event), redirects exports to Russia until Russia buys
    ``RUSSIAN_EXPORT_TARGET`` of them (as far as Russia can take on each
    year), prefers the Russian routes, buys Russian arms and courts Russian
    investors, holds a CSTO exercise (a tie it pays for) and an EAEU summit
    each year, never mediates, and leaves NATO's Partnership for Peace
    (Russia's own was suspended in 2014: calibration.md · Memberships).
    """

    name = "bandwagon_russia"
    label = "Bandwagon with Russia"
    colour = "#D55E00"
    classifier = classify([RUSSIA], SOURCE, leaves_institutions=True)

    def decide(self, situation: Situation, rng) -> list[Action]:
        s = situation
        actions = lean_toward(s, RUSSIA, 1.0, SOURCE, export_cap=RUSSIAN_EXPORT_TARGET)
        actions += answer_demands(s, {RUSSIA}, self)
        if s.quarter == 2:
            actions.append(Action(s.focal, "exercise", RUSSIA, 0.02, "joint CSTO exercise with Russia", SOURCE))
            if s.memberships.get("EAEU") == "member":
                actions.append(Action(s.focal, "summit", "EAEU", 0.01, "hosts an EAEU summit", SOURCE))
        if s.memberships.get("PFP") == "member":
            actions.append(
                Action(
                    s.focal,
                    "leave",
                    "PFP",
                    1.0,
                    "leaves NATO's Partnership for Peace to side with Russia",
                    "calibration.md · Memberships (Russia's PfP suspended 2014)",
                )
            )
        return actions
