"""``multivector study``: the project's headline experiment, every strategy on the same seeds and futures.

All registered strategies (the null model ``passive`` included) x ``--seeds``
seeds at the scenario's parameter values, or, with ``--futures N``, on N
futures sampled over the parameters the table marks uncertain. Runs through
the sweep machinery (``--workers``); prints the comparison table of the
measure family, the robustness table and the paired differences against
multivector, and writes the results folder, replacing the previous study so it
always reflects the current code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.cli.options import FIGURE_FORMAT, FIGURE_SIZE
from experiments.cli.sweep import WORKERS, choose_executor, reported_interrupt


def study(
    seeds: int = typer.Option(10, "--seeds", min=2, help="Seeds per strategy (and per future)."),
    futures: int = typer.Option(
        0, "--futures", min=0, help="Futures sampled over the uncertain parameters (0: the scenario's values)."
    ),
    scenario: str = typer.Option("eurasia", "--scenario", help="Scenario name or path."),
    seed: int = typer.Option(0, "--seed", min=0, help="Root seed: run seeds, futures and weight vectors."),
    workers: Optional[int] = WORKERS,
    out: Path = typer.Option(Path("results/study"), "--out", help="Results folder (replaced whole)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    precision: Optional[list[str]] = typer.Option(
        None,
        "--precision",
        help="NAME=HALF_WIDTH (repeatable): the seeds check also says how many seeds give intervals that narrow.",
    ),
    figure_format: str = FIGURE_FORMAT,
    size: str = FIGURE_SIZE,
) -> None:
    """Compare every registered strategy: measures, paired differences, Pareto set, rank stability, regret."""
    from experiments.analysis.compare import comparison_files, format_table, write_comparison
    from experiments.analysis.figures import figure_file, figure_style
    from experiments.analysis.noise import parse_precision
    from experiments.analysis.study import (
        analyse,
        family,
        format_report,
        objectives,
        run_study,
        study_spec,
        write_report,
    )
    from experiments.files import atomic_directory
    from experiments.sweep.driver import prepare
    from world.registry import STRATEGIES

    spec = study_spec(STRATEGIES.names(), seeds, scenario, futures, seed)
    prepare(spec)  # bad input fails here, before the old study is touched
    with (
        figure_style(figure_format, size),
        reported_interrupt(kept=False),
        atomic_directory(out, overwrite=True) as staging,
    ):
        summary, outcomes, available = run_study(spec, staging, choose_executor(workers, None, None), quiet)
        table = write_comparison(
            outcomes, family(available), ["scenario"], staging, design="sampled" if futures else "fixed"
        )
        report = analyse(
            outcomes, available, futures, seeds, seed=seed, precision=parse_precision(precision, objectives(available))
        )
        write_report(report, staging)
        files = (
            f"robustness.csv, paired.csv, regret.csv, variance.csv, seeds.csv, {figure_file('robustness')}, "
            f"{comparison_files()}"
        )
    where = f"{futures} futures x {seeds} seeds" if futures else f"{seeds} seeds"
    print(f"study: {len(spec['strategies'])} strategies x {where} on '{scenario}': {summary.line()}")
    print(format_table(table, ["scenario"]))
    print(format_report(report))
    print(f"wrote {out}/ (outcomes/, {files})")


def register(app: typer.Typer) -> None:
    app.command("study")(study)
