"""Moves several of Kazakhstan's strategies share: sell, ship, arm and invest toward a vector, and answer demands.

A *vector* is a partner Kazakhstan can lean toward (the word the sources use
for its foreign-policy directions: 000 · Kazakhstan's balanced policy
strategy). Every move here but the summit costs something (world/actions.py
prices them): redirected exports pay a switching cost and take time to build,
a bilateral security tie is bought, an investor is drawn by incentives. Each
helper reads only the :class:`~world.situation.Situation` and returns
:class:`~world.moves.Action` objects — none when the situation leaves
nothing to gain (a buyer with no room to take more, a tie already strong),
so strategies built from them stay situation-dependent and testable on a
hand-built situation.
"""

from __future__ import annotations

from world.decisions import CLASSIFIER_KEYS
from world.moves import Action
from world.situation import Situation

# The corridors that carry Kazakh goods toward (or through) each vector:
# world/data/corridors.csv paths and controllers. The EU is reached without
# Russia only across the Caspian (002 · Looking West: the westward route as
# the alternative to the northern one via Russia).
VECTOR_ROUTES: dict[str, tuple[str, ...]] = {
    "RUS": ("cpc", "atyrau_samara", "northern"),
    "CHN": ("china_pipeline",),
    "EU": ("middle", "caspian_oil"),
    "TUR": ("middle", "caspian_oil"),
    "AZE": ("middle", "caspian_oil"),
    "USA": (),
}
# The cheapest routes need no contract to be used: Kazakh oil already goes through Russia by default.
ROUTES_WITHOUT_CONTRACTS = ("RUS",)
# A shift of less than this share of exports is not worth deciding (assumption: a tenth of a point of exports,
# ~$0.1bn a year; range 0.0005-0.005).
SMALLEST_SHIFT = 0.001
# A bilateral tie at this level needs no more buying (assumption: about the CSTO guarantee's weight once
# discounted, range 0.3-0.8).
ENOUGH_TIE = 0.5
# Incentives per quarter a strategy leaning fully toward a vector offers its investors, $bn (assumption: about
# a tenth of a year's FDI inflow from one power, range 0.02-0.1).
INCENTIVE_BN = 0.05
# Defence spending per quarter a strategy leaning fully toward a vector puts into ties with it, $bn (assumption:
# about a tenth of Kazakhstan's ~$1.3bn defence budget a year, SIPRI; range 0.01-0.05).
DEFENCE_BN = 0.025
# A route contract below this many Mt a year is not worth signing (assumption: about one tanker's year of
# trans-Caspian shuttles; range 0.1-0.5).
SMALLEST_CONTRACT_MT = 0.25
# Mt a year of route contracts a strategy leaning fully toward a vector keeps on that vector's routes
# (assumption: about the 2023-2024 KazMunayGas-SOCAR volumes, 1.5-2.2 Mt; range 0.5-4).
LEAN_CONTRACT_MT = 2.0
# The magnitude a strategy's summit or mediation is logged with: talk changes no attitude (world/actions.py), so
# the number only sizes the log's entry (assumption: the size earlier versions gave a summit's affinity step).
TALK_SIZE = 0.01


def classify(
    favours: list[str],
    source: str,
    *,
    learns: bool = False,
    stochastic: bool = False,
    leaves_institutions: bool = False,
) -> dict:
    """A strategy's ``classifier`` (keys: world.decisions.CLASSIFIER_KEYS), for listing and filtering."""
    values = {
        "favours": favours,
        "learns": learns,
        "stochastic": stochastic,
        "leaves_institutions": leaves_institutions,
        "source": source,
    }
    return {key: values[key] for key in CLASSIFIER_KEYS}


def sell_more_to(
    s: Situation, partner: str, strength: float, why: str, source: str, away_from: str = "*"
) -> list[Action]:
    """Redirect up to ``strength`` × ``adjustment_speed`` of exports to ``partner``, within what it can take on.

    Nothing when the buyer has no room left this year (its demand: ``export_headroom``) or ``away_from`` sells
    nothing to give up.
    """
    room = s.export_headroom.get(partner, 0.0)
    if away_from != "*":
        room = min(room, s.export_weights.get(away_from, 0.0))
    amount = min(strength * s.params["adjustment_speed"], room)
    if amount < SMALLEST_SHIFT:
        return []
    return [Action(s.focal, "shift_exports", away_from, amount, why, source, partner=partner)]


def buy_security(s: Situation, partner: str, strength: float, why: str, source: str) -> list[Action]:
    """Spend ``strength`` × ``DEFENCE_BN`` on a bilateral tie with ``partner`` unless the tie is strong enough."""
    if partner not in s.dependence or s.security_ties.get(partner, 0.0) >= ENOUGH_TIE or strength <= 0:
        return []
    return [Action(s.focal, "defence_purchase", partner, strength * DEFENCE_BN, why, source)]


def court_investor(
    s: Situation, investor: str, strength: float, why: str, source: str, corridor: str = ""
) -> list[Action]:
    """Offer ``investor`` ``strength`` × ``INCENTIVE_BN`` of incentives (into ``corridor`` if one is named)."""
    if investor not in s.dependence or strength <= 0:
        return []
    return [Action(s.focal, "court_investment", investor, strength * INCENTIVE_BN, why, source, partner=corridor)]


def prefer_routes(
    s: Situation, corridors: tuple[str, ...] | list[str], strength: float, why: str, source: str
) -> list[Action]:
    """Raise the preference for each named corridor that exists (``strength`` × ``route_preference_speed``).

    The price is the dearer freight the oil and cargo then pay (world/economy.py: the netback)."""
    step = s.params["route_preference_speed"] * strength
    return [
        Action(s.focal, "shift_route", c, step, why.format(corridor=c), source) for c in corridors if c in s.corridors
    ]


def contract_route(s: Situation, corridor: str, target_mt: float, why: str, source: str) -> list[Action]:
    """Sign what Kazakhstan's contracts on ``corridor`` lack to reach ``target_mt`` Mt a year, within its room.

    A contract carries its volume after the corridor's lag and pays its fee take-or-pay for its term
    (world/contracts.py); what the corridor carries already leaves less room. Nothing when the contracts in
    force (or in their lag) already reach the target, or the gap is below ``SMALLEST_CONTRACT_MT``.
    """
    view = s.corridors.get(corridor)
    if view is None:
        return []
    held = s.route_contracts.get(corridor, 0.0)
    room = view.capacity - max(view.volume, held)
    volume = min(target_mt - held, room)
    if volume < SMALLEST_CONTRACT_MT:
        return []
    return [Action(s.focal, "route_contract", corridor, volume, why.format(corridor=corridor), source)]


def summit(s: Situation, partner: str, why: str, source: str) -> Action:
    """Talk: goodwill that makes the next deals with ``partner`` cheaper (world/actions.py ``deal_discount``)."""
    return Action(s.focal, "summit", partner, TALK_SIZE, why, source)


def lean_toward(s: Situation, vector: str, strength: float, source: str, export_cap: float = 1.0) -> list[Action]:
    """Sell, ship, arm and invest toward ``vector`` (each as far as the situation allows), and meet it first."""
    actions = [summit(s, vector, f"summit with {vector}", source)]
    if s.export_weights.get(vector, 0.0) < export_cap:
        actions += sell_more_to(s, vector, strength, f"sells more to {vector}", source)
    actions += prefer_routes(
        s, VECTOR_ROUTES.get(vector, ()), strength, f"routes more exports via {{corridor}} toward {vector}", source
    )
    if vector not in ROUTES_WITHOUT_CONTRACTS:
        for corridor in VECTOR_ROUTES.get(vector, ()):
            actions += contract_route(
                s,
                corridor,
                strength * LEAN_CONTRACT_MT,
                f"contracts capacity on the {{corridor}} route to {vector}",
                source,
            )
    actions += buy_security(s, vector, strength, f"buys arms and training from {vector}", source)
    actions += court_investor(
        s, vector, strength, f"offers {vector}'s investors tax and production-sharing terms", source
    )
    return actions


def answer_demands(s: Situation, concede_to: set[str], strategy) -> list[Action]:
    """Concede to demands whose demander (or its institution's leader) is in ``concede_to``; resist the rest."""
    return [
        strategy.act_on_demand(s, d, concede=s.institution_leaders.get(d.actor, d.actor) in concede_to)
        for d in s.demands
    ]


def memberships_with_status(s: Situation, status: str = "member") -> list[str]:
    """Institutions in which Kazakhstan currently holds ``status``."""
    return [inst for inst, held in s.memberships.items() if held == status]
