"""The model one browser session drives, and the sidebar controls that rebuild it.

SolaraViz's Reset rebuilds the model as ``type(model)(**slider_values)``.
Mesa 3.5 then also injects a Mesa ``Scenario`` object as ``scenario=`` into any
model whose ``__init__`` accepts a ``scenario`` argument, which would clobber
our scenario *name*. :class:`SessionModel` therefore takes ``scenario_name``
and exactly the keywords the sidebar sets, nothing else.
"""

from __future__ import annotations

import threading

from world import DiplomacyModel, load_scenario
from world.calendar import format_quarter, parse_quarter
from world.registry import STRATEGIES
from world.scenario import available_scenarios

DEFAULT_SCENARIO = "eurasia"
DEFAULT_STRATEGY = "multivector"
DEFAULT_SEED = 42
SEED_RANGE = (0, 99)
# The levers a student moves in the sidebar (the full table is in parameters.csv).
SLIDER_LEVERS = {
    "russian_pressure": ("Russian pressure", 0.05),
    "eu_investment": ("EU investment (€bn/yr)", 0.5),
    "china_bri": ("China BRI intensity", 0.1),
}
# Kinds of scheduled events that mark turning points worth jumping to.
TURNING_POINT_KINDS = ("sanctions", "transit_disruption")


def slider_defaults(scenario_name: str = DEFAULT_SCENARIO) -> dict[str, float]:
    """Where the lever sliders start: the default scenario's own values."""
    values = load_scenario(scenario_name).parameter_values
    return {name: float(values[name]) for name in SLIDER_LEVERS}


class SessionModel(DiplomacyModel):
    """A :class:`DiplomacyModel` built from the sidebar's values, safe to step from two threads.

    A lever slider left at its starting position keeps the chosen scenario's
    own value (``escalation`` sets its own Russian pressure); a moved slider
    overrides it. ``applied_levers`` records which is which for the page.
    """

    def __init__(
        self,
        scenario_name: str = DEFAULT_SCENARIO,
        strategy: str = DEFAULT_STRATEGY,
        rng: int = DEFAULT_SEED,
        russian_pressure: float | None = None,
        eu_investment: float | None = None,
        china_bri: float | None = None,
    ) -> None:
        # Cast: a seed arriving as text crashes Reset (mesa#3516, PITFALLS.md).
        seed = int(rng)
        scenario = load_scenario(scenario_name)
        untouched = slider_defaults()
        moved = {
            name: float(value)
            for name, value in (("russian_pressure", russian_pressure), ("eu_investment", eu_investment),
                                ("china_bri", china_bri))
            if value is not None and abs(float(value) - untouched[name]) > 1e-9
        }
        super().__init__(setting=scenario, strategy=strategy, rng=seed, **moved)
        self.seed = seed
        self.scenario_name = scenario.name
        self.moved_levers = frozenset(moved)
        self.applied_levers = {name: float(self.params[name]) for name in SLIDER_LEVERS}
        self._step_lock = threading.Lock()

    def _wrapped_step(self) -> None:
        """One step at a time, and none after the end.

        The play loop steps in a worker thread while "Jump to" steps in the
        event thread; Mesa 3.5's ``Model.step`` is this method (set in
        ``Model.__init__``), so the lock covers Mesa's clock too.
        """
        with self._step_lock:
            if self.running:
                super()._wrapped_step()

    def run_until(self, date: str) -> None:
        """Step until ``date`` (a quarter like ``2022Q3``) or the end of the run."""
        target = parse_quarter(date)
        while self.running and self.quarter_index < target:
            self.step()

    def settings(self) -> dict[str, object]:
        """What this run was built with: the page's "now running" line and the Compare tab use it."""
        return {"scenario_name": self.scenario_name, "strategy": self.strategy_name, "seed": self.seed,
                **self.applied_levers}


def turning_points(model: DiplomacyModel) -> list[str]:
    """Dates worth jumping to: every fifth year, the scenario's pressure events, levers_from, the end."""
    start, end = model.start_quarter, model.end_quarter
    points = {q for q in range(start + 1, end + 1) if (q - start) % 20 == 0}
    points.add(start + model.levers_from_step)
    points.add(end)
    points.update(parse_quarter(e.date) for e in model.setting.events if e.kind in TURNING_POINT_KINDS)
    return [format_quarter(q) for q in sorted(p for p in points if start < p <= end)]


def model_params() -> dict[str, dict]:
    """Mesa SolaraViz ``model_params``: scenario and strategy pickers, lever sliders, an integer seed slider."""
    levers = load_scenario(DEFAULT_SCENARIO).levers
    defaults = slider_defaults()
    params: dict[str, dict] = {
        "scenario_name": {"type": "Select", "value": DEFAULT_SCENARIO, "values": available_scenarios(),
                          "label": "Scenario"},
        "strategy": {"type": "Select", "value": DEFAULT_STRATEGY, "values": STRATEGIES.names(),
                     "label": "Kazakhstan's strategy"},
    }
    for name, (label, step) in SLIDER_LEVERS.items():
        lever = levers[name]
        params[name] = {"type": "SliderFloat", "value": defaults[name], "min": lever.low, "max": lever.high,
                        "step": step, "label": label}
    params["rng"] = {"type": "SliderInt", "value": DEFAULT_SEED, "min": SEED_RANGE[0], "max": SEED_RANGE[1],
                     "step": 1, "label": "Seed"}
    return params


def initial_model() -> SessionModel:
    """The model a new browser session starts with: the sidebar's starting values."""
    return SessionModel(**{name: spec["value"] for name, spec in model_params().items()})
