"""A whole run computed once, then played back quarter by quarter: what one browser session shows.

A default run from 2010Q1 to 2040Q4 costs about a tenth of a second, while
redrawing the page after every step of a live model costs far more, and a
class of fifteen shares one server process. So Reset (and a session's first
render) computes the whole run at once and the page then moves a cursor over
what the run recorded: Step, Play and Jump only change which quarter is
shown. What the page shows of a quarter comes from the model's recorded
series (``model.series``) and its event log; the little the series do not
hold (which corridor is disrupted) is copied out of the model in
:func:`capture` as each quarter is computed, the one place the page reads
the model's live state.

The student sees the same sequence of quarters as before: the run is
deterministic, so computing it ahead changes nothing but when the work is done.

A finished run is read, never changed, and is a pure function of its
settings, so sessions asking for the same settings share one
(:func:`shared_run`): a class that opens the page at once computes the
default run once. Each session keeps its own quarter shown, settings and
previous run; nothing a student does reaches another's page.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from viz.session import SessionModel
from world.calendar import format_quarter, parse_quarter


@dataclass(frozen=True)
class QuarterState:
    """What the recorded series do not hold of one quarter, copied out of the live model as it is computed."""

    disruption: tuple[float, ...]  # per corridor (scenario order): share of capacity lost this quarter


def capture(model: SessionModel) -> QuarterState:
    """The state of the quarter just computed that the page needs and the recorder does not keep."""
    return QuarterState(tuple(float(x) for x in model.corridors.disruption))


@dataclass(eq=False)  # a run is itself: compared by identity (the page keys its threads on it)
class RecordedRun:
    """One session's run, computed to the end: the model (its series and log) and each quarter's extra state."""

    model: SessionModel
    quarters: list[QuarterState] = field(default_factory=list)

    @classmethod
    def compute(cls, **settings) -> "RecordedRun":
        """Build :class:`SessionModel` from the sidebar's ``settings`` and run it to the end, capturing each quarter."""
        model = SessionModel(**settings)
        run = cls(model, [capture(model)])
        while model.running:
            model.step()
            run.quarters.append(capture(model))
        return run

    # --- the clock -------------------------------------------------------------------

    @property
    def last(self) -> int:
        """The last step (2040Q4 in the default scenario)."""
        return self.model.steps

    @property
    def levers_from(self) -> int:
        """The step from which the strategy and the levers act (2025Q1)."""
        return self.model.levers_from_step

    def date(self, step: int) -> str:
        return format_quarter(self.model.start_quarter + step)

    def year(self, step: int) -> float:
        """Decimal year of ``step`` (2025.0 for 2025Q1)."""
        return (self.model.start_quarter + step) / 4.0

    def step_of(self, date: str) -> int:
        """The step that shows ``date`` (a quarter like ``2022Q3``)."""
        return parse_quarter(date) - self.model.start_quarter

    # --- the numbers -----------------------------------------------------------------

    def series(self, name: str, until: int | None = None) -> np.ndarray:
        """A recorded column from the start to ``until`` (inclusive), or the whole run."""
        values = self.model.series(name)
        return values if until is None else values[: until + 1]

    def value(self, name: str, step: int) -> float:
        return float(self.model.series(name)[step])

    def has(self, name: str) -> bool:
        return self.model.has_series(name)

    @cached_property
    def outcomes(self) -> dict[str, float]:
        """The end-of-run outcomes (what ``multivector run`` and the Compare tab report)."""
        return self.model.outcomes()

    def settings(self) -> dict[str, object]:
        return self.model.settings()

    def events_until(self, step: int) -> list:
        """The event log's records up to and including ``step``, in logged order."""
        records = self.model.log.records
        end = len(records)
        while end and records[end - 1].step > step:
            end -= 1
        return records[:end]


SHARED_RUNS = 32  # finished runs kept for sessions asking for the same settings (~1 MB each)
_runs: "OrderedDict[tuple, RecordedRun]" = OrderedDict()
_computing: dict[tuple, threading.Lock] = {}
_runs_lock = threading.Lock()


def shared_run(**settings) -> RecordedRun:
    """The finished run for ``settings`` (SessionModel's keywords), computed once per server for equal settings."""
    key = tuple(sorted((name, str(value)) for name, value in settings.items()))
    with _runs_lock:
        if key in _runs:
            _runs.move_to_end(key)
            return _runs[key]
        lock = _computing.setdefault(key, threading.Lock())
    with lock:  # a second session asking for the same run waits for the first instead of repeating it
        with _runs_lock:
            if key in _runs:
                return _runs[key]
        run = RecordedRun.compute(**settings)
        with _runs_lock:
            _runs[key] = run
            _computing.pop(key, None)
            while len(_runs) > SHARED_RUNS:
                _runs.popitem(last=False)
        return run
