"""The command line: the Typer app (``app.py``) and one module per ``multivector`` command.

``multivector`` (pyproject.toml) calls :func:`entry`; a new command is a module
here with ``register(app)``, listed in ``app.COMMAND_MODULES``.
"""

from experiments.cli.app import app, entry, main

__all__ = ["app", "entry", "main"]
