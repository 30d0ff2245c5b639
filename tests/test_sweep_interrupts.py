"""Interrupting a sweep: Ctrl-C says what was stored and how to resume; a killed driver leaves no process behind."""

from __future__ import annotations

import json
import os
import re
import shlex
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest

from experiments.cli import main

UNTIL = "2030Q4"
ORPHAN_DEADLINE = 10.0  # seconds a killed driver's workers may take to go


def long_spec(folder: Path) -> Path:
    """Far more runs than a test waits for, in blocks of two, so parts appear early and often."""
    path = folder / "long.toml"
    path.write_text(
        f'name = "long"\nstrategies = ["multivector", "passive"]\nseeds = 300\nuntil = "{UNTIL}"\nruns_per_file = 2\n'
    )
    return path


def start_sweep(spec: Path, out: Path, *executor: str) -> subprocess.Popen:
    """The sweep in its own session (so the test can signal it like a terminal would), Ctrl-C handled."""
    command = [sys.executable, "-m", "experiments.cli", "sweep", str(spec), *executor, "--out", str(out), "--quiet"]
    return subprocess.Popen(
        command,
        start_new_session=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # a background shell may ignore it
    )


def wait_for_parts(process: subprocess.Popen, out: Path, parts: int, timeout: float = 120.0) -> None:
    deadline = time.monotonic() + timeout
    while len(list((out / "outcomes").glob("part-*.parquet"))) < parts:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the sweep stored too few parts in time"
        time.sleep(0.05)


def wait_for_ledger(process: subprocess.Popen, out: Path, parts: int, timeout: float = 120.0) -> None:
    """Until the ledger vouches for ``parts`` parts: a part file on disk is not stored until its ledger entry is."""
    deadline = time.monotonic() + timeout

    def listed() -> int:
        try:
            return len(json.loads((out / "parts.json").read_text())["parts"])
        except (OSError, ValueError, KeyError):  # not written yet, or caught mid-replace
            return 0

    while listed() < parts:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "the sweep stored too few parts in time"
        time.sleep(0.05)


def descendants(pid: int) -> list[psutil.Process]:
    return psutil.Process(pid).children(recursive=True)


@pytest.mark.slow
@pytest.mark.parametrize("executor", [["--workers", "2"], ["--dask-local", "2"]], ids=["pool", "dask-local"])
def test_a_driver_killed_with_sigkill_leaves_no_worker_alive(tmp_path, executor):
    process = start_sweep(long_spec(tmp_path), tmp_path / "out", *executor)
    try:
        wait_for_parts(process, tmp_path / "out", 3)
        helpers = descendants(process.pid)
        names = " ".join(" ".join(p.cmdline()) for p in helpers)
        assert len(helpers) >= 3, names  # workers, and the forkserver / resource tracker that serve them
        if executor[0] == "--workers":
            assert "forkserver" in names and "resource_tracker" in names
        os.kill(process.pid, signal.SIGKILL)  # the driver alone, as the OOM killer or `kill -9 PID` would
        process.wait()
        deadline = time.monotonic() + ORPHAN_DEADLINE
        alive = helpers
        while alive and time.monotonic() < deadline:
            time.sleep(0.1)
            alive = [p for p in alive if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        assert not alive, f"still running {ORPHAN_DEADLINE:g} s after the driver died: {[p.cmdline() for p in alive]}"
    finally:
        try:
            os.killpg(process.pid, signal.SIGKILL)  # whatever this test started, if the assertion failed
        except ProcessLookupError:
            pass


@pytest.mark.slow
def test_ctrl_c_prints_runs_stored_and_the_resume_command_and_the_rerun_resumes(tmp_path, capsys):
    spec, out = long_spec(tmp_path), tmp_path / "out"
    process = start_sweep(spec, out, "--workers", "2")
    wait_for_parts(process, out, 3)
    helpers = descendants(process.pid)
    os.killpg(process.pid, signal.SIGINT)  # what a terminal's Ctrl-C sends: the whole foreground group
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1, lines  # one line, no traceback from the driver or a worker
    match = re.fullmatch(r"stored (\d+)/(\d+) runs; resume with: (multivector sweep .*)", lines[0])
    assert match, lines[0]
    stored, total = int(match[1]), int(match[2])
    assert total == 2 * 300
    ledger = json.loads((out / "parts.json").read_text())
    assert stored == sum(entry["rows"] for entry in ledger["parts"].values()) > 0
    assert not [p for p in helpers if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    argv = shlex.split(match[3])
    assert argv[1:] == ["sweep", str(spec), "--workers", "2", "--out", str(out), "--quiet"]

    # The command it names resumes: the stored runs are skipped (a shorter spec would be another sweep, so
    # stop it again at once and check only that nothing stored was recomputed).
    process = start_sweep(spec, out, "--workers", "2")
    wait_for_ledger(process, out, len(ledger["parts"]) + 1)
    os.killpg(process.pid, signal.SIGINT)
    _, err = process.communicate(timeout=30)
    again = int(re.search(r"stored (\d+)/", err.decode())[1])
    assert process.returncode == 130 and again > stored


def test_a_study_interrupted_says_nothing_partial_is_kept(tmp_path, capsys, monkeypatch):
    from experiments.sweep.driver import SweepInterrupted

    def interrupted(*args, **kwargs):
        raise SweepInterrupted(3, 14, tmp_path / "staging")

    monkeypatch.setattr("experiments.sweep.driver.run_sweep", interrupted)
    assert main(["study", "--seeds", "2", "--workers", "1", "--out", str(tmp_path / "study"), "-q"]) == 130
    err = capsys.readouterr().err.strip()
    assert err == (
        "interrupted after 3/14 runs; this command keeps no partial results, rerun with: "
        f"multivector study --seeds 2 --workers 1 --out {tmp_path / 'study'} -q"
    )
    assert not (tmp_path / "study").exists()
