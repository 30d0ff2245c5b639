"""Moves several of Kazakhstan's strategies share: lean toward one vector, prefer its routes, answer demands.

A *vector* is a partner Kazakhstan can lean toward (the word the sources use
for its foreign-policy directions: 000 · Kazakhstan's balanced policy
strategy). Each helper returns :class:`~world.actions.Action` objects and
reads only the :class:`~world.situation.Situation`, so strategies built from
them stay testable on a hand-built situation.
"""

from __future__ import annotations

from world.actions import Action
from world.decisions import CLASSIFIER_KEYS
from world.situation import Situation

# The corridors that carry Kazakh goods toward (or through) each vector:
# world/data/corridors.csv paths and controllers. The EU is reached without
# Russia only across the Caspian (002 · Looking West: the westbound route as
# the alternative to the northern one via Russia).
VECTOR_ROUTES: dict[str, tuple[str, ...]] = {
    "RUS": ("cpc", "atyrau_samara", "northern"),
    "CHN": ("china_pipeline",),
    "EU": ("middle", "caspian_oil"),
    "TUR": ("middle", "caspian_oil"),
    "AZE": ("middle", "caspian_oil"),
    "USA": (),
}


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


def sell_more_to(s: Situation, partner: str, strength: float, why: str, source: str, away_from: str = "*") -> Action:
    """Redirect up to ``strength`` × ``adjustment_speed`` of exports to ``partner``, from everyone or ``away_from``."""
    return Action(
        s.focal, "shift_exports", away_from, s.params["adjustment_speed"] * strength, why, source, partner=partner
    )


def prefer_routes(
    s: Situation, corridors: tuple[str, ...] | list[str], strength: float, why: str, source: str
) -> list[Action]:
    """Raise the preference for each named corridor that exists (``strength`` × ``route_preference_speed``)."""
    step = s.params["route_preference_speed"] * strength
    return [
        Action(s.focal, "shift_route", c, step, why.format(corridor=c), source) for c in corridors if c in s.corridors
    ]


def lean_toward(s: Situation, vector: str, strength: float, source: str, export_cap: float = 1.0) -> list[Action]:
    """Ship along ``vector``'s routes, hold a summit with it, sell more to it while it buys under ``export_cap``."""
    actions = []
    if s.export_weights.get(vector, 0.0) < export_cap:
        actions.append(sell_more_to(s, vector, strength, f"sells more to {vector}", source))
    actions += prefer_routes(
        s, VECTOR_ROUTES.get(vector, ()), strength, f"routes more exports via {{corridor}} toward {vector}", source
    )
    actions.append(Action(s.focal, "summit", vector, 0.01 * strength, f"summit with {vector}", source))
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
