"""A sweep folder belongs to one input: edits, changed columns, damaged files and a second sweep at the same
time never make it serve old, mixed or NaN results."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from experiments.cli import main
from experiments.sweep.store import SweepResults
from world import load_scenario
from world.scenario import SCENARIO_DIR

UNTIL = "2026Q4"


def write_spec(folder: Path, scenario: Path | str = "eurasia", extra: str = "", name: str = "spec") -> Path:
    path = folder / f"{name}.toml"
    path.write_text(
        f'name = "{name}"\nscenarios = ["{scenario}"]\nstrategies = ["multivector", "passive"]\n'
        f'seeds = 2\nuntil = "{UNTIL}"\nruns_per_file = 1\n{extra}'
    )
    return path


def own_scenario(folder: Path) -> Path:
    """A user's scenario file outside world/ (a copy of the default one)."""
    path = folder / "mine.toml"
    shutil.copy(SCENARIO_DIR / "eurasia.toml", path)
    return path


def sweep(spec: Path, out: Path) -> int:
    return main(["sweep", str(spec), "--workers", "1", "--out", str(out), "--quiet"])


def parts(out: Path, kind: str = "outcomes") -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((out / kind).glob("part-*.parquet"))}


def test_editing_a_user_scenario_file_refuses_the_resume_and_names_the_file(tmp_path, capsys):
    scenario = own_scenario(tmp_path)
    spec, out = write_spec(tmp_path, scenario), tmp_path / "out"
    assert sweep(spec, out) == 0
    before = parts(out)
    scenario.write_text(scenario.read_text() + "\n[parameters]\nrussian_pressure = 0.9\n")
    assert sweep(spec, out) == 2
    err = capsys.readouterr().err.strip()
    assert "scenario file" in err and "mine.toml" in err and len(err.splitlines()) == 1
    assert parts(out) == before  # the refusal wrote nothing


def test_editing_a_data_table_beside_the_scenario_is_named(tmp_path, capsys):
    scenario = own_scenario(tmp_path)
    shutil.copy(SCENARIO_DIR.parent / "data" / "oil_prices.csv", tmp_path / "oil_prices.csv")
    spec, out = write_spec(tmp_path, scenario), tmp_path / "out"
    assert sweep(spec, out) == 0
    table = tmp_path / "oil_prices.csv"
    table.write_text(table.read_text().replace("2010,80,", "2010,81,"))
    assert sweep(spec, out) == 2
    assert "data table 'oil_prices'" in capsys.readouterr().err


@pytest.mark.parametrize(
    "change, named",
    [
        ('outcomes = ["autonomy_final"]\n', "outcome columns"),
        ('timeseries = ["autonomy", "hhi_trade"]\n', "timeseries columns"),
    ],
)
def test_changing_stored_columns_is_refused_not_filled_with_nan(tmp_path, capsys, change, named):
    out = tmp_path / "out"
    assert (
        sweep(
            write_spec(tmp_path, extra='outcomes = ["autonomy_final", "gdp_final"]\ntimeseries = ["autonomy"]\n'), out
        )
        == 0
    )
    edited = write_spec(
        tmp_path,
        extra=change
        + ('timeseries = ["autonomy"]\n' if "outcomes" in change else 'outcomes = ["autonomy_final", "gdp_final"]\n'),
    )
    assert sweep(edited, out) == 2
    err = capsys.readouterr().err
    assert named in err and "different sweep" in err
    assert not SweepResults(out).outcomes().isna().any().any()


def test_changing_runs_per_file_says_how_to_resume(tmp_path, capsys):
    out = tmp_path / "out"
    assert sweep(write_spec(tmp_path), out) == 0
    assert sweep(write_spec(tmp_path).with_name("spec.toml"), out) == 0  # same spec: nothing to do
    (tmp_path / "spec.toml").write_text(
        (tmp_path / "spec.toml").read_text().replace("runs_per_file = 1", "runs_per_file = 2")
    )
    assert sweep(tmp_path / "spec.toml", out) == 2
    err = capsys.readouterr().err
    assert "runs_per_file = 1 to resume" in err and "corrupt" not in err


@pytest.mark.parametrize("victim", ["timeseries/part-00001.parquet", "manifest.parquet"])
def test_a_truncated_part_or_manifest_is_repaired_on_resume(tmp_path, victim):
    spec = write_spec(tmp_path, extra='timeseries = ["autonomy"]\n')
    out, clean = tmp_path / "out", tmp_path / "clean"
    assert sweep(spec, out) == 0 and sweep(spec, clean) == 0
    path = out / victim
    path.write_bytes(path.read_bytes()[: len(path.read_bytes()) // 2])
    assert sweep(spec, out) == 0
    for kind in ("outcomes", "timeseries"):
        assert parts(out, kind) == parts(clean, kind)
    assert (out / "manifest.parquet").read_bytes() == (clean / "manifest.parquet").read_bytes()


def test_a_damaged_sweep_json_is_rebuilt_when_the_ledger_matches(tmp_path, capsys):
    spec, out = write_spec(tmp_path), tmp_path / "out"
    assert sweep(spec, out) == 0
    record = json.loads((out / "sweep.json").read_text())
    (out / "sweep.json").write_text(json.dumps(record)[:50])
    assert sweep(spec, out) == 0
    assert "0 computed" in capsys.readouterr().out
    rebuilt = json.loads((out / "sweep.json").read_text())
    # Everything that describes the input comes back; who computed the runs (the sessions) was lost with it.
    assert rebuilt["sessions"] == [] and len(record["sessions"]) == 1
    assert {k: v for k, v in rebuilt.items() if k != "sessions"} == {k: v for k, v in record.items() if k != "sessions"}


def test_a_damaged_sweep_json_and_ledger_is_refused_with_a_command_that_works(tmp_path, capsys):
    spec, out = write_spec(tmp_path), tmp_path / "out"
    assert sweep(spec, out) == 0
    (out / "sweep.json").write_text("{")
    (out / "parts.json").write_text("{")
    assert sweep(spec, out) == 2
    err = capsys.readouterr().err
    command = err[err.index("rm -r") :].split(")")[0]
    subprocess.run(command, shell=True, check=True)
    assert sweep(spec, out) == 0


def test_a_busy_folder_is_refused_and_freed_when_its_holder_dies(tmp_path, capsys):
    spec, out = write_spec(tmp_path), tmp_path / "out"
    out.mkdir()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import fcntl, sys, time; f = open(sys.argv[1], 'a');"
            "fcntl.flock(f, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
            str(out / ".lock"),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert sweep(spec, out) == 1
        assert "another sweep" in capsys.readouterr().err
        assert not (out / "sweep.json").exists()
    finally:
        holder.kill()
        holder.wait()
    assert sweep(spec, out) == 0


def test_two_sweeps_started_together_never_mix(tmp_path):
    """Different specs (and the same spec twice) into one folder at the same moment: one wins, the other
    refuses cleanly; whatever is stored belongs to the spec sweep.json names."""
    first = write_spec(tmp_path, name="first")
    second = write_spec(tmp_path, extra="seed = 7\n", name="second")
    for a, b in ((first, second), (first, first)):
        out = tmp_path / f"out-{a.stem}-{b.stem}"

        def command(spec, out=out):
            return [
                sys.executable,
                "-m",
                "experiments.cli",
                "sweep",
                str(spec),
                "--workers",
                "1",
                "--out",
                str(out),
                "--quiet",
            ]

        runs = [
            subprocess.Popen(command(spec), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            for spec in (a, b)
        ]
        results = [(run.wait(), run.stderr.read()) for run in runs]
        # Overlapping: the later one finds the folder busy (1). Not overlapping: it finds the other spec's
        # finished folder (2, a different sweep) or, for the same spec, nothing left to do (0).
        assert all(
            code == 0 or (code == 1 and "another sweep" in err) or (code == 2 and "different sweep" in err)
            for code, err in results
        ), results
        assert all("Traceback" not in err for _, err in results)
        assert any(code == 0 for code, _ in results)
        meta = json.loads((out / "sweep.json").read_text())
        stored = SweepResults(out).outcomes()
        manifest = pd.read_parquet(out / "manifest.parquet")
        assert meta["spec"]["seed"] in (0, 7)
        assert stored["run_id"].tolist() == manifest["run_id"].tolist()
        assert stored["seed"].tolist() == manifest["seed"].tolist()


def test_the_lock_is_held_while_the_store_is_open(tmp_path):
    from experiments.sweep.driver import prepare
    from experiments.sweep.store import FolderBusy, SweepStore

    plan, _ = prepare(write_spec(tmp_path))
    out = tmp_path / "out"
    with SweepStore.open(out, plan):
        with pytest.raises(FolderBusy):
            SweepStore.open(out, plan)
        with open(out / ".lock") as handle, pytest.raises(BlockingIOError):
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert not out.exists()  # opened, never written: nothing left behind
    assert os.getpid()  # the store released its descriptor (a second open succeeds)
    with SweepStore.open(out, plan):
        pass


def test_sweep_json_records_every_parameter_and_each_session_that_computed_runs(tmp_path):
    spec = write_spec(tmp_path, extra="[levers.russian_pressure]\nvalues = [0.2, 0.6]\n[fixed]\noil_price = 90\n")
    out = tmp_path / "out"
    assert main(["sweep", str(spec), "--workers", "1", "--out", str(out), "--quiet"]) == 0
    meta = json.loads((out / "sweep.json").read_text())
    record = meta["parameters"]["eurasia"]
    assert record["swept"] == ["russian_pressure"]
    assert set(record["values"]) | {"russian_pressure"} == set(load_scenario("eurasia").parameters)
    assert record["values"]["oil_price"] == 90.0
    (first,) = meta["sessions"]
    assert len(first["commit"]) == 40 and isinstance(first["dirty"], bool) and first["timestamp"].endswith("+00:00")
    assert first["versions"]["mesa"] and first["python"]["version"]

    ledger = json.loads((out / "parts.json").read_text())
    victim = sorted(ledger["parts"])[-1]
    (out / victim).unlink()  # one block to recompute: the rerun is a second session
    assert main(["sweep", str(spec), "--workers", "1", "--out", str(out), "--quiet"]) == 0
    assert len(json.loads((out / "sweep.json").read_text())["sessions"]) == 2
    assert main(["sweep", str(spec), "--workers", "1", "--out", str(out), "--quiet"]) == 0  # computes nothing
    assert len(json.loads((out / "sweep.json").read_text())["sessions"]) == 2
