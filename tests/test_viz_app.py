"""The page's components rendered with ``solara.render`` (no browser): step, play, reset, jump, sessions, compare."""

from __future__ import annotations

import re
import threading
import time

import ipyvue
import ipyvuetify as v
import pytest
import solara
import solara.widgets

from viz.app import StudentPage, detail_quarter
from viz.session import SLIDER_LEVERS
from world import load_scenario
from world.registry import STRATEGIES


@solara.component
def InLayout():
    with solara.AppLayout():
        StudentPage()


class Rendered:
    """One rendered page (one "session") and the controls a student touches."""

    def __init__(self):
        self._threads_before = set(threading.enumerate())
        _, self.rc = solara.render(InLayout(), handle_error=False)

    def html(self, css: str) -> str:
        """The inner HTML of the element with class ``css`` (on the element or inside its HTML)."""
        for widget in self.rc.find(solara.widgets.HTML).widgets:
            classes = str((widget.attributes or {}).get("class", "")).split()
            if css in classes:
                return widget.unsafe_innerHTML or ""
            if re.search(rf"class='[^']*\b{re.escape(css)}\b", widget.unsafe_innerHTML or ""):
                return widget.unsafe_innerHTML
        raise LookupError(css)

    def text(self, css: str) -> str:
        return re.sub(r"<[^>]+>", "", self.html(css))

    def wait_text(self, css: str, timeout: float = 10.0) -> str:
        """The element's text once it is there (the play thread renders while the test reads)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.text(css)
            except LookupError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.02)

    def shows(self, css: str, text: str, timeout: float = 10.0) -> bool:
        """Wait until the element shows ``text`` (a thread can render a moment after the click that caused it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if self.text(css) == text:
                    return True
            except LookupError:
                pass
            time.sleep(0.02)
        return False

    def click(self, label: str, timeout: float = 10.0) -> None:
        """Click the button whose text is ``label`` (an icon beside it does not count), once it is there."""
        deadline = time.monotonic() + timeout
        while True:
            buttons = [w for w in self.rc.find(v.Btn).widgets if label in [c for c in w.children if isinstance(c, str)]]
            if len(buttons) == 1 or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert len(buttons) == 1, f"{len(buttons)} buttons named {label!r}"
        buttons[0].click()

    def select(self, label: str, value: str, timeout: float = 10.0) -> None:
        """Choose ``value`` in the page's picker labelled ``label`` (a native select, viz/select.vue)."""
        deadline = time.monotonic() + timeout
        while True:
            found = [w for w in self.rc.find(ipyvue.VueTemplate).widgets if getattr(w, "label", None) == label]
            if found or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        assert len(found) == 1, f"{len(found)} pickers labelled {label!r}"
        found[0].value = value

    def slider(self, label: str):
        """The slider whose label starts with ``label`` (the label also shows its value)."""
        return next(w for w in self.rc.find(v.Slider).widgets if str(w.label).startswith(label))

    def close(self) -> None:
        """Unmount, then wait for the page's threads: one still running at exit crashes Python."""
        self.rc.close()
        for thread in set(threading.enumerate()) - self._threads_before:
            thread.join(timeout=60)


@pytest.fixture
def page():
    rendered = Rendered()
    yield rendered
    rendered.close()


def test_step_advances_label_log_and_the_quarter_line(page):
    assert page.text("mv-step-label") == "Step 0 · 2010Q1"
    assert page.text("mv-event-count").startswith("0 events")
    page.click("Step")
    assert page.shows("mv-step-label", "Step 1 · 2010Q2")
    assert not page.text("mv-event-count").startswith("0 events")
    assert page.shows("mv-quarter", "Quarter shown: 2010Q2 · step 1 of 123")


def test_play_reaches_the_end_on_time_and_states_the_conclusion(page):
    page.slider("Speed").v_model = 8
    started = time.monotonic()
    page.click("Play")
    assert page.shows("mv-step-label", "Step 123 · 2040Q4", timeout=60)
    assert time.monotonic() - started < 123 / 8 + 10  # the clock sets the pace, drawings are skipped if late
    assert page.wait_text("mv-finished").startswith("Run finished at 2040Q4")
    assert "Autonomy in 2040Q4 (share): " in page.wait_text("mv-conclusion-run")
    assert page.text("mv-outcome").startswith("Outcome: Autonomy, mean 2025Q1–2040Q4 ")


def test_the_panels_below_the_chart_redraw_once_a_year_while_playing():
    assert detail_quarter(61, playing=True, last=123) == 60
    assert detail_quarter(61, playing=False, last=123) == 61
    assert detail_quarter(123, playing=True, last=123) == 123


def test_reset_applies_the_chosen_strategy_and_lever(page):
    other = STRATEGIES.names()[-1]
    page.select("Kazakhstan's strategy", other)
    page.slider("Russian pressure").v_model = 0.9
    page.click("Step")
    page.click("Reset")
    assert page.shows("mv-step-label", "Step 0 · 2010Q1")
    settings = page.text("mv-settings")
    assert f"({other})" in settings and "Russian pressure 0.9," in settings
    assert "scenario eurasia" in settings


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
    assert "Russian pressure 0.6 (the scenario’s)" in settings and "EU investment 0.5" in settings


def test_jump_goes_to_the_chosen_quarter_and_back(page):
    page.select("Jump to", "2022Q3")
    page.click("Go")
    assert page.shows("mv-step-label", "Step 50 · 2022Q3")
    assert "cpc" in page.text("mv-map-disruptions")
    page.select("Jump to", "2015Q1")
    page.click("Go")
    assert page.shows("mv-step-label", "Step 20 · 2015Q1")


def test_two_sessions_keep_their_own_quarter_and_settings():
    first, second = Rendered(), Rendered()
    try:
        first.click("Step")
        assert first.shows("mv-step-label", "Step 1 · 2010Q2")
        first.click("Step")
        assert first.shows("mv-step-label", "Step 2 · 2010Q3")
        assert second.text("mv-step-label") == "Step 0 · 2010Q1"
        first.slider("Russian pressure").v_model = 0.9
        first.click("Reset")
        assert first.shows("mv-step-label", "Step 0 · 2010Q1")
        assert "Russian pressure 0.9," in first.text("mv-settings")
        assert "Russian pressure 0.35" in second.text("mv-settings")
    finally:
        first.close()
        second.close()


def test_compare_runs_in_the_background_and_ranks(page):
    runs = len(STRATEGIES.names()) * 5
    tabs = page.rc.find(v.Tabs).widget
    tabs.v_model = 1
    page.click(f"Run comparison ({runs} runs)")
    tabs.v_model = 0
    page.click("Step")  # the page answers while the comparison runs
    assert page.shows("mv-step-label", "Step 1 · 2010Q2")
    tabs.v_model = 1
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if page.text("mv-compare-done").startswith(f"Done: {runs} runs"):
                break
        except LookupError:
            pass
        time.sleep(0.2)
    assert page.text("mv-compare-done").startswith(f"Done: {runs} runs")
    assert page.text("mv-compare-verdict").startswith("On autonomy, mean 2025Q1–2040Q4, ")
