"""Figures for papers: one colour and one name per strategy everywhere, labelled axes, no empty panels."""

from __future__ import annotations

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import pandas as pd

from experiments.analysis.figures import (
    STRATEGY_COLOURS,
    axis_label,
    lever_label,
    measure_label,
    panels,
    strategy_colour,
    strategy_label,
)
from experiments.analysis.timeplot import draw_measure
from world.registry import STRATEGIES


def test_every_registered_strategy_has_its_own_colour_and_a_readable_name():
    names = STRATEGIES.names()
    colours = [strategy_colour(name, names) for name in names]
    assert len(set(colours)) == len(names)
    assert all(name in STRATEGY_COLOURS for name in names), "give a new built-in strategy a colour in figures.py"
    assert all(strategy_label(name) != name for name in names)
    assert strategy_label("my_module:Cautious") == "Cautious"


def test_a_panel_grid_has_exactly_the_panels_asked_for():
    for n in (1, 2, 4, 5, 7):
        figure, axes = panels(n)
        try:
            assert len(axes) == n and len(figure.axes) == n  # the unused grid cells are removed, not left blank
        finally:
            plt.close(figure)


def test_labels_carry_units_and_the_better_direction():
    assert (
        axis_label("dependence_RUS_final", with_direction=True) == "Dependence on Russia, final (index 0-1), ↓ better"
    )
    assert axis_label("autonomy", with_direction=True) == "Autonomy (index 0-1), ↑ better"
    assert measure_label("volume_middle_final")[0] == "Middle Corridor volume, final quarter"
    assert lever_label("eu_investment") == "EU investment (€bn per year)"


def test_a_strategy_keeps_its_colour_in_the_time_plot():
    bands = pd.DataFrame(
        [
            {
                "scenario": "eurasia",
                "strategy": s,
                "step": t,
                "date": f"2025Q{t + 1}",
                "n": 2,
                "mean": 0.5 + 0.01 * t,
                "ci_low": 0.49,
                "ci_high": 0.52,
            }
            for s in ("west_pivot", "multivector")
            for t in range(3)
        ]
    )
    figure = draw_measure(bands, "autonomy")
    try:
        lines = {line.get_label().split(" (n")[0]: line.get_color() for line in figure.axes[0].get_lines()}
        for name in ("west_pivot", "multivector"):
            assert mcolors.same_color(lines[strategy_label(name)], STRATEGY_COLOURS[name])
    finally:
        plt.close(figure)
