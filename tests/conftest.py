"""Shared fixtures: a default model run once per session (runs are deterministic, so sharing is safe)."""

from __future__ import annotations

import pytest

from world import DiplomacyModel


@pytest.fixture(scope="session")
def default_run() -> DiplomacyModel:
    """The default scenario and strategy, seed 0, run to the horizon."""
    return DiplomacyModel(rng=0).run()


@pytest.fixture(scope="session")
def default_timeseries(default_run):
    return default_run.timeseries()
