"""Invariants at every step for lever values drawn across their documented ranges (hypothesis)."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from world import DiplomacyModel, load_scenario

LEVERS = load_scenario("eurasia").levers
lever_values = st.fixed_dictionaries(
    {name: st.floats(min_value=p.low, max_value=p.high, allow_nan=False) for name, p in LEVERS.items()}
)
SHARE_BLOCKS = ("trade_share.", "export_share.", "export_route_share.", "oil_route_share.", "investment_share.")


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(levers=lever_values, seed=st.integers(min_value=0, max_value=2**31 - 1))
def test_invariants_hold_at_every_step(levers, seed):
    frame = DiplomacyModel(rng=seed, record_events=False, **levers).run().timeseries()
    numeric = frame.drop(columns=["date"]).to_numpy(dtype=float)
    assert np.isfinite(numeric).all()
    assert frame["autonomy"].between(0.0, 1.0).all()
    for prefix in SHARE_BLOCKS:
        block = frame[[c for c in frame.columns if c.startswith(prefix)]]
        assert ((block >= -1e-12) & (block <= 1 + 1e-12)).all().all(), prefix
        assert np.allclose(block.sum(axis=1), 1.0), prefix
    for prefix in ("dependence.", "route_dependence.", "security_reliance."):
        block = frame[[c for c in frame.columns if c.startswith(prefix)]]
        assert ((block >= 0) & (block <= 1)).all().all(), prefix
    capacity = frame[[c for c in frame.columns if c.startswith("corridor_capacity.")]]
    volume = frame[[c for c in frame.columns if c.startswith("corridor_volume.")]]
    assert (capacity >= 0).all().all() and (volume >= -1e-9).all().all()
    assert (volume.to_numpy() <= capacity.to_numpy() + 1e-9).all()
    assert (frame["gdp"] > 0).all()
    assert frame["capture_events"].is_monotonic_increasing
