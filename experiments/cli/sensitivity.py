"""``multivector sensitivity RESULTS``: Sobol or Morris indices of a Sobol/Morris sweep (SALib)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.cli.options import FIGURE_FORMAT, FIGURE_SIZE


def sensitivity(
    results: Path = typer.Argument(..., help="Results folder of a sweep with sampler 'sobol' or 'morris'."),
    outcome: Optional[list[str]] = typer.Option(
        None, "--outcome", "-o", help="Outcome column (repeatable; default: headline outcomes)."
    ),
    out: Optional[Path] = typer.Option(
        None, "--out", help="Where to write sensitivity.csv and the figures (default: RESULTS)."
    ),
    figure_format: str = FIGURE_FORMAT,
    size: str = FIGURE_SIZE,
) -> None:
    """Sobol S1/ST (with 95 % bootstrap intervals) or Morris mu*/sigma per lever, strategy and outcome."""
    from experiments.analysis.compare import select_outcomes
    from experiments.analysis.figures import figure_file, figure_style
    from experiments.analysis.sensitivity import format_table, write_sensitivity
    from experiments.sweep.store import SweepResults

    with figure_style(figure_format, size):
        stored = SweepResults(results)
        columns = select_outcomes(stored.outcome_columns, outcome)
        target = out or results
        table = write_sensitivity(stored, columns, target)
        print(format_table(table))
        print(f"wrote {target}/sensitivity.csv and {figure_file('sensitivity_<outcome>')}")


def register(app: typer.Typer) -> None:
    app.command("sensitivity")(sensitivity)
