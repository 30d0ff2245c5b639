"""The per-session model behind the page: what SolaraViz's Reset builds, levers, seeds, thread safety."""

from __future__ import annotations

import json
import threading

import numpy as np
import pytest

from viz.session import (
    SLIDER_LEVERS,
    SessionModel,
    initial_model,
    initial_settings,
    scenario_description,
    scenario_levers,
    scenario_options,
    strategy_description,
    strategy_options,
    turning_points,
)
from world import DiplomacyModel, load_scenario
from world.registry import STRATEGIES
from world.scenario import available_scenarios


def test_pickers_show_readable_names_and_keep_the_ids_as_values():
    assert [item["value"] for item in strategy_options()] == STRATEGIES.names()
    assert [item["value"] for item in scenario_options()] == available_scenarios()
    multivector = next(item for item in strategy_options() if item["value"] == "multivector")
    assert multivector["text"] == "Multi-vector balancing"
    for item in strategy_options() + scenario_options():
        assert item["text"] and item["text"] != item["value"], item


def test_descriptions_are_the_command_lines_text(capsys):
    from experiments.cli import main

    assert main(["strategies", "--json"]) == 0
    strategies = json.loads(capsys.readouterr().out)
    assert main(["scenarios", "--json"]) == 0
    scenarios = json.loads(capsys.readouterr().out)
    assert [row["name"] for row in strategies] == STRATEGIES.names()
    assert [row["name"] for row in scenarios] == available_scenarios()
    for row in strategies:
        assert strategy_description(row["name"]) == row["description"] and row["description"]
    for row in scenarios:
        assert scenario_description(row["name"]) == row["description"] and row["description"]
        assert row["levers"]["russian_pressure"] == scenario_levers(row["name"])["russian_pressure"]


def test_a_scenarios_lever_values_are_where_its_sliders_go():
    for name in available_scenarios():
        values = load_scenario(name).parameter_values
        assert scenario_levers(name) == {lever: values[lever] for lever in SLIDER_LEVERS}
    assert scenario_levers("escalation")["russian_pressure"] != scenario_levers("eurasia")["russian_pressure"]


def test_session_model_runs_like_the_core_model():
    ours = SessionModel(rng=3)
    ours.run_until("2040Q4")
    core = DiplomacyModel(rng=3).run()
    np.testing.assert_array_equal(ours.recorder.data, core.recorder.data)


def test_a_seed_given_as_text_is_cast():
    assert SessionModel(rng="7").seed == 7


def test_the_run_uses_the_levers_given_and_the_scenarios_for_the_rest():
    escalation = load_scenario("escalation").parameter_values
    own = SessionModel(scenario_name="escalation", **scenario_levers("escalation"))
    assert own.applied_levers == {n: escalation[n] for n in SLIDER_LEVERS}
    assert not own.moved_levers
    assert SessionModel(scenario_name="escalation").applied_levers == own.applied_levers
    # What the sliders show is what runs, even the default scenario's value on another scenario.
    shown = SessionModel(scenario_name="escalation", russian_pressure=0.35)
    assert shown.applied_levers["russian_pressure"] == 0.35
    assert shown.moved_levers == {"russian_pressure"}


def test_stepping_from_two_threads_is_serialised_and_stops_at_the_end():
    model = SessionModel(rng=5)
    threads = [threading.Thread(target=lambda: [model.step() for _ in range(100)]) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert model.steps == model.n_steps and not model.running
    model.step()  # the page's Step button may still be enabled after a jump to the end
    assert model.steps == model.n_steps
    np.testing.assert_array_equal(model.recorder.data, DiplomacyModel(rng=5).run().recorder.data)


def test_run_until_stops_on_the_date():
    model = SessionModel()
    model.run_until("2022Q3")
    assert model.date == "2022Q3"


def test_turning_points_include_the_scheduled_pressure_events():
    model = SessionModel()
    points = turning_points(model)
    scheduled = {e.date for e in model.setting.events if e.kind in ("sanctions", "transit_disruption")}
    assert scheduled <= set(points)
    assert points == sorted(points) and points[-1] == "2040Q4"
    assert model.setting.spec.levers_from in points


@pytest.mark.parametrize("scenario", available_scenarios())
def test_every_scenario_builds_from_the_sidebar(scenario):
    assert SessionModel(scenario_name=scenario).scenario_name == scenario


def test_a_new_session_starts_with_the_sidebar_values():
    start = initial_settings()
    settings = initial_model().settings()
    assert settings["seed"] == start["rng"]
    assert {k: settings[k] for k in ("scenario_name", "strategy", *SLIDER_LEVERS)} == {
        k: start[k] for k in ("scenario_name", "strategy", *SLIDER_LEVERS)
    }
    assert initial_model() is not initial_model()  # built per call, never shared


def test_the_session_model_takes_exactly_the_slider_levers_in_order():
    import inspect

    keywords = list(inspect.signature(SessionModel.__init__).parameters)
    assert keywords[-len(SLIDER_LEVERS) :] == list(SLIDER_LEVERS)
    assert set(initial_settings()) == {"scenario_name", "strategy", "rng", *SLIDER_LEVERS}
