"""Typed rows of the data files in ``world/data/``, validated with pydantic.

Every row carries a ``source`` column: the passage of a seed paper or the data
source it rests on (see ``docs/sources.md``).
"""

from __future__ import annotations

import csv
import math
import tomllib
from pathlib import Path
from typing import ClassVar, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from world.calendar import parse_quarter
from world.errors import InputError

# Documented bounds on magnitudes: wide enough for any real country, corridor or year, narrow enough that a
# typo (1e3 for 1.0, 1e-300 for a GDP) is refused instead of turning shares negative or infinite.
MAX_GDP_BN = 1e5  # world GDP is about 1e5 bn USD
MIN_GDP_BN = 0.01  # 10 million USD: below any state in the tables; a GDP near zero divides shares by ~0
MAX_FLOW_BN = 1e4  # a bilateral trade flow or FDI stock; the largest today is under 1e3
MAX_CAPACITY_MT = 1e3  # Mt per year; the largest pipeline in the tables carries under 100
MAX_TRANSIT_DAYS = 365.0
MAX_COST_USD_T = 1e4
MAX_OIL_USD_BBL = 1e3
MAX_CONTRACT_QUARTERS = 400  # a route contract's lag or term: a century is a typo, not a contract
MAX_TABLE_BYTES = 50_000_000  # a data table larger than this is not one of ours: refuse before parsing
MAX_TOML_DEPTH = 8  # scenario and sweep files nest tables two or three deep; deeper is a mistake or an attack


class Row(BaseModel):
    """Base of all data rows: unknown columns are an error, not silently dropped; numbers are finite.

    ``unique`` names the column groups no two rows may share (a duplicate actor or corridor would
    otherwise surface as an index error or a duplicate Parquet column far from its cause).
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)
    unique: ClassVar[tuple[tuple[str, ...], ...]] = ()
    source: str = Field(min_length=1)


def _quarter(value: str) -> str:
    """Accept a quarter like ``2022Q3`` unchanged; raise ValueError otherwise."""
    parse_quarter(value)
    return value


def _quarter_or_empty(value: str | None) -> str | None:
    return None if value in (None, "") else _quarter(value)


class ActorRow(Row):
    unique: ClassVar = (("code",), ("name",))
    code: str = Field(pattern=r"^[A-Z]{2,4}$")
    name: str = Field(min_length=1)
    kind: Literal["state", "bloc"]
    gdp_bn: float = Field(ge=MIN_GDP_BN, le=MAX_GDP_BN)
    military_bn: float = Field(ge=0, le=MAX_GDP_BN)
    growth: float = Field(ge=-0.3, le=0.3)
    long_run_growth: float = Field(ge=-0.1, le=0.1)
    lon: float = Field(ge=-180, le=180)
    lat: float = Field(ge=-90, le=90)
    governance: float = Field(ge=0, le=1)
    turkic: int = Field(ge=0, le=1)
    oil_exporter: int = Field(ge=0, le=1)
    policy: str = ""


class InstitutionRow(Row):
    unique: ClassVar = (("code",), ("name",))
    code: str = Field(pattern=r"^[A-Z]{2,5}$")
    name: str = Field(min_length=1)
    tariff_free: float = Field(ge=0, le=1)
    security_guarantee: float = Field(ge=0, le=1)
    forum: float = Field(ge=0, le=1)
    external_tariff: float = Field(ge=0, le=1)
    alignment_demand: float = Field(ge=0, le=1)
    leader: str
    policy: str = "forum"


class MembershipRow(Row):
    unique: ClassVar = (("actor", "institution"),)
    actor: str
    institution: str
    status: Literal["member", "observer", "partner"]
    joined: str | None = None
    left: str | None = None

    _quarters = field_validator("joined", "left", mode="before")(_quarter_or_empty)


class TradeRow(Row):
    unique: ClassVar = (("exporter", "importer"),)
    exporter: str
    importer: str
    value_bn: float = Field(ge=0, le=MAX_FLOW_BN)


class InvestmentRow(Row):
    unique: ClassVar = (("investor", "host"),)
    investor: str
    host: str
    stock_bn: float = Field(ge=0, le=MAX_FLOW_BN)


class CorridorRow(Row):
    unique: ClassVar = (("name",),)
    name: str = Field(pattern=r"^[a-z_]+$")
    kind: Literal["oil", "cargo"]
    path: str
    controllers: str
    capacity_mt: float = Field(ge=0, le=MAX_CAPACITY_MT)
    transit_days: float = Field(ge=1, le=MAX_TRANSIT_DAYS)
    cost_usd_t: float = Field(ge=0, le=MAX_COST_USD_T)
    reliability: float = Field(ge=0, le=1)
    # Short-run rerouting and contracts (world/corridors.py, world/contracts.py): how far the corridor's spot
    # volume can rise in one quarter (Mt/yr per quarter), the quarters from signing a route contract to its
    # first cargo, and the fee a contract pays per tonne (take-or-pay), with the source of the three.
    ramp_mt_q: float = Field(ge=0, le=MAX_CAPACITY_MT)
    contract_lag_q: int = Field(ge=0, le=MAX_CONTRACT_QUARTERS)
    contract_fee_usd_t: float = Field(ge=0, le=MAX_COST_USD_T)
    # 1: the corridor reaches the markets the sea route via Suez serves (Turkey, the Caucasus, southern Europe)
    # and competes with it for China's cargo there (world/corridors.py); 0: it does not.
    sea_rival: int = Field(ge=0, le=1)
    routing_source: str = Field(min_length=1)


# The one list of scheduled-event kinds, with what each one's ``target`` must name (checked when a
# scenario loads): a corridor, an actor, an institution, or anything ("any": summits and statements
# name their counterpart in words). world/events.py applies each kind; tests/test_actions.py checks
# that every kind here has a way to be applied.
EVENT_KINDS = {
    "summit": "any",
    "statement": "any",
    "mediation": "any",
    "capacity": "corridor",
    "transit_time": "corridor",
    "reliability": "corridor",
    "transit_disruption": "corridor",
    "route_priority": "corridor",
    "route_contract": "corridor",
    "pledge": "corridor",
    "cargo_demand": "corridor",
    "sanctions": "actor",
    "opinion": "actor",
    "baseline_pressure": "actor",
    "partnership": "actor",
    "arms_deal": "actor",
    "engagement": "actor",
    "bri": "actor",
    "police_reexports": "actor",
    "join": "institution",
    "leave": "institution",
}


# What an event's magnitude means, by kind, bounds it (see the handlers in world/events.py and world/actions.py):
# shares and affinities live in [-1, 1] or [0, 1]; lever-like kinds take their lever's range in parameters.csv;
# corridor upgrades are bounded by the largest plausible corridor.
# The lever whose historical value an event kind sets (world/events.py): its magnitude is in the lever's unit.
LEVER_EVENTS = {"pledge": "eu_investment", "bri": "china_bri", "baseline_pressure": "russian_pressure"}
EVENT_MAGNITUDE_BOUNDS: dict[str, tuple[float, float]] = {
    "summit": (-1.0, 1.0),
    "statement": (-1.0, 1.0),
    "mediation": (-1.0, 1.0),
    "opinion": (-1.0, 1.0),
    "partnership": (0.0, 1.0),
    "arms_deal": (0.0, 1.0),
    "engagement": (-1.0, 1.0),
    "sanctions": (0.0, 1.0),  # share of trade cut both ways; above 1 turns trade shares negative
    "transit_disruption": (0.0, 1.0),  # share of a corridor's capacity cut
    "reliability": (-1.0, 1.0),
    "route_priority": (-5.0, 5.0),
    "route_contract": (0.0, MAX_CAPACITY_MT),  # Mt per year carried under the contract
    "capacity": (-MAX_CAPACITY_MT, MAX_CAPACITY_MT),
    "transit_time": (-MAX_TRANSIT_DAYS, MAX_TRANSIT_DAYS),
    # Events that set a lever's historical value: non-negative here; the lever's own range in the scenario's
    # parameter table (its one home, with its unit) is checked when the scenario loads (world/scenario.py).
    "pledge": (0.0, math.inf),
    "bri": (0.0, math.inf),
    "baseline_pressure": (0.0, math.inf),
    "cargo_demand": (0.0, 10.0),  # a demand factor; 1.6 is the 2022 Middle Corridor surge
    "police_reexports": (0.0, 1.0),  # share of the re-export channel closed
    "join": (0.0, 1.0),
    "leave": (0.0, 1.0),
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

    @model_validator(mode="after")
    def _magnitude_in_bounds(self) -> "EventRow":
        low, high = EVENT_MAGNITUDE_BOUNDS[self.kind]
        if not low <= self.magnitude <= high:
            raise ValueError(f"magnitude {self.magnitude:g} is outside {low:g} to {high:g} for a '{self.kind}' event")
        return self


class ParameterRow(Row):
    unique: ClassVar = (("name",),)
    name: str = Field(pattern=r"^[a-z_]+$")
    kind: Literal["lever", "model"]
    default: float
    min: float
    max: float
    unit: str
    meaning: str
    # 1: a deeply uncertain input that `multivector study --futures` samples over [min, max]; 0 or empty: held fixed.
    uncertain: bool = False

    @model_validator(mode="after")
    def _default_in_range(self) -> "ParameterRow":
        if self.min > self.max:
            raise ValueError(f"min {self.min:g} is above max {self.max:g}")
        if not self.min <= self.default <= self.max:
            raise ValueError(f"default {self.default:g} is outside min {self.min:g} to max {self.max:g}")
        return self


class CalibratedRow(Row):
    """A parameter value fitted by ``multivector calibrate`` (world/data/calibrated.csv)."""

    name: str = Field(pattern=r"^[a-z_]+$")
    value: float


class OilPriceRow(Row):
    unique: ClassVar = (("year",),)
    year: int = Field(ge=1990, le=2100)
    usd_bbl: float = Field(ge=1, le=MAX_OIL_USD_BBL)


class OilVolumeRow(Row):
    """Kazakhstan's crude (and condensate) production and exports in a year (world/data/oil_volumes.csv)."""

    unique: ClassVar = (("year",),)
    year: int = Field(ge=1990, le=2100)
    production_mt: float = Field(gt=0, le=MAX_CAPACITY_MT)
    exports_mt: float = Field(gt=0, le=MAX_CAPACITY_MT)

    @model_validator(mode="after")
    def _exports_within_production(self) -> "OilVolumeRow":
        if self.exports_mt > self.production_mt:
            raise ValueError(f"exports {self.exports_mt:g} Mt exceed production {self.production_mt:g} Mt")
        return self


R = TypeVar("R", bound=Row)


def shorten(text: str, limit: int = 60) -> str:
    """``text`` cut to ``limit`` characters with an ellipsis, so a message stays one readable line."""
    text = str(text).replace("\n", " ")
    return text if len(text) <= limit else text[: limit - 1] + "…"


NAME_WIDTH, VALUE_WIDTH, LIST_WIDTH = 40, 30, 70  # characters a message spends on a field, a value, a list


def short_name(text: object) -> str:
    return shorten(str(text), NAME_WIDTH)


def short_value(value: object) -> str:
    """``repr(value)``, cut to fit a one-line message."""
    return shorten(repr(value), VALUE_WIDTH)


def short_list(items: list) -> str:
    return shorten(", ".join(map(str, items)), LIST_WIDTH)


def describe_validation_error(path: Path, error: ValidationError, where: str = "") -> str:
    """One line naming file, place in it (``row 3``; none for a whole file), field and what is allowed."""
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "(row)"
    value = first.get("input")
    place = f"{where}: " if where else ""
    message = first["msg"].removeprefix("Value error, ")
    shown = shorten(repr(value), 30) if not isinstance(value, dict) else "…"
    return f"{path}: {place}field '{shorten(field, 40)}' = {shown}: {shorten(message, 90)}"


def read_text(path: Path, what: str = "file") -> str:
    """A UTF-8 text file's contents, or one InputError line saying why it cannot be read."""
    if not path.is_file():
        raise InputError(f"{path}: {what} not found")
    try:
        if path.stat().st_size > MAX_TABLE_BYTES:
            raise InputError(f"{path}: larger than {MAX_TABLE_BYTES // 1_000_000} MB; not a {what}")
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{path}: not UTF-8 text (byte {error.start}); save it as UTF-8") from None
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror})") from None


def read_toml(path: Path, what: str = "TOML file") -> dict:
    """Parse a TOML file: UTF-8, valid syntax, nested at most :data:`MAX_TOML_DEPTH` deep."""
    text = read_text(path, what)
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise InputError(f"{path}: TOML syntax error: {shorten(error, 100)}") from None
    except RecursionError:
        raise InputError(f"{path}: nested deeper than {MAX_TOML_DEPTH} levels") from None
    if _depth(raw) > MAX_TOML_DEPTH:
        raise InputError(f"{path}: nested deeper than {MAX_TOML_DEPTH} levels")
    return raw


def _depth(value: object, level: int = 0) -> int:
    if level > MAX_TOML_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(v, level + 1) for v in value.values()), default=level + 1)
    if isinstance(value, list):
        return max((_depth(v, level + 1) for v in value), default=level + 1)
    return level


def read_rows(path: Path, row_type: type[R]) -> list[R]:
    """Read a CSV data file into validated rows; raise InputError naming file, row and field."""
    lines = read_text(path, "data file").splitlines()
    rows: list[R] = []
    seen: dict[tuple, dict] = {group: {} for group in row_type.unique}
    try:
        reader = csv.DictReader(lines)
        for number, raw in enumerate(reader, start=2):
            if None in raw:
                raise InputError(f"{path}: row {number}: more values than the header has columns")
            cleaned = {k: v for k, v in raw.items() if v not in (None, "")}
            try:
                row = row_type.model_validate(cleaned)
            except ValidationError as error:
                raise InputError(describe_validation_error(path, error, f"row {number}")) from None
            for group, first in seen.items():
                key = tuple(getattr(row, column) for column in group)
                if key in first:
                    raise InputError(
                        f"{path}: row {number}: field '{'+'.join(group)}' = "
                        f"{shorten(' '.join(map(str, key)), 30)!r} repeats row {first[key]}"
                    )
                first[key] = number
            rows.append(row)
    except csv.Error as error:
        raise InputError(f"{path}: not a readable CSV table ({shorten(error, 60)})") from None
    return rows
