"""Figures, the printed table, and benchmarks/results.csv (one row per figure, with the machine it ran on)."""

from __future__ import annotations

import csv
import os
import platform
import subprocess
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = Path(__file__).resolve().parent / "results.csv"
PACKAGES = ("mesa", "numpy", "pandas", "pyarrow", "dask", "distributed", "solara")
COLUMNS = [
    "timestamp",
    "commit",
    "host",
    "cpu",
    "cores",
    "load_1min",
    "python",
    "packages",
    "section",
    "metric",
    "value",
    "unit",
    "target",
    "passed",
    "note",
]


@dataclass
class Figure:
    """One measured number, with its target (empty when the issue sets none) and whether it meets it."""

    section: str
    metric: str
    value: float | None
    unit: str
    target: str = ""
    passed: bool | None = None
    note: str = ""

    def cells(self) -> list[str]:
        value = "not measured" if self.value is None else f"{self.value:.4g}"
        verdict = {True: "PASS", False: "FAIL", None: ""}[self.passed]
        return [self.metric, f"{value} {self.unit}".strip(), self.target, verdict, self.note]


def at_most(value: float, limit: float) -> bool:
    return value <= limit


def at_least(value: float, limit: float) -> bool:
    return value >= limit


def machine() -> dict[str, str]:
    """Where and with what the figures were measured."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    versions = []
    for name in PACKAGES:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=absent")
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"
    return {
        "timestamp": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "commit": commit,
        "host": platform.node(),
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "load_1min": f"{os.getloadavg()[0]:.2f}",
        "python": platform.python_version(),
        "packages": " ".join(versions),
    }


def print_section(title: str, figures: list[Figure]) -> None:
    """A small fixed-width table: metric, value, target, verdict, note."""
    print(f"\n== {title}")
    rows = [["metric", "value", "target", "", "note"]] + [f.cells() for f in figures]
    widths = [max(len(r[i]) for r in rows) for i in range(4)]
    for r in rows:
        print("  " + "  ".join(c.ljust(w) for c, w in zip(r[:4], widths)) + ("  " + r[4] if r[4] else ""))


def append_results(figures: list[Figure], info: dict[str, str], path: Path = RESULTS) -> None:
    """Append one CSV row per figure (header written when the file is new)."""
    new = not path.is_file() or path.stat().st_size == 0
    with path.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        if new:
            writer.writeheader()
        for f in figures:
            writer.writerow(
                {
                    **info,
                    "section": f.section,
                    "metric": f.metric,
                    "value": "" if f.value is None else f"{f.value:.6g}",
                    "unit": f.unit,
                    "target": f.target,
                    "passed": "" if f.passed is None else str(f.passed).lower(),
                    "note": f.note,
                }
            )
