"""The run plan: every run of a sweep in one canonical order, with its id, seed and block.

Order: scenario, then strategy, then design point, then replicate. A run's
index in that order, its id (index plus a hash of what decides its result)
and its seed come from the spec alone, so the results do not depend on the
executor, the number of workers or the order in which runs finish.

Seeds: with ``common_random_numbers`` (the default) replicate *r* gets the
same seed at every point and for every strategy, so differences between
strategies or lever values are not blurred by different random draws
(common random numbers, the usual variance reduction for comparing
simulated alternatives); otherwise each run gets its own stream. Both come
from ``numpy.random.SeedSequence(spec.seed)``.
"""

from __future__ import annotations

import hashlib
import json
import math
from dataclasses import dataclass
from typing import Iterator

import numpy as np
import pandas as pd

from experiments.sweep.runner import Block, RunTask
from experiments.sweep.samplers import design_points
from experiments.sweep.spec import Columns, SweepSpec

RUN_COLUMNS = ("run_id", "run_index", "scenario", "strategy", "point", "replicate", "seed")
MAX_RUNS_PER_FILE = 100
TARGET_FILES = 64  # enough tasks to balance a few workers, few enough that per-task overhead stays small


def run_seed(root: int, key: int) -> int:
    """A 32-bit seed for replicate (or run) ``key`` drawn from the root seed's SeedSequence."""
    return int(np.random.SeedSequence(root, spawn_key=(key,)).generate_state(1)[0])


def run_id(index: int, width: int, identity: dict) -> str:
    """``<index>-<hash>``: sorts in plan order and changes if anything that decides the run changes."""
    digest = hashlib.sha256(json.dumps(identity, sort_keys=True).encode()).hexdigest()[:8]
    return f"{index:0{width}d}-{digest}"


@dataclass
class SweepPlan:
    """The runs of a sweep (the manifest), cut into blocks that are computed and stored together."""

    spec: SweepSpec
    columns: Columns
    points: pd.DataFrame
    manifest: pd.DataFrame
    runs_per_file: int
    allow_plugins: bool = False  # the user allowed code named by the spec or scenario files

    @property
    def runs(self) -> int:
        return len(self.manifest)

    @property
    def n_blocks(self) -> int:
        return math.ceil(self.runs / self.runs_per_file)

    @property
    def parameter_columns(self) -> list[str]:
        return [*self.spec.levers, *self.spec.fixed]

    def block_rows(self, index: int) -> pd.DataFrame:
        """The manifest rows of block ``index``."""
        return self.manifest.iloc[index * self.runs_per_file : (index + 1) * self.runs_per_file]

    def block(self, index: int) -> Block:
        rows = self.block_rows(index)
        names = self.parameter_columns
        tasks = tuple(
            RunTask(
                row.scenario,
                row.strategy,
                int(row.seed),
                tuple((name, float(value)) for name, value in zip(names, row[len(RUN_COLUMNS) :])),
            )
            for row in rows.itertuples(index=False)
        )
        return Block(
            index,
            tasks,
            self.spec.until,
            self.columns.outcomes,
            self.columns.timeseries,
            warm_start=self.spec.warm_start,
            allow_plugins=self.allow_plugins,
        )

    def blocks(self, skip: set[int] = frozenset()) -> Iterator[Block]:  # type: ignore[assignment]
        """Blocks to compute, in plan order, leaving out those already stored."""
        return (self.block(b) for b in range(self.n_blocks) if b not in skip)

    def digest(self) -> str:
        """Hash of all run ids: two plans with the same digest compute the same runs."""
        return hashlib.sha256("\n".join(self.manifest["run_id"]).encode()).hexdigest()[:16]


def make_plan(spec: SweepSpec, columns: Columns) -> SweepPlan:
    points = design_points(spec)
    fixed = {name: float(value) for name, value in spec.fixed.items()}
    total = len(spec.scenarios) * len(spec.strategies) * len(points) * spec.seeds
    width = max(6, len(str(total - 1)))
    replicate_seeds = [run_seed(spec.seed, r) for r in range(spec.seeds)]
    records = []
    for scenario in spec.scenarios:
        for strategy in spec.strategies:
            for point, lever_values in enumerate(points.to_dict("records")):
                parameters = {**{k: float(v) for k, v in lever_values.items()}, **fixed}
                for replicate in range(spec.seeds):
                    index = len(records)
                    seed = replicate_seeds[replicate] if spec.common_random_numbers else run_seed(spec.seed, index)
                    identity = {
                        "scenario": scenario,
                        "strategy": strategy,
                        "seed": seed,
                        "parameters": parameters,
                        "until": spec.until,
                    }
                    records.append(
                        (
                            run_id(index, width, identity),
                            index,
                            scenario,
                            strategy,
                            point,
                            replicate,
                            seed,
                            *parameters.values(),
                        )
                    )
    manifest = pd.DataFrame.from_records(records, columns=[*RUN_COLUMNS, *spec.levers, *fixed])
    manifest = manifest.astype({"run_index": "int64", "point": "int64", "replicate": "int64", "seed": "int64"})
    per_file = spec.runs_per_file or min(MAX_RUNS_PER_FILE, max(1, math.ceil(total / TARGET_FILES)))
    return SweepPlan(spec, columns, points, manifest, per_file)
