"""Synthetic worlds of N states (world/generator.py) load through the real scenario path and run under the same rules."""

from __future__ import annotations

import numpy as np
import pytest

from world import DiplomacyModel, load_scenario
from world.generator import STATES_PER_CORRIDOR, STATES_PER_FORUM, generate_scenario, synthetic_codes, write_world


def test_generated_world_has_n_actors_and_proportional_corridors_and_forums():
    base = load_scenario("eurasia")
    world = generate_scenario(60, seed=1)
    extra = 60 - len(base.actors)
    assert len(world.actors) == 60 and len({a.code for a in world.actors}) == 60
    assert [a.code for a in world.actors[: len(base.actors)]] == base.actor_codes
    assert len(world.corridors) == len(base.corridors) + -(-extra // STATES_PER_CORRIDOR)
    assert len(world.institutions) == len(base.institutions) + -(-extra // STATES_PER_FORUM)
    assert world.events == base.events


def test_same_seed_same_world_other_seed_other_world(tmp_path):
    a = (write_world(40, tmp_path / "a", seed=3).parent / "actors.csv").read_text()
    b = (write_world(40, tmp_path / "b", seed=3).parent / "actors.csv").read_text()
    c = (write_world(40, tmp_path / "c", seed=4).parent / "actors.csv").read_text()
    assert a == b and a != c


def test_model_runs_on_a_generated_world_and_synthetic_states_act():
    model = DiplomacyModel(setting=generate_scenario(50), rng=0, until="2012Q4")
    model.run()
    frame = model.timeseries()
    assert len(frame) == model.n_steps + 1
    assert np.isfinite(frame.drop(columns=["date"]).to_numpy(dtype=float)).all()
    synthetic = set(synthetic_codes(36))
    assert any(row[2] in synthetic for row in model.log.rows())  # "neighbour" states sign trade agreements
    assert {f"dependence.{code}" for code in synthetic} <= set(frame.columns)


def test_fewer_states_than_the_default_world_is_refused():
    with pytest.raises(ValueError, match="already has 14"):
        generate_scenario(10)
