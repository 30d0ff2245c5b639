"""Sections 3 and 4: sweep throughput (multivector sweep vs mesa.batch_run, workers, executors) and driver memory."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from report import ROOT, Figure, at_least, at_most

from world import load_scenario


def lever_values(name: str, count: int) -> list[float]:
    """``count`` values evenly over the lever's whole range in the parameter table (its one home: a grid
    written here by hand went stale when eu_investment became 0-3 and the sweeps refused it)."""
    spec = load_scenario("eurasia").parameters[name]
    return [round(float(v), 6) for v in np.linspace(spec.low, spec.high, count)]


PRESSURE = lever_values("russian_pressure", 5)
EU_MONEY = lever_values("eu_investment", 5)


def grid_spec(name: str, seeds: int, out: Path, warm_start: bool = False) -> dict:
    """The benchmark grid: 5 x 5 lever values x ``seeds`` seeds of the default strategy (25 * seeds runs)."""
    spec = {
        "name": name,
        "strategies": ["multivector"],
        "sampler": "grid",
        "seeds": seeds,
        "output": str(out),
        "levers": {"russian_pressure": {"values": PRESSURE}, "eu_investment": {"values": EU_MONEY}},
    }
    if warm_start:
        spec["warm_start"] = True
    return spec


def sweep_available() -> str:
    """Empty if experiments.sweep.driver.run_sweep can be imported, else why not."""
    try:
        from experiments.sweep.driver import run_sweep  # noqa: F401
    except Exception as error:  # the experiments engineer's module may not be there yet
        return f"experiments.sweep.driver not available ({type(error).__name__}: {error})"
    return ""


def _sweep_rate(seeds: int, executor: str, workers: int, scheduler: str | None = None, **spec_options) -> float:
    from experiments.sweep.driver import run_sweep

    with tempfile.TemporaryDirectory(prefix="bench-sweep-") as tmp:
        spec = grid_spec(f"bench_{executor}_{workers}", seeds, Path(tmp) / "out", **spec_options)
        summary = run_sweep(spec, executor=executor, workers=workers, scheduler=scheduler, out=Path(tmp) / "out")
        return summary.computed / summary.seconds


def _dask_running_rate(seeds: int, workers: int) -> tuple[float, float]:
    """(runs/s of a sweep sent to an already running LocalCluster, seconds that cluster took to start)."""
    from experiments.sweep.executors import make_executor

    started = time.perf_counter()
    with make_executor("dask", workers) as cluster:
        startup = time.perf_counter() - started
        return _sweep_rate(seeds, "dask", workers, scheduler=cluster.address), startup


def _batch_run_rate(seeds: int, processes: int) -> float:
    """mesa.batch_run over the same grid (end-of-run data only), seeds given as rng=[...]."""
    import mesa

    from world import DiplomacyModel

    started = time.perf_counter()
    results = mesa.batch_run(
        DiplomacyModel,
        parameters={"russian_pressure": PRESSURE, "eu_investment": EU_MONEY},
        rng=list(range(seeds)),
        max_steps=10_000,
        number_processes=processes,
        data_collection_period=-1,
        display_progress=False,
    )
    seconds = time.perf_counter() - started
    return len(results) / seconds


# The acceptance grid: multivector at pressure {0, 0.5, 1} x EU money {0, 1.5, 3} x 10 seeds = 90 runs.
ACCEPTANCE_LEVERS = {
    "russian_pressure": lever_values("russian_pressure", 3),
    "eu_investment": lever_values("eu_investment", 3),
}

BATCH_RUN_PROCESS = """
import mesa
from world import DiplomacyModel
rows = mesa.batch_run(DiplomacyModel, parameters={levers!r}, rng=list(range({seeds})), max_steps=10_000,
                      number_processes=1, data_collection_period=-1, display_progress=False)
assert len(rows) == {runs}, len(rows)
"""


def _process_seconds(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    return time.perf_counter() - started


def acceptance_grid(seeds: int = 10) -> list[Figure]:
    """`multivector sweep --workers 1` vs mesa.batch_run in one process on the same 90-run grid, each timed as a
    whole process (interpreter start, imports and writing results included), as the acceptance test states it."""
    runs = seeds * len(ACCEPTANCE_LEVERS["russian_pressure"]) * len(ACCEPTANCE_LEVERS["eu_investment"])
    cli = str(Path(sys.executable).with_name("multivector"))
    with tempfile.TemporaryDirectory(prefix="bench-acceptance-") as tmp:
        spec = Path(tmp) / "acceptance.toml"
        lines = ['name = "acceptance"', 'strategies = ["multivector"]', f"seeds = {seeds}"]
        for name, values in ACCEPTANCE_LEVERS.items():
            lines += [f"[levers.{name}]", f"values = {values}"]
        spec.write_text("\n".join(lines) + "\n", encoding="utf-8")
        sweep_s = _process_seconds(
            [cli, "sweep", str(spec), "--workers", "1", "--quiet", "--out", str(Path(tmp) / "out")]
        )
    code = BATCH_RUN_PROCESS.format(levers=ACCEPTANCE_LEVERS, seeds=seeds, runs=runs)
    batch_s = _process_seconds([sys.executable, "-c", code])
    ratio = batch_s / sweep_s
    note = f"{runs} runs: multivector, pressure x EU money {list(ACCEPTANCE_LEVERS.values())} x {seeds} seeds"
    return [
        Figure(
            "3 sweeps", f"{runs}-run grid: multivector sweep --workers 1, whole process", sweep_s, "s", "", None, note
        ),
        Figure("3 sweeps", f"{runs}-run grid: mesa.batch_run, 1 process, whole process", batch_s, "s"),
        Figure(
            "3 sweeps",
            f"{runs}-run grid: sweep / batch_run speed, 1 vs 1 process",
            ratio,
            "x",
            ">= 3 (aim 10)",
            at_least(ratio, 3),
            "whole processes timed, interpreter start and imports included",
        ),
    ]


def sweeps(seeds: int = 24) -> list[Figure]:
    """Section 3: the same grid (25 points x ``seeds`` seeds) through run_sweep and mesa.batch_run."""
    runs = len(PRESSURE) * len(EU_MONEY) * seeds
    missing = sweep_available()
    if missing:
        return [Figure("3 sweeps", "multivector sweep", None, "runs/s", ">= 3x batch_run", None, missing)]
    acceptance = acceptance_grid(2 if seeds < 10 else 10)
    batch1 = _batch_run_rate(seeds, 1)
    batch2 = _batch_run_rate(seeds, 2)
    pool1 = _sweep_rate(seeds, "pool", 1)
    pool2 = _sweep_rate(seeds, "pool", 2)
    dask2 = _sweep_rate(seeds, "dask", 2)
    running2, startup = _dask_running_rate(seeds, 2)
    note = f"{runs} runs, 2010Q1-2040Q4, outcomes stored"
    figures = acceptance + [
        Figure("3 sweeps", "mesa.batch_run, 1 process", batch1, "runs/s", "", None, note),
        Figure("3 sweeps", "mesa.batch_run, 2 processes", batch2, "runs/s"),
        Figure("3 sweeps", "multivector sweep, pool x 1", pool1, "runs/s"),
        Figure("3 sweeps", "multivector sweep, pool x 2", pool2, "runs/s"),
        Figure(
            "3 sweeps",
            "multivector sweep, dask LocalCluster x 2",
            dask2,
            "runs/s",
            "",
            None,
            "LocalCluster start-up and shutdown included",
        ),
        Figure(
            "3 sweeps",
            "multivector sweep, dask x 2, running cluster",
            running2,
            "runs/s",
            "",
            None,
            "sent to an already running LocalCluster (--scheduler)",
        ),
        Figure(
            "3 sweeps",
            "dask LocalCluster x 2 start-up",
            startup,
            "s",
            "",
            None,
            "paid once per cluster; forkserver already started by the pool sweeps",
        ),
        Figure(
            "3 sweeps", "sweep / batch_run, 2 vs 2 processes", pool2 / batch2, "x", ">= 3", at_least(pool2 / batch2, 3)
        ),
        Figure("3 sweeps", "sweep / batch_run, 1 vs 1 process", pool1 / batch1, "x", "", None),
        Figure(
            "3 sweeps",
            "sweep 2 workers / 1 worker",
            pool2 / pool1,
            "x",
            ">= 1.8",
            at_least(pool2 / pool1, 1.8),
            "2 cores shared with other users",
        ),
        Figure(
            "3 sweeps",
            "dask / process pool (2 workers)",
            dask2 / pool2,
            "x",
            ">= 0.85",
            at_least(dask2 / pool2, 0.85),
            "including LocalCluster start-up",
        ),
        Figure(
            "3 sweeps",
            "dask running cluster / process pool (2 workers)",
            running2 / pool2,
            "x",
            ">= 0.85",
            at_least(running2 / pool2, 0.85),
            "throughput with a running cluster",
        ),
    ]
    try:
        warm2 = _sweep_rate(seeds, "pool", 2, warm_start=True)
    except Exception as error:  # the warm_start option is added to the spec separately
        figures.append(
            Figure(
                "3 sweeps",
                "multivector sweep, pool x 2, warm_start",
                None,
                "runs/s",
                "",
                None,
                f"not available: {type(error).__name__}",
            )
        )
    else:
        figures.append(
            Figure(
                "3 sweeps",
                "multivector sweep, pool x 2, warm_start",
                warm2,
                "runs/s",
                "",
                None,
                "post-2025 levers branch from one 2024Q4 state per seed",
            )
        )
        figures.append(
            Figure(
                "3 sweeps",
                "sweep warm_start / batch_run, 2 vs 2",
                warm2 / batch2,
                "x",
                ">= 3",
                at_least(warm2 / batch2, 3),
            )
        )
    return figures


DRIVER = """
import json, resource, sys
from pathlib import Path
sys.path.insert(0, {bench!r})
from sweeps import grid_spec
from experiments.sweep.driver import run_sweep
summary = run_sweep(grid_spec("bench_memory", {seeds}, Path({out!r})), executor="pool", workers=2, out={out!r})
print(json.dumps({{"peak_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, "runs": summary.computed}}))
"""


def _driver_peak_mb(seeds: int) -> tuple[float, int]:
    """Peak RSS of a sweep driver process (itself only, not its workers) for 25 * ``seeds`` runs."""
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        code = DRIVER.format(bench=str(Path(__file__).resolve().parent), seeds=seeds, out=str(Path(tmp) / "out"))
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
        result = json.loads(done.stdout.strip().splitlines()[-1])
        return result["peak_kb"] / 1024.0, result["runs"]


def memory(small_seeds: int = 8, large_seeds: int = 80) -> list[Figure]:
    """Section 4: peak RSS of the sweep driver at 200 and 2,000 runs (25 points x 8 and x 80 seeds; flat is the goal)."""
    missing = sweep_available()
    if missing:
        return [Figure("4 memory", "driver peak RSS", None, "MB", "2000 runs <= 1.2x 200 runs", None, missing)]
    small, n_small = _driver_peak_mb(small_seeds)
    large, n_large = _driver_peak_mb(large_seeds)
    ratio = large / small
    return [
        Figure("4 memory", f"driver peak RSS, {n_small} runs", small, "MB", "", None, "pool x 2, own RSS only"),
        Figure("4 memory", f"driver peak RSS, {n_large} runs", large, "MB"),
        Figure("4 memory", f"peak ratio {n_large} / {n_small} runs", ratio, "x", "<= 1.2", at_most(ratio, 1.2)),
    ]
