"""Kazakhstan's combined dependence on each partner it balances between, and its autonomy, over time.

Scheduled historical events (origin "scheduled" in the event log) are marked
on the time axis; a table of milestone quarters lets two runs be compared
number by number.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import solara
from matplotlib.figure import Figure

from viz.figure import ModelFigure, new_figure
from viz.html import Table
from viz.labels import actor_colour, great_powers
from world import DiplomacyModel
from world.calendar import format_quarter

EVENT_COLOURS = {
    "pressure": "#c0392b",
    "investment": "#27ae60",
    "diplomacy": "#2e86c1",
    "security": "#7d3c98",
    "trade": "#d68910",
}
OTHER_EVENT = "#95a5a6"  # state changes (capacity, reliability, opinion …) log the category "scheduled"
MILESTONE_EVERY = 20  # quarters: one table row every five years


def series(model: DiplomacyModel, name: str) -> np.ndarray:
    """A copy of a recorded column so far (no DataFrame per frame); the copy is drawn in another thread."""
    return model.series(name).copy()


@dataclass(frozen=True)
class RunTrace:
    """A finished or abandoned run's curves, kept after Reset so the next run can be read against it."""

    label: str
    years: np.ndarray
    dependence: dict[str, np.ndarray]
    autonomy: np.ndarray


def run_trace(model: DiplomacyModel, label: str) -> RunTrace | None:
    """The model's curves so far (None if it never left its first quarter: nothing to compare with)."""
    autonomy = series(model, "autonomy")
    if len(autonomy) < 2:
        return None
    years = (model.start_quarter + np.arange(len(autonomy))) / 4.0
    return RunTrace(label, years, {code: series(model, f"dependence.{code}") for code in great_powers(model)}, autonomy)


@dataclass(frozen=True)
class DependenceView:
    """The curves so far and the scheduled events, copied out of the model (drawn in another thread)."""

    date: str
    start: float  # decimal years
    end: float
    levers_from: float
    years: np.ndarray
    dependence: dict[str, np.ndarray]
    autonomy: np.ndarray
    events: tuple[tuple[float, str], ...]  # (decimal year, category) of scheduled events so far
    previous: RunTrace | None = None  # the run before the last Reset, drawn faintly


def dependence_view(model: DiplomacyModel, previous: RunTrace | None = None) -> DependenceView:
    """Curves from ``model.recorder`` (= ``model.timeseries()``); events with origin "scheduled" from the log."""
    autonomy = series(model, "autonomy")
    years = (model.start_quarter + np.arange(len(autonomy))) / 4.0
    events = tuple(
        ((model.start_quarter + e.step) / 4.0, e.category) for e in model.log.records if e.origin == "scheduled"
    )
    return DependenceView(
        date=model.date,
        start=model.start_quarter / 4.0,
        end=model.end_quarter / 4.0,
        levers_from=(model.start_quarter + model.levers_from_step) / 4.0,
        years=years,
        dependence={code: series(model, f"dependence.{code}") for code in great_powers(model)},
        autonomy=autonomy,
        events=events,
        previous=previous,
    )


def draw_dependence(view: DependenceView) -> Figure:
    fig, ax = new_figure(6.4, 3.6)
    years = view.years
    if view.previous is not None:
        before = view.previous
        for code, values in before.dependence.items():
            ax.plot(before.years, values, color=actor_colour(code), lw=1.4, ls="--", alpha=0.35)
        ax.plot(
            before.years,
            before.autonomy,
            color="black",
            lw=2.0,
            ls="--",
            alpha=0.3,
            label="previous run (dashed, faint)",
        )
    for code, values in view.dependence.items():
        ax.plot(years, values, color=actor_colour(code), lw=1.8, label=f"dependence on {code}")
        ax.plot(years[-1:], values[-1:], "o", ms=4, color=actor_colour(code))  # now (alone at step 0: no line yet)
    ax.plot(years, view.autonomy, color="black", lw=2.6, label="autonomy (see Glossary)")
    ax.plot(years[-1:], view.autonomy[-1:], "o", ms=5, color="black")

    for category in sorted({c for _, c in view.events}):
        at = [year for year, c in view.events if c == category]
        kind = category if category in EVENT_COLOURS else "other"
        ax.plot(
            at,
            np.full(len(at), 0.02),
            "|",
            ms=9,
            mew=1.5,
            color=EVENT_COLOURS.get(category, OTHER_EVENT),
            label=f"scheduled event: {kind}",
            transform=ax.get_xaxis_transform(),
        )

    if len(years) == 1:  # step 0: one dot per curve at 2010Q1, and a word on what will appear
        ax.text(
            0.5,
            0.5,
            "Press Step or ▶: the curves grow from the dots at the left, quarter by quarter",
            transform=ax.transAxes,
            ha="center",
            va="center",
            fontsize=9,
            color="#555555",
        )
    ax.axvline(view.levers_from, color="#555555", ls=":", lw=1)
    ax.text(
        view.levers_from,
        0.98,
        " your levers act from here →",
        transform=ax.get_xaxis_transform(),
        va="top",
        fontsize=8,
        color="#555555",
    )
    ax.axvline(years[-1], color="#999999", lw=0.8)
    ax.set_xlim(view.start, view.end + 0.25)
    ax.set_ylim(0, 1)
    ax.set_ylabel("share (0 … 1)", fontsize=9)
    ax.grid(alpha=0.3)
    ax.set_title(f"Dependence and autonomy, {format_quarter(round(view.start * 4))} – {view.date}", fontsize=9)
    ax.tick_params(labelsize=8)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), fontsize=7.5, ncols=3, frameon=False)
    return fig


def milestones(model: DiplomacyModel) -> list[dict[str, object]]:
    """One row every five years (and the current quarter): autonomy, dependence per great power, GDP."""
    autonomy, gdp = series(model, "autonomy"), series(model, "gdp")
    rows = len(autonomy)
    wanted = sorted({*range(0, rows, MILESTONE_EVERY), rows - 1})
    dependence = {code: series(model, f"dependence.{code}") for code in great_powers(model)}
    return [
        {
            "date": format_quarter(model.start_quarter + t),
            "autonomy": round(float(autonomy[t]), 3),
            **{code: round(float(values[t]), 3) for code, values in dependence.items()},
            "GDP bn USD": round(float(gdp[t]), 1),
        }
        for t in wanted
    ]


@solara.component
def DependenceChart(model: DiplomacyModel, previous: RunTrace | None = None):
    """Card with the chart, the previous run faintly behind it, and the milestone table (``mv-milestones``)."""
    from mesa.visualization.utils import update_counter

    update_counter.get()
    rows = milestones(model)
    with solara.Card("Dependence over time", classes=["mv-dependence"]):
        ModelFigure(
            draw_dependence,
            dependence_view(model, previous),
            (id(model), model.steps, id(previous)),
            classes=["mv-dependence-figure"],
        )
        if previous is not None:
            solara.Div(
                children=[
                    f"Faint dashed lines: the run before your last Reset ({previous.label}), "
                    f"to {format_quarter(round(previous.years[-1] * 4))}."
                ],
                classes=["mv-overlay-note"],
                style={"color": "#777", "font-size": "0.9em"},
            )
        header = list(rows[0])
        Table(header, [[r[h] for h in header] for r in rows], classes=["mv-milestones"])
