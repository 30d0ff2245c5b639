"""The one exception type bad input raises, so the CLI can exit 2 with its text."""


class ScenarioError(ValueError):
    """A scenario, data file or parameter is invalid; the message names file, field and allowed values."""
