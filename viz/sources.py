"""docs/sources.md as the page's Sources page, one anchor per entry, and the links that point into it.

Every citation the model logs ("002 · In the Wake of the War", "Keohane &
Nye 1977 (…)") names an entry of docs/sources.md: a paper section, a work
of the literature, a data source, a calibration section or a design note.
:func:`entries` reads that file (its tables are the one home of the
sources), :func:`find` resolves a citation to its entries the way
``tests/test_sources.py`` checks that every citation resolves, and
:func:`link` writes the ``<a href="sources#…">`` the page puts beside each
event and each "why" line. The Sources page (route ``/sources``) renders
the entries with those anchors and scrolls to the one asked for.

The outcome measures' definitions (``world/measures.py``) are listed there
too, each with its own anchor, for a measure whose definition is the
model's own rather than a passage of a source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from html import escape
from pathlib import Path

import solara

from viz.html import DocumentSetup
from world.measures import MEASURES

SOURCES_MD = Path(__file__).resolve().parents[1] / "docs" / "sources.md"
ROUTE = "sources"
SECTION_FAMILIES = ("000", "002", "003", "calibration.md", "MODEL-BRIEF")
_SECTION = re.compile(r"(000|002|003|calibration\.md|MODEL-BRIEF) · ([^;]+)")


@dataclass(frozen=True)
class Entry:
    """One row of docs/sources.md: its key, the other forms it is cited by, and what it says."""

    key: str
    aliases: tuple[str, ...]
    heading: str  # the section of sources.md it stands under ("The three papers › 002 — Kassenova, …")
    cells: tuple[str, ...]  # the row's other cells, as written (markdown)
    reference: str = ""  # the full reference of the paper a section belongs to

    @property
    def anchor(self) -> str:
        return "src-" + slug(self.key)

    @property
    def names(self) -> tuple[str, ...]:
        return (self.key, *self.aliases)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(text)).strip("-")


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("`", "")).strip().lower().replace(" and ", " & ")


@cache
def entries(path: Path = SOURCES_MD) -> tuple[Entry, ...]:
    """Every keyed row of the tables in docs/sources.md, in the file's order (empty if the file is absent)."""
    if not path.is_file():
        return ()
    found: list[Entry] = []
    section, paper, reference_lines, columns = "", "", [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            section, paper, reference_lines = line[3:].strip(), "", []
        elif line.startswith("### "):
            paper, reference_lines = line[4:].strip(), []
        elif line.startswith("| ") and not line.startswith("| `") and not set(line) <= set("|- "):
            columns = [c.strip().lower() for c in line.strip("|").split("|")]
        elif line.startswith("| `"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            keys = re.findall(r"`([^`]+)`", cells[0])
            rest = cells[1:]
            aliases = keys[1:]
            if len(columns) > 1 and "also cited as" in columns[1]:
                aliases += re.findall(r"`([^`]+)`", rest[0])
                rest = rest[1:]
            heading = f"{section} › {paper}" if paper else section
            found.append(Entry(keys[0], tuple(aliases), heading, tuple(rest), " ".join(reference_lines).strip()))
        elif paper and line.strip() and not line.startswith("|"):
            reference_lines.append(line.strip())
    return tuple(found)


def find(citation: str) -> list[Entry]:
    """The entries a citation names, in the order it names them (a citation may name several, ``;``-separated)."""
    text = normalise(citation)
    matches: list[tuple[int, Entry]] = []
    for part in _SECTION.finditer(citation):
        family, name = part.group(1), normalise(part.group(2))
        candidates = [
            (len(alias), entry)
            for entry in entries()
            for alias in entry.names
            if alias.startswith(family + " · ") and name.startswith(normalise(alias.partition(" · ")[2]))
        ]
        if candidates:
            matches.append((part.start(), max(candidates, key=lambda c: c[0])[1]))
    for entry in entries():
        if entry.key.partition(" · ")[0] in SECTION_FAMILIES:
            continue
        positions = [text.find(normalise(name)) for name in entry.names if normalise(name) in text]
        if positions:
            matches.append((min(positions), entry))
    seen, ordered = set(), []
    for _, entry in sorted(matches, key=lambda m: m[0]):
        if entry.key not in seen:
            seen.add(entry.key)
            ordered.append(entry)
    return ordered


def measure_anchor(name: str) -> str:
    return "measure-" + slug(name)


@cache
def link(citation: str, fallback_measure: str | None = None) -> str:
    """HTML: the citation as written, each entry it names linked to the Sources page (a new tab).

    With nothing resolvable, a measure's definition is linked instead (``fallback_measure``), or the text
    stays plain.
    """
    found = find(citation)
    if found:
        return " · ".join(
            f'<a href="{ROUTE}#{e.anchor}" target="_blank" rel="noopener" class="mv-source">{escape(e.key)}</a>'
            for e in found
        )
    if fallback_measure in MEASURES:
        return (
            f'<a href="{ROUTE}#{measure_anchor(fallback_measure)}" target="_blank" rel="noopener" class="mv-source">'
            f"definition of {escape(MEASURES[fallback_measure].label.lower())}</a>"
        )
    return escape(citation)


_MARKDOWN_LINK = re.compile(r"&lt;(https?://[^&\s]+)&gt;")


def cell_html(markdown: str) -> str:
    """A table cell's markdown as HTML: code spans, emphasis and bare links (no other markup is used there)."""
    html = escape(markdown)
    html = re.sub(r"`([^`]+)`", r"<code>\1</code>", html)
    html = re.sub(r"\*([^*]+)\*", r"<i>\1</i>", html)
    return _MARKDOWN_LINK.sub(r'<a href="\1" rel="noopener">\1</a>', html)


@cache
def page_html() -> str:
    """Every entry of docs/sources.md under its section, then the measures' definitions; one anchor each."""
    parts, heading = [], None
    for entry in entries():
        if entry.heading != heading:
            heading = entry.heading
            parts.append(f"<h2>{escape(heading)}</h2>")
            if entry.reference:
                parts.append(f"<p class='mv-reference'>{cell_html(entry.reference)}</p>")
        also = (
            f" <span class='mv-also'>(also cited as {', '.join(map(cell_html, entry.aliases))})</span>"
            if entry.aliases
            else ""
        )
        body = "".join(f"<p>{cell_html(cell)}</p>" for cell in entry.cells if cell)
        parts.append(
            f"<section id='{entry.anchor}' class='mv-source-entry'><h3>{escape(entry.key)}{also}</h3>{body}</section>"
        )
    parts.append("<h2>The measures the page explains, as the model defines them</h2>")
    for name, measure in MEASURES.items():
        parts.append(
            f"<section id='{measure_anchor(name)}' class='mv-source-entry'><h3>{escape(measure.label)}</h3>"
            f"<p>Unit: {escape(measure.unit)}; {'higher' if measure.higher_is_better else 'lower'} is better for "
            f"Kazakhstan. {escape(measure.source)}</p></section>"
        )
    return "".join(parts)


@solara.component_vue("scroll_to_hash.vue")
def ScrollToHash():
    """Scrolls to the entry named in the address (``sources#src-…``) once the page has rendered."""


@solara.component
def SourcesPage():
    """The Sources page: docs/sources.md with an anchor per entry (each "why" line and event links here)."""
    DocumentSetup(lang="en")
    solara.Title("Sources · Kazakhstan's multi-vector diplomacy")
    with solara.v.Html(tag="main", class_="mv-sources-page", style_="max-width: 60em; margin: 0 auto; padding: 16px"):
        solara.HTML(tag="h1", unsafe_innerHTML="Sources")
        solara.HTML(
            tag="p",
            unsafe_innerHTML=(
                "What each rule, event and measure of the model rests on: the three policy papers by section, the "
                "literature, the data, in the project's own words (<code>docs/sources.md</code>). "
                '<a href="./">Back to the page</a>.'
            ),
        )
        if not entries():
            solara.HTML(tag="p", unsafe_innerHTML=f"{escape(str(SOURCES_MD))} was not found next to the page.")
        solara.HTML(tag="div", unsafe_innerHTML=page_html(), classes=["mv-sources"])
        ScrollToHash()
