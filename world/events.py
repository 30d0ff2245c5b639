"""The scheduled events a scenario replays (2014 sanctions, 2022 war, CPC disruptions, …).

Each scheduled event comes from a data row with its source; most are turned
into the same :class:`~world.moves.Action` an agent could take, so a CPC
disruption in the data and one chosen by Russia's policy act alike.
"""

from __future__ import annotations

from world.actions import ACTION_TYPES
from world.moves import Action
from world.state import World
from world.tables import EventRow


def apply_scheduled(model: World, event: EventRow) -> None:
    """Apply one scheduled event from the scenario; log it."""
    handler = _STATE_CHANGES.get(event.kind)
    if handler is not None:
        handler(model, event)
        model.log_event(
            event.actor,
            "scheduled",
            event.kind,
            event.target,
            event.magnitude,
            event.reason,
            event.source,
            origin="scheduled",
        )
        return
    model.apply(as_action(event), origin="scheduled")


def as_action(event: EventRow) -> Action:
    """A scheduled event that is an action (not a change of the world's state) as an :class:`Action`."""
    return Action(
        event.actor,
        _AS_ACTION.get(event.kind, event.kind),
        event.target,
        event.magnitude,
        event.reason,
        event.source,
        duration=event.duration,
    )


def _capacity(model: World, e: EventRow) -> None:
    c = model.corridors.index[e.target]
    model.corridors.schedule_upgrade(model.steps + e.duration, c, e.magnitude, 0.0)
    model.corridors.mature(model.steps)


def _transit_time(model: World, e: EventRow) -> None:
    c = model.corridors.index[e.target]
    model.corridors.schedule_upgrade(model.steps + e.duration, c, 0.0, e.magnitude)
    model.corridors.mature(model.steps)


def _reliability(model: World, e: EventRow) -> None:
    cor = model.corridors
    c = cor.index[e.target]
    cor.base_reliability[c] = min(1.0, max(0.0, cor.base_reliability[c] + e.magnitude))
    cor.reliability[c] = (
        min(cor.reliability[c], cor.base_reliability[c]) if e.magnitude < 0 else cor.base_reliability[c]
    )


def _pledge(model: World, e: EventRow) -> None:
    model.levers.set_historical("eu_investment", e.magnitude)


def _cargo_demand(model: World, e: EventRow) -> None:
    model.economy.cargo_shock = (e.magnitude, model.steps + max(e.duration, 1) - 1)


def _opinion(model: World, e: EventRow) -> None:
    r = model.relations
    i, j = r.index[e.actor], r.index[e.target]
    r.affinity_anchor[i, j] = min(1.0, max(-1.0, r.affinity_anchor[i, j] + e.magnitude))
    r.affinity[i, j] = min(1.0, max(-1.0, r.affinity[i, j] + e.magnitude))


def _baseline_pressure(model: World, e: EventRow) -> None:
    model.levers.set_historical("russian_pressure", e.magnitude)


def _engagement(model: World, e: EventRow) -> None:
    model.levers.shift_historical("us_engagement", e.magnitude)


def _bri(model: World, e: EventRow) -> None:
    model.levers.set_historical("china_bri", e.magnitude)


_STATE_CHANGES = {
    "capacity": _capacity,
    "transit_time": _transit_time,
    "reliability": _reliability,
    "pledge": _pledge,
    "cargo_demand": _cargo_demand,
    "opinion": _opinion,
    "baseline_pressure": _baseline_pressure,
    "engagement": _engagement,
    "bri": _bri,
}
_AS_ACTION = {"statement": "stay"}


def can_apply(kind: str) -> bool:
    """Whether a scheduled event of ``kind`` has a state change here or an action applier to go through."""
    return kind in _STATE_CHANGES or _AS_ACTION.get(kind, kind) in ACTION_TYPES
