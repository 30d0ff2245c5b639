"""Typed rows of the data files in ``world/data/``, validated with pydantic.

Every row carries a ``source`` column: the passage of a seed paper or the data
source it rests on (see ``docs/sources.md``).
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from world.calendar import parse_quarter
from world.errors import InputError


class Row(BaseModel):
    """Base of all data rows: unknown columns are an error, not silently dropped."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    source: str = Field(min_length=1)


def _quarter(value: str) -> str:
    """Accept a quarter like ``2022Q3`` unchanged; raise ValueError otherwise."""
    parse_quarter(value)
    return value


def _quarter_or_empty(value: str | None) -> str | None:
    return None if value in (None, "") else _quarter(value)


class ActorRow(Row):
    code: str = Field(pattern=r"^[A-Z]{2,4}$")
    name: str
    kind: Literal["state", "bloc"]
    gdp_bn: float = Field(gt=0)
    military_bn: float = Field(ge=0)
    growth: float = Field(ge=-0.3, le=0.3)
    long_run_growth: float = Field(ge=-0.1, le=0.1)
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)
    governance: float = Field(ge=0, le=1)
    turkic: int = Field(ge=0, le=1)
    oil_exporter: int = Field(ge=0, le=1)
    policy: str = ""


class InstitutionRow(Row):
    code: str = Field(pattern=r"^[A-Z]{2,5}$")
    name: str
    tariff_free: float = Field(ge=0, le=1)
    security_guarantee: float = Field(ge=0, le=1)
    forum: float = Field(ge=0, le=1)
    external_tariff: float = Field(ge=0, le=1)
    alignment_demand: float = Field(ge=0, le=1)
    leader: str
    policy: str = "forum"


class MembershipRow(Row):
    actor: str
    institution: str
    status: Literal["member", "observer", "partner"]
    joined: str | None = None
    left: str | None = None

    _quarters = field_validator("joined", "left", mode="before")(_quarter_or_empty)


class TradeRow(Row):
    exporter: str
    importer: str
    value_bn: float = Field(ge=0)


class InvestmentRow(Row):
    investor: str
    host: str
    stock_bn: float = Field(ge=0)


class CorridorRow(Row):
    name: str = Field(pattern=r"^[a-z_]+$")
    kind: Literal["oil", "cargo"]
    path: str
    controllers: str
    capacity_mt: float = Field(ge=0)
    transit_days: float = Field(gt=0)
    cost_usd_t: float = Field(ge=0)
    reliability: float = Field(ge=0, le=1)


# The one list of scheduled-event kinds, with what each one's ``target`` must name (checked when a
# scenario loads): a corridor, an actor, an institution, or anything ("any": summits and statements
# name their counterpart in words). world/events.py applies each kind; tests/test_actions.py checks
# that every kind here has a way to be applied.
EVENT_KINDS = {
    "summit": "any", "statement": "any", "mediation": "any",
    "capacity": "corridor", "transit_time": "corridor", "reliability": "corridor",
    "transit_disruption": "corridor", "route_priority": "corridor", "pledge": "corridor", "cargo_demand": "corridor",
    "sanctions": "actor", "opinion": "actor", "baseline_pressure": "actor", "partnership": "actor",
    "arms_deal": "actor", "engagement": "actor", "bri": "actor",
    "join": "institution", "leave": "institution",
}


class EventRow(Row):
    date: str
    kind: Literal[tuple(EVENT_KINDS)]  # type: ignore[valid-type]
    actor: str
    target: str
    magnitude: float = 0.0
    duration: int = Field(default=0, ge=0, le=400)
    reason: str = Field(min_length=1)

    _date = field_validator("date", mode="before")(_quarter)


class ParameterRow(Row):
    name: str = Field(pattern=r"^[a-z_]+$")
    kind: Literal["lever", "model"]
    default: float
    min: float
    max: float
    unit: str
    meaning: str
    # 1: a deeply uncertain input that `multivector study --futures` samples over [min, max]; 0 or empty: held fixed.
    uncertain: bool = False


class CalibratedRow(Row):
    """A parameter value fitted by ``multivector calibrate`` (world/data/calibrated.csv)."""

    name: str = Field(pattern=r"^[a-z_]+$")
    value: float


class OilPriceRow(Row):
    year: int = Field(ge=1990, le=2100)
    usd_bbl: float = Field(gt=0)


R = TypeVar("R", bound=Row)


def describe_validation_error(path: Path, error: ValidationError, where: str = "") -> str:
    """One line naming file, place in it (``row 3``; none for a whole file), field and what is allowed."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "(row)"
    value = first.get("input")
    place = f"{where}: " if where else ""
    return f"{path}: {place}field '{field}' = {value!r}: {first['msg']}"


def read_rows(path: Path, row_type: type[R]) -> list[R]:
    """Read a CSV data file into validated rows; raise InputError naming file, row and field."""
    if not path.is_file():
        raise InputError(f"{path}: data file not found")
    with path.open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        rows: list[R] = []
        for number, raw in enumerate(reader, start=2):
            cleaned = {k: (v if v != "" else None) for k, v in raw.items() if k is not None}
            cleaned = {k: v for k, v in cleaned.items() if v is not None}
            try:
                rows.append(row_type.model_validate(cleaned))
            except ValidationError as error:
                raise InputError(describe_validation_error(path, error, f"row {number}")) from None
    return rows
