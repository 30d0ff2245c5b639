"""Design points of a sweep: a full grid, a Latin hypercube, or the Sobol/Morris designs SALib analyses.

One class per sampler, each with its own checks and its own design (as EMA
Workbench's samplers are): what a spec must give a sampler is said where the
sampler is. Each returns one row per point, one column per swept lever, in
the order SALib expects back (sensitivity analysis relies on it). Random
designs draw from the spec's root seed, so the same spec gives the same points.

The spec (experiments/sweep/spec.py) builds on this module, never the other
way round: a sampler reads a :class:`Design`, the part of a spec it needs.
"""

from __future__ import annotations

import itertools
from typing import ClassVar, Protocol

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator


class LeverSpec(BaseModel):
    """One swept parameter: explicit ``values``, or a ``range`` (with ``points`` when the sampler is a grid)."""

    model_config = ConfigDict(extra="forbid")
    values: list[float] | None = None
    range: tuple[float, float] | None = None
    points: int | None = Field(None, ge=2)

    @model_validator(mode="after")
    def _one_kind(self) -> "LeverSpec":
        if (self.values is None) == (self.range is None):
            raise ValueError("give either values = [...] or range = [low, high]")
        if self.values is not None and not self.values:
            raise ValueError("values is empty; give at least one value")
        if self.values is not None and len(set(self.values)) != len(self.values):
            raise ValueError(f"values {self.values} repeat a value")
        if self.range is not None and not self.range[0] < self.range[1]:
            raise ValueError(f"range {list(self.range)} is empty; need low < high")
        if self.points is not None and self.range is None:
            raise ValueError("points goes with range, not with values")
        return self

    def extremes(self) -> list[float]:
        """The values to range-check against the parameter table."""
        return list(self.values) if self.values is not None else list(self.range)  # type: ignore[arg-type]


class Design(Protocol):
    """What a sampler reads of a sweep spec (a :class:`~experiments.sweep.spec.SweepSpec` is one)."""

    sampler: str
    levers: dict[str, LeverSpec]
    samples: int | None
    seed: int
    levels: int
    second_order: bool


def salib_problem(design: Design) -> dict:
    """The SALib problem dict: lever names and ``[low, high]`` bounds, in spec order."""
    return {
        "num_vars": len(design.levers),
        "names": list(design.levers),
        "bounds": [list(lever.range) for lever in design.levers.values()],  # type: ignore[arg-type]
    }


class Sampler:
    """A design over the swept levers: :meth:`check` says what it needs, :meth:`points` draws the design."""

    name: ClassVar[str]

    def check(self, design: Design) -> None:
        """Raise ValueError (one line naming the field) if ``design`` does not give this sampler what it needs."""

    def points(self, design: Design) -> pd.DataFrame:
        raise NotImplementedError


class FullFactorial(Sampler):
    """Every combination of the levers' values (or of ``points`` evenly spaced over each range)."""

    name = "grid"

    def check(self, design: Design) -> None:
        for lever_name, lever in design.levers.items():
            if lever.range is not None and lever.points is None:
                raise ValueError(f"levers.{lever_name}: the grid sampler needs values = [...] or range with points = N")

    def points(self, design: Design) -> pd.DataFrame:
        names = list(design.levers)
        axes = [
            lever.values
            if lever.values is not None
            else np.linspace(lever.range[0], lever.range[1], lever.points).tolist()  # type: ignore[index]
            for lever in design.levers.values()
        ]
        rows = list(itertools.product(*axes))
        return pd.DataFrame(rows, columns=names, dtype=float) if names else pd.DataFrame(index=range(1))


class RangeSampler(Sampler):
    """A sampled design: every lever needs a range, and the spec a number of ``samples``."""

    @staticmethod
    def within_bounds(design: Design, values: np.ndarray) -> pd.DataFrame:
        """The sampled rows as a frame, each value clipped to its lever's range: scaling a unit sample to
        ``[low, high]`` can land a rounding error outside it (Morris's top level on [0.15, 0.45] gives
        0.45000000000000007), and the parameter table refuses a value out of range."""
        bounds = np.array(salib_problem(design)["bounds"], dtype=float)
        return pd.DataFrame(np.clip(values, bounds[:, 0], bounds[:, 1]), columns=list(design.levers), dtype=float)

    def check(self, design: Design) -> None:
        if not design.levers:
            raise ValueError(f"sampler '{self.name}' needs at least one lever with a range")
        for lever_name, lever in design.levers.items():
            if lever.range is None:
                raise ValueError(f"levers.{lever_name}: sampler '{self.name}' needs range = [low, high], not values")
        if design.samples is None:
            raise ValueError(f"sampler '{self.name}' needs samples = N")


class LatinHypercube(RangeSampler):
    """``samples`` points, one in each of ``samples`` equal slices of every lever's range (scipy's qmc)."""

    name = "lhs"

    def points(self, design: Design) -> pd.DataFrame:
        from scipy.stats import qmc

        unit = qmc.LatinHypercube(d=len(design.levers), rng=np.random.default_rng(design.seed)).random(design.samples)
        bounds = np.array(salib_problem(design)["bounds"])
        return self.within_bounds(design, qmc.scale(unit, bounds[:, 0], bounds[:, 1]))


class Sobol(RangeSampler):
    """Saltelli's extension of a Sobol sequence (SALib), for first-, total- and optionally second-order indices."""

    name = "sobol"

    def check(self, design: Design) -> None:
        super().check(design)
        if design.samples & (design.samples - 1):  # type: ignore[operator]
            raise ValueError(f"samples = {design.samples}: the sobol sampler needs a power of 2 (e.g. 64)")

    def points(self, design: Design) -> pd.DataFrame:
        from SALib.sample import sobol

        values = sobol.sample(
            salib_problem(design), design.samples, calc_second_order=design.second_order, seed=design.seed
        )
        return self.within_bounds(design, values)


class Morris(RangeSampler):
    """``samples`` Morris trajectories over a grid of ``levels`` per lever (SALib), for elementary effects."""

    name = "morris"

    def points(self, design: Design) -> pd.DataFrame:
        from SALib.sample import morris

        values = morris.sample(salib_problem(design), design.samples, num_levels=design.levels, seed=design.seed)
        return self.within_bounds(design, values)


# The one list of sampler names: a spec's ``sampler`` must be a key (experiments/sweep/spec.py reads it).
SAMPLERS: dict[str, Sampler] = {cls.name: cls() for cls in (FullFactorial, LatinHypercube, Sobol, Morris)}


def design_points(design: Design) -> pd.DataFrame:
    """The spec's design: a frame with one column per lever (no columns when nothing is swept)."""
    return SAMPLERS[design.sampler].points(design)
