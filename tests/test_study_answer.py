"""The answer's three tables: paired differences on the lever grid, welfare by its terms, rank stability over the
behaviour constants; and the refusals of their options."""

from __future__ import annotations

import itertools

import numpy as np
import pandas as pd
import pytest

from experiments.analysis import lever_grid, rank_stability, welfare_terms
from experiments.analysis.lever_grid import LEVER_GRID, grid_differences, grid_spec, verdict
from experiments.analysis.rank_stability import RANKING_CONSTANTS, constants_of, rank_shares, stability_spec
from experiments.cli import main
from experiments.sweep.plan import make_plan, run_seed
from experiments.sweep.samplers import design_points
from experiments.sweep.spec import check_against_world, parse_spec
from world import load_scenario
from world.errors import InputError

WELFARE, EXPOSURE = "welfare_mean_after_levers", "security_exposure_mean_after_levers"


def grid_runs(value, strategies=("multivector", "passive"), seeds: int = 4) -> pd.DataFrame:
    """Runs on the lever grid with ``value(strategy, pressure, eu, replicate)`` as the welfare outcome and a
    seed per replicate shared by every strategy and point (common random numbers)."""
    points = list(itertools.product(*LEVER_GRID.values()))
    records = [
        {
            "scenario": "eurasia",
            "strategy": strategy,
            "point": p,
            "replicate": r,
            "seed": 1000 + r,
            "russian_pressure": pressure,
            "eu_investment": eu,
            WELFARE: value(strategy, pressure, eu, r),
        }
        for strategy in strategies
        for p, (pressure, eu) in enumerate(points)
        for r in range(seeds)
    ]
    return pd.DataFrame.from_records(records)


def test_a_strategy_against_itself_differs_by_exactly_zero_with_a_zero_width_interval():
    noise = np.random.default_rng(1).normal(size=100)
    runs = grid_runs(lambda s, p, e, r: 300 + 5 * noise[r] - p + (0.5 if s == "passive" else 0.0))
    twin = runs[runs["strategy"] == "multivector"].assign(strategy="twin")
    table = grid_differences(pd.concat([runs, twin], ignore_index=True), [WELFARE])
    itself = table[table["alternative"] == "twin"]
    assert len(itself) == 9
    assert (itself["difference"] == 0).all() and (itself["ci_low"] == 0).all() and (itself["ci_high"] == 0).all()
    assert (itself["verdict"] == "identical").all()
    assert (table[table["alternative"] == "passive"]["verdict"] == "behind").all()  # 0.5 less welfare, every seed


def test_grid_differences_are_paired_on_common_seeds_and_shuffling_the_seeds_breaks_them():
    # Each seed moves welfare by up to ±50 for every strategy alike; multivector earns exactly 1 more.
    shared = np.random.default_rng(2).normal(scale=20, size=100)
    runs = grid_runs(lambda s, p, e, r: 300 + shared[r] + (1.0 if s == "multivector" else 0.0))
    paired = grid_differences(runs, [WELFARE])
    assert np.allclose(paired["difference"], 1.0) and np.allclose(paired["ci_high"] - paired["ci_low"], 0.0)
    assert (paired["verdict"] == "ahead").all() and (paired["share_better"] == 1.0).all()
    # Relabel passive's seeds (replicate 0 ↔ 1, seeds with them): the pairs now compare different draws.
    relabel = {0: 1, 1: 0}
    passive = runs["strategy"] == "passive"
    shuffled = runs.copy()
    shuffled.loc[passive, "replicate"] = shuffled.loc[passive, "replicate"].map(lambda r: relabel.get(r, r))
    shuffled.loc[passive, "seed"] = 1000 + shuffled.loc[passive, "replicate"]
    moved = grid_differences(shuffled, [WELFARE])
    assert not np.allclose(moved["ci_high"] - moved["ci_low"], 0.0)
    assert (moved["verdict"] == "within noise").all()  # the seed noise no longer cancels


def test_grid_refuses_runs_that_do_not_share_seeds_or_lack_the_reference():
    runs = grid_runs(lambda s, p, e, r: 300.0)
    unpaired = runs.copy()
    unpaired.loc[unpaired["strategy"] == "passive", "seed"] += 7
    with pytest.raises(ValueError, match="common random numbers"):
        grid_differences(unpaired, [WELFARE])
    with pytest.raises(ValueError, match="reference strategy 'multivector'"):
        grid_differences(runs[runs["strategy"] != "multivector"], [WELFARE])
    with pytest.raises(ValueError, match="eu_investment"):
        grid_differences(runs.drop(columns=["eu_investment"]), [WELFARE])


def test_verdicts_follow_each_measures_direction():
    assert verdict(WELFARE, 1.0, 0.5, 1.5) == "ahead" and verdict(WELFARE, -1.0, -1.5, -0.5) == "behind"
    assert verdict(EXPOSURE, -0.1, -0.2, -0.05) == "ahead"  # less exposure than the alternative
    assert verdict(EXPOSURE, 0.1, 0.05, 0.2) == "behind"
    assert verdict(WELFARE, 0.2, -0.1, 0.5) == "within noise" and verdict(WELFARE, 0.0, 0.0, 0.0) == "identical"


def test_the_grid_design_runs_every_strategy_at_every_point_on_the_same_seeds():
    spec = parse_spec(grid_spec(["multivector", "passive"], seeds=3))
    manifest = make_plan(spec, check_against_world(spec)).manifest
    points = set(map(tuple, manifest[list(LEVER_GRID)].drop_duplicates().to_numpy().tolist()))
    assert points == set(itertools.product(*LEVER_GRID.values()))
    assert manifest.groupby("replicate")["seed"].nunique().eq(1).all()  # one seed per replicate everywhere
    assert manifest.groupby(["strategy", "point"]).size().eq(3).all()
    scenario = load_scenario("eurasia").parameters
    for name, values in LEVER_GRID.items():  # the grid spans each lever's whole range
        assert min(values) == scenario[name].low and max(values) == scenario[name].high


def test_estimates_print_to_the_precision_of_their_interval():
    assert lever_grid.estimate(0.000815, 0.29) == "+0.00 ±0.29"
    assert lever_grid.estimate(-0.43537, 0.0025) == "-0.4354 ±0.0025"
    assert lever_grid.estimate(-0.4, 41) == "+0 ±41"  # never "-0"
    assert lever_grid.estimate(-0.0355, 1e-18) == "-0.0355 ±0"  # rounding error is no interval


@pytest.fixture(scope="module")
def real_runs() -> pd.DataFrame:
    """Three strategies on two common seeds at the scenario's parameters (full runs: the terms need 2025-2040)."""
    from experiments.sweep.runner import simulate

    rows = []
    for strategy in ("multivector", "passive", "china_first"):
        for replicate in range(2):
            seed = run_seed(0, replicate)
            outcome = simulate("eurasia", strategy, seed)
            rows.append({"scenario": "eurasia", "strategy": strategy, "point": 0, "replicate": replicate,
                         "seed": seed, **outcome})  # fmt: skip
    return pd.DataFrame(rows)


def test_welfare_terms_add_up_to_the_welfare_objective(real_runs):
    available = list(real_runs.columns)
    columns = welfare_terms.term_columns(available)
    assert len(columns) == 8
    assert np.allclose(real_runs[columns].sum(axis=1), real_runs[welfare_terms.TOTAL], rtol=1e-12)
    table = welfare_terms.decomposition(real_runs, available)
    for _, rows in table.groupby("strategy"):
        terms, total = rows[rows["term"] != "welfare"], rows[rows["term"] == "welfare"].iloc[0]
        assert terms["mean"].sum() == pytest.approx(total["mean"], rel=1e-12)
        assert terms["difference"].sum() == pytest.approx(total["difference"], abs=1e-9)
    own = table[table["strategy"] == "multivector"]
    assert (own["difference"] == 0).all()  # multivector − itself
    versus = table[(table["strategy"] == "china_first") & (table["term"] == "welfare")].iloc[0]
    by_run = real_runs.pivot(index="replicate", columns="strategy", values=welfare_terms.TOTAL)
    assert versus["difference"] == pytest.approx((by_run["multivector"] - by_run["china_first"]).mean())


def test_rank_shares_split_ties_and_sum_to_one_over_strategies_and_over_ranks():
    values = pd.DataFrame(
        {"a": [3.0, 1.0, 2.0, 5.0], "b": [2.0, 3.0, 2.0, 5.0], "c": [1.0, 2.0, 2.0, 5.0]}
    )  # point 2: all tie; point 3: all tie
    shares = rank_shares(values)
    assert np.allclose(shares.sum(axis=0), 1.0) and np.allclose(shares.sum(axis=1), 1.0)
    assert shares.loc["a", "rank_1"] == pytest.approx((1 + 0 + 1 / 3 + 1 / 3) / 4)
    assert shares.loc["b", "rank_1"] == pytest.approx((0 + 1 + 1 / 3 + 1 / 3) / 4)


def test_the_behaviour_constants_are_declared_once_and_the_design_spans_their_ranges():
    assert {"climate_per_unit", "investment_output_share", "loyalty_bar", "switching_cost"} <= set(RANKING_CONSTANTS)
    constants = constants_of()
    assert all(p.kind == "model" for p in constants.values())
    spec = parse_spec(stability_spec(["multivector", "passive"], rank_stability.TRAJECTORIES, 1))
    points = design_points(spec)
    assert list(points.columns) == list(RANKING_CONSTANTS)
    assert len(points) == rank_stability.TRAJECTORIES * (len(RANKING_CONSTANTS) + 1)
    for name, p in constants.items():
        assert points[name].min() == p.low and points[name].max() == p.high
        assert sorted(points[name].unique()) == pytest.approx(np.linspace(p.low, p.high, rank_stability.LEVELS))


def test_rank_stability_of_a_small_design_ranks_every_point_and_checks_its_indices(tmp_path):
    from experiments.analysis.study import objectives, run_design

    spec = stability_spec(["multivector", "passive"], trajectories=2, seeds=1)
    spec["until"] = "2026Q4"  # two years of decisions: enough to rank, quick to run
    _, stored = run_design(spec, tmp_path / "design", {"executor": "serial"})
    report = rank_stability.analyse_stability(stored, objectives(stored.outcome_columns))
    assert report.points == 2 * (len(RANKING_CONSTANTS) + 1)
    ranks = [c for c in report.shares.columns if c.startswith("rank_")]
    for _, rows in report.shares.groupby("criterion"):
        assert np.allclose(rows[ranks].sum(axis=0), 1.0)  # every rank is held by someone at every point
        assert rows["rank_1"].sum() == pytest.approx(1.0)
    assert set(report.sensitivity["parameter"]) == set(RANKING_CONSTANTS)
    # A margin that is the same at every point (two strategies over two years can split the objectives the same
    # way everywhere, so the score's margin is constant) has no ranking to check; every other margin has a verdict.
    varying = {
        rank_stability.margin_column(c)
        for c in report.criteria
        if np.ptp(report.margins[rank_stability.margin_column(c)].to_numpy()) > 0
    }
    assert varying and set(report.verdicts["margin"]) == varying
    margins = report.margins[rank_stability.margin_column(rank_stability.SCORE)]
    first = report.share_first(rank_stability.SCORE)["multivector"]
    assert first == pytest.approx((margins > 0).mean() + 0.5 * (margins == 0).mean())
    text = "\n".join(rank_stability.format_stability(report))
    assert "share of design points at which each strategy ranks first" in text and "μ*" in text


def test_an_unknown_constant_is_named():
    with pytest.raises(InputError, match="'no_such_constant' is not in the parameter table"):
        constants_of("eurasia", ("climate_per_unit", "no_such_constant"))


@pytest.mark.parametrize(
    "args, fragment",
    [
        (["--stability", "1"], "--stability 1: a Morris design needs at least 2 trajectories"),
        (["--stability", "-2"], "--stability"),
        (["--stability-seeds", "0"], "--stability-seeds"),
    ],
)
def test_study_refuses_a_bad_design_in_one_line_before_writing(tmp_path, capsys, args, fragment):
    out = tmp_path / "out"
    code = main(["study", "--seeds", "2", "--quiet", "--out", str(out), *args])
    err = capsys.readouterr().err
    assert code == 2, err
    assert fragment in err
    if "Morris" in fragment:
        assert err.startswith("error: ") and err.count("\n") == 1, err
    assert not out.exists()


def test_findings_refuse_a_details_file_without_its_block_before_running(tmp_path, capsys):
    from experiments.analysis.findings import END, START

    readme = tmp_path / "README.md"
    readme.write_text(f"{START}\n{END}\n", encoding="utf-8")
    details = tmp_path / "study.md"
    details.write_text("no block here\n", encoding="utf-8")
    assert main(["findings", "--write", str(readme), "--details", str(details), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --details ") and "answer:start" in err and err.count("\n") == 1, err
    assert details.read_text(encoding="utf-8") == "no block here\n"


def test_the_grid_figure_names_the_best_alternative_at_each_point(tmp_path):
    runs = grid_runs(lambda s, p, e, r: 300 + r - (2 * p if s == "multivector" else 0.0))
    table = grid_differences(runs, [WELFARE])
    margins = lever_grid.margins(table, WELFARE)
    assert len(margins) == 9 and (margins["alternative"] == "passive").all()
    assert margins.set_index(list(LEVER_GRID))["margin"].loc[(1.0, 3.0)] == pytest.approx(-2.0)
    lever_grid.plot_grid(table, tmp_path / "grid.png")
    assert (tmp_path / "grid.png").stat().st_size > 0
