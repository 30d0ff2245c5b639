"""The page's components rendered with ``solara.render`` (no browser): step, reset, jump, sessions, compare."""

from __future__ import annotations

import threading
import time

import ipyvuetify as v
import ipywidgets
import pytest
import solara

from viz.app import Page
from viz.figure import CURRENT
from viz.session import SLIDER_LEVERS
from world import load_scenario
from world.registry import STRATEGIES


@solara.component
def InLayout():
    # SolaraViz puts its controls in the AppLayout sidebar; `solara run` provides the layout.
    with solara.AppLayout():
        Page()


class Rendered:
    """One rendered page (one "session") and the controls a student touches."""

    def __init__(self):
        self._threads_before = set(threading.enumerate())
        _, self.rc = solara.render(InLayout(), handle_error=False)

    def text(self, css: str) -> str:
        return self.rc.find(v.Html, class_=css).widget.children[0]

    def shows(self, css: str, text: str, timeout: float = 10.0) -> bool:
        """Wait until the element shows ``text``: chart threads also re-render the page, so a
        render can land a moment after the click that caused it."""
        deadline = time.monotonic() + timeout
        while self.text(css) != text and time.monotonic() < deadline:
            time.sleep(0.02)
        return self.text(css) == text

    def click(self, label: str) -> None:
        self.rc.find(v.Btn, children=[label]).widget.click()

    def select(self, label: str, value: str) -> None:
        self.rc.find(v.Select, label=label).widget.v_model = value

    def slider(self, label: str):
        """The sidebar slider whose label starts with ``label`` (the label also shows its value)."""
        return next(w for w in self.rc.find(v.Slider).widgets if str(w.label).startswith(label))

    def images(self, css: str) -> list:
        return [w for w in self.rc.find(ipywidgets.Image).widgets if css in w._dom_classes]

    def close(self) -> None:
        """Unmount, then wait for the chart-drawing threads: one still drawing at exit crashes Python."""
        self.rc.close()
        for thread in set(threading.enumerate()) - self._threads_before:
            thread.join(timeout=60)


@pytest.fixture
def page():
    rendered = Rendered()
    yield rendered
    rendered.close()


def test_step_advances_label_log_and_the_sidebar_quarter(page):
    assert page.text("mv-step-label") == "Step 0 · 2010Q1"
    assert page.text("mv-event-count").startswith("0 events")
    page.click("Step")
    assert page.shows("mv-step-label", "Step 1 · 2010Q2")
    assert not page.text("mv-event-count").startswith("0 events")
    assert page.shows("mv-quarter", "Quarter shown: 2010Q2 · step 1 of 123")


def test_reset_applies_the_chosen_strategy_and_lever(page):
    other = STRATEGIES.names()[-1]
    page.select("Kazakhstan's strategy", other)
    page.slider("Russian pressure").v_model = 0.9
    page.click("Step")
    page.click("Reset")
    assert page.shows("mv-step-label", "Step 0 · 2010Q1")
    settings = page.text("mv-settings")
    assert f"({other})" in settings and "Russian pressure 0.9," in settings
    assert "scenario eurasia" in settings  # Mesa's Reset did not replace our scenario


def test_choosing_a_scenario_moves_the_sliders_and_reset_runs_them(page):
    page.select("Scenario", "escalation")
    escalation = load_scenario("escalation").parameter_values
    for name, (label, _) in SLIDER_LEVERS.items():
        assert page.slider(label).v_model == pytest.approx(escalation[name])
    assert page.text("mv-scenario-description") == " ".join(load_scenario("escalation").spec.description.split())
    page.click("Reset")
    assert page.shows("mv-step-label", "Step 0 · 2010Q1")
    deadline = time.monotonic() + 10
    while "scenario escalation" not in page.text("mv-settings") and time.monotonic() < deadline:
        time.sleep(0.02)
    settings = page.text("mv-settings")
    assert "Russian pressure 0.6 (the scenario’s)" in settings and "EU investment (€bn/yr) 0.5" in settings


def test_jump_goes_to_the_chosen_quarter(page):
    page.select("Jump to", "2022Q3")
    page.click("Go")
    assert page.shows("mv-step-label", "Step 50 · 2022Q3")
    assert "cpc" in page.text("mv-map-disruptions")


def test_two_sessions_keep_their_own_model():
    first, second = Rendered(), Rendered()
    try:
        first.click("Step")
        assert first.shows("mv-step-label", "Step 1 · 2010Q2")
        first.click("Step")
        assert first.shows("mv-step-label", "Step 2 · 2010Q3")
        assert second.text("mv-step-label") == "Step 0 · 2010Q1"
    finally:
        first.close()
        second.close()


def test_charts_catch_up_with_the_model(page):
    page.click("Step")
    deadline = time.monotonic() + 60
    for css in ("mv-map-figure", "mv-network-figure", "mv-dependence-figure"):
        while not any(CURRENT in w._dom_classes for w in page.images(css)):
            assert time.monotonic() < deadline, f"{css} never showed the current quarter"
            time.sleep(0.05)
        assert bytes(page.images(css)[0].value).startswith(b"\x89PNG")


def test_compare_runs_in_the_background_and_reports(page):
    runs = len(STRATEGIES.names()) * 3
    page.click(f"Run comparison ({runs} runs)")
    page.click("Step")  # the page answers while the comparison runs
    assert page.shows("mv-step-label", "Step 1 · 2010Q2")
    page.rc.find(v.Html, class_="mv-compare-done").wait_for(timeout=120)
    assert page.text("mv-compare-done").startswith(f"Done: {runs} runs")
