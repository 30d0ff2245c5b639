"""``multivector plot``: a measure over time from stored time series, a band per strategy, labelled with units."""

from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from scipy import stats

from experiments.analysis.timeplot import draw_measure, measure_bands
from experiments.cli import main
from experiments.sweep.driver import run_sweep
from experiments.sweep.store import SweepResults

STRATEGIES = ["multivector", "bandwagon_russia"]


@pytest.fixture(scope="module")
def with_series(tmp_path_factory):
    out = tmp_path_factory.mktemp("plot") / "sweep"
    spec = {
        "name": "plot",
        "strategies": STRATEGIES,
        "seeds": 3,
        "until": "2026Q4",
        "timeseries": ["autonomy", "dependence.RUS"],
    }
    run_sweep(spec, executor="serial", out=out)
    return out


def test_plot_writes_a_png_and_the_bands_it_draws(with_series, capsys):
    assert main(["plot", str(with_series), "--measure", "dependence.RUS"]) == 0
    assert "runs per strategy: multivector 3, bandwagon_russia 3" in capsys.readouterr().out
    png = with_series / "plot_dependence_RUS.png"
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 10_000
    bands = pd.read_csv(with_series / "plot_dependence_RUS.csv")
    results = SweepResults(with_series)
    series = results.timeseries(["dependence.RUS"]).merge(results.manifest()[["run_id", "strategy"]], on="run_id")
    last = series[(series["date"] == "2026Q4") & (series["strategy"] == "bandwagon_russia")]["dependence.RUS"]
    row = bands[(bands["date"] == "2026Q4") & (bands["strategy"] == "bandwagon_russia")].iloc[0]
    half = stats.t.ppf(0.975, 2) * last.std(ddof=1) / np.sqrt(3)
    assert row["n"] == 3 and row["mean"] == pytest.approx(last.mean())
    assert row["ci_high"] - row["mean"] == pytest.approx(half, abs=1e-12)


def test_plot_axes_name_the_measure_its_unit_and_direction(with_series):
    bands = measure_bands(SweepResults(with_series), "dependence.RUS")
    figure = draw_measure(bands, "dependence.RUS", "2025Q1")
    try:
        (ax,) = figure.axes
        assert ax.get_xlabel() == "Year (quarterly)"
        assert ax.get_ylabel() == "Dependence on Russia (index 0-1), ↓ better"
        labels = [text.get_text() for text in ax.get_legend().get_texts()]
        assert labels == ["Multi-vector balancing (n = 3)", "Bandwagon with Russia (n = 3)"]
        assert len(ax.collections) >= 2  # one band per strategy
    finally:
        plt.close(figure)


def test_plot_refuses_a_measure_that_was_not_stored(with_series, capsys):
    assert main(["plot", str(with_series), "--measure", "gdp"]) == 2
    error = capsys.readouterr().err
    assert "'gdp'" in error and "autonomy, dependence.RUS" in error
    assert not (with_series / "plot_gdp.png").exists()
