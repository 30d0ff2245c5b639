"""Multi-vector balancing, Kazakhstan's declared foreign-policy doctrine."""

from __future__ import annotations

from agents.strategies.moves import (
    buy_security,
    classify,
    contract_route,
    court_investor,
    prefer_routes,
    sell_more_to,
    summit,
)
from world.decisions import Strategy
from world.moves import Action
from world.registry import STRATEGIES
from world.situation import Situation

VECTORS = ("RUS", "CHN", "EU", "USA", "TUR", "AZE")
# Pressure received (world/relations.py) above which it counterbalances, and the pressure at which it does so in
# full (assumption: a quarter with one coercive move of middling size; range 0.02-0.1 and 0.2-0.5).
PRESSURE_THRESHOLD = 0.05
FULL_PRESSURE = 0.3
CAPTURE_THRESHOLD = 0.35
CONCESSION_MARGIN = 0.3  # exposure above the capture threshold at which resisting costs too much (assumption)
# Share of exports it keeps selling to a pressing power: officials chose to continue economic relations with
# Russia after 2014 (000 · Kazakhstan's balanced policy strategy); about Russia's 2010 share (trade.csv: 5 of
# ~60 $bn).
EXPORT_FLOOR = 0.06
# How hard it leans away from the heaviest partner when nobody presses (a share of full strength; assumption:
# diversification in calm times is slower than under pressure, range 0.1-0.5).
CALM_STRENGTH = 0.25
# The powers whose sanctions on Russia it respects, and the share of the re-export channel a quarter's checks
# close (assumption, as the record's 2023 steps: range 0.05-0.2).
SANCTIONS_SENDERS = ("EU", "USA")
POLICING_STEP = 0.1
# The partners it hedges toward at once: the two it depends on least (the pair splits the effort).
VECTOR_PAIR = ("first", "second")
# Share of the largest route-preference step it takes toward the corridor that avoids the presser (002 · In the
# Wake of the War: the instruction to prioritise the trans-Caspian route; size an assumption, range 0.1-1).
ROUTE_STRENGTH = 0.33
# Mt a year of route contracts it keeps on the oil and the cargo route avoiding the presser at full pressure
# (002 · In the Wake of the War: the KazMunayGas-SOCAR contracts of 1.5-2.2 Mt a year after 2022; assumption:
# twice that under sustained full pressure, range 1-8; cargo: block trains on the Middle Corridor, range 0.5-3).
OIL_CONTRACT_MT = 4.0
CARGO_CONTRACT_MT = 1.0
# Share of the capacity others' money has built on a route avoiding its heaviest partner that it keeps under
# contract (002 · In the Wake of the War: the trans-Caspian contracts followed the route's build-up; a balancer
# uses the routes others build: assumption, range 0.25-1).
BUILT_CAPACITY_SHARE = 0.5
SOURCE = "000 · Kazakhstan's balanced policy strategy"


@STRATEGIES.register
class Multivector(Strategy):
    """Keep every partner's leverage in check; answer pressure with costly hedges toward the others.

    The documented balancer (000 · Kazakhstan's balanced policy strategy: ties
    with Russia, China, the US, the EU and Turkey at once; 003 · Conclusions:
    avoiding capture by any one power). Under pressure from one power, and
    the more the harder it presses, it
    - sells to the two partners it depends on least what they can take on,
      away from the presser down to ``EXPORT_FLOOR`` (switching costs, time
      to build);
    - contracts oil and cargo capacity on the corridor that avoids the presser
      and has the most room (take-or-pay fees; the 2022-2023 trans-Caspian
      contracts: 002 · In the Wake of the War), and leans its shippers that way;
      in calm times too it books ``BUILT_CAPACITY_SHARE`` of what others' money
      has built on the routes avoiding its heaviest carrier;
    - buys bilateral security ties with those two partners, never the presser
      (hedging: ties with the others count against its threat);
    - courts the investor it depends on least (incentives paid);
    - meets each of them first (talk that lowers those deals' cost), and
      stays in the presser's institutions (no move: staying is the status quo;
      000: the 2014 right-to-leave statement, then staying).
    When the senders of sanctions on Russia press it over re-exports, it
    polices what it sells on to Russia (the record's 2023 checks: Chupilkin,
    Javorcik & Plekhanov 2023), forgoing the margin to keep their markets.
    In calm times it diversifies slowly away from its heaviest dependence
    when that passes ``dependence_ceiling``. It concedes to a demand only when
    dependence on the demander makes resisting too costly, and mediates once
    a year for prestige (000: EU-Russia, Iran-US).
    """

    name = "multivector"
    label = "Multi-vector balancing"
    colour = "#0072B2"
    classifier = classify(["balance"], "000 · Kazakhstan's balanced policy strategy; 003 · Conclusions")

    def decide(self, situation: Situation, rng) -> list[Action]:
        s = situation
        actions: list[Action] = []
        presser, pressure = s.top_presser()
        if pressure > PRESSURE_THRESHOLD and presser in s.dependence:
            actions += self.counterbalance(s, presser, min(1.0, pressure / FULL_PRESSURE))
        else:
            heaviest = max(s.dependence, key=lambda a: (s.dependence[a], a), default="")
            if heaviest and s.dependence[heaviest] > s.params["dependence_ceiling"]:
                actions += self.diversify(s, heaviest, CALM_STRENGTH)
            carrier = max(s.route_dependence, key=lambda a: (s.route_dependence[a], a), default="")
            if carrier:
                actions += self.contract_routes(s, carrier, 0.0)
        enforcers = sum(s.pressure.get(sender, 0.0) for sender in SANCTIONS_SENDERS)
        if s.reexports > 0 and enforcers > PRESSURE_THRESHOLD:
            actions.append(
                Action(
                    s.focal,
                    "police_reexports",
                    "RUS",
                    POLICING_STEP,
                    "checks what is sold on to Russia, to keep the EU's and the US's markets and banks open",
                    "000 · Kazakhstan's balanced policy strategy; Chupilkin, Javorcik & Plekhanov 2023",
                )
            )
        for demand in s.demands:
            leader = s.institution_leaders.get(demand.actor, demand.actor)
            exposed = s.dependence.get(leader, 0.0) * (1.0 + demand.magnitude)
            actions.append(self.act_on_demand(s, demand, concede=exposed > CAPTURE_THRESHOLD + CONCESSION_MARGIN))
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

    def diversify(self, s: Situation, away_from: str, strength: float) -> list[Action]:
        """Sell to the two least-dependent partners what ``away_from`` buys above the floor; meet them first."""
        actions: list[Action] = []
        above_floor = s.export_weights.get(away_from, 0.0) > EXPORT_FLOOR
        for partner in s.least_dependent(VECTORS, exclude=away_from, k=len(VECTOR_PAIR)):
            moves = (
                sell_more_to(
                    s,
                    partner,
                    strength / len(VECTOR_PAIR),
                    f"sells more to {partner}, away from {away_from}",
                    "003 · Kazakhstan's Relationship with China (involve, but prevent overreliance)",
                    away_from=away_from,
                )
                if above_floor
                else []
            )
            if moves:
                actions.append(summit(s, partner, f"summit with {partner} to open its market", SOURCE))
                actions += moves
        return actions

    def counterbalance(self, s: Situation, presser: str, intensity: float) -> list[Action]:
        """Hedge against ``presser`` with exports, routes, security ties and investment from the others."""
        actions = self.diversify(s, presser, intensity)
        partners = s.least_dependent(VECTORS, exclude=presser, k=len(VECTOR_PAIR))
        for partner in partners:
            hedges = buy_security(
                s,
                partner,
                intensity / len(VECTOR_PAIR),
                f"buys security ties with {partner} under {presser}'s pressure",
                SOURCE,
            )
            if hedges:
                actions.append(summit(s, partner, f"summit with {partner} under {presser}'s pressure", SOURCE))
                actions += hedges
        investor = min(
            (p for p in VECTORS if p != presser and p in s.investment_share),
            key=lambda p: (s.investment_share[p], p),
            default="",
        )
        if investor:
            actions += court_investor(
                s, investor, intensity, f"courts {investor}'s investors to hedge against {presser}", SOURCE
            )
        return actions + self.contract_routes(s, presser, intensity)

    def contract_routes(self, s: Situation, away_from: str, intensity: float) -> list[Action]:
        """Contract oil and cargo on the route avoiding ``away_from`` with the most room; lean shippers its way.

        The volume kept is ``intensity`` of the full-pressure target plus a share of what others' money has
        built on that route: new capacity that nobody books would leave the hedge unused.
        """
        actions: list[Action] = []
        for kind, target in (("oil", OIL_CONTRACT_MT), ("cargo", CARGO_CONTRACT_MT)):
            # A full corridor cannot take more: contract on the one with the most room, and lean shippers its way.
            alternatives = sorted(
                s.corridors_avoiding(away_from, kind),
                key=lambda n: -(s.corridors[n].capacity - s.corridors[n].volume),
            )
            if not alternatives:
                continue
            route = alternatives[0]
            built = BUILT_CAPACITY_SHARE * s.params["capacity_per_bn"] * s.corridors[route].invested_bn
            actions += contract_route(
                s,
                route,
                intensity * target + built,
                f"contracts {kind} capacity on the {{corridor}} route, away from {away_from}",
                "002 · In the Wake of the War",
            )
            if intensity > 0:
                actions += prefer_routes(
                    s,
                    alternatives[:1],
                    intensity * ROUTE_STRENGTH,
                    f"routes more {kind} via {{corridor}}, away from {away_from}",
                    "002 · In the Wake of the War",
                )
        return actions
