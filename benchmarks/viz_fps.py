"""Quarters per second the student page plays, measured in the browser harness.

Starts ``solara run viz/app.py`` and Debian's chromium exactly as the browser
tests do (tests/browser/conftest.py), opens the default page, presses Play and
counts for a while: quarters advanced per second (the "Step N · date" label)
and drawings of the key chart per second. Once at the page's default speed and
once with the speed slider at its top, so the figures show both what a student
sees and what the machine can do. (A class of students at once:
benchmarks/classroom.py.)

Prints the figures and appends one row to benchmarks/viz_results.csv
(benchmarks/run.py reports its latest row).

    .venv/bin/python benchmarks/viz_fps.py [--seconds 12]
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from report import machine  # noqa: E402

from tests.browser.harness import CHROMIUM, CHROMIUM_FLAGS, start_server  # noqa: E402

RESULTS = HERE / "viz_results.csv"
APP = ROOT / "viz" / "app.py"
STEP = re.compile(r"Step (\d+) · ")
# Counts drawings of the key chart (each one sets the quarter it shows in data-step).
COUNT_FRAMES = """
() => {
  window.__mvFrames = 0;
  new MutationObserver(records => { window.__mvFrames += records.length; })
    .observe(document.querySelector('.mv-dependence-figure'), {attributes: true, attributeFilter: ['data-step']});
}
"""
LAST_STEP = 110  # stop counting before the run ends (2040Q4 is step 123): the end would idle the clock
CONFIGS = {"default": None, "fastest": "End"}  # speed slider key: None = leave the page's default


def step_of(page) -> int:
    return int(STEP.search(page.locator(".mv-step-label").inner_text()).group(1))


def measure(browser, url: str, seconds: float, slider_key: str | None) -> dict[str, float]:
    """Play the default page for ``seconds``; quarters/s, chart drawings/s and the speed used."""
    context = browser.new_context(viewport={"width": 1440, "height": 1750})
    page = context.new_page()
    try:
        t0 = time.monotonic()
        page.goto(url)
        page.locator(".mv-dependence-figure svg").wait_for(timeout=120_000)
        first_render = time.monotonic() - t0
        speed = page.get_by_role("slider", name="Speed")
        if slider_key:
            speed.focus()
            speed.press(slider_key)
        quarters_per_s = float(speed.get_attribute("aria-valuenow"))
        page.evaluate(COUNT_FRAMES)
        start_step, start = step_of(page), time.monotonic()
        page.get_by_role("button", name="Play", exact=True).click()
        while time.monotonic() - start < seconds and step_of(page) < LAST_STEP:
            time.sleep(0.1)
        elapsed = time.monotonic() - start
        steps = step_of(page) - start_step
        frames = page.evaluate("window.__mvFrames")
        return {
            "speed_quarters_per_s": quarters_per_s,
            "steps_per_s": steps / elapsed,
            "chart_frames_per_s": frames / elapsed,
            "first_render_s": first_render,
        }
    finally:
        context.close()


def main(argv: list[str] | None = None) -> dict[str, float]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=12.0, help="how long to play per configuration")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install -y chromium (never `playwright install`)")
    from playwright.sync_api import sync_playwright

    server = start_server(APP)
    figures: dict[str, float] = {"server_start_s": server.startup_seconds}
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
            for name, key in CONFIGS.items():
                result = measure(browser, server.url, args.seconds, key)
                figures.update({f"{metric}_{name}": value for metric, value in result.items()})
            browser.close()
    finally:
        server.stop()
    for metric, value in figures.items():
        print(f"{metric:34s} {value:8.2f}")
    info = machine()
    row = {
        "timestamp": info["timestamp"],
        "commit": info["commit"],
        "host": info["host"],
        **{k: f"{v:.3f}" for k, v in figures.items()},
    }
    # Earlier rows may have other columns (the page's controls changed): keep every column of every row.
    rows = []
    if RESULTS.is_file():
        with RESULTS.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
    columns = list(dict.fromkeys([*(rows[0] if rows else {}), *(k for r in rows for k in r), *row]))
    tmp = RESULTS.with_suffix(".csv.tmp")
    with tmp.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows([*rows, row])
    tmp.replace(RESULTS)
    print(f"appended to {RESULTS.relative_to(ROOT)} (load {os.getloadavg()[0]:.2f})")
    return figures


if __name__ == "__main__":
    main()
