"""Schematic map of Eurasia: capitals, the corridors through their transit states, disruptions.

No map tiles (the page must work offline): capitals come from
``world/data/actors.csv`` (lon/lat) and a few hand-drawn outlines give the
eye something to hold on to. Borders and coasts are approximate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import solara
from matplotlib.figure import Figure
from matplotlib.patches import Polygon

from viz.figure import ModelFigure, new_figure
from viz.labels import actor_colour
from world import DiplomacyModel

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
OFFSET_DEG = 0.7  # sideways shift between corridors sharing a segment
DISRUPTED = "#e01010"
LABEL_PT = 9  # capital codes and corridor names; the figure is shown at ~90 % of its size, so 9 pt reads as ~8


@dataclass(frozen=True)
class Capital:
    code: str
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
    oil: bool
    disruption: float
    open: bool


@dataclass(frozen=True)
class MapView:
    """Everything the map shows for one quarter, copied out of the model (drawn in another thread)."""

    date: str
    focal: str
    capitals: tuple[Capital, ...]
    corridors: tuple[CorridorLine, ...]

    @property
    def disrupted(self) -> list[CorridorLine]:
        return [c for c in self.corridors if c.disruption > 0]


def capitals(model: DiplomacyModel) -> tuple[Capital, ...]:
    """Every actor's capital (actors.csv lon/lat)."""
    lon_min = EXTENT[0] + 2.0
    return tuple(Capital(a.code, max(a.lon, lon_min), a.lat, a.lon < lon_min) for a in model.setting.actors)


def corridor_line(points, offset: float) -> np.ndarray:
    """The polyline through ``points`` shifted sideways by ``offset`` degrees (so parallel routes stay apart)."""
    xy = np.asarray(points, dtype=float)
    if len(xy) < 2 or offset == 0.0:
        return xy
    direction = np.gradient(xy, axis=0)
    normal = np.column_stack([-direction[:, 1], direction[:, 0]])
    length = np.linalg.norm(normal, axis=1, keepdims=True)
    return xy + offset * normal / np.where(length > 0, length, 1.0)


def map_view(model: DiplomacyModel) -> MapView:
    """This quarter's corridors along their transit states (``model.corridors.paths``), width by volume."""
    cor = model.corridors
    where = {c.code: (c.lon, c.lat) for c in capitals(model)}
    top = max(float(cor.volume.max()), 1e-9)
    views = tuple(
        CorridorLine(
            name=name,
            points=tuple(where[code] for code in cor.paths[c] if code in where),
            offset=OFFSET_DEG * (c - (len(cor.names) - 1) / 2) / 2,
            width=0.6 + 5.5 * float(cor.volume[c]) / top,
            volume=float(cor.volume[c]),
            oil=bool(cor.is_oil[c]),
            disruption=float(cor.disruption[c]),
            open=float(cor.capacity[c]) > 0,
        )
        for c, name in enumerate(cor.names)
    )
    return MapView(model.date, model.focal, capitals(model), views)


def draw_map(view: MapView) -> Figure:
    """The schematic map of one quarter."""
    fig, ax = new_figure(6.4, 2.9)
    ax.set_facecolor("#fbfaf6")
    for outline in (CASPIAN_OUTLINE, BLACK_SEA_OUTLINE):
        ax.add_patch(Polygon(outline, closed=True, facecolor=WATER, edgecolor="#9dc3e6", lw=0.8))
    focal = actor_colour(view.focal)
    ax.add_patch(
        Polygon(KAZAKHSTAN_OUTLINE, closed=True, facecolor=focal, alpha=0.18, edgecolor=focal, lw=2.0, zorder=1)
    )
    ax.text(
        66.0, 47.5, "KAZAKHSTAN", color=focal, fontsize=LABEL_PT + 1, weight="bold", ha="center", alpha=0.8, zorder=1
    )

    cargo_colours = iter(["#1f77b4", "#17becf", "#2ca02c", "#9467bd"])
    oil_colours = iter(["#6d4c41", "#a1887f", "#ff9800", "#455a64"])
    for corridor in view.corridors:
        colour = next(oil_colours if corridor.oil else cargo_colours, "#555555")
        if not corridor.open or len(corridor.points) < 2:
            continue
        xy = corridor_line(corridor.points, corridor.offset)
        disrupted = corridor.disruption > 0
        label = f"{corridor.name} · {corridor.volume:.0f} Mt/yr"
        if disrupted:
            label += f" · DISRUPTED −{corridor.disruption:.0%}"
        ax.plot(
            xy[:, 0],
            xy[:, 1],
            color=DISRUPTED if disrupted else colour,
            lw=corridor.width,
            ls=(0, (3, 1.5)) if corridor.oil else "-",
            alpha=0.85,
            solid_capstyle="round",
            label=label,
            zorder=2,
        )
        if disrupted:
            mid = xy[len(xy) // 2 - 1 : len(xy) // 2 + 1].mean(axis=0)
            ax.plot(*mid, marker="X", ms=13, color=DISRUPTED, mec="white", mew=1.5, zorder=5)
            ax.annotate(
                f"{corridor.name.upper()} disrupted",
                mid,
                xytext=(-30, 12),
                textcoords="offset points",
                color=DISRUPTED,
                fontsize=LABEL_PT,
                weight="bold",
                zorder=5,
            )

    for capital in view.capitals:
        is_focal = capital.code == view.focal
        ax.plot(
            capital.lon,
            capital.lat,
            "o",
            ms=9 if is_focal else 5,
            color=actor_colour(capital.code),
            mec="black",
            mew=1.2 if is_focal else 0.5,
            zorder=4,
        )
        ax.annotate(
            f"← {capital.code}" if capital.off_map else capital.code,
            (capital.lon, capital.lat),
            xytext=(4, 4),
            textcoords="offset points",
            fontsize=LABEL_PT,
            weight="bold" if is_focal else "normal",
            zorder=4,
        )

    ax.set_xlim(EXTENT[0], EXTENT[1])
    ax.set_ylim(EXTENT[2], EXTENT[3])
    ax.set_aspect(1.5)  # roughly Mercator at 50°N: Kazakhstan keeps its shape
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_title(f"Export corridors, {view.date}  (width = volume; dashed = oil)", fontsize=LABEL_PT + 1)
    ax.legend(
        loc="upper center", bbox_to_anchor=(0.5, -0.01), fontsize=LABEL_PT - 1, ncols=3, frameon=False, handlelength=2.5
    )
    ax.text(
        0.995,
        0.01,
        "schematic · capitals from actors.csv · borders approximate",
        transform=ax.transAxes,
        ha="right",
        va="bottom",
        fontsize=6,
        color="#888888",
    )
    return fig


@solara.component
def EurasiaMap(model: DiplomacyModel):
    """Card with the map; its status line names any disrupted corridor in words."""
    from mesa.visualization.utils import update_counter

    update_counter.get()
    view = map_view(model)
    disrupted = [f"{c.name} (−{c.disruption:.0%})" for c in view.disrupted]
    with solara.Card("Map of Eurasia", classes=["mv-map"]):
        ModelFigure(draw_map, view, (id(model), model.steps), classes=["mv-map-figure"])
        solara.Text(
            f"Disrupted now: {', '.join(disrupted)}" if disrupted else "No corridor disrupted now",
            classes=["mv-map-disruptions"],
        )
