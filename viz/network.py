"""Relation network: actors sized by GDP, ties coloured by affinity and weighted by trade, pressure marked.

Kazakhstan sits in the middle so a student sees its ties fan out; the other
actors keep fixed places on a ring (scenario order) so nothing jumps between
quarters.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import solara
from matplotlib.collections import LineCollection
from matplotlib.colors import Normalize
from matplotlib.figure import Figure

from viz.figure import ModelFigure, new_figure
from viz.labels import actor_colour
from world import DiplomacyModel

AFFINITY_CMAP = "RdYlGn"
MIN_TIE_SHARE = 0.004  # ties below this share of all trade are left out (clutter)
PRESSURE_FLOOR = 0.01  # pressure below this is noise, not a marked edge


def layout(model: DiplomacyModel) -> dict[str, tuple[float, float]]:
    """Focal actor at the centre, the others on a ring with the big economies spread apart.

    Slots follow the scenario's starting GDP (not today's), so nobody moves as the run goes on.
    """
    others = sorted((a for a in model.setting.actors if a.code != model.focal), key=lambda a: -a.gdp_bn)
    n = len(others)
    stride = next(s for s in (3, 4, 5, 2, 1) if math.gcd(s, n) == 1 or s == 1)
    positions = {model.focal: (0.0, 0.0)}
    for k, actor in enumerate(others):
        angle = math.pi / 2 - 2 * math.pi * ((k * stride) % n) / n
        positions[actor.code] = (math.cos(angle), math.sin(angle))
    return positions


def ties(model: DiplomacyModel) -> list[tuple[str, str, float, float]]:
    """Undirected ties (a, b, realised trade both ways in $bn, mean affinity), the ones worth drawing."""
    rel = model.relations
    n = rel.n
    trade = model.realised_trade()[:n, :n]
    both = trade + trade.T
    threshold = MIN_TIE_SHARE * both.sum() / 2
    f = rel.index[model.focal]
    result = []
    for i in range(n):
        for j in range(i + 1, n):
            if both[i, j] >= threshold or f in (i, j):
                affinity = 0.5 * (rel.affinity[i, j] + rel.affinity[j, i])
                result.append((rel.codes[i], rel.codes[j], float(both[i, j]), float(affinity)))
    return result


def pressure_edges(model: DiplomacyModel) -> list[tuple[str, str, float]]:
    """(from, to, intensity) of pressure applied this quarter."""
    rel = model.relations
    rows, cols = np.nonzero(rel.pressure > PRESSURE_FLOOR)
    return [(rel.codes[i], rel.codes[j], float(rel.pressure[i, j])) for i, j in zip(rows, cols)]


@dataclass(frozen=True)
class NetworkView:
    """Everything the network shows for one quarter, copied out of the model (drawn in another thread)."""

    date: str
    focal: str
    positions: dict[str, tuple[float, float]]
    gdp: dict[str, float]
    ties: tuple[tuple[str, str, float, float], ...]
    pressure: tuple[tuple[str, str, float], ...]


def network_view(model: DiplomacyModel) -> NetworkView:
    rel = model.relations
    return NetworkView(
        model.date,
        model.focal,
        layout(model),
        dict(zip(rel.codes, map(float, rel.gdp))),
        tuple(ties(model)),
        tuple(pressure_edges(model)),
    )


def draw_network(view: NetworkView) -> Figure:
    fig, ax = new_figure(4.6, 4.2)
    pos = view.positions
    norm = Normalize(-1.0, 1.0)
    edge_list = view.ties
    top = max((t[2] for t in edge_list), default=1.0)
    segments = [[pos[a], pos[b]] for a, b, _, _ in edge_list]
    widths = [0.4 + 5.0 * math.sqrt(v / top) for _, _, v, _ in edge_list]
    lines = LineCollection(segments, linewidths=widths, cmap=AFFINITY_CMAP, norm=norm, alpha=0.75, zorder=1)
    lines.set_array(np.array([t[3] for t in edge_list]))
    ax.add_collection(lines)
    bar = fig.colorbar(lines, ax=ax, shrink=0.55, pad=0.0, aspect=25)
    bar.set_label("affinity (−1 hostile … +1 friendly)", fontsize=7)
    bar.ax.tick_params(labelsize=6)

    for source, target, intensity in view.pressure:
        ax.annotate(
            "",
            xy=pos[target],
            xytext=pos[source],
            zorder=3,
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#b00000",
                "lw": 1.0 + 4.0 * min(intensity, 1.0),
                "ls": "--",
                "shrinkA": 10,
                "shrinkB": 12,
                "connectionstyle": "arc3,rad=0.15",
            },
        )

    top_gdp = max(view.gdp.values())
    for code, gdp in view.gdp.items():
        size = 25 + 650 * math.sqrt(gdp / top_gdp)
        x, y = pos[code]
        ax.scatter(
            [x],
            [y],
            s=size,
            color=actor_colour(code),
            edgecolors="black",
            linewidths=2.0 if code == view.focal else 0.5,
            zorder=4,
        )
        gap = math.sqrt(size) / 2 + 2  # marker radius in points
        ax.annotate(
            code,
            (x, y),
            xytext=(0, -gap if y < 0 else gap),
            textcoords="offset points",
            ha="center",
            va="top" if y < 0 else "bottom",
            fontsize=8,
            weight="bold" if code == view.focal else "normal",
            zorder=5,
        )
    ax.plot([], [], color="#b00000", ls="--", label="pressure this quarter →")
    ax.scatter([], [], s=60, color="#cccccc", edgecolors="black", label="node size = GDP")
    ax.plot([], [], color="#888888", lw=4, label="width = trade")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, -0.12), ncols=3, fontsize=7, frameon=False)
    ax.set_xlim(-1.3, 1.3)
    ax.set_ylim(-1.3, 1.3)
    ax.set_aspect("equal")
    ax.axis("off")
    ax.set_title(f"Relations, {view.date}", fontsize=9)
    return fig


@solara.component
def RelationNetwork(model: DiplomacyModel):
    """Card with the network; its caption lists who is pressing whom in words."""
    from mesa.visualization.utils import update_counter

    update_counter.get()
    view = network_view(model)
    pressing = [f"{a} → {b} ({v:.2f})" for a, b, v in view.pressure]
    with solara.Card("Relation network", classes=["mv-network"]):
        ModelFigure(draw_network, view, (id(model), model.steps), classes=["mv-network-figure"])
        solara.Text(
            f"Pressure now: {', '.join(pressing)}" if pressing else "No pressure applied this quarter",
            classes=["mv-network-pressure"],
        )
