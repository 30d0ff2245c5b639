"""The student page (viz/app.py) in a real browser: Debian's chromium, offline, one server per session.

The page exposes stable hooks for these tests: CSS classes ``mv-*`` on every
component and a "Step N · 2022Q3" label (``mv-step-label``). Screenshots land
in tests/artifacts/. The README's pictures (docs/img/viz-*.png) are refreshed
from the same screenshots by ``make docs``, or with

    MULTIVECTOR_DOC_IMAGES=1 .venv/bin/python -m pytest tests/browser/test_app.py
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import expect

# Tall enough that the whole Watch tab fits without scrolling (screenshots show everything).
VIEWPORT = {"width": 1440, "height": 1750}
STEP_LABEL = re.compile(r"Step (\d+) · (\d{4}Q[1-4])")
COMPONENTS = ["mv-status", "mv-map", "mv-network", "mv-dependence", "mv-event-log"]
DOC_IMAGES = Path(__file__).resolve().parents[2] / "docs" / "img"


def publish(screenshot: Path, name: str) -> None:
    """With MULTIVECTOR_DOC_IMAGES=1, copy a screenshot to docs/img/<name>.png without the empty bottom."""
    if os.environ.get("MULTIVECTOR_DOC_IMAGES") != "1":
        return
    import numpy as np
    from PIL import Image

    image = Image.open(screenshot).convert("RGB")
    pixels = np.asarray(image)[:-60]  # the bottom 60 px may hold Solara's badge
    used = np.flatnonzero((pixels < 245).any(axis=(1, 2)))
    image.crop((0, 0, image.width, int(used.max()) + 24)).save(DOC_IMAGES / f"{name}.png", optimize=True)


class StudentPage:
    """What a student does on the page, in the page's own words (buttons, labels, tabs)."""

    def __init__(self, tracked, url: str):
        self.tracked = tracked
        self.page = tracked.page
        self.url = url

    def open(self) -> "StudentPage":
        self.tracked.goto(self.url, ready=self.page.locator(".mv-step-label"))
        self.tracked.open_sidebar()
        return self

    # --- reading --------------------------------------------------------------------

    def text(self, css: str) -> str:
        return self.page.locator(css).first.inner_text()

    def position(self) -> tuple[int, str]:
        match = STEP_LABEL.search(self.text(".mv-step-label"))
        assert match, self.text(".mv-step-label")
        return int(match.group(1)), match.group(2)

    def milestone(self, date: str) -> str:
        """The dependence table's row for ``date`` (autonomy, dependence per great power, GDP)."""
        return self.page.locator(".mv-milestones tr", has_text=date).first.inner_text()

    def final_outcome(self) -> str:
        """The outcome line once the run has ended (the browser updates the page element by element)."""
        expect(self.page.locator(".mv-outcome")).to_contain_text("Outcome:")
        return self.text(".mv-outcome")

    def expect_at(self, step: int, date: str | None = None) -> None:
        label = f"Step {step} · {date}" if date else re.compile(rf"Step {step} · ")
        expect(self.page.locator(".mv-step-label")).to_have_text(label, timeout=20_000)

    def figures_current(self, names=("mv-map-figure", "mv-network-figure", "mv-dependence-figure")) -> None:
        """Wait until every chart is drawn (SVG) and the key chart shows the quarter the label shows."""
        for name in names:
            expect(self.page.locator(f".{name} svg")).to_be_visible(timeout=30_000)
        step, _ = self.position()
        expect(self.page.locator(".mv-dependence-figure")).to_have_attribute("data-step", str(step))

    def screenshot(self, name: str) -> Path:
        self.figures_current()
        return self.tracked.screenshot(name)

    # --- doing ----------------------------------------------------------------------

    def button(self, name: str):
        return self.page.get_by_role("button", name=name, exact=True)

    def step(self, times: int = 1) -> None:
        for _ in range(times):
            before, _ = self.position()
            self.button("Step").click()
            self.expect_at(before + 1)

    def reset(self) -> None:
        """Reset, and wait until the whole page (not only the label) shows the new run."""
        self.button("Reset").click()
        self.expect_at(0)
        expect(self.page.locator(".mv-outcome")).to_contain_text("Outcome so far")
        expect(self.page.locator(".mv-milestones tr")).to_have_count(2)  # header and 2010Q1

    def play_until(self, date: str, timeout: float = 90.0) -> None:
        """Press Play, wait until the page shows ``date`` or later, press Pause."""
        self.button("Play").click()
        deadline = time.monotonic() + timeout
        while self.position()[1] < date:
            assert time.monotonic() < deadline, f"play did not reach {date}: {self.position()}"
            time.sleep(0.1)
        self.button("Pause").click()
        expect(self.button("Play")).to_be_visible(timeout=10_000)

    def picker(self, label: str):
        """The native <select> labelled ``label``."""
        return self.page.get_by_label(label, exact=True)

    def choose(self, label: str, option: str) -> None:
        """Pick ``option`` (its text) in the picker labelled ``label``."""
        picker = self.picker(label)
        picker.select_option(label=option)
        expect(picker).to_have_value(picker.locator("option", has_text=option).first.get_attribute("value"))

    def options(self, label: str) -> list[str]:
        return [name.strip() for name in self.picker(label).locator("option").all_inner_texts()]

    def slider_to_max(self, label: str) -> None:
        slider = self.page.get_by_role("slider", name=label)
        slider.focus()
        slider.press("End")
        expect(slider).to_have_attribute("aria-valuemax", slider.get_attribute("aria-valuenow"))

    def jump(self, date: str) -> None:
        self.choose("Jump to", date)
        self.page.get_by_role("button", name="Go").click()
        self.expect_at(_steps_to(date), date)

    def tab(self, name: str) -> None:
        self.page.get_by_role("tab", name=name).click()


@cache
def command_line(command: str) -> list[dict]:
    """``multivector COMMAND --json``, as a student's teacher would run it: the page must say the same."""
    out = subprocess.run(
        [sys.executable, "-m", "experiments.cli", command, "--json"], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out)


def _steps_to(date: str, start: str = "2010Q1") -> int:
    year, quarter = int(date[:4]), int(date[-1])
    return (year * 4 + quarter) - (int(start[:4]) * 4 + int(start[-1]))


@pytest.fixture
def open_page(solara_server, page_factory):
    """open_page() -> a fresh StudentPage in its own browser context (its own Solara session)."""

    def _open() -> StudentPage:
        return StudentPage(page_factory(viewport=VIEWPORT), solara_server.url).open()

    yield _open
    assert solara_server.is_alive()
    assert not solara_server.python_errors(), solara_server.log_text()[-4000:]


def test_every_component_renders_without_traceback(open_page):
    s = open_page()
    s.expect_at(0, "2010Q1")
    for css in COMPONENTS:
        expect(s.page.locator(f".{css}")).to_be_visible()
    s.figures_current()
    for figure in ("mv-map-figure", "mv-network-figure", "mv-dependence-figure"):
        assert s.page.locator(f".{figure} svg").bounding_box()["width"] > 100, figure
        assert len(s.page.locator(f".{figure} svg").get_attribute("aria-label")) > 60, figure
    expect(s.page.locator(".mv-settings")).to_contain_text(
        "scenario eurasia · strategy Multi-vector balancing (multivector) · seed 42"
    )
    expect(s.page.locator(".mv-milestones tr", has_text="2010Q1")).to_be_visible()
    for name in ("Scenario", "Kazakhstan's strategy"):
        expect(s.picker(name)).to_be_visible()
    for name in ("Russian pressure", "EU investment", "China's Belt and Road", "Seed"):
        expect(s.page.locator(".v-input", has=s.page.get_by_role("slider", name=name))).to_be_visible()
    publish(s.screenshot("app-default"), "viz-default")
    s.tab("How to read this page")
    expect(s.page.locator(".mv-guide")).to_contain_text("Multi-vector balancing")
    s.tab("Compare strategies")
    expect(s.page.locator(".mv-compare-run")).to_be_visible()
    s.tracked.assert_healthy()


def test_five_steps_move_counter_date_and_event_log(open_page):
    s = open_page()
    expect(s.page.locator(".mv-events")).to_contain_text("Nothing yet")
    s.step(5)
    s.expect_at(5, "2011Q2")
    expect(s.page.locator(".mv-quarter")).to_have_text("Quarter shown: 2011Q2 · step 5 of 123")  # the sidebar agrees
    expect(s.page.locator(".mv-events .mv-event").first).to_contain_text("2011Q2 · ")
    assert "Nothing yet" not in s.text(".mv-events")
    count = int(re.match(r"(\d+) events", s.text(".mv-event-count")).group(1))
    assert count > 0
    s.step()
    expect(s.page.locator(".mv-events .mv-event").first).to_contain_text("2011Q3 · ")
    assert int(re.match(r"(\d+) events", s.text(".mv-event-count")).group(1)) > count
    s.tracked.assert_healthy()


def test_event_log_filters_by_actor(open_page):
    s = open_page()
    s.step(4)
    s.choose("Actor", "Russia (RUS)")
    events = s.page.locator(".mv-events .mv-event")
    expect(events.first).to_contain_text(" · Russia · ")
    # The browser applies the new rows one by one: wait until no other actor's row is left.
    expect(events.filter(has_not_text=" · Russia · ")).to_have_count(0)
    assert events.count() > 0
    s.tracked.assert_healthy()


def test_russian_pressure_changes_the_dependence_curve_by_2030_and_the_old_run_stays_faint(open_page):
    s = open_page()
    s.play_until("2030Q1")
    default_2020, default_2030 = s.milestone("2020Q1"), s.milestone("2030Q1")

    expect(s.page.locator(".mv-overlay-note")).to_have_count(0)

    s.slider_to_max("Russian pressure")
    s.reset()
    expect(s.page.locator(".mv-settings")).to_contain_text("Russian pressure 1,")
    # The run before Reset stays on the chart, faint, and the note under it says which run it was.
    expect(s.page.locator(".mv-overlay-note")).to_contain_text("Russian pressure 0.35")
    s.play_until("2030Q1")
    s.screenshot("app-pressure-2030")
    # Levers act only from 2025Q1: history is the same, the future is not.
    assert s.milestone("2020Q1") == default_2020
    assert s.milestone("2030Q1") != default_2030, default_2030
    s.tracked.assert_healthy()


def test_switching_strategy_changes_the_outcome(open_page):
    s = open_page()
    strategies = s.options("Kazakhstan's strategy")
    if len(strategies) < 2:
        pytest.skip(f"only one strategy registered: {strategies}")
    s.jump("2040Q4")
    default = s.final_outcome()

    other = next(row for row in command_line("strategies") if row["name"] != "multivector")
    s.choose("Kazakhstan's strategy", other["label"])
    s.reset()
    expect(s.page.locator(".mv-settings")).to_contain_text(f"strategy {other['label']} ({other['name']})")
    s.jump("2040Q4")
    assert s.final_outcome() != default
    s.tracked.assert_healthy()


def test_two_sessions_do_not_share_a_model(open_page):
    first, second = open_page(), open_page()
    first.step(3)
    first.expect_at(3, "2010Q4")
    second.page.wait_for_timeout(500)  # give a shared model, if there were one, time to show up
    second.expect_at(0, "2010Q1")
    expect(second.page.locator(".mv-quarter")).to_contain_text("Quarter shown: 2010Q1")
    second.step()
    first.expect_at(3, "2010Q4")
    first.tracked.assert_healthy()
    second.tracked.assert_healthy()


def test_2022Q3_shows_the_cpc_disruption_on_the_map_and_why_autonomy_moved(open_page):
    s = open_page()
    expect(s.page.locator(".mv-why")).to_contain_text("Press Step")
    s.jump("2022Q3")
    expect(s.page.locator(".mv-map-disruptions")).to_contain_text("cpc")
    expect(s.page.locator(".mv-events")).to_contain_text("2022Q3")
    # The why-panel names the channel and partner that moved autonomy, and the court's halt behind it.
    channels = re.compile(r"(trade with|export routes through|security ties with|investment from) \w+")
    expect(s.page.locator(".mv-why-autonomy")).to_contain_text(channels)
    expect(s.page.locator(".mv-why-events")).to_contain_text("Novorossiysk court")
    publish(s.screenshot("app-2022Q3-cpc"), "viz-2022Q3-cpc")
    s.tracked.assert_healthy()


def test_compare_tab_runs_every_strategy_to_completion(open_page):
    s = open_page()
    strategies = s.options("Kazakhstan's strategy")
    s.tab("Compare strategies")
    s.page.locator(".mv-compare-run").click()
    # The page answers while the comparison runs in its worker thread.
    s.tab("Watch")
    s.step()
    s.tab("Compare strategies")
    expect(s.page.locator(".mv-compare-done")).to_be_visible(timeout=120_000)
    expect(s.page.locator(".mv-compare-done")).to_contain_text(f"{len(strategies) * 5} runs")
    expect(s.page.locator(".mv-compare-figure svg")).to_be_visible()
    rows = s.page.locator(".mv-compare-table tbody tr")
    expect(rows).to_have_count(len(strategies))
    cells = [rows.nth(i).locator("td").all_inner_texts() for i in range(rows.count())]
    # Ranked: 1, 2, 3 … with the strategy's name and id; every strategy once.
    assert [c[0] for c in cells] == [str(k) for k in range(1, len(strategies) + 1)]
    assert sorted(c[1] for c in cells) == sorted(
        f"{row['label']} ({row['name']})" for row in command_line("strategies")
    )
    means = [float(c[2]) for c in cells]
    assert means == sorted(means, reverse=True)  # autonomy: higher is better, best first
    assert cells[0][5] == "first" and all(c[5] in ("within seed noise", "behind, beyond noise") for c in cells[1:])
    # The verdict names the first strategy and its value, and says what is within seed noise.
    verdict = s.page.locator(".mv-compare-verdict")
    expect(verdict).to_contain_text(f"comes first ({cells[0][2]}, 95 % interval")
    expect(verdict).to_contain_text(cells[0][1].rsplit(" (", 1)[0])
    expect(verdict).to_contain_text("seed noise")
    assert sorted(strategies) == sorted(row["label"] for row in command_line("strategies"))
    publish(s.tracked.screenshot("app-compare"), "viz-compare")
    s.tracked.assert_healthy()


def test_descriptions_of_the_chosen_strategy_and_scenario_match_the_command_line(open_page):
    s = open_page()
    strategies = {row["name"]: row for row in command_line("strategies")}
    scenarios = {row["name"]: row for row in command_line("scenarios")}
    expect(s.page.locator(".mv-strategy-description")).to_have_text(strategies["multivector"]["description"])
    expect(s.page.locator(".mv-scenario-description")).to_have_text(scenarios["eurasia"]["description"])
    assert s.options("Kazakhstan's strategy") == [row["label"] for row in strategies.values()]
    s.choose("Kazakhstan's strategy", strategies["china_first"]["label"])
    expect(s.page.locator(".mv-strategy-description")).to_have_text(strategies["china_first"]["description"])
    s.choose("Scenario", scenarios["no_war"]["title"])
    expect(s.page.locator(".mv-scenario-description")).to_have_text(scenarios["no_war"]["description"])
    s.tracked.assert_healthy()


def test_choosing_escalation_moves_the_sliders_and_reset_runs_what_they_show(open_page):
    s = open_page()
    escalation = next(row for row in command_line("scenarios") if row["name"] == "escalation")
    s.choose("Scenario", escalation["title"])
    wanted = {
        "Russian pressure": escalation["levers"]["russian_pressure"],
        "EU investment": escalation["levers"]["eu_investment"],
    }
    assert wanted == {"Russian pressure": 0.6, "EU investment": 0.5}  # the escalation scenario's own values
    for label, value in wanted.items():
        expect(s.page.get_by_role("slider", name=label)).to_have_attribute("aria-valuenow", f"{value:g}")
    expect(s.page.locator(".mv-pending")).to_contain_text("press Reset")
    s.reset()
    settings = s.page.locator(".mv-settings")
    expect(settings).to_contain_text("scenario escalation")
    for label, value in wanted.items():
        expect(settings).to_contain_text(f"{label} {value:g} (the scenario’s)")
        expect(s.page.get_by_role("slider", name=label)).to_have_attribute("aria-valuenow", f"{value:g}")
    expect(s.page.locator(".mv-pending")).to_contain_text("The run uses these settings")
    s.tracked.assert_healthy()


def test_the_end_of_the_run_says_it_is_finished(open_page):
    s = open_page()
    expect(s.page.locator(".mv-finished")).to_have_count(0)
    s.jump("2040Q4")
    expect(s.page.locator(".mv-finished")).to_be_visible()
    expect(s.page.locator(".mv-finished")).to_contain_text("Run finished at 2040Q4")
    expect(s.page.locator(".mv-sidebar-finished")).to_be_visible()
    s.reset()
    expect(s.page.locator(".mv-finished")).to_have_count(0)
    s.tracked.assert_healthy()


def test_nothing_covers_the_event_log(open_page):
    s = open_page()
    s.step(3)
    log = s.page.locator(".mv-event-log")
    # The log ends near the page's bottom right, where Solara puts its badge: look there.
    s.page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    # Every point of the log's box that lies in the window must belong to the log (no badge, no overlay).
    covered = log.evaluate("""log => {
        const box = log.getBoundingClientRect(), bad = [];
        const bottom = Math.min(box.bottom, window.innerHeight), right = Math.min(box.right, window.innerWidth);
        for (let y = box.top + 2; y < bottom - 1; y += 12)
            for (let x = box.left + 2; x < right - 1; x += 24) {
                const hit = document.elementFromPoint(x, y);
                if (hit && !log.contains(hit)) bad.push(`${Math.round(x)},${Math.round(y)}: ${hit.outerHTML.slice(0, 80)}`);
            }
        return bad;
    }""")
    assert not covered, covered[:5]
    s.tracked.assert_healthy()
