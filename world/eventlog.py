"""The event log: who did what to whom, why and on what source, one row per move or scheduled event.

Plain rows at the bottom of the world, written by the model as it applies moves and read by the page and the
results; the rules that make the events are in world/actions.py and world/events.py.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields


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
