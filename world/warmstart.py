"""Warm start: run 2010-2024 once, then branch every post-2025 lever setting from that stored state.

Levers act only from the scenario's ``levers_from`` quarter (world/model.py:
``DiplomacyModel.lever``; docs/ODD.md): before it the historical path drives
the same quantities, so runs that differ only in lever values are identical
up to the quarter before ``levers_from`` — same state, same random streams.
A sweep over levers can therefore replay the history once per (scenario,
seed, model constants) and fork each run from there; history is also the same
under every strategy until ``strategy_from`` (world/record.py), so when the
levers and the strategy take over together (the default, 2025Q1) one replay
serves every strategy too.

    warm = warm_model("eurasia", strategy="multivector", rng=3)   # 59 quarters, once
    run = fork(warm, russian_pressure=0.8).run()                  # 64 quarters per run

``fork`` gives the same timeseries, events and outcomes, bit for bit, as
``DiplomacyModel("eurasia", strategy="multivector", rng=3, russian_pressure=0.8).run()``
(tests/test_warmstart.py). :class:`WarmStarts` keeps the warm models for a
sweep; :func:`snapshot`/:func:`restore` turn one into bytes for another process.
"""

from __future__ import annotations

import copy
import numbers
import pickle
from collections import OrderedDict
from typing import Any

from world.calendar import parse_quarter
from world.errors import InputError
from world.model import DiplomacyModel
from world.scenario import Scenario, check_parameter, load_scenario


def lever_names(scenario: Scenario) -> set[str]:
    """Parameters of kind "lever" in the scenario's parameter table: the ones that act only from levers_from."""
    return set(scenario.levers)


def warm_model(
    scenario: str | Scenario = "eurasia", strategy: str | None = None, rng: Any = None, **model_options
) -> DiplomacyModel:
    """A model advanced to the last quarter before ``levers_from`` (lever keywords are not allowed here).

    ``model_options`` are DiplomacyModel keywords other than levers: ``until``,
    ``policies``, ``record_events`` and model constants from parameters.csv.
    """
    setting = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
    given = sorted(lever_names(setting) & set(model_options))
    if given:
        raise InputError(f"warm_model: levers {', '.join(given)} act only after the branch point; pass them to fork()")
    model = DiplomacyModel(setting=setting, strategy=strategy, rng=rng, **model_options)
    branch = model.levers_from_step - 1
    if branch < 0 or branch >= model.n_steps:
        raise InputError(
            f"warm start needs levers_from ({setting.spec.levers_from}) after the start and before the end of the run"
        )
    model.run_for(branch)
    return model


def _shared(model: DiplomacyModel) -> dict[int, Any]:
    """deepcopy memo of parts no step ever mutates: shared by every fork instead of copied."""
    return {id(obj): obj for obj in model.fixed_parts()}


def fork(model: DiplomacyModel, strategy: str | None = None, **levers: float) -> DiplomacyModel:
    """An independent copy of a warm model with new lever values, ready to run on from ``levers_from``.

    ``strategy``: hand the copy to another of Kazakhstan's strategies. History is data — the record decides
    until ``strategy_from``, the same under every strategy — so one replay serves every strategy when the
    branch point comes before the strategy takes over (the default: both at 2025Q1).
    """
    if model.steps >= model.levers_from_step:
        raise InputError(
            f"fork: the model is at {model.date}; levers already acted from {model.setting.spec.levers_from}"
        )
    allowed = lever_names(model.setting)
    unknown = sorted(set(levers) - allowed)
    if unknown:
        raise InputError(
            f"fork: {', '.join(unknown)} are not levers; allowed: {', '.join(sorted(allowed))} "
            "(model constants change the history: build another warm model)"
        )
    clone = copy.deepcopy(model, _shared(model))
    if strategy is not None and strategy != clone.strategy_name:
        clone.hand_over_to(strategy)
    for name, value in levers.items():
        clone.params[name] = check_parameter(model.setting.parameters, name, value, origin="warm-start lever")
    return clone


def snapshot(model: DiplomacyModel) -> bytes:
    """The model's whole state as bytes (pickle), e.g. to ship one warm model to worker processes."""
    return pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)


def restore(blob: bytes) -> DiplomacyModel:
    """Inverse of :func:`snapshot`."""
    return pickle.loads(blob)


class WarmStarts:
    """Warm models for a sweep, one per (scenario, seed, non-lever options), least recently used dropped; one per
    strategy as well in a scenario whose strategy takes over before the levers act.

    ``WarmStarts().model(scenario, strategy, seed, parameters)`` returns a
    model ready to ``run()`` that equals ``DiplomacyModel(scenario, strategy,
    rng=seed, **parameters)``; runs whose parameters differ only in levers
    share one replay of the history. Runs that end before ``levers_from``
    have nothing to share and are built afresh.
    """

    def __init__(self, maxsize: int = 64):
        self.maxsize = maxsize
        self._models: OrderedDict[tuple, DiplomacyModel] = OrderedDict()
        self.replays = 0
        self.forks = 0

    def model(
        self,
        scenario: str | Scenario = "eurasia",
        strategy: str | None = None,
        rng: Any = None,
        parameters: dict[str, Any] | None = None,
        **model_options,
    ) -> DiplomacyModel:
        setting = scenario if isinstance(scenario, Scenario) else load_scenario(scenario)
        parameters = dict(parameters or {})
        spec = setting.spec
        end = model_options.get("until") or spec.horizon
        if parse_quarter(end) <= parse_quarter(spec.levers_from) or parse_quarter(spec.levers_from) <= parse_quarter(
            spec.start
        ):
            return DiplomacyModel(setting=setting, strategy=strategy, rng=rng, **parameters, **model_options)
        levers = {k: v for k, v in parameters.items() if k in lever_names(setting)}
        constants = {k: v for k, v in parameters.items() if k not in levers}
        # One replay serves every strategy when the branch point (the quarter before levers_from) comes before the
        # strategy takes over: until then the record decides, the same under every strategy (world/record.py).
        shared = parse_quarter(spec.levers_from) <= parse_quarter(spec.strategy_takes_over)
        strategy = strategy or spec.strategy
        key = (id(setting), None if shared else strategy, _seed_key(rng), _frozen(constants), _frozen(model_options))
        warm = self._models.get(key)
        if warm is None:
            warm = warm_model(setting, strategy, rng, **constants, **model_options)
            self.replays += 1
            self._models[key] = warm
            if len(self._models) > self.maxsize:
                self._models.popitem(last=False)
        else:
            self._models.move_to_end(key)
        self.forks += 1
        return fork(warm, strategy, **levers)


def _seed_key(rng: Any) -> int:
    if not isinstance(rng, numbers.Integral) or isinstance(rng, bool):
        raise InputError(f"warm start needs an integer seed (got {rng!r}): runs without one are not reproducible")
    return int(rng)


def _frozen(mapping: dict[str, Any]) -> tuple:
    return tuple(sorted((k, repr(v)) for k, v in mapping.items()))
