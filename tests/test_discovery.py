"""Scenario discovery: `multivector discover` reports boxes whose coverage and density are what the runs say,
the EMA Workbench adapter declares the project's own names and runs the model, a missing extra is said."""

from __future__ import annotations

import builtins

import numpy as np
import pandas as pd
import pytest

from experiments.analysis.discovery import choose, discover, discovery_rows
from experiments.cli import main
from experiments.sweep.driver import run_sweep
from world import load_scenario
from world.measures import higher_is_better

UNTIL = "2028Q4"


@pytest.fixture(scope="module")
def lhs_sweep(tmp_path_factory):
    out = tmp_path_factory.mktemp("discover") / "lhs"
    spec = {
        "name": "lhs",
        "strategies": ["multivector", "passive"],
        "sampler": "lhs",
        "samples": 24,
        "seeds": 2,
        "until": UNTIL,
        "levers": {"russian_pressure": {"range": [0, 1]}, "eu_investment": {"range": [0, 3]}},
    }
    run_sweep(spec, executor="serial", out=out)
    return out


def in_box(rows: pd.DataFrame, limits: pd.DataFrame) -> np.ndarray:
    inside = np.ones(len(rows), dtype=bool)
    for limit in limits.itertuples(index=False):
        inside &= (rows[limit.input] >= limit.low - 1e-12) & (rows[limit.input] <= limit.high + 1e-12)
    return inside


def test_discover_reports_a_box_whose_coverage_and_density_the_runs_confirm(lhs_sweep, capsys):
    runs = pd.read_parquet(lhs_sweep / "outcomes")
    mine = runs[runs["strategy"] == "multivector"]
    threshold = float(mine["autonomy_final"].quantile(0.3))  # about a third of the runs are cases, whatever the model
    argv = ["discover", str(lhs_sweep), "--outcome", "autonomy_final", "--below", f"{threshold!r}", "-s", "multivector"]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "peeling trajectory" in printed and "feature scores" in printed and "<- chosen" in printed
    stem = lhs_sweep / "discover_autonomy_final_multivector"
    trajectory = pd.read_csv(f"{stem}_trajectory.csv")
    limits = pd.read_csv(f"{stem}_boxes.csv")
    chosen = trajectory[trajectory["chosen"]].iloc[0]
    cases = (mine["autonomy_final"] < threshold).to_numpy()
    inside = in_box(mine.reset_index(drop=True), limits)
    assert chosen["n"] == inside.sum() and chosen["k"] == (inside & cases).sum()
    assert chosen["coverage"] == pytest.approx((inside & cases).sum() / cases.sum())
    assert chosen["density"] == pytest.approx((inside & cases).sum() / inside.sum())
    eligible = trajectory[trajectory["coverage"] >= 0.8 - 1e-12]
    assert chosen["density"] == eligible["density"].max()  # the densest box that keeps 80 % of the cases
    assert (trajectory["coverage"].diff().dropna() <= 1e-12).all()  # peeling only loses coverage
    features = pd.read_csv(f"{stem}_features.csv")
    assert set(features["input"]) == {"russian_pressure", "eu_investment"}
    assert features["score"].sum() == pytest.approx(1.0)
    assert (lhs_sweep / "discover_autonomy_final_multivector.png").read_bytes()[:4] == b"\x89PNG"


def test_the_strategy_is_an_input_when_several_are_stored_and_advantage_is_signed(lhs_sweep):
    runs = pd.read_parquet(lhs_sweep / "outcomes")
    x, values, what = discovery_rows(runs, ["russian_pressure", "eu_investment"], "dependence_RUS_final")
    assert list(x.columns) == ["russian_pressure", "eu_investment", "strategy"] and len(x) == len(runs)
    x, values, what = discovery_rows(
        runs, ["russian_pressure", "eu_investment"], "dependence_RUS_final", "multivector", "best"
    )
    assert "advantage" in what and len(values) == len(runs) // 2
    table = runs.pivot_table(index=["point", "replicate"], columns="strategy", values="dependence_RUS_final")
    sign = 1.0 if higher_is_better("dependence_RUS_final") else -1.0
    expected = (sign * (table["multivector"] - table["passive"])).to_numpy()
    assert np.allclose(np.sort(values), np.sort(expected))  # lower dependence is better: the sign follows


def test_a_threshold_no_run_or_every_run_crosses_is_a_finding_with_the_range(lhs_sweep, tmp_path, capsys):
    argv = ["discover", str(lhs_sweep), "--outcome", "autonomy_final", "--out", str(tmp_path)]
    assert main([*argv, "--below", "-5"]) == 0
    printed = capsys.readouterr().out.strip()
    assert printed.startswith("discover: no run has autonomy_final below -5 (the runs range from ")
    assert printed.count("\n") == 0 and "no box to find" in printed and not list(tmp_path.iterdir())
    assert main([*argv, "--above", "-5"]) == 0
    assert "every run has autonomy_final above -5" in capsys.readouterr().out
    assert main(argv) == 2
    assert "--below" in capsys.readouterr().err


def test_a_missing_ema_workbench_is_said_with_the_install_command(lhs_sweep, capsys, monkeypatch):
    real_import = builtins.__import__

    def without_ema(name, *args, **kwargs):
        if name.startswith("ema_workbench"):
            raise ImportError("No module named 'ema_workbench'", name="ema_workbench")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", without_ema)
    assert main(["discover", str(lhs_sweep), "--outcome", "autonomy_final", "--below", "0.5"]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: EMA Workbench is not installed") and "pip install -e '.[ema]'" in err


def test_choose_takes_the_densest_box_above_the_coverage_floor():
    trajectory = pd.DataFrame(
        {"coverage": [1.0, 0.9, 0.8, 0.5], "density": [0.2, 0.5, 0.7, 1.0], "res_dim": [0, 1, 2, 2]}
    )
    assert choose(trajectory, 0.8) == 2 and choose(trajectory, 0.4) == 3 and choose(trajectory, 0.95) == 0


def test_discover_finds_a_planted_box():
    """PRIM on inputs where the cases are exactly x > 0.7 and y < 0.3: the box it reports is that one."""
    rng = np.random.default_rng(1)
    x = pd.DataFrame({"x": rng.uniform(0, 1, 600), "y": rng.uniform(0, 1, 600)})
    values = np.where((x["x"] > 0.7) & (x["y"] < 0.3), 0.0, 1.0)
    found = discover(x, values, 0.5, True, "planted")
    box = found.boxes[0]
    limits = box.limits.set_index("input")
    assert box.stats.coverage >= 0.8 and box.stats.density >= 0.9
    assert limits.loc["x", "low"] == pytest.approx(0.7, abs=0.05) and limits.loc["y", "high"] == pytest.approx(
        0.3, abs=0.05
    )


def test_ema_model_declares_the_project_names_and_runs_the_model():
    from ema_workbench import Sample, ScalarOutcome, SequentialEvaluator

    from experiments import simulate
    from experiments.ema import model

    scenario = load_scenario("eurasia")
    built = model(
        strategies=["multivector", "passive"], until="2026Q4", outcomes=["autonomy_final", "dependence_RUS_final"]
    )
    assert {u.name for u in built.uncertainties} == set(scenario.uncertain)
    for uncertainty in built.uncertainties:
        parameter = scenario.parameters[uncertainty.name]
        assert (uncertainty.lower_bound, uncertainty.upper_bound) == (parameter.low, parameter.high)
    assert [lever.name for lever in built.levers] == ["strategy"]
    kinds = {o.name: o.kind for o in built.outcomes}
    assert kinds == {"autonomy_final": ScalarOutcome.MAXIMIZE, "dependence_RUS_final": ScalarOutcome.MINIMIZE}

    small = model(
        strategies=["multivector", "passive"],
        until="2026Q4",
        uncertainties=["russian_pressure"],
        outcomes=["autonomy_final"],
    )
    with SequentialEvaluator(small) as evaluator:
        experiments, outcomes = evaluator.perform_experiments(
            scenarios=3, policies=[Sample("passive", strategy="passive")], uncertainty_sampling_kwargs={"rng": 1}
        )
    for row, value in zip(experiments.itertuples(), outcomes["autonomy_final"]):
        expected = simulate("eurasia", "passive", 0, "2026Q4", russian_pressure=row.russian_pressure)
        assert value == expected["autonomy_final"]


def test_the_readme_says_where_balancing_breaks_from_a_planted_region():
    """Synthetic futures: multivector falls behind exactly where russian_pressure > 0.6; the findings item
    names that box (the uncertain parameters of the table are the inputs)."""
    from experiments.analysis.findings import where_balancing_breaks

    uncertain = load_scenario("eurasia").uncertain
    rng = np.random.default_rng(4)
    rows = []
    for point in range(80):
        levers = {name: rng.uniform(p.low, p.high) for name, p in uncertain.items()}
        for replicate in range(2):
            behind = levers["russian_pressure"] > 0.6 * uncertain["russian_pressure"].high
            for strategy, value in (("multivector", 0.5 if behind else 0.9), ("passive", 0.7)):
                rows.append(
                    {"scenario": "eurasia", "strategy": strategy, "point": point, "replicate": replicate, **levers}
                    | {"autonomy_final": value}
                )
    items = where_balancing_breaks(pd.DataFrame(rows), ["autonomy_final"], "eurasia")
    assert len(items) == 1 and items[0].startswith("- `autonomy_final`: behind in ")
    assert "russian_pressure" in items[0] and "density 1.00" in items[0]
