"""Sweeps: the same spec gives the same Parquet rows serially, in a process pool and on Dask; a sweep killed
halfway and started again ends with every run exactly once and equal to an uninterrupted one."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
import pytest

from agents.strategies.multivector import Multivector
from experiments.cli import main
from experiments.sweep.driver import run_sweep
from experiments.sweep.store import SweepResults
from world.registry import STRATEGIES

UNTIL = "2030Q4"  # levers act from 2025Q1; a shorter horizon keeps the suite quick
CRASH_TRIGGER = Path(tempfile.gettempdir()) / f"multivector-test-crash-{os.getuid()}"


class CrashOnce(Multivector):
    """Multivector, except that the first worker to see the trigger file deletes it and dies mid-run."""

    name = "crash_once"

    def decide(self, situation, rng):
        if situation.step == 65:
            try:
                CRASH_TRIGGER.unlink()
            except FileNotFoundError:
                pass
            else:
                os._exit(1)
        return super().decide(situation, rng)


def grid_spec(folder: Path, seeds: int = 5, runs_per_file: int | None = None, extra: str = "") -> Path:
    """Every registered strategy x 3 russian_pressure x 3 eu_investment x ``seeds``, strategies listed explicitly."""
    strategies = ", ".join(f'"{name}"' for name in STRATEGIES.names())
    path = folder / "grid.toml"
    path.write_text(
        f'name = "grid"\nstrategies = [{strategies}]\nseeds = {seeds}\nuntil = "{UNTIL}"\n'
        + (f"runs_per_file = {runs_per_file}\n" if runs_per_file else "")
        + extra
        + "[levers.russian_pressure]\nvalues = [0.2, 0.5, 0.8]\n"
        + "[levers.eu_investment]\nvalues = [0.0, 1.5, 3.0]\n"
    )
    return path


def part_bytes(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / "outcomes").glob("part-*.parquet"))}


@pytest.fixture(scope="module")
def serial_grid(tmp_path_factory):
    folder = tmp_path_factory.mktemp("grid")
    spec = grid_spec(folder)
    out = folder / "serial"
    assert main(["sweep", str(spec), "--workers", "1", "--out", str(out), "--quiet"]) == 0
    return spec, out


@pytest.fixture(scope="session")
def dask_scheduler():
    """One LocalCluster for the session (its start-up takes seconds)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        yield cluster.scheduler_address


def test_grid_has_every_run_once_in_run_order(serial_grid):
    spec, out = serial_grid
    frame = pd.read_parquet(out / "outcomes")
    n_strategies = len(STRATEGIES.names())
    assert len(frame) == n_strategies * 3 * 3 * 5
    assert frame["run_id"].is_unique and frame["run_index"].tolist() == list(range(len(frame)))
    assert frame.groupby(["strategy", "russian_pressure", "eu_investment"]).size().eq(5).all()
    manifest = pd.read_parquet(out / "manifest.parquet")
    assert frame[manifest.columns].equals(manifest)


@pytest.mark.slow
@pytest.mark.parametrize(
    "options",
    [["--workers", "2"], ["--dask-local", "2"], ["--scheduler"]],
    ids=["pool-2", "dask-local-2", "dask-scheduler"],
)
def test_executors_write_identical_parquet(serial_grid, tmp_path, options, request):
    spec, serial_out = serial_grid
    if options == ["--scheduler"]:
        options = ["--scheduler", request.getfixturevalue("dask_scheduler")]
    out = tmp_path / "out"
    assert main(["sweep", str(spec), *options, "--out", str(out), "--quiet"]) == 0
    pd.testing.assert_frame_equal(
        pd.read_parquet(out / "outcomes"), pd.read_parquet(serial_out / "outcomes"), check_exact=True
    )
    assert part_bytes(out) == part_bytes(serial_out)


def test_rerun_of_a_finished_sweep_computes_nothing(serial_grid, capsys):
    spec, out = serial_grid
    before = part_bytes(out)
    assert main(["sweep", str(spec), "--workers", "1", "--out", str(out), "--quiet"]) == 0
    assert "0 computed" in capsys.readouterr().out
    assert part_bytes(out) == before


@pytest.mark.slow
def test_sigkill_halfway_then_rerun_equals_the_uninterrupted_sweep(tmp_path):
    spec = grid_spec(tmp_path, seeds=1, runs_per_file=2)
    straight, resumed = tmp_path / "straight", tmp_path / "resumed"
    run_sweep(spec, executor="serial", out=straight)
    blocks = len(list((straight / "outcomes").glob("part-*.parquet")))

    command = [
        sys.executable,
        "-m",
        "experiments.cli",
        "sweep",
        str(spec),
        "--workers",
        "2",
        "--out",
        str(resumed),
        "--quiet",
    ]
    process = subprocess.Popen(command, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while len(list((resumed / "outcomes").glob("part-*.parquet"))) < blocks // 2:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)  # the driver and its pool: a session this test started
    process.wait()
    stored = len(list((resumed / "outcomes").glob("part-*.parquet")))
    assert 0 < stored < blocks
    # A leftover from a write the kill interrupted: never read, cleaned up on restart.
    (resumed / "outcomes" / ".part-00001.parquet.999.tmp").write_bytes(b"PAR1 half a file")

    assert main(["sweep", str(spec), "--workers", "2", "--out", str(resumed), "--quiet"]) == 0
    frame = SweepResults(resumed).outcomes()
    assert frame["run_id"].is_unique
    assert set(frame["run_id"]) == set(pd.read_parquet(resumed / "manifest.parquet")["run_id"])
    pd.testing.assert_frame_equal(
        pd.read_parquet(resumed / "outcomes"), pd.read_parquet(straight / "outcomes"), check_exact=True
    )
    assert part_bytes(resumed) == part_bytes(straight)
    assert not list((resumed / "outcomes").glob(".*"))


@pytest.mark.slow
def test_a_worker_dying_stops_the_sweep_with_a_hint_and_the_rerun_completes_it(tmp_path, capsys):
    spec = tmp_path / "crash.toml"
    spec.write_text(f'strategies = ["{__name__}:CrashOnce"]\nseeds = 12\nuntil = "{UNTIL}"\nruns_per_file = 1\n')
    out = tmp_path / "out"
    CRASH_TRIGGER.write_text("die once")
    try:
        assert main(["sweep", str(spec), "--workers", "2", "--out", str(out), "--quiet", "--allow-plugins"]) == 1
    finally:
        CRASH_TRIGGER.unlink(missing_ok=True)
    assert "run the same command again to resume" in capsys.readouterr().err
    assert len(list((out / "outcomes").glob("part-*.parquet"))) < 12
    assert main(["sweep", str(spec), "--workers", "2", "--out", str(out), "--quiet", "--allow-plugins"]) == 0
    frame = SweepResults(out).outcomes()
    assert len(frame) == 12 and frame["run_id"].is_unique
    straight = run_sweep(spec, executor="serial", out=tmp_path / "straight", allow_plugins=True)
    pd.testing.assert_frame_equal(frame, SweepResults(straight.out).outcomes(), check_exact=True)


def test_a_damaged_result_file_is_refused_by_readers_and_recomputed_by_a_rerun(tmp_path, capsys):
    spec = tmp_path / "small.toml"
    spec.write_text(f'strategies = ["multivector"]\nseeds = 2\nuntil = "{UNTIL}"\nruns_per_file = 1\n')
    out, clean = tmp_path / "out", tmp_path / "clean"
    assert main(["sweep", str(spec), "--workers", "1", "--out", str(out), "--quiet"]) == 0
    assert main(["sweep", str(spec), "--workers", "1", "--out", str(clean), "--quiet"]) == 0
    victim = out / "outcomes" / "part-00001.parquet"
    victim.write_bytes(victim.read_bytes()[:100])
    assert main(["compare", str(out)]) == 2
    err = capsys.readouterr().err
    assert "part-00001.parquet" in err and "corrupt" in err
    assert main(["sweep", str(spec), "--workers", "1", "--out", str(out), "--quiet"]) == 0
    assert "1 computed" in capsys.readouterr().out
    assert part_bytes(out) == part_bytes(clean)


def test_resuming_with_different_model_code_is_refused(tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"
    assert main(["sweep", str(tiny_spec(tmp_path)), "--workers", "1", "--out", str(out), "--quiet"]) == 0
    monkeypatch.setattr("experiments.sweep.store.model_fingerprint", lambda: "0" * 16)  # as if world/ had changed
    assert main(["sweep", str(tiny_spec(tmp_path)), "--workers", "1", "--out", str(out), "--quiet"]) == 2
    assert "model code" in capsys.readouterr().err


def test_time_series_are_stored_per_run(tmp_path):
    spec = tmp_path / "ts.toml"
    spec.write_text(
        f'strategies = ["multivector"]\nseeds = 2\nuntil = "{UNTIL}"\n'
        'timeseries = ["autonomy", "dependence.RUS"]\noutcomes = ["autonomy_final"]\n'
    )
    summary = run_sweep(spec, executor="serial", out=tmp_path / "out")
    series = pd.read_parquet(summary.out / "timeseries")
    outcomes = pd.read_parquet(summary.out / "outcomes")
    assert list(series.columns) == ["run_id", "step", "date", "autonomy", "dependence.RUS"]
    assert series.groupby("run_id").size().eq(series["step"].max() + 1).all()
    last = series.groupby("run_id")["autonomy"].last()
    assert last.loc[outcomes["run_id"]].tolist() == outcomes["autonomy_final"].tolist()
    assert summary.computed == 2 and summary.seconds > 0


def tiny_spec(folder: Path) -> Path:
    spec = folder / "tiny.toml"
    spec.write_text('name = "tiny"\nstrategies = ["multivector"]\nseeds = 3\nuntil = "2026Q4"\nruns_per_file = 1\n')
    return spec


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path, capsys):
    assert main(["sweep", str(tiny_spec(tmp_path)), "--workers", "1", "--out", str(tmp_path / "out")]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "3 computed" in captured.out


def test_progress_bar_on_a_terminal_shows_runs_rate_and_eta(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 120, 0, 0))
    command = [
        sys.executable,
        "-m",
        "experiments.cli",
        "sweep",
        str(tiny_spec(tmp_path)),
        "--workers",
        "1",
        "--out",
        str(tmp_path / "out"),
    ]
    process = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave)
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal closes when the process exits
            break
        if not chunk:
            break
        output += chunk
    assert process.wait() == 0
    text = output.decode(errors="replace")
    assert "tiny:" in text and "3/3" in text and "run/s" in text and "<" in text  # elapsed<remaining
