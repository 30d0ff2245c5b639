"""Small HTML helpers: tables and prose without ``solara.Markdown``.

``solara.Markdown`` loads KaTeX from ``/_solara/cdn`` on every mount, and
solara-assets 1.58.2 does not ship it: offline the page then logs 404 and
script errors. Plain HTML needs nothing from a CDN.
"""

from __future__ import annotations

from html import escape

import solara

TABLE_CSS = "border-collapse: collapse; font-size: 0.9em;"


def table_html(header: list[str], rows: list[list[object]]) -> str:
    """An HTML table; every cell escaped."""

    def cell(tag: str, column: int, value: object) -> str:
        align = "left" if column == 0 else "right"  # labels left, numbers right
        return f"<{tag} style='padding:2px 8px;text-align:{align}'>{escape(str(value))}</{tag}>"

    head = "".join(cell("th", k, h) for k, h in enumerate(header))
    body = "".join("<tr>" + "".join(cell("td", k, c) for k, c in enumerate(row)) + "</tr>" for row in rows)
    return f"<table style='{TABLE_CSS}'><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


@solara.component
def Table(header: list[str], rows: list[list[object]], classes: list[str]):
    solara.HTML(tag="div", unsafe_innerHTML=table_html(header, rows), classes=classes)


@solara.component
def Prose(html: str, classes: list[str] = []):  # noqa: B006  (solara's own signature style)
    """Trusted, hand-written HTML text (never user input)."""
    solara.HTML(tag="div", unsafe_innerHTML=html, classes=classes)
