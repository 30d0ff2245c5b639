"""Warm-started runs (history replayed once, levers forked at 2025Q1) equal full replays bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from world import DiplomacyModel, InputError
from world.warmstart import WarmStarts, fork, restore, snapshot, warm_model

LEVER_SETTINGS = [
    {},
    {"russian_pressure": 0.9, "russian_pressure_growth": 0.1},
    {"eu_investment": 3.0, "china_bri": 0.0, "oil_price": 40.0},
    {"us_engagement": 0.0, "arctic_capacity": 10.0, "turkic_cooperation": 2.0, "russian_pressure": 0.6},
]


def assert_same_run(a: DiplomacyModel, b: DiplomacyModel) -> None:
    """Same recorded rows (bytes), same event log, same outcomes, same public frames."""
    assert a.steps == b.steps and a.date == b.date
    assert a.recorder.rows == b.recorder.rows
    assert a.recorder.data[: a.recorder.rows].tobytes() == b.recorder.data[: b.recorder.rows].tobytes()
    assert a.log.rows() == b.log.rows()
    assert a.outcomes() == b.outcomes()
    assert a.timeseries().equals(b.timeseries())
    assert a.events_frame().equals(b.events_frame())


@pytest.mark.parametrize("seed", [0, 5])
def test_forked_runs_equal_replayed_runs(seed):
    warm = warm_model("eurasia", rng=seed)
    assert warm.date == "2024Q4"
    for levers in LEVER_SETTINGS:
        replayed = DiplomacyModel("eurasia", rng=seed, **levers).run()
        assert_same_run(fork(warm, **levers).run(), replayed)


def test_fork_leaves_the_warm_model_untouched():
    warm = warm_model("escalation", rng=2)
    before = warm.recorder.data.copy(), len(warm.log), warm.rng.bit_generator.state
    first = fork(warm, russian_pressure=1.0).run()
    second = fork(warm, russian_pressure=1.0).run()
    assert_same_run(first, second)
    assert np.array_equal(warm.recorder.data, before[0]) and len(warm.log) == before[1]
    assert warm.rng.bit_generator.state == before[2]
    assert_same_run(fork(warm, eu_investment=3.0).run(), DiplomacyModel("escalation", rng=2, eu_investment=3.0).run())


def test_warm_starts_replay_history_once_per_seed_and_constants():
    cache = WarmStarts()
    for seed in (1, 4):
        for levers in LEVER_SETTINGS[:3]:
            params = {**levers, "pressure_decay": 0.6}
            run = cache.model("eurasia", None, seed, params).run()
            assert_same_run(run, DiplomacyModel("eurasia", rng=seed, **params).run())
    assert cache.replays == 2 and cache.forks == 6


def test_other_strategies_and_events_off_fork_exactly():
    from world.registry import STRATEGIES

    cache = WarmStarts()
    for strategy in STRATEGIES.names():
        levers = {"russian_pressure": 0.8, "china_bri": 2.0}
        run = cache.model("eurasia", strategy, 3, levers, record_events=False).run()
        assert_same_run(run, DiplomacyModel("eurasia", strategy=strategy, rng=3, record_events=False, **levers).run())


def test_one_replay_serves_every_strategy_and_each_fork_equals_its_full_run():
    """History is data: until strategy_from the record decides, so a replay made under one strategy forks into
    every other, bit for bit, and a sweep over strategies replays the history once per seed."""
    from world.registry import STRATEGIES

    cache = WarmStarts()
    for seed in (3, 8):
        for strategy in STRATEGIES.names():
            levers = {"russian_pressure": 0.7, "eu_investment": 3.0}
            run = cache.model("eurasia", strategy, seed, levers).run()
            assert run.strategy_name == strategy and type(run.strategy) is STRATEGIES.get(strategy)
            assert_same_run(run, DiplomacyModel("eurasia", strategy=strategy, rng=seed, **levers).run())
    assert cache.replays == 2 and cache.forks == 2 * len(STRATEGIES.names())


def test_the_strategy_cannot_change_once_it_has_decided():
    model = DiplomacyModel("eurasia", strategy="passive", rng=0, until="2026Q4")
    model.run_for(model.strategy_from_step)
    with pytest.raises(InputError, match="cannot change"):
        model.hand_over_to("multivector")


def test_snapshot_round_trip_runs_on_identically():
    warm = warm_model("eurasia", rng=9)
    restored = restore(snapshot(warm))
    assert_same_run(fork(restored, oil_price=120.0).run(), DiplomacyModel("eurasia", rng=9, oil_price=120.0).run())


def test_bad_warm_start_input_is_a_scenario_error():
    with pytest.raises(InputError, match="russian_pressure"):
        warm_model("eurasia", rng=0, russian_pressure=0.5)
    warm = warm_model("eurasia", rng=0)
    with pytest.raises(InputError, match="not levers"):
        fork(warm, pressure_decay=0.3)
    with pytest.raises(InputError, match="out of range"):
        fork(warm, russian_pressure=7.0)
    with pytest.raises(InputError, match="integer seed"):
        WarmStarts().model("eurasia", None, None, {})
    with pytest.raises(InputError, match="already acted"):
        fork(fork(warm).run())


def test_runs_ending_before_the_levers_are_built_afresh():
    cache = WarmStarts()
    run = cache.model("eurasia", None, 2, {"russian_pressure": 0.7}, until="2020Q4").run()
    assert cache.replays == 0 and run.date == "2020Q4"
    assert_same_run(run, DiplomacyModel("eurasia", rng=2, until="2020Q4", russian_pressure=0.7).run())


def test_sweep_with_warm_start_stores_the_same_outcomes(tmp_path):
    import pandas as pd

    from experiments.sweep.driver import outcomes_path, run_sweep

    def spec(warm: bool) -> dict:
        return {
            "name": f"warm_{warm}",
            "strategies": ["multivector", "west_pivot"],
            "seeds": 2,
            "levers": {"russian_pressure": {"values": [0.2, 0.9]}, "oil_price": {"values": [50.0, 110.0]}},
            "fixed": {"pressure_decay": 0.6},
            "warm_start": warm,
        }

    frames = []
    for warm in (False, True):
        summary = run_sweep(spec(warm), executor="serial", out=tmp_path / str(warm))
        frames.append(pd.read_parquet(outcomes_path(summary)).sort_values("run_index").reset_index(drop=True))
    assert len(frames[0]) == 16
    assert frames[0].equals(frames[1])
