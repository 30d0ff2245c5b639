"""DiplomacyModel: Kazakhstan between Russia, China, the EU, the US and its neighbours, one quarter a step.

A step: scheduled events for the quarter → every agent acts in random order
(``AgentSet.shuffle_do``) → the economy and corridors update on arrays → one
row of metrics is recorded. See docs/ODD.md for the full description.
"""

from __future__ import annotations

import mesa
import numpy as np

from world.actions import ACTION_TYPES, DEPENDENCE_NEUTRAL, MAX_RESTRICTION, Action
from world.actors import BlocAgent, FocalAgent, StateAgent
from world.alignment import TALK_UNIT, alignment_signals, talk_partners
from world.calendar import format_quarter, parse_quarter
from world.contracts import ROUTING_SOURCE, SHUT_IN_LOG_FLOOR, RouteContracts
from world.corridors import Corridors
from world.decisions import Strategy
from world.economy import WELFARE_PARTS, Economy
from world.errors import InputError
from world.eventlog import EventLog
from world.events import apply_scheduled
from world.institutions import Institutions
from world.leverage import LeverageCalculator
from world.levers import LeverSchedule
from world.memory import DiplomaticMemory
from world.mesa_adapter import RecorderDataCollector
from world.metrics import ColumnLayout, Recorder, dependence, route_dependence
from world.perception import SituationView
from world.readings import Dependence, RouteDependence
from world.reexports import ReexportChannel
from world.registry import POLICIES, STRATEGIES
from world.relations import Relations
from world.scenario import Scenario, load_scenario
from world.situation import Situation

CORRIDOR_ACTIONS = frozenset(
    {"shift_route", "corridor_investment", "transit_disruption", "route_contract"}
)  # target: a corridor
REPORTING_QUARTER = 4  # index: the quarter whose flows the log reports once a year (the year's trade statistics)


# The event-log lines of the contract book's quarter: world/contracts.py keeps the book itself, as plain state
# below the rules (the typed world of world/state.py names it), so the lines that need the world are here.


def begin_contract_quarter(model: "DiplomacyModel") -> None:
    """Start and end the contracts due this quarter, with a line in the event log for each."""
    started, ended = model.contracts.begin_quarter(model.steps)
    if not model.record_events:
        return
    names = model.corridors.names
    for verb, contracts in (("starts", started), ("ends", ended)):
        for c in contracts:
            with_whom = f" with {c.partner}" if c.partner else ""
            model.log_event(
                c.party,
                "trade",
                f"route_contract_{verb[:-1]}",
                names[c.corridor],
                c.volume_mt,
                f"{c.party}'s route contract{with_whom} {verb}: {c.volume_mt:.3g} Mt/yr on the {names[c.corridor]} "
                f"corridor at {c.fee_usd_t:.0f} $/t take-or-pay ({c.reason})",
                c.source,
                origin="scheduled",
            )


def log_shut_in(model: "DiplomacyModel") -> None:
    """A line in the event log in a quarter when oil is shut in: how much, and the revenue lost."""
    economy = model.economy
    if model.record_events and economy.oil_shut_in_mt > SHUT_IN_LOG_FLOOR:
        model.log_event(
            "WORLD",
            "trade",
            "shut_in",
            "oil",
            economy.oil_shut_in_mt,
            f"{economy.oil_shut_in_mt:.2f} Mt of crude shut in this quarter (${economy.shut_in_revenue_bn:.2f}bn "
            "of exports lost): the routes still open take only their spare capacity and their quarterly ramp",
            ROUTING_SOURCE,
            origin="scheduled",
        )


class DiplomacyModel(mesa.Model):
    """The multi-vector diplomacy model.

    Every argument is a keyword with a default, so SolaraViz's reset and
    ``mesa.batch_run`` can rebuild it. ``setting`` is the scenario to run (a
    name in world/scenarios, a path to a .toml file, or a loaded
    :class:`~world.scenario.Scenario`); it is not called ``scenario`` because
    Mesa 3.5's ``Model`` reserves that keyword and ``model.scenario`` for its own
    parameter object. Parameters (levers such as ``russian_pressure`` and model
    constants) are passed as keywords and checked against the scenario's
    parameter table. ``strategy`` and ``policies`` may name your own
    ``package.module:Class``; a scenario file or table naming one is refused
    unless ``allow_plugins=True`` (loading someone's data must not run their code).
    """

    def __init__(
        self,
        setting: str | Scenario = "eurasia",
        strategy: str | None = None,
        rng=None,
        until: str | None = None,
        policies: dict[str, str] | None = None,
        record_events: bool = True,
        allow_plugins: bool = False,
        **parameters,
    ) -> None:
        super().__init__(rng=rng)
        self.setting = setting if isinstance(setting, Scenario) else load_scenario(setting)
        spec = self.setting.spec
        self.params = self.setting.resolve_parameters(parameters)
        self.focal = spec.focal
        self.start_quarter = parse_quarter(spec.start)
        self.end_quarter = parse_quarter(until or spec.horizon)
        if self.end_quarter <= self.start_quarter:
            raise InputError(f"until = {until!r} must come after the start of {self.setting.path} ({spec.start})")
        self.levers_from_step = parse_quarter(spec.levers_from) - self.start_quarter
        self.strategy_from_step = parse_quarter(spec.strategy_takes_over) - self.start_quarter
        self.levers = LeverSchedule(
            self.params, self.setting.oil_prices, self.start_quarter, self.levers_from_step, self.setting.oil_exports
        )
        self.n_steps = self.end_quarter - self.start_quarter
        self.record_events = record_events
        self.shocks: list = []  # interventions from outside the agents, run as a quarter begins (world/shocks.py)
        self._dates = [format_quarter(self.start_quarter + t) for t in range(self.n_steps + 1)]

        self.relations = Relations(self.setting)
        self.corridors = Corridors(self.setting, self.relations.index)
        self.contracts = RouteContracts(len(self.corridors.names))
        self.institutions = Institutions(self.setting, self.relations.index)
        self.institutions.configure_trade(self.params["customs_union_gain"], self.params["tariff_elasticity"])
        self.log = EventLog()
        self._init_lookups()
        self._init_state()
        self.reexports = ReexportChannel(self)
        self.economy = Economy(self)
        self._init_schedule()
        self.setting.check_rules(
            STRATEGIES.classes(),
            POLICIES.classes(),
            allow_plugins,
            strategy_given=strategy is not None,
            policies_given=frozenset(policies or {}),
        )
        self._init_agents(strategy or spec.strategy, policies or {})

        self._dependence: Dependence | None = None
        self._routes: RouteDependence | None = None
        self._situation: Situation | None = None
        self.layout = ColumnLayout(
            self.relations.codes,
            self.corridors.names,
            list(self.corridors.is_oil),
            self.institutions.codes,
            self.focal,
            WELFARE_PARTS,
        )
        self.recorder = Recorder(self.layout, self.n_steps + 1)
        self._leverage_calculator = LeverageCalculator(self)
        self._economy()
        self.recorder.record(self)
        self._datacollector: RecorderDataCollector | None = None

    # --- construction ------------------------------------------------------------

    def _init_lookups(self) -> None:
        """Index arrays and names the per-step code reuses, built once (corridor paths and controllers are fixed)."""
        self._situation_view = SituationView(self.focal, self.relations, self.corridors)

    def _init_state(self) -> None:
        """Kazakhstan's diplomatic memory (demands, concessions, standing): the rest of the state lives in its parts."""
        self.memory = DiplomaticMemory()

    def _init_schedule(self) -> None:
        """Index scheduled events and membership changes by the step they fall on.

        History is data (world/record.py): the focal state's own moves in the
        record — its summits, statements, mediation, partnerships, route
        contracts, joins and exits — are replayed by the calendar up to the
        quarter its strategy takes over (``strategy_from``, by default
        ``levers_from``), the same under every strategy. From that quarter its
        strategy decides, so the record's moves dated later are dropped (a
        scenario that hands over before 2025 is a stated counterfactual). The
        other actors' events and the world's shocks always stay on the calendar.
        """
        self._scheduled: dict[int, list] = {}
        for event in self.setting.events:
            t = parse_quarter(event.date) - self.start_quarter
            if 0 < t <= self.n_steps and not (event.actor == self.focal and t >= self.strategy_from_step):
                self._scheduled.setdefault(t, []).append(event)
        for quarter, actor, inst, change, status, source in self.institutions.scheduled:
            t = quarter - self.start_quarter
            if 0 < t <= self.n_steps and not (actor == self.focal and t >= self.strategy_from_step):
                verb = "joins" if change == "join" else "leaves"
                action = Action(
                    actor,
                    change,
                    inst,
                    1.0,
                    f"{actor} {verb} the {inst}",
                    source,
                    partner=status if change == "join" else "",
                )
                self._scheduled.setdefault(t, []).append(action)

    def _init_agents(self, strategy: str, overrides: dict[str, str]) -> None:
        self._take_strategy(strategy)
        self.agents_by_code: dict[str, StateAgent] = {}
        for actor in self.setting.actors:
            if actor.code == self.focal:
                self.agents_by_code[actor.code] = FocalAgent(self, actor.code, self.strategy)
                continue
            policy = self._policy(actor.code, overrides, "actor")
            cls = BlocAgent if actor.kind == "bloc" else StateAgent
            self.agents_by_code[actor.code] = cls(self, actor.code, policy)
        for inst in self.setting.institutions:
            policy = self._policy(inst.code, overrides, "institution")
            self.agents_by_code[inst.code] = BlocAgent(self, inst.code, policy)

    def _take_strategy(self, strategy: str) -> None:
        self.strategy_name = strategy
        self.strategy = STRATEGIES.create(strategy)
        if not isinstance(self.strategy, Strategy):
            raise InputError(f"strategy '{strategy}' is not a subclass of world.decisions.Strategy")

    def hand_over_to(self, strategy: str) -> None:
        """Give Kazakhstan ``strategy`` before it has decided anything (a warm start's fork, world/warmstart.py).

        Until ``strategy_from`` the record decides (world/record.py), the same under every strategy, so a run
        that has not reached it is the same run whichever strategy it will hand over to.
        """
        if self.steps >= self.strategy_from_step:
            raise InputError(
                f"the strategy cannot change at {self.date}: {self.strategy_name} has decided since "
                f"{self.setting.spec.strategy_takes_over}"
            )
        self._take_strategy(strategy)
        self.agents_by_code[self.focal].policy = self.strategy

    def _policy(self, code: str, overrides: dict[str, str], serves: str):
        """The policy ``code`` follows, checked to be meant for its kind of row (an actor or an institution)."""
        name = overrides.get(code, self.setting.policy_of(code))
        policy = POLICIES.create(name)
        if getattr(policy, "serves", "actor") != serves:
            raise InputError(f"policy '{name}' of {code}: serves {policy.serves} rows, but {code} is an {serves}")
        return policy

    # --- clock and levers ----------------------------------------------------------

    @property
    def quarter_index(self) -> int:
        return self.start_quarter + self.steps

    @property
    def date(self) -> str:
        t = self.steps
        return self._dates[t] if t < len(self._dates) else format_quarter(self.start_quarter + t)

    @property
    def year(self) -> int:
        return (self.start_quarter + self.steps) // 4

    @property
    def quarter(self) -> int:
        return (self.start_quarter + self.steps) % 4 + 1

    @property
    def in_lever_period(self) -> bool:
        return self.levers.active(self.steps)

    @property
    def strategy_decides(self) -> bool:
        """Whether Kazakhstan's strategy decides this quarter (from ``strategy_from``); before, the record does."""
        return self.steps >= self.strategy_from_step

    def lever(self, name: str) -> float:
        """A lever's value now (world/levers.py): the historical path before ``levers_from``, the user's after."""
        return self.levers.value(name, self.steps)

    # --- the step --------------------------------------------------------------------

    def step(self) -> None:
        """Advance one quarter."""
        self._begin_quarter()
        self.agents.shuffle_do("step")
        self._economy()
        self.recorder.record(self)
        if self.steps >= self.n_steps:
            self.running = False

    def _begin_quarter(self) -> None:
        rel, cor, p = self.relations, self.corridors, self.params
        rel.pressure *= p["pressure_decay"]
        rel.pressure_restriction *= 0.85
        cor.end_disruptions(self.steps)
        cor.reliability += 0.05 * (cor.base_reliability - cor.reliability)
        for upgrade in cor.mature(self.steps):
            if self.record_events and upgrade.capacity:
                name = cor.names[upgrade.corridor]
                self.log_event(
                    "WORLD",
                    "investment",
                    "capacity_online",
                    name,
                    upgrade.capacity,
                    f"new capacity on the {name} corridor comes on line (+{upgrade.capacity:.2g} Mt/yr)",
                    "002 · In the Wake of the War (investment lag)",
                    origin="scheduled",
                )
        if self.steps == self.levers_from_step and "arctic" in cor.index:
            cor.capacity[cor.index["arctic"]] = self.params["arctic_capacity"]
        begin_contract_quarter(self)
        self.memory.begin_quarter()
        for shock in self.shocks:
            shock.begin_quarter(self)
        self._situation = None
        # Pressure-imposed bans decayed above, and dependence() reads them: recompute this quarter.
        self._dependence = None
        scheduled = self._scheduled.get(self.steps, ())
        for item in scheduled:
            if isinstance(item, Action):
                self.apply(item, origin="scheduled")
            else:
                apply_scheduled(self, item)
        if scheduled:
            self._dependence = None

    def _economy(self) -> None:
        """The economy's quarter (world/economy.py), then affinity's drift; both change what dependence reads."""
        self.economy.update(self)
        log_shut_in(self)
        if self.record_events and self.quarter == REPORTING_QUARTER and self.economy.reexports_bn > 0:
            self.log_event(
                "WORLD",
                "trade",
                "reexport_flow",
                "RUS",
                self.economy.reexports_bn,
                f"western goods worth ${self.economy.reexports_bn:.2f}bn a year are sold on to Russia through "
                f"Kazakhstan ({self.reexports.policing:.0%} of the channel policed)",
                "Chupilkin, Javorcik & Plekhanov 2023",
                origin="scheduled",
            )
        self._routes = None
        self.relations.drift_affinity(self.params["affinity_drift"], self.institutions.effects().forum_matrix)
        self._dependence = None
        self.leverage = self._leverage_calculator.compute(self)

    @property
    def kaz_gdp(self) -> float:
        """Kazakhstan's GDP now ($bn a year): the economy's, for readers that hold the model."""
        return self.economy.gdp

    # --- actions and the log -------------------------------------------------------

    def apply(self, action: Action, origin: str = "policy") -> None:
        """Apply an action through its registered applier and log it.

        An applier may return the magnitude it could carry out (a shift of exports a buyer cannot absorb
        moves less, or nothing): the move is logged, and signals its alignment (world/alignment.py), at
        that magnitude, so a move that did not happen neither counts nor reads as one.
        """
        try:
            category, applier = ACTION_TYPES[action.kind]
        except KeyError:
            raise InputError(
                f"action '{action.kind}' by {action.actor} is unknown; allowed: {', '.join(ACTION_TYPES)}"
            ) from None
        if action.kind in CORRIDOR_ACTIONS and action.target not in self.corridors.index:
            return  # built-in rules name the shipped corridors; a user's world may lack one: nothing to act on
        signals = alignment_signals(self, action) if action.actor == self.focal else ()
        done = applier(self, action)
        magnitude = float(action.magnitude)
        if done is not None and done != magnitude:
            share = done / magnitude if magnitude else 0.0
            signals = [(power, units * share) for power, units in signals]
            magnitude = done
        if action.actor == self.focal:
            self.memory.record_moves(signals)
            for partner in talk_partners(self, action):
                self.memory.record_talk(partner, TALK_UNIT)
        if action.kind not in DEPENDENCE_NEUTRAL:
            self._dependence = None
        if self.record_events:  # log_event inlined: this runs for every action
            self.log.add(
                self.steps,
                self.date,
                action.actor,
                category,
                action.kind,
                action.target,
                magnitude,
                action.reason,
                action.source,
                origin,
            )

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
    ) -> None:
        if self.record_events:
            self.log.add(
                self.steps, self.date, actor, category, action, target, float(magnitude), reason, source, origin
            )

    # --- queries policies and strategies use ----------------------------------------

    def trade_openness(self, exporters=slice(None), importers=slice(None)) -> np.ndarray:
        """Share of potential trade that flows: 1 − (sanctions + bans imposed under pressure), capped at MAX_RESTRICTION.

        The one definition behind export revenue, trade shares and the viz
        network (calibration.md · Events: sanctions; 002 · Conclusion: bans).
        """
        rel = self.relations
        blocked = rel.restriction[exporters, importers] + rel.pressure_restriction[exporters, importers]
        return 1.0 - np.minimum(np.maximum(blocked, 0.0), MAX_RESTRICTION)

    def realised_trade(self) -> np.ndarray:
        """Exporter × importer trade ($bn/yr, rest of the world last) after restrictions and customs-union access."""
        return self.relations.trade * self.trade_openness() * self.institutions.effects().trade_access

    def dependence(self) -> Dependence:
        """Kazakhstan's dependence on everyone, cached until the state changes."""
        if self._dependence is None:
            self._dependence = dependence(self, self.route_dependence())
        return self._dependence

    def autonomy(self) -> float:
        """Autonomy at the last economy update: 1 − the largest partner's leverage (world/leverage.py), as recorded."""
        return self.leverage.autonomy

    def route_dependence(self) -> RouteDependence:
        """The route channel of dependence, cached for the quarter: only route allocation moves corridor volumes."""
        if self._routes is None:
            self._routes = route_dependence(self)
        return self._routes

    def route_share_of(self, corridor: int) -> float:
        return float(self.route_dependence().route_shares[corridor])

    def members_of(self, institution: str) -> list[str]:
        inst = self.institutions
        if institution not in inst.index:
            return []
        codes = self.relations.codes
        return [codes[i] for i in inst.full_members(inst.index[institution])]

    def is_member(self, actor: str, institution: str) -> bool:
        inst = self.institutions
        return actor in self.relations.index and inst.is_member(self.relations.index[actor], inst.index[institution])

    def leader_of(self, code: str) -> str:
        """The leading state of an institution (EAEU → RUS), or the code itself for a state."""
        inst = self.institutions
        if code in inst.index:
            leader = inst.leader[inst.index[code]]
            return self.relations.codes[leader] if leader >= 0 else code
        return code

    def grievance(self, actor: str) -> float:
        """How far Kazakhstan has drifted from ``actor`` (0 loyal … 2 defiant): see :class:`DiplomaticMemory`."""
        return self.memory.grievance(
            self.relations, self.institutions, self.focal, self.route_dependence().route, actor
        )

    def situation(self) -> Situation:
        """What Kazakhstan knows this quarter (cached for the quarter)."""
        if self._situation is None:
            self._situation = self._situation_view.build(self)
        return self._situation

    def fixed_parts(self) -> list:
        """Objects no step changes (the scenario, the column layout, the dates, the schedule and its entries).

        A warm-start fork shares them instead of copying them (world/warmstart.py).
        """
        parts: list = [self.setting, self.layout, self._dates, self._scheduled]
        for items in self._scheduled.values():
            parts.append(items)
            parts.extend(items)
        return parts

    # --- results -----------------------------------------------------------------

    def timeseries(self):
        """One row per recorded step (the public column contract in the README)."""
        return self.recorder.frame(self._dates)

    def series(self, name: str) -> np.ndarray:
        """One recorded column (a timeseries column name, e.g. ``"autonomy"`` or ``"dependence.RUS"``) so far.

        A read-only view of the recorder, one value per recorded step: the way
        to read results outside ``world/`` without a DataFrame.
        """
        return self.recorder.series(name)

    def has_series(self, name: str) -> bool:
        """Whether ``name`` is a recorded column in this model's scenario (``dependence.USA`` may not be)."""
        return name in self.layout.index

    def events_frame(self):
        """The event log as a DataFrame."""
        return self.log.frame()

    def outcomes(self) -> dict[str, float]:
        """End-of-run outcomes for sweeps (the shape SALib and EMA Workbench call)."""
        from world.outcomes import outcomes

        return outcomes(self)

    @property
    def datacollector(self) -> RecorderDataCollector:
        """Mesa DataCollector view of the recorder (for SolaraViz plots and ``mesa.batch_run``)."""
        if self._datacollector is None:
            self._datacollector = RecorderDataCollector(self)
        return self._datacollector

    def run(self) -> "DiplomacyModel":
        """Run to the end date; return self for chaining."""
        while self.running:
            self.step()
        return self
