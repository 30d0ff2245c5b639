"""Policies of Russia, China, the EU and the US toward Kazakhstan, each from the source papers."""

from __future__ import annotations

import bisect
import itertools

from world.actions import Action
from world.decisions import Policy
from world.registry import POLICIES

FIRST_QUARTER = 1


def draw_index(rng, probabilities: list[float]) -> int:
    """``int(rng.choice(len(p), p=p))`` without its validation overhead (~13 µs): the same draw, bit for bit.

    Generator.choice with ``p`` takes one ``rng.random()`` and returns how many
    entries of the normalised cumulative sum are <= it; this does exactly that.
    """
    cdf = list(itertools.accumulate(probabilities))
    last = cdf[-1]
    return bisect.bisect_right([c / last for c in cdf], rng.random())


@POLICIES.register
class Russia(Policy):
    """Coerce a drifting neighbour: information pressure, trade bans, transit disruption, demands.

    Shape: Axelrod's tribute model (MODEL-BRIEF · Mechanisms): the demander
    presses harder the more the target drifts away and the more it resisted.
    Sources: 002 · Conclusion (pressure to grow in intensity and toughness);
    002 · In the Wake of the War (CPC disruptions); 003 · Kazakhstan and Russia
    (northern provinces); 000 · balanced policy (joint currency proposal).
    """

    name = "russia"
    classifier = {"coerces": True, "stochastic": True}
    MOVES = ("information_pressure", "trade_restriction", "demand", "transit_disruption")
    MOVE_WEIGHTS = (0.35, 0.25, 0.25, 0.15)
    REASONS = {
        "information_pressure": "Russian media campaign questions Kazakhstan's northern provinces",
        "trade_restriction": "Russia bans Kazakh goods on phytosanitary grounds after Astana's westward moves",
        "demand": "Russia demands Kazakhstan align with it and slow the trans-Caspian route",
        "transit_disruption": "A Russian court halts the CPC terminal",
    }
    SOURCES = {
        "information_pressure": "003 · Kazakhstan and Russia",
        "trade_restriction": "002 · Conclusion",
        "demand": "000 · Kazakhstan's balanced policy strategy",
        "transit_disruption": "002 · In the Wake of the War",
    }

    def decide(self, agent, model) -> list[Action]:
        intensity = model.lever("russian_pressure")
        if intensity <= 0.0:
            return []
        grievance = model.grievance(agent.code)
        chance = min(0.95, intensity * (0.2 + 0.6 * grievance))
        if model.rng.random() >= chance:
            return []
        moves = self.MOVES if model.in_lever_period else self.MOVES[:3]
        weights = self.MOVE_WEIGHTS[: len(moves)]
        total = sum(weights)
        move = moves[draw_index(model.rng, [w / total for w in weights])]
        magnitude = intensity * (0.5 + 0.5 * model.rng.random())
        target = model.focal
        duration = 0
        if move == "transit_disruption":
            target = "cpc" if model.rng.random() < 0.7 else "atyrau_samara"
            magnitude = min(1.0, 0.3 + 0.5 * intensity)
            duration = 1
        return [Action(agent.code, move, target, magnitude, self.REASONS[move], self.SOURCES[move], duration=duration)]


@POLICIES.register
class China(Policy):
    """Belt and Road: yearly FDI into energy and money into the China-bound and transit corridors.

    000 · Kazakhstan's balanced policy strategy (BRI announced in Astana in
    2013; trade tripled; energy and transit investment); 003 · China section
    (CNPC, the 2005 pipeline, complementarity of the economies).
    """

    name = "china"
    classifier = {"invests": True}
    CORRIDORS = ("china_pipeline", "northern", "middle")

    def decide(self, agent, model) -> list[Action]:
        if model.quarter != FIRST_QUARTER:
            return []
        bri = model.lever("china_bri")
        fdi = 0.4 + 1.2 * bri  # CNPC before the BRI, Belt and Road money after
        actions = [Action(agent.code, "fdi", model.focal, fdi,
                          f"Chinese firms invest ${fdi:.1f}bn in Kazakh energy and industry",
                          "003 · Kazakhstan's Relationship with China")]
        if bri > 0:
            corridor = self.CORRIDORS[model.year % len(self.CORRIDORS)]
            if corridor in model.corridors.index:
                actions.append(Action(agent.code, "corridor_investment", corridor, 0.5 * bri,
                                      f"Belt and Road money upgrades the {corridor} corridor",
                                      "000 · Kazakhstan's balanced policy strategy"))
            actions.append(Action(agent.code, "trade_agreement", model.focal, 0.01 * bri,
                                  "China and Kazakhstan sign BRI trade facilitation deals",
                                  "000 · Kazakhstan's balanced policy strategy"))
        return actions


@POLICIES.register
class EuropeanUnion(Policy):
    """Buy, invest, and tie money to governance; from 2024, fund the Middle Corridor.

    003 · Kazakhstan and Europe / Reform to the PCA (largest export market;
    carrots tied to compliance); 002 · In the Wake of the War (Global Gateway,
    €10bn pledged January 2024).
    """

    name = "eu"
    classifier = {"invests": True, "conditional": True}
    GOVERNANCE_BAR = 0.5

    def decide(self, agent, model) -> list[Action]:
        actions = []
        money = model.lever("eu_investment")
        if model.quarter == FIRST_QUARTER and money > 0 and "middle" in model.corridors.index:
            actions.append(Action(agent.code, "corridor_investment", "middle", money,
                                  f"Global Gateway puts €{money:.1f}bn into the Middle Corridor",
                                  "002 · In the Wake of the War"))
        if model.quarter == 2:
            withheld = model.conditionality.get(agent.code, 0.0)
            amount = 2.0 * (1.0 - withheld)
            actions.append(Action(agent.code, "fdi", model.focal, amount,
                                  f"European firms invest ${amount:.1f}bn (oil, uranium, machinery)",
                                  "003 · Kazakhstan and Europe"))
        if model.quarter == 4:
            gap = self.GOVERNANCE_BAR - model.relations.governance[model.relations.index[model.focal]]
            if gap > 0:
                actions.append(Action(agent.code, "conditionality", model.focal, min(0.5, gap),
                                      "The EU ties part of its support to rule-of-law progress",
                                      "003 · Reform to the PCA"))
        return actions


@POLICIES.register
class UnitedStates(Policy):
    """Invest in oil and keep a security foothold through PfP, scaled by engagement.

    000 · Kazakhstan's balanced policy strategy (US interest in resources;
    PfP and IPAP; engagement fell after Afghanistan); calibration.md · FDI (US $39.5bn).
    """

    name = "usa"
    classifier = {"invests": True}

    def decide(self, agent, model) -> list[Action]:
        engagement = model.lever("us_engagement")
        if engagement <= 0:
            return []
        if model.quarter == FIRST_QUARTER:
            return [Action(agent.code, "fdi", model.focal, 1.5 * engagement,
                           "US oil majors expand Tengiz", "calibration.md · FDI stock (US $39.5bn)")]
        if model.quarter == 3:
            return [Action(agent.code, "exercise", model.focal, 0.03 * engagement,
                           "Steppe Eagle exercise under NATO's Partnership for Peace",
                           "000 · Kazakhstan's balanced policy strategy")]
        return []
