"""Files and folders that appear whole or not at all: write under a hidden temporary name, then rename.

A reader (pyarrow, pandas, this package) never sees a half-written file:
the rename is atomic, and hidden ``.*.tmp`` leftovers of a killed process
are skipped by readers and removed on the next run. An output folder is
staged beside its target the same way and renamed when complete.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

import pandas as pd

from world.errors import InputError


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


def default_run_dir(kind: str = "run") -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    return Path("results") / f"{kind}-{stamp}"


@contextlib.contextmanager
def atomic_directory(target: Path, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; rename it to ``target`` only if the block succeeds."""
    target = Path(target)
    if target.exists() and any(target.iterdir()) and not overwrite:
        raise InputError(f"{target}: output folder exists and is not empty; choose another or remove it")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        yield staging
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def write_json(path: Path, payload: dict) -> None:
    path.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")
