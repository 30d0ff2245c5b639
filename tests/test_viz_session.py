"""The per-session model behind the page: what SolaraViz's Reset builds, levers, seeds, thread safety."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from viz.session import SLIDER_LEVERS, SessionModel, initial_model, model_params, turning_points
from world import DiplomacyModel, load_scenario
from world.registry import STRATEGIES
from world.scenario import available_scenarios


def test_sliders_span_the_scenario_parameter_table():
    params = model_params()
    levers = load_scenario("eurasia").levers
    for name in SLIDER_LEVERS:
        assert params[name]["type"] == "SliderFloat"
        assert (params[name]["min"], params[name]["max"]) == (levers[name].low, levers[name].high)
        assert params[name]["value"] == load_scenario("eurasia").parameter_values[name]
    assert params["rng"]["type"] == "SliderInt"  # a text seed crashes Reset (mesa#3516)
    assert params["strategy"]["values"] == STRATEGIES.names()
    assert params["scenario_name"]["values"] == available_scenarios()


def test_session_model_runs_like_the_core_model():
    ours = SessionModel(rng=3)
    ours.run_until("2040Q4")
    core = DiplomacyModel(rng=3).run()
    np.testing.assert_array_equal(ours.recorder.data, core.recorder.data)


def test_a_seed_given_as_text_is_cast():
    assert SessionModel(rng="7").seed == 7


def test_untouched_sliders_keep_the_scenario_levers_and_moved_ones_override():
    escalation = load_scenario("escalation").parameter_values
    untouched = SessionModel(scenario_name="escalation", **{n: model_params()[n]["value"] for n in SLIDER_LEVERS})
    assert untouched.applied_levers == {n: escalation[n] for n in SLIDER_LEVERS}
    assert not untouched.moved_levers
    moved = SessionModel(scenario_name="escalation", russian_pressure=0.9)
    assert moved.applied_levers["russian_pressure"] == 0.9
    assert moved.moved_levers == {"russian_pressure"}


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
    start = {name: spec["value"] for name, spec in model_params().items()}
    settings = initial_model().settings()
    assert settings["seed"] == start["rng"]
    assert {k: settings[k] for k in ("scenario_name", "strategy", *SLIDER_LEVERS)} == {
        k: start[k] for k in ("scenario_name", "strategy", *SLIDER_LEVERS)}
    assert initial_model() is not initial_model()  # built per call, never shared
