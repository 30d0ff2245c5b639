"""The world: the Mesa model, relations, corridors, institutions, scenarios, events and metrics."""

from world.errors import ScenarioError
from world.model import DiplomacyModel
from world.scenario import available_scenarios, load_scenario

__all__ = ["DiplomacyModel", "ScenarioError", "available_scenarios", "load_scenario"]
