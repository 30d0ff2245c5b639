"""``python -m experiments.cli`` is the ``multivector`` command."""

from experiments.cli.app import entry

entry()
