"""Draw matplotlib figures off the play loop: in a worker thread, latest quarter wins.

Each chart is split in two: a *view* copied out of the model during render
(cheap, consistent) and a ``draw(view) -> Figure`` that runs in a worker
thread. Mesa's play loop renders the page synchronously after every step, so
drawing three figures there (~0.5 s) would cap play at ~2 quarters a second;
off the loop, the model keeps its pace and the pictures follow as fast as
they can, skipping quarters they could not keep up with and always ending on
the last one.

Figures are built with ``matplotlib.figure.Figure`` (never pyplot), whose
global state is not thread-safe.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Hashable

import solara
from matplotlib.figure import Figure

DPI = 90
CURRENT = "mv-figure-current"  # on an <img> that shows the model's present quarter
STALE = "mv-figure-stale"  # on an <img> still showing an earlier quarter while the new one is drawn


def new_figure(width: float, height: float, **subplot_kw) -> tuple[Figure, object]:
    """A detached figure and its axes (no pyplot, no global state)."""
    fig = Figure(figsize=(width, height), dpi=DPI, layout="constrained")
    return fig, fig.subplots(**subplot_kw)


def to_png(fig: Figure) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


@solara.component
def ModelFigure(draw: Callable[[object], Figure], view: object, key: Hashable, classes: list[str]):
    """Show ``draw(view)`` as a PNG drawn in a worker thread; ``key`` names the model state (model, step).

    Solara waits for the previous drawing thread before starting the next and
    skips threads that became outdated meanwhile (``intrusive_cancel=False``):
    latest wins without interrupting matplotlib half-way.
    """
    result = solara.use_thread(lambda: (key, to_png(draw(view))), dependencies=[key], intrusive_cancel=False)
    if result.error is not None:
        raise result.error
    if result.value is None:
        solara.Div(children=["drawing …"], classes=[*classes, STALE], style={"min-height": "8em"})
        return
    shown, png = result.value
    solara.Image(png, width="100%", classes=[*classes, CURRENT if shown == key else STALE])
