"""Sensitivity indices are checked: impossible or unsupported indices warn, and the ranking's convergence is
measured on nested designs of the stored sweep."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from SALib.sample import morris as morris_sample
from SALib.sample import sobol as sobol_sample

from experiments.analysis.sensitivity_checks import index_warnings, nested_sizes, ranking, warnings_text
from experiments.cli import main
from experiments.sweep.driver import run_sweep

UNTIL = "2026Q4"


def sobol_rows(rows):
    return pd.DataFrame(
        [("eurasia", "multivector", outcome, p, *values) for outcome, p, values in rows],
        columns=["scenario", "strategy", "outcome", "parameter", "S1", "S1_conf", "ST", "ST_conf"],
    )


def test_sobol_indices_outside_0_1_or_less_certain_than_their_size_warn():
    table = sobol_rows(
        [
            ("gdp_final", "russian_pressure", (1.98, 0.79, 1.20, 0.3)),  # above 1 beyond its interval
            ("gdp_final", "oil_price", (-0.01, 0.005, 0.02, 0.01)),  # below 0 beyond its interval
            ("gdp_final", "china_bri", (0.12, 0.30, 0.20, 0.05)),  # interval wider than the estimate
            ("gdp_final", "eu_investment", (0.001, 0.002, 0.002, 0.003)),  # negligible and known to be: no warning
            ("autonomy_final", "russian_pressure", (0.60, 0.05, 0.30, 0.05)),  # S1 > ST beyond both intervals
            ("autonomy_final", "oil_price", (0.30, 0.05, 0.70, 0.05)),  # a well estimated index: no warning
        ]
    )
    lines = index_warnings(table, "sobol")
    text = "\n".join(lines)
    assert "S1 of russian_pressure = 1.98 ± 0.79 lies above 1" in text
    assert "S1 of oil_price = -0.01 ± 0.005 lies below 0" in text
    assert "S1 of china_bri = 0.12 ± 0.3: the interval is wider than the estimate" in text
    assert "eu_investment" not in text and "autonomy_final: S1 of oil_price" not in text
    assert "S1 of russian_pressure = 0.6 exceeds ST = 0.3" in text
    assert len(lines) == 4
    summary = warnings_text(table, "sobol", 16).splitlines()[-1]
    assert summary.startswith("4 indices the design cannot support with 16 base samples") and "--convergence" in summary


def test_a_morris_mu_star_with_an_interval_wider_than_itself_warns():
    table = pd.DataFrame(
        [
            ("eurasia", "multivector", "capture_events", "eu_investment", 0.375, 0.61, 0.75, -0.375),
            ("eurasia", "multivector", "capture_events", "russian_pressure", 2.0, 0.5, 0.1, 2.0),
            ("eurasia", "multivector", "capture_events", "china_bri", 0.001, 0.002, 0.0, 0.0),  # negligible
        ],
        columns=["scenario", "strategy", "outcome", "parameter", "mu_star", "mu_star_conf", "sigma", "mu"],
    )
    lines = index_warnings(table, "morris")
    assert lines == [
        "eurasia · multivector · capture_events: mu* of eu_investment = 0.375 ± 0.61: the interval is wider than the estimate"
    ]


def test_rankings_put_negligible_inputs_in_one_tie_at_the_bottom():
    assert ranking({"a": 0.8, "b": 0.1, "c": 0.01, "d": 0.0}, "sobol") == (("a", "b"), frozenset({"c", "d"}))
    assert ranking({"a": 2.0, "b": 5.0, "c": 0.1}, "morris") == (("b", "a"), frozenset({"c"}))
    assert nested_sizes(32) == [8, 16, 32] and nested_sizes(4) == [2, 4]


def test_salib_designs_are_nested_so_the_stored_sweep_holds_the_smaller_designs():
    problem = {"num_vars": 3, "names": ["a", "b", "c"], "bounds": [[0.0, 1.0]] * 3}
    large, small = (sobol_sample.sample(problem, n, calc_second_order=False, seed=3) for n in (32, 8))
    assert np.array_equal(large[: len(small)], small)
    large, small = (morris_sample.sample(problem, n, num_levels=4, seed=3) for n in (12, 3))
    assert np.array_equal(large[: len(small)], small)


@pytest.fixture(scope="module")
def tiny_sobol(tmp_path_factory):
    out = tmp_path_factory.mktemp("sobol") / "tiny"
    spec = {
        "name": "tiny",
        "strategies": ["multivector"],
        "sampler": "sobol",
        "samples": 4,
        "seeds": 2,
        "until": UNTIL,
        "levers": {"russian_pressure": {"range": [0, 1]}, "oil_price": {"range": [40, 120]}},
    }
    run_sweep(spec, executor="serial", out=out)
    return out


def test_a_sobol_run_with_too_small_an_n_warns_and_reports_seed_noise(tiny_sobol, capsys):
    assert main(["sensitivity", str(tiny_sobol), "-o", "gdp_final", "-o", "autonomy_final"]) == 0
    printed = capsys.readouterr().out
    assert "warning: eurasia · multivector · " in printed
    assert "the design cannot support with 4 base samples N" in printed
    assert "seed noise (share of the runs' variance within a design point; indices use the mean of 2 seeds)" in printed


def test_convergence_reports_the_nested_designs_a_bootstrap_and_a_verdict(tiny_sobol, capsys):
    assert main(["sensitivity", str(tiny_sobol), "-o", "gdp_final", "--convergence"]) == 0
    printed = capsys.readouterr().out
    assert "ranking by ST; nested designs of the stored sweep" in printed
    assert "bootstrap at N = 4 (200 resamples): the ranking holds in" in printed
    assert "stable:" in printed or "not stable:" in printed
    table = pd.read_csv(tiny_sobol / "sensitivity_convergence.csv")
    assert sorted(set(table["base"])) == [2, 4] and set(table["parameter"]) == {"russian_pressure", "oil_price"}
    at_n = table[table["base"] == 4].set_index("parameter")["index"]
    full = pd.read_csv(tiny_sobol / "sensitivity.csv").set_index("parameter")
    assert at_n.to_dict() == pytest.approx(full.loc[full["outcome"] == "gdp_final", "ST"].to_dict())


def test_the_bootstrap_intervals_are_the_same_on_every_call_with_root_seed_0(tiny_sobol, tmp_path, capsys):
    """SALib's Sobol analysis leaves its bootstrap unseeded for a seed of 0; the intervals must not move."""
    for n in (1, 2):
        assert main(["sensitivity", str(tiny_sobol), "-o", "gdp_final", "--out", str(tmp_path / str(n))]) == 0
    capsys.readouterr()
    assert (tmp_path / "1" / "sensitivity.csv").read_bytes() == (tmp_path / "2" / "sensitivity.csv").read_bytes()
