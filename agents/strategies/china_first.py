"""China first: the Belt and Road as the centre of Kazakhstan's economy."""

from __future__ import annotations

from agents.strategies.moves import answer_demands, classify, lean_toward
from world.decisions import Strategy
from world.moves import Action
from world.registry import STRATEGIES
from world.situation import Situation

CHINA = "CHN"
CHINESE_EXPORT_TARGET = 0.45  # share of exports at which it stops redirecting sales to China (design choice)
SOURCE = "000 · Kazakhstan's balanced policy strategy; 003 · Kazakhstan's Relationship with China"


@STRATEGIES.register
class ChinaFirst(Strategy):
    """Put China first: energy and transit toward China, Belt and Road deals, the SCO as the main forum.

    The BRI-centred path (000 · Kazakhstan's balanced policy strategy: the
    BRI announced in Astana, trade tripled, energy and transit investment;
    003 · Kazakhstan's Relationship with China: the 2005 pipeline, CNPC, the
    complementarity of the two economies). It redirects exports to China
    until China buys ``CHINESE_EXPORT_TARGET`` of them (as far as China can
    take on each year), prefers the Kazakhstan-China oil pipeline, buys
    security ties with China and courts Chinese investors, holds an SCO
    summit each year, and yields to Chinese demands while refusing everyone
    else's. It signs no trade agreement of its own: since 2015 the Eurasian
    Economic Union negotiates its members' trade agreements (003 · Eurasian
    Economic Community, Customs Union and WTO membership: the common external
    tariff), so the Belt and Road deals are China's moves.
    """

    name = "china_first"
    label = "China first"
    colour = "#E69F00"
    classifier = classify([CHINA], SOURCE)

    def decide(self, situation: Situation, rng) -> list[Action]:
        s = situation
        actions = lean_toward(s, CHINA, 1.0, SOURCE, export_cap=CHINESE_EXPORT_TARGET)
        actions += answer_demands(s, {CHINA}, self)
        if s.quarter == 3 and s.memberships.get("SCO") == "member":
            actions.append(Action(s.focal, "summit", "SCO", 0.01, "hosts an SCO summit", SOURCE))
        return actions
