"""The command line as the user typed it, for messages that tell them what to run next ("resume with: …")."""

from __future__ import annotations

import shlex
from contextvars import ContextVar

PROGRAM = "multivector"
_ARGUMENTS: ContextVar[tuple[str, ...] | None] = ContextVar("multivector_arguments", default=None)


def remember(arguments: list[str]) -> None:
    """Record this invocation's arguments (called once by ``experiments.cli.main``)."""
    _ARGUMENTS.set(tuple(arguments))


def command_line(fallback: list[str] | None = None) -> str:
    """``multivector …`` exactly as invoked, shell-quoted; ``fallback`` arguments when not run from the CLI."""
    arguments = _ARGUMENTS.get()
    if arguments is None:
        arguments = tuple(fallback or ())
    return shlex.join([PROGRAM, *arguments])
