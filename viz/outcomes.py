"""Outcomes of whole runs for the page's comparisons, computed once per server and shared by every session.

A run's outcomes are a pure function of (scenario, strategy, seed, levers)
(``experiments.simulate``), so a class whose students compare the same
settings needs each run once: the cache holds plain numbers, never a model,
so sessions stay isolated. Concurrent requests for one run wait for the
first instead of repeating it. The cache is bounded (least recently used
runs go first).

The outcome labels say which mean a number is ("mean 2025Q1–2040Q4"), so
the same name means the same thing on every tab.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

import numpy as np

from experiments import simulate
from experiments.analysis.compare import t_interval
from world import load_scenario
from world.measures import measure_of

MAX_RUNS = 4096  # ~40 outcomes each: a few MB
RunKey = tuple[str, str, int, tuple[tuple[str, float], ...]]


def run_key(scenario: str, strategy: str, seed: int, levers: dict[str, float]) -> RunKey:
    return scenario, strategy, int(seed), tuple(sorted((name, float(value)) for name, value in levers.items()))


class OutcomeCache:
    """Outcomes by run, computed on first request; one computation per run even when asked from many threads."""

    def __init__(self, compute: Callable[..., dict[str, float]] = simulate, size: int = MAX_RUNS):
        self._compute = compute
        self._size = size
        self._done: OrderedDict[RunKey, dict[str, float]] = OrderedDict()
        self._running: dict[RunKey, threading.Event] = {}
        self._lock = threading.Lock()
        self.computed = 0  # how many runs this cache actually computed (the rest were shared)

    def get(self, key: RunKey) -> dict[str, float]:
        while True:
            with self._lock:
                if key in self._done:
                    self._done.move_to_end(key)
                    return self._done[key]
                waiting = self._running.get(key)
                if waiting is None:
                    self._running[key] = threading.Event()
                    break
            waiting.wait()
        try:
            scenario, strategy, seed, levers = key
            result = self._compute(scenario, strategy, seed, **dict(levers))
            with self._lock:
                self._done[key] = result
                self.computed += 1
                while len(self._done) > self._size:
                    self._done.popitem(last=False)
            return result
        finally:
            with self._lock:
                self._running.pop(key).set()

    def many(self, keys: Iterable[RunKey], on_progress: Callable[[int, int], None] | None = None) -> list[dict]:
        keys = list(keys)
        results = []
        for done, key in enumerate(keys, start=1):
            results.append(self.get(key))
            if on_progress is not None:
                on_progress(done, len(keys))
        return results


SHARED = OutcomeCache()


def period_words(scenario: str) -> dict[str, str]:
    """The scenario's own dates for the outcome suffixes: the levers' start and the end."""
    spec = load_scenario(scenario).spec
    return {"start": spec.start, "levers_from": spec.levers_from, "end": spec.horizon}


def outcome_label(name: str, scenario: str = "eurasia", unit: bool = False) -> str:
    """ "Autonomy, mean 2025Q1–2040Q4": the measure's label (world/measures.py) and which value of it the outcome
    is; with ``unit``, the measure's unit follows in brackets."""
    dates = period_words(scenario)
    measure = measure_of(name)
    when = {
        "_mean_after_levers": f", mean {dates['levers_from']}–{dates['end']}",
        "_final": f" in {dates['end']}",
        "_mean": f", mean {dates['start']}–{dates['end']}",
        "_min": f", lowest quarter {dates['start']}–{dates['end']}",
        "_total": f", total {dates['start']}–{dates['end']}",
    }
    middle, words = name.removeprefix(measure.name).strip("_"), ""
    for suffix, text in when.items():
        if name.endswith(suffix):
            middle, words = name[len(measure.name) : -len(suffix)].strip("_"), text
            break
    label = measure.label + (f" ({middle})" if middle else "") + words
    return f"{label} ({measure.unit})" if unit else label


def signed(name: str, value: float) -> str:
    """A difference in the outcome's own format, with its sign."""
    text = format_value(name, abs(value))
    return ("−" if value < 0 else "+") + text


def outcome_unit(name: str) -> str:
    return measure_of(name).unit


def format_value(name: str, value: float) -> str:
    """Shares and indices to three decimals, money and tonnes to whole units, counts as integers."""
    unit = outcome_unit(name)
    if unit in ("count",):
        return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"
    if "$bn" in unit or "Mt" in unit or "€bn" in unit:
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:,.1f}"
    return f"{value:.3f}"


def paired_difference(new: np.ndarray, old: np.ndarray) -> tuple[float, float, float]:
    """Mean of ``new - old`` over common seeds and its 95 % t-interval (NaN bounds with fewer than two seeds)."""
    mean, _, low, high = t_interval(np.asarray(new, dtype=float) - np.asarray(old, dtype=float))
    return mean, low, high


def within_noise(low: float, high: float) -> bool:
    """Whether a difference's 95 % interval reaches zero: then the seeds alone could make it."""
    return not (low > 0 or high < 0)
