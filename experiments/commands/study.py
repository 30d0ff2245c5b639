"""``multivector study``: the project's headline experiment, every strategy on the default scenario.

All registered strategies × ``--seeds`` seeds at the scenario's default lever
values, run through the sweep machinery; prints the comparison table and
writes the results folder (outcomes, compare.csv and the plots), replacing
the previous study so it always reflects the current code.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.commands.sweep import WORKERS, choose_executor


def study(
    seeds: int = typer.Option(10, "--seeds", min=2, help="Seeds per strategy."),
    scenario: str = typer.Option("eurasia", "--scenario", help="Scenario name or path."),
    workers: Optional[int] = WORKERS,
    out: Path = typer.Option(Path("results/study"), "--out", help="Results folder (replaced whole)."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Compare every registered strategy on the default scenario (seeds x strategies runs)."""
    from agents.registry import STRATEGIES
    from experiments.compare import format_table, select_outcomes, write_comparison
    from experiments.output import atomic_directory
    from experiments.store import SweepResults
    from experiments.sweep import prepare, run_sweep

    spec = {"name": "study", "scenarios": [scenario], "strategies": STRATEGIES.names(), "seeds": seeds}
    prepare(spec)  # bad input fails here, before the old study is touched
    with atomic_directory(out, overwrite=True) as staging:
        summary = run_sweep(spec, out=staging, quiet=quiet, **choose_executor(workers, None, None))
        stored = SweepResults(staging)
        table = write_comparison(stored.outcomes(), select_outcomes(stored.outcome_columns, None), ["scenario"], staging)
    print(f"study: {len(spec['strategies'])} strategies x {seeds} seeds on '{scenario}': {summary.line()}")
    print(format_table(table, ["scenario"]))
    print(f"wrote {out}/ (outcomes/, manifest.parquet, compare.csv, compare_intervals.png, compare_boxes.png)")


def register(app: typer.Typer) -> None:
    app.command("study")(study)
