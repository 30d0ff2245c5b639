"""``multivector calibrate``: fit the declared free constants to the level targets; write the table and report."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from experiments.analysis.calibration import (
    CALIBRATED_FILE,
    CALIBRATION_END,
    MAX_EVALUATIONS,
    REPORT_FILE,
    SEEDS,
    calibrate,
    calibrated_csv,
    report,
    write_atomically,
)


def calibrate_command(
    seeds: int = typer.Option(SEEDS, "--seeds", min=1, help="Seeds 0 … N-1 replayed at every evaluation."),
    max_evaluations: int = typer.Option(
        MAX_EVALUATIONS, "--max-evaluations", min=1, help="Budget of loss evaluations for least_squares."
    ),
    until: str = typer.Option(
        CALIBRATION_END,
        "--until",
        help="Last quarter of the replay (targets after it are skipped; never past the calibration cut-off).",
    ),
    table: Path = typer.Option(CALIBRATED_FILE, "--table", help="Where to write the fitted constants (CSV)."),
    out: Path = typer.Option(REPORT_FILE, "--report", help="Where to write the fit report (Markdown)."),
) -> None:
    """Fit the free constants to the level targets (least squares, common random numbers) and write the table
    the scenario reads and the report of each target's fit."""
    started = time.perf_counter()
    fit = calibrate(seeds, max_evaluations, until)
    write_atomically(table, calibrated_csv(fit))
    write_atomically(out, report(fit))
    within = sum(r.passed for r in fit.results)
    print(
        f"loss {fit.loss:.4g} (defaults {fit.start_loss:.4g}); {within} of {len(fit.results)} targets within "
        f"tolerance; {fit.evaluations} evaluations in {time.perf_counter() - started:.0f}s"
    )
    for name, value in fit.values.items():
        print(f"  {name} = {value:.6g}")
    print(f"wrote {table} and {out}")


def register(app: typer.Typer) -> None:
    app.command("calibrate")(calibrate_command)
