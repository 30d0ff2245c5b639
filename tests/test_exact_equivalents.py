"""The stand-ins of world/fast.py give the numbers of the numpy calls they replace, exactly (outputs must not move)."""

from __future__ import annotations

import numpy as np
import pytest

from world.fast import clamp, draw_index, mean, pairwise_sum, total


@pytest.mark.parametrize("n", list(range(0, 40)) + [64, 127, 128, 300])
def test_pairwise_sum_is_numpys_sum(n):
    rng = np.random.default_rng(n)
    for _ in range(300):
        values = rng.standard_normal(n) * 10.0 ** rng.integers(-6, 6, n)
        assert pairwise_sum(values.tolist()) == values.sum()


@pytest.mark.parametrize("weights", [(0.35, 0.25, 0.25, 0.15), (0.35, 0.25, 0.25), (0.5, 0.5), (1.0,)])
def test_draw_index_is_generator_choice(weights):
    p = [w / sum(weights) for w in weights]
    for seed in range(3000):
        ours, theirs = np.random.default_rng(seed), np.random.default_rng(seed)
        assert draw_index(ours, p) == int(theirs.choice(len(p), p=p))
        assert ours.random() == theirs.random()  # the same amount of the stream was used


@pytest.mark.parametrize("n", [1, 2, 3, 5, 8, 17, 64, 200])
def test_total_and_mean_are_numpys_sum_and_mean(n):
    rng = np.random.default_rng(100 + n)
    for _ in range(200):
        values = rng.standard_normal(n) * 10.0 ** rng.integers(-6, 6, n)
        assert total(values) == values.sum()
        assert mean(values) == np.mean(values)


def test_clamp_is_numpys_clip():
    rng = np.random.default_rng(7)
    for value in (rng.standard_normal(500) * 3).tolist() + [0.0, 1.0, -0.0]:
        assert clamp(value, 0.0, 1.0) == float(np.clip(value, 0.0, 1.0))
