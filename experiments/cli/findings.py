"""``multivector findings --write README.md``: rewrite the README's findings block from fresh studies."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.cli.sweep import WORKERS, choose_executor, reported_interrupt


def findings(
    write: Path = typer.Option(Path("README.md"), "--write", help="The file whose findings block is rewritten."),
    workers: Optional[int] = WORKERS,
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Run the strategy study and the robustness study and write their tables into the findings block."""
    from experiments.analysis.findings import FindingsSettings, block_of, compute, replace_block
    from experiments.files import write_text
    from world.errors import InputError

    if not write.is_file():
        raise InputError(f"--write {write}: file not found")
    block_of(write.read_text(encoding="utf-8"))  # no markers: fail before the studies run
    with reported_interrupt(kept=False):
        block = compute(FindingsSettings(), choose_executor(workers, None, None), quiet)
    # Read again: the file may have been edited while the studies ran (minutes); keep those edits.
    write_text(write, replace_block(write.read_text(encoding="utf-8"), block))
    print(block)
    print(f"wrote the findings block of {write}")


def register(app: typer.Typer) -> None:
    app.command("findings")(findings)
