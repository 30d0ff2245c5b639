"""The world: the Mesa model, relations, corridors, institutions, scenarios, events and metrics.

The bottom layer: nothing here imports ``agents``, ``experiments`` or ``viz``
(tests/test_layers.py checks it). The model finds the actors' decision rules
through :mod:`world.registry`, into which the ``agents`` package registers.
"""

from world.errors import InputError
from world.model import DiplomacyModel
from world.scenario import available_scenarios, load_scenario

__all__ = ["DiplomacyModel", "InputError", "available_scenarios", "load_scenario"]
