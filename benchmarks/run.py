"""The benchmark suite: ``make bench`` prints six sections and appends the figures to results.csv.

1 run cost · 2 scaling with N · 3 sweeps (multivector sweep vs mesa.batch_run,
workers, executors) · 4 sweep-driver memory · 5 warm start · 6 viz steps/s
(measured by benchmarks/viz_fps.py in the browser harness, read from
benchmarks/viz_results.csv). Each figure is printed next to its target with
PASS/FAIL. ``--quick`` runs small versions for a smoke check and writes nothing.

    .venv/bin/python benchmarks/run.py [--sections 1,2,5] [--quick] [--no-save]
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from report import Figure, append_results, machine, print_section  # noqa: E402

VIZ_RESULTS = HERE / "viz_results.csv"
UNITS = (
    ("per_s_default", "/s"),
    ("per_s_fastest", "/s"),
    ("_ms_default", "ms"),
    ("_ms_fastest", "ms"),
    ("_s_default", "s"),
    ("_s_fastest", "s"),
    ("_s", "s"),
    ("_ms", "ms"),
)
TITLES = {
    "1": "1 run cost: one default run, 2010Q1-2040Q4 (123 quarterly steps)",
    "2": "2 scaling: synthetic worlds of N states (world/generator.py)",
    "3": "3 sweeps: the 90-run acceptance grid, then a 5 x 5 grid, through multivector sweep and mesa.batch_run",
    "4": "4 memory: peak RSS of the sweep driver",
    "5": "5 warm start: post-2025 lever sweep branched from 2024Q4 vs full replay",
    "6": "6 viz: steps per second the Solara page sustains at play speed",
}


def viz() -> list[Figure]:
    """Section 6: the figures benchmarks/viz_fps.py wrote (the browser harness), or 'not measured'."""
    if not VIZ_RESULTS.is_file():
        return [
            Figure(
                "6 viz",
                "steps per second at play speed",
                None,
                "steps/s",
                "",
                None,
                f"{VIZ_RESULTS.name} not found: run benchmarks/viz_fps.py",
            )
        ]
    with VIZ_RESULTS.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    if not rows:
        return [
            Figure("6 viz", "steps per second at play speed", None, "steps/s", "", None, "viz_results.csv is empty")
        ]
    latest = rows[-1]
    source = f"{VIZ_RESULTS.name}, commit {latest.get('commit', '?')}, {latest.get('timestamp', '?')}"
    figures = []
    for key, raw in latest.items():
        if key in ("timestamp", "commit", "host"):
            continue
        try:
            value = float(raw)
        except (TypeError, ValueError):
            continue
        unit = next((u for suffix, u in UNITS if key.endswith(suffix)), "")
        figures.append(Figure("6 viz", key, value, unit, "", None, source))
    return figures or [Figure("6 viz", "viz_results.csv", None, "", "", None, f"no numeric column in {list(latest)}")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sections", default="1,2,3,4,5,6", help="comma-separated section numbers")
    parser.add_argument("--quick", action="store_true", help="small sizes for a smoke check (implies --no-save)")
    parser.add_argument("--no-save", action="store_true", help="do not append to benchmarks/results.csv")
    args = parser.parse_args(argv)
    from model_cost import PROFILER, run_cost, scaling, warm_start
    from sweeps import memory, sweeps

    quick = args.quick
    sections = {
        "1": lambda: run_cost(5 if quick else 30),
        "2": lambda: scaling((14, 50, 200) if quick else (14, 50, 200, 1000)),
        "3": lambda: sweeps(2 if quick else 24),
        "4": lambda: memory(2, 4) if quick else memory(8, 80),
        "5": lambda: warm_start(1 if quick else 4),
        "6": viz,
    }
    info = machine()
    print(
        f"multivector benchmarks · commit {info['commit']} · {info['cpu']} x {info['cores']} · "
        f"Python {info['python']} · load {os.getloadavg()}"
    )
    print(f"  {info['packages']}")
    print(f"  profiler: {PROFILER}")
    started = time.perf_counter()
    figures: list[Figure] = []
    for key in args.sections.split(","):
        key = key.strip()
        t0 = time.perf_counter()
        try:
            section = sections[key]()
        except Exception as error:  # one broken section (say, a changed sweep API) must not hide the others
            section = [
                Figure(
                    TITLES[key].split(":")[0], "section failed", None, "", "", False, f"{type(error).__name__}: {error}"
                )
            ]
        print_section(f"{TITLES[key]}  ({time.perf_counter() - t0:.0f} s)", section)
        figures += section
    print(
        f"\n{sum(f.passed is True for f in figures)} targets met, {sum(f.passed is False for f in figures)} missed; "
        f"{time.perf_counter() - started:.0f} s; load after: {os.getloadavg()}"
    )
    if not (args.no_save or quick):
        append_results(figures, info)
        print(f"appended {len(figures)} figures to {Path('benchmarks/results.csv')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
