"""The ``multivector`` command line: one Typer app, one module per command in ``experiments/cli``.

Bad input (a malformed scenario, an unknown name, an out-of-range value)
prints one line naming the file, field and allowed values, and exits 2.
"""

from __future__ import annotations

import importlib
import sys

import typer

from experiments.ema import MissingExtra
from experiments.files import OutputError
from world.errors import InputError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Agent-based simulation of Kazakhstan's multi-vector diplomacy (Mesa).",
    pretty_exceptions_enable=False,
)


@app.callback()
def _root() -> None:
    """Agent-based simulation of Kazakhstan's multi-vector diplomacy (Mesa)."""


# Each module defines ``register(app)``; add new commands here.
COMMAND_MODULES = (
    "run",
    "params",
    "strategies",
    "scenarios",
    "validate",
    "calibrate",
    "stress",
    "sweep",
    "compare",
    "sensitivity",
    "tipping",
    "discover",
    "study",
    "actors",
    "plot",
    "findings",
    "levers",
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"experiments.cli.{_name}").register(app)


def one_line(error: Exception) -> str:
    """The refusal on one line: a value the user typed with a newline or tab in it is shown escaped, so the
    message stays one line and says exactly what was given."""
    return str(error).replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def main(argv: list[str] | None = None) -> int:
    """Console-script entry point: run the app, turning input errors into exit code 2."""
    from experiments.cli.invocation import remember

    arguments = list(sys.argv[1:] if argv is None else argv)
    remember(arguments)
    try:
        # Outside standalone mode click returns a raised typer.Exit's code instead of propagating it.
        code = app(args=arguments, standalone_mode=False)
    except InputError as error:
        print(f"error: {one_line(error)}", file=sys.stderr)
        return 2
    except OutputError as error:
        print(f"error: {one_line(error)}", file=sys.stderr)
        return 1
    except MissingExtra as error:
        print(f"error: {one_line(error)}", file=sys.stderr)
        return 1
    except typer.Exit as done:
        return done.exit_code
    except typer.Abort:
        print("aborted", file=sys.stderr)
        return 130
    except Exception as error:
        # Usage errors (typer's vendored click) know how to print themselves and their exit code.
        if hasattr(error, "show") and hasattr(error, "exit_code"):
            if type(error).__name__ == "NoArgsIsHelpError" or not hasattr(error, "format_message"):
                error.show()
            else:  # one line, like every other refusal, instead of usage + hint + error
                print(f"error: {error.format_message()}", file=sys.stderr)
            return error.exit_code
        raise
    return code if isinstance(code, int) else 0


def entry() -> None:
    sys.exit(main())
