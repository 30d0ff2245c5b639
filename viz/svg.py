"""Charts as SVG text: cheap to build on the server, drawn by the browser, sharp at any width, readable aloud.

The page used to draw matplotlib PNGs in worker threads (~0.15 s a figure);
with fifteen students on one server that was most of its work. An SVG string
costs a millisecond, scales to a phone's width through its ``viewBox``, and
carries its own text alternative (``role="img"`` and ``aria-label``): a
screen reader reads the label, and every chart has a data table beside it.

Text classes: ``mv-svg-tick`` (axis numbers), ``mv-svg-label`` (names in the
chart); the page's CSS enlarges them on narrow screens, where the drawing is
scaled down.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

import numpy as np

INK = "#222222"
GRID = "#d9d9d9"
MUTED = "#595959"  # 7:1 on white: text that is secondary but must stay readable


def attr(value: object) -> str:
    """An attribute value, quoted and escaped."""
    return '"' + escape(str(value), quote=True) + '"'


def document(width: float, height: float, body: Iterable[str], label: str, classes: str = "") -> str:
    """A whole ``<svg>``: scales to its container's width, named for screen readers by ``label``."""
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}" role="img" '
        f'aria-label={attr(label)} class={attr("mv-svg " + classes)} preserveAspectRatio="xMidYMid meet" '
        f'style="width:100%;height:auto;display:block">'
        f"<title>{escape(label)}</title>{''.join(body)}</svg>"
    )


def text(
    x: float, y: float, content: str, size: float = 12, anchor: str = "start", css: str = "mv-svg-label", **style
) -> str:
    """A line of text; ``style`` keywords become attributes (``fill``, ``font_weight`` → ``font-weight``)."""
    style.setdefault("fill", INK)
    extra = "".join(f" {key.replace('_', '-')}={attr(value)}" for key, value in style.items())
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size:g}" text-anchor="{anchor}" class="{css}"{extra}>'
        f"{escape(content)}</text>"
    )


def line(x1: float, y1: float, x2: float, y2: float, colour: str = INK, width: float = 1.0, dash: str = "") -> str:
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    return (
        f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" stroke="{colour}" '
        f'stroke-width="{width:g}"{dashes}/>'
    )


def polyline(
    xs: Sequence[float], ys: Sequence[float], colour: str, width: float = 2.0, dash: str = "", opacity: float = 1.0
) -> str:
    if len(xs) == 0:
        return ""
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys))
    dashes = f' stroke-dasharray="{dash}"' if dash else ""
    fade = f' stroke-opacity="{opacity:g}"' if opacity < 1 else ""
    return (
        f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="{width:g}" '
        f'stroke-linejoin="round" stroke-linecap="round"{dashes}{fade}/>'
    )


def circle(x: float, y: float, r: float, fill: str, stroke: str = "none", width: float = 1.0) -> str:
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:g}" fill="{fill}" stroke="{stroke}" stroke-width="{width:g}"/>'


def polygon(
    points: Iterable[tuple[float, float]], fill: str, stroke: str = "none", width: float = 1.0, opacity: float = 1.0
) -> str:
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    fade = f' fill-opacity="{opacity:g}"' if opacity < 1 else ""
    return f'<polygon points="{pts}" fill="{fill}" stroke="{stroke}" stroke-width="{width:g}"{fade}/>'


@dataclass(frozen=True)
class Frame:
    """The plotting area of a chart: data ranges mapped onto a pixel box (y grows downwards)."""

    x_range: tuple[float, float]
    y_range: tuple[float, float]
    left: float
    top: float
    width: float
    height: float

    def x(self, value):
        low, high = self.x_range
        return self.left + (np.asarray(value, dtype=float) - low) / (high - low) * self.width

    def y(self, value):
        low, high = self.y_range
        return self.top + self.height - (np.asarray(value, dtype=float) - low) / (high - low) * self.height

    @property
    def bottom(self) -> float:
        return self.top + self.height

    @property
    def right(self) -> float:
        return self.left + self.width

    def y_axis(self, ticks: Sequence[float], fmt: str = "{:g}") -> list[str]:
        """Horizontal grid lines with their values on the left."""
        parts = []
        for tick in ticks:
            y = float(self.y(tick))
            parts.append(line(self.left, y, self.right, y, GRID, 1))
            parts.append(text(self.left - 6, y + 4, fmt.format(tick), size=12, anchor="end", css="mv-svg-tick"))
        return parts

    def x_axis(self, ticks: Sequence[float], labels: Sequence[str] | None = None) -> list[str]:
        """The baseline and labelled ticks under it."""
        parts = [line(self.left, self.bottom, self.right, self.bottom, INK, 1)]
        for k, tick in enumerate(ticks):
            x = float(self.x(tick))
            parts.append(line(x, self.bottom, x, self.bottom + 4, INK, 1))
            label = labels[k] if labels is not None else f"{tick:g}"
            parts.append(text(x, self.bottom + 18, label, size=12, anchor="middle", css="mv-svg-tick"))
        return parts


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (about ``count`` of them)."""
    if high <= low:
        return [low]
    raw = (high - low) / count
    magnitude = 10 ** np.floor(np.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = np.ceil(low / step) * step
    return [round(float(v), 10) for v in np.arange(first, high + step * 1e-9, step)]
