"""Kazakhstan's strategies, one small class per module; importing registers them.

``multivector`` (the default) is imported first so listings start with it.
"""

from agents.strategies import multivector  # noqa: F401, I001
from agents.strategies import adaptive, bandwagon_russia, china_first, isolationist, passive, west_pivot  # noqa: F401
