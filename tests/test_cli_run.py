"""``multivector run``: the files it writes and the public column contract."""

from __future__ import annotations

import json
import platform
import re

import numpy as np
import pandas as pd
import pytest

from experiments.cli import main
from world import load_scenario

ACTORS = "RUS CHN EU USA TUR AZE GEO IRN UZB TKM KGZ TJK BLR".split()
CORRIDORS = "northern middle north_south arctic cpc atyrau_samara caspian_oil china_pipeline".split()
INSTITUTIONS = "EAEU CSTO SCO CIS OTS PFP OSCE".split()


@pytest.fixture(scope="module")
def run_dir(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    assert main(["run", "--quiet", "--seed", "3", "--until", "2030Q4", "--out", str(out)]) == 0
    return out


def test_writes_the_four_files(run_dir):
    assert sorted(p.name for p in run_dir.iterdir()) == [
        "events.csv",
        "run.json",
        "timeseries.csv",
        "timeseries.parquet",
    ]


def test_timeseries_has_the_documented_columns(run_dir):
    frame = pd.read_csv(run_dir / "timeseries.csv")
    expected = ["step", "date", "autonomy", "gdp", "pressure_received", "hhi_trade", "hhi_routes"]
    expected += [f"dependence.{a}" for a in ACTORS] + [f"trade_share.{a}" for a in ACTORS + ["ROW"]]
    expected += [f"affinity.{a}" for a in ACTORS]
    expected += [f"export_route_share.{c}" for c in CORRIDORS] + [f"corridor_volume.{c}" for c in CORRIDORS]
    expected += [f"member.{i}" for i in INSTITUTIONS]
    assert not set(expected) - set(frame.columns)
    assert frame["date"].iloc[0] == "2010Q1" and frame["date"].iloc[-1] == "2030Q4"
    assert frame["date"].iloc[50] == "2022Q3"
    parquet = pd.read_parquet(run_dir / "timeseries.parquet")
    assert list(parquet.columns) == list(frame.columns)
    assert np.allclose(parquet["autonomy"], frame["autonomy"])


def test_trade_shares_sum_to_one(run_dir):
    frame = pd.read_csv(run_dir / "timeseries.csv")
    shares = frame[[c for c in frame.columns if c.startswith("trade_share.")]]
    assert np.allclose(shares.sum(axis=1), 1.0)
    routes = frame[[c for c in frame.columns if c.startswith("export_route_share.")]]
    assert np.allclose(routes.sum(axis=1), 1.0)


def test_kazakhstan_starts_in_csto_and_joins_the_customs_union_in_2010(run_dir):
    frame = pd.read_csv(run_dir / "timeseries.csv").set_index("date")
    assert frame.loc["2010Q1", "member.CSTO"] == 1
    assert frame.loc["2010Q1", "member.EAEU"] == 0
    assert frame.loc["2010Q3", "member.EAEU"] == 1


def test_event_log_names_actor_reason_and_source(run_dir):
    events = pd.read_csv(run_dir / "events.csv")
    assert list(events.columns) == [
        "step",
        "date",
        "actor",
        "category",
        "action",
        "target",
        "magnitude",
        "reason",
        "source",
        "origin",
    ]
    assert events["reason"].str.len().min() > 5
    assert events["source"].str.len().min() > 5
    assert set(events["category"]) == {"trade", "investment", "security", "pressure", "diplomacy", "scheduled"}
    cpc = events[(events["action"] == "transit_disruption") & (events["origin"] == "scheduled")]
    # Four outages (002), two of them spanning two quarters: one row per quarter each touches.
    assert sorted(set(cpc["date"])) == ["2022Q1", "2022Q2", "2022Q3", "2022Q4"]
    assert cpc["source"].str.contains("002 · In the Wake of the War").all()


def test_run_json_records_everything_needed_to_reproduce(run_dir):
    meta = json.loads((run_dir / "run.json").read_text())
    assert meta["scenario"] == "eurasia" and meta["strategy"] == "multivector" and meta["seed"] == 3
    assert meta["parameters"]["russian_pressure"] == 0.35
    assert {"mesa", "numpy", "python"} <= set(meta["versions"])
    assert set(meta["parameters"]) == set(load_scenario("eurasia").parameters)  # every parameter, not only the set ones
    provenance = meta["provenance"]
    assert re.fullmatch(r"[0-9a-f]{40}", provenance["commit"]) and isinstance(provenance["dirty"], bool)
    assert provenance["timestamp"].endswith("+00:00") and provenance["python"]["version"] == platform.python_version()
    assert 0.0 <= meta["outcomes"]["autonomy_final"] <= 1.0


def test_summary_table_is_printed(tmp_path, capsys):
    assert main(["run", "--seed", "0", "--until", "2026Q4", "--out", str(tmp_path / "o")]) == 0
    out = capsys.readouterr().out
    assert "autonomy" in out and "vuln.RUS" in out and "2022Q1" in out and "2026Q4" in out
