"""A Mesa ``DataCollector`` that reads the model's preallocated recorder instead of collecting itself.

Mesa's DataCollector deep-copies every reporter value every step (measured at
~60 % of a toy model's time). The model records into arrays; this view
serves SolaraViz plots and ``mesa.batch_run`` from them on demand.
"""

from __future__ import annotations

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
        return [float(t) for t in range(self._model.recorder.rows)]

    @_collection_steps.setter
    def _collection_steps(self, _value) -> None:
        pass

    def collect(self, model) -> None:
        """The model records every step itself."""

    def get_model_vars_dataframe(self):
        return self._model.timeseries()
