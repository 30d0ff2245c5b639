"""Exact stand-ins for numpy calls on the hot path: the same numbers, bit for bit, at a fraction of the cost.

A rule calls these by what they compute (``total``, ``mean``, ``draw_index``)
and reads as the rule; why each is faster, and why it gives numpy's result
exactly, is written here once. tests/test_exact_equivalents.py checks every
one against the numpy call it replaces, so swapping one back changes no output.
"""

from __future__ import annotations

import bisect
import itertools

import numpy as np


def total(values: np.ndarray) -> float:
    """``values.sum()``: ``np.add.reduce`` is what ndarray.sum calls, without the Python wrapper around it."""
    return np.add.reduce(values)


def mean(values: np.ndarray) -> float:
    """``np.mean(values)`` of a 1-D float array: numpy divides the same ``add.reduce`` sum by the count."""
    return np.add.reduce(values) / len(values)


def clamp(value: float, low: float, high: float) -> float:
    """``np.clip(value, low, high)`` for one Python float: the same number without array conversion."""
    return min(max(value, low), high)


def draw_index(rng: np.random.Generator, probabilities: list[float]) -> int:
    """``int(rng.choice(len(p), p=p))`` without its validation: the same draw from the same stream.

    Generator.choice with ``p`` takes one ``rng.random()`` and returns how many
    entries of the normalised cumulative sum are <= it; this does exactly that.
    """
    cdf = list(itertools.accumulate(probabilities))
    last = cdf[-1]
    return bisect.bisect_right([c / last for c in cdf], rng.random())


def pairwise_sum(values: list[float]) -> float:
    """``np.sum`` of up to 128 Python floats in numpy's order (eight running sums, then a tree).

    ``np.sum`` adds fewer than 8 values left to right; from 8 it keeps eight
    partial sums over blocks of 8, combines them pairwise and adds the tail.
    Matching it keeps results bit-identical when Python floats replace arrays.
    """
    n = len(values)
    if n < 8:
        result = 0.0
        for v in values:
            result += v
        return result
    if n > 128:
        return float(np.sum(values))
    r = values[:8]
    end = n - n % 8
    for start in range(8, end, 8):
        for j in range(8):
            r[j] += values[start + j]
    result = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
    for v in values[end:]:
        result += v
    return result
