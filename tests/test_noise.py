"""Seed noise against lever and strategy effects: the variance split is exact and finds what was built in;
the seeds check's interval widths and seed counts follow the t-interval; ranks tie where intervals overlap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from experiments.analysis.compare import comparison_table
from experiments.analysis.noise import (
    design_factors,
    half_width,
    noise_report,
    seeds_check,
    seeds_for,
    summarise,
    variance_decomposition,
)
from experiments.analysis.robustness import holm

MEASURE = "welfare_final"  # a real name, so the project's direction table applies (higher is better)


def factorial(strategy_effect, lever_effect, interaction, seed_sd, crn=True, seeds=6, rng=0) -> pd.DataFrame:
    """Runs of 2 strategies x 3 lever values x ``seeds`` with known effects; seed noise shared by all cells
    of a replicate when ``crn`` (common random numbers), else independent per run."""
    generator = np.random.default_rng(rng)
    shared = generator.normal(0, seed_sd, seeds)
    rows = []
    for s, strategy in enumerate(("multivector", "passive")):
        for lever in (0.0, 0.5, 1.0):
            for r in range(seeds):
                noise = shared[r] if crn else generator.normal(0, seed_sd)
                value = 100 + strategy_effect * s + lever_effect * lever + interaction * s * lever + noise
                rows.append(
                    {
                        "scenario": "eurasia",
                        "strategy": strategy,
                        "russian_pressure": lever,
                        "point": int(lever * 2),
                        "replicate": r,
                        "seed": 1000 + r if crn else generator.integers(1e9),
                        MEASURE: value,
                    }
                )
    return pd.DataFrame(rows)


def test_the_split_adds_up_to_the_total_variance_and_finds_the_effects_built_in():
    runs = factorial(strategy_effect=10.0, lever_effect=0.0, interaction=0.0, seed_sd=1.0)
    table = variance_decomposition(runs, MEASURE, ["strategy", "russian_pressure"])
    assert table["variance"].sum() == pytest.approx(runs[MEASURE].var(ddof=0), rel=1e-12)
    assert table["share"].sum() == pytest.approx(1.0)
    split = summarise(table)
    assert split.main["strategy"] > 0.9 and split.main["russian_pressure"] < 1e-12
    # Common random numbers: the seed shifts every cell alike, all of it shared by the strategies.
    assert split.seed == pytest.approx(split.seed_shared) and split.seed > 0
    assert split.interactions == pytest.approx(0.0, abs=1e-12)


def test_an_interaction_and_independent_seeds_are_told_apart():
    runs = factorial(strategy_effect=0.0, lever_effect=0.0, interaction=8.0, seed_sd=0.5, crn=False)
    split = summarise(variance_decomposition(runs, MEASURE, ["strategy", "russian_pressure"]))
    assert split.largest_interaction[0] == "strategy × russian_pressure"
    assert split.interactions > split.seed > 0 and split.seed_shared is None
    within = runs.groupby(["strategy", "russian_pressure"])[MEASURE].var(ddof=0).mean()
    assert split.seed == pytest.approx(within / runs[MEASURE].var(ddof=0))


def test_an_unbalanced_design_is_refused():
    runs = factorial(1.0, 1.0, 0.0, 1.0).iloc[1:]
    with pytest.raises(ValueError, match="balanced"):
        variance_decomposition(runs, MEASURE, ["strategy", "russian_pressure"])


def test_design_factors_cross_grid_levers_and_treat_random_points_as_one_factor():
    runs = factorial(1.0, 1.0, 0.0, 1.0)
    assert design_factors(runs, ["russian_pressure"], "grid") == ["strategy", "russian_pressure"]
    assert design_factors(runs, ["russian_pressure"], "lhs") == ["strategy", "point"]


def test_half_widths_and_seeds_needed_follow_the_t_interval():
    assert half_width(2.0, 10) == pytest.approx(stats.t.ppf(0.975, 9) * 2.0 / np.sqrt(10))
    n = seeds_for(2.0, 0.5)
    assert half_width(2.0, n) <= 0.5 < half_width(2.0, n - 1)
    assert seeds_for(0.0, 0.1) == 2 and seeds_for(1.0, 0.0) is None


def test_the_seeds_check_reports_how_many_seeds_separate_neighbours():
    runs = factorial(strategy_effect=1.0, lever_effect=0.0, interaction=0.0, seed_sd=2.0, crn=False, seeds=5)
    check = seeds_check(runs, [MEASURE], ["scenario"], precision={MEASURE: 0.25})
    for row in check.itertuples():
        mine = runs[runs["strategy"] == row.strategy].groupby("replicate")[MEASURE].mean()
        assert row.seeds == 5 and row.sd == pytest.approx(mine.std(ddof=1))
        assert row.half_width == pytest.approx(half_width(row.sd, 5))
        assert half_width(row.sd, row.seeds_for_precision) <= 0.25
        other = check[check["strategy"] != row.strategy].iloc[0]
        worst = max(row.sd, other.sd)
        assert half_width(worst, row.seeds_to_separate) <= row.gap / 2 < half_width(worst, row.seeds_to_separate - 1)
    report = noise_report(runs, [MEASURE], ["strategy", "russian_pressure"], ["scenario"], {MEASURE: 0.25})
    assert any("seeds" in line and MEASURE in line for line in report.lines)


def test_ranks_tie_exactly_where_intervals_overlap():
    runs = pd.DataFrame(
        [
            {"scenario": "e", "strategy": s, "replicate": r, MEASURE: m + d}
            for s, m in (("a", 10.0), ("b", 10.1), ("c", 20.0))
            for r, d in enumerate((-1.0, 0.0, 1.0))
        ]
    )
    table = comparison_table(runs, [MEASURE], ["scenario"]).set_index("strategy")
    assert table.loc["c", "rank"] == 1  # clearly best
    assert table.loc["a", "rank"] == table.loc["b", "rank"] == 2  # overlapping: a tie, not #2 and #3
    assert table.loc["a", "rank_by_mean"] == 3


def test_holm_rejects_step_down():
    p = np.array([0.001, 0.04, 0.03, 0.2])
    # sorted 0.001 <= 0.05/4, 0.03 > 0.05/3: stop; only the first is rejected
    assert holm(p).tolist() == [True, False, False, False]
    assert holm(np.array([0.001, 0.01, 0.02])).tolist() == [True, True, True]


def test_sampled_designs_take_their_interval_over_the_points_and_fixed_ones_over_the_seeds():
    runs = factorial(strategy_effect=1.0, lever_effect=4.0, interaction=0.0, seed_sd=0.5, crn=False, seeds=4)
    fixed = comparison_table(runs, [MEASURE], ["scenario"], design="fixed").set_index("strategy")
    sampled = comparison_table(runs, [MEASURE], ["scenario"], design="sampled").set_index("strategy")
    mine = runs[runs["strategy"] == "passive"]
    assert fixed.loc["passive", "n"] == 4 and sampled.loc["passive", "n"] == 3  # 4 seeds; 3 design points
    per_point = mine.groupby("point")[MEASURE].mean()
    half = stats.t.ppf(0.975, 2) * per_point.std(ddof=1) / np.sqrt(3)
    assert (sampled.loc["passive", "ci_high"] - sampled.loc["passive", "ci_low"]) / 2 == pytest.approx(half)
    assert set(fixed["interval_over"]) == {"seeds"} and set(sampled["interval_over"]) == {"sampled points"}
