"""Plain-Python stand-ins for numpy calls in the hot path give numpy's numbers exactly (issue 6: same results)."""

from __future__ import annotations

import numpy as np
import pytest

from agents.policies.great_powers import draw_index
from world.corridors import pairwise_sum


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
