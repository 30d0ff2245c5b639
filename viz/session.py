"""The model one browser session drives, and the settings the sidebar rebuilds it from.

The sidebar (``viz/controls.py``) owns the settings: scenario, strategy, the
lever sliders and the seed. Choosing a scenario moves the lever sliders to
that scenario's own values, and Reset builds :class:`SessionModel` from
exactly what the sidebar shows, so the page never runs one value while
showing another.

:class:`SessionModel` takes ``scenario_name`` (not ``scenario``): Mesa 3.5's
Reset injects a Mesa ``Scenario`` object as ``scenario=`` into any model
whose ``__init__`` accepts a ``scenario`` argument, which would clobber our
scenario *name*.
"""

from __future__ import annotations

import threading

from experiments.analysis.figures import strategy_label as figure_strategy_label
from world import DiplomacyModel, load_scenario
from world.calendar import format_quarter, parse_quarter
from world.errors import InputError
from world.mesa_adapter import serialise_steps
from world.registry import STRATEGIES
from world.scenario import available_scenarios

DEFAULT_SCENARIO = "eurasia"
DEFAULT_STRATEGY = "multivector"
DEFAULT_SEED = 42
SEED_RANGE = (0, 99)
# The levers a student moves in the settings panel (the full table is in parameters.csv).
# Name → (label, slider step); the unit, range, meaning and source come from the parameter table (viz/levers.py).
SLIDER_LEVERS = {
    "russian_pressure": ("Russian pressure", 0.05),
    "eu_investment": ("EU investment", 0.25),
    "china_bri": ("China's Belt and Road", 0.1),
}
# Kinds of scheduled events that mark turning points worth jumping to.
TURNING_POINT_KINDS = ("sanctions", "transit_disruption")


def offered_only(scenario_name: object, strategy: object) -> None:
    """Refuse a scenario or strategy the pickers never offered, before anything is loaded or imported.

    A page served to a classroom (``--host 0.0.0.0``) takes values from every student's browser, and a
    browser can send any value: a path to a scenario file, or ``module:Class`` to import. Only the
    shipped scenarios and the registered strategies are accepted.
    """
    if scenario_name not in available_scenarios():
        raise InputError(
            f"page: scenario {str(scenario_name)[:40]!r} was not offered; "
            f"choose one of {', '.join(available_scenarios())}"
        )
    if strategy not in STRATEGIES.names():
        raise InputError(
            f"page: strategy {str(strategy)[:40]!r} was not offered; choose one of {', '.join(STRATEGIES.names())}"
        )


def scenario_levers(scenario_name: str = DEFAULT_SCENARIO) -> dict[str, float]:
    """The slider levers' values the scenario itself sets (where the sliders go when it is chosen)."""
    values = load_scenario(scenario_name).parameter_values
    return {name: float(values[name]) for name in SLIDER_LEVERS}


def initial_settings() -> dict[str, object]:
    """What a new session's sidebar shows: the keywords :class:`SessionModel` is built with."""
    return {
        "scenario_name": DEFAULT_SCENARIO,
        "strategy": DEFAULT_STRATEGY,
        "rng": DEFAULT_SEED,
        **scenario_levers(DEFAULT_SCENARIO),
    }


def strategy_label(name: str) -> str:
    """A strategy's readable name ("Multi-vector balancing"): its class's ``label``, as the figures show it."""
    return figure_strategy_label(name)


def strategy_description(name: str) -> str:
    """What the strategy does, in a sentence: the text ``multivector strategies`` prints."""
    return STRATEGIES.get(name).description()


def scenario_label(name: str) -> str:
    """A scenario's readable name: its TOML ``title``, falling back to its id."""
    return load_scenario(name).spec.title or name


def scenario_description(name: str) -> str:
    """What the scenario assumes, in a sentence or two: the text ``multivector scenarios`` prints."""
    return " ".join(load_scenario(name).spec.description.split())


def strategy_options() -> list[dict[str, str]]:
    """Picker items: the readable name shown, the id as the value."""
    return [{"text": strategy_label(name), "value": name} for name in STRATEGIES.names()]


def scenario_options() -> list[dict[str, str]]:
    return [{"text": scenario_label(name), "value": name} for name in available_scenarios()]


class SessionModel(DiplomacyModel):
    """A :class:`DiplomacyModel` built from the sidebar's values, safe to step from two threads.

    A lever given as ``None`` keeps the chosen scenario's own value; the page
    always passes what its sliders show. ``moved_levers`` names the levers
    set away from the scenario's value, for the "now running" line.
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
        offered_only(scenario_name, strategy)
        # Cast: a seed arriving as text crashes Reset (mesa#3516).
        seed = int(rng)
        scenario = load_scenario(scenario_name)
        # The keywords above are SLIDER_LEVERS in order (Reset passes them by name; a test checks the two agree).
        given = {
            name: float(value)
            for name, value in zip(SLIDER_LEVERS, (russian_pressure, eu_investment, china_bri))
            if value is not None
        }
        super().__init__(setting=scenario, strategy=strategy, rng=seed, **given)
        self.seed = seed
        self.scenario_name = scenario.name
        self.applied_levers = {name: float(self.params[name]) for name in SLIDER_LEVERS}
        own = scenario.parameter_values
        self.moved_levers = frozenset(
            name for name, value in self.applied_levers.items() if abs(value - float(own[name])) > 1e-9
        )
        # The play loop steps in a worker thread while "Jump to" steps in the event thread:
        # one step at a time (Mesa's clock included), and none after the end.
        serialise_steps(self, threading.Lock())

    def run_until(self, date: str) -> None:
        """Step until ``date`` (a quarter like ``2022Q3``) or the end of the run."""
        target = parse_quarter(date)
        while self.running and self.quarter_index < target:
            self.step()

    def settings(self) -> dict[str, object]:
        """What this run was built with: the page's "now running" line and the Compare tab use it."""
        return {
            "scenario_name": self.scenario_name,
            "strategy": self.strategy_name,
            "seed": self.seed,
            **self.applied_levers,
        }


def turning_points(model: DiplomacyModel) -> list[str]:
    """Dates worth jumping to: every fifth year, the scenario's pressure events, the levers' start, the end."""
    start, end = model.start_quarter, model.end_quarter
    points = {q for q in range(start + 1, end + 1) if (q - start) % 20 == 0}
    points.add(start + model.levers_from_step)
    points.add(end)
    points.update(parse_quarter(e.date) for e in model.setting.events if e.kind in TURNING_POINT_KINDS)
    return [format_quarter(q) for q in sorted(p for p in points if start < p <= end)]


def initial_model() -> SessionModel:
    """The model a new browser session starts with: the sidebar's starting values."""
    return SessionModel(**initial_settings())
