"""``multivector sweep SPEC.toml``: run a sweep into a Parquet dataset, resuming whatever is already stored."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path
from typing import Iterator, Optional

import typer

from world.errors import InputError


def choose_executor(workers: int | None, scheduler: str | None, dask_local: int | None) -> dict:
    """Keyword arguments for ``run_sweep`` from the executor options (one of them, or the default pool)."""
    if scheduler is not None and dask_local is not None:
        raise InputError("--scheduler and --dask-local exclude each other; give one")
    if workers is not None and (scheduler is not None or dask_local is not None):
        raise InputError("--workers sets the local process pool; with Dask use --dask-local N or --scheduler")
    if scheduler is not None:
        return {"executor": "dask", "scheduler": scheduler}
    if dask_local is not None:
        return {"executor": "dask", "workers": dask_local}
    if workers == 1:
        return {"executor": "serial"}
    return {"executor": "pool", "workers": workers}


ALLOW_PLUGINS = typer.Option(
    False,
    "--allow-plugins",
    help="Run package.module:Class code that the spec or scenario files name (trust them first).",
)


INTERRUPTED_EXIT = 130  # 128 + SIGINT, what a shell reports for a command stopped by Ctrl-C


@contextlib.contextmanager
def reported_interrupt(kept: bool = True) -> Iterator[None]:
    """Turn Ctrl-C during a sweep into one line with the runs stored and the command to run next (exit 130).

    ``kept``: the sweep writes into the user's folder and the same command resumes it; otherwise the command
    stages its runs in a folder it removes when interrupted (study, levers, findings), and says so.
    """
    from experiments.cli.invocation import command_line
    from experiments.sweep.driver import SweepInterrupted

    try:
        yield
    except SweepInterrupted as stop:
        if kept:
            line = f"stored {stop.stored}/{stop.total} runs; resume with: {command_line()}"
        else:
            line = (
                f"interrupted after {stop.stored}/{stop.total} runs; this command keeps no partial results, "
                f"rerun with: {command_line()}"
            )
        print(line, file=sys.stderr)
        raise typer.Exit(INTERRUPTED_EXIT) from None


def run_or_explain(spec, out, quiet: bool, executor: dict, allow_plugins: bool = False):
    """``run_sweep``, turning a dead worker (exit 1) or Ctrl-C (exit 130) into one line that says how to resume."""
    from experiments.sweep.driver import run_sweep
    from experiments.sweep.executors import WorkerLost

    try:
        with reported_interrupt():
            return run_sweep(spec, out=out, quiet=quiet, allow_plugins=allow_plugins, **executor)
    except WorkerLost as error:
        print(f"error: {error}; the finished runs are stored: run the same command again to resume", file=sys.stderr)
        raise typer.Exit(1) from None


WORKERS = typer.Option(
    None, "--workers", "-w", min=1, help="Local worker processes (default: all cores; 1 runs in this process)."
)


def sweep(
    spec: Path = typer.Argument(..., help="Sweep spec (TOML), e.g. experiments/specs/grid.toml."),
    workers: Optional[int] = WORKERS,
    scheduler: Optional[str] = typer.Option(None, "--scheduler", help="Dask scheduler address, tcp://HOST:PORT."),
    dask_local: Optional[int] = typer.Option(
        None, "--dask-local", min=1, help="Start a local Dask cluster of N processes."
    ),
    out: Optional[Path] = typer.Option(
        None, "--out", help="Results folder (default: the spec's output, else results/<name>)."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    allow_plugins: bool = ALLOW_PLUGINS,
) -> None:
    """Run a sweep; runs already stored in the results folder are skipped (rerun to resume)."""
    from experiments.sweep.driver import outcomes_path

    summary = run_or_explain(spec, out, quiet, choose_executor(workers, scheduler, dask_local), allow_plugins)
    print(f"sweep {spec}: {summary.line()}")
    print(f"results in {summary.out}/ — outcomes: pandas.read_parquet('{outcomes_path(summary)}')")


def register(app: typer.Typer) -> None:
    app.command("sweep")(sweep)
