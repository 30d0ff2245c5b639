"""Which code produced a result: a fingerprint of the world and agents sources and data, and package versions.

A sweep folder records it; resuming a sweep with different model code is
refused, because the finished and the new runs would silently disagree.
"""

from __future__ import annotations

import functools
import hashlib
import platform
from importlib import metadata
from pathlib import Path

import agents
import world

PATTERNS = ("**/*.py", "**/*.csv", "**/*.toml")


@functools.lru_cache(maxsize=1)
def model_fingerprint() -> str:
    """Hash of every source, data and scenario file under ``world/`` and ``agents/``."""
    digest = hashlib.sha256()
    for package in (world, agents):
        root = Path(package.__file__).resolve().parent
        files = sorted({p for pattern in PATTERNS for p in root.glob(pattern) if "__pycache__" not in p.parts})
        for path in files:
            digest.update(f"{package.__name__}/{path.relative_to(root).as_posix()}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def package_versions() -> dict[str, str]:
    """Versions of Python and the packages a result depends on (for run.json)."""
    versions = {"python": platform.python_version()}
    for name in ("multivector", "mesa", "numpy", "pandas", "pyarrow", "pydantic"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions
