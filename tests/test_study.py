"""The strategy study: Pareto set, rank stability, regret, satisficing, CRN pairing and the robustness.csv contract."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from experiments.analysis import robustness
from experiments.analysis.study import ROBUSTNESS_COLUMNS, objectives
from experiments.analysis.study_design import study_spec
from experiments.cli import main
from experiments.sweep.plan import make_plan
from experiments.sweep.spec import check_against_world, parse_spec
from world import load_scenario

# Real outcome names so the project's direction table applies: GDP up, Russia dependence down.
UP, DOWN = "gdp_final", "dependence_RUS_final"


def means(rows: dict[str, tuple[float, float]]) -> pd.DataFrame:
    return pd.DataFrame.from_dict(rows, orient="index", columns=[UP, DOWN])


def runs(values: dict[tuple[str, int], tuple[float, float]], seeds: int = 2) -> pd.DataFrame:
    """Runs of (strategy, future) with the given (UP, DOWN) values, identical over ``seeds`` seeds."""
    records = [
        {"strategy": s, "point": p, "replicate": r, "seed": 100 + r, "scenario": "eurasia", UP: up, DOWN: down}
        for (s, p), (up, down) in values.items()
        for r in range(seeds)
    ]
    return pd.DataFrame.from_records(records)


def test_pareto_set_of_a_hand_built_table_respects_directions():
    table = means({"a": (10, 0.5), "b": (8, 0.2), "c": (7, 0.3), "d": (10, 0.6), "e": (8, 0.2)})
    front = robustness.pareto_set(table, [UP, DOWN])
    # c is beaten by b on both; d by a (same GDP, more dependence); b and e tie, neither dominates the other.
    assert front.to_dict() == {"a": True, "b": True, "c": False, "d": False, "e": True}


def test_rank_stability_shares_sum_to_one_and_a_dominating_strategy_takes_all():
    mixed = means({"a": (10, 0.5), "b": (8, 0.2), "c": (9, 0.35)})
    shares = robustness.share_first(mixed, [UP, DOWN], n_vectors=1000, seed=3)
    assert shares.sum() == pytest.approx(1.0)
    assert shares["a"] > 0 and shares["b"] > 0  # trade-off: each wins under some weights
    dominant = means({"a": (10, 0.1), "b": (8, 0.2), "c": (9, 0.35)})
    assert robustness.share_first(dominant, [UP, DOWN]).to_dict() == {"a": 1.0, "b": 0.0, "c": 0.0}


def test_weight_vectors_lie_on_the_simplex():
    weights = robustness.simplex_weights(3, 1000, seed=1)
    assert weights.shape == (1000, 3) and (weights >= 0).all()
    assert np.allclose(weights.sum(axis=1), 1.0)


def test_regret_is_zero_for_the_best_strategy_of_each_future_and_never_negative():
    outcomes = runs({("a", 0): (10, 0.5), ("b", 0): (8, 0.2), ("a", 1): (6, 0.4), ("b", 1): (9, 0.1)})
    per_future = robustness.future_means(outcomes, [UP, DOWN])
    regret = robustness.regret(per_future, [UP, DOWN])
    assert (regret >= 0).all().all()
    assert regret.loc[(0, "a"), UP] == 0 and regret.loc[(0, "b"), UP] == pytest.approx(2)
    assert regret.loc[(1, "b"), DOWN] == 0 and regret.loc[(1, "a"), DOWN] == pytest.approx(0.3)
    by_measure = robustness.regret_by_measure(outcomes, [UP]).set_index("strategy")
    assert by_measure.loc["a", "regret_mean"] == pytest.approx(1.5)  # (0 + 3) / 2 futures


def test_composite_regret_is_zero_for_a_strategy_best_in_every_future():
    outcomes = runs(
        {
            ("a", 0): (10, 0.1),
            ("b", 0): (8, 0.2),
            ("passive", 0): (9, 0.3),
            ("a", 1): (11, 0.1),
            ("b", 1): (7, 0.4),
            ("passive", 1): (9, 0.3),
        }
    )
    thresholds = robustness.Thresholds(autonomy=DOWN, autonomy_floor=0.0, welfare=UP, welfare_tolerance=0.0)
    table = robustness.robustness_table(outcomes, [UP, DOWN], thresholds).set_index("strategy")
    assert table.loc["a", "regret_mean"] == 0 and table.loc["a", "regret_p90"] == 0
    assert (table.loc[["b", "passive"], "regret_mean"] > 0).all()
    assert table.loc["a", "share_first"] == 1.0 and table["pareto"].to_dict() == {
        "a": True,
        "b": False,
        "passive": False,
    }


def test_satisficing_counts_futures_meeting_both_thresholds():
    # Thresholds read UP as welfare (within 10 % of passive's) and DOWN as "autonomy" with a floor of 0.3.
    outcomes = runs(
        {
            ("a", 0): (10, 0.5),
            ("passive", 0): (10, 0.2),
            ("a", 1): (8, 0.5),
            ("passive", 1): (10, 0.2),
            ("a", 2): (9.5, 0.1),
            ("passive", 2): (10, 0.2),
        }
    )
    thresholds = robustness.Thresholds(autonomy=DOWN, autonomy_floor=0.3, welfare=UP, welfare_tolerance=0.1)
    met = robustness.satisficing(robustness.future_means(outcomes, [UP, DOWN]), thresholds)
    # a: future 0 meets both; future 1 loses 20 % of welfare; future 2 misses the floor.
    assert met.xs("a", level="strategy").tolist() == [True, False, False]
    assert met.xs("passive", level="strategy").tolist() == [False, False, False]


def test_paired_differences_match_runs_on_future_and_seed():
    outcomes = runs(
        {("multivector", 0): (10, 0.5), ("b", 0): (12, 0.3), ("multivector", 1): (6, 0.5), ("b", 1): (7, 0.6)}
    )
    paired = robustness.paired_differences(outcomes, [UP, DOWN]).set_index(["strategy", "measure"])
    assert paired.loc[("b", UP), "difference"] == pytest.approx(1.5) and paired.loc[("b", UP), "n"] == 4
    assert paired.loc[("b", UP), "share_better"] == 1.0
    assert paired.loc[("b", DOWN), "share_better"] == 0.5  # lower is better: better in future 0 only
    assert paired.loc[("multivector", UP), "difference"] == 0


def test_paired_differences_refuse_runs_without_common_random_numbers():
    outcomes = runs({("multivector", 0): (10, 0.5), ("b", 0): (12, 0.3)})
    outcomes.loc[outcomes["strategy"] == "b", "seed"] += 1
    with pytest.raises(ValueError, match="common random numbers"):
        robustness.paired_differences(outcomes, [UP])


def test_study_futures_sample_only_the_uncertain_parameters_and_share_seeds_across_strategies():
    scenario = load_scenario("eurasia")
    uncertain = scenario.uncertain
    assert uncertain and all(p.low < p.high for p in uncertain.values())
    spec = parse_spec(study_spec(["multivector", "passive"], seeds=2, futures=4))
    plan = make_plan(spec, check_against_world(spec))
    manifest = plan.manifest
    assert set(plan.parameter_columns) == set(uncertain)
    for name, p in uncertain.items():
        assert manifest[name].between(p.low, p.high).all()
    per_strategy = [
        runs.drop(columns=["run_id", "run_index", "strategy"]).reset_index(drop=True)
        for _, runs in manifest.groupby("strategy")
    ]
    pd.testing.assert_frame_equal(*per_strategy)  # same futures, same seeds: common random numbers
    assert manifest.groupby("replicate")["seed"].nunique().eq(1).all()


def test_objectives_prefer_the_welfare_and_exposure_measures_when_recorded():
    assert objectives(["gdp_final", "autonomy_mean_after_levers"]) == ["gdp_final", "autonomy_mean_after_levers"]
    assert objectives(["gdp_final", "welfare_final", "autonomy_mean_after_levers", "security_exposure_final"]) == [
        "welfare_final",
        "autonomy_mean_after_levers",
        "security_exposure_final",
    ]


def test_study_command_writes_robustness_csv_with_one_row_per_strategy(tmp_path, capsys):
    from world.registry import STRATEGIES

    out = tmp_path / "study"
    assert main(["study", "--futures", "2", "--seeds", "2", "--workers", "1", "--out", str(out), "-q"]) == 0
    table = pd.read_csv(out / "robustness.csv")
    assert tuple(table.columns) == ROBUSTNESS_COLUMNS
    assert sorted(table["strategy"]) == sorted(STRATEGIES.names()) and "passive" in set(table["strategy"])
    assert table["share_first"].sum() == pytest.approx(1.0)
    assert table["pareto"].any() and table["satisficing_share"].between(0, 1).all()
    assert (table["regret_mean"] >= 0).all() and (table["regret_p90"] >= table["regret_mean"] - 1e-12).all()
    assert (out / "robustness.png").stat().st_size > 10_000
    printed = capsys.readouterr().out
    assert "paired differences against multivector" in printed
    # The noise checks, on the objectives: every run's variance split into strategy, future, their
    # interaction and seed, and the seeds check.
    variance = pd.read_csv(out / "variance.csv")
    for _, terms in variance.groupby("measure"):
        assert terms["share"].sum() == pytest.approx(1.0) or terms["variance"].sum() == 0
        assert {"strategy", "point", "seed"} <= set(terms["source"])
    seeds = pd.read_csv(out / "seeds.csv")
    assert set(seeds["strategy"]) == set(STRATEGIES.names()) and (seeds["seeds"] == 2).all()
    assert "variance split" in printed and "seeds check" in printed
    paired = pd.read_csv(out / "paired.csv")
    assert (
        paired["p_value"].between(0, 1).all()
        and not paired.loc[paired["strategy"] == "multivector", "significant"].any()
    )
