"""Options the command line parses itself (``--set name=value``)."""

from __future__ import annotations

from world.errors import InputError


def parse_assignments(items: list[str] | None) -> dict[str, float]:
    """Parse ``--set name=value`` options into floats (names are checked by the scenario)."""
    values: dict[str, float] = {}
    for item in items or []:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--set {item!r}: expected name=value, e.g. --set russian_pressure=0.6")
        try:
            values[name.strip()] = float(raw)
        except ValueError:
            raise InputError(f"--set {item!r}: value {raw!r} is not a number") from None
    return values


def figure_options():
    """``--format`` and ``--size``, the same on every command that draws (experiments.analysis.figures)."""
    import typer

    fmt = typer.Option("png", "--format", help="Figure file format: png, pdf or svg (vector, for journals).")
    size = typer.Option(
        "screen",
        "--size",
        help="Figure layout: screen, or single / double for one (89 mm) or two (183 mm) journal columns wide.",
    )
    return fmt, size


FIGURE_FORMAT, FIGURE_SIZE = figure_options()
