"""Policies of Russia, China, the EU and the US toward Kazakhstan: each reads Kazakhstan's alignment and answers it.

Every power has at least one carrot and one stick (Baldwin 1985: positive
and negative sanctions), and its money follows Kazakhstan's choices
(agents/policies/statecraft.py). Kazakhstan's alignment is read from its
moves (world/alignment.py) and its record of demands (world/memory.py).
"""

from __future__ import annotations

from agents.policies.statecraft import investment_climate
from world.decisions import Policy
from world.fast import draw_index
from world.moves import Action
from world.registry import POLICIES

FIRST_QUARTER = 1
SECOND_QUARTER = 2  # index: quarter of the year
THIRD_QUARTER = 3  # index: quarter of the year
FOURTH_QUARTER = 4  # index: quarter of the year
# Alignment (units of Kazakhstan's recent costly moves toward a power, relative to the other powers:
# world/memory.py) at which a power treats Kazakhstan as loyal, or as evading sanctions on its behalf, is the
# parameter loyalty_bar (parameters.csv). Alignment at which a power counts Kazakhstan as engaging it at all: one
# net move still remembered (assumption, range 0.5-2; moves fade by a tenth a quarter, so a lone move counts for
# about two years).
ENGAGEMENT_BAR = 1.0
RUSSIA = "RUS"
NOTICE_QUARTERS = 4  # a year of trade statistics before a sender acts on re-exports (assumption, 2-8)


def evasion_noticed(model) -> bool:
    """Whether re-exports to Russia through Kazakhstan are large and lasting enough for the senders to act.

    The senders act on a year of trade statistics (published with a lag) showing at least
    ``reexport_notice_bn`` a year (world/reexports.py): the 2022 surge drew the EBRD's study and the EU's
    and US's envoys in 2023 (Chupilkin, Javorcik & Plekhanov 2023).
    """
    return model.reexports.quarters_noticed >= NOTICE_QUARTERS


def sanctioned_by(model, sender: str, target: str) -> bool:
    """Whether ``sender`` holds lasting sanctions on ``target`` (the 2014 and 2022 events: calibration.md · Events)."""
    r = model.relations
    if sender not in r.index or target not in r.index:
        return False
    return bool(r.restriction[r.index[sender], r.index[target]] > 0.0)


@POLICIES.register
class Russia(Policy):
    """Coerce a drifting neighbour (information pressure, import bans, transit disruption, demands); reward a loyal one.

    Stick, Axelrod's tribute model (MODEL-BRIEF · Mechanisms): the demander
    presses harder the more the target drifts away and the more it resisted
    (grievance: world/memory.py). Sources: 002 · Conclusion (pressure to grow
    in intensity and toughness); 002 · In the Wake of the War (CPC
    disruptions); 003 · Kazakhstan and Russia (northern provinces); 000 ·
    balanced policy (joint currency proposal). The form of a trade
    restriction (an import ban) and the attribution of disruptions to
    Russian policy are assumptions: the sources name neither.

    Carrot: a Kazakhstan whose alignment with Russia is at least
    ``loyalty_bar`` gets discounted fuel once a year (``energy_discount``):
    the tribute model's other half, compliance bought (Axelrod 1995;
    Baldwin 1985); 000 · Kazakhstan's balanced policy strategy: officials kept
    economic relations with Russia.
    """

    name = "russia"
    classifier = {"coerces": True, "stochastic": True, "rewards": True}
    MOVES = ("information_pressure", "trade_restriction", "demand", "transit_disruption")
    MOVE_WEIGHTS = (0.35, 0.25, 0.25, 0.15)
    REASONS = {
        "information_pressure": "Russian media campaign questions Kazakhstan's northern provinces",
        "trade_restriction": "Russia restricts imports of Kazakh goods after Astana's westward moves",
        "demand": "Russia demands Kazakhstan align with it and slow the trans-Caspian route",
        "transit_disruption": "Russian authorities halt CPC loadings",
    }
    SOURCES = {
        "information_pressure": "003 · Kazakhstan and Russia",
        "trade_restriction": "002 · Conclusion (pressure to grow; the form, an import ban, is an assumption)",
        "demand": "000 · Kazakhstan's balanced policy strategy",
        "transit_disruption": "002 · In the Wake of the War (CPC disrupted; political motive an assumption)",
    }
    DISCOUNT_BN = 0.3  # $bn/yr of cheaper fuel for a loyal partner (assumption, range 0.1-1; ~0.2 % of GDP)

    def decide(self, agent, model) -> list[Action]:
        actions = self.reward(agent, model)
        intensity = model.lever("russian_pressure")
        if intensity <= 0.0:
            return actions
        if model.rng.random() >= self.coercion_chance(agent, model):
            return actions
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
        actions.append(
            Action(agent.code, move, target, magnitude, self.REASONS[move], self.SOURCES[move], duration=duration)
        )
        return actions

    def coercion_chance(self, agent, model) -> float:
        """Chance of a coercive move this quarter: intensity × (0.2 + 0.6 × grievance), at most 0.95."""
        grievance = model.grievance(agent.code)
        return min(0.95, model.lever("russian_pressure") * (0.2 + 0.6 * grievance))

    def reward(self, agent, model) -> list[Action]:
        if model.quarter != FIRST_QUARTER or model.memory.alignment_with(agent.code) < model.params["loyalty_bar"]:
            return []
        return [
            Action(
                agent.code,
                "energy_discount",
                model.focal,
                self.DISCOUNT_BN,
                "Russia sells fuel at a discount to a partner that sides with it",
                "Axelrod 1995 (tribute model: compliance rewarded); 000 · Kazakhstan's balanced policy strategy",
            )
        ]


@POLICIES.register
class China(Policy):
    """Belt and Road money that follows Kazakhstan's choices, and demands where Kazakhstan depends on China.

    Carrot: yearly FDI into energy and industry (CNPC before the BRI, Belt and
    Road money after: 000 · Kazakhstan's balanced policy strategy; 003 ·
    Kazakhstan's Relationship with China), scaled by the investment climate
    (statecraft.py: forgone after a refused demand or an SCO exit), and
    corridor money into the BRI corridor Kazakhstan ships the most on.

    Stick: a demand, when Kazakhstan depends on China enough for a challenge
    to pay. Bueno de Mesquita 1981 (expected utility of war): a state
    challenges when the chance of prevailing times the gain beats the cost;
    with Kazakhstan's dependence on China as the chance of prevailing, China
    demands once that dependence passes ``DEMAND_LEVERAGE``. The demand is
    the one 003 names as China's concern in Kazakhstan: the Uyghur diaspora
    and the SCO's "three evils" (003 · Kazakhstan's Relationship with China).
    Below that leverage China still demands when the stake rises: when
    Kazakhstan's alignment with Russia reaches ``loyalty_bar`` inside the
    Eurasian customs union, which 003 · Eurasian Economic Community reads as
    a check on Beijing's ambitions, China asks that the union's tariffs spare
    Belt and Road trade. A refused demand costs Kazakhstan a year of Chinese
    investment (statecraft.py).
    """

    name = "china"
    classifier = {"invests": True, "demands": True}
    CORRIDORS = ("china_pipeline", "northern", "middle")
    # Combined dependence on China at which a demand pays (assumption, range 0.2-0.4; Kazakhstan's dependence on
    # China is ~0.15-0.2 in 2010-2024 and rises past 0.25 only when it leans to China).
    DEMAND_LEVERAGE = 0.25

    def decide(self, agent, model) -> list[Action]:
        if model.quarter == FIRST_QUARTER:
            return self.invest(agent, model)
        if model.quarter == THIRD_QUARTER:
            return self.press(agent, model)
        return []

    def invest(self, agent, model) -> list[Action]:
        bri = model.lever("china_bri")
        climate = investment_climate(model, agent.code)
        fdi = (0.4 + 1.2 * bri) * climate  # CNPC before the BRI, Belt and Road money after
        actions = []
        if fdi > 0:
            actions.append(
                Action(
                    agent.code,
                    "fdi",
                    model.focal,
                    fdi,
                    f"Chinese firms invest ${fdi:.1f}bn in Kazakh energy and industry",
                    "003 · Kazakhstan's Relationship with China; Baldwin 1985",
                )
            )
        if bri > 0 and climate > 0:
            used = [c for c in self.CORRIDORS if c in model.corridors.index]
            if used:
                corridor = max(used, key=lambda c: (model.route_share_of(model.corridors.index[c]), c))
                actions.append(
                    Action(
                        agent.code,
                        "corridor_investment",
                        corridor,
                        0.5 * bri * climate,
                        f"Belt and Road money upgrades the {corridor} corridor Kazakhstan ships on",
                        "000 · Kazakhstan's balanced policy strategy",
                    )
                )
            actions.append(
                Action(
                    agent.code,
                    "trade_agreement",
                    model.focal,
                    0.01 * bri,
                    "China and Kazakhstan sign BRI trade facilitation deals",
                    "000 · Kazakhstan's balanced policy strategy",
                )
            )
        return actions

    def press(self, agent, model) -> list[Action]:
        leverage = float(model.dependence().combined[model.relations.index[agent.code]])
        if leverage >= self.DEMAND_LEVERAGE:
            return [
                Action(
                    agent.code,
                    "demand",
                    model.focal,
                    leverage,
                    "China asks Kazakhstan to restrain Uyghur diaspora groups and back the SCO line on the three evils",
                    "003 · Kazakhstan's Relationship with China; Bueno de Mesquita 1981",
                )
            ]
        if model.memory.alignment_with(RUSSIA) >= model.params["loyalty_bar"] and model.is_member(model.focal, "EAEU"):
            return [
                Action(
                    agent.code,
                    "demand",
                    model.focal,
                    leverage,
                    "China asks Kazakhstan to keep the Eurasian union's tariffs off Belt and Road goods and transit",
                    "003 · Eurasian Economic Community, Customs Union and WTO membership; Bueno de Mesquita 1981",
                )
            ]
        return []


@POLICIES.register
class EuropeanUnion(Policy):
    """Buy and invest where Kazakhstan ships west and reforms; police sanctions evasion in favour of Russia.

    Carrots: money for the trans-Caspian crossing (Global Gateway, €10bn
    pledged January 2024: 002 · In the Wake of the War), the whole
    ``eu_investment`` lever each year, ``OIL_SHARE`` of it into the oil route
    (Aktau's oil berths, tankers) and the rest into the Middle Corridor's
    cargo route: capacity, transit time and reliability come on line after
    ``investment_lag`` (world/actions.py corridor_investment); FDI (003 · Kazakhstan and Europe: its largest
    export market) scaled by the investment climate; and a reform dialogue
    that raises Kazakhstan's governance score in a year its alignment with the
    EU is at least ``ENGAGEMENT_BAR`` (003 · Reform to the PCA: the enhanced-agreement talks as the lever for
    reform).

    Conditionality: 003 · Reform to the PCA *recommends* tying support to
    compliance and says it was "conspicuously absent" (the OSCE chairmanship
    was granted without it). So before ``levers_from`` the EU attaches no
    conditions, as the source says; from then on the EU follows the paper's
    recommendation and withholds FDI while governance is under
    ``GOVERNANCE_BAR`` — a scenario, not history.

    Sticks: once the EU sanctions Russia, re-exports through Kazakhstan that
    it has seen for a year (:func:`evasion_noticed`) draw its
    anti-circumvention checks, which close part of the channel (its eleventh
    package, June 2023; Chupilkin, Javorcik & Plekhanov 2023); and a
    Kazakhstan whose alignment with Russia reaches ``loyalty_bar`` (selling,
    shipping and conceding to Russia) is treated as a channel for evasion and
    its exports face EU controls (Early 2015: third countries that trade with
    a sanctioned state draw the sender's enforcement).
    """

    name = "eu"
    classifier = {"invests": True, "conditional": True, "enforces_sanctions": True}
    GOVERNANCE_BAR = 0.5
    # Share of the crossing's money that goes to the oil route: the ports and fleet that ship Tengiz crude to Baku
    # (the KazMunayGas-SOCAR contracts, 002 · In the Wake of the War) serve both; assumption, range 0-0.5.
    OIL_SHARE = 0.3
    REFORM_STEP = 0.01  # governance gain per year of engagement (assumption, 0.005-0.03 on the 0-1 score)
    ENFORCEMENT = 0.05  # share of Kazakh exports to the EU held up by controls (assumption, 0.02-0.15)
    CONTROL_STEP = 0.15  # share of the re-export channel a year of EU checks closes (assumption, 0.05-0.3)

    def decide(self, agent, model) -> list[Action]:
        if model.quarter == FIRST_QUARTER:
            return self.fund_corridor(agent, model)
        if model.quarter == SECOND_QUARTER:
            return self.invest(agent, model)
        if model.quarter == THIRD_QUARTER:
            return self.enforce(agent, model)
        return self.engage(agent, model)

    def fund_corridor(self, agent, model) -> list[Action]:
        """Put the year's ``eu_investment`` into the trans-Caspian crossing: the cargo route and the oil route."""
        money = model.lever("eu_investment")
        if money <= 0 or "middle" not in model.corridors.index:
            return []
        oil_share = self.OIL_SHARE if "caspian_oil" in model.corridors.index else 0.0
        return [
            Action(
                agent.code,
                "corridor_investment",
                corridor,
                amount,
                f"Global Gateway puts €{amount:.1f}bn into the {corridor} route across the Caspian",
                "002 · In the Wake of the War",
            )
            for corridor, amount in (("middle", money * (1.0 - oil_share)), ("caspian_oil", money * oil_share))
            if amount > 0
        ]

    def invest(self, agent, model) -> list[Action]:
        withheld = model.relations.conditionality.get(agent.code, 0.0)
        amount = 2.0 * (1.0 - withheld) * investment_climate(model, agent.code)
        if amount <= 0:
            return []
        return [
            Action(
                agent.code,
                "fdi",
                model.focal,
                amount,
                f"European firms invest ${amount:.1f}bn (oil, uranium, machinery)",
                "003 · Kazakhstan and Europe; Baldwin 1985",
            )
        ]

    def enforce(self, agent, model) -> list[Action]:
        if not sanctioned_by(model, agent.code, RUSSIA):
            return []
        actions = []
        if evasion_noticed(model):
            actions.append(
                Action(
                    agent.code,
                    "reexport_controls",
                    model.focal,
                    self.CONTROL_STEP,
                    f"The EU's anti-circumvention checks target goods sold on to Russia through Kazakhstan "
                    f"(${model.reexports.flow_bn:.1f}bn a year)",
                    "Chupilkin, Javorcik & Plekhanov 2023; Early 2015",
                )
            )
        if model.memory.alignment_with(RUSSIA) >= model.params["loyalty_bar"]:
            actions.append(
                Action(
                    agent.code,
                    "trade_restriction",
                    model.focal,
                    self.ENFORCEMENT,
                    "The EU puts controls on Kazakh exports it suspects of re-export to Russia",
                    "Early 2015 (sanctions busting: third countries draw enforcement)",
                )
            )
        return actions

    def engage(self, agent, model) -> list[Action]:
        actions = []
        if model.memory.alignment_with(agent.code) >= ENGAGEMENT_BAR:
            actions.append(
                Action(
                    agent.code,
                    "reform_dialogue",
                    model.focal,
                    self.REFORM_STEP,
                    "Enhanced-agreement talks with the EU move judicial and statistical reform",
                    "003 · Reform to the PCA",
                )
            )
        if model.in_lever_period:
            gap = self.GOVERNANCE_BAR - model.relations.governance[model.relations.index[model.focal]]
            actions.append(
                Action(
                    agent.code,
                    "conditionality",
                    model.focal,
                    min(0.5, max(0.0, gap)),
                    "The EU ties part of its support to rule-of-law progress (a recommendation it "
                    "did not apply before)",
                    "003 · Reform to the PCA",
                )
            )
        return actions


@POLICIES.register
class UnitedStates(Policy):
    """Invest and drill with a Kazakhstan that stays engaged; sanction one that helps a sanctioned Russia.

    Carrots: oil FDI (calibration.md · FDI stock, US $39.5bn) scaled by
    engagement and the investment climate (forgone after Kazakhstan leaves
    NATO's Partnership for Peace), and a Steppe Eagle exercise while
    Kazakhstan is in the PfP (000 · Kazakhstan's balanced policy strategy:
    PfP and IPAP; engagement fell after Afghanistan).

    Stick: secondary sanctions. Once the US sanctions Russia, re-exports
    through Kazakhstan it has seen for a year (:func:`evasion_noticed`), or a
    Kazakhstan whose alignment with Russia reaches ``loyalty_bar``, get its
    banks and traders designated (``secondary_sanctions``: trade with the US
    and finance restricted, the designated traders' re-exports stopped).
    MODEL-BRIEF · Actions lists secondary sanctions; Early 2015 for why
    senders police third countries.
    """

    name = "usa"
    classifier = {"invests": True, "sanctions": True}
    SECONDARY = 0.1  # share of Kazakh-US trade held up by designations (assumption, 0.05-0.3)

    def decide(self, agent, model) -> list[Action]:
        engagement = model.lever("us_engagement")
        if model.quarter == FOURTH_QUARTER:
            return self.sanction(agent, model)
        if engagement <= 0:
            return []
        if model.quarter == FIRST_QUARTER:
            amount = 1.5 * engagement * investment_climate(model, agent.code)
            if amount <= 0:
                return []
            return [
                Action(
                    agent.code,
                    "fdi",
                    model.focal,
                    amount,
                    "US oil majors expand Tengiz",
                    "calibration.md · FDI stock (US $39.5bn); Baldwin 1985",
                )
            ]
        if model.quarter == THIRD_QUARTER and model.is_member(model.focal, "PFP"):
            return [
                Action(
                    agent.code,
                    "exercise",
                    model.focal,
                    0.03 * engagement,
                    "Steppe Eagle exercise under NATO's Partnership for Peace",
                    "000 · Kazakhstan's balanced policy strategy",
                )
            ]
        return []

    def sanction(self, agent, model) -> list[Action]:
        if not sanctioned_by(model, agent.code, RUSSIA) or not (
            evasion_noticed(model) or model.memory.alignment_with(RUSSIA) >= model.params["loyalty_bar"]
        ):
            return []
        return [
            Action(
                agent.code,
                "secondary_sanctions",
                model.focal,
                self.SECONDARY,
                "The US designates Kazakh banks and traders that help Russia evade sanctions",
                "MODEL-BRIEF · Actions (secondary sanctions); Early 2015",
            )
        ]
