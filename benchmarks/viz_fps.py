"""Steps per second the student page sustains at play speed, measured in the browser harness.

Starts ``solara run viz/app.py`` and Debian's chromium exactly as the browser
tests do (tests/browser/conftest.py), opens the default page, presses ▶ and
counts for a while: quarters advanced per second (the "Step N · date" label)
and chart frames per second (new pictures of the map). Once at the page's
default play interval and once with the interval slider at its minimum, so the
figures show both what a student sees and what the machine can do.

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
# Counts new pictures of the map (each chart frame replaces the <img> source).
COUNT_FRAMES = """
() => {
  window.__mvFrames = 0;
  const isMap = n => n.nodeType === 1 && (n.matches('img.mv-map-figure') || n.querySelector('img.mv-map-figure'));
  new MutationObserver(records => {
    for (const r of records) {
      if (r.type === 'attributes' && isMap(r.target)) window.__mvFrames++;
      if (r.type === 'childList') for (const n of r.addedNodes) if (isMap(n)) window.__mvFrames++;
    }
  }).observe(document.body, {attributes: true, attributeFilter: ['src'], childList: true, subtree: true});
}
"""
LAST_STEP = 110  # stop counting before the run ends (2040Q4 is step 123): the end would idle the clock
CONFIGS = {"default": None, "fastest": "Home"}  # play-interval slider key: None = leave the page's default


def step_of(page) -> int:
    return int(STEP.search(page.locator(".mv-step-label").inner_text()).group(1))


def measure(browser, url: str, seconds: float, slider_key: str | None) -> dict[str, float]:
    """Play the default page for ``seconds``; quarters/s, chart frames/s and the play interval used."""
    context = browser.new_context(viewport={"width": 1440, "height": 1750})
    page = context.new_page()
    try:
        t0 = time.monotonic()
        page.goto(url)
        page.locator("img.mv-map-figure.mv-figure-current").wait_for(timeout=120_000)
        first_render = time.monotonic() - t0
        interval = page.get_by_role("slider", name="Play Interval (ms)")
        if slider_key:
            interval.focus()
            interval.press(slider_key)
        play_ms = float(interval.get_attribute("aria-valuenow"))
        page.evaluate(COUNT_FRAMES)
        start_step, start = step_of(page), time.monotonic()
        page.get_by_role("button", name="▶", exact=True).click()
        while time.monotonic() - start < seconds and step_of(page) < LAST_STEP:
            time.sleep(0.1)
        elapsed = time.monotonic() - start
        steps = step_of(page) - start_step
        frames = page.evaluate("window.__mvFrames")
        return {
            "play_interval_ms": play_ms,
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
    new_file = not RESULTS.is_file()
    with RESULTS.open("a", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(row))
        if new_file:
            writer.writeheader()
        writer.writerow(row)
    print(f"appended to {RESULTS.relative_to(ROOT)} (load {os.getloadavg()[0]:.2f})")
    return figures


if __name__ == "__main__":
    main()
