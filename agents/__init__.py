"""The actors' decision rules: policies of the other actors, strategies of Kazakhstan.

Importing this package registers every built-in rule in :mod:`world.registry`;
the model imports it through the ``multivector.decision_rules`` entry point
(pyproject.toml), so ``world`` never names ``agents``.
"""

from agents import policies, strategies  # noqa: F401
