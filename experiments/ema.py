"""The model as EMA Workbench sees it: ``model()`` returns an ``ema_workbench.Model`` whose uncertainties,
levers and outcomes come from the project's own declarations, and :func:`require` imports EMA Workbench
(an optional extra) or says how to install it.

In EMA's XLRM terms (Lempert et al. 2003; Kwakkel 2017):

- **X, uncertainties**: the parameters ``world/data/parameters.csv`` marks ``uncertain`` (other actors'
  choices, world prices, behavioural constants resting on a design choice), each a ``RealParameter`` over
  the table's ``[min, max]`` — the same futures ``multivector study --futures`` samples;
- **L, levers**: Kazakhstan's strategy, a ``CategoricalParameter`` over the registered strategies (the
  policy the model is asked about); a single strategy is a constant instead;
- **R, relationships**: one run of the model (:func:`run_experiment`, i.e. ``experiments.simulate``);
- **M, outcomes**: the end-of-run outcomes, each a ``ScalarOutcome`` whose kind (maximise or minimise) is
  the direction ``world/measures.py`` gives it.

The scenario, the seed and the horizon are EMA ``Constant``\\ s. EMA Workbench 3.0 calls what earlier
versions called a ``Policy`` or a ``Scenario`` a ``Sample``.
"""

from __future__ import annotations

import warnings
from types import ModuleType

from experiments.sweep.runner import simulate
from world.errors import InputError

INSTALL_HINT = "pip install -e '.[ema]' (make venv installs it with the test extra)"
STRATEGY_LEVER = "strategy"
SCENARIO_CONSTANT = "setting"  # EMA reserves 'scenario' for the id of a sampled point


class MissingExtra(Exception):
    """An optional dependency is not installed: the command says what to install and exits 1."""


def require() -> ModuleType:
    """``ema_workbench``, imported quietly (it warns about optional parallel back ends it can do without)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import ema_workbench
            import ema_workbench.analysis.feature_scoring  # noqa: F401  (sklearn: fails here if broken)
            import ema_workbench.analysis.prim  # noqa: F401
    except ImportError as error:
        raise MissingExtra(f"EMA Workbench is not installed ({error.msg}); install it with {INSTALL_HINT}") from None
    return ema_workbench


def run_experiment(setting: str = "eurasia", strategy: str = "multivector", seed: int = 0, until=None, **parameters):
    """One run for EMA: the uncertainties and the strategy as keywords, the end-of-run outcomes as a dict."""
    return simulate(setting, strategy, int(seed), until, **parameters)


def model(
    scenario: str = "eurasia",
    strategies: list[str] | None = None,
    seed: int = 0,
    until: str | None = None,
    uncertainties: list[str] | None = None,
    outcomes: list[str] | None = None,
    name: str = "multivector",
):
    """An ``ema_workbench.Model`` of the scenario, built from the parameter table, the strategy registry and
    the table of measures.

    ``uncertainties``: parameter names (default: those the table marks uncertain); ``strategies``: the
    categories of the strategy lever (default: every registered strategy); ``outcomes``: outcome names
    (default: every outcome ``simulate`` returns). Unknown names raise ``InputError``.
    """
    ema = require()
    from world import DiplomacyModel, load_scenario
    from world.measures import higher_is_better
    from world.registry import STRATEGIES

    loaded = load_scenario(scenario)
    chosen = list(uncertainties) if uncertainties is not None else list(loaded.uncertain)
    unknown = [n for n in chosen if n not in loaded.parameters]
    if unknown:
        raise InputError(f"uncertainty {unknown[0]!r} is not a parameter; allowed: {', '.join(loaded.parameters)}")
    strategies = list(strategies or STRATEGIES.names())
    for strategy in strategies:
        STRATEGIES.get(strategy)  # an unknown name raises InputError naming the allowed ones
    available = list(DiplomacyModel(setting=loaded, until=until, record_events=False).outcomes())
    measured = list(outcomes) if outcomes is not None else available
    unknown = [o for o in measured if o not in available]
    if unknown:
        raise InputError(f"outcome {unknown[0]!r} is not an outcome of simulate(); allowed: {', '.join(available)}")

    built = ema.Model(name, function=run_experiment)
    built.uncertainties = [
        ema.RealParameter(n, float(loaded.parameters[n].low), float(loaded.parameters[n].high)) for n in chosen
    ]
    constants = [ema.Constant(SCENARIO_CONSTANT, scenario), ema.Constant("seed", int(seed))]
    if until is not None:
        constants.append(ema.Constant("until", until))
    if len(strategies) > 1:
        built.levers = [ema.CategoricalParameter(STRATEGY_LEVER, strategies)]
    else:  # EMA wants two categories or more: one strategy is a constant of the model
        constants.append(ema.Constant(STRATEGY_LEVER, strategies[0]))
    built.constants = constants
    built.outcomes = [
        ema.ScalarOutcome(o, kind=ema.ScalarOutcome.MAXIMIZE if higher_is_better(o) else ema.ScalarOutcome.MINIMIZE)
        for o in measured
    ]
    return built
