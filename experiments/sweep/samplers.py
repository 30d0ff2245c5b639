"""Design points of a sweep: a full grid, a Latin hypercube, or the Sobol/Morris designs SALib analyses.

Each sampler returns one row per point, one column per swept lever, in the
order SALib expects back (sensitivity analysis relies on it). Random designs
draw from the spec's root seed, so the same spec gives the same points.
"""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from experiments.sweep.spec import SweepSpec


def salib_problem(spec: SweepSpec) -> dict:
    """The SALib problem dict: lever names and ``[low, high]`` bounds, in spec order."""
    return {
        "num_vars": len(spec.levers),
        "names": list(spec.levers),
        "bounds": [list(lever.range) for lever in spec.levers.values()],  # type: ignore[arg-type]
    }


def design_points(spec: SweepSpec) -> pd.DataFrame:
    """The spec's design: a frame with one column per lever (no columns when nothing is swept)."""
    names = list(spec.levers)
    if spec.sampler == "grid":
        axes = [lever.values if lever.values is not None else
                np.linspace(lever.range[0], lever.range[1], lever.points).tolist()  # type: ignore[index]
                for lever in spec.levers.values()]
        rows = list(itertools.product(*axes))
        return pd.DataFrame(rows, columns=names, dtype=float) if names else pd.DataFrame(index=range(1))
    problem = salib_problem(spec)
    if spec.sampler == "lhs":
        from scipy.stats import qmc

        unit = qmc.LatinHypercube(d=len(names), rng=np.random.default_rng(spec.seed)).random(spec.samples)
        bounds = np.array(problem["bounds"])
        values = qmc.scale(unit, bounds[:, 0], bounds[:, 1])
    elif spec.sampler == "sobol":
        from SALib.sample import sobol

        values = sobol.sample(problem, spec.samples, calc_second_order=spec.second_order, seed=spec.seed)
    else:
        from SALib.sample import morris

        values = morris.sample(problem, spec.samples, num_levels=spec.levels, seed=spec.seed)
    return pd.DataFrame(values, columns=names, dtype=float)
