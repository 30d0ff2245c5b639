"""A class on one server: N students open the page at once, press Play, watch to 2040, close their tabs.

Starts ``solara run viz/app.py`` exactly as the browser tests do
(tests/browser/harness.py) and Debian's chromium with one browser context
(one Solara session) per student, all driven at the same time. Measures,
per student, the first render (the key chart on screen) and the time from
Play to "2040Q4" on the page; and the server's memory (RSS of the solara
process and its children) before the class, at its peak, and after the tabs
close. A wave of students closes its tabs without the page's close beacon
(as a sleeping laptop or a dropped network does), so only the server's own
timeout frees their sessions; the next wave then shows whether the memory is
reused. The browsers run on the same machine as the server here, so the
figures are pessimistic for a real class, whose browsers run on the
students' own computers.

Prints the figures and appends them to benchmarks/results.csv (section
"classroom").

    .venv/bin/python benchmarks/classroom.py [--students 15] [--waves 2] [--no-save] [--docs]

``--docs`` also writes the figures into docs/students.md (between its classroom-figures markers).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from report import Figure, append_results, at_most, machine, print_section  # noqa: E402

from tests.browser.harness import CHROMIUM, CHROMIUM_FLAGS, start_server  # noqa: E402

APP = ROOT / "viz" / "app.py"
VIEWPORT = {"width": 1366, "height": 768}
FIRST_RENDER_LIMIT_S = 10.0
PLAY_LIMIT_S = 60.0
FREED_WITHIN_S = 15.0
STEP = re.compile(r"Step (\d+) · (\d{4}Q[1-4])")


def _tree(pid: int) -> list:
    """The process and all its children (those still alive)."""
    import psutil

    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _sum(pid: int, measure) -> float:
    import psutil

    total = 0.0
    for proc in _tree(pid):
        try:
            total += measure(proc)
        except psutil.NoSuchProcess:
            pass
    return total


def tree_cpu_s(pid: int) -> float:
    """CPU seconds (user + system) the server process and its children have used so far."""
    return _sum(pid, lambda proc: sum(proc.cpu_times()[:2]))


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its children, in MB."""
    return _sum(pid, lambda proc: proc.memory_info().rss) / 1e6


class MemoryWatch:
    """Samples the server's RSS every ``every`` seconds in a thread; keeps the peak."""

    def __init__(self, pid: int, every: float = 0.5):
        self.pid, self.every = pid, every
        self.peak = 0.0
        self.samples: list[tuple[float, float]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        t0 = time.monotonic()
        while not self._stop.is_set():
            rss = tree_rss_mb(self.pid)
            self.samples.append((time.monotonic() - t0, rss))
            self.peak = max(self.peak, rss)
            self._stop.wait(self.every)

    def __enter__(self) -> "MemoryWatch":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()


async def student(browser, url: str, index: int, start_play: asyncio.Event, results: dict) -> object:
    """One student: open the page (no close beacon), wait for the chart, then on the signal press Play and
    wait for 2040Q4. Returns the browser context (closed by the caller, all at once)."""
    context = await browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(300_000)
    page = await context.new_page()
    t0 = time.monotonic()
    await page.goto(url + "?solara-no-close-beacon")
    await page.locator(".mv-dependence-figure svg").wait_for(state="visible", timeout=300_000)
    results["first_render"][index] = time.monotonic() - t0
    await start_play.wait()
    t1 = time.monotonic()
    await page.get_by_role("button", name="Play", exact=True).click()
    await page.locator(".mv-step-label", has_text="2040Q4").wait_for(timeout=600_000)
    results["play"][index] = time.monotonic() - t1
    return context


async def session_count(browser, url: str) -> int:
    """The number of sessions the server holds, as its "How to read" tab reports it (this page included)."""
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await context.new_page()
        await page.goto(url)
        await page.get_by_role("tab", name="How to read this page").click()
        text = await page.locator(".mv-session-count").inner_text(timeout=120_000)
        return int(text)
    finally:
        await context.close()


async def wave(browser, url: str, students: int, pid: int) -> dict[str, object]:
    results: dict[str, dict[int, float]] = {"first_render": {}, "play": {}}
    start_play = asyncio.Event()
    cpu_start = tree_cpu_s(pid)
    with MemoryWatch(pid) as memory:
        tasks = [asyncio.create_task(student(browser, url, k, start_play, results)) for k in range(students)]
        while len(results["first_render"]) < students:
            await asyncio.sleep(0.2)
            failed = [t for t in tasks if t.done() and t.exception()]
            if failed:
                raise failed[0].exception()
        rss_all_open = tree_rss_mb(pid)
        cpu_rendered = tree_cpu_s(pid)
        start_play.set()
        contexts = await asyncio.gather(*tasks)
        cpu_played = tree_cpu_s(pid)
        closed_at = time.monotonic()
        # Close without the page's close beacon: the server has only its own timeout to go by.
        await asyncio.gather(*(c.close() for c in contexts))
        await asyncio.sleep(FREED_WITHIN_S + 1 - (time.monotonic() - closed_at))
    rss_after = tree_rss_mb(pid)
    held = await session_count(browser, url)  # counts the checking page itself
    return {
        "first_render": sorted(results["first_render"].values()),
        "play": sorted(results["play"].values()),
        "rss_all_open": rss_all_open,
        "rss_peak": memory.peak,
        "rss_after": rss_after,
        "sessions_held_after": held - 1,
        # The server's own work, which the machine's other load does not inflate: what one core must do.
        "cpu_first_render": cpu_rendered - cpu_start,
        "cpu_play": cpu_played - cpu_rendered,
    }


async def classroom(students: int, waves: int) -> tuple[list[dict], float, float]:
    from playwright.async_api import async_playwright

    server = start_server(APP)
    try:
        pid = server.proc.pid
        rss_start = tree_rss_mb(pid)
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
            # The teacher opens the page once before class (this also lets the server finish measuring the
            # levers for the default settings, which it starts on its own at start-up).
            context = await browser.new_context(viewport=VIEWPORT)
            page = await context.new_page()
            await page.goto(server.url)
            deadline = time.monotonic() + 180
            while await page.locator(".mv-lever-effect", has_text="Measuring").count() and time.monotonic() < deadline:
                await asyncio.sleep(0.5)
            await context.close()
            await asyncio.sleep(3)
            rss_before = tree_rss_mb(pid)
            results = []
            for k in range(waves):
                print(f"wave {k + 1}: {students} students …", flush=True)
                results.append(await wave(browser, server.url, students, pid))
                print(
                    f"  first render max {results[-1]['first_render'][-1]:.1f} s, play max {results[-1]['play'][-1]:.1f} s, "
                    f"RSS peak {results[-1]['rss_peak']:.0f} MB, after close {results[-1]['rss_after']:.0f} MB, "
                    f"sessions held {results[-1]['sessions_held_after']}",
                    flush=True,
                )
            await browser.close()
        return results, rss_start, rss_before
    finally:
        server.stop()


def figures(results: list[dict], students: int, rss_start: float, rss_before: float) -> list[Figure]:
    section = "classroom"
    note = f"{students} sessions at once, 1366x768, browsers on the same 2-core host"
    out = [
        Figure(section, "server RSS at start", rss_start, "MB", note=note),
        Figure(section, "server RSS before the class", rss_before, "MB", note="after the teacher's page closed"),
    ]
    for k, wave in enumerate(results, start=1):
        render, play = wave["first_render"], wave["play"]
        out += [
            Figure(section, f"wave {k}: first render, median", statistics.median(render), "s"),
            Figure(
                section,
                f"wave {k}: first render, slowest",
                render[-1],
                "s",
                f"<= {FIRST_RENDER_LIMIT_S:g} s",
                at_most(render[-1], FIRST_RENDER_LIMIT_S),
                note,
            ),
            Figure(section, f"wave {k}: play to 2040, median", statistics.median(play), "s"),
            Figure(
                section,
                f"wave {k}: play to 2040, slowest",
                play[-1],
                "s",
                f"<= {PLAY_LIMIT_S:g} s",
                at_most(play[-1], PLAY_LIMIT_S),
                note,
            ),
            Figure(
                section,
                f"wave {k}: server CPU time, all first renders",
                wave["cpu_first_render"],
                "s",
                note="the server's own work (user + system), independent of the machine's other load",
            ),
            Figure(section, f"wave {k}: server CPU time, all plays to 2040", wave["cpu_play"], "s"),
            Figure(section, f"wave {k}: server RSS, all tabs open", wave["rss_all_open"], "MB"),
            Figure(section, f"wave {k}: server RSS, peak", wave["rss_peak"], "MB"),
            Figure(
                section,
                f"wave {k}: server RSS {FREED_WITHIN_S + 1:g} s after the tabs closed",
                wave["rss_after"],
                "MB",
                note="tabs closed without the close beacon",
            ),
            Figure(
                section,
                f"wave {k}: sessions still held {FREED_WITHIN_S + 1:g} s after the tabs closed",
                wave["sessions_held_after"],
                "sessions",
                "0",
                wave["sessions_held_after"] == 0,
            ),
        ]
    return out


DOCS = ROOT / "docs" / "students.md"
MARKERS = ("<!-- classroom-figures -->", "<!-- /classroom-figures -->")


def docs_table(found: list[Figure], students: int, waves: int, info: dict[str, str]) -> str:
    """The figures as the markdown table docs/students.md shows, with when, where and how loaded."""
    lines = [
        f"{students} students at once, {waves} waves one after the other, measured {info['timestamp'][:10]} "
        f"at commit {info['commit']} on {info['cores']} cores ({info['cpu']}); load average "
        f"{info['load_1min']} when it ended (other work shared the machine).",
        "",
        "| figure | measured | target |",
        "|---|---|---|",
    ]
    for f in found:
        value = (
            "not measured"
            if f.value is None
            else (f"{f.value:.0f}" if f.unit in ("MB", "sessions") else f"{f.value:.1f}")
        )
        verdict = {True: " (met)", False: " (**missed**)", None: ""}[f.passed]
        lines.append(f"| {f.metric} | {value} {f.unit} | {f.target}{verdict} |")
    return "\n".join(lines)


def write_docs(table: str, path: Path = DOCS) -> None:
    text = path.read_text(encoding="utf-8")
    start, end = text.index(MARKERS[0]) + len(MARKERS[0]), text.index(MARKERS[1])
    path.write_text(text[:start] + "\n" + table + "\n" + text[end:], encoding="utf-8")


def main(argv: list[str] | None = None) -> list[Figure]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=15, help="sessions at once (default 15)")
    parser.add_argument("--waves", type=int, default=2, help="classes one after the other (default 2)")
    parser.add_argument("--no-save", action="store_true", help="print only; do not append to results.csv")
    parser.add_argument("--docs", action="store_true", help="also write the figures into docs/students.md")
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} not found: apt-get install -y chromium (never `playwright install`)")
    results, rss_start, rss_before = asyncio.run(classroom(args.students, args.waves))
    found = figures(results, args.students, rss_start, rss_before)
    print_section(f"classroom: {args.students} students x {args.waves} waves on one server", found)
    info = machine()
    if not args.no_save:
        append_results(found, info)
        print(f"appended {len(found)} rows to {Path(HERE / 'results.csv').relative_to(ROOT)}")
    if args.docs:
        write_docs(docs_table(found, args.students, args.waves, info))
        print(f"wrote the figures into {DOCS.relative_to(ROOT)}")
    return found


if __name__ == "__main__":
    main()
