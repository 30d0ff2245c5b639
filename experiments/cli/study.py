"""``multivector study``: the project's headline experiment, every strategy on the same seeds and futures.

All registered strategies (the null model ``passive`` included) x ``--seeds``
seeds at the scenario's parameter values, or, with ``--futures N``, on N
futures sampled over the parameters the table marks uncertain. Runs through
the sweep machinery (``--workers``); prints the comparison table of the
measure family, the robustness table, the paired differences against
multivector and welfare by its terms, and writes the results folder, replacing
the previous study so it always reflects the current code.

Two more designs answer where balancing wins and why, each opt-in because it
multiplies the runs: ``--grid`` runs every strategy at Russian pressure 0 /
0.5 / 1 × EU investment 0 / 1.5 / 3 with the same seeds (63 runs per seed) and
prints multivector − each alternative at each point; ``--stability N`` ranks
the strategies over a Morris design of N trajectories over the behaviour
constants that decide the ranking (N × 7 points × 7 strategies × the
``--stability-seeds``). The README's findings use ``--grid --stability 8``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.analysis.rank_stability import SEEDS as STABILITY_SEEDS
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
    grid: bool = typer.Option(
        False,
        "--grid",
        help="Also run every strategy at russian_pressure 0/0.5/1 x eu_investment 0/1.5/3 on the same seeds: "
        "multivector - each alternative at each point.",
    ),
    stability: int = typer.Option(
        0,
        "--stability",
        min=0,
        help="Also rank the strategies over a Morris design of N trajectories over the behaviour constants that "
        "decide the ranking (0: off; the README's findings use 8).",
    ),
    stability_seeds: int = typer.Option(
        STABILITY_SEEDS, "--stability-seeds", min=1, help="Common seeds per design point of --stability."
    ),
    figure_format: str = FIGURE_FORMAT,
    size: str = FIGURE_SIZE,
) -> None:
    """Compare every registered strategy: measures, paired differences, Pareto set, rank stability, regret,
    welfare by its terms; with --grid and --stability, where balancing wins and loses and what decides it."""
    from experiments.analysis.compare import comparison_files, format_table, write_comparison
    from experiments.analysis.figures import figure_file, figure_style
    from experiments.analysis.noise import parse_precision
    from experiments.analysis.study import (
        analyse,
        answer_specs,
        family,
        format_report,
        objectives,
        run_answer,
        run_study,
        write_report,
        written_files,
    )
    from experiments.analysis.study_design import study_spec
    from experiments.files import atomic_directory
    from experiments.sweep.driver import prepare
    from world.registry import STRATEGIES

    spec = study_spec(STRATEGIES.names(), seeds, scenario, futures, seed)
    extra = answer_specs(STRATEGIES.names(), seeds, scenario, seed, grid, stability, stability_seeds)
    for checked in (spec, *extra.values()):
        prepare(checked)  # bad input fails here, before the old study is touched
    executor = choose_executor(workers, None, None)
    with (
        figure_style(figure_format, size),
        reported_interrupt(kept=False),
        atomic_directory(out, overwrite=True) as staging,
    ):
        summary, outcomes, available = run_study(spec, staging, executor, quiet)
        table = write_comparison(
            outcomes, family(available), ["scenario"], staging, design="sampled" if futures else "fixed"
        )
        report = analyse(
            outcomes, available, futures, seeds, seed=seed, precision=parse_precision(precision, objectives(available))
        )
        summaries = run_answer(report, extra, staging, executor, quiet)
        write_report(report, staging)
        files = ", ".join(
            [
                *(f"{name}/" for name in summaries),
                *written_files(report),
                figure_file("robustness"),
                comparison_files(),
            ]
        )
    where = f"{futures} futures x {seeds} seeds" if futures else f"{seeds} seeds"
    print(f"study: {len(spec['strategies'])} strategies x {where} on '{scenario}': {summary.line()}")
    for name, done in summaries.items():
        print(f"study {name}: {done.line()}")
    print(format_table(table, ["scenario"]))
    print(format_report(report))
    print(f"wrote {out}/ (outcomes/, {files})")


def register(app: typer.Typer) -> None:
    app.command("study")(study)
