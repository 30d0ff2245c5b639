"""Files that appear whole or not at all: write under a hidden temporary name, then rename.

A reader (pyarrow, pandas, this package) never sees a half-written file:
the rename is atomic, and hidden ``.*.tmp`` leftovers of a killed process
are skipped by readers and removed on the next run.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

import pandas as pd


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write(tmp)`` on a hidden temporary file beside ``path``, then rename it to ``path``."""
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_parquet(path: Path, frame: pd.DataFrame) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(frame, preserve_index=False)
    write_atomically(path, lambda tmp: pq.write_table(table, tmp))


def write_text(path: Path, text: str) -> None:
    write_atomically(path, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))


def write_csv(path: Path, frame: pd.DataFrame) -> None:
    write_atomically(path, lambda tmp: frame.to_csv(tmp, index=False))  # full precision: tests and users recompute


def remove_leftovers(folder: Path) -> None:
    """Delete temporary files a killed process left in ``folder``."""
    if Path(folder).is_dir():
        for leftover in Path(folder).glob(".*.tmp"):
            leftover.unlink(missing_ok=True)
