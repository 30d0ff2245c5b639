"""Scenario files: a TOML file naming the data tables, dates, policies and parameter values.

``load_scenario("eurasia")`` reads ``world/scenarios/eurasia.toml``; a path to
any ``.toml`` file works too. Everything is validated here, once, so that the
model itself can trust its input: a bad file raises :class:`InputError`
naming the file, the field and the allowed values.
"""

from __future__ import annotations

import difflib
import functools
import math
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from world.calendar import parse_quarter
from world.errors import InputError
from world.tables import (
    EVENT_KINDS,
    LEVER_EVENTS,
    ActorRow,
    CalibratedRow,
    CorridorRow,
    EventRow,
    InstitutionRow,
    InvestmentRow,
    MembershipRow,
    OilPriceRow,
    OilVolumeRow,
    ParameterRow,
    TradeRow,
    describe_validation_error,
    read_rows,
    read_toml,
    short_list,
    short_name,
    short_value,
)

PACKAGE_DIR = Path(__file__).resolve().parent
SCENARIO_DIR = PACKAGE_DIR / "scenarios"
DATA_DIR = PACKAGE_DIR / "data"
REST_OF_WORLD = "ROW"
# The powers Kazakhstan balances between (000 · Kazakhstan's balanced policy strategy: Russia, China, the US and
# the EU), listed once: alignment is read against them, and the dependence outcomes are reported for them.
GREAT_POWERS = ("RUS", "CHN", "EU", "USA")
# The great powers and Turkey: the partners whose vulnerability, sensitivity and conduct are reported one by one.
MAJOR_PARTNERS = (*GREAT_POWERS, "TUR")
WORLD_ACTOR = "WORLD"


class DataFiles(BaseModel):
    """Names of the data tables, relative to the scenario file's folder or ``world/data``."""

    model_config = ConfigDict(extra="forbid")
    actors: str = "actors.csv"
    institutions: str = "institutions.csv"
    memberships: str = "memberships.csv"
    trade: str = "trade.csv"
    investment: str = "investment.csv"
    corridors: str = "corridors.csv"
    events: str = "events.csv"
    parameters: str = "parameters.csv"
    oil_prices: str = "oil_prices.csv"
    oil_volumes: str = "oil_volumes.csv"
    # Values fitted by `multivector calibrate`, applied over the parameter defaults (a missing file: none).
    calibrated: str = "calibrated.csv"


class EventFilter(BaseModel):
    """Drops scheduled events that match every given field (for counterfactual scenarios)."""

    model_config = ConfigDict(extra="forbid")
    date: str | None = None
    kind: str | None = None
    target: str | None = None
    after: str | None = None

    @field_validator("date", "after")
    @classmethod
    def _is_quarter(cls, value: str | None) -> str | None:
        if value is not None:
            parse_quarter(value)
        return value

    @field_validator("kind")
    @classmethod
    def _is_event_kind(cls, value: str | None) -> str | None:
        if value is not None and value not in EVENT_KINDS:
            raise ValueError(f"unknown event kind {value!r}")
        return value

    def matches(self, event: EventRow) -> bool:
        if self.date is not None and event.date != self.date:
            return False
        if self.kind is not None and event.kind != self.kind:
            return False
        if self.target is not None and event.target != self.target:
            return False
        if self.after is not None and parse_quarter(event.date) < parse_quarter(self.after):
            return False
        return True


class ScenarioSpec(BaseModel):
    """The TOML file's schema."""

    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1)
    title: str = ""
    description: str = ""
    start: str = "2010Q1"
    horizon: str = "2040Q4"
    levers_from: str = "2025Q1"
    # The quarter Kazakhstan's strategy takes over from the record (default: levers_from). Before it the focal
    # state's moves are the record's, replayed as events the same under every strategy; an earlier quarter is a
    # stated counterfactual ("what if Kazakhstan had pivoted west in 2014?"): the record's own moves from then on
    # are dropped and the strategy decides instead.
    strategy_from: str | None = None
    focal: str = "KAZ"
    strategy: str = "multivector"
    data: DataFiles = DataFiles()
    exclude_actors: list[str] = []
    policies: dict[str, str] = {}
    parameters: dict[str, float] = {}
    events: list[dict] = []
    exclude_events: list[EventFilter] = []

    @field_validator("start", "horizon", "levers_from", "strategy_from")
    @classmethod
    def _is_quarter(cls, value: str | None) -> str | None:
        if value is not None:
            parse_quarter(value)
        return value

    @property
    def strategy_takes_over(self) -> str:
        """The quarter from which Kazakhstan's strategy decides (``strategy_from``, else ``levers_from``)."""
        return self.strategy_from or self.levers_from


@dataclass(frozen=True)
class Parameter:
    """One entry of the parameter table: a lever a user sets, or a model constant."""

    name: str
    kind: str
    default: float
    low: float
    high: float
    unit: str
    meaning: str
    source: str
    uncertain: bool = False  # sampled over [low, high] by the study's futures (the table's `uncertain` column)


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: its spec and every data table it names, cross-checked."""

    path: Path
    spec: ScenarioSpec
    actors: tuple[ActorRow, ...]
    institutions: tuple[InstitutionRow, ...]
    memberships: tuple[MembershipRow, ...]
    trade: tuple[TradeRow, ...]
    investment: tuple[InvestmentRow, ...]
    corridors: tuple[CorridorRow, ...]
    events: tuple[EventRow, ...]
    parameters: dict[str, Parameter]
    oil_prices: dict[int, float]
    oil_exports: dict[int, float]  # Mt of crude exported by year (world/data/oil_volumes.csv)
    parameter_values: dict[str, float] = field(default_factory=dict)
    stamps: tuple = ()  # modification times of input_files() when read (the cache's freshness check)

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def actor_codes(self) -> list[str]:
        return [a.code for a in self.actors]

    def policy_of(self, code: str) -> str:
        """The policy name an actor or institution follows: the scenario's override, else its data row's."""
        if code in self.spec.policies:
            return self.spec.policies[code]
        for row in (*self.actors, *self.institutions):
            if row.code == code:
                return row.policy
        raise KeyError(code)

    def input_files(self) -> list[Path]:
        """Every file this scenario was read from: the scenario file, then each data table it names."""
        tables = [_data_path(self.path, name) for name in self.spec.data.model_dump().values()]
        return [self.path, *tables]

    def check_rules(
        self,
        strategies: dict[str, type],
        policies: dict[str, type],
        allow_plugins: bool = False,
        strategy_given: bool = False,
        policies_given: frozenset[str] = frozenset(),
    ) -> None:
        """Refuse, before anything is imported, a decision rule the scenario's files name that is unknown,
        meant for the other kind of row, or plug-in code (``module:Class``) the user did not allow.

        A data file is not the user's command: a scenario or table someone sent you must not run code on
        your machine just by being loaded, so ``module:Class`` there needs ``allow_plugins`` (the CLI's
        ``--allow-plugins``). Rules the caller names itself (``strategy=``, ``policies=``) are not checked here.
        """
        afile, ifile = _data_path(self.path, self.spec.data.actors), _data_path(self.path, self.spec.data.institutions)
        rules: list[tuple[Path, str, str, str]] = []  # file, field, who, rule name
        if not strategy_given:
            rules.append((self.path, "strategy", "strategy", self.spec.strategy))
        institutions = {i.code for i in self.institutions}
        for row in (*self.actors, *self.institutions):
            if row.code == self.spec.focal or row.code in policies_given:
                continue
            if row.code in self.spec.policies:
                rules.append((self.path, f"policies.{row.code}", row.code, self.spec.policies[row.code]))
            else:
                rules.append(
                    (ifile if row.code in institutions else afile, f"policy ({row.code})", row.code, row.policy)
                )
        for file, field_name, who, name in rules:
            if ":" in name:
                if not allow_plugins:
                    raise InputError(
                        f"{file}: field '{field_name}' names code to import ({short_value(name)});"
                        " a data file may not run code: pass --allow-plugins to trust it"
                    )
                continue
            if who == "strategy":
                _require(name in strategies, file, field_name, name, list(strategies))
                continue
            serves = "institution" if who in institutions else "actor"
            fitting = [n for n, cls in policies.items() if getattr(cls, "serves", "actor") == serves]
            _require(name in fitting, file, field_name, name, fitting)

    @property
    def levers(self) -> dict[str, Parameter]:
        return {n: p for n, p in self.parameters.items() if p.kind == "lever"}

    @property
    def uncertain(self) -> dict[str, Parameter]:
        """The parameters a deep-uncertainty study samples (levers and constants marked ``uncertain``)."""
        return {n: p for n, p in self.parameters.items() if p.uncertain}

    def resolve_parameters(self, overrides: dict[str, float] | None = None) -> dict[str, float]:
        """The scenario's parameter values with ``overrides`` applied, each checked against its range."""
        values = dict(self.parameter_values)
        for name, value in (overrides or {}).items():
            values[name] = check_parameter(self.parameters, name, value, origin="parameter override")
        check_weights(values, "parameter override")
        return values


def available_scenarios() -> list[str]:
    """Names of the scenario files shipped in ``world/scenarios``."""
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.toml"))


def scenario_path(name_or_path: str | Path) -> Path:
    """Resolve a scenario name (``eurasia``) or a path to a ``.toml`` file."""
    text = str(name_or_path)
    if text.endswith(".toml") or "/" in text:
        path = Path(text)
        if not path.is_file():
            raise InputError(f"{path}: scenario file not found")
        return path.resolve()
    path = SCENARIO_DIR / f"{text}.toml"
    if not path.is_file():
        raise InputError(
            f"scenario '{text}' not found; available: {', '.join(available_scenarios())} "
            "(or give a path to a .toml file)"
        )
    return path


def load_scenario(name_or_path: str | Path = "eurasia") -> Scenario:
    """Load and validate a scenario; cached per file path and the modification times of every file it reads."""
    path = scenario_path(name_or_path)
    scenario = _load_cached(path, path.stat().st_mtime_ns)
    if _stamps(scenario.input_files()) != scenario.stamps:  # a data table was edited since: read it again
        _load_cached.cache_clear()
        scenario = _load_cached(path, path.stat().st_mtime_ns)
    return scenario


def _stamps(paths: list[Path]) -> tuple:
    return tuple(p.stat().st_mtime_ns if p.is_file() else None for p in paths)


@functools.lru_cache(maxsize=32)
def _load_cached(path: Path, _mtime: int) -> Scenario:
    raw = read_toml(path, "scenario file")
    try:
        spec = ScenarioSpec.model_validate(raw)
    except ValidationError as error:
        raise InputError(describe_validation_error(path, error)) from None
    return _build(path, spec)


def _data_path(scenario_file: Path, name: str) -> Path:
    local = scenario_file.parent / name
    return local if local.is_file() else DATA_DIR / name


def _build(path: Path, spec: ScenarioSpec) -> Scenario:
    def rows(attr: str, row_type):
        return tuple(read_rows(_data_path(path, getattr(spec.data, attr)), row_type))

    actors = rows("actors", ActorRow)
    known = {a.code for a in actors}
    for code in spec.exclude_actors:
        _require(code in known, path, "exclude_actors", code, sorted(known))
    if spec.focal in spec.exclude_actors:
        raise InputError(f"{path}: field 'exclude_actors' drops the focal actor '{spec.focal}'")
    actors = tuple(a for a in actors if a.code not in spec.exclude_actors)
    codes = [a.code for a in actors]
    _require(spec.focal in codes, path, "focal", spec.focal, codes)
    institutions = rows("institutions", InstitutionRow)
    inst_codes = [i.code for i in institutions]
    corridors = rows("corridors", CorridorRow)
    corridor_names = [c.name for c in corridors]
    dropped = set(spec.exclude_actors)

    memberships = tuple(m for m in rows("memberships", MembershipRow) if m.actor not in dropped)
    mfile = _data_path(path, spec.data.memberships)
    for m in memberships:
        _require(m.actor in codes, mfile, "actor", m.actor, codes)
        _require(m.institution in inst_codes, mfile, "institution", m.institution, inst_codes)
    tfile = _data_path(path, spec.data.trade)
    trade_codes = codes + [REST_OF_WORLD]
    trade = tuple(t for t in rows("trade", TradeRow) if not {t.exporter, t.importer} & dropped)
    for t in trade:
        _require(t.exporter in trade_codes, tfile, "exporter", t.exporter, trade_codes)
        _require(t.importer in trade_codes, tfile, "importer", t.importer, trade_codes)
    ifile = _data_path(path, spec.data.investment)
    investment = tuple(i for i in rows("investment", InvestmentRow) if not {i.investor, i.host} & dropped)
    for i in investment:
        _require(i.investor in trade_codes, ifile, "investor", i.investor, trade_codes)
        _require(i.host in codes, ifile, "host", i.host, codes)
    cfile = _data_path(path, spec.data.corridors)
    for c in corridors:
        for code in c.path.split("-"):
            _require(code in codes or code in dropped, cfile, f"{c.name}.path", code, codes)
        for code in c.controllers.split():
            _require(code in codes or code in dropped, cfile, f"{c.name}.controllers", code, codes)

    parameters = {
        p.name: Parameter(p.name, p.kind, p.default, p.min, p.max, p.unit, p.meaning, p.source, p.uncertain)
        for p in rows("parameters", ParameterRow)
    }
    pfile = _data_path(path, spec.data.parameters)
    missing = [name for name in required_parameters() if name not in parameters]
    if missing:
        raise InputError(
            f"{pfile}: field 'name': parameter {missing[0]!r} has no row "
            f"({len(missing)} missing); the model reads every parameter of world/data/parameters.csv"
        )
    values = {name: p.default for name, p in parameters.items()}
    calibrated = _data_path(path, spec.data.calibrated)
    if calibrated.is_file():
        for row in read_rows(calibrated, CalibratedRow):
            values[row.name] = check_parameter(parameters, row.name, row.value, origin=f"{calibrated}: field 'name'")
    for name, value in spec.parameters.items():
        values[name] = check_parameter(parameters, name, value, origin=f"{path}: field 'parameters'")
    check_weights(values, f"{path}: field 'parameters'")

    efile = _data_path(path, spec.data.events)
    events = [(e, efile) for e in rows("events", EventRow) if not any(f.matches(e) for f in spec.exclude_events)]
    for number, raw in enumerate(spec.events, start=1):
        try:
            events.append((EventRow.model_validate(raw), path))  # an inline event's errors name the scenario
        except ValidationError as error:
            raise InputError(describe_validation_error(path, error, f"events entry {number}")) from None
    events = [(e, origin) for e, origin in events if e.actor not in dropped and e.target not in dropped]
    for e, origin in events:
        _check_event(e, origin, codes, inst_codes, corridor_names)
        if e.kind in LEVER_EVENTS:  # a lever's history is in the lever's unit and range
            check_parameter(parameters, LEVER_EVENTS[e.kind], e.magnitude, origin=f"{origin}: {e.date} {e.kind}")
    events = [e for e, _ in sorted(events, key=lambda pair: parse_quarter(pair[0].date))]

    for kind in ("oil", "cargo"):
        if not any(c.kind == kind and c.capacity_mt > 0 and c.reliability > 0 for c in corridors):
            raise InputError(
                f"{cfile}: field 'capacity_mt': no {kind} corridor has capacity and reliability "
                f"above 0; the model needs at least one usable {kind} route"
            )
    focal_exports = sum(t.value_bn for t in trade if t.exporter == spec.focal and t.importer != spec.focal)
    if focal_exports <= 0:
        raise InputError(
            f"{tfile}: field 'value_bn': the focal actor {spec.focal} exports nothing; "
            "its export shares need at least one flow above 0"
        )
    oil = {r.year: r.usd_bbl for r in rows("oil_prices", OilPriceRow)}
    oil_exports = {r.year: r.exports_mt for r in rows("oil_volumes", OilVolumeRow)}
    if not oil_exports:
        raise InputError(
            f"{_data_path(path, spec.data.oil_volumes)}: field 'exports_mt': the table has no rows; "
            "the replay needs at least one year of crude exports"
        )
    for actor in spec.policies:
        _require(actor in codes or actor in inst_codes, path, "policies", actor, codes + inst_codes)
    if parse_quarter(spec.horizon) <= parse_quarter(spec.start):
        raise InputError(f"{path}: field 'horizon' ({spec.horizon}) must come after 'start' ({spec.start})")
    if spec.strategy_from is not None and not (
        parse_quarter(spec.start) <= parse_quarter(spec.strategy_from) <= parse_quarter(spec.levers_from)
    ):
        raise InputError(
            f"{path}: field 'strategy_from' ({spec.strategy_from}) must lie between 'start' ({spec.start}) and "
            f"'levers_from' ({spec.levers_from})"
        )
    return Scenario(
        path=path,
        spec=spec,
        actors=actors,
        institutions=institutions,
        memberships=memberships,
        trade=trade,
        investment=investment,
        corridors=corridors,
        events=tuple(events),
        parameters=parameters,
        oil_prices=oil,
        oil_exports=oil_exports,
        parameter_values=values,
        stamps=_stamps([path, *(_data_path(path, name) for name in spec.data.model_dump().values())]),
    )


def _check_event(e: EventRow, file: Path, codes: list[str], institutions: list[str], corridors: list[str]) -> None:
    actors = codes + [WORLD_ACTOR]
    _require(e.actor in actors, file, f"{e.date} {e.kind}.actor", e.actor, actors)
    allowed = {"corridor": corridors, "actor": codes, "institution": institutions}.get(EVENT_KINDS[e.kind])
    if allowed is not None:
        _require(e.target in allowed, file, f"{e.date} {e.kind}.target", e.target, allowed)


def _require(ok: bool, file: Path, field_name: str, value: object, allowed: list[str]) -> None:
    if not ok:
        raise InputError(
            f"{file}: field '{short_name(field_name)}': unknown value {short_value(value)}; "
            f"allowed: {short_list(allowed)}"
        )


@functools.lru_cache(maxsize=1)
def required_parameters() -> tuple[str, ...]:
    """Every parameter the model reads: the names in the shipped parameter table."""
    return tuple(row.name for row in read_rows(DATA_DIR / "parameters.csv", ParameterRow))


WEIGHT_PREFIX = "weight_"  # the dependence channel weights: relative, so only their sum being 0 is meaningless


def check_weights(values: dict[str, float], origin: str) -> None:
    """Refuse channel weights that are all zero (combined dependence divides by their sum)."""
    weights = [v for name, v in values.items() if name.startswith(WEIGHT_PREFIX)]
    if weights and sum(weights) <= 0:
        raise InputError(f"{origin}: the dependence weights (weight_*) are all 0; at least one must be above 0")


def check_parameter(parameters: dict[str, Parameter], name: str, value: object, origin: str) -> float:
    """Return ``value`` as a float if ``name`` is a known parameter and the value is in range."""
    if name not in parameters:
        close = difflib.get_close_matches(str(name), parameters, n=1)
        levers = [n for n, p in parameters.items() if p.kind == "lever"]
        hint = f"did you mean {close[0]!r}?" if close else f"allowed: levers {short_list(levers)}"
        raise InputError(f"{origin}: unknown parameter {short_value(name)}; {hint} (all: docs/parameters.md)")
    spec = parameters[name]
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise InputError(f"{origin}: parameter {name!r} = {short_value(value)} is not a number") from None
    if not math.isfinite(number) or not (spec.low <= number <= spec.high):
        raise InputError(
            f"{origin}: parameter '{name}' = {number:g} is out of range; allowed: "
            f"{spec.low:g} to {spec.high:g} {spec.unit}"
        )
    return number
