"""``multivector findings --write README.md``: rewrite the README's findings block from fresh studies."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.cli.sweep import WORKERS, choose_executor, reported_interrupt


def findings(
    write: Path = typer.Option(Path("README.md"), "--write", help="The file whose findings block is rewritten."),
    details: Optional[Path] = typer.Option(
        None,
        "--details",
        help="Also rewrite this file's answer block with the full tables (grid intervals, welfare terms at the "
        "grid's corners, every rank share and Morris index): docs/study.md.",
    ),
    workers: Optional[int] = WORKERS,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Run the strategy study (with the lever grid and rank stability) and the robustness study and write their
    tables into the findings block (and the answer's full tables into --details)."""
    from experiments.analysis.findings import (
        DETAILS_END,
        DETAILS_START,
        FindingsSettings,
        block_of,
        compute,
        replace_block,
    )
    from experiments.files import write_text
    from world.errors import InputError

    for option, path, markers in (("--write", write, ()), ("--details", details, (DETAILS_START, DETAILS_END))):
        if path is None:
            continue
        if not path.is_file():
            raise InputError(f"{option} {path}: file not found")
        try:
            block_of(path.read_text(encoding="utf-8"), *markers)  # no markers: fail before the studies run
        except InputError as error:
            raise InputError(f"{option} {path}: {error}") from None
    with reported_interrupt(kept=False):
        found = compute(FindingsSettings(), choose_executor(workers, None, None), quiet)
    # Read again: the files may have been edited while the studies ran (minutes); keep those edits.
    write_text(write, replace_block(write.read_text(encoding="utf-8"), found.readme))
    if details is not None:
        text = details.read_text(encoding="utf-8")
        write_text(details, replace_block(text, found.details, DETAILS_START, DETAILS_END))
    print(found.readme)
    print(f"wrote the findings block of {write}" + (f" and the answer block of {details}" if details else ""))


def register(app: typer.Typer) -> None:
    app.command("findings")(findings)
