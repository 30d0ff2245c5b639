"""The world the rules read and write, as a typed protocol: what an applier, a policy or a measure may touch.

Rules take a :class:`World`, not the Mesa model: :class:`world.model.DiplomacyModel` is one (the only one
today), and a rule module needs nothing above this one to be read, tested or typed. This module sits on the
ground floor of the world package with the state it names — relations, corridors, institutions, the contract
book, the diplomatic memory, the event log, the lever schedule and the quarter's readings — and imports no
rule, so no rule module closes an import circle through the model (tests/test_import_cycles.py).

Three parts of the state are objects whose own methods take the world (the economy, the re-export channel,
the recorder and its column layout); they are named here by protocols of what the rules outside their
modules use of them, so that this module need not import the rules that define them.
"""

from __future__ import annotations

from typing import Any, Protocol

import numpy as np

from world.contracts import RouteContracts
from world.corridors import Corridors
from world.eventlog import EventLog
from world.institutions import Institutions
from world.levers import LeverSchedule
from world.memory import DiplomaticMemory
from world.moves import Action
from world.readings import Dependence, Leverage, RouteDependence, SecurityExposure
from world.relations import Relations
from world.scenario import Scenario
from world.situation import Situation


class Actor(Protocol):
    """A state, bloc or institution as a decision rule sees itself: its code and its rule (world/actors.py)."""

    code: str
    policy: Any


class EconomyState(Protocol):
    """Kazakhstan's output and external accounts (world/economy.py :class:`~world.economy.Economy`)."""

    gdp: float
    core_gdp: float
    welfare: float
    welfare_parts: np.ndarray
    last_growth: float
    export_weights: np.ndarray
    total_exports: float
    non_oil_exports: float
    potential_exports: np.ndarray
    potential_imports: np.ndarray
    open_imports: np.ndarray
    export_revenue: float
    transit_revenue: float
    lost_exports_mt: float
    oil_offered_mt: float
    oil_shut_in_mt: float
    shut_in_revenue_bn: float
    contract_fees_bn: float
    transit_cargo_mt: float
    cargo_demand_mt: float
    kaz_cargo_mt: float
    kaz_cargo_share: float
    cargo_fraction: np.ndarray
    cargo_shock: tuple[float, int] | None
    reexports_bn: float
    designation_cost: float
    security: SecurityExposure

    def update(self, world: World) -> None: ...
    def charge(self, amount_bn: float) -> None: ...
    def add_fdi(self, investor: int, amount: float, step: int) -> None: ...
    def queue_shift(self, due: int, source: int, destination: int, share: float) -> None: ...
    def pending_to(self, destination: int) -> float: ...
    def annual_inflow(self) -> np.ndarray: ...


class ReexportState(Protocol):
    """Western goods sold on to Russia through Kazakhstan (world/reexports.py :class:`~world.reexports.ReexportChannel`)."""

    flow_bn: float
    policing: float
    quarters_noticed: int

    def update(self, world: World) -> float: ...
    def police(self, share: float) -> None: ...


class LayoutState(Protocol):
    """Where each recorded column sits in a row (world/metrics.py :class:`~world.metrics.ColumnLayout`)."""

    names: list[str]
    index: dict[str, int]
    slices: dict[str, slice]
    scalar_index: dict[str, int]
    partners: list[str]


class RecorderState(Protocol):
    """The step × column array of the run so far (world/metrics.py :class:`~world.metrics.Recorder`)."""

    layout: LayoutState
    data: np.ndarray
    rows: int

    def record(self, world: World) -> None: ...
    def series(self, name: str) -> np.ndarray: ...


class World(Protocol):
    """The state of one run and the queries rules ask of it; :class:`world.model.DiplomacyModel` implements it."""

    # --- what the run is -------------------------------------------------------------
    setting: Scenario
    params: dict[str, float]
    focal: str
    rng: np.random.Generator
    record_events: bool
    strategy_name: str
    start_quarter: int
    end_quarter: int
    n_steps: int
    levers_from_step: int
    levers: LeverSchedule
    shocks: list
    agents_by_code: dict[str, Any]

    # --- the state the rules read and write -------------------------------------------------
    relations: Relations
    corridors: Corridors
    institutions: Institutions
    contracts: RouteContracts
    memory: DiplomaticMemory
    economy: EconomyState
    reexports: ReexportState
    log: EventLog
    recorder: RecorderState
    layout: LayoutState
    leverage: Leverage
    running: bool

    # --- the clock (Mesa's ``steps`` counts quarters from the start) ------------------------
    steps: int

    @property
    def date(self) -> str: ...
    @property
    def year(self) -> int: ...
    @property
    def quarter(self) -> int: ...
    @property
    def in_lever_period(self) -> bool: ...
    @property
    def strategy_decides(self) -> bool: ...

    # --- queries ----------------------------------------------------------------------
    def lever(self, name: str) -> float: ...
    def trade_openness(self, exporters: Any = ..., importers: Any = ...) -> np.ndarray: ...
    def realised_trade(self) -> np.ndarray: ...
    def dependence(self) -> Dependence: ...
    def route_dependence(self) -> RouteDependence: ...
    def route_share_of(self, corridor: int) -> float: ...
    def autonomy(self) -> float: ...
    def members_of(self, institution: str) -> list[str]: ...
    def is_member(self, actor: str, institution: str) -> bool: ...
    def leader_of(self, code: str) -> str: ...
    def grievance(self, actor: str) -> float: ...
    def situation(self) -> Situation: ...
    def series(self, name: str) -> np.ndarray: ...
    def has_series(self, name: str) -> bool: ...
    def outcomes(self) -> dict[str, float]: ...

    # --- writing: moves and the log -------------------------------------------------------
    def apply(self, action: Action, origin: str = "policy") -> None: ...
    def log_event(
        self,
        actor: str,
        category: str,
        action: str,
        target: str,
        magnitude: float,
        reason: str,
        source: str,
        origin: str = "policy",
    ) -> None: ...
