"""Policies of the states along the Middle Corridor and the North-South route."""

from __future__ import annotations

from world.actions import Action
from world.decisions import Policy
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
        return [Action(agent.code, "corridor_investment", corridor, amount * scale,
                       self.reason.format(corridor=corridor), self.source)
                for corridor, amount in self.investments if corridor in model.corridors.index and scale > 0]


@POLICIES.register
class Turkey(CorridorBuilder):
    """Lead the Middle Corridor (TITR) and, after 2022, arm and partner with Kazakhstan.

    002 · In the Wake of the War (TITR on Turkey's initiative, 2013);
    002 · Changing Balance of Power (Anka drones, strategic partnership 2022).
    """

    name = "turkey"
    investments = (("middle", 0.3),)
    reason = "Turkey funds Middle Corridor rail and port links"

    def decide(self, agent, model) -> list[Action]:
        actions = super().decide(agent, model)
        if model.quarter == 3 and model.year > WAR_YEAR:
            actions.append(Action(agent.code, "arms_deal", model.focal, 0.02 * model.lever("turkic_cooperation"),
                                  "Turkey and Kazakhstan extend drone co-production",
                                  "002 · Changing Balance of Power in the Caspian Region"))
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
        return [Action(agent.code, "corridor_investment", "north_south", 0.1,
                       "Iran extends the North-South railway toward the Gulf",
                       "000 · Kazakhstan's balanced policy strategy")]
