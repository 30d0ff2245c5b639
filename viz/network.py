"""Kazakhstan's ties: every partner on a ring around it, tie width = trade, colour = affinity, arrows = pressure.

Read from the recorded series (``trade_share.<P>``, ``affinity.<P>``,
``pressure.<P>``), so it shows exactly the numbers a researcher gets from
``model.timeseries()``. Partners keep fixed places on the ring (scenario
order, the big economies spread apart) so nothing jumps between quarters.
Affinity runs from vermillion (hostile) through grey to blue (friendly), a
scale colour-blind readers can tell apart; the table under the drawing
gives every number.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from html import escape

import numpy as np
import solara

from viz import svg
from viz.html import TableBehind
from viz.labels import OKABE_ITO, actor_colour, actor_names
from viz.playback import RecordedRun

HOSTILE, NEUTRAL, FRIENDLY = OKABE_ITO["vermillion"], "#a6a6a6", OKABE_ITO["blue"]
PRESSURE_FLOOR = 0.01  # pressure below this is noise, not a marked arrow
WIDTH, HEIGHT = 520, 400
CENTRE, RADIUS = (260.0, 200.0), 160.0


def affinity_colour(value: float) -> str:
    """Vermillion at −1, grey at 0, blue at +1 (linear in RGB between them)."""
    value = float(np.clip(value, -1.0, 1.0))
    low, high = (NEUTRAL, FRIENDLY) if value >= 0 else (NEUTRAL, HOSTILE)
    t = abs(value)
    a = np.array([int(low[i : i + 2], 16) for i in (1, 3, 5)])
    b = np.array([int(high[i : i + 2], 16) for i in (1, 3, 5)])
    r, g, bl = (a + (b - a) * t).round().astype(int)
    return f"#{r:02x}{g:02x}{bl:02x}"


def partners(run: RecordedRun) -> list[str]:
    """Every actor whose ties with Kazakhstan are recorded, biggest economies first (by starting GDP)."""
    model = run.model
    actors = sorted((a for a in model.setting.actors if a.code != model.focal), key=lambda a: -a.gdp_bn)
    return [a.code for a in actors if run.has(f"trade_share.{a.code}") and run.has(f"affinity.{a.code}")]


def layout(codes: list[str]) -> dict[str, tuple[float, float]]:
    """Places on the ring; consecutive big economies are spread apart by a stride coprime with their number."""
    n = len(codes)
    stride = next((s for s in (3, 4, 5, 2) if math.gcd(s, n) == 1), 1)
    positions = {}
    for k, code in enumerate(codes):
        angle = math.pi / 2 - 2 * math.pi * ((k * stride) % n) / n
        positions[code] = (CENTRE[0] + RADIUS * math.cos(angle), CENTRE[1] - RADIUS * math.sin(angle) * 0.92)
    return positions


@dataclass(frozen=True)
class Tie:
    partner: str
    name: str
    trade_share: float
    affinity: float
    pressure: float


@dataclass(frozen=True)
class NetworkView:
    """Kazakhstan's ties in one quarter."""

    date: str
    focal: str
    positions: dict[str, tuple[float, float]]
    ties: tuple[Tie, ...]

    @property
    def pressure(self) -> list[Tie]:
        return [t for t in self.ties if t.pressure > PRESSURE_FLOOR]

    def summary(self) -> str:
        if not self.ties:
            return f"Kazakhstan's ties, {self.date}: none recorded."
        biggest = max(self.ties, key=lambda t: t.trade_share)
        friendliest = max(self.ties, key=lambda t: t.affinity)
        coldest = min(self.ties, key=lambda t: t.affinity)
        pressing = ", ".join(f"{t.name} ({t.pressure:.2f})" for t in self.pressure) or "nobody"
        return (
            f"Network of Kazakhstan's ties, {self.date}. Largest trade share: {biggest.name}, "
            f"{biggest.trade_share:.0%}. Friendliest: {friendliest.name} ({friendliest.affinity:+.2f}); coldest: "
            f"{coldest.name} ({coldest.affinity:+.2f}). Pressing Kazakhstan this quarter: {pressing}. "
            "The table below lists every tie."
        )


def network_view(run: RecordedRun, step: int) -> NetworkView:
    codes = partners(run)
    names = actor_names(run.model)
    ties = tuple(
        Tie(
            code,
            names.get(code, code),
            run.value(f"trade_share.{code}", step),
            run.value(f"affinity.{code}", step),
            run.value(f"pressure.{code}", step) if run.has(f"pressure.{code}") else 0.0,
        )
        for code in codes
    )
    return NetworkView(run.date(step), run.model.focal, layout(codes), ties)


def draw_network(view: NetworkView) -> str:
    parts = []
    top = max((t.trade_share for t in view.ties), default=1.0) or 1.0
    cx, cy = CENTRE
    for tie in view.ties:
        x, y = view.positions[tie.partner]
        width = 0.8 + 9.0 * math.sqrt(max(tie.trade_share, 0.0) / top)
        parts.append(
            f'<line x1="{cx:.1f}" y1="{cy:.1f}" x2="{x:.1f}" y2="{y:.1f}" stroke="{affinity_colour(tie.affinity)}" '
            f'stroke-width="{width:.1f}" stroke-linecap="round"/>'
        )
    parts.append(
        '<defs><marker id="mv-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="5" markerHeight="5" '
        f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{svg.INK}"/></marker></defs>'
    )
    for tie in view.pressure:
        x, y = view.positions[tie.partner]
        # A curved dashed arrow from the partner towards Kazakhstan, beside the tie.
        mx, my = (x + cx) / 2 + (cy - y) * 0.15, (y + cy) / 2 + (x - cx) * 0.15
        ex, ey = cx + (x - cx) * 0.12, cy + (y - cy) * 0.12
        sx, sy = x + (cx - x) * 0.1, y + (cy - y) * 0.1
        parts.append(
            f'<path d="M{sx:.1f},{sy:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}" fill="none" stroke="{svg.INK}" '
            f'stroke-width="{1.5 + 4 * min(tie.pressure, 1.0):.1f}" stroke-dasharray="6 4" marker-end="url(#mv-arrow)"/>'
        )
    for tie in view.ties:
        x, y = view.positions[tie.partner]
        parts.append(svg.circle(x, y, 9, actor_colour(tie.partner), svg.INK, 0.8))
        below = y > cy
        parts.append(svg.text(x, y + (24 if below else -14), tie.partner, size=14, anchor="middle"))
    parts.append(svg.circle(cx, cy, 16, actor_colour(view.focal), svg.INK, 2))
    parts.append(svg.text(cx, cy + 5, view.focal, size=13, anchor="middle", font_weight="bold"))
    return svg.document(WIDTH, HEIGHT, parts, view.summary(), "mv-network-svg")


def legend_html() -> str:
    stops = f"{HOSTILE}, {NEUTRAL}, {FRIENDLY}"
    return (
        '<span class="mv-key"><span aria-hidden="true" style="display:inline-block;width:80px;height:10px;'
        f'background:linear-gradient(to right, {stops});margin-right:6px"></span>line colour: affinity, hostile −1 … '
        "+1 friendly</span>"
        '<span class="mv-key">line width: share of Kazakhstan\'s trade</span>'
        '<span class="mv-key"><svg width="30" height="10" aria-hidden="true"><line x1="1" y1="5" x2="29" y2="5" '
        f'stroke="{svg.INK}" stroke-width="2" stroke-dasharray="6 4"/></svg>dashed arrow: pressure on Kazakhstan this quarter</span>'
    )


def tie_rows(view: NetworkView) -> tuple[list[str], list[list[object]]]:
    header = ["partner", "trade share", "affinity (−1 … +1)", "pressure this quarter"]
    rows = [
        [f"{t.name} ({t.partner})", f"{t.trade_share:.1%}", f"{t.affinity:+.2f}", f"{t.pressure:.2f}"]
        for t in sorted(view.ties, key=lambda t: -t.trade_share)
    ]
    return header, rows


@solara.component
def RelationNetwork(run: RecordedRun, shown: int):
    """The drawing, its key, who is pressing whom in words, and the ties' table."""
    view = network_view(run, shown)
    pressing = [f"{t.partner} → {view.focal} ({t.pressure:.2f})" for t in view.pressure]
    header, rows = tie_rows(view)
    with solara.Div():
        solara.HTML(tag="div", unsafe_innerHTML=draw_network(view), classes=["mv-chart", "mv-network-figure"])
        solara.HTML(tag="div", unsafe_innerHTML=legend_html(), classes=["mv-legend"])
        solara.HTML(
            tag="p",
            unsafe_innerHTML=escape(
                f"Pressure now: {', '.join(pressing)}" if pressing else "No pressure on Kazakhstan this quarter"
            ),
            classes=["mv-network-pressure"],
        )
        TableBehind("The network as a table", header, rows, f"Kazakhstan's ties, {view.date}", ["mv-network-table"])
