"""Running a sweep: validate the spec, plan the runs, compute the missing blocks, store them as they finish.

``run_sweep`` is the Python API behind ``multivector sweep`` (and the hook
for benchmarks): it returns a :class:`SweepSummary` with the runs computed
and the seconds taken. Nothing is written until the spec, its names and the
executor (a reachable Dask scheduler, say) have all been checked.
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from pathlib import Path

from tqdm import tqdm

from experiments.sweep.executors import make_executor
from experiments.sweep.plan import SweepPlan, make_plan
from experiments.sweep.runner import run_block
from experiments.sweep.spec import SweepSpec, check_against_world, load_spec, parse_spec
from experiments.sweep.store import OUTCOMES_DIR, SweepStore


@dataclass(frozen=True)
class SweepSummary:
    """What a call to :func:`run_sweep` did."""

    out: Path
    runs: int
    computed: int
    skipped: int
    seconds: float
    executor: str
    workers: int

    @property
    def runs_per_second(self) -> float:
        return self.computed / self.seconds if self.seconds > 0 else float("nan")

    def line(self) -> str:
        rate = f", {self.runs_per_second:.1f} runs/s on {self.executor} x {self.workers}" if self.computed else ""
        return (
            f"{self.runs} runs ({self.computed} computed, {self.skipped} already stored) in {self.seconds:.1f} s{rate}"
        )


class SweepInterrupted(Exception):
    """The sweep was interrupted (Ctrl-C): ``stored`` of ``total`` runs are in ``out``; the same call resumes."""

    def __init__(self, stored: int, total: int, out: Path):
        super().__init__(f"interrupted: stored {stored}/{total} runs in {out}; the same call resumes")
        self.stored, self.total, self.out = stored, total, out


def prepare(
    spec: SweepSpec | dict | str | Path, out: str | Path | None = None, allow_plugins: bool = False
) -> tuple[SweepPlan, Path]:
    """Validate ``spec`` (an object, a dict or a TOML path) against the world and plan its runs; write nothing.

    A spec read from a file or a dict is data: ``module:Class`` strategies in it, like plug-ins named by its
    scenarios, run only with ``allow_plugins``. A ``SweepSpec`` built in code names its strategies itself.
    """
    trusted = isinstance(spec, SweepSpec)
    if isinstance(spec, (str, Path)):
        origin = str(spec)
        spec = load_spec(spec)
    elif isinstance(spec, dict):
        origin = "sweep spec"
        spec = parse_spec(spec)
    else:
        origin = "sweep spec"
    columns = check_against_world(spec, origin, allow_plugins=allow_plugins, strategies_trusted=trusted)
    target = Path(out or spec.output or Path("results") / spec.name)
    plan = make_plan(spec, columns)
    plan.allow_plugins = allow_plugins
    return plan, target


def run_sweep(
    spec: SweepSpec | dict | str | Path,
    executor: str = "pool",
    workers: int | None = None,
    scheduler: str | None = None,
    out: str | Path | None = None,
    quiet: bool = True,
    allow_plugins: bool = False,
) -> SweepSummary:
    """Run every run of ``spec`` not yet stored in ``out`` (default: the spec's ``output``, else results/<name>).

    ``executor``: ``serial``, ``pool`` (``workers`` processes, default all cores) or
    ``dask`` (``scheduler="tcp://host:port"``, or a LocalCluster of ``workers`` processes).
    """
    started = time.perf_counter()
    plan, target = prepare(spec, out, allow_plugins)
    computed, skipped, kind, n_workers = 0, 0, "none", 0
    store = None
    try:
        with SweepStore.open(target, plan) as store:  # holds the folder's lock until the sweep ends
            done = store.stored_blocks()
            for note in store.notes:
                print(f"note: {note}", file=sys.stderr)
            skipped = sum(len(plan.block_rows(b)) for b in done)
            if len(done) < plan.n_blocks:
                with make_executor(executor, workers, scheduler) as pool:
                    kind, n_workers = pool.name, pool.workers
                    store.start()
                    silent = quiet or not sys.stderr.isatty()
                    with tqdm(
                        total=plan.runs,
                        initial=skipped,
                        unit="run",
                        desc=plan.spec.name,
                        disable=silent,
                        file=sys.stderr,
                        dynamic_ncols=True,
                        smoothing=0.1,
                    ) as bar:
                        for result in pool.imap_unordered(run_block, plan.blocks(skip=done)):
                            n = store.write(result)
                            computed += n
                            bar.update(n)
    except KeyboardInterrupt:
        # A block counts once its ledger entry is on disk; a block cut off mid-write is not counted and is
        # recomputed on resume (the store's crash-safety contract). The count is read from the ledger itself: the
        # interrupt can land after the ledger's write and before the store's own tally.
        raise SweepInterrupted(store.vouched_runs() if store else 0, plan.runs, target) from None
    return SweepSummary(target, plan.runs, computed, skipped, time.perf_counter() - started, kind, n_workers)


def outcomes_path(summary_or_folder: SweepSummary | Path) -> Path:
    """The folder ``pandas.read_parquet`` loads all outcomes from."""
    root = summary_or_folder.out if isinstance(summary_or_folder, SweepSummary) else Path(summary_or_folder)
    return root / OUTCOMES_DIR
