"""Every citation resolves to an entry of docs/sources.md, and nothing points outside the repository.

Keys are found in the code, the data tables and the docs: a paper section
(``002 · In the Wake of the War``), a calibration or design-notes section
(``calibration.md · Corridors``, ``MODEL-BRIEF · Outcomes``) or an
author-year key (``Leeds 2003``, ``Grimm et al. 2005``). A failure names the
key and the file and line where it is cited, and says how to fix it.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "docs" / "sources.md"
SCANNED = ("agents", "world", "experiments", "viz", "docs", "benchmarks", "README.md", "pyproject.toml")
SUFFIXES = {".py", ".csv", ".toml", ".md", ".ipynb"}
MEASUREMENT_TABLES = ("benchmarks",)  # their CSVs are measurements, not sourced data

SECTION_FAMILIES = ("000", "002", "003", "calibration.md", "MODEL-BRIEF")
SECTION_CITATION = re.compile(r"(?<![\w.])(000|002|003|calibration\.md|MODEL-BRIEF) · ([^\n]{1,120})")
AUTHOR_YEAR = re.compile(
    r"\b((?:Bueno de Mesquita|World Bank|[A-Z][a-zA-Z'\-]+)(?:,? (?:&|and) [A-Z][a-zA-Z'\-]+| et al\.)?),? "
    r"\(?((?:1[89]|20)\d\d)(?:[–-]\d\d)?\b"
)
# Capitalised words that precede a year without being an author: months, places, organisations, section names.
NOT_AUTHORS = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Nov-Dec",
    "Mt",
    "After",
    "Before",
    "Since",
    "From",
    "Until",
    "By",
    "In",
    "The",
    "Replay",
    "Eurasia",
    "EAEU",
    "BTC",
    "CCTC",
    "Astana",
    "War",
    "Power",
    "RSS",
    "Economies",
    "Memberships",
    "Events",
    "Conclusions",
    "China's",
    "EU's",
    "Russia's",
    "Q",
    "Kazakhstan",
    "Russia",
    "China",
    "Turkey",
    "Iran",
    "Azerbaijan",
    "Georgia",
    "Uzbekistan",
    "EU",
    "US",
    "USA",
    "CPC",
    "SCO",
    "CSTO",
    "OSCE",
    "NATO",
    "OIC",
    "Strategy",
    "Crimea",
    "Afghanistan",
    "Karabakh",
    "Tengiz",
    "Asia",
    "Author",  # the format example of world/constants.py
}
PLACEHOLDER_SECTIONS = {"section"}  # '002 · Section' describes the citation format, it cites nothing


def source_files() -> list[Path]:
    files = []
    for name in SCANNED:
        path = ROOT / name
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            files += [
                p
                for p in sorted(path.rglob("*"))
                if p.suffix in SUFFIXES
                and p.is_file()
                and "__pycache__" not in p.parts
                and ".ipynb_checkpoints" not in p.parts
                and not (p.suffix == ".csv" and name in MEASUREMENT_TABLES)
            ]
    return files


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("`", "")).strip().lower()


def declared() -> tuple[dict[str, list[str]], list[str]]:
    """Section names per family (every backticked key in a table's first two columns) and author-year keys."""
    sections: dict[str, list[str]] = {family: [] for family in SECTION_FAMILIES}
    others: list[str] = []
    for line in SOURCES.read_text(encoding="utf-8").splitlines():
        if not line.startswith("| `"):
            continue
        cells = line.split("|")[1:3]
        for key in re.findall(r"`([^`]+)`", " ".join(cells)):
            family, sep, name = key.partition(" · ")
            if sep and family in sections:
                sections[family].append(normalise(name.removesuffix(" …")))
            else:
                others.append(key)
    return sections, others


def citations() -> list[tuple[str, str, int, str]]:
    """(kind, key, line, file) for every citation found; line-wrapped citations are joined first."""
    found = []
    for path in source_files():
        if path == SOURCES:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        # A citation wrapped over two lines of a docstring or comment reads on as one line.
        joined = re.sub(r"[ \t]*\n[ \t]*(?:#[ \t]*)?", lambda m: " " * len(m.group(0)), text)
        for m in SECTION_CITATION.finditer(joined):
            line = sum(1 for start in line_starts if start <= m.start())
            found.append(("section", f"{m.group(1)} · {m.group(2)}", line, str(path.relative_to(ROOT))))
        for m in AUTHOR_YEAR.finditer(joined):
            name = m.group(1)
            if name.split()[0] in NOT_AUTHORS or name in NOT_AUTHORS or name.endswith(("'s", "’s")):
                continue  # a possessive ("Kazakhstan's 2010 affinity") is never an author
            line = sum(1 for start in line_starts if start <= m.start())
            found.append(("author", f"{name} {m.group(2)}", line, str(path.relative_to(ROOT))))
    return found


def resolves(kind: str, key: str, sections: dict[str, list[str]], others: list[str]) -> bool:
    if kind == "section":
        family, _, text = key.partition(" · ")
        text = normalise(text)
        if re.sub(r"\W.*", "", text) in PLACEHOLDER_SECTIONS:
            return True
        return any(text.startswith(name) for name in sections[family])
    normalised = normalise(key).replace(" and ", " & ")
    return any(normalised in normalise(entry).replace(" and ", " & ") for entry in others)


def test_sources_md_declares_the_three_papers_with_full_references():
    text = SOURCES.read_text(encoding="utf-8")
    for number, author, year in (
        ("000", "Aliyeva", "2021"),
        ("002", "Kassenova", "2024"),
        ("003", "Foreign Policy Centre", "2010"),
    ):
        heading = re.search(rf"^### {number} — .*$", text, flags=re.M)
        assert heading, f"docs/sources.md: no '### {number} — …' heading for paper {number}"
        body = text[heading.end() : heading.end() + 800]
        assert author in body and year in body, f"docs/sources.md: paper {number} lacks its author or year"


def test_every_citation_resolves_to_an_entry_of_sources_md():
    sections, others = declared()
    assert all(sections[f] for f in ("000", "002", "003")) and others
    missing = sorted(
        {(key, f"{file}:{line}") for kind, key, line, file in citations() if not resolves(kind, key, sections, others)}
    )
    assert not missing, (
        "citation keys with no entry in docs/sources.md (add an entry for the key in your own words, fix the "
        "key to an existing one, or, if the match is not a citation, add its first word to NOT_AUTHORS in "
        "tests/test_sources.py):\n" + "\n".join(f"  {key[:70]!r} at {where}" for key, where in missing)
    )


def test_the_checker_catches_an_unknown_key(tmp_path):
    """The resolver must fail for a key that is not declared, or the test above proves nothing."""
    sections, others = declared()
    assert not resolves("section", "002 · A Section Nobody Wrote", sections, others)
    assert not resolves("author", "Nobody 1999", sections, others)
    assert resolves("section", "002 · In the Wake of the War (CPC disrupted)", sections, others)
    assert resolves("author", "Leeds 2003", sections, others)


@pytest.mark.parametrize("name", ["README.md", "pyproject.toml", "docs", "agents", "world", "experiments", "viz"])
def test_nothing_points_at_files_outside_the_repository(name):
    path = ROOT / name
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    hits = []
    for file in files:
        try:
            text = file.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # images and other binary files
        hits += [f"{file.relative_to(ROOT)}:{n}" for n, line in enumerate(text.splitlines(), 1) if "shared/" in line]
    assert not hits, "references to files outside the repository (cite docs/sources.md instead): " + ", ".join(hits)
