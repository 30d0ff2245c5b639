"""Figures for papers: one home for the palette, the readable names, the units, the number format and the
file format and size every CLI figure uses.

Matplotlib runs without a display (the Agg backend); figures are written
atomically. Every figure the command line writes takes its strategy colours
and names, and its measure labels, units and directions, from here, so one
strategy has one colour and one name in every figure, and an axis always says
what it measures, in which unit, and which way is better.

File format and size: every command that draws takes ``--format png|pdf|svg``
and ``--size screen|single|double`` (:data:`FIGURE_SIZES`); a command wraps its
drawing in :func:`figure_style`, and :func:`panels` and :func:`save_figure` read
it. ``single`` and ``double`` lay the panels out in one or two columns across
the width of one or two journal columns (89 and 183 mm, the widths Nature and
Elsevier give for figures) and save PNGs at 300 dpi; PDF and SVG are vector
files without a creation date, so the same data give the same bytes.
"""

from __future__ import annotations

import contextlib
import math
import os
import re
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import matplotlib

if "inline" not in os.environ.get("MPLBACKEND", ""):  # a notebook kernel keeps its inline figures
    matplotlib.use("Agg")  # no display on servers and CI; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402

from experiments.files import write_atomically  # noqa: E402
from world.errors import InputError  # noqa: E402
from world.measures import higher_is_better, measure_of  # noqa: E402

FIGURE_FORMATS = ("png", "pdf", "svg")
MM_PER_INCH = 25.4  # unit: millimetres per inch
# --size: the figure's total width in millimetres and the panels per row (None: the command's own layout).
FIGURE_SIZES = {"screen": (None, None), "single": (89.0, 1), "double": (183.0, 2)}
SVG_ID_SALT = "multivector"
SCREEN_DPI, PRINT_DPI = 150, 300  # PNG resolution on screen; journals ask at least 300 dpi for print


@dataclass(frozen=True)
class FigureStyle:
    """How figures are written: file format, and the journal width they are laid out for (or the screen)."""

    format: str = "png"
    size: str = "screen"

    @property
    def width_inches(self) -> float | None:
        millimetres = FIGURE_SIZES[self.size][0]
        return None if millimetres is None else millimetres / MM_PER_INCH

    @property
    def columns(self) -> int | None:
        return FIGURE_SIZES[self.size][1]

    @property
    def dpi(self) -> int:
        return SCREEN_DPI if self.size == "screen" else PRINT_DPI


_STYLE: ContextVar[FigureStyle | None] = ContextVar("figure_style", default=None)  # None: the default style


@contextlib.contextmanager
def figure_style(format: str = "png", size: str = "screen") -> Iterator[FigureStyle]:
    """Write the figures drawn inside the block in ``format`` and laid out for ``size`` (checked: one line)."""
    if format not in FIGURE_FORMATS:
        raise InputError(f"--format {format!r}: allowed: {', '.join(FIGURE_FORMATS)}")
    if size not in FIGURE_SIZES:
        raise InputError(f"--size {size!r}: allowed: {', '.join(FIGURE_SIZES)} (one or two journal columns wide)")
    style = FigureStyle(format, size)
    token = _STYLE.set(style)
    try:
        yield style
    finally:
        _STYLE.reset(token)


def current_style() -> FigureStyle:
    return _STYLE.get() or FigureStyle()


def figure_file(name: str) -> str:
    """``name`` (a stem such as ``compare_intervals``) with the current format's suffix."""
    return f"{name}.{current_style().format}"


def format_level(value, unit: str = "") -> str:
    """A number as a label: at most three decimals, no trailing zeros, integers as integers, counts whole;
    an interval (a quantile bin) as 'low–high'. ``0.3333333333333333`` becomes ``0.333``."""
    import numbers

    import pandas as pd

    if isinstance(value, pd.Interval):
        return f"{format_level(value.left, unit)}–{format_level(value.right, unit)}"
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    value = float(value)
    if not math.isfinite(value):
        return str(value)
    if unit == "count" or value == round(value):
        return f"{round(value):d}"
    if abs(value) >= 0.01:
        text = f"{value:.3f}".rstrip("0").rstrip(".")
        return text if text not in ("-0", "0") else f"{value:.3g}"
    return f"{value:.3g}"


# Colours for strategies whose class sets none (a plug-in, a probe), given in order of appearance; a strategy's own
# label and colour are on its class (world.decisions.Strategy: ``label``, ``colour``).
FALLBACK_COLOURS = ("#000000", "#F0E442", "#8c564b", "#17becf", "#bcbd22")

PARTNER_NAMES = {"RUS": "Russia", "CHN": "China", "EU": "the EU", "USA": "the US", "TUR": "Turkey"}
CORRIDOR_NAMES = {"middle": "Middle Corridor", "cpc": "CPC pipeline"}

# Outcome and time-series measures: (label, unit). Direction comes from world.measures.higher_is_better,
# the project's one direction table; per-partner names (dependence_RUS_final, dependence.RUS) are expanded below.
MEASURE_LABELS = {
    "autonomy": ("Autonomy", "index 0-1"),
    "autonomy_mean": ("Autonomy, mean 2010-end", "index 0-1"),
    "autonomy_final": ("Autonomy, final quarter", "index 0-1"),
    "autonomy_min": ("Autonomy, lowest quarter", "index 0-1"),
    "autonomy_mean_after_levers": ("Autonomy, mean after the levers act", "index 0-1"),
    "gdp": ("GDP", "$bn"),
    "gdp_final": ("GDP, final quarter", "$bn"),
    "gdp_growth_annual": ("GDP growth", "per year"),
    # None: the unit is the measure's own (world/measures.py), the one home of units; revenues are per year.
    "export_revenue": ("Export revenue", None),
    "export_revenue_mean": ("Export revenue, mean", None),
    "transit_revenue": ("Transit revenue", None),
    "transit_revenue_final": ("Transit revenue, final quarter", None),
    "lost_exports_mt": ("Exports lost to disruptions", "Mt per year"),
    "lost_exports_mt_total": ("Exports lost to disruptions, total", "Mt"),
    "pressure_received": ("Pressure received", "index"),
    "pressure_received_mean": ("Pressure received, mean", "index"),
    "capture_events": ("Capture events (coerced concessions)", "count"),
    "hhi_trade": ("Trade concentration (HHI)", "index 0-1"),
    "hhi_trade_final": ("Trade concentration (HHI), final", "index 0-1"),
    "hhi_routes": ("Export-route concentration (HHI)", "index 0-1"),
    "hhi_routes_final": ("Export-route concentration (HHI), final", "index 0-1"),
    "alignment_balance": ("Alignment balance", "index 0-1"),
    "alignment_balance_final": ("Alignment balance, final", "index 0-1"),
    "left_institutions": ("Institutions left", "count"),
}
_PATTERNS = (  # (regex, label template, unit)
    (r"dependence_(\w+)_final", "Dependence on {p}, final", "index 0-1"),
    (r"dependence_(\w+)_mean", "Dependence on {p}, mean", "index 0-1"),
    (r"dependence\.(\w+)", "Dependence on {p}", "index 0-1"),
    (r"trade_share\.(\w+)", "Trade share of {p}", "share"),
    (r"affinity\.(\w+)", "Affinity with {p}", "index"),
    (r"volume_(\w+)_final", "{c} volume, final quarter", "Mt per year"),
    (r"corridor_volume\.(\w+)", "{c} volume", "Mt per year"),
    (r"export_route_share\.(\w+)", "Export share via {c}", "share"),
)


def _strategy_class(name: str):
    """The registered class of a built-in or already imported strategy, else None (a stored sweep may name a
    plug-in that is not importable here: its label falls back to the class name in ``package.module:Class``)."""
    from world.registry import STRATEGIES

    return STRATEGIES.get(name) if name in STRATEGIES.names() else None


def strategy_label(name: str) -> str:
    """A strategy's readable name, from its class; a user strategy (``package.module:Class``) by its class name."""
    cls = _strategy_class(name)
    return (cls.label if cls is not None and cls.label else "") or name.rpartition(":")[2] or name


def strategy_colour(name: str, others: list[str] | tuple[str, ...] = ()) -> str:
    """The strategy's own colour (its class); one without takes a fallback by its position among ``others``."""
    cls = _strategy_class(name)
    if cls is not None and cls.colour:
        return cls.colour
    unknown = [s for s in others if not ((c := _strategy_class(s)) is not None and c.colour)]
    index = unknown.index(name) if name in unknown else 0
    return FALLBACK_COLOURS[index % len(FALLBACK_COLOURS)]


def measure_label(name: str) -> tuple[str, str]:
    """(readable label, unit) of an outcome or time-series column; unknown names are shown as they are."""
    if name in MEASURE_LABELS:
        label, unit = MEASURE_LABELS[name]
        return label, unit if unit is not None else measure_of(name).unit
    for pattern, template, unit in _PATTERNS:
        match = re.fullmatch(pattern, name)
        if match:
            code = match.group(1)
            return template.format(p=PARTNER_NAMES.get(code, code), c=CORRIDOR_NAMES.get(code, code)), unit
    return _label_from_measures(name)


def _label_from_measures(name: str) -> tuple[str, str]:
    """Label and unit from the one table of measures (world/measures.py) for names not styled above."""
    try:
        measure = measure_of(name)
    except KeyError:
        return name, ""
    rest = name[len(measure.name) :].lstrip("._")
    when = ""
    for suffix, words in (
        ("mean_after_levers", "mean after the levers act"),
        ("final", "final quarter"),
        ("mean", "mean"),
        ("min", "lowest quarter"),
    ):
        if rest == suffix or rest.endswith("_" + suffix):
            when, rest = words, rest[: -len(suffix)].rstrip("_")
            break
    label = measure.label
    if rest:
        label += f", {PARTNER_NAMES.get(rest, CORRIDOR_NAMES.get(rest, rest))}"
    return (f"{label}, {when}" if when else label), measure.unit


def direction_note(name: str) -> str:
    """'higher is better' or 'lower is better', from the project's direction table."""
    outcome_style = name.replace(".", "_")  # a time-series column (dependence.RUS) reads like its outcome
    return "higher is better" if higher_is_better(outcome_style) else "lower is better"


def better_arrow(name: str) -> str:
    """'↑ better' or '↓ better': the short form of the direction, for colour bars and tight axes."""
    return "↑ better" if direction_note(name).startswith("higher") else "↓ better"


def axis_label(name: str, with_direction: bool = False) -> str:
    """'Label (unit)', optionally followed by the better direction: what an axis or colour bar shows."""
    label, unit = measure_label(name)
    text = f"{label} ({unit})" if unit else label
    if with_direction:
        text += f", {better_arrow(name)}"
    return text


@lru_cache(maxsize=1)
def _parameter_rows() -> dict[str, tuple[str, str]]:
    import csv

    from world.scenario import DATA_DIR

    with open(DATA_DIR / "parameters.csv", encoding="utf-8", newline="") as table:
        return {row["name"]: (row["name"].replace("_", " ").capitalize(), row["unit"]) for row in csv.DictReader(table)}


def lever_label(name: str) -> str:
    """A lever's readable name with its unit (from the parameter table), e.g. 'Russian pressure (index 0-1)'."""
    label, unit = _parameter_rows().get(name, (name, ""))
    label = label.replace("Eu ", "EU ").replace("China bri", "China BRI")
    return f"{label} ({unit})" if unit else label


def panels(n: int, width: float = 4.2, height: float = 3.2, columns: int = 3):
    """A figure with ``n`` axes in rows of at most ``columns`` (extra axes removed); returns (figure, axes list).

    ``width`` × ``height`` (inches) is one panel on screen. Four panels go in a 2 × 2 block rather than 3 + 1.
    For a journal size (:func:`figure_style`) the panels fill the journal width in one or two columns, each
    keeping the aspect ratio asked for.
    """
    style = current_style()
    if style.columns is None:
        cols = max(1, min(columns, n, math.ceil(math.sqrt(n)) if n == 4 else columns))
        panel_width, panel_height = width, height
    else:
        cols = max(1, min(style.columns, n))
        panel_width = style.width_inches / cols
        panel_height = height * panel_width / width
    rows = math.ceil(n / cols)
    figure, grid = plt.subplots(rows, cols, figsize=(panel_width * cols, panel_height * rows), squeeze=False)
    axes = list(grid.ravel())
    for extra in axes[n:]:
        figure.delaxes(extra)  # no empty panels in a published figure
    return figure, axes[:n]


GLYPH_WIDTH = 0.6  # average width of a DejaVu Sans character, in ems (a safe upper estimate)
POINTS_PER_INCH = 72  # unit: typographic points per inch


def fit_labels(figure) -> None:
    """Wrap each axis title and label onto as many lines as it needs to fit beside its axes (a label wider
    than a one-column figure is otherwise cut off at the page's edge)."""
    import textwrap

    width, height = figure.get_size_inches()
    for ax in figure.axes:
        box = ax.get_position()
        across, along = box.width * width * POINTS_PER_INCH, box.height * height * POINTS_PER_INCH
        for text, room in ((ax.title, across), (ax.xaxis.label, across), (ax.yaxis.label, along)):
            content = text.get_text()
            if not content or "\n" in content:
                continue
            characters = max(12, int(room / (GLYPH_WIDTH * text.get_fontsize())))
            if len(content) > characters:
                text.set_text(textwrap.fill(content, characters, break_on_hyphens=False))


def save_figure(figure, path: Path, laid_out: bool = False) -> Path:
    """Write ``figure`` in the current format (the suffix of ``path`` is replaced by it), whole or not at all,
    free it, and return the path written.

    On screen the saved area is fitted to the drawing; at a journal size the page keeps the exact column
    width, and the layout is tightened to fit inside it (``laid_out``: the caller already did, leaving room for
    a legend or a note outside the panels). Vector files carry no date, so they are reproducible.
    """
    style = current_style()
    target = Path(path).with_suffix(f".{style.format}")
    fit_labels(figure)
    if not laid_out:
        figure.tight_layout()
    options: dict = {"format": style.format, "dpi": style.dpi}
    if style.size == "screen":
        options["bbox_inches"] = "tight"
    if style.format == "pdf":
        options["metadata"] = {"CreationDate": None, "ModDate": None}
    elif style.format == "svg":
        options["metadata"] = {"Date": None}
    with plt.rc_context({"svg.hashsalt": SVG_ID_SALT}):  # SVG element ids from a fixed salt, not a random one
        write_atomically(target, lambda tmp: figure.savefig(tmp, **options))
    plt.close(figure)
    return target
