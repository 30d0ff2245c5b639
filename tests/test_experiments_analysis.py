"""compare, sensitivity and tipping read stored sweeps; the numbers they print and write are checked here."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from scipy import stats

from experiments.analysis.tipping import advantage_grid, boundary, cell_edges, included_strategies
from experiments.cli import main
from experiments.sweep.driver import run_sweep
from world.errors import InputError
from world.measures import higher_is_better
from world.registry import STRATEGIES
from world.scenario import DATA_DIR, SCENARIO_DIR

UNTIL = "2028Q4"  # levers act from 2025Q1; a shorter horizon keeps these tests quick
TWO = ["multivector", next(s for s in STRATEGIES.names() if s != "multivector")]


def is_png(path) -> bool:
    return path.is_file() and path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000


@pytest.fixture(scope="module")
def small_grid(tmp_path_factory):
    out = tmp_path_factory.mktemp("cmp") / "grid"
    spec = {
        "name": "cmp",
        "strategies": TWO,
        "seeds": 4,
        "until": UNTIL,
        "levers": {"russian_pressure": {"values": [0.2, 0.9]}},
    }
    run_sweep(spec, executor="serial", out=out)
    return out


def test_compare_table_holds_means_intervals_and_ranks(small_grid, capsys):
    assert main(["compare", str(small_grid), "-o", "autonomy_final", "-o", "dependence_RUS_final"]) == 0
    printed = capsys.readouterr().out
    table = pd.read_csv(small_grid / "compare.csv")
    runs = pd.read_parquet(small_grid / "outcomes")
    assert len(table) == 2 * 2
    for row in table.itertuples():
        mine = runs.loc[runs["strategy"] == row.strategy]
        assert row.runs == len(mine) == 8 and row.n == 4  # 2 lever values x 4 seeds; the interval is over seeds
        assert row.mean == pytest.approx(mine[row.outcome].mean(), rel=1e-9)
        per_seed = mine.groupby("replicate")[row.outcome].mean()  # each seed's average over the lever values
        half = stats.t.ppf(0.975, len(per_seed) - 1) * per_seed.std(ddof=1) / np.sqrt(len(per_seed))
        assert row.ci_low <= row.mean <= row.ci_high
        assert (row.ci_high - row.ci_low) / 2 == pytest.approx(half, rel=1e-6, abs=1e-12)
        assert f"{row.strategy}" in printed
    for outcome, rows in table.groupby("outcome"):
        best = rows["mean"].idxmax() if higher_is_better(outcome) else rows["mean"].idxmin()
        assert rows.loc[best, "rank"] == 1 and rows.loc[best, "rank_by_mean"] == 1
        overlap = rows["ci_low"].max() <= rows["ci_high"].min()
        assert sorted(rows["rank"]) == ([1, 1] if overlap else [1, 2])  # a tie exactly where the intervals overlap
    assert "variance split" in printed and "seeds check" in printed
    assert (small_grid / "variance.csv").is_file() and (small_grid / "seeds.csv").is_file()
    assert is_png(small_grid / "compare_intervals.png") and is_png(small_grid / "compare_boxes.png")


def test_compare_by_lever_groups_by_its_values(small_grid, tmp_path):
    assert (
        main(["compare", str(small_grid), "--by", "russian_pressure", "-o", "gdp_final", "--out", str(tmp_path)]) == 0
    )
    table = pd.read_csv(tmp_path / "compare.csv")
    assert sorted(set(table["russian_pressure_bin"])) == [0.2, 0.9]
    assert (table["n"] == 4).all() and (table["runs"] == 4).all()


def test_compare_rejects_an_unknown_outcome(small_grid, capsys):
    assert main(["compare", str(small_grid), "-o", "happiness"]) == 2
    assert "happiness" in capsys.readouterr().err


@pytest.fixture(scope="module")
def placebo_scenario(tmp_path_factory):
    """The default scenario plus a lever 'placebo' in its parameter table that no model code reads."""
    folder = tmp_path_factory.mktemp("placebo")
    table = (DATA_DIR / "parameters.csv").read_text().rstrip("\n")
    (folder / "parameters.csv").write_text(
        table + "\nplacebo,lever,0.5,0,1,index,A lever nothing reads (sensitivity test),test fixture\n"
    )
    text = (SCENARIO_DIR / "eurasia.toml").read_text()
    (folder / "placebo.toml").write_text(re.sub(r'(?m)^name = ".*"$', 'name = "placebo"', text))
    return str(folder / "placebo.toml")


@pytest.mark.parametrize("sampler,samples,columns", [("sobol", 16, ("S1", "ST")), ("morris", 6, ("mu_star", "sigma"))])
def test_sensitivity_of_an_ignored_lever_is_zero(placebo_scenario, tmp_path, capsys, sampler, samples, columns):
    spec = {
        "name": sampler,
        "scenarios": [placebo_scenario],
        "strategies": ["multivector"],
        "until": UNTIL,
        "sampler": sampler,
        "samples": samples,
        "outcomes": ["gdp_final", "autonomy_final"],
        "levers": {
            "oil_price": {"range": [40, 120]},
            "placebo": {"range": [0, 1]},
            "russian_pressure": {"range": [0, 1]},
        },
    }
    out = tmp_path / "out"
    run_sweep(spec, executor="serial", out=out)
    assert main(["sensitivity", str(out), "-o", "gdp_final", "-o", "autonomy_final"]) == 0
    assert "placebo" in capsys.readouterr().out
    table = pd.read_csv(out / "sensitivity.csv").set_index(["outcome", "parameter"])
    for outcome in ("gdp_final", "autonomy_final"):
        for column in columns:
            assert table.loc[(outcome, "placebo"), column] == pytest.approx(0.0, abs=1e-12)
    # Importance, not interaction: Morris's sigma is ~0 when oil enters GDP additively (no Russian sales to ban).
    importance = {"sobol": "ST", "morris": "mu_star"}[sampler]
    assert table.loc[("gdp_final", "oil_price"), importance] > 0.05
    if sampler == "sobol":
        assert table.loc[("gdp_final", "oil_price"), "ST_conf"] >= 0
    assert is_png(out / "sensitivity_gdp_final.png")


def test_sensitivity_needs_a_sobol_or_morris_sweep(small_grid, capsys):
    assert main(["sensitivity", str(small_grid)]) == 2
    assert "sobol" in capsys.readouterr().err


def test_boundary_interpolates_where_the_advantage_changes_sign():
    xs, ys = [0.0, 0.5, 1.0], [0.0, 10.0]
    advantage = {
        (0.0, 0.0): 0.2,
        (0.0, 0.5): 0.1,
        (0.0, 1.0): -0.3,  # crosses at x = 0.5 + 0.5 * 0.1 / 0.4
        (10.0, 0.0): 0.2,
        (10.0, 0.5): 0.2,
        (10.0, 1.0): 0.1,
    }  # never crosses
    cells = pd.DataFrame(
        [{"y": y, "x": x, "advantage": advantage[(y, x)], "best_alternative": "other"} for y in ys for x in xs]
    )
    edges = boundary(cells, "x", "y").set_index("y")
    assert edges.loc[0.0, "x_crossing"] == pytest.approx(0.625)
    assert edges.loc[0.0, "change"] == "stops"
    assert np.isnan(edges.loc[10.0, "x_crossing"]) and edges.loc[10.0, "change"] == "ahead everywhere"


def test_tipping_map_matches_the_stored_runs(tmp_path, capsys):
    results = tmp_path / "tip"
    argv = [
        "tipping",
        "--x",
        "russian_pressure",
        "--y",
        "eu_investment",
        "--resolution",
        "3",
        "--seeds",
        "2",
        "--until",
        UNTIL,
        "--workers",
        "1",
        "--results",
        str(results),
        "--quiet",
    ]
    for strategy in TWO:
        argv += ["--strategy", strategy]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "tipping boundary" in printed and printed.count("eu_investment = ") >= 3
    runs = pd.read_parquet(results / "outcomes")
    assert len(runs) == 3 * 3 * 2 * 2
    means = runs.groupby(["eu_investment", "russian_pressure", "strategy"])["autonomy_mean_after_levers"].mean()
    cells = pd.read_csv(results / "tipping_autonomy_mean_after_levers.csv")
    for cell in cells.itertuples():
        ours = means[(cell.eu_investment, cell.russian_pressure, "multivector")]
        theirs = means[(cell.eu_investment, cell.russian_pressure, TWO[1])]
        assert cell.advantage == pytest.approx(ours - theirs, abs=1e-12)
    edges = pd.read_csv(results / "tipping_autonomy_mean_after_levers_boundary.csv")
    for y, row in cells.sort_values("russian_pressure").groupby("eu_investment"):
        signs = (row["advantage"] >= 0).to_numpy()
        crossings = edges[(edges["eu_investment"] == y) & edges["russian_pressure_crossing"].notna()]
        assert len(crossings) == int((signs[1:] != signs[:-1]).sum())
    assert is_png(results / "tipping_autonomy_mean_after_levers.png")

    assert main([*argv[:6], "5", *argv[7:], "--force"]) == 0  # another resolution: the stored grid is read, not rerun
    assert "reading the sweep stored" in capsys.readouterr().out


def synthetic_runs(outcome: str) -> pd.DataFrame:
    """Two cells, three strategies with known means: low < multivector < high in every cell."""
    means = {"low_one": 0.1, "multivector": 0.2, "high_one": 0.4}
    return pd.DataFrame(
        [{"x": x, "y": 0.0, "strategy": s, outcome: m + 0.01 * x} for x in (0.0, 1.0) for s, m in means.items()]
    )


def test_tipping_picks_the_lowest_alternative_for_a_lower_is_better_outcome():
    lower = advantage_grid(synthetic_runs("dependence_RUS_final"), "x", "y", "dependence_RUS_final")
    assert not higher_is_better("dependence_RUS_final")
    assert set(lower["best_alternative"]) == {"low_one"}
    assert lower["advantage"].to_numpy() == pytest.approx([-0.1, -0.1])  # multivector more dependent: behind
    higher = advantage_grid(synthetic_runs("autonomy_final"), "x", "y", "autonomy_final")
    assert set(higher["best_alternative"]) == {"high_one"}
    assert higher["advantage"].to_numpy() == pytest.approx([-0.2, -0.2])


def test_tipping_restricts_the_comparison_to_the_strategies_asked():
    cells = advantage_grid(
        synthetic_runs("autonomy_final"), "x", "y", "autonomy_final", strategies=["multivector", "low_one"]
    )
    assert included_strategies(cells, "x", "y") == ["low_one", "multivector"]
    assert set(cells["best_alternative"]) == {"low_one"} and (cells["advantage"] > 0).all()
    with pytest.raises(InputError, match="nowhere"):
        advantage_grid(synthetic_runs("autonomy_final"), "x", "y", "autonomy_final", strategies=["nowhere"])


@pytest.fixture(scope="module")
def three_strategy_grid(tmp_path_factory):
    out = tmp_path_factory.mktemp("tip3") / "grid"
    strategies = ["multivector", *[s for s in STRATEGIES.names() if s != "multivector"][:2]]
    spec = {
        "name": "tip3",
        "strategies": strategies,
        "seeds": 1,
        "until": UNTIL,
        "levers": {"russian_pressure": {"values": [0.1, 0.9]}, "eu_investment": {"values": [0.0, 1.0, 3.0]}},
    }
    run_sweep(spec, executor="serial", out=out)
    return out, strategies


def tipping_argv(results, *extra):
    return [
        "tipping",
        "--x",
        "russian_pressure",
        "--y",
        "eu_investment",
        "--resolution",
        "2",
        "--seeds",
        "1",
        "--until",
        UNTIL,
        "--workers",
        "1",
        "--results",
        str(results),
        "--quiet",
        *extra,
    ]


def test_tipping_on_a_stored_sweep_compares_only_the_strategies_asked(three_strategy_grid, capsys):
    results, strategies = three_strategy_grid
    assert main(tipping_argv(results, "-s", strategies[0], "-s", strategies[2], "--force")) == 0
    printed = capsys.readouterr().out
    assert f"strategies compared: multivector against the best of {strategies[2]}" in printed
    cells = pd.read_csv(results / "tipping_autonomy_mean_after_levers.csv")
    assert strategies[1] not in cells.columns and set(cells["best_alternative"]) == {strategies[2]}


def test_tipping_files_are_named_by_outcome_and_never_silently_replaced(three_strategy_grid, capsys):
    results, _ = three_strategy_grid
    assert main(tipping_argv(results, "--outcome", "dependence_RUS_final", "--force")) == 0
    assert main(tipping_argv(results, "--outcome", "autonomy_final", "--force")) == 0
    capsys.readouterr()
    for outcome in ("dependence_RUS_final", "autonomy_final"):
        assert is_png(results / f"tipping_{outcome}.png")
        assert (results / f"tipping_{outcome}_boundary.csv").is_file()
    before = (results / "tipping_autonomy_final.csv").read_bytes()
    assert (
        main(tipping_argv(results, "--outcome", "autonomy_final", "-s", "multivector", "-s", STRATEGIES.names()[1]))
        == 2
    )
    error = capsys.readouterr().err
    assert "tipping_autonomy_final.png" in error and "--force" in error
    assert (results / "tipping_autonomy_final.csv").read_bytes() == before


def test_tipping_map_cells_fit_uneven_levels_without_stretching():
    edges = cell_edges(np.array([0.0, 2.0, 5.0, 10.0]))
    assert edges.tolist() == [0.0, 1.0, 3.5, 7.5, 10.0]


def test_study_compares_every_registered_strategy(tmp_path, capsys):
    out = tmp_path / "study"
    assert main(["study", "--seeds", "2", "--workers", "1", "--out", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    table = pd.read_csv(out / "compare.csv")
    assert set(table["strategy"]) == set(STRATEGIES.names())
    assert (table["n"] == 2).all()
    for name in STRATEGIES.names():
        assert name in printed
    assert is_png(out / "compare_intervals.png")


def test_sensitivity_says_when_an_outcome_is_constant_instead_of_printing_nan_rows():
    from experiments.analysis.sensitivity import CONSTANT_NOTE, format_table

    table = pd.DataFrame(
        [
            ("eurasia", "multivector", "capture_events", name, np.nan, np.nan, np.nan, np.nan)
            for name in ("russian_pressure", "eu_investment")
        ]
        + [("eurasia", "multivector", "gdp_final", "russian_pressure", 0.5, 0.1, 0.6, 0.1)],
        columns=["scenario", "strategy", "outcome", "parameter", "S1", "S1_conf", "ST", "ST_conf"],
    )
    text = format_table(table)
    assert CONSTANT_NOTE in text and "nan" not in text.replace(CONSTANT_NOTE, "").lower()
    assert "0.5000" in text
