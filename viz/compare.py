"""Compare tab: every registered strategy on the current run's settings, over a few seeds, in the background.

The runs are ``experiments.simulate`` calls (the runs a sweep makes, without
an event log), computed in a worker thread (``solara.lab.use_task``) so the
page keeps answering while they go; a progress bar counts them.
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
from matplotlib.figure import Figure

from experiments import simulate
from viz.figure import new_figure, to_png
from viz.html import Prose, Table
from viz.session import SLIDER_LEVERS, SessionModel, strategy_description, strategy_label
from world.registry import STRATEGIES

N_SEEDS = 3
# Outcome → column title: the two the tab shows side by side.
SHOWN = {
    "autonomy_mean_after_levers": "autonomy (mean from 2025, when the levers act)",
    "gdp_final": "GDP at the end (bn USD)",
}
# How each shown outcome is written: autonomy is a share (0 … 1), GDP in whole billions.
FORMATS = {"autonomy_mean_after_levers": "{:.3f}", "gdp_final": "{:,.0f}"}


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
            f"{len(self.strategies)} strategies × seeds {', '.join(map(str, self.seeds))} on "
            f"{self.scenario_name} ({levers})"
        )


def run_one(setup: ComparisonSetup, strategy: str, seed: int) -> dict[str, float | str | int]:
    """One full run's outcomes (``experiments.simulate``, as a sweep computes them), tagged with strategy and seed."""
    return {"strategy": strategy, "seed": seed, **simulate(setup.scenario_name, strategy, seed, **dict(setup.levers))}


def compare(setup: ComparisonSetup, on_progress: Callable[[int, int], None] | None = None) -> pd.DataFrame:
    """Run every (strategy, seed) of ``setup``; one row of outcomes per run."""
    runs = setup.runs
    rows = []
    for done, (strategy, seed) in enumerate(runs, start=1):
        rows.append(run_one(setup, strategy, seed))
        if on_progress is not None:
            on_progress(done, len(runs))
    return pd.DataFrame(rows)


def summarise(frame: pd.DataFrame) -> pd.DataFrame:
    """Per strategy: mean, lowest and highest over seeds of each shown outcome (in registry order)."""
    order = list(dict.fromkeys(frame["strategy"]))
    stats = frame.groupby("strategy")[list(SHOWN)].agg(["mean", "min", "max"]).reindex(order)
    stats.columns = [f"{name}.{stat}" for name, stat in stats.columns]
    return stats.reset_index()


def draw_comparison(summary: pd.DataFrame) -> Figure:
    """Autonomy and GDP side by side: one dot per strategy (mean over seeds), whiskers = lowest to highest."""
    fig, axes = new_figure(9.0, 3.4, ncols=len(SHOWN))
    y = np.arange(len(summary))
    for ax, (name, title) in zip(np.atleast_1d(axes), SHOWN.items()):
        mean = summary[f"{name}.mean"].to_numpy()
        spread = np.vstack([mean - summary[f"{name}.min"].to_numpy(), summary[f"{name}.max"].to_numpy() - mean])
        ax.errorbar(mean, y, xerr=spread, fmt="o", ms=7, color="#2e62c9", ecolor="#555555", capsize=4)
        ax.set_yticks(y, [strategy_label(name) for name in summary["strategy"]])
        ax.set_ylim(len(summary) - 0.5, -0.5)
        ax.set_title(title, fontsize=10)
        ax.grid(alpha=0.3)
        ax.margins(x=0.15)
    return fig


def summary_rows(summary: pd.DataFrame) -> tuple[list[str], list[list[str]]]:
    """Header and rows: strategy (readable name and id), then "mean (low–high)" of each shown outcome."""
    header = ["strategy", *SHOWN.values()]

    def cell(row, name: str) -> str:
        fmt = FORMATS[name]
        low, high = fmt.format(row[f"{name}.min"]), fmt.format(row[f"{name}.max"])
        return f"{fmt.format(row[f'{name}.mean'])} ({low}–{high})"

    rows = [
        [f"{strategy_label(row['strategy'])} ({row['strategy']})", *(cell(row, n) for n in SHOWN)]
        for _, row in summary.iterrows()
    ]
    return header, rows


@solara.component
def CompareTab(model: SessionModel):
    setup = ComparisonSetup.from_model(model)
    started = solara.use_ref(0.0)

    def run(chosen: ComparisonSetup):
        started.current = time.monotonic()
        task.progress = 0.0

        def progress(done: int, total: int) -> None:
            task.progress = 100.0 * done / total

        frame = compare(chosen, progress)
        return chosen, frame, time.monotonic() - started.current

    task = solara.lab.use_task(run, dependencies=None)
    result = task.value if task.finished else None
    png = solara.use_memo(lambda: to_png(draw_comparison(summarise(result[1]))) if result else None, [result])

    with solara.Card("Compare strategies", classes=["mv-compare"]):
        Prose(
            f"<p>Runs every registered strategy on <b>this run's settings</b> ({escape(setup.describe())}), each "
            "to the end. Dots show the mean over seeds, whiskers the lowest and highest. The levers in play are "
            f"the sidebar's {escape(', '.join(label for label, _ in SLIDER_LEVERS.values()))}: press Reset after "
            "moving them, then compare.</p>"
        )
        Prose(
            "<ul>"
            + "".join(
                f"<li><b>{escape(strategy_label(name))}</b> ({escape(name)}): {escape(strategy_description(name))}</li>"
                for name in setup.strategies
            )
            + "</ul>",
            classes=["mv-compare-strategies"],
        )
        with solara.Row(style={"margin": "8px 0"}):
            solara.Button(
                f"Run comparison ({len(setup.runs)} runs)",
                on_click=lambda: task(setup),
                disabled=task.pending,
                color="primary",
                classes=["mv-compare-run"],
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
            solara.Div(
                children=[f"Done: {len(frame)} runs in {seconds:.1f} s · {chosen.describe()}"],
                classes=["mv-compare-done"],
            )
            solara.Image(png, width="100%", classes=["mv-compare-figure"])
            Table(*summary_rows(summarise(frame)), classes=["mv-compare-table"])
