"""Matplotlib without a display: the Agg backend, a panel grid, and PNGs written atomically."""

from __future__ import annotations

import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on servers and CI; must precede pyplot
import matplotlib.pyplot as plt  # noqa: E402

from experiments.files import write_atomically  # noqa: E402


def panels(n: int, width: float = 4.2, height: float = 3.2, columns: int = 3):
    """A figure with ``n`` axes in rows of ``columns`` (extra axes hidden); returns (figure, axes list)."""
    cols = max(1, min(columns, n))
    rows = math.ceil(n / cols)
    figure, grid = plt.subplots(rows, cols, figsize=(width * cols, height * rows), squeeze=False)
    axes = list(grid.ravel())
    for extra in axes[n:]:
        extra.set_visible(False)
    return figure, axes[:n]


def save_png(figure, path: Path) -> None:
    """Write ``figure`` to ``path`` as a PNG (whole or not at all) and free it."""
    figure.tight_layout()
    write_atomically(Path(path), lambda tmp: figure.savefig(tmp, format="png", dpi=110))
    plt.close(figure)
