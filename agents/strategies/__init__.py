"""Kazakhstan's strategies, one small class per module; importing registers them."""

from agents.strategies import multivector  # noqa: F401
