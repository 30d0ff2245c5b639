"""The key chart: Kazakhstan's autonomy and its dependence on each power it balances between, over time.

The x axis always spans the whole run (2010 to 2040) so a student sees how
far the run has come; 2025, when Kazakhstan's strategy and the levers take
over, is marked. The run before the last Reset stays behind it, dashed and
faint, over its whole length (it was computed to the end). Scheduled
historical events are ticks on the time axis. The chart is an SVG with a
spoken summary; the table under it gives its numbers every five years.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np
import solara

from viz import svg
from viz.html import scroll_region, table_html
from viz.labels import AUTONOMY_COLOUR, OKABE_ITO, actor_colour, actor_names, great_powers
from viz.playback import RecordedRun
from world.measures import MEASURES

EVENT_COLOURS = {
    "pressure": OKABE_ITO["vermillion"],
    "investment": OKABE_ITO["bluish green"],
    "diplomacy": OKABE_ITO["blue"],
    "security": OKABE_ITO["reddish purple"],
    "trade": OKABE_ITO["orange"],
}
OTHER_EVENT = "#7f7f7f"  # state changes (capacity, reliability, opinion …) log the category "scheduled"
MILESTONE_EVERY = 20  # quarters: one table row every five years
WIDTH, HEIGHT = 720, 290
PLOT = dict(left=46, top=30, width=656, height=220)


@dataclass(frozen=True)
class RunTrace:
    """A run's curves over its whole length, kept after Reset so the next run can be read against it."""

    label: str
    years: np.ndarray
    dependence: dict[str, np.ndarray]
    autonomy: np.ndarray


def run_trace(run: RecordedRun, label: str) -> RunTrace:
    """The whole run's curves (it was computed to the end)."""
    model = run.model
    autonomy = run.series("autonomy").copy()
    years = run.year(0) + np.arange(len(autonomy)) / 4.0
    return RunTrace(
        label, years, {code: run.series(f"dependence.{code}").copy() for code in great_powers(model)}, autonomy
    )


@dataclass(frozen=True)
class DependenceView:
    """The curves up to the quarter shown and the scheduled events so far."""

    date: str
    start: float  # decimal years
    end: float
    levers_from: float
    levers_from_date: str
    years: np.ndarray
    dependence: dict[str, np.ndarray]
    names: dict[str, str]
    autonomy: np.ndarray
    events: tuple[tuple[float, str], ...]  # (decimal year, category) of scheduled events so far
    previous: RunTrace | None = None

    def summary(self) -> str:
        """What a screen reader says for the chart."""
        if len(self.autonomy) < 2:
            return (
                f"Line chart of autonomy and dependence on {', '.join(self.names.values())}, "
                f"{self.date}: the run has not started. The table below the chart gives the numbers."
            )
        top = max(self.dependence, key=lambda code: self.dependence[code][-1]) if self.dependence else None
        largest = f"; the largest dependence is on {self.names[top]}, {self.dependence[top][-1]:.2f}" if top else ""
        return (
            f"Line chart of autonomy and dependence on {', '.join(self.names.values())}, from the start to "
            f"{self.date}. Autonomy is {self.autonomy[-1]:.2f}, it was {self.autonomy[0]:.2f} at the start{largest}. "
            f"Kazakhstan's strategy and the levers act from {self.levers_from_date}. The table below gives the numbers."
        )


def dependence_view(run: RecordedRun, step: int, previous: RunTrace | None = None) -> DependenceView:
    """The curves from the recorded series up to ``step``; scheduled events (origin "scheduled") from the log."""
    model = run.model
    autonomy = run.series("autonomy", step)
    names = actor_names(model)
    powers = great_powers(model)
    events = tuple((run.year(e.step), e.category) for e in run.events_until(step) if e.origin == "scheduled")
    return DependenceView(
        date=run.date(step),
        start=run.year(0),
        end=run.year(run.last),
        levers_from=run.year(run.levers_from),
        levers_from_date=run.date(run.levers_from),
        years=run.year(0) + np.arange(len(autonomy)) / 4.0,
        dependence={code: run.series(f"dependence.{code}", step) for code in powers},
        names={code: names.get(code, code) for code in powers},
        autonomy=autonomy,
        events=events,
        previous=previous,
    )


def legend_items(view: DependenceView) -> list[tuple[str, str, str, float]]:
    """(words, colour, dash, width) for each line of the chart, in the order drawn."""
    autonomy = MEASURES["autonomy"].label.lower()
    items = [(f"{autonomy} (higher: freer)", AUTONOMY_COLOUR, "", 3.0)]
    items += [(f"dependence on {view.names[code]}", actor_colour(code), "", 2.0) for code in view.dependence]
    if view.previous is not None:
        items.append(("previous run (dashed)", "#7f7f7f", "5 3", 2.0))
    return items


def draw_dependence(view: DependenceView) -> str:
    """The chart as an SVG string."""
    frame = svg.Frame((view.start, view.end + 0.25), (0.0, 1.0), **PLOT)
    parts = frame.y_axis([0, 0.25, 0.5, 0.75, 1.0])
    first_decade = int(np.ceil(view.start / 5) * 5)
    years = list(range(first_decade, int(view.end) + 1, 5))
    parts += frame.x_axis(years, [str(y) for y in years])

    # 2025: when the strategy and the levers take over, shaded lightly to the end.
    x_levers = float(frame.x(view.levers_from))
    parts.append(
        f'<rect x="{x_levers:.1f}" y="{frame.top}" width="{frame.right - x_levers:.1f}" height="{frame.height}" '
        'fill="#f2f2f2"/>'
    )
    parts.append(svg.line(x_levers, frame.top - 4, x_levers, frame.bottom, svg.INK, 1.5, "4 3"))
    parts.append(
        svg.text(
            x_levers + 4,
            frame.top - 8,
            f"{view.levers_from_date}: strategy and levers act →",
            size=12,
            font_weight="bold",
        )
    )
    parts.append(svg.text(frame.left + 2, frame.top - 8, "history replayed", size=12, fill=svg.MUTED))

    if view.previous is not None:
        before = view.previous
        xs = frame.x(before.years)
        for code, values in before.dependence.items():
            parts.append(svg.polyline(xs, frame.y(values), actor_colour(code), 1.5, "5 3", 0.55))
        parts.append(svg.polyline(xs, frame.y(before.autonomy), AUTONOMY_COLOUR, 2.0, "5 3", 0.45))

    for year, category in view.events:
        x = float(frame.x(year))
        parts.append(svg.line(x, frame.bottom - 9, x, frame.bottom - 1, EVENT_COLOURS.get(category, OTHER_EVENT), 1.5))

    xs = frame.x(view.years)
    for code, values in view.dependence.items():
        parts.append(svg.polyline(xs, frame.y(values), actor_colour(code), 2.0))
        parts.append(svg.circle(float(xs[-1]), float(frame.y(values[-1])), 3, actor_colour(code)))
    parts.append(svg.polyline(xs, frame.y(view.autonomy), AUTONOMY_COLOUR, 3.0))
    parts.append(svg.circle(float(xs[-1]), float(frame.y(view.autonomy[-1])), 4, AUTONOMY_COLOUR))
    parts.append(svg.line(float(xs[-1]), frame.top, float(xs[-1]), frame.bottom, "#7f7f7f", 1))
    if len(view.years) == 1:
        parts.append(
            svg.text(
                frame.left + frame.width / 2,
                frame.top + frame.height / 2,
                "Press Play or Step: the lines grow from the left, quarter by quarter",
                size=14,
                anchor="middle",
                fill=svg.MUTED,
            )
        )
    parts.append(svg.text(8, frame.top - 8, "share", size=12, fill=svg.MUTED, css="mv-svg-tick"))
    return svg.document(WIDTH, HEIGHT, parts, view.summary(), "mv-dependence-svg")


def legend_html(view: DependenceView) -> str:
    """The chart's key in HTML (it wraps on a narrow screen)."""
    items = []
    for words, colour, dash, width in legend_items(view):
        dashes = f' stroke-dasharray="{dash}"' if dash else ""
        items.append(
            f'<span class="mv-key"><svg width="26" height="10" aria-hidden="true"><line x1="1" y1="5" x2="25" y2="5" '
            f'stroke="{colour}" stroke-width="{width:g}"{dashes}/></svg>{escape(words)}</span>'
        )
    items.append(
        '<span class="mv-key"><svg width="10" height="10" aria-hidden="true"><line x1="5" y1="1" x2="5" y2="9" '
        f'stroke="{OTHER_EVENT}" stroke-width="2"/></svg>ticks: scheduled historical events</span>'
    )
    return "".join(items)


def milestones(run: RecordedRun, step: int) -> list[dict[str, object]]:
    """One row every five years (and the quarter shown): autonomy, dependence per great power, GDP."""
    autonomy, gdp = run.series("autonomy", step), run.series("gdp", step)
    wanted = sorted({*range(0, step + 1, MILESTONE_EVERY), step})
    powers = great_powers(run.model)
    gdp_label = f"{MEASURES['gdp'].label} ({MEASURES['gdp'].unit})"
    return [
        {
            "date": run.date(t),
            "autonomy": round(float(autonomy[t]), 3),
            **{code: round(float(run.series(f"dependence.{code}")[t]), 3) for code in powers},
            gdp_label: round(float(gdp[t]), 1),
        }
        for t in wanted
    ]


@solara.component
def DependenceChart(run: RecordedRun, shown: int, previous: RunTrace | None = None):
    """The chart at quarter ``shown``, its key and the previous run's note."""
    view = dependence_view(run, shown, previous)
    with solara.Div():
        solara.HTML(
            tag="div",
            unsafe_innerHTML=draw_dependence(view),
            classes=["mv-chart", "mv-dependence-figure"],
            attributes={"data-step": str(shown)},
        )
        solara.HTML(tag="div", unsafe_innerHTML=legend_html(view), classes=["mv-legend"])
        if previous is not None:
            solara.HTML(
                tag="p",
                unsafe_innerHTML=escape(
                    f"Dashed lines: the run before your last Reset ({previous.label}), to the end."
                ),
                classes=["mv-overlay-note", "mv-note"],
            )


@solara.component
def Milestones(run: RecordedRun, shown: int):
    """The chart's numbers every five years and at the quarter shown: the chart's data table."""
    rows = milestones(run, shown)
    header = list(rows[0])
    solara.HTML(
        tag="div",
        unsafe_innerHTML=table_html(
            header,
            [[r[h] for h in header] for r in rows],
            caption="The chart's numbers: autonomy and dependence (shares 0–1) every five years and now",
        ),
        classes=["mv-table-scroll", "mv-milestones"],
        attributes=scroll_region("the key chart's numbers"),
    )
