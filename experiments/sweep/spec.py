"""The sweep specification: what to run, written as TOML or built as a Python object.

A spec names scenarios, strategies, levers (a list of ``values`` or a
``range = [low, high]``), a sampler, seeds per point, the outcome columns to
keep, whether to store time series, and the output folder. It is checked
twice, both before anything is written: its shape here (pydantic), its names
against the world (scenarios, strategies, parameter table, outcome columns)
in :func:`check_against_world`. Every problem is one ``InputError`` line
naming the spec, the field and what is allowed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from experiments.sweep.samplers import SAMPLERS, LeverSpec
from world import DiplomacyModel, load_scenario
from world.calendar import parse_quarter
from world.errors import InputError
from world.registry import STRATEGIES
from world.scenario import check_parameter
from world.tables import read_toml


class SweepSpec(BaseModel):
    """A whole sweep. Defaults give one run per strategy and seed of the default scenario."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field("sweep", pattern=r"^[A-Za-z0-9_.-]+$")
    scenarios: list[str] = Field(default_factory=lambda: ["eurasia"], min_length=1)
    strategies: list[str] = Field(min_length=1)
    sampler: Literal[tuple(SAMPLERS)] = "grid"  # type: ignore[valid-type]
    samples: int | None = Field(
        None, ge=1, description="lhs: points; sobol: base N (a power of 2); morris: trajectories"
    )
    levels: int = Field(4, ge=2, description="morris: grid levels")
    second_order: bool = Field(False, description="sobol: also sample for second-order indices")
    seeds: int = Field(1, ge=1, description="replicates per point")
    seed: int = Field(0, ge=0, description="root seed: samplers and per-run seeds derive from it")
    common_random_numbers: bool = Field(True, description="replicate r uses the same seed at every point")
    levers: dict[str, LeverSpec] = Field(default_factory=dict)
    fixed: dict[str, float] = Field(default_factory=dict)
    outcomes: list[str] | None = Field(None, description="outcome columns to keep (default: all)")
    timeseries: bool | list[str] = Field(False, description="store time series: true (all columns) or a list")
    until: str | None = None
    output: str | None = None
    runs_per_file: int | None = Field(None, ge=1)
    warm_start: bool = Field(
        False,
        description="replay the history before levers_from once per (scenario, strategy, "
        "seed) and fork each lever setting from it: same results, less time",
    )

    @model_validator(mode="before")
    @classmethod
    def _scenario_alias(cls, data):
        if isinstance(data, dict) and "scenario" in data:
            if "scenarios" in data:
                raise ValueError("give scenario or scenarios, not both")
            data = {**data, "scenarios": [data["scenario"]]}
            del data["scenario"]
        return data

    @model_validator(mode="after")
    def _fits_sampler(self) -> "SweepSpec":
        for field_name in ("scenarios", "strategies"):
            items = getattr(self, field_name)
            if len(set(items)) != len(items):
                raise ValueError(f"{field_name} lists a name twice: {items}")
        if self.until is not None:
            try:
                parse_quarter(self.until)
            except ValueError:
                raise ValueError(f"until = {self.until!r}: expected a quarter like 2030Q4") from None
        both = sorted(set(self.levers) & set(self.fixed))
        if both:
            raise ValueError(f"{both} both swept (levers) and fixed; keep one")
        SAMPLERS[self.sampler].check(self)  # each sampler says what it needs (experiments/sweep/samplers.py)
        return self

    def digest(self) -> str:
        """Hash of everything that decides the results (not the name or the output folder)."""
        payload = self.model_dump(mode="json", exclude={"name", "output", "warm_start"})  # warm start: same results
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:16]


@dataclass(frozen=True)
class Columns:
    """The outcome and time-series columns a sweep stores, checked against the model."""

    outcomes: tuple[str, ...]
    timeseries: tuple[str, ...] | None


def load_spec(path: str | Path) -> SweepSpec:
    """Read and validate a TOML spec file (shape only; see :func:`check_against_world`)."""
    path = Path(path)
    return parse_spec(read_toml(path, "sweep spec"), origin=str(path))


def parse_spec(raw: dict, origin: str = "sweep spec") -> SweepSpec:
    try:
        return SweepSpec.model_validate(raw)
    except ValidationError as error:
        raise InputError(f"{origin}: {describe(error)}") from None


def describe(error: ValidationError) -> str:
    """The first problem as one line: field, message, the value given and, for a choice, what is allowed."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "literal_error":
        message += f" (got {first.get('input')!r})"
    if first["type"] == "extra_forbidden":
        allowed = ", ".join(SweepSpec.model_fields if len(first["loc"]) == 1 else LeverSpec.model_fields)
        message = f"unknown field; allowed: {allowed}"
    return f"field '{field}': {message}" if field else message


def check_against_world(
    spec: SweepSpec, origin: str = "sweep spec", allow_plugins: bool = True, strategies_trusted: bool = True
) -> Columns:
    """Check names and values against the scenarios, the strategy registry and the parameter table.

    ``strategies_trusted``: the strategies come from the caller's code, not from a file (a spec file naming
    ``module:Class`` is refused unless ``allow_plugins``); scenarios naming code need ``allow_plugins``.
    """
    for name in spec.strategies:
        if ":" in name and not (strategies_trusted or allow_plugins):
            raise InputError(
                f"{origin}: field 'strategies' names code to import ({name[:40]!r}); "
                "a spec file may not run code: pass --allow-plugins to trust it"
            )
        try:
            STRATEGIES.get(name)
        except InputError as error:
            raise InputError(f"{origin}: field 'strategies': {error}") from None
    outcome_sets, series_sets = [], []
    for scenario_name in spec.scenarios:
        try:
            scenario = load_scenario(scenario_name)
        except InputError as error:
            raise InputError(f"{origin}: field 'scenarios': {error}") from None
        for name, lever in spec.levers.items():
            for value in lever.extremes():
                check_parameter(scenario.parameters, name, value, origin=f"{origin}: field 'levers.{name}'")
        for name, value in spec.fixed.items():
            check_parameter(scenario.parameters, name, value, origin=f"{origin}: field 'fixed.{name}'")
        probe = DiplomacyModel(
            setting=scenario,
            strategy=spec.strategies[0],
            until=spec.until,
            record_events=False,
            allow_plugins=allow_plugins,
        )
        outcome_sets.append(list(probe.outcomes()))
        series_sets.append([c for c in probe.timeseries().columns if c not in ("step", "date")])
    return Columns(
        outcomes=_choose(spec.outcomes, outcome_sets, "outcomes", origin),
        timeseries=None
        if spec.timeseries is False
        else _choose(None if spec.timeseries is True else spec.timeseries, series_sets, "timeseries", origin),
    )


def _choose(asked: list[str] | None, available: list[list[str]], field: str, origin: str) -> tuple[str, ...]:
    """The asked columns if every scenario has them; by default the columns all scenarios share."""
    common = [c for c in available[0] if all(c in other for other in available[1:])]
    if asked is None:
        return tuple(common)
    if not asked:
        raise InputError(f"{origin}: field '{field}': empty list; name at least one column")
    unknown = [c for c in asked if c not in common]
    if unknown:
        raise InputError(f"{origin}: field '{field}': unknown column {unknown[0]!r}; allowed: {', '.join(common)}")
    return tuple(asked)
