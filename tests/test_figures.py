"""Figures for papers: one colour and one name per strategy everywhere, labelled axes, no empty panels."""

from __future__ import annotations

import matplotlib.colors as mcolors
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from experiments.analysis.figures import (
    axis_label,
    format_level,
    lever_label,
    measure_label,
    panels,
    strategy_colour,
    strategy_label,
)
from experiments.analysis.timeplot import draw_measure
from experiments.cli import main
from world.registry import STRATEGIES


def test_every_registered_strategy_has_its_own_colour_and_a_readable_name():
    names = STRATEGIES.names()
    colours = [strategy_colour(name, names) for name in names]
    assert len(set(colours)) == len(names)
    for name in names:  # the class is the one home of both: the figures and the page show what it says
        cls = STRATEGIES.get(name)
        assert cls.colour, f"give the strategy {name} a colour on its class (Strategy.colour)"
        assert strategy_label(name) == cls.label != name
        assert strategy_colour(name, names) == cls.colour
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
            assert mcolors.same_color(lines[strategy_label(name)], STRATEGIES.get(name).colour)
    finally:
        plt.close(figure)


# --- formats, journal sizes, number labels ------------------------------------------------------


@pytest.fixture(scope="module")
def grid_sweep(tmp_path_factory):
    """Two strategies on an uneven grid whose levels print badly as raw floats (1/3, 2/3)."""
    from experiments.sweep.driver import run_sweep

    out = tmp_path_factory.mktemp("fig") / "grid"
    spec = {
        "name": "fig",
        "strategies": ["multivector", "passive"],
        "seeds": 2,
        "until": "2026Q4",
        "levers": {"russian_pressure": {"range": [0.0, 1.0], "points": 4}, "eu_investment": {"values": [0.0, 3.0]}},
    }
    run_sweep(spec, executor="serial", out=out)
    return out


@pytest.mark.parametrize(
    "figure_format, magic",
    [("png", b"\x89PNG\r\n\x1a\n"), ("pdf", b"%PDF-"), ("svg", b"<?xml")],
)
def test_every_format_is_written_and_vector_files_are_reproducible(grid_sweep, tmp_path, figure_format, magic):
    for n in (1, 2):
        out = tmp_path / f"out{n}"
        assert main(["compare", str(grid_sweep), "-o", "gdp_final", "--format", figure_format, "--out", str(out)]) == 0
    for name in ("compare_intervals", "compare_boxes"):
        first, second = (tmp_path / f"out{n}" / f"{name}.{figure_format}" for n in (1, 2))
        assert first.read_bytes()[: len(magic)] == magic
        if figure_format != "png":
            assert first.read_bytes() == second.read_bytes()  # no creation date inside
        assert not (tmp_path / "out1" / f"{name}.png").exists() or figure_format == "png"


@pytest.mark.parametrize("size, millimetres", [("single", 89.0), ("double", 183.0)])
def test_journal_sizes_are_one_or_two_columns_wide_at_300_dpi(grid_sweep, tmp_path, size, millimetres):
    from PIL import Image

    out = tmp_path / size
    argv = ["compare", str(grid_sweep), "-o", "gdp_final", "-o", "autonomy_final", "-o", "capture_events"]
    assert main([*argv, "--size", size, "--out", str(out)]) == 0
    with Image.open(out / "compare_intervals.png") as image:
        width, height = image.size
        assert abs(width - round(millimetres / 25.4 * 300)) <= 2
        assert image.info["dpi"][0] == pytest.approx(300, abs=1)
    assert height > width / 3  # three panels stacked (single) or two by two (double), not a strip


def test_screen_figures_are_not_strips(grid_sweep, tmp_path):
    from PIL import Image

    argv = ["compare", str(grid_sweep), "-o", "gdp_final", "-o", "autonomy_final", "-o", "capture_events"]
    assert main([*argv, "--out", str(tmp_path)]) == 0
    with Image.open(tmp_path / "compare_intervals.png") as image:
        width, height = image.size
    assert width / height < 3, (width, height)


def test_a_bad_format_or_size_is_refused_on_one_line(grid_sweep, capsys):
    assert main(["compare", str(grid_sweep), "--format", "jpg"]) == 2
    assert main(["compare", str(grid_sweep), "--size", "A4"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err == ["error: --format 'jpg': allowed: png, pdf, svg", err[1]] and "--size 'A4'" in err[1]


def test_every_command_that_draws_takes_format_and_size():
    import typer

    from experiments.cli import app

    group = typer.main.get_command(app)
    for name in ("compare", "sensitivity", "tipping", "plot", "study", "levers", "validate", "discover"):
        options = {opt for param in group.get_command(None, name).params for opt in param.opts}
        assert {"--format", "--size"} <= options, name


def test_group_labels_are_formatted_not_raw_floats(grid_sweep, tmp_path, capsys):
    assert format_level(1 / 3) == "0.333" and format_level(3.0) == "3" and format_level(67.5) == "67.5"
    assert main(["compare", str(grid_sweep), "--by", "russian_pressure", "--bins", "4", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "0.333" in printed and "0.3333333" not in printed
    assert main(["compare", str(grid_sweep), "--by", "russian_pressure", "--bins", "2", "--out", str(tmp_path)]) == 0
    printed = capsys.readouterr().out
    assert "0–0.333" in printed and "-0.001" not in printed  # bins named by the values they hold


def test_tipping_map_zero_line_is_not_red_and_its_notes_sit_below_the_panels(monkeypatch, tmp_path):
    import matplotlib.colors as colors

    from experiments.analysis import tipping

    captured = {}

    def keep(figure, path, laid_out=False):
        captured["figure"] = figure
        return path

    monkeypatch.setattr("experiments.analysis.figures.save_figure", keep)
    rows = []
    for x in (0.0, 0.5, 1.0):
        for y in (0.0, 1.0):
            for replicate in (0, 1):
                rows.append(
                    {
                        "x": x,
                        "y": y,
                        "replicate": replicate,
                        "strategy": "multivector",
                        "autonomy_final": 0.5 - x + 0.01 * replicate,
                    }
                )
                rows.append(
                    {
                        "x": x,
                        "y": y,
                        "replicate": replicate,
                        "strategy": "passive",
                        "autonomy_final": 0.25 + 0.02 * replicate,
                    }
                )
    cells = tipping.advantage_grid(pd.DataFrame(rows), "x", "y", "autonomy_final")
    tipping.plot_map(cells, "x", "y", "autonomy_final", tmp_path / "map.png")
    figure = captured["figure"]
    advantage_axis = figure.axes[1]  # the advantage panel follows the one strategy panel it compares
    contours = [
        c for c in advantage_axis.collections if type(c).__name__ in ("ContourSet", "QuadContourSet", "LineCollection")
    ]
    assert contours
    for contour in contours:
        for colour in np.atleast_2d(contour.get_edgecolor()):
            red, green, blue = colors.to_rgb(colour)
            assert not (red > 0.6 and green < 0.4 and blue < 0.4), "the zero line must not be red on a red-blue map"
    notes = [text for text in figure.texts if "interval" in text.get_text() or "crossing" in text.get_text()]
    lowest_axis = min(ax.get_position().y0 for ax in figure.axes)
    for text in notes:
        assert text.get_position()[1] < lowest_axis
    for ax in figure.axes:
        assert not any("crossing" in text.get_text() for text in ax.texts)  # no note drawn over the cells
    plt.close(figure)
