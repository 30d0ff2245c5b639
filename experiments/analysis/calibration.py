"""``multivector calibrate``: fit the declared free constants to the declared level targets.

The free constants and the ranges they may take are declared once, in
:data:`FREE_CONSTANTS` (each a model parameter of world/data/parameters.csv,
so a fitted value is an ordinary parameter value); the targets are the rows
of world/data/calibration_targets.csv. The loss is half the sum of squared
misses, each miss measured in half-widths of its tolerance interval:

    loss = ½ Σ_i ((model_i − target_i) / halfwidth_i)²

where model_i is the mean over the seeds of the replay 2010Q1-2024Q4 under the
historical strategy. scipy.optimize.least_squares (trust-region reflective,
bounded, forward differences) minimises it over the constants scaled to
[0, 1]. Every evaluation replays the same seeds (common random numbers), so
the loss is a deterministic function of the constants and the fit is
reproducible bit for bit from the same seeds and budget. It starts from the
defaults of parameters.csv, never from the previous fit, so rerunning it gives
the same table.

The fitted values go to world/data/calibrated.csv, which every scenario reads
on top of the parameter defaults; the fit of each target (fitted value,
target, tolerance, miss) goes to docs/calibration.md.
"""

from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import least_squares

from experiments.analysis.validation import (
    CALIBRATION_CUTOFF,
    HISTORICAL,
    LevelResult,
    Target,
    levels,
    load_targets,
    run_replay,
)
from world import load_scenario

ROOT = Path(__file__).resolve().parents[2]
CALIBRATED_FILE = ROOT / "world" / "data" / "calibrated.csv"
REPORT_FILE = ROOT / "docs" / "calibration.md"


@dataclass(frozen=True)
class FreeConstant:
    """A model parameter the calibration may move, the range it may move in, and the targets it should move."""

    name: str
    low: float
    high: float
    moves: str  # which targets it is there for, in words


# The one place the free constants are declared. Ranges stay inside parameters.csv's.
FREE_CONSTANTS: tuple[FreeConstant, ...] = (
    FreeConstant("route_logit_scale", 2.0, 30.0, "the 2010 CPC and Aktau shares of crude exports"),
    FreeConstant("cargo_logit_scale", 5.0, 100.0, "Middle Corridor volumes"),
    FreeConstant("cargo_demand_mt", 1.0, 30.0, "transit through Kazakhstan and the Middle Corridor's volume"),
    FreeConstant(
        "sea_cargo_mt", 0.0, 100.0, "the containers' share of the Middle Corridor's cargo (drawn from the sea)"
    ),
    FreeConstant("customs_union_gain", 0.0, 0.5, "Russia-Kazakhstan trade"),
    FreeConstant("tariff_elasticity", 0.0, 10.0, "Russia's share of Kazakh trade"),
)
SEEDS = 2
# The replay a calibration runs: to the end of the cut-off year, never into the out-of-sample years.
CALIBRATION_END = f"{CALIBRATION_CUTOFF}Q4"
MAX_EVALUATIONS = 60
BOUND_SHARE = 0.01  # a fitted value within 1 % of the range from an end is reported as at the bound
DIFF_STEP = 0.05  # forward-difference step on the [0, 1] scale: wide enough to see past single random draws


@dataclass
class Fit:
    """The outcome of a calibration: fitted values, the per-target fit, the loss and how it was run."""

    values: dict[str, float]
    start: dict[str, float]
    results: list[LevelResult]
    loss: float
    start_loss: float
    evaluations: int
    seeds: int
    until: str
    status: str


def _evaluate(values: dict[str, float], seeds: int, until: str, targets: tuple[Target, ...]) -> list[LevelResult]:
    runs = [run_replay(seed, HISTORICAL, until=until, **values) for seed in range(seeds)]
    return levels(runs, targets)


def _residuals(results: list[LevelResult]) -> np.ndarray:
    return np.array([(r.mean - r.target.value) / r.target.half_width for r in results])


def _loss(results: list[LevelResult]) -> float:
    return float(0.5 * np.sum(_residuals(results) ** 2))  # unit: least_squares' cost is half the sum of squares


def calibrate(
    seeds: int = SEEDS,
    max_evaluations: int = MAX_EVALUATIONS,
    until: str = CALIBRATION_END,
    free: tuple[FreeConstant, ...] = FREE_CONSTANTS,
    targets: tuple[Target, ...] | None = None,
) -> Fit:
    """Fit ``free`` to ``targets`` over seeds 0 … ``seeds``-1 (replays to ``until``).

    Only targets dated ``CALIBRATION_CUTOFF`` or earlier are fitted, whatever is passed in: 2022-2024 is the
    out-of-sample hindcast (world/data/hindcast.csv). A later ``until`` cannot bring later years in.
    """
    targets = load_targets() if targets is None else targets
    targets = tuple(t for t in targets if t.year <= CALIBRATION_CUTOFF and f"{t.year}Q4" <= until)
    if until > CALIBRATION_END:
        until = CALIBRATION_END  # the replay need not, and so does not, run into the out-of-sample years
    defaults = load_scenario("eurasia").parameters
    low = np.array([c.low for c in free])
    span = np.array([c.high - c.low for c in free])
    start = {c.name: defaults[c.name].default for c in free}

    def values_at(u: np.ndarray) -> dict[str, float]:
        return {c.name: float(x) for c, x in zip(free, low + np.clip(u, 0.0, 1.0) * span)}

    def residuals(u: np.ndarray) -> np.ndarray:
        return _residuals(_evaluate(values_at(u), seeds, until, targets))

    u0 = np.clip((np.array(list(start.values())) - low) / span, 0.0, 1.0)
    solution = least_squares(
        residuals, u0, bounds=(0.0, 1.0), method="trf", diff_step=DIFF_STEP, max_nfev=max_evaluations, x_scale=1.0
    )
    values = values_at(solution.x)
    results = _evaluate(values, seeds, until, targets)
    return Fit(
        values,
        start,
        results,
        _loss(results),
        _loss(_evaluate(start, seeds, until, targets)),
        int(solution.nfev),
        seeds,
        until,
        solution.message,
    )


def settings(fit: Fit) -> str:
    return f"multivector calibrate --seeds {fit.seeds}" + (
        f" --until {fit.until}" if fit.until != CALIBRATION_END else ""
    )


def calibrated_csv(fit: Fit) -> str:
    """world/data/calibrated.csv: one row per free constant (name, value, source)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "value", "source"])
    for name, value in fit.values.items():
        writer.writerow(
            [
                name,
                f"{value:.6g}",
                f"fitted by `{settings(fit)}` to world/data/calibration_targets.csv "
                f"(loss {fit.loss:.4g}; see docs/calibration.md)",
            ]
        )
    return out.getvalue()


def _fmt(x: float) -> str:
    return f"{x:.3g}" if abs(x) < 1000 else f"{x:.0f}"


def report(fit: Fit) -> str:
    """docs/calibration.md: the free constants, the loss and each target's fit, misses included."""
    lines = [
        "# Calibration",
        "",
        f"Generated by `{settings(fit)}` (also run by `make docs`); do not edit by hand.",
        "",
        "The declared free constants (`experiments/analysis/calibration.py · FREE_CONSTANTS`) are fitted to the level",
        "targets of `world/data/calibration_targets.csv` by `scipy.optimize.least_squares` (bounded",
        "trust-region reflective, forward differences) on the loss",
        "",
        "    loss = ½ Σ_i ((model_i − target_i) / halfwidth_i)²",
        "",
        f"where model_i is the mean over seeds 0 … {fit.seeds - 1} of the replay 2010Q1-{fit.until} under the",
        "historical strategy (`multivector`) and halfwidth_i is half the target's tolerance interval: a miss of",
        "1 sits on the edge of the tolerance. Every evaluation replays the same seeds (common random numbers),",
        "so the fit is reproducible from the same seeds; it starts from the defaults of `parameters.csv`.",
        "The scenario reads the fitted values from `world/data/calibrated.csv`.",
        "",
        f"Every target is dated {CALIBRATION_CUTOFF} or earlier (the declared cut-off, `experiments/analysis/"
        "validation.py · CALIBRATION_CUTOFF`), and the replay stops there: the war of 2022, the CPC outages, the "
        "westward contracts and the 2022-2024 figures are the out-of-sample hindcast of docs/validation.md, "
        "never fitted.",
        "",
        f"Loss: {fit.loss:.4g} (at the defaults: {fit.start_loss:.4g}); {fit.evaluations} evaluations; "
        f"optimiser: {fit.status}",
        "",
        "## Free constants",
        "",
        "| constant | default | fitted | range searched | there for |",
        "|---|---|---|---|---|",
    ]
    for c in FREE_CONSTANTS:
        if c.name in fit.values:
            value = fit.values[c.name]
            at_bound = " (at the bound)" if min(value - c.low, c.high - value) <= BOUND_SHARE * (c.high - c.low) else ""
            lines.append(
                f"| `{c.name}` | {_fmt(fit.start[c.name])} | {_fmt(value)}{at_bound} | "
                f"{_fmt(c.low)} – {_fmt(c.high)} | {c.moves} |"
            )
    lines += [
        "",
        "## Fit of each target",
        "",
        "| target | year | fitted | target | tolerance | miss | within | source |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in fit.results:
        t = r.target
        lines.append(
            f"| {t.label} ({t.unit}) | {t.year} | {_fmt(r.mean)} | {_fmt(t.value)} | "
            f"{_fmt(t.low)} – {_fmt(t.high)} | {r.miss:+.0%} | {'yes' if r.passed else '**no**'} | "
            f"{t.source} |"
        )
    missed = [r for r in fit.results if not r.passed]
    lines += ["", f"{len(fit.results) - len(missed)} of {len(fit.results)} targets within tolerance."]
    if missed:
        lines += [
            "Missed: " + "; ".join(f"{r.target.label} in {r.target.year} ({r.miss:+.0%})" for r in missed) + ".",
            "No declared free constant reaches these; they are reported, not hidden (see docs/validation.md).",
        ]
    return "\n".join(lines) + "\n"


def write_atomically(path: Path, text: str) -> None:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
