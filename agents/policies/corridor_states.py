"""Policies of the states along the Middle Corridor and the North-South route."""

from __future__ import annotations

from agents.policies.great_powers import ENGAGEMENT_BAR
from world.decisions import Policy
from world.moves import Action
from world.registry import POLICIES

TITR_START_YEAR = 2013  # 002 · In the Wake of the War: the TITR began in 2013 on Turkey's initiative
WAR_YEAR = 2022


class CorridorBuilder(Policy):
    """Invest yearly in corridors across the Caspian; subclasses set where and how much."""

    investments: tuple[tuple[str, float], ...] = ()
    reason = ""
    source = "002 · In the Wake of the War"
    quarter = 1
    start_year = TITR_START_YEAR

    def decide(self, agent, model) -> list[Action]:
        if model.quarter != self.quarter or model.year < self.start_year:
            return []
        scale = model.lever("turkic_cooperation")
        return [
            Action(
                agent.code,
                "corridor_investment",
                corridor,
                amount * scale,
                self.reason.format(corridor=corridor),
                self.source,
            )
            for corridor, amount in self.investments
            if corridor in model.corridors.index and scale > 0
        ]


@POLICIES.register
class Turkey(CorridorBuilder):
    """Lead the Middle Corridor (TITR); deepen the Turkic states with an engaged Kazakhstan, shelve projects if it steps back.

    Scheduled carrot: yearly Middle Corridor money from 2013 (002 · In the
    Wake of the War: TITR on Turkey's initiative). Carrot that answers
    Kazakhstan: while Kazakhstan is a full member of the Organization of
    Turkic States and its alignment with Turkey and Azerbaijan together is
    at least ``ENGAGEMENT_BAR``, Turkey drives a deeper OTS agenda each year (a summit raising
    affinity among the members: 002 · Changing Balance of Power, the Turkic
    "belt" around Ankara-Baku-Astana-Tashkent), and after 2022 extends the
    Anka drone co-production (002 · Changing Balance of Power). Stick: once
    Kazakhstan leaves or steps down in the OTS, Turkey shelves that
    co-production (``suspend_cooperation``: Baldwin 1985, the carrot
    withdrawn).
    """

    name = "turkey"
    classifier = {"invests": True, "rewards": True}
    investments = (("middle", 0.3),)
    reason = "Turkey funds Middle Corridor rail and port links"
    TURKIC_PARTNERS = ("TUR", "AZE")
    # Affinity among OTS members per year of deepening (assumption, 0.002-0.01; a forum's summit gives 0.002).
    OTS_DEEPENING = 0.005
    SHELVED = 0.02  # security tie and affinity lost when co-production is shelved (assumption: the arms deal's size)

    def decide(self, agent, model) -> list[Action]:
        actions = super().decide(agent, model)
        if model.quarter != 3:
            return actions
        scale = model.lever("turkic_cooperation")
        if "OTS" in model.memory.exited:
            actions.append(
                Action(
                    agent.code,
                    "suspend_cooperation",
                    model.focal,
                    self.SHELVED,
                    "Turkey shelves drone co-production after Kazakhstan steps back from the Turkic states",
                    "Baldwin 1985; 002 · Changing Balance of Power in the Caspian Region",
                )
            )
            return actions
        engaged = sum(model.memory.alignment_with(c) for c in self.TURKIC_PARTNERS) >= ENGAGEMENT_BAR
        if engaged and model.is_member(model.focal, "OTS") and scale > 0:
            actions.append(
                Action(
                    agent.code,
                    "summit",
                    "OTS",
                    self.OTS_DEEPENING * scale,
                    "Turkey drives a deeper Organization of Turkic States agenda (transport, customs, "
                    "defence industry)",
                    "002 · Changing Balance of Power in the Caspian Region",
                )
            )
        if model.year > WAR_YEAR:
            actions.append(
                Action(
                    agent.code,
                    "arms_deal",
                    model.focal,
                    0.02 * scale,
                    "Turkey and Kazakhstan extend drone co-production",
                    "002 · Changing Balance of Power in the Caspian Region",
                )
            )
        return actions


@POLICIES.register
class Azerbaijan(CorridorBuilder):
    """Build Baku's port, rail and the BTC link for Kazakh oil and cargo.

    002 · Looking West (BTC 2006, Batumi); 002 · In the Wake of the War (rail JV, tankers).
    """

    name = "azerbaijan"
    investments = (("middle", 0.2), ("caspian_oil", 0.2))
    reason = "Azerbaijan expands Baku port and rail capacity on the {corridor} route"


@POLICIES.register
class Georgia(CorridorBuilder):
    """Upgrade Black Sea ports and rail on the Middle Corridor (002 · Looking West: Batumi port)."""

    name = "georgia"
    investments = (("middle", 0.05),)
    reason = "Georgia upgrades Black Sea ports on the Middle Corridor"


@POLICIES.register
class Iran(Policy):
    """Promote the North-South route to the Gulf (000 · balanced policy: access to the Persian Gulf)."""

    name = "iran"

    def decide(self, agent, model) -> list[Action]:
        if model.quarter != 2 or "north_south" not in model.corridors.index:
            return []
        return [
            Action(
                agent.code,
                "corridor_investment",
                "north_south",
                0.1,
                "Iran extends the North-South railway toward the Gulf",
                "000 · Kazakhstan's balanced policy strategy",
            )
        ]
