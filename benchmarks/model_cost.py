"""Sections 1, 2 and 5: the cost of one run, how it scales with the number of states, and warm start."""

from __future__ import annotations

import cProfile
import math
import pstats
import statistics
import time

import numpy as np
from report import Figure, at_least, at_most
from sweeps import lever_values

from world import DiplomacyModel
from world.generator import generate_scenario
from world.warmstart import WarmStarts

PROFILER = "cProfile (deterministic; its per-call overhead inflates small functions, so shares are indicative)"


def _one_run(seed: int, **options) -> dict[str, float]:
    model = DiplomacyModel(rng=seed, **options)
    model.run()
    return model.outcomes()


def _timed_runs(count: int, **options) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU seconds of ``count`` runs (CPU time is steadier on a machine shared with others)."""
    _one_run(0, **options)  # imports, scenario cache, numpy warm-up
    wall, cpu = [], []
    for seed in range(count):
        started, started_cpu = time.perf_counter(), time.process_time()
        _one_run(seed, **options)
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return wall, cpu


def _profile_split(count: int) -> tuple[dict[str, float], list[tuple[str, float]]]:
    """Share of a run spent in set-up, agents' decisions, economy, recording and Mesa's step machinery."""
    profiler = cProfile.Profile()
    profiler.enable()
    for seed in range(count):
        _one_run(seed)
    profiler.disable()
    stats = pstats.Stats(profiler)
    total = stats.total_tt

    def cum(suffix: str, name: str) -> float:
        return sum(
            ct
            for (file, _line, fn), (_cc, _nc, _tt, ct, _callers) in stats.stats.items()
            if file.endswith(suffix) and fn == name
        )

    setup = cum("world/model.py", "__init__")
    step_total = cum("mesa/model.py", "_wrapped_step")
    user_step = cum("world/model.py", "step")
    recording = cum("world/metrics.py", "record") + cum("world/outcomes.py", "outcomes")
    agents = cum("mesa/agentset.py", "shuffle_do")
    economy = cum("world/economy.py", "update")
    split = {
        "set-up (DiplomacyModel.__init__)": setup / total,
        "agents' decisions and actions (shuffle_do)": agents / total,
        "economy and routing (Economy.update)": economy / total,
        "metrics/recording (Recorder.record + outcomes)": recording / total,
        "Mesa step machinery (Model.step minus ours)": max(step_total - user_step, 0.0) / total,
    }
    top = sorted(
        (
            (f"{'/'.join(file.rsplit('/', 2)[-2:])}:{fn}", tt / total)
            for (file, _line, fn), (_cc, _nc, tt, _ct, _callers) in stats.stats.items()
        ),
        key=lambda item: -item[1],
    )[:8]
    return split, top


def run_cost(runs: int) -> list[Figure]:
    """Section 1: one full default run (2010Q1-2040Q4, outcomes computed), ≥ 20 runs."""
    times, cpu = _timed_runs(runs)
    median = statistics.median(times) * 1e3
    cpu_median = statistics.median(cpu) * 1e3
    quiet = statistics.median(_timed_runs(max(runs // 2, 10), record_events=False)[0]) * 1e3
    started = time.perf_counter()
    for seed in range(20):
        DiplomacyModel(rng=seed)
    build = (time.perf_counter() - started) / 20 * 1e3
    figures = [
        Figure(
            "1 run cost",
            "default run, median",
            median,
            "ms",
            "<= 10 ms",
            at_most(median, 10.0),
            f"{runs} runs, events logged, outcomes computed",
        ),
        Figure(
            "1 run cost",
            "default run, median CPU time",
            cpu_median,
            "ms",
            "<= 10 ms",
            at_most(cpu_median, 10.0),
            "process CPU time: less sensitive to other users of the machine",
        ),
        Figure("1 run cost", "default run, min", min(times) * 1e3, "ms"),
        Figure("1 run cost", "default run, max", max(times) * 1e3, "ms"),
        Figure(
            "1 run cost", "runs per second, one core", 1e3 / median, "runs/s", ">= 100", at_least(1e3 / median, 100)
        ),
        Figure("1 run cost", "default run without event log, median", quiet, "ms", "", None, "record_events=False"),
        Figure("1 run cost", "set-up (model build), mean", build, "ms"),
    ]
    split, top = _profile_split(10)
    for name, share in split.items():
        figures.append(Figure("1 run cost", f"share: {name}", 100 * share, "%", "", None, "profiled"))
    for name, share in top:
        figures.append(Figure("1 run cost", f"top self time: {name}", 100 * share, "%", "", None, "profiled"))
    return figures


def _step_cost(n_states: int, steps: int) -> float:
    model = DiplomacyModel(setting=generate_scenario(n_states), rng=0)
    model.run_for(2)
    started = time.perf_counter()
    model.run_for(steps)
    return (time.perf_counter() - started) / steps


def scaling(sizes: tuple[int, ...] = (14, 50, 200, 1000)) -> list[Figure]:
    """Section 2: time per step in synthetic worlds of N states, and the exponent of cost ~ N^k."""
    figures, costs = [], []
    for n in sizes:
        steps = 40 if n <= 200 else 10
        cost = min(_step_cost(n, steps) for _ in range(2))
        costs.append(cost)
        target = ("<= 5 ms", at_most(cost * 1e3, 5.0)) if n == 200 else ("", None)
        figures.append(
            Figure(
                "2 scaling",
                f"time per step, {n} states",
                cost * 1e3,
                "ms",
                *target,
                f"world/generator.py, best of 2 x {steps} steps",
            )
        )
    exponent = float(np.polyfit(np.log(sizes), np.log(costs), 1)[0])
    figures.append(
        Figure(
            "2 scaling",
            "fitted exponent of cost vs N",
            exponent,
            "",
            "<= 2.1",
            at_most(exponent, 2.1),
            f"least squares on log-log over N = {', '.join(map(str, sizes))}",
        )
    )
    tail = math.log(costs[-1] / costs[-2]) / math.log(sizes[-1] / sizes[-2])
    figures.append(
        Figure(
            "2 scaling",
            f"local exponent {sizes[-2]} -> {sizes[-1]} states",
            tail,
            "",
            "",
            None,
            "the O(N^2) pairwise arrays dominate here",
        )
    )
    return figures


LEVER_GRID = [
    {"russian_pressure": rp, "eu_investment": eu}
    for rp in lever_values("russian_pressure", 4)
    for eu in lever_values("eu_investment", 3)
]


def warm_start(seeds: int = 4) -> list[Figure]:
    """Section 5: a post-2025 lever sweep from one stored 2024Q4 state per seed vs the full replay."""
    runs = [(seed, levers) for seed in range(seeds) for levers in LEVER_GRID]
    _one_run(0)
    started = time.perf_counter()
    replayed = []
    for seed, levers in runs:
        model = DiplomacyModel(rng=seed, **levers).run()
        replayed.append((model.outcomes(), model.recorder.data[: model.recorder.rows].tobytes(), model.log.rows()))
    replay_s = time.perf_counter() - started
    started = time.perf_counter()
    cache = WarmStarts()
    warm = []
    for seed, levers in runs:
        model = cache.model("eurasia", None, seed, levers).run()
        warm.append((model.outcomes(), model.recorder.data[: model.recorder.rows].tobytes(), model.log.rows()))
    warm_s = time.perf_counter() - started
    identical = all(a == b for a, b in zip(replayed, warm))
    ratio = replay_s / warm_s
    return [
        Figure(
            "5 warm start",
            "full replay",
            len(runs) / replay_s,
            "runs/s",
            "",
            None,
            f"{len(runs)} runs: {len(LEVER_GRID)} lever settings x {seeds} seeds, serial",
        ),
        Figure(
            "5 warm start",
            "warm start (WarmStarts: fork at 2024Q4)",
            len(runs) / warm_s,
            "runs/s",
            "",
            None,
            f"{cache.replays} history replays for {cache.forks} runs",
        ),
        Figure("5 warm start", "speed ratio warm / replay", ratio, "x", ">= 2", at_least(ratio, 2.0)),
        Figure(
            "5 warm start",
            "bit-identical (recorder bytes, events, outcomes)",
            float(identical),
            "",
            "1 (yes)",
            identical,
        ),
    ]
