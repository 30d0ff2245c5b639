"""Small HTML helpers: tables, headings and prose without ``solara.Markdown``.

``solara.Markdown`` loads KaTeX from ``/_solara/cdn`` on every mount, and
solara-assets 1.58.2 does not ship it: offline the page then logs 404 and
script errors. Plain HTML needs nothing from a CDN, and one HTML widget per
block keeps the number of widgets (and the server's work per session) small.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import solara

TABLE_CSS = "border-collapse: collapse; font-size: 0.9em;"
# A table wider than a phone scrolls in its own box; the keyboard must be able to reach and scroll that box.
SCROLL_REGION = {"tabindex": "0", "role": "region", "aria-label": "table (scrolls sideways on a narrow screen)"}


def table_html(header: list[str], rows: list[list[object]], caption: str = "", raw: bool = False) -> str:
    """An HTML table with column headers; every cell escaped unless ``raw`` (cells then are trusted HTML)."""

    def cell(tag: str, column: int, value: object) -> str:
        align = "left" if column == 0 else "right"  # labels left, numbers right
        scope = " scope='col'" if tag == "th" else ""
        content = str(value) if raw and tag == "td" else escape(str(value))
        return f"<{tag}{scope} style='padding:2px 8px;text-align:{align}'>{content}</{tag}>"

    head = "".join(cell("th", k, h) for k, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", k, c) for k, c in enumerate(row)) + "</tr>" for row in rows)
    title = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table style='{TABLE_CSS}'>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def scroll_box(html: str, label: str) -> str:
    """``html`` (a table) in a box that scrolls sideways on its own, reachable and named for the keyboard."""
    return (
        f"<div class='mv-table-scroll' tabindex='0' role='region' aria-label='{escape(label, quote=True)}'>{html}</div>"
    )


def scroll_region(label: str) -> dict[str, str]:
    """Attributes of a widget that is such a box."""
    return {**SCROLL_REGION, "aria-label": label}


@solara.component
def TableBehind(summary: str, header: list[str], rows: list[list[object]], caption: str, classes: list[str]):
    """A chart's numbers as a table, folded under ``summary`` (a <details> the keyboard opens)."""
    solara.HTML(
        tag="details",
        unsafe_innerHTML=f"<summary>{escape(summary)}</summary>"
        + scroll_box(table_html(header, rows, caption), summary),
        classes=classes,
    )


@solara.component
def Table(header: list[str], rows: list[list[object]], classes: list[str], caption: str = ""):
    """A table in a box that scrolls sideways on its own when it is wider than the screen."""
    solara.HTML(
        tag="div",
        unsafe_innerHTML=table_html(header, rows, caption),
        classes=["mv-table-scroll", *classes],
        attributes=SCROLL_REGION,
    )


@solara.component
def Prose(html: str, classes: list[str] = []):  # noqa: B006  (solara's own signature style)
    """Trusted, hand-written HTML text (never user input)."""
    solara.HTML(tag="div", unsafe_innerHTML=html, classes=classes)


@solara.component
def Heading(text: str, level: int = 2, classes: list[str] = []):  # noqa: B006
    """A real heading (``<h2>``…), so a screen reader can list the page's parts and jump between them."""
    solara.HTML(tag=f"h{level}", unsafe_innerHTML=escape(text), classes=["mv-heading", *classes])


@solara.component_vue("document.vue")
def DocumentSetup(lang: str = "en"):
    """Sets the document's language and lets the reader zoom (Solara's page template does neither)."""


@solara.component_vue("select.vue")
def _NativeSelect(label: str, items: list, value: str, on_value: Callable[[str], None], disabled: bool = False):
    """A native ``<select>`` with its ``<label>``."""


@solara.component
def Select(
    label: str,
    values: list,
    value: str | None,
    on_value: Callable[[str], None],
    disabled: bool = False,
    classes: list[str] = [],  # noqa: B006
):
    """A picker a screen reader and a keyboard understand: a native ``<select>`` labelled ``label``.

    Vuetify's select nests its input inside a ``role=button`` box (axe: nested-interactive); the browser's own
    select needs nothing of that. ``values`` are strings or ``{"text", "value"}`` items, as for ``solara.Select``.
    """
    items = [item if isinstance(item, dict) else {"text": str(item), "value": item} for item in values]
    with solara.Div(classes=["mv-select", *classes]):
        _NativeSelect(
            label=label, items=items, value=value if value is not None else "", on_value=on_value, disabled=disabled
        )
