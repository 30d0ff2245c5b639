"""Where this package depends on Mesa 3.5 beyond its public API, in one place (tests/test_mesa_adapter.py).

Two places have no public hook:

- ``mesa.batch_run`` and SolaraViz read a model's ``datacollector`` through
  ``DataCollector.model_vars`` and the private ``_collection_steps`` (which
  steps were collected). The model records into preallocated arrays instead
  of letting Mesa's DataCollector deep-copy every reporter value every step
  (most of a small model's time), so :class:`RecorderDataCollector` serves both
  from the recorder on demand. batch_run merges the run's parameters and these
  series into one dict per row, so no series may be named like a parameter
  (the levers in force are recorded as ``lever.<name>``), and the end-of-run
  outcomes ride along as ``outcome.<name>``.
- Mesa's ``Model.__init__`` replaces ``model.step`` with a wrapper that
  advances the clock (``steps``, ``time``) and then calls the class's ``step``.
  :func:`serialise_steps` wraps that wrapper, so a lock covers the clock too.

If a Mesa release changes either, the tests of this module fail first.
"""

from __future__ import annotations

import threading
from typing import NamedTuple

from mesa import DataCollector

from world.state import World

# batch_run rows name the end-of-run outcomes with this prefix; no parameter or recorded series starts with it.
OUTCOME_PREFIX = "outcome."


class _Built(NamedTuple):
    """The lists served to Mesa, and how many recorded rows they were built from."""

    rows: int
    columns: dict[str, list]
    steps: list[float]


class RecorderDataCollector(DataCollector):
    """Read-only DataCollector over ``model.recorder``; ``collect`` is a no-op."""

    def __init__(self, model: World):
        super().__init__()
        self._model = model
        # The last build: batch_run reads ``model_vars`` once per collected step, so rebuilding it on every
        # access made a run with data_collection_period=1 quadratic in steps.
        self._built: _Built | None = None

    def _columns(self) -> tuple[dict[str, list], list[float]]:
        """The series and steps as lists, built once per recorded row (the recorder only ever appends rows)."""
        rows = self._model.recorder.rows
        if self._built is None or self._built.rows != rows:
            recorder = self._model.recorder
            data = recorder.data[:rows]
            columns = {name: data[:, i].tolist() for i, name in enumerate(recorder.layout.names)}
            if rows:
                for name, value in self._model.outcomes().items():
                    columns[f"{OUTCOME_PREFIX}{name}"] = [value] * rows
            self._built = _Built(rows, columns, [float(t) for t in range(rows)])
        return self._built.columns, self._built.steps

    def __getstate__(self) -> dict:
        # A copy (warm start, a pool worker) rebuilds the lists on first access instead of carrying them.
        return {**self.__dict__, "_built": None}

    @property
    def model_vars(self) -> dict[str, list]:
        """Every recorded series, and the end-of-run outcomes as ``outcome.<name>`` (the same value in each row).

        ``mesa.batch_run`` builds its rows from these lists, so each of its rows carries the run's outcomes
        (``model.outcomes()`` over the steps the run made) beside the quarter's series and the run's parameters.
        Built once per recorded row and shared until the next one: read them, do not change them (Mesa's own
        DataCollector hands out its lists the same way).
        """
        return self._columns()[0]

    @model_vars.setter
    def model_vars(self, _value) -> None:  # DataCollector.__init__ assigns {}
        pass

    @property
    def _collection_steps(self) -> list[float]:
        """The steps ``mesa.batch_run`` looks rows up by: every step was recorded."""
        return self._columns()[1]

    @_collection_steps.setter
    def _collection_steps(self, _value) -> None:  # DataCollector.__init__ assigns []
        pass

    def collect(self, model) -> None:
        """The model records every step itself."""

    def get_model_vars_dataframe(self):
        return self._model.timeseries()


def serialise_steps(model: World, lock: threading.Lock) -> None:
    """Make ``model.step()`` (Mesa's clock advance and the model's step) run one at a time, and not after the end.

    Wraps the bound method Mesa's ``Model.__init__`` installed as ``model.step``;
    call it after the model is built.
    """
    mesa_step = model.step

    def step() -> None:
        with lock:
            if model.running:
                mesa_step()

    model.step = step
