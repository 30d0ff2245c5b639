"""Design points of a sweep: a full grid, a Latin hypercube, or the Sobol/Morris designs SALib analyses.

Each sampler returns one row per point, one column per swept lever, in the
order SALib expects back (sensitivity analysis relies on it). Random designs
draw from the spec's root seed, so the same spec gives the same points.
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Callable

import numpy as np
import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from experiments.sweep.spec import SweepSpec


def salib_problem(spec: "SweepSpec") -> dict:
    """The SALib problem dict: lever names and ``[low, high]`` bounds, in spec order."""
    return {
        "num_vars": len(spec.levers),
        "names": list(spec.levers),
        "bounds": [list(lever.range) for lever in spec.levers.values()],  # type: ignore[arg-type]
    }


def _grid(spec: "SweepSpec") -> pd.DataFrame:
    """Every combination of the levers' values (or of ``points`` evenly spaced over each range)."""
    names = list(spec.levers)
    axes = [
        lever.values if lever.values is not None else np.linspace(lever.range[0], lever.range[1], lever.points).tolist()  # type: ignore[index]
        for lever in spec.levers.values()
    ]
    rows = list(itertools.product(*axes))
    return pd.DataFrame(rows, columns=names, dtype=float) if names else pd.DataFrame(index=range(1))


def _within_bounds(spec: "SweepSpec", values: np.ndarray) -> pd.DataFrame:
    """The sampled rows as a frame, each value clipped to its lever's range: scaling a unit sample to
    ``[low, high]`` can land a rounding error outside it (Morris's top level on [0.15, 0.45] gives
    0.45000000000000007), and the parameter table refuses a value out of range."""
    bounds = np.array(salib_problem(spec)["bounds"], dtype=float)
    return pd.DataFrame(np.clip(values, bounds[:, 0], bounds[:, 1]), columns=list(spec.levers), dtype=float)


def _latin_hypercube(spec: "SweepSpec") -> pd.DataFrame:
    from scipy.stats import qmc

    unit = qmc.LatinHypercube(d=len(spec.levers), rng=np.random.default_rng(spec.seed)).random(spec.samples)
    bounds = np.array(salib_problem(spec)["bounds"])
    return _within_bounds(spec, qmc.scale(unit, bounds[:, 0], bounds[:, 1]))


def _sobol(spec: "SweepSpec") -> pd.DataFrame:
    from SALib.sample import sobol

    values = sobol.sample(salib_problem(spec), spec.samples, calc_second_order=spec.second_order, seed=spec.seed)
    return _within_bounds(spec, values)


def _morris(spec: "SweepSpec") -> pd.DataFrame:
    from SALib.sample import morris

    values = morris.sample(salib_problem(spec), spec.samples, num_levels=spec.levels, seed=spec.seed)
    return _within_bounds(spec, values)


# The one list of sampler names: a spec's ``sampler`` must be a key (experiments/sweep/spec.py reads it).
SAMPLERS: dict[str, Callable[["SweepSpec"], pd.DataFrame]] = {
    "grid": _grid,
    "lhs": _latin_hypercube,
    "sobol": _sobol,
    "morris": _morris,
}


def design_points(spec: "SweepSpec") -> pd.DataFrame:
    """The spec's design: a frame with one column per lever (no columns when nothing is swept)."""
    return SAMPLERS[spec.sampler](spec)
