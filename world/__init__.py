"""The world: the Mesa model, relations, corridors, institutions, scenarios, events and metrics.

Names are loaded on first use (PEP 562), so importing a leaf module such as
``world.errors`` or ``world.actions`` does not pull in the model — which
imports ``agents`` — and ``agents`` can import those leaves in any order.
"""

from importlib import import_module

_EXPORTS = {
    "DiplomacyModel": "world.model",
    "ScenarioError": "world.errors",
    "available_scenarios": "world.scenario",
    "load_scenario": "world.scenario",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'world' has no attribute {name!r}")
