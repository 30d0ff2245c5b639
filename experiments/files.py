"""Files and folders that appear whole or not at all: write under a hidden temporary name, then rename.

A reader (pyarrow, pandas, this package) never sees a half-written file:
the rename is atomic, and hidden ``.*.tmp`` leftovers of a killed process
are skipped by readers and removed on the next run. An output folder is
staged beside its target the same way and renamed when complete.
"""

from __future__ import annotations

import contextlib
import errno
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


class OutputError(Exception):
    """The output place is unusable (busy, read-only, full, not a folder): the command exits 1, not 2."""


def default_run_dir(kind: str = "run") -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    return Path("results") / f"{kind}-{stamp}"


# A path the user gave that cannot be a folder is their input (exit 2); a disk that refuses is the environment's.
INPUT_ERRNOS = {errno.ENOTDIR, errno.EEXIST, errno.EISDIR, errno.ENAMETOOLONG, errno.EINVAL}


def disk_error(target: Path, error: OSError) -> Exception:
    """One line for an OSError met writing to ``--out target``: InputError (exit 2) or OutputError (exit 1)."""
    reason = error.strerror or type(error).__name__
    if error.errno in INPUT_ERRNOS:
        return InputError(f"--out {target}: cannot be a folder ({reason}); choose another path")
    return OutputError(f"--out {target}: cannot write there ({reason}); nothing was written")


def check_output_folder(target: Path) -> None:
    """Refuse an ``--out`` that names an existing file or lies under one (``/dev/null``, ``a.csv/run``)."""
    if target.exists() and not target.is_dir():
        raise InputError(f"--out {target}: exists and is not a folder; choose another path")
    for parent in target.parents:
        if parent.exists():
            if not parent.is_dir():
                raise InputError(f"--out {target}: {parent} is a file, not a folder; choose another path")
            break


@contextlib.contextmanager
def atomic_directory(target: Path, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; rename it to ``target`` only if the block succeeds.

    Disk errors (read-only, full, a file in the way) become one line; nothing is left behind.
    """
    target = Path(target)
    check_output_folder(target)
    if target.exists() and any(target.iterdir()) and not overwrite:
        raise InputError(f"{target}: output folder exists and is not empty; choose another or remove it")
    made = [p for p in (target.parent, *target.parent.parents) if not p.exists()]
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    except OSError as error:
        _remove_empty(made)
        raise disk_error(target, error) from None
    try:
        yield staging
        if target.exists():
            shutil.rmtree(target)
        os.replace(staging, target)
    except OSError as error:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_empty(made)
        raise disk_error(target, error) from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        _remove_empty(made)
        raise


def _remove_empty(folders: list[Path]) -> None:
    """Remove folders this write created (deepest first) if they are still empty."""
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            pass


def write_json(path: Path, payload: dict) -> None:
    """Strict JSON (RFC 8259 has no NaN or infinity): a non-finite value is an error, not an unreadable file."""
    path.write_text(strict_json(payload), encoding="utf-8")


def strict_json(payload: object) -> str:
    """``payload`` as indented, key-sorted strict JSON; a NaN or infinity raises :class:`OutputError`."""
    try:
        return json.dumps(payload, indent=2, sort_keys=True, allow_nan=False) + "\n"
    except ValueError as error:
        raise OutputError(f"refusing to write a non-finite number into JSON ({error})") from None
