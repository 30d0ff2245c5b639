"""Which code produced a result: a fingerprint of the world and agents sources and data, the git commit, the
time, and the Python and package versions.

A sweep folder records the fingerprint; resuming a sweep with different model code is refused, because the
finished and the new runs would silently disagree. ``sweep.json`` and ``run.json`` also carry
:func:`session` — the commit (and whether the checkout had uncommitted changes), a UTC timestamp, the host's
Python and the versions of the packages a result depends on — so a figure in a paper can be traced to the
code that made it.
"""

from __future__ import annotations

import functools
import hashlib
import platform
import subprocess
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import agents
import world

PATTERNS = ("**/*.py", "**/*.csv", "**/*.toml")
# The packages whose versions can change a number or a figure (ema_workbench only where it is installed).
PACKAGES = (
    "multivector",
    "mesa",
    "numpy",
    "pandas",
    "scipy",
    "pyarrow",
    "pydantic",
    "SALib",
    "matplotlib",
    "dask",
    "distributed",
    "ema_workbench",
)
SOURCE_ROOT = Path(world.__file__).resolve().parents[1]
GIT_TIMEOUT_SECONDS = 10


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
    """Versions of Python and the packages a result depends on."""
    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _git(*arguments: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", "-C", str(SOURCE_ROOT), *arguments],
            capture_output=True,
            text=True,
            timeout=GIT_TIMEOUT_SECONDS,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.strip() if done.returncode == 0 else None


def code_version() -> dict:
    """``{"commit": sha, "dirty": bool}`` of the checkout the package runs from; ``None`` for both when it is
    not a git checkout (an installed wheel: then the multivector version identifies the code).

    Dirty means tracked files differ from the commit (untracked files, such as results, do not count).
    """
    commit = _git("rev-parse", "HEAD") if (SOURCE_ROOT / ".git").exists() else None
    if commit is None:
        return {"commit": None, "dirty": None}
    status = _git("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "dirty": None if status is None else bool(status)}


def session() -> dict:
    """Where and with what a result was computed: commit, dirty flag, UTC time, host Python, package versions."""
    return {
        **code_version(),
        "timestamp": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "python": {
            "version": platform.python_version(),
            "implementation": platform.python_implementation(),
            "platform": platform.platform(),
        },
        "versions": package_versions(),
    }
