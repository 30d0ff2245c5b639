"""Where this package depends on Mesa 3.5 beyond its public API, in one place (tests/test_mesa_adapter.py).

Two places have no public hook:

- ``mesa.batch_run`` and SolaraViz read a model's ``datacollector`` through
  ``DataCollector.model_vars`` and the private ``_collection_steps`` (which
  steps were collected). The model records into preallocated arrays instead
  of letting Mesa's DataCollector deep-copy every reporter value every step
  (most of a small model's time), so :class:`RecorderDataCollector` serves both
  from the recorder on demand.
- Mesa's ``Model.__init__`` replaces ``model.step`` with a wrapper that
  advances the clock (``steps``, ``time``) and then calls the class's ``step``.
  :func:`serialise_steps` wraps that wrapper, so a lock covers the clock too.

If a Mesa release changes either, the tests of this module fail first.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from mesa import DataCollector

if TYPE_CHECKING:  # pragma: no cover
    from world.model import DiplomacyModel


class RecorderDataCollector(DataCollector):
    """Read-only DataCollector over ``model.recorder``; ``collect`` is a no-op."""

    def __init__(self, model: "DiplomacyModel"):
        super().__init__()
        self._model = model

    @property
    def model_vars(self) -> dict[str, list]:
        recorder = self._model.recorder
        data = recorder.data[: recorder.rows]
        return {name: data[:, i].tolist() for i, name in enumerate(recorder.layout.names)}

    @model_vars.setter
    def model_vars(self, _value) -> None:  # DataCollector.__init__ assigns {}
        pass

    @property
    def _collection_steps(self) -> list[float]:
        """The steps ``mesa.batch_run`` looks rows up by: every step was recorded."""
        return [float(t) for t in range(self._model.recorder.rows)]

    @_collection_steps.setter
    def _collection_steps(self, _value) -> None:  # DataCollector.__init__ assigns []
        pass

    def collect(self, model) -> None:
        """The model records every step itself."""

    def get_model_vars_dataframe(self):
        return self._model.timeseries()


def serialise_steps(model: "DiplomacyModel", lock: threading.Lock) -> None:
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
