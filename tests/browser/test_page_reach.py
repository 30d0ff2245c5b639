"""The page as a class, a phone and a screen reader meet it: first screen, 390 px, axe-core, conclusions, sources.

Runs against the same `solara run viz/app.py` server as test_app.py. axe-core
(axe-playwright-python, whose wheel carries axe.min.js: nothing is fetched)
checks each state of the page against WCAG 2.1 A/AA and best practice; a
serious or critical violation fails the test.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from .test_app import StudentPage

DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
BLOCKING = ("serious", "critical")


@pytest.fixture
def open_at(solara_server, page_factory):
    """open_at(viewport, query="") -> a fresh StudentPage at that viewport (its own session)."""

    def _open(viewport: dict, query: str = "") -> StudentPage:
        tracked = page_factory(viewport=viewport)
        student = StudentPage(tracked, solara_server.url + query)
        tracked.goto(student.url, ready=tracked.page.locator(".mv-step-label"))
        return student

    yield _open
    assert solara_server.is_alive()
    assert not solara_server.python_errors(), solara_server.log_text()[-4000:]


def axe(page) -> list[dict]:
    """axe-core's violations on the page as it is now (all rules, WCAG 2.1 A/AA and best practice)."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page).response["violations"]


def blocking(violations: list[dict]) -> list[str]:
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
        if v["impact"] in BLOCKING
    ]


def in_viewport(page, locator) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] + box["width"] <= size["width"]
    )


def test_the_first_screen_asks_the_question_names_the_choices_and_shows_the_key_chart(open_at):
    s = open_at(DESKTOP)
    page = s.page
    expect(page.locator(".mv-dependence-figure svg")).to_be_visible()
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_contain_text("balancing")
    for part in (heading, page.locator(".mv-settings"), page.locator(".mv-dependence-figure svg"), s.button("Play")):
        assert in_viewport(page, part), part
    expect(page.locator(".mv-settings")).to_contain_text("strategy Multi-vector balancing")
    for lever in ("Russian pressure", "EU investment", "China's Belt and Road"):
        expect(page.locator(".mv-settings")).to_contain_text(lever)
    # 2025, when the strategy takes over, is marked on the chart.
    expect(page.locator(".mv-dependence-figure svg")).to_contain_text("2025Q1: strategy and levers act")
    assert page.evaluate("window.scrollY") == 0
    s.tracked.assert_healthy()


def test_on_a_phone_nothing_scrolls_sideways_and_play_and_step_are_at_hand(open_at):
    s = open_at(PHONE)
    page = s.page
    expect(page.locator(".mv-dependence-figure svg")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    # The settings fold away behind one button instead of covering the screen.
    toggle = page.get_by_role("button", name=re.compile("Settings"))
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".mv-pick-strategy")).to_be_hidden()
    for chart in ("mv-dependence-figure", "mv-map-figure", "mv-network-figure"):
        box = page.locator(f".{chart} svg").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], (chart, box)
    for name in ("Play", "Step", "Reset"):
        button = s.button(name)
        button.scroll_into_view_if_needed()
        assert in_viewport(page, button), name
    s.button("Step").click()
    s.expect_at(1, "2010Q2")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".mv-pick-strategy")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    s.tracked.assert_healthy()


def test_axe_finds_no_serious_or_critical_violation_anywhere_on_the_page(open_at, solara_server, page_factory):
    found: dict[str, list[str]] = {}
    s = open_at(DESKTOP)
    found["watch, start"] = blocking(axe(s.page))
    s.jump("2022Q3")
    expect(s.page.locator(".mv-why-events")).to_contain_text("Novorossiysk")
    found["watch, 2022Q3 (why panel, sources)"] = blocking(axe(s.page))
    s.jump("2040Q4")
    expect(s.page.locator(".mv-conclusion")).to_be_visible()
    found["watch, end (conclusion)"] = blocking(axe(s.page))
    s.tab("Compare strategies")
    s.page.locator(".mv-compare-run").click()
    expect(s.page.locator(".mv-compare-verdict")).to_be_visible(timeout=180_000)
    found["compare, ranked"] = blocking(axe(s.page))
    s.tab("How to read this page")
    found["how to read"] = blocking(axe(s.page))
    s.tab("Glossary")
    found["glossary"] = blocking(axe(s.page))
    phone = open_at(PHONE)
    found["phone"] = blocking(axe(phone.page))
    sources = page_factory(viewport=DESKTOP)
    sources.goto(solara_server.url + "sources", ready=sources.page.get_by_role("heading", name="Sources", level=1))
    found["sources page"] = blocking(axe(sources.page))
    assert not any(found.values()), "\n".join(f"{where}: {v}" for where, vs in found.items() for v in vs)


def test_the_second_run_is_compared_with_the_first_in_a_sentence_naming_both_values(open_at):
    s = open_at(DESKTOP)
    s.jump("2040Q4")
    first = re.search(r"Autonomy in 2040Q4 ([\d.]+)", s.final_outcome()).group(1)
    expect(s.page.locator(".mv-conclusion")).to_contain_text("Change a setting and press Reset")
    s.page.get_by_role("slider", name="Russian pressure").focus()
    s.page.get_by_role("slider", name="Russian pressure").press("End")
    s.reset()
    s.jump("2040Q4")
    second = re.search(r"Autonomy in 2040Q4 ([\d.]+)", s.final_outcome()).group(1)
    sentence = s.page.locator(".mv-conclusion-compare li", has_text="Autonomy in 2040Q4")
    expect(sentence).to_contain_text(f"{second} with these settings, {first} with the previous ones", timeout=60_000)
    expect(sentence).to_contain_text(re.compile("(larger than|within) seed noise"))
    expect(s.page.locator(".mv-conclusion-compare")).to_contain_text("Russian pressure 0.35 → 1")
    s.tracked.assert_healthy()


def test_each_why_line_links_to_its_passage_on_the_sources_page(open_at, page_factory, solara_server):
    s = open_at(DESKTOP)
    s.jump("2022Q3")
    links = s.page.locator(".mv-why a.mv-source")
    expect(links.first).to_be_visible()
    lines = s.page.locator(".mv-why li")
    assert lines.count() >= 3
    for k in range(lines.count()):  # every line: the two measures and each event
        assert lines.nth(k).locator("a.mv-source").count() >= 1, lines.nth(k).inner_text()
    hrefs = sorted(set(links.evaluate_all("links => links.map(a => a.getAttribute('href'))")))
    assert any("002-in-the-wake-of-the-war" in h for h in hrefs), hrefs
    reader = page_factory(viewport=DESKTOP)
    for href in hrefs:
        assert href.startswith("sources#"), href
        reader.goto(solara_server.url + href, ready=reader.page.get_by_role("heading", name="Sources", level=1))
        anchor = href.split("#", 1)[1]
        target = reader.page.locator(f"[id='{anchor}']")
        expect(target).to_have_count(1)
        expect(target).to_be_in_viewport()  # the page scrolled to the passage
    reader.assert_healthy()


def test_the_keyboard_alone_plays_and_pauses_the_run(open_at):
    s = open_at(DESKTOP)
    page = s.page
    for _ in range(60):  # Tab through the page until the Play button has the focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.innerText.trim().toLowerCase()") == "play":
            break
    else:
        pytest.fail("Tab never reached the Play button")
    page.keyboard.press("Enter")
    expect(s.page.locator(".mv-step-label")).not_to_have_text("Step 0 · 2010Q1", timeout=10_000)
    pause = s.button("Pause")
    pause.focus()
    page.keyboard.press("Enter")
    expect(s.button("Play")).to_be_visible()
    s.tracked.assert_healthy()


def session_count(student: StudentPage) -> int:
    student.page.get_by_role("button", name="Count again").click()
    time.sleep(0.3)
    return int(student.page.locator(".mv-session-count").inner_text())


def test_a_tab_closed_without_a_goodbye_is_freed_within_15_seconds(open_at):
    teacher = open_at(DESKTOP)
    teacher.tab("How to read this page")
    before = session_count(teacher)
    # A student whose page vanishes without the close beacon (a laptop put to sleep, a lost network).
    student = open_at(DESKTOP, "?solara-no-close-beacon")
    student.step()
    assert session_count(teacher) == before + 1
    student.tracked.context.close()
    closed = time.monotonic()
    while session_count(teacher) != before:
        assert time.monotonic() - closed < 15, "the closed tab's session was not freed within 15 s"
        time.sleep(0.5)
    print(f"session freed {time.monotonic() - closed:.1f} s after its tab closed")
