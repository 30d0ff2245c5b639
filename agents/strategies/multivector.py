"""Multi-vector balancing, Kazakhstan's declared foreign-policy doctrine."""

from __future__ import annotations

from agents.strategies.moves import classify
from world.actions import Action
from world.decisions import Strategy
from world.registry import STRATEGIES
from world.situation import Situation

VECTORS = ("RUS", "CHN", "EU", "USA", "TUR", "AZE")
PRESSURE_THRESHOLD = 0.05
CAPTURE_THRESHOLD = 0.35
# Share of exports it keeps selling to a pressing power: officials chose to
# continue economic relations with Russia after 2014 (000 · Kazakhstan's
# balanced policy strategy); about Russia's 2010 share (trade.csv: 5 of ~60 $bn).
EXPORT_FLOOR = 0.06
SOURCE = "000 · Kazakhstan's balanced policy strategy"


@STRATEGIES.register
class Multivector(Strategy):
    """Keep every partner's dependence under a ceiling; answer pressure by deepening ties with the others.

    Under pressure from one power it shifts exports toward the two partners
    it depends on least (keeping ``EXPORT_FLOOR`` of its sales with the
    presser), routes oil and cargo to the alternative corridor with the most
    spare room, and holds summits with them, but stays in
    the pressuring power's institutions (000 · Kazakhstan's balanced policy
    strategy: the 2014 right-to-leave statement, then staying). It mediates
    for prestige once a year (000: EU-Russia, Iran-US) and concedes to a
    demand only when dependence on the demander makes resisting too costly
    (003 · Conclusions: avoiding capture by any one power).
    """

    name = "multivector"
    label = "Multi-vector balancing"
    classifier = classify(["balance"], "000 · Kazakhstan's balanced policy strategy; 003 · Conclusions")

    def decide(self, situation: Situation, rng) -> list[Action]:
        s = situation
        speed = s.params["adjustment_speed"]
        actions: list[Action] = []
        presser, pressure = s.top_presser()
        if pressure > PRESSURE_THRESHOLD and presser in s.dependence:
            actions += self.counterbalance(s, presser, min(1.0, pressure / 0.3))
        else:
            heaviest = max(s.dependence, key=lambda a: (s.dependence[a], a), default="")
            # The floor holds here too: diversifying away from the heaviest partner never empties its market.
            above_floor = s.export_weights.get(heaviest, 0.0) > EXPORT_FLOOR
            if heaviest and s.dependence[heaviest] > s.params["dependence_ceiling"] and above_floor:
                for partner in s.least_dependent(VECTORS, exclude=heaviest):
                    actions.append(
                        Action(
                            s.focal,
                            "shift_exports",
                            heaviest,
                            speed / 4,
                            f"diversifies exports from {heaviest} toward {partner} to stay under the dependence ceiling",
                            "003 · Kazakhstan's Relationship with China (involve, but prevent overreliance)",
                            partner=partner,
                        )
                    )
        for demand in s.demands:
            leader = s.institution_leaders.get(demand.actor, demand.actor)
            exposed = s.dependence.get(leader, 0.0) * (1.0 + demand.magnitude)
            actions.append(self.act_on_demand(s, demand, concede=exposed > CAPTURE_THRESHOLD + 0.3))
        if s.quarter == 2:
            actions.append(
                Action(
                    s.focal,
                    "mediation",
                    "EU",
                    0.02,
                    "offers to mediate between the EU and Russia for prestige",
                    SOURCE,
                    partner="RUS",
                )
            )
        return actions

    def counterbalance(self, s: Situation, presser: str, intensity: float) -> list[Action]:
        """Deepen ties with the two least-dependent other partners; stay in the presser's institutions."""
        speed = s.params["adjustment_speed"] * intensity
        actions: list[Action] = []
        at_floor = s.export_weights.get(presser, 0.0) <= EXPORT_FLOOR
        for partner in s.least_dependent(VECTORS, exclude=presser):
            if not at_floor:
                actions.append(
                    Action(
                        s.focal,
                        "shift_exports",
                        presser,
                        speed / 2,
                        f"answers {presser}'s pressure by selling more to {partner}",
                        SOURCE,
                        partner=partner,
                    )
                )
            actions.append(
                Action(
                    s.focal,
                    "summit",
                    partner,
                    0.02,
                    f"summit with {partner} to deepen ties under {presser}'s pressure",
                    SOURCE,
                )
            )
        for kind in ("oil", "cargo"):
            # A full corridor cannot take more: prefer the one with the most room.
            alternatives = sorted(
                s.corridors_avoiding(presser, kind), key=lambda n: -(s.corridors[n].capacity - s.corridors[n].volume)
            )
            if alternatives:
                actions.append(
                    Action(
                        s.focal,
                        "shift_route",
                        alternatives[0],
                        0.05 * intensity,
                        f"routes more {kind} via {alternatives[0]}, away from {presser}",
                        "002 · In the Wake of the War",
                    )
                )
        if s.quarter == 1:
            for institution in s.institutions_led_by(presser):
                actions.append(
                    Action(
                        s.focal,
                        "stay",
                        institution,
                        0.0,
                        f"stays in the {institution} despite {presser}'s pressure",
                        SOURCE,
                    )
                )
        return actions
