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
    convergence: bool = typer.Option(
        False,
        "--convergence",
        help="Also analyse the stored design at N/4, N/2 and N and bootstrap it: is the ranking of inputs stable?",
    ),
    figure_format: str = FIGURE_FORMAT,
    size: str = FIGURE_SIZE,
) -> None:
    """Sobol S1/ST (with 95 % bootstrap intervals) or Morris mu*/sigma per lever, strategy and outcome, with
    warnings for indices the design is too small to estimate and the share of seed noise they average away."""
    from experiments.analysis.compare import select_outcomes
    from experiments.analysis.figures import figure_file, figure_style
    from experiments.analysis.sensitivity import format_table, write_sensitivity
    from experiments.analysis.sensitivity_checks import KEYS, seed_noise_lines, warnings_text
    from experiments.analysis.sensitivity_checks import convergence as check_convergence
    from experiments.files import write_csv
    from experiments.sweep.store import SweepResults

    with figure_style(figure_format, size):
        stored = SweepResults(results)
        columns = select_outcomes(stored.outcome_columns, outcome)
        target = out or results
        table = write_sensitivity(stored, columns, target)
        print(format_table(table))
        warned = warnings_text(table, stored.spec.sampler, stored.spec.samples)
        if warned:
            print(warned)
        print("\n".join(seed_noise_lines(stored, columns)))
        written = f"sensitivity.csv and {figure_file('sensitivity_<outcome>')}"
        if convergence:
            report = check_convergence(stored, columns)
            print(report.text())
            write_csv(
                target / "sensitivity_convergence.csv",
                report.table.merge(report.verdicts, on=[*KEYS, "base"], how="left"),
            )
            written = f"sensitivity.csv, sensitivity_convergence.csv and {figure_file('sensitivity_<outcome>')}"
        print(f"wrote {target}/{written}")


def register(app: typer.Typer) -> None:
    app.command("sensitivity")(sensitivity)
