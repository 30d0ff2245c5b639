"""Synthetic worlds of N states under the same rules: for scaling benchmarks and stress tests.

``generate_scenario(200)`` returns a :class:`~world.scenario.Scenario` whose
first 14 actors, corridors, institutions and scheduled events are the
default world's, plus ``N - 14`` synthetic states. Each synthetic state gets
a size, a location in Eurasia and a built-in policy ("neighbour" or
"neutral"); every tenth one opens a cargo corridor that it transits, and
every twentieth one founds a forum the others join at random. The data go
through the same CSV files and validation as a real scenario (they are
written to a folder and read back with :func:`~world.scenario.load_scenario`),
so ``DiplomacyModel(setting=generate_scenario(n))`` runs the same code a
real scenario does: gravity trade between every pair, routing, memberships.

This is a design device for measuring how the cost of a run grows with N, not data:
every generated row's source says so.
"""

from __future__ import annotations

import csv
import itertools
import string
import tempfile
from pathlib import Path

import numpy as np

from world.scenario import DATA_DIR, SCENARIO_DIR, Scenario, load_scenario

SOURCE = "synthetic (world/generator.py): scaling benchmark, not data"
BASE_TABLES = ("actors", "corridors", "institutions", "memberships")
STATES_PER_CORRIDOR = 10
STATES_PER_FORUM = 20


def synthetic_codes(count: int) -> list[str]:
    """``XAAA``, ``XAAB``, …: four-letter codes that cannot clash with the real two/three-letter ones."""
    letters = string.ascii_uppercase
    return ["X" + "".join(t) for t in itertools.islice(itertools.product(letters, repeat=3), count)]


def _read(name: str) -> tuple[list[str], list[dict]]:
    with (DATA_DIR / f"{name}.csv").open(newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, columns: list[str], rows: list[dict]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)


def write_world(n_states: int, folder: Path, seed: int = 0) -> Path:
    """Write a synthetic scenario of ``n_states`` actors into ``folder``; return the ``.toml`` path."""
    tables = {name: _read(name) for name in BASE_TABLES}
    base_actors = tables["actors"][1]
    extra = n_states - len(base_actors)
    if extra < 0:
        raise ValueError(f"n_states = {n_states}: the default world already has {len(base_actors)} actors")
    rng = np.random.default_rng(seed)
    codes = synthetic_codes(extra)
    actors, corridors, institutions, memberships = (tables[name][1] for name in BASE_TABLES)
    for k, code in enumerate(codes):
        actors.append(
            {
                "code": code,
                "name": f"Synthetic state {code}",
                "kind": "state",
                "gdp_bn": f"{float(rng.lognormal(3.5, 1.2)):.3f}",
                "military_bn": f"{float(rng.uniform(0.1, 5)):.3f}",
                "growth": f"{float(rng.uniform(0.0, 0.06)):.4f}",
                "long_run_growth": f"{float(rng.uniform(0.01, 0.04)):.4f}",
                "lon": f"{float(rng.uniform(20, 120)):.2f}",
                "lat": f"{float(rng.uniform(30, 60)):.2f}",
                "governance": f"{float(rng.uniform(0.1, 0.9)):.2f}",
                "turkic": str(int(rng.random() < 0.2)),
                "oil_exporter": str(int(rng.random() < 0.2)),
                "policy": "neighbour" if k % 2 == 0 else "neutral",
                "source": SOURCE,
            }
        )
        if k % STATES_PER_CORRIDOR == 0:
            capacity = f"{float(rng.uniform(0.5, 5)):.2f}"
            days = f"{float(rng.uniform(15, 60)):.1f}"
            cost = f"{float(rng.uniform(100, 200)):.1f}"
            corridors.append(
                {
                    "name": f"synthetic_{code.lower()}",
                    "kind": "cargo",
                    "path": f"CHN-KAZ-{code}-EU",
                    "controllers": code,
                    "capacity_mt": capacity,
                    "transit_days": days,
                    "cost_usd_t": cost,
                    "reliability": f"{float(rng.uniform(0.5, 0.95)):.2f}",
                    # No short-run limit (ramp = capacity), the usual lag, the route's tariff as its fee.
                    "ramp_mt_q": capacity,
                    "contract_lag_q": "2",
                    "contract_fee_usd_t": cost,
                    "sea_rival": "0",
                    "source": SOURCE,
                    "routing_source": SOURCE,
                }
            )
        if k % STATES_PER_FORUM == 0:
            institutions.append(
                {
                    "code": f"F{code[1:]}",
                    "name": f"Synthetic forum {code}",
                    "tariff_free": "0",
                    "security_guarantee": "0",
                    "forum": f"{float(rng.uniform(0.05, 0.3)):.2f}",
                    "external_tariff": "0",
                    "alignment_demand": "0",
                    "leader": code,
                    "policy": "forum",
                    "source": SOURCE,
                }
            )
    forums = [row["code"] for row in institutions if row["source"] == SOURCE]
    for code in codes:
        for forum in forums:
            if rng.random() < 2.0 / max(len(forums), 1):
                memberships.append(
                    {
                        "actor": code,
                        "institution": forum,
                        "status": "member",
                        "joined": "",
                        "left": "",
                        "source": SOURCE,
                    }
                )
    folder.mkdir(parents=True, exist_ok=True)
    for name in BASE_TABLES:
        _write(folder / f"{name}.csv", tables[name][0], tables[name][1])
    base_spec = (SCENARIO_DIR / "eurasia.toml").read_text(encoding="utf-8")
    spec = "\n".join(line for line in base_spec.splitlines() if not line.startswith(("name", "title")))
    toml = folder / f"synthetic_{n_states}.toml"
    toml.write_text(
        f'name = "synthetic_{n_states}"\ntitle = "Synthetic world of {n_states} states (seed {seed})"\n{spec}\n',
        encoding="utf-8",
    )
    return toml


def generate_scenario(n_states: int, seed: int = 0, folder: Path | None = None) -> Scenario:
    """A validated synthetic scenario of ``n_states`` actors (written to ``folder``, or a temporary one)."""
    if folder is not None:
        return load_scenario(write_world(n_states, Path(folder), seed))
    with tempfile.TemporaryDirectory(prefix="multivector-world-") as tmp:
        return load_scenario(write_world(n_states, Path(tmp), seed))
