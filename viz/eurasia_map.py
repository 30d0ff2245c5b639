"""Schematic map of Eurasia: capitals, the corridors through their transit states, disruptions.

No map tiles (the page must work offline): capitals come from
``world/data/actors.csv`` (lon/lat) and a few hand-drawn outlines give the
eye something to hold on to. Borders and coasts are approximate. The map is
an SVG with a spoken summary and a table of the corridors under it; a
disrupted corridor is marked by a cross and named in words, not by colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import numpy as np
import solara

from viz import svg
from viz.html import TableBehind
from viz.labels import CORRIDOR_COLOURS, actor_colour, actor_names
from viz.playback import RecordedRun
from world.measures import MEASURES

# Rough outlines (lon, lat), traced by hand from an atlas: enough to recognise the region.
KAZAKHSTAN_OUTLINE = [
    (46.5, 48.5),
    (47.5, 50.4),
    (50.8, 51.6),
    (55.5, 50.6),
    (61.0, 51.0),
    (61.5, 53.0),
    (65.0, 54.6),
    (69.0, 55.4),
    (73.5, 54.0),
    (76.5, 54.2),
    (78.0, 52.6),
    (83.0, 51.0),
    (87.3, 49.1),
    (85.5, 47.0),
    (82.5, 45.5),
    (80.0, 45.0),
    (80.3, 42.8),
    (75.0, 42.9),
    (71.0, 42.5),
    (68.5, 40.8),
    (66.0, 42.9),
    (61.0, 44.0),
    (56.0, 45.0),
    (56.0, 41.3),
    (52.8, 41.7),
    (51.0, 44.3),
    (50.3, 44.6),
    (51.3, 45.3),
    (53.0, 46.0),
    (51.5, 46.9),
    (49.2, 46.5),
]
CASPIAN_OUTLINE = [
    (49.0, 46.6),
    (51.5, 46.9),
    (53.0, 46.0),
    (51.3, 45.3),
    (50.3, 44.6),
    (51.0, 44.3),
    (52.8, 41.7),
    (53.0, 40.6),
    (54.0, 40.0),
    (53.9, 37.3),
    (51.5, 36.8),
    (49.0, 37.6),
    (48.8, 38.5),
    (49.5, 40.2),
    (48.6, 41.8),
    (47.5, 43.0),
    (47.5, 44.6),
    (47.0, 45.5),
    (48.0, 46.4),
]
BLACK_SEA_OUTLINE = [
    (28.0, 41.5),
    (29.0, 41.2),
    (31.5, 41.2),
    (35.0, 42.0),
    (38.0, 40.9),
    (41.5, 41.5),
    (41.7, 42.6),
    (39.5, 44.2),
    (37.5, 44.8),
    (35.0, 45.0),
    (33.5, 44.4),
    (32.6, 45.5),
    (31.0, 46.6),
    (30.0, 45.5),
    (28.7, 44.3),
    (28.0, 42.5),
]
WATER = "#d6eaf8"
EXTENT = (-4.0, 121.0, 31.0, 58.0)  # lon min, lon max, lat min, lat max
ASPECT = 1.5  # a degree of latitude drawn 1.5 times a degree of longitude: roughly Mercator at 50°N
SCALE = 5.6  # px per degree of longitude
MARGIN = 6
OFFSET_DEG = 0.7  # sideways shift between corridors sharing a segment
DISRUPTED_MARK = "#000000"


def corridor_title(name: str) -> str:
    """A corridor's readable name from its id ("north_south" → "North-South", "cpc" → "CPC")."""
    special = {"cpc": "CPC pipeline", "middle": "Middle Corridor"}
    return special.get(name, name.replace("_", "-").title().replace("-Oil", " oil").replace("-Pipeline", " pipeline"))


@dataclass(frozen=True)
class Capital:
    code: str
    name: str
    lon: float  # pinned to the map's western edge when the capital lies off the map
    lat: float
    off_map: bool


@dataclass(frozen=True)
class CorridorLine:
    name: str
    points: tuple[tuple[float, float], ...]
    offset: float
    width: float
    volume: float
    capacity: float
    oil: bool
    disruption: float
    colour: str

    @property
    def open(self) -> bool:
        return self.capacity > 0


@dataclass(frozen=True)
class MapView:
    """Everything the map shows for one quarter."""

    date: str
    focal: str
    capitals: tuple[Capital, ...]
    corridors: tuple[CorridorLine, ...]

    @property
    def disrupted(self) -> list[CorridorLine]:
        return [c for c in self.corridors if c.disruption > 0]

    def summary(self) -> str:
        """What a screen reader says for the map."""
        shown = [c for c in self.corridors if c.open]
        busiest = max(shown, key=lambda c: c.volume) if shown else None
        parts = [f"Schematic map of Eurasia's export corridors from Kazakhstan, {self.date}."]
        if busiest is not None:
            parts.append(
                f"{len(shown)} corridors open; the busiest is the {corridor_title(busiest.name)}, {busiest.volume:.0f} Mt a year."
            )
        if self.disrupted:
            parts.append(
                "Disrupted: "
                + ", ".join(f"{corridor_title(c.name)} (−{c.disruption:.0%})" for c in self.disrupted)
                + "."
            )
        else:
            parts.append("No corridor is disrupted.")
        parts.append("The table below the map lists every corridor.")
        return " ".join(parts)


def capitals(run: RecordedRun) -> tuple[Capital, ...]:
    """Every actor's capital (actors.csv lon/lat)."""
    lon_min = EXTENT[0] + 2.0
    names = actor_names(run.model)
    return tuple(
        Capital(a.code, names.get(a.code, a.code), max(a.lon, lon_min), a.lat, a.lon < lon_min)
        for a in run.model.setting.actors
    )


def corridor_line(points, offset: float) -> np.ndarray:
    """The polyline through ``points`` shifted sideways by ``offset`` degrees (so parallel routes stay apart)."""
    xy = np.asarray(points, dtype=float)
    if len(xy) < 2 or offset == 0.0:
        return xy
    direction = np.gradient(xy, axis=0)
    normal = np.column_stack([-direction[:, 1], direction[:, 0]])
    length = np.linalg.norm(normal, axis=1, keepdims=True)
    return xy + offset * normal / np.where(length > 0, length, 1.0)


def map_view(run: RecordedRun, step: int) -> MapView:
    """The quarter's corridors along their transit states, width by volume (``corridor_volume.<name>``)."""
    where = {c.code: (c.lon, c.lat) for c in capitals(run)}
    rows = run.model.setting.corridors
    volumes = [run.value(f"corridor_volume.{c.name}", step) for c in rows]
    top = max(max(volumes, default=0.0), 1e-9)
    disruption = run.quarters[step].disruption
    views = tuple(
        CorridorLine(
            name=row.name,
            points=tuple(where[code] for code in row.path.split("-") if code in where),
            offset=OFFSET_DEG * (c - (len(rows) - 1) / 2) / 2,
            width=1.0 + 7.0 * volumes[c] / top,
            volume=volumes[c],
            capacity=run.value(f"corridor_capacity.{row.name}", step),
            oil=row.kind == "oil",
            disruption=float(disruption[c]),
            colour=CORRIDOR_COLOURS[c % len(CORRIDOR_COLOURS)],
        )
        for c, row in enumerate(rows)
    )
    return MapView(run.date(step), run.model.focal, capitals(run), views)


def _project(lon, lat) -> tuple[float, float]:
    x = MARGIN + (np.asarray(lon, dtype=float) - EXTENT[0]) * SCALE
    y = MARGIN + (EXTENT[3] - np.asarray(lat, dtype=float)) * SCALE * ASPECT
    return x, y


def draw_map(view: MapView) -> str:
    """The schematic map of one quarter as an SVG string."""
    width = 2 * MARGIN + (EXTENT[1] - EXTENT[0]) * SCALE
    height = 2 * MARGIN + (EXTENT[3] - EXTENT[2]) * SCALE * ASPECT
    parts = [f'<rect x="0" y="0" width="{width:.0f}" height="{height:.0f}" fill="#fbfaf6"/>']
    for outline in (CASPIAN_OUTLINE, BLACK_SEA_OUTLINE):
        xs, ys = _project(*zip(*outline))
        parts.append(svg.polygon(zip(xs, ys), WATER, "#9dc3e6", 1))
    focal = actor_colour(view.focal)
    xs, ys = _project(*zip(*KAZAKHSTAN_OUTLINE))
    parts.append(svg.polygon(zip(xs, ys), focal, focal, 2, opacity=0.25))
    x, y = _project(66.0, 47.5)
    parts.append(
        svg.text(float(x), float(y), "KAZAKHSTAN", size=15, anchor="middle", font_weight="bold", fill="#1b4f72")
    )

    for corridor in view.corridors:
        if not corridor.open or len(corridor.points) < 2:
            continue
        xy = corridor_line(corridor.points, corridor.offset)
        xs, ys = _project(xy[:, 0], xy[:, 1])
        parts.append(
            svg.polyline(xs, ys, corridor.colour, round(corridor.width, 1), "7 4" if corridor.oil else "", 0.9)
        )
    for corridor in view.disrupted:
        xy = corridor_line(corridor.points, corridor.offset)
        mid = xy[len(xy) // 2 - 1 : len(xy) // 2 + 1].mean(axis=0)
        x, y = (float(v) for v in _project(*mid))
        parts.append(svg.circle(x, y, 11, "white", DISRUPTED_MARK, 2))
        parts.append(svg.line(x - 6, y - 6, x + 6, y + 6, DISRUPTED_MARK, 3))
        parts.append(svg.line(x - 6, y + 6, x + 6, y - 6, DISRUPTED_MARK, 3))
        parts.append(
            svg.text(
                x + 14,
                y - 8,
                f"{corridor_title(corridor.name)} disrupted −{corridor.disruption:.0%}",
                size=14,
                font_weight="bold",
            )
        )

    for capital in view.capitals:
        is_focal = capital.code == view.focal
        x, y = (float(v) for v in _project(capital.lon, capital.lat))
        parts.append(
            svg.circle(x, y, 6 if is_focal else 4, actor_colour(capital.code), "#000000", 1.5 if is_focal else 0.8)
        )
        label = f"← {capital.code}" if capital.off_map else capital.code
        parts.append(svg.text(x + 5, y - 5, label, size=13, font_weight="bold" if is_focal else "normal"))
    parts.append(
        svg.text(
            width - 6,
            height - 6,
            "schematic · capitals from actors.csv · borders approximate",
            size=10,
            anchor="end",
            fill=svg.MUTED,
            css="mv-svg-tick",
        )
    )
    return svg.document(width, height, parts, view.summary(), "mv-map-svg")


def legend_html(view: MapView) -> str:
    """The corridors' key: colour, dash (oil), name and volume; a line per corridor."""
    unit = MEASURES["corridor_volume"].unit
    items = []
    for c in view.corridors:
        if not c.open:
            continue
        dashes = ' stroke-dasharray="7 4"' if c.oil else ""
        state = f" · disrupted −{c.disruption:.0%}" if c.disruption > 0 else ""
        items.append(
            f'<span class="mv-key"><svg width="30" height="10" aria-hidden="true"><line x1="1" y1="5" x2="29" y2="5" '
            f'stroke="{c.colour}" stroke-width="3"{dashes}/></svg>{escape(corridor_title(c.name))} '
            f"({'oil' if c.oil else 'cargo'}) {c.volume:.0f} {escape(unit)}{state}</span>"
        )
    return "".join(items)


def corridor_rows(view: MapView) -> tuple[list[str], list[list[object]]]:
    """The map's data table: every corridor, its kind, volume, capacity and disruption."""
    unit = MEASURES["corridor_volume"].unit
    header = ["corridor", "kind", f"volume ({unit})", f"capacity ({unit})", "disrupted this quarter"]
    rows = [
        [
            corridor_title(c.name),
            c.oil and "oil" or "cargo",
            f"{c.volume:.1f}",
            f"{c.capacity:.1f}",
            f"−{c.disruption:.0%}" if c.disruption > 0 else "no",
        ]
        for c in view.corridors
    ]
    return header, rows


@solara.component
def EurasiaMap(run: RecordedRun, shown: int):
    """The map, its key, a line naming any disrupted corridor, and the corridors' table."""
    view = map_view(run, shown)
    disrupted = [f"{corridor_title(c.name)} ({c.name}) −{c.disruption:.0%}" for c in view.disrupted]
    header, rows = corridor_rows(view)
    with solara.Div():
        solara.HTML(tag="div", unsafe_innerHTML=draw_map(view), classes=["mv-chart", "mv-map-figure"])
        solara.HTML(tag="div", unsafe_innerHTML=legend_html(view), classes=["mv-legend"])
        solara.HTML(
            tag="p",
            unsafe_innerHTML=escape(
                f"Disrupted now: {', '.join(disrupted)}" if disrupted else "No corridor disrupted now"
            ),
            classes=["mv-map-disruptions"],
        )
        TableBehind("The map as a table", header, rows, f"Export corridors, {view.date}", ["mv-map-table"])
