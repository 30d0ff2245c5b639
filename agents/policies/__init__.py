"""Built-in decision rules of the actors other than Kazakhstan; importing registers them."""

from agents.policies import corridor_states, great_powers, inert, institutions, neighbours  # noqa: F401
