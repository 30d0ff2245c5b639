"""``multivector compare RESULTS``: strategies side by side, with 95 % intervals and ranks, as text, CSV and PNG."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.cli.options import FIGURE_FORMAT, FIGURE_SIZE


def compare(
    results: Path = typer.Argument(..., help="A sweep results folder (from multivector sweep)."),
    outcome: Optional[list[str]] = typer.Option(
        None, "--outcome", "-o", help="Outcome column (repeatable; default: headline outcomes)."
    ),
    by: str = typer.Option(
        "scenario",
        "--by",
        help=(
            "Group runs by 'scenario' or by a swept lever: one group per value if it "
            "takes at most --bins values, else --bins quantile intervals."
        ),
    ),
    bins: int = typer.Option(
        3,
        "--bins",
        min=1,
        help=(
            "With --by LEVER: a lever with more than this many values is cut into this many "
            "quantile intervals (default 3: a 5-level lever becomes 3 intervals; --bins 5 keeps "
            "each level)."
        ),
    ),
    confidence: float = typer.Option(
        0.95, "--confidence", min=0.5, max=0.999, help="Confidence level of the t-interval."
    ),
    precision: Optional[list[str]] = typer.Option(
        None,
        "--precision",
        help="NAME=HALF_WIDTH (repeatable): the seeds check also says how many seeds give intervals that narrow.",
    ),
    out: Optional[Path] = typer.Option(
        None, "--out", help="Where to write compare.csv, variance.csv, seeds.csv and the figures (default: RESULTS)."
    ),
    figure_format: str = FIGURE_FORMAT,
    size: str = FIGURE_SIZE,
) -> None:
    """Mean, t-interval and rank of each outcome per strategy × scenario (or lever bin)."""
    from experiments.analysis.compare import (
        add_lever_bins,
        comparison_files,
        format_table,
        select_outcomes,
        write_comparison,
    )
    from experiments.analysis.figures import figure_style
    from experiments.analysis.noise import design_factors, design_kind, noise_report, parse_precision, write_noise
    from experiments.sweep.store import SweepResults

    with figure_style(figure_format, size):
        stored = SweepResults(results)
        frame = stored.outcomes()
        group = ["scenario"]
        if by != "scenario":
            frame = add_lever_bins(frame, by, bins, stored.parameter_columns)
            group = [f"{by}_bin"]
            values = frame[by].nunique()
            if values > bins:
                print(
                    f"{by} takes {values} values: grouped into {frame[group[0]].nunique()} quantile intervals "
                    f"(--bins {values} keeps each value)"
                )
        columns = select_outcomes(stored.outcome_columns, outcome)
        target = out or results
        checks = parse_precision(precision, columns)
        design = design_kind(stored.spec.sampler)
        table = write_comparison(frame, columns, group, target, confidence, design)
        print(format_table(table, group))
        levers = [c for c in stored.parameter_columns if c in stored.spec.levers]  # in the spec's order
        factors = design_factors(frame, levers, stored.spec.sampler)
        report = noise_report(frame, columns, factors, group, checks, design)
        write_noise(report, target)
        print(report.text())
        print(f"wrote {target}/{comparison_files()}, variance.csv, seeds.csv")


def register(app: typer.Typer) -> None:
    app.command("compare")(compare)
