"""The browser harness the tests and benchmarks/viz_fps.py share: a `solara run` subprocess and chromium's flags.

Kept out of conftest.py so that a benchmark can start the same server without
importing pytest fixtures; conftest turns a ServerError into a test failure.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO_ROOT / "tests" / "artifacts"
DEFAULT_APP = "viz/app.py"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SERVER_START_TIMEOUT = float(os.environ.get("MULTIVECTOR_SERVER_TIMEOUT", "120"))
TRACEBACK = "Traceback (most recent call last)"


class ServerError(RuntimeError):
    """The Solara server did not start; the message carries the end of its log."""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", name).strip("_")[:120] or "page"


@dataclass
class SolaraServer:
    app: Path
    port: int
    log_path: Path
    proc: subprocess.Popen
    startup_seconds: float = 0.0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def python_errors(self) -> list[str]:
        """Tracebacks in the server log (render errors are logged; errors raised
        in event handlers are NOT: check TrackedPage.python_tracebacks() too)."""
        return [TRACEBACK + chunk for chunk in self.log_text().split(TRACEBACK)[1:]]

    def is_alive(self) -> bool:
        return self.proc.poll() is None

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # exits in ~0.2 s
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)


def start_server(app: Path) -> SolaraServer:
    """Start `solara run app` on a free local port and wait for HTTP 200; ServerError (with the log) if it fails."""
    if not app.is_file():
        raise ServerError(f"Solara app {app} does not exist (set MULTIVECTOR_VIZ_APP to use another file)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    log_path = ARTIFACTS / f"solara-{_safe_name(app.stem)}-{port}.log"
    env = dict(os.environ)
    env.update(PYTHONUNBUFFERED="1", SOLARA_TELEMETRY_MIXPANEL_ENABLE="False")
    env.pop("PYTEST_CURRENT_TEST", None)
    cmd = [
        sys.executable,
        "-m",
        "solara",
        "run",
        str(app),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--production",
    ]  # production: no reloader
    t0 = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            cmd, cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
        )
    server = SolaraServer(app=app, port=port, log_path=log_path, proc=proc)
    deadline = t0 + SERVER_START_TIMEOUT
    while True:
        if not server.is_alive():
            raise ServerError(
                f"solara run {app} exited with {proc.returncode} during startup; "
                f"log {log_path}:\n{server.log_text()[-4000:]}"
            )
        try:
            with urllib.request.urlopen(server.url, timeout=5) as resp:
                if resp.status == 200:
                    break
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise ServerError(
                f"solara run {app} gave no HTTP 200 within {SERVER_START_TIMEOUT:.0f} s; "
                f"log {log_path}:\n{server.log_text()[-4000:]}"
            )
        time.sleep(0.2)
    server.startup_seconds = time.monotonic() - t0
    return server
