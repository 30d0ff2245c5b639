"""The event log, and the scheduled events a scenario replays (2014 sanctions, 2022 war, CPC disruptions, …).

Each scheduled event comes from a data row with its source; most are turned
into the same :class:`~world.actions.Action` an agent could take, so a CPC
disruption in the data and one chosen by Russia's policy act alike.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields
from typing import TYPE_CHECKING

from world.actions import ACTION_TYPES, Action
from world.tables import EventRow

if TYPE_CHECKING:  # pragma: no cover
    from world.model import DiplomacyModel


@dataclass(frozen=True, slots=True)
class EventRecord:
    """One line of the event log: who did what to whom, why, and on what source."""

    step: int
    date: str
    actor: str
    category: str
    action: str
    target: str
    magnitude: float
    reason: str
    source: str
    origin: str  # "scheduled" (scenario data) or "policy" (an agent's decision)

    def sentence(self) -> str:
        """Plain-language line for the viz event log."""
        return f"{self.date} · {self.actor} · {self.reason} · source {self.source}"


EVENT_COLUMNS = [f.name for f in fields(EventRecord)]
_MAGNITUDE = EVENT_COLUMNS.index("magnitude")


def _rounded(row: tuple) -> tuple:
    """The row as logged: magnitude rounded to 6 decimals (the log's precision)."""
    return (*row[:_MAGNITUDE], round(row[_MAGNITUDE], 6), *row[_MAGNITUDE + 1 :])


class EventLog:
    """Append-only event log: plain tuples on the hot path, :class:`EventRecord` objects on demand.

    Building a frozen dataclass per action cost about as much as applying the
    action, so the model appends field tuples with :meth:`add` and
    ``records`` turns them into :class:`EventRecord` lazily. Magnitudes are
    rounded to 6 decimals when read, so sweeps that never read the log do not
    pay for rounding.
    """

    def __init__(self) -> None:
        self._rows: list[tuple] = []
        self._records: list[EventRecord] = []

    def add(self, *fields) -> None:
        """Append one event given as the :class:`EventRecord` fields in order (magnitude unrounded)."""
        self._rows.append(fields)

    def append(self, record: EventRecord) -> None:
        self._rows.append(astuple(record))

    @property
    def records(self) -> list[EventRecord]:
        """The events as :class:`EventRecord` objects (built for the rows added since the last call)."""
        done = len(self._records)
        if done < len(self._rows):
            self._records.extend(EventRecord(*_rounded(row)) for row in self._rows[done:])
        return self._records

    def __len__(self) -> int:
        return len(self._rows)

    def __deepcopy__(self, memo: dict) -> "EventLog":
        # Rows are tuples of str/int/float and records are frozen: copying the lists is a deep copy.
        clone = EventLog()
        clone._rows = list(self._rows)
        clone._records = list(self._records)
        return clone

    def rows(self) -> list[tuple]:
        return [_rounded(row) for row in self._rows]

    def frame(self):
        import pandas as pd

        return pd.DataFrame(self.rows(), columns=EVENT_COLUMNS)


def apply_scheduled(model: "DiplomacyModel", event: EventRow) -> None:
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


def _capacity(model: "DiplomacyModel", e: EventRow) -> None:
    c = model.corridors.index[e.target]
    model.corridors.schedule_upgrade(model.steps + e.duration, c, e.magnitude, 0.0)
    model.corridors.mature(model.steps)


def _transit_time(model: "DiplomacyModel", e: EventRow) -> None:
    c = model.corridors.index[e.target]
    model.corridors.schedule_upgrade(model.steps + e.duration, c, 0.0, e.magnitude)
    model.corridors.mature(model.steps)


def _reliability(model: "DiplomacyModel", e: EventRow) -> None:
    cor = model.corridors
    c = cor.index[e.target]
    cor.base_reliability[c] = min(1.0, max(0.0, cor.base_reliability[c] + e.magnitude))
    cor.reliability[c] = (
        min(cor.reliability[c], cor.base_reliability[c]) if e.magnitude < 0 else cor.base_reliability[c]
    )


def _pledge(model: "DiplomacyModel", e: EventRow) -> None:
    model.levers.set_historical("eu_investment", e.magnitude)


def _cargo_demand(model: "DiplomacyModel", e: EventRow) -> None:
    model.economy.cargo_shock = (e.magnitude, model.steps + max(e.duration, 1) - 1)


def _opinion(model: "DiplomacyModel", e: EventRow) -> None:
    r = model.relations
    i, j = r.index[e.actor], r.index[e.target]
    r.affinity_anchor[i, j] = min(1.0, max(-1.0, r.affinity_anchor[i, j] + e.magnitude))
    r.affinity[i, j] = min(1.0, max(-1.0, r.affinity[i, j] + e.magnitude))


def _baseline_pressure(model: "DiplomacyModel", e: EventRow) -> None:
    model.levers.set_historical("russian_pressure", e.magnitude)


def _engagement(model: "DiplomacyModel", e: EventRow) -> None:
    model.levers.shift_historical("us_engagement", e.magnitude)


def _bri(model: "DiplomacyModel", e: EventRow) -> None:
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
