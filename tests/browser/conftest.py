"""Browser-test plumbing: a `solara run` subprocess driven by Debian's chromium.

Fixtures
--------
solara_server_factory(app)  session; starts (once per app file) and returns a SolaraServer
solara_server               session; the server for $MULTIVECTOR_VIZ_APP or viz/app.py
browser                     session; Playwright chromium at /usr/bin/chromium
page_factory(**ctx_kwargs)  fresh TrackedPage (own browser context) that records console
                            errors and external requests; external requests are blocked
                            (offline=True) so a CDN dependency shows up as a blank page
screenshot(page, name)      PNG under tests/artifacts/ (also TrackedPage.screenshot)

Every test in tests/browser/ gets the `browser` marker (deselect: -m "not browser").
On a failing test, page_factory screenshots its pages to tests/artifacts/.

Never run `playwright install` here: use `apt-get install -y chromium`.
"""

from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from .harness import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_FLAGS,
    DEFAULT_APP,
    REPO_ROOT,
    TRACEBACK,
    ServerError,
    SolaraServer,
    _safe_name,
    start_server,
)

# Anything not served by our own server: CDNs, solara.dev checks, telemetry.
EXTERNAL_URL = re.compile(r"^(?:https?|wss?)://(?!127\.0\.0\.1[:/]|localhost[:/])")


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() not in ("", "0", "false", "no")


def save_screenshot(page, name: str) -> Path:
    """Save a full-page PNG of a Playwright page as tests/artifacts/<name>.png."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{_safe_name(name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


# --------------------------------------------------------------------------- server


def _start_server(app: Path) -> SolaraServer:
    try:
        return start_server(app)
    except ServerError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def solara_server_factory():
    """Return start(app) -> SolaraServer; one server per app file, stopped at session end."""
    servers: dict[Path, SolaraServer] = {}

    def start(app: str | os.PathLike) -> SolaraServer:
        path = Path(app)
        path = (path if path.is_absolute() else REPO_ROOT / path).resolve()
        server = servers.get(path)
        if server is None or not server.is_alive():
            server = servers[path] = _start_server(path)
        return server

    yield start
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def solara_server(solara_server_factory) -> SolaraServer:
    """The project's app: $MULTIVECTOR_VIZ_APP, default viz/app.py."""
    return solara_server_factory(os.environ.get("MULTIVECTOR_VIZ_APP") or DEFAULT_APP)


# --------------------------------------------------------------------------- browser


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        msg = (
            f"{CHROMIUM} not found: run `apt-get update && apt-get install -y chromium` "
            "(or `make test`); never `playwright install`"
        )
        if _in_ci():
            pytest.fail(msg + " [CI is set, so this is an error]", pytrace=False)
        pytest.skip(msg)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS, headless=True)
        yield browser
        browser.close()


@dataclass
class TrackedPage:
    """A Playwright page in its own context, with what it logged."""

    page: object  # playwright.sync_api.Page
    context: object  # playwright.sync_api.BrowserContext
    name: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    external_requests: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[str]:
        return self.page_errors + self.console_errors

    def python_tracebacks(self) -> list[str]:
        """Python tracebacks Solara rendered into the page (it replaces the app with a
        <pre> holding the traceback). Do not grep page.content(): Solara's CSS also
        contains the word 'Traceback'."""
        pre = self.page.locator("pre", has_text=TRACEBACK)
        return [pre.nth(i).inner_text() for i in range(pre.count())]

    def problems(self) -> list[str]:
        """Everything that makes the page unhealthy (empty list: healthy)."""
        problems = []
        if any("solara is not defined" in e for e in self.errors + self.console):
            problems.append(
                "'solara is not defined': Solara's JS did not load (CDN instead of "
                "solara-assets? see pyproject.toml pins)"
            )
        if self.errors:
            problems.append(f"console/page errors: {self.errors}")
        if self.external_requests:
            problems.append(f"requests to external hosts (offline they fail): {self.external_requests}")
        tracebacks = self.python_tracebacks()
        if tracebacks:
            problems.append("Python traceback in page:\n" + "\n".join(tracebacks))
        return problems

    def goto(self, url: str, ready, timeout: float = 60.0) -> float:
        """Open url and wait until locator `ready` (or text, if a str) is visible.
        Fails early, with the reason, on page errors or a Python traceback. Returns
        the seconds it took."""
        from playwright.sync_api import TimeoutError as PwTimeout

        if isinstance(ready, str):
            ready = self.page.get_by_text(ready)
        t0 = time.monotonic()
        self.page.goto(url)
        while True:
            try:
                ready.first.wait_for(state="visible", timeout=500)
                return time.monotonic() - t0
            except PwTimeout:
                pass
            waited = time.monotonic() - t0
            fatal = self.page_errors or self.python_tracebacks()
            if (fatal and waited > 2) or waited > timeout:
                problems = self.problems() or ["(no errors recorded: page blank or slow?)"]
                raise AssertionError(f"{ready} not visible after {waited:.1f} s at {url}:\n" + "\n".join(problems))

    def open_sidebar(self) -> None:
        """SolaraViz puts its controls (Reset/▶/Step, parameters, 'Time: …') in the
        AppLayout sidebar; on narrow viewports it is collapsed behind the menu button."""
        step = self.page.get_by_role("button", name="Step")
        if not step.is_visible():
            self.page.locator("button:has(.mdi-menu)").first.click()
            step.wait_for(state="visible")

    def screenshot(self, name: str | None = None) -> Path:
        return save_screenshot(self.page, name or self.name)

    def assert_healthy(self) -> None:
        problems = self.problems()
        assert not problems, "\n".join(problems)


_REPORTS = pytest.StashKey[dict]()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    return report


def pytest_collection_modifyitems(config, items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def page_factory(browser, request):
    """page_factory(offline=True, **new_context_kwargs) -> TrackedPage (fresh context each)."""
    tracked: list[TrackedPage] = []

    def new_page(offline: bool = True, **context_kwargs) -> TrackedPage:
        context_kwargs.setdefault("viewport", {"width": 1280, "height": 800})
        context = browser.new_context(**context_kwargs)
        context.set_default_timeout(30_000)
        tp = TrackedPage(page=None, context=context, name=f"{request.node.name}-{len(tracked)}")

        def on_request(req):
            if EXTERNAL_URL.match(req.url):
                tp.external_requests.append(req.url)

        context.on("request", on_request)
        if offline:
            context.route(EXTERNAL_URL, lambda route: route.abort("internetdisconnected"))
        page = context.new_page()
        tp.page = page

        def on_console(msg):
            tp.console.append(f"{msg.type}: {msg.text}")
            if msg.type == "error":
                tp.console_errors.append(msg.text)

        page.on("console", on_console)
        page.on("pageerror", lambda exc: tp.page_errors.append(str(exc)))
        tracked.append(tp)
        return tp

    yield new_page

    reports = request.node.stash.get(_REPORTS, {})
    failed = any(r.failed for r in reports.values())
    for tp in tracked:
        if failed:
            try:
                print(f"screenshot: {tp.screenshot(tp.name + '-FAILED')}")
                print("problems:", *tp.problems(), sep="\n  ")
                print("console:", *tp.console[-30:], sep="\n  ")
            except Exception as exc:  # page may be dead
                print(f"could not screenshot {tp.name}: {exc}")
        tp.context.close()


@pytest.fixture
def screenshot():
    """screenshot(page, name) -> Path of tests/artifacts/<name>.png."""
    return save_screenshot
