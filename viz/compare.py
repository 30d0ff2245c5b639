"""Compare tab: every registered strategy on the current run's settings, ranked by a chosen outcome, with a verdict.

Every strategy runs on the same seeds (common random numbers), so each is
compared with the first by the paired difference over those seeds: a
strategy whose difference's 95 % t-interval reaches zero is "within seed
noise" of the first, and the verdict says so instead of ranking noise. The
chart draws the outcome from zero, beside the differences from the first
(zero marked), so neither panel's axis exaggerates.

The runs are ``experiments.simulate`` calls (the runs a sweep makes, without
an event log), computed in a worker thread (``solara.lab.use_task``) and
shared between sessions through :data:`viz.outcomes.SHARED`.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from html import escape

import numpy as np
import pandas as pd
import solara
import solara.lab

from experiments.analysis.compare import t_interval
from viz import svg
from viz.html import Heading, Prose, Select, scroll_region, table_html
from viz.labels import strategy_colour
from viz.outcomes import (
    SHARED,
    OutcomeCache,
    format_value,
    outcome_label,
    outcome_unit,
    paired_difference,
    run_key,
    within_noise,
)
from viz.session import SLIDER_LEVERS, SessionModel, strategy_description, strategy_label
from world.measures import measure_of
from world.registry import STRATEGIES

N_SEEDS = 5
DEFAULT_OUTCOME = "autonomy_mean_after_levers"
# The outcomes offered first in the "Rank by" picker; every other outcome with an entry in world/measures.py follows.
FIRST_OUTCOMES = (
    "autonomy_mean_after_levers",
    "autonomy_final",
    "welfare_mean_after_levers",
    "welfare_final",
    "gdp_final",
    "security_exposure_mean_after_levers",
    "capture_events",
)


@dataclass(frozen=True)
class ComparisonSetup:
    """What to compare: one scenario and lever setting, every strategy, a few seeds."""

    scenario_name: str
    levers: tuple[tuple[str, float], ...]
    seeds: tuple[int, ...]
    strategies: tuple[str, ...]

    @classmethod
    def from_model(cls, model: SessionModel, n_seeds: int = N_SEEDS) -> "ComparisonSetup":
        return cls(
            model.scenario_name,
            tuple(sorted(model.applied_levers.items())),
            tuple(model.seed + k for k in range(n_seeds)),
            tuple(STRATEGIES.names()),
        )

    @property
    def runs(self) -> list[tuple[str, int]]:
        return [(strategy, seed) for strategy in self.strategies for seed in self.seeds]

    def describe(self) -> str:
        levers = ", ".join(
            f"{SLIDER_LEVERS[name][0] if name in SLIDER_LEVERS else name} {value:g}" for name, value in self.levers
        )
        return (
            f"{len(self.strategies)} strategies × seeds {self.seeds[0]}–{self.seeds[-1]} on "
            f"{self.scenario_name} ({levers})"
        )


def run_one(
    setup: ComparisonSetup, strategy: str, seed: int, cache: OutcomeCache = SHARED
) -> dict[str, float | str | int]:
    """One full run's outcomes (``experiments.simulate``, as a sweep computes them), tagged with strategy and seed."""
    outcomes = cache.get(run_key(setup.scenario_name, strategy, seed, dict(setup.levers)))
    return {"strategy": strategy, "seed": seed, **outcomes}


def compare(
    setup: ComparisonSetup, on_progress: Callable[[int, int], None] | None = None, cache: OutcomeCache = SHARED
) -> pd.DataFrame:
    """Run every (strategy, seed) of ``setup``; one row of outcomes per run."""
    runs = setup.runs
    rows = []
    for done, (strategy, seed) in enumerate(runs, start=1):
        rows.append(run_one(setup, strategy, seed, cache))
        if on_progress is not None:
            on_progress(done, len(runs))
    return pd.DataFrame(rows)


def outcome_choices(columns) -> list[str]:
    """Outcomes a strategy can be ranked by: the usual ones first, then every other one the measures table knows."""
    known = []
    for name in columns:
        try:
            measure_of(name)
        except KeyError:
            continue
        if name not in ("strategy", "seed"):
            known.append(name)
    first = [name for name in FIRST_OUTCOMES if name in known]
    return first + sorted(name for name in known if name not in first)


@dataclass(frozen=True)
class Ranked:
    """One strategy's place: mean over seeds, its 95 % interval, and its paired difference from the first."""

    rank: int
    strategy: str
    mean: float
    low: float
    high: float
    difference: float  # from the first (0 for the first itself)
    diff_low: float
    diff_high: float

    @property
    def tied_with_first(self) -> bool:
        return self.rank == 1 or within_noise(self.diff_low, self.diff_high)


def rank(frame: pd.DataFrame, outcome: str) -> list[Ranked]:
    """Strategies best first by ``outcome`` (direction from world/measures.py), each against the first on the same seeds."""
    better_high = measure_of(outcome).higher_is_better
    table = frame.pivot_table(index="seed", columns="strategy", values=outcome)
    means = table.mean()
    order = list(means.sort_values(ascending=not better_high).index)
    best = table[order[0]].to_numpy()
    ranked = []
    for place, strategy in enumerate(order, start=1):
        values = table[strategy].to_numpy()
        mean, _, low, high = t_interval(values)
        if place == 1:
            difference, diff_low, diff_high = 0.0, 0.0, 0.0
        else:
            difference, diff_low, diff_high = paired_difference(values, best)
        ranked.append(Ranked(place, strategy, mean, low, high, difference, diff_low, diff_high))
    return ranked


def verdict(ranked: list[Ranked], outcome: str, scenario: str, n_seeds: int) -> str:
    """One sentence: who comes first on the chosen outcome, and which differences are within seed noise."""
    label = outcome_label(outcome, scenario)
    first = ranked[0]
    tied = [r for r in ranked[1:] if r.tied_with_first]
    behind = [r for r in ranked[1:] if not r.tied_with_first]
    direction = "highest" if measure_of(outcome).higher_is_better else "lowest"
    head = (
        f"On {label[0].lower() + label[1:]}, {strategy_label(first.strategy)} comes first "
        f"({format_value(outcome, first.mean)}, 95 % interval {format_value(outcome, first.low)}–"
        f"{format_value(outcome, first.high)}; {direction} is best)"
    )
    if not tied:
        return f"{head}, ahead of every other strategy by more than seed noise over {n_seeds} seeds."
    names = ", ".join(f"{strategy_label(r.strategy)} ({format_value(outcome, r.mean)})" for r in tied)
    rest = (
        f"; {len(behind)} other{'s are' if len(behind) != 1 else ' is'} behind by more than seed noise"
        if behind
        else ""
    )
    return (
        f"{head}, but {names} {'is' if len(tied) == 1 else 'are'} within seed noise of it over {n_seeds} seeds: "
        f"the model cannot tell {'them' if len(tied) > 1 else 'the two'} apart on this outcome{rest}."
    )


def ranking_rows(ranked: list[Ranked], outcome: str) -> tuple[list[str], list[list[str]]]:
    unit = outcome_unit(outcome)
    header = ["rank", "strategy", f"mean ({unit})", "95 % interval", "difference from the first", "vs the first"]
    rows = []
    for r in ranked:
        rows.append(
            [
                str(r.rank),
                f"{strategy_label(r.strategy)} ({r.strategy})",
                format_value(outcome, r.mean),
                f"{format_value(outcome, r.low)} – {format_value(outcome, r.high)}" if np.isfinite(r.low) else "n/a",
                "—" if r.rank == 1 else f"{r.difference:+.3g} ({r.diff_low:+.3g} to {r.diff_high:+.3g})",
                "first" if r.rank == 1 else ("within seed noise" if r.tied_with_first else "behind, beyond noise"),
            ]
        )
    return header, rows


def draw_ranking(ranked: list[Ranked], outcome: str, scenario: str) -> str:
    """Two panels: the outcome per strategy from zero (dot = mean, bar = 95 % interval), and the paired
    difference from the first with zero marked. Rows in rank order; a hollow dot marks "within seed noise"."""
    row_h, top, label_w = 30, 40, 190
    height = top + row_h * len(ranked) + 34
    width = 760
    left_w = (width - label_w - 60) * 0.55
    right_w = (width - label_w - 60) * 0.45
    highs = [r.high if np.isfinite(r.high) else r.mean for r in ranked]
    lows = [r.low if np.isfinite(r.low) else r.mean for r in ranked]
    low = min(0.0, min(lows))
    high = max(0.0, max(highs)) or 1.0
    ticks = svg.nice_ticks(low, high * 1.05, 4)
    level = svg.Frame((low, max(ticks[-1], high)), (0, 1), label_w, top, left_w, row_h * len(ranked))
    spread = max([abs(r.diff_low) for r in ranked] + [abs(r.diff_high) for r in ranked] + [1e-9])
    diffs = svg.Frame((-spread * 1.15, spread * 1.15), (0, 1), label_w + left_w + 50, top, right_w, row_h * len(ranked))
    parts = [
        svg.text(level.left, 16, outcome_label(outcome, scenario), size=13, font_weight="bold"),
        svg.text(
            level.left, 32, "from zero; bar = 95 % interval over seeds", size=11, fill=svg.MUTED, css="mv-svg-tick"
        ),
        svg.text(diffs.left, 16, "difference from the first", size=13, font_weight="bold"),
        svg.text(diffs.left, 32, "same seeds; 0 = no difference", size=11, fill=svg.MUTED, css="mv-svg-tick"),
    ]
    parts += level.x_axis(ticks, [format_value(outcome, t) for t in ticks])
    zero = float(diffs.x(0.0))
    parts.append(svg.line(zero, diffs.top - 2, zero, diffs.bottom, svg.INK, 1.5))
    parts.append(svg.line(diffs.left, diffs.bottom, diffs.right, diffs.bottom, svg.INK, 1))
    for k, r in enumerate(ranked):
        y = top + row_h * (k + 0.5)
        colour = strategy_colour(r.strategy)
        parts.append(svg.text(label_w - 8, y + 4, f"{r.rank}. {strategy_label(r.strategy)}", size=13, anchor="end"))
        parts.append(svg.line(level.left, y, level.right, y, svg.GRID, 1))
        if np.isfinite(r.low):
            parts.append(svg.line(float(level.x(r.low)), y, float(level.x(r.high)), y, colour, 4))
        fill = colour if not (r.rank > 1 and r.tied_with_first) else "white"
        parts.append(svg.circle(float(level.x(r.mean)), y, 6, fill, colour, 2.5))
        if r.rank > 1 and np.isfinite(r.diff_low):
            parts.append(svg.line(float(diffs.x(r.diff_low)), y, float(diffs.x(r.diff_high)), y, colour, 4))
            parts.append(svg.circle(float(diffs.x(r.difference)), y, 6, fill, colour, 2.5))
    summary = "Ranking chart. " + " ".join(
        f"{r.rank}. {strategy_label(r.strategy)} {format_value(outcome, r.mean)}"
        + ("" if r.rank == 1 else (", within seed noise of the first." if r.tied_with_first else ", behind the first."))
        for r in ranked
    )
    return svg.document(width, height, parts, summary, "mv-compare-svg")


@solara.component
def CompareTab(model: SessionModel, task, chosen_outcome: solara.Reactive[str]):
    """The tab; ``task`` (a ``solara.lab.use_task`` of :func:`run_comparison`) lives in the page, so a running
    or finished comparison survives switching tabs."""
    setup = ComparisonSetup.from_model(model)
    result = task.value if task.finished else None
    with solara.Div(classes=["mv-compare"]):
        Heading("Compare strategies")
        Prose(
            f"<p>Runs every registered strategy on <b>this run's settings</b> ({escape(setup.describe())}), each "
            "to the end, all on the same seeds, and ranks them by the outcome you choose. A difference is "
            "<b>within seed noise</b> when its 95 % interval over those seeds reaches zero: then the model cannot "
            "tell the two strategies apart. Press Reset after moving the sidebar's levers, then compare.</p>"
        )
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap", "gap": "12px"}):
            solara.Button(
                f"Run comparison ({len(setup.runs)} runs)",
                on_click=lambda: task(setup),
                disabled=task.pending,
                color="primary",
                classes=["mv-compare-run"],
            )
            if result:
                choices = outcome_choices(result[1].columns)
                Select(
                    "Rank by",
                    values=[{"text": outcome_label(name, setup.scenario_name), "value": name} for name in choices],
                    value=chosen_outcome.value if chosen_outcome.value in choices else choices[0],
                    on_value=chosen_outcome.set,
                    classes=["mv-compare-outcome"],
                )
        if task.pending:
            solara.ProgressLinear(task.progress or True, classes=["mv-compare-progress"])
            solara.Text(
                f"Running … {task.progress or 0.0:.0f} % done (the page stays usable meanwhile)",
                classes=["mv-compare-status"],
            )
        elif task.error:
            solara.Error(f"Comparison failed: {task.exception}", classes=["mv-compare-status"])
        if result:
            chosen, frame, seconds = result
            outcome = chosen_outcome.value if chosen_outcome.value in frame.columns else DEFAULT_OUTCOME
            ranked = rank(frame, outcome)
            solara.HTML(
                tag="p",
                unsafe_innerHTML=escape(verdict(ranked, outcome, chosen.scenario_name, len(chosen.seeds))),
                classes=["mv-compare-verdict"],
                attributes={"role": "status"},
            )
            solara.HTML(
                tag="div",
                unsafe_innerHTML=draw_ranking(ranked, outcome, chosen.scenario_name),
                classes=["mv-chart", "mv-compare-figure"],
            )
            header, rows = ranking_rows(ranked, outcome)
            solara.HTML(
                tag="div",
                unsafe_innerHTML=table_html(
                    header, rows, caption=f"Strategies ranked by {outcome_label(outcome, chosen.scenario_name)}"
                ),
                classes=["mv-table-scroll", "mv-compare-table"],
                attributes=scroll_region("ranking table"),
            )
            solara.HTML(
                tag="p",
                unsafe_innerHTML=escape(f"Done: {len(frame)} runs in {seconds:.1f} s · {chosen.describe()}"),
                classes=["mv-compare-done", "mv-note"],
            )
        Prose(
            "<h3>The strategies</h3><ul>"
            + "".join(
                f"<li><b>{escape(strategy_label(name))}</b> ({escape(name)}): {escape(strategy_description(name))}</li>"
                for name in setup.strategies
            )
            + "</ul>",
            classes=["mv-compare-strategies"],
        )


def use_comparison_task():
    """The page's comparison task: runs :func:`compare` in a worker thread, with progress in per cent."""
    started = solara.use_ref(0.0)

    def run(chosen: ComparisonSetup):
        started.current = time.monotonic()
        task.progress = 0.0

        def progress(done: int, total: int) -> None:
            task.progress = 100.0 * done / total

        frame = compare(chosen, progress)
        return chosen, frame, time.monotonic() - started.current

    task = solara.lab.use_task(run, dependencies=None)
    return task
