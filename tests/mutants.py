"""Mutants of the default scenario and its data tables, as an attacker or a careless editor would make them.

Each mutant is a copy of ``world/scenarios/eurasia.toml`` and every table it reads, in a fresh folder, with
one change: a bad cell (NaN, infinity, 1e309, 1e-300, a negative, a word), a duplicated or dropped row, a
column zeroed, bytes that are not UTF-8, a scenario parameter or inline event out of bounds, a bad event
filter, deep TOML nesting, an unknown policy. :func:`judge` runs ``multivector run`` on it and says what
happened; the fuzz test (tests/test_fuzz_inputs.py) asserts every outcome is a clean refusal or a sane run.

``python tests/mutants.py N`` prints the statistics over N random mutants (no hypothesis shrinking).
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import random
import re
import shutil
import sys
import tempfile
import traceback
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from experiments.cli import main  # noqa: E402
from world.scenario import DATA_DIR, SCENARIO_DIR  # noqa: E402

TABLES = (
    "actors",
    "institutions",
    "memberships",
    "trade",
    "investment",
    "corridors",
    "events",
    "parameters",
    "oil_prices",
    "oil_volumes",
)
BAD_NUMBERS = ("nan", "inf", "-inf", "1e309", "1e-300", "0", "-1", "5", "1e3", "abc", "", "1e15", "-0.5")
BAD_WORDS = ("", "nope", "ZZZ", "KAZ", "payload:Anything", "RUS", "eaeu", "é", "x" * 300, "2010Q5", "1.5")
SCENARIO_VALUES = ("nan", "inf", "-inf", "1e309", "5", "-1", "1e3", "0", '"abc"', "true", "[]", "{}")
UNTIL = "2026Q4"  # past levers_from (2025Q1), so lever-period rules run too; short enough for hundreds of runs

# Declared ranges of the recorded series (until the project's measures table names them all).
RANGES = [
    (r"^(autonomy|hhi_trade|hhi_routes|alignment_balance)$", 0.0, 1.0),
    (
        r"^(dependence|route_dependence|security_reliance|trade_share|export_share|investment_share|"
        r"export_route_share|oil_route_share|member)\.",
        0.0,
        1.0,
    ),
    (r"^affinity\.", -1.0, 1.0),
    (
        r"^(corridor_capacity|corridor_days|corridor_volume|gdp|export_revenue|transit_revenue|lost_exports_mt|"
        r"capture_events|pressure_received|pressure|contracted_volume|lever\.oil_exports_mt|oil_shut_in_mt|"
        r"shut_in_revenue_bn|contract_fees_bn|transit_cargo_mt|sea_cargo_drawn_mt)(\.|$)",
        0.0,
        math.inf,
    ),
]
SHARE_GROUPS = ("export_route_share.", "oil_route_share.")  # each sums to 1 every quarter


@dataclass(frozen=True)
class Mutation:
    """One change to the copied scenario folder (``kind`` says which; the rest are its arguments)."""

    kind: str
    target: str = ""
    row: int = 0
    column: int = 0
    value: str = ""

    def apply(self, folder: Path) -> None:
        getattr(self, f"_{self.kind}")(folder)

    # --- table mutations -------------------------------------------------------------
    def _rows(self, folder: Path) -> tuple[Path, list[str], list[dict]]:
        path = folder / f"{self.target}.csv"
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            return path, list(reader.fieldnames or []), list(reader)

    @staticmethod
    def _write(path: Path, header: list[str], rows: list[dict]) -> None:
        with path.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, header)
            writer.writeheader()
            writer.writerows(rows)

    def _cell(self, folder: Path) -> None:
        path, header, rows = self._rows(folder)
        if rows:
            rows[self.row % len(rows)][header[self.column % len(header)]] = self.value
        self._write(path, header, rows)

    def _numeric_column(self, header: list[str], rows: list[dict]) -> str:
        numeric = [c for c in header if rows and all(_is_number(r[c]) for r in rows if r[c])]
        return numeric[self.column % len(numeric)] if numeric else header[0]

    def _number(self, folder: Path) -> None:
        path, header, rows = self._rows(folder)
        if rows:
            rows[self.row % len(rows)][self._numeric_column(header, rows)] = self.value
        self._write(path, header, rows)

    def _column(self, folder: Path) -> None:
        path, header, rows = self._rows(folder)
        column = self._numeric_column(header, rows)
        for row in rows:
            row[column] = self.value
        self._write(path, header, rows)

    def _duplicate(self, folder: Path) -> None:
        path, header, rows = self._rows(folder)
        if rows:
            rows.append(dict(rows[self.row % len(rows)]))
        self._write(path, header, rows)

    def _drop(self, folder: Path) -> None:
        path, header, rows = self._rows(folder)
        if rows:
            del rows[self.row % len(rows)]
        self._write(path, header, rows)

    def _bytes(self, folder: Path) -> None:
        path = folder / self.target
        data = path.read_bytes()
        at = self.row % (len(data) + 1)
        path.write_bytes(data[:at] + self.value.encode("latin-1") + data[at:])

    # --- scenario mutations ----------------------------------------------------------
    def _scenario_append(self, folder: Path) -> None:
        path = folder / "mutant.toml"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + self.value + "\n", encoding="utf-8")

    def _scenario_key(self, folder: Path) -> None:
        """Set a top-level key (inserted before the first table, where TOML wants it)."""
        path = folder / "mutant.toml"
        lines = [
            line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith(f"{self.target} =")
        ]
        first_table = next((i for i, line in enumerate(lines) if line.startswith("[")), len(lines))
        lines.insert(first_table, f"{self.target} = {self.value}")
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


def random_mutation(rng: random.Random) -> Mutation:
    """One mutation of the kinds the integrity review tried (the hypothesis test draws the same kinds)."""
    kind = rng.choice(
        ["cell", "number", "number", "column", "duplicate", "drop", "bytes", "scenario_append", "scenario_key"]
    )
    table = rng.choice(TABLES)
    if kind == "cell":
        return Mutation(kind, table, rng.randrange(100), rng.randrange(20), rng.choice(BAD_WORDS + BAD_NUMBERS))
    if kind in ("number", "column"):
        return Mutation(kind, table, rng.randrange(100), rng.randrange(20), rng.choice(BAD_NUMBERS))
    if kind in ("duplicate", "drop"):
        return Mutation(kind, table, rng.randrange(100))
    if kind == "bytes":
        return Mutation(
            kind,
            rng.choice([f"{t}.csv" for t in TABLES] + ["mutant.toml"]),
            rng.randrange(5000),
            value=rng.choice(["\xff", "\xe9", "\x00", "\xc3\x28"]),
        )
    if kind == "scenario_key":
        key = rng.choice(["strategy", "focal", "start", "horizon", "levers_from", "name"])
        return Mutation(
            kind,
            key,
            value=rng.choice(
                [
                    '"payload:Anything"',
                    '"nope"',
                    '"RUS"',
                    '"2010Q5"',
                    '"2041Q1"',
                    '""',
                    "1",
                    '"2030Q1"',
                    '"isolationist"',
                ]
            ),
        )
    return Mutation(kind, value=scenario_snippet(rng))


def scenario_snippet(rng: random.Random) -> str:
    """A TOML fragment appended to the scenario: a parameter, an inline event, a filter, policies, nesting."""
    choice = rng.randrange(6)
    if choice == 0:
        name = rng.choice(
            [
                "russian_pressure",
                "oil_price",
                "weight_trade",
                "adjustment_speed",
                "transit_fee",
                "nope",
                "investment_lag",
                "dependence_ceiling",
            ]
        )
        return f"[parameters]\n{name} = {rng.choice(SCENARIO_VALUES)}"
    if choice == 1:
        kind = rng.choice(
            [
                "sanctions",
                "capacity",
                "opinion",
                "transit_disruption",
                "pledge",
                "join",
                "bri",
                "reliability",
                "cargo_demand",
                "route_priority",
                "route_contract",
                "nope",
            ]
        )
        target = rng.choice(["RUS", "KAZ", "cpc", "middle", "EAEU", "nope", "TUR"])
        magnitude = rng.choice(["nan", "inf", "1e3", "-1e3", "0.5", "-0.5", "1", "1e309", "3"])
        date = rng.choice(["2012Q1", "2025Q3", "2010Q5", "1999Q1", "2026Q1"])
        return (
            f'[[events]]\ndate = "{date}"\nkind = "{kind}"\nactor = "{rng.choice(["RUS", "EU", "nope"])}"\n'
            f'target = "{target}"\nmagnitude = {magnitude}\nduration = {rng.choice([0, 4, -1, 1000])}\n'
            'reason = "fuzz"\nsource = "fuzz"'
        )
    if choice == 2:
        field = rng.choice(["after", "date", "kind", "target", "nope"])
        return f'[[exclude_events]]\n{field} = "{rng.choice(["2010Q5", "2022Q1", "sanctions", "x", ""])}"'
    if choice == 3:
        return (
            f"[policies]\n{rng.choice(['RUS', 'EAEU', 'KAZ', 'nope'])} = "
            f'"{rng.choice(["nope", "payload:Anything", "customs_union", "forum", "great_power"])}"'
        )
    if choice == 4:
        depth = rng.choice([10, 100, 5000])
        return f"deep = {'[' * depth}{']' * depth}"
    return f'exclude_actors = ["{rng.choice(["KAZ", "RUS", "CHN", "nope", "EU"])}"]'.replace(
        "exclude_actors", "[data]\nnope" if rng.random() < 0.2 else "exclude_actors_x"
    )


def make_folder(mutation: Mutation) -> Path:
    """A temporary folder with the default scenario (as mutant.toml), every table beside it, and the mutation."""
    folder = Path(tempfile.mkdtemp(prefix="mutant-"))
    shutil.copy(SCENARIO_DIR / "eurasia.toml", folder / "mutant.toml")
    for table in TABLES:
        shutil.copy(DATA_DIR / f"{table}.csv", folder / f"{table}.csv")
    mutation.apply(folder)
    return folder


@dataclass
class Verdict:
    kind: str  # "refused", "ran", "traceback", "bad message", "bad output", "wrote on refusal"
    detail: str = ""


def judge(mutation: Mutation) -> Verdict:
    """Run ``multivector run`` on the mutant; classify the outcome (and clean up)."""
    folder = make_folder(mutation)
    out = folder / "out"
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            try:
                code = main(
                    ["run", "--scenario", str(folder / "mutant.toml"), "--until", UNTIL, "--out", str(out), "--quiet"]
                )
            except BaseException:  # noqa: BLE001 - a traceback is what we count
                return Verdict("traceback", traceback.format_exc(limit=3)[-600:])
        message = err.getvalue().strip()
        if code == 2:
            return _judge_refusal(message, folder, out)
        if code != 0:
            return Verdict("traceback", f"exit {code}: {message[:300]}")
        return _judge_run(out)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _judge_refusal(message: str, folder: Path, out: Path) -> Verdict:
    if out.exists():
        return Verdict("wrote on refusal", message)
    short = message.replace(str(folder.resolve()), "").replace(str(folder), "")
    names_file = any(f"{name}.csv" in message for name in TABLES) or "mutant.toml" in message
    if "\n" in message or len(short) >= 200 or not names_file:
        return Verdict("bad message", message)
    return Verdict("refused", message)


def _judge_run(out: Path) -> Verdict:
    record = json.loads((out / "run.json").read_text(), parse_constant=_no_constant)
    bad = problems(pd.read_parquet(out / "timeseries.parquet"), record["outcomes"])
    return Verdict("bad output", ", ".join(bad[:5])) if bad else Verdict("ran")


OUTCOME_RANGES = [(r"^(autonomy|dependence|hhi|alignment_balance)_", 0.0, 1.0)]


def problems(series: pd.DataFrame, outcomes: dict[str, float]) -> list[str]:
    """Every recorded number that is non-finite or outside its declared range; route shares that do not sum to 1."""
    bad = [k for k, v in outcomes.items() if not math.isfinite(v)]
    for pattern, low, high in OUTCOME_RANGES:
        bad += [f"{k} = {v:g}" for k, v in outcomes.items() if re.search(pattern, k) and not low <= v <= high]
    numeric = series.select_dtypes("number")
    bad += [c for c in numeric.columns if not numeric[c].map(math.isfinite).all()]
    for pattern, low, high in RANGES:
        for column in (c for c in numeric.columns if re.search(pattern, c)):
            if ((numeric[column] < low - 1e-9) | (numeric[column] > high + 1e-9)).any():
                bad.append(f"{column} outside [{low}, {high}] (max {numeric[column].max():g})")
    for prefix in SHARE_GROUPS:
        group = numeric[[c for c in numeric.columns if c.startswith(prefix)]]
        if not group.empty and not ((group.sum(axis=1) - 1.0).abs() < 1e-6).all():
            bad.append(f"{prefix}* does not sum to 1")
    return bad


def _no_constant(name: str):
    raise ValueError(f"run.json holds {name}: not strict JSON")


if __name__ == "__main__":
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    rng = random.Random(int(sys.argv[2]) if len(sys.argv) > 2 else 0)
    counts: dict[str, int] = {}
    examples: dict[str, list] = {}
    for _ in range(total):
        mutation = random_mutation(rng)
        verdict = judge(mutation)
        counts[verdict.kind] = counts.get(verdict.kind, 0) + 1
        examples.setdefault(verdict.kind, []).append((mutation, verdict.detail))
    print(json.dumps(counts, sort_keys=True))
    for kind, items in examples.items():
        if kind not in ("refused", "ran"):
            for mutation, detail in items[:8]:
                print(f"--- {kind}: {mutation}\n{detail}")
