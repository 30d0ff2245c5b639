"""Writing results: an output folder appears whole or not at all."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import tempfile
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path
from typing import Iterator

from world.errors import InputError


def default_run_dir(kind: str = "run") -> Path:
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    return Path("results") / f"{kind}-{stamp}"


@contextlib.contextmanager
def atomic_directory(target: Path, overwrite: bool = False) -> Iterator[Path]:
    """Yield a temporary folder beside ``target``; rename it to ``target`` only if the block succeeds."""
    target = Path(target)
    if target.exists() and any(target.iterdir()) and not overwrite:
        raise InputError(f"--out {target}: folder exists and is not empty; choose another or remove it")
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


def package_versions() -> dict[str, str]:
    """Versions of Python and the packages a result depends on (for run.json)."""
    versions = {"python": platform.python_version()}
    for name in ("multivector", "mesa", "numpy", "pandas", "pyarrow", "pydantic"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def write_json(path: Path, payload: dict) -> None:
    path.write_text(json.dumps(payload, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def parse_assignments(items: list[str] | None) -> dict[str, float]:
    """Parse ``--set name=value`` options into floats (names are checked by the scenario)."""
    values: dict[str, float] = {}
    for item in items or []:
        name, sep, raw = item.partition("=")
        if not sep or not name.strip():
            raise InputError(f"--set {item!r}: expected name=value, e.g. --set russian_pressure=0.6")
        try:
            values[name.strip()] = float(raw)
        except ValueError:
            raise InputError(f"--set {item!r}: value {raw!r} is not a number") from None
    return values
