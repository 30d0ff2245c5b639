"""Running the model for experiments: one run as a plain function, and a block of runs for a worker.

``simulate`` is the shape SALib and EMA Workbench's ``ReplicatorModel`` call:
keyword levers in, a flat ``dict`` of end-of-run outcomes out. ``run_block``
is what an executor ships to a worker: several runs at once, because sending
one 70 ms run per task lets the per-task overhead show.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from world import DiplomacyModel
from world.warmstart import WarmStarts

# Per worker process: warm models live across the blocks a worker computes (bit-identical to full runs).
_WARM_STARTS = WarmStarts()


def run_model(
    scenario: str, strategy: str, seed: int, until: str | None = None, allow_plugins: bool = False, **parameters
) -> DiplomacyModel:
    """Build and run one model without the event log (sweeps never read it, and it costs time)."""
    return DiplomacyModel(
        setting=scenario,
        strategy=strategy,
        rng=seed,
        until=until,
        record_events=False,
        allow_plugins=allow_plugins,
        **parameters,
    ).run()


def simulate(
    scenario: str = "eurasia", strategy: str = "multivector", seed: int = 0, until: str | None = None, **levers: float
) -> dict[str, float]:
    """One run's end-of-run outcomes (``model.outcomes()``): autonomy, dependence, HHI, GDP, …

    ``levers`` are parameter names from ``world/data/parameters.csv``
    (``russian_pressure=0.8``); bad names or values raise ``InputError``.
    """
    return run_model(scenario, strategy, seed, until, **levers).outcomes()


@dataclass(frozen=True)
class RunTask:
    """What a worker needs to reproduce one run: everything that decides its result."""

    scenario: str
    strategy: str
    seed: int
    parameters: tuple[tuple[str, float], ...]


@dataclass(frozen=True)
class Block:
    """Consecutive runs of a sweep that are computed together and stored in one file."""

    index: int
    runs: tuple[RunTask, ...]
    until: str | None
    outcome_columns: tuple[str, ...]
    timeseries_columns: tuple[str, ...] | None
    warm_start: bool = False  # fork lever runs from a stored pre-levers state (world/warmstart.py)
    allow_plugins: bool = False  # the user allowed code named by the scenario files (--allow-plugins)


@dataclass
class BlockResult:
    """A block's numbers: one outcome row per run, and the runs' time series stacked (if asked for)."""

    index: int
    outcomes: np.ndarray  # runs x outcome_columns
    timeseries: list | None  # per run: a DataFrame with step, date and the chosen columns


def run_block(block: Block) -> BlockResult:
    """Run every run of ``block`` in order (executed on a worker; pure function of the block)."""
    rows = np.empty((len(block.runs), len(block.outcome_columns)))
    series = [] if block.timeseries_columns is not None else None
    for i, task in enumerate(block.runs):
        if block.warm_start:
            model = _WARM_STARTS.model(
                task.scenario,
                task.strategy,
                task.seed,
                dict(task.parameters),
                until=block.until,
                record_events=False,
                allow_plugins=block.allow_plugins,
            ).run()
        else:
            model = run_model(
                task.scenario, task.strategy, task.seed, block.until, block.allow_plugins, **dict(task.parameters)
            )
        outcomes = model.outcomes()
        rows[i] = [outcomes[name] for name in block.outcome_columns]
        if series is not None:
            series.append(model.timeseries()[["step", "date", *block.timeseries_columns]])
    return BlockResult(block.index, rows, series)
