"""The western pivot: Middle Corridor, the EU, Turkey and Azerbaijan first."""

from __future__ import annotations

from agents.strategies.moves import (
    VECTOR_ROUTES,
    buy_security,
    classify,
    contract_route,
    court_investor,
    prefer_routes,
    sell_more_to,
)
from world.decisions import Strategy
from world.moves import Action
from world.registry import STRATEGIES
from world.situation import Situation

WEST = ("EU", "TUR", "AZE")
TURKIC_PARTNERS = ("TUR", "AZE")
WESTERN_INVESTORS = ("EU", "USA")
# Mt a year of contracts it keeps on the westward routes (assumption: the trans-Caspian oil route's tanker fleet
# at full use, ~6 of its 12.5 Mt, and block trains on the Middle Corridor; ranges 2-10 and 1-4).
WEST_CONTRACTS = (("caspian_oil", 6.0), ("middle", 2.0))
POLICING_STEP = 0.2  # share of the re-export channel a year of its checks closes (assumption, 0.1-0.4)
LEAVE_CSTO_PRESSURE = 0.3  # Russian pressure at which it quits the CSTO (design choice)
SOURCE = "002 · In the Wake of the War; 002 · Changing Balance of Power in the Caspian Region"


@STRATEGIES.register
class WestPivot(Strategy):
    """Go west first: the Middle Corridor, the EU, Turkey and Azerbaijan, even at the cost of Russian retaliation.

    The 2022 push to the west taken as a doctrine (002 · In the Wake of the
    War: prioritise the trans-Caspian route; 002 · Changing Balance of Power:
    the Ankara-Baku-Astana axis; 002 · Looking West: Europe as the core of the
    state-building project). Every quarter it redirects exports away from
    Russia to the EU, Turkey and Azerbaijan in turn (as far as each can take
    on), raises its preference for the Middle Corridor and the trans-Caspian
    oil route at full speed (dearer freight) and keeps contracts on both
    (take-or-pay), buys security ties with Turkey
    and courts European and American investors; each year it renews
    partnerships with Turkey and Azerbaijan and exercises with Turkey (each a
    tie it pays for), and checks what is sold on to Russia each year. It
    refuses every Russian demand and, once Russian pressure passes
    ``LEAVE_CSTO_PRESSURE``, leaves the CSTO as Uzbekistan did in 2012
    (calibration.md · Memberships).
    """

    name = "west_pivot"
    label = "Pivot west"
    colour = "#009E73"
    classifier = classify(list(WEST), SOURCE, leaves_institutions=True)

    def decide(self, situation: Situation, rng) -> list[Action]:
        s = situation
        partner = WEST[s.step % len(WEST)]
        actions = sell_more_to(s, partner, 1.0, f"sells to {partner} what it sold to Russia", SOURCE, away_from="RUS")
        actions += prefer_routes(s, VECTOR_ROUTES["EU"], 1.0, "prioritises the {corridor} route to the west", SOURCE)
        for corridor, target in WEST_CONTRACTS:
            actions += contract_route(s, corridor, target, "contracts capacity on the {corridor} route west", SOURCE)
        actions += buy_security(s, "TUR", 1.0, "buys Turkish drones and training", SOURCE)
        investor = WESTERN_INVESTORS[s.step % len(WESTERN_INVESTORS)]
        actions += court_investor(s, investor, 1.0, f"offers {investor} investors terms in oil and transport", SOURCE)
        if s.quarter == 2:
            for turkic in TURKIC_PARTNERS:
                actions.append(
                    Action(
                        s.focal, "partnership", turkic, 0.03, f"deepens the strategic partnership with {turkic}", SOURCE
                    )
                )
            actions.append(Action(s.focal, "exercise", "TUR", 0.02, "joint exercise with Turkey", SOURCE))
        if s.reexports > 0 and s.quarter == 1:
            actions.append(
                Action(
                    s.focal,
                    "police_reexports",
                    "RUS",
                    POLICING_STEP,
                    "enforces the West's sanctions on goods sold on to Russia",
                    "Chupilkin, Javorcik & Plekhanov 2023",
                )
            )
        if s.pressure.get("RUS", 0.0) > LEAVE_CSTO_PRESSURE and s.memberships.get("CSTO") == "member":
            actions.append(
                Action(
                    s.focal,
                    "leave",
                    "CSTO",
                    1.0,
                    "leaves the CSTO under Russian pressure",
                    "calibration.md · Memberships (Uzbekistan left the CSTO in 2012)",
                )
            )
        return actions
