"""The result store: a sweep folder that fills block by block, survives being killed at any point, and
belongs to exactly one input.

Layout of ``OUT/``::

    sweep.json          the spec, its digest, the plan digest, the input fingerprint and what it covers
                        (model code, every scenario file and data table by content, plug-in strategy
                        modules, outcome and time-series columns), sampler problem, versions, every
                        parameter's value per scenario (swept ones named), and one provenance record per
                        session that computed runs (git commit and dirty flag, UTC time, Python, packages)
    manifest.parquet    every planned run: run_id, run_index, scenario, strategy, point,
                        replicate, seed and the lever values
    parts.json          the ledger: the input fingerprint, and for every stored part its rows and SHA-256
    outcomes/part-NNNNN.parquet    one file per finished block: the manifest columns plus
                                   one column per outcome (load all: pandas.read_parquet("OUT/outcomes"))
    timeseries/part-NNNNN.parquet  if the spec asks: run_id, step, date and the chosen columns
    .lock               held (``fcntl.flock``) by the one sweep writing into the folder

Crash safety. A block's files are written under a hidden temporary name
(``.part-….tmp``, see ``experiments.files``) and renamed into place, time
series first, outcomes next, and the ledger entry last: a block is finished
once the ledger lists its parts with checksums that match the bytes on disk.
A kill between any two steps leaves a part the ledger does not vouch for;
the next run deletes and recomputes it, as it does a part that was truncated
or altered since. Parts are named by block, and blocks are fixed by the spec,
so a resumed sweep ends with the same files as one that ran straight
through, and ``read_parquet`` returns rows in run order. Readers (pyarrow and
this module) skip hidden files; a restart deletes leftovers.

One input per folder. The fingerprint changes with anything that decides a
result; resuming (or rerunning a finished sweep) after a change is refused
with a line that says what changed, so a folder never mixes runs of two
inputs, and never serves stale ones. Only one sweep writes into a folder at a
time: the OS lock on ``.lock`` is taken before the folder is examined and is
released by the kernel when its holder exits or is killed, so two sweeps
started at the same moment cannot both proceed, and a stale lock cannot
outlive a crash. A damaged ``manifest.parquet`` is rebuilt from the spec (it
is a pure function of it); a damaged ``sweep.json`` is rebuilt if the ledger
shows the parts came from this same input, and refused otherwise; a damaged
ledger means no part is vouched for, so every part is recomputed.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import json
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from experiments.files import (
    OutputError,
    check_output_folder,
    disk_error,
    remove_leftovers,
    strict_json,
    write_parquet,
    write_text,
)
from experiments.sweep.plan import SweepPlan
from experiments.sweep.provenance import model_fingerprint, package_versions, session
from experiments.sweep.runner import BlockResult
from experiments.sweep.samplers import salib_problem
from experiments.sweep.spec import SweepSpec
from world.errors import InputError

FORMAT = "multivector-sweep/2"
READABLE_FORMATS = ("multivector-sweep/1", FORMAT)
SWEEP_FILE = "sweep.json"
MANIFEST_FILE = "manifest.parquet"
LEDGER_FILE = "parts.json"
LOCK_FILE = ".lock"
OUTCOMES_DIR = "outcomes"
TIMESERIES_DIR = "timeseries"
OWN_ENTRIES = {SWEEP_FILE, MANIFEST_FILE, LEDGER_FILE, OUTCOMES_DIR, TIMESERIES_DIR}
SPEC_FIELDS_NOT_DECIDING = {"name", "output", "warm_start", "runs_per_file"}  # layout or speed, not numbers
MAX_CHANGES_NAMED = 2  # keeps the refusal on one readable line


def _corrupt(path: Path, why: object) -> InputError:
    return InputError(
        f"{path}: corrupt result file ({str(why)[:80]}); run the same `multivector sweep` "
        "command again to recompute its runs"
    )


def _read_part(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    try:
        return pq.read_table(path, columns=columns).to_pandas()
    except (OSError, pa.ArrowException, ValueError) as error:
        raise _corrupt(path, error) from None


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _shown(path: Path) -> str:
    """A path as the user knows it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def input_files(plan: SweepPlan) -> dict[str, str]:
    """Digest of every file a sweep's results depend on beyond the model code: scenario files, data tables
    and the modules of plug-in strategies, keyed by what the user would call them."""
    from world import load_scenario
    from world.registry import STRATEGIES

    files: dict[str, str] = {}
    for name in plan.spec.scenarios:
        scenario = load_scenario(name)
        kinds = ["scenario file", *(f"data table '{table}'" for table in scenario.spec.data.model_dump())]
        for kind, path in zip(kinds, scenario.input_files()):
            files[f"{kind} {_shown(path)}"] = _file_digest(path)
    for name in plan.spec.strategies:
        if ":" in name:
            source = STRATEGIES.source_file(name)
            if source is not None:
                files[f"strategy module {_shown(source)}"] = _file_digest(source)
    return files


def fingerprint_parts(plan: SweepPlan) -> dict:
    """What decides a sweep's stored numbers, part by part (stored in sweep.json to name what changed)."""
    spec = plan.spec.model_dump(mode="json", exclude=SPEC_FIELDS_NOT_DECIDING)
    return {
        "deciding_spec": spec,
        "runs_per_file": plan.runs_per_file,
        "model_fingerprint": model_fingerprint(),
        "inputs": input_files(plan),
        "outcome_columns": list(plan.columns.outcomes),
        "timeseries_columns": None if plan.columns.timeseries is None else list(plan.columns.timeseries),
    }


def parameter_record(plan: SweepPlan) -> dict[str, dict]:
    """Per scenario of the sweep: the levers swept, and the value in force of every other parameter (the
    scenario's value, or the spec's ``fixed`` one), so a reader knows every input without the scenario file."""
    from world import load_scenario

    spec = plan.spec
    record = {}
    for name in spec.scenarios:
        values = {**load_scenario(name).parameter_values, **{k: float(v) for k, v in spec.fixed.items()}}
        record[name] = {
            "swept": list(spec.levers),
            "values": {k: float(v) for k, v in sorted(values.items()) if k not in spec.levers},
        }
    return record


def fingerprint(parts: dict) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()[:16]


def describe_changes(stored: dict, now: dict) -> list[str]:
    """What differs between the fingerprint parts a folder was written with and the current ones."""
    changes = []
    old_spec, new_spec = stored.get("deciding_spec") or {}, now["deciding_spec"]
    fields = sorted(k for k in set(old_spec) | set(new_spec) if old_spec.get(k) != new_spec.get(k))
    if fields:
        changes.append(f"spec field{'s' if len(fields) > 1 else ''} {', '.join(fields)}")
    if stored.get("model_fingerprint") != now["model_fingerprint"]:
        changes.append("model code (world/ or agents/)")
    old_inputs, new_inputs = stored.get("inputs") or {}, now["inputs"]
    for key in sorted(set(old_inputs) | set(new_inputs)):
        if old_inputs.get(key) != new_inputs.get(key):
            changes.append(
                key
                if key in old_inputs and key in new_inputs
                else f"{key} ({'new' if key in new_inputs else 'no longer read'})"
            )
    for kind in ("outcome", "timeseries"):
        if stored.get(f"{kind}_columns") != now[f"{kind}_columns"]:
            changes.append(f"{kind} columns")
    return changes


class FolderBusy(OutputError):
    """Another sweep holds the folder's lock."""


class SweepStore:
    """Writes one sweep's folder while holding its lock; knows which blocks are stored and intact.

    Use as a context manager (``with SweepStore.open(root, plan) as store``): the lock is released, and a
    folder this store created but never wrote into is removed, when the block ends.
    """

    def __init__(self, root: Path, plan: SweepPlan):
        self.root = Path(root)
        self.plan = plan
        width = max(5, len(str(plan.n_blocks - 1)))
        self._name = lambda block: f"part-{block:0{width}d}.parquet"
        self._parts = fingerprint_parts(plan)
        self.fingerprint = fingerprint(self._parts)
        self._ledger: dict[str, dict] = {}
        self._lock_fd: int | None = None
        self._created_folder = False
        self._started = False
        self._session_recorded = False
        self.notes: list[str] = []  # what verification repaired, for the caller to print
        self.runs_stored = 0  # runs whose parts the ledger vouches for (known after stored_blocks())

    # --- opening: lock, then check the folder holds this input ------------------------

    @classmethod
    def open(cls, root: Path, plan: SweepPlan) -> "SweepStore":
        """Lock the folder, and check that whatever it holds is this same sweep; refuse anything else.

        Writes nothing into a folder that does not yet hold a sweep (see :meth:`start`).
        """
        store = cls(root, plan)
        store._refuse_foreign_folder()
        store._lock()
        try:
            store._verify()
        except BaseException:
            store.close()
            raise
        return store

    def __enter__(self) -> "SweepStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _refuse_foreign_folder(self) -> None:
        check_output_folder(self.root)
        if self.root.is_dir():
            foreign = [p.name for p in self.root.iterdir() if not p.name.startswith(".") and p.name not in OWN_ENTRIES]
            if foreign:
                raise InputError(
                    f"{self.root}: folder exists and is not a sweep folder (it holds {foreign[0]!r}); "
                    "choose another --out or remove it"
                )

    def _lock(self) -> None:
        try:
            self._created_folder = not self.root.exists()
            self.root.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.root / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            raise disk_error(self.root, error) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            holder = os.pread(fd, 32, 0).decode(errors="replace").strip() or "?"
            os.close(fd)
            if error.errno in (errno.EWOULDBLOCK, errno.EACCES):
                raise FolderBusy(
                    f"{self.root}: another sweep (pid {holder}) is writing into this folder; "
                    "wait for it to finish, or choose another --out"
                ) from None
            raise OutputError(f"--out {self.root}: cannot lock the folder ({error.strerror})") from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        self._lock_fd = fd

    def close(self) -> None:
        """Release the lock; remove the folder if this store created it and wrote nothing."""
        if self._lock_fd is None:
            return
        if self._created_folder and not self._started:
            (self.root / LOCK_FILE).unlink(missing_ok=True)
            for folder in (self.root / OUTCOMES_DIR, self.root / TIMESERIES_DIR, self.root):
                try:
                    folder.rmdir()
                except OSError:
                    pass
        os.close(self._lock_fd)  # the kernel drops the flock with the last descriptor
        self._lock_fd = None

    def _verify(self) -> None:
        """Match the folder's record to this input, repair what can be rebuilt, drop parts not vouched for."""
        meta_path = self.root / SWEEP_FILE
        has_parts = any((self.root / OUTCOMES_DIR).glob("part-*.parquet"))
        if not meta_path.exists() and not has_parts:
            return  # a new (or empty) folder: start() writes it
        self._ledger = self._read_ledger()
        meta = self._read_meta_or_rebuild(meta_path)
        stored_parts = {
            key: meta.get(key)
            for key in (
                "deciding_spec",
                "runs_per_file",
                "model_fingerprint",
                "inputs",
                "outcome_columns",
                "timeseries_columns",
            )
        }
        if meta.get("fingerprint") != self.fingerprint:
            self._refuse_changed(stored_parts)
        self._started = True
        self._make_folders()
        self._repair_manifest()

    def _read_meta_or_rebuild(self, meta_path: Path) -> dict:
        try:
            return read_meta(self.root)
        except InputError as error:
            damage = str(error)
        if self._ledger.get("fingerprint") == self.fingerprint:
            write_text(meta_path, self._meta_text())
            self.notes.append(f"{meta_path}: was damaged; rebuilt from the spec (its parts match this input)")
            return json.loads(self._meta_text())
        raise InputError(
            f"{damage.split(';')[0]}; its parts cannot be matched to an input: "
            f"remove the folder (rm -r {self.root}) and run the sweep again"
        )

    def _refuse_changed(self, stored: dict) -> None:
        if stored.get("deciding_spec") is None:
            raise InputError(
                f"{self.root}: written by an older multivector without an input fingerprint; "
                "choose another --out or delete that folder"
            )
        changes = describe_changes(stored, self._parts)
        if changes == [] and stored.get("runs_per_file") != self.plan.runs_per_file:
            raise InputError(
                f"{self.root}: stored with runs_per_file = {stored.get('runs_per_file')}, the spec now gives "
                f"{self.plan.runs_per_file}; set runs_per_file = {stored.get('runs_per_file')} to resume, "
                "or choose another --out"
            )
        named = "; ".join(changes[:MAX_CHANGES_NAMED]) or "the input"
        more = f" and {len(changes) - MAX_CHANGES_NAMED} more" if len(changes) > MAX_CHANGES_NAMED else ""
        raise InputError(
            f"{self.root}: holds a different sweep (changed since: {named}{more}); "
            "choose another --out or delete that folder"
        )

    def _read_ledger(self) -> dict:
        path = self.root / LEDGER_FILE
        try:
            ledger = json.loads(path.read_text(encoding="utf-8"))
            if not isinstance(ledger, dict) or not isinstance(ledger.get("parts"), dict):
                raise ValueError("not a ledger")
            return ledger
        except FileNotFoundError:
            return {"parts": {}}
        except (OSError, ValueError) as error:
            self.notes.append(f"{path}: damaged ({str(error)[:60]}); every part will be recomputed")
            return {"parts": {}}

    def _repair_manifest(self) -> None:
        path = self.root / MANIFEST_FILE
        try:
            intact = pq.read_table(path).to_pandas().equals(self.plan.manifest)
        except (OSError, pa.ArrowException, ValueError):
            intact = False
        if not intact:
            if path.exists():
                self.notes.append(f"{path}: was damaged; rebuilt from the spec")
            write_parquet(path, self.plan.manifest)

    # --- writing ---------------------------------------------------------------------

    def start(self) -> None:
        """Write the folder's record if it is new, or add this session's provenance to it (call once an
        executor is ready: nothing is written before)."""
        if self._session_recorded:
            return
        if self._started:  # resuming: the record stands, this session is added to its provenance
            meta = read_meta(self.root)
            meta["sessions"] = [*meta.get("sessions", []), session()]
            write_text(self.root / SWEEP_FILE, dumps(meta))
        else:
            self._make_folders()
            write_parquet(self.root / MANIFEST_FILE, self.plan.manifest)
            self._ledger = {"fingerprint": self.fingerprint, "parts": {}}
            write_text(self.root / LEDGER_FILE, self._ledger_text())
            write_text(self.root / SWEEP_FILE, self._meta_text([session()]))
        self._started = self._session_recorded = True

    def _make_folders(self) -> None:
        (self.root / OUTCOMES_DIR).mkdir(parents=True, exist_ok=True)
        if self.plan.columns.timeseries is not None:
            (self.root / TIMESERIES_DIR).mkdir(exist_ok=True)
        self._clean_temporary_files()

    def _meta_text(self, sessions: list[dict] | None = None) -> str:
        """sweep.json: what decides the results, and ``sessions`` (who computed them; not part of the fingerprint)."""
        spec, plan = self.plan.spec, self.plan
        meta = {
            **self._parts,
            "format": FORMAT,
            "name": spec.name,
            "spec": spec.model_dump(mode="json"),
            "spec_digest": spec.digest(),
            "plan_digest": plan.digest(),
            "fingerprint": self.fingerprint,
            "runs": plan.runs,
            "blocks": plan.n_blocks,
            "parameter_columns": plan.parameter_columns,
            "problem": salib_problem(spec) if spec.levers and spec.sampler != "grid" else None,
            "versions": package_versions(),
            "parameters": parameter_record(plan),
            "sessions": sessions or [],
        }
        return dumps(meta)

    def _ledger_text(self) -> str:
        return dumps({"fingerprint": self.fingerprint, "parts": dict(sorted(self._ledger.get("parts", {}).items()))})

    def _clean_temporary_files(self) -> None:
        """Remove temporary files a killed run left behind (they are never read)."""
        for folder in (self.root, self.root / OUTCOMES_DIR, self.root / TIMESERIES_DIR):
            remove_leftovers(folder)

    def _part_paths(self, block: int) -> list[Path]:
        name = self._name(block)
        paths = [self.root / OUTCOMES_DIR / name]
        if self.plan.columns.timeseries is not None:
            paths.insert(0, self.root / TIMESERIES_DIR / name)
        return paths

    def _vouched(self, path: Path, rows: int) -> bool:
        entry = self._ledger.get("parts", {}).get(path.relative_to(self.root).as_posix())
        return (
            entry is not None and path.is_file() and entry.get("rows") == rows and entry.get("sha256") == _sha256(path)
        )

    def stored_blocks(self) -> set[int]:
        """Blocks whose parts the ledger vouches for (right rows, same bytes); others are deleted to recompute."""
        if self._ledger.get("fingerprint") not in (None, self.fingerprint):
            self._ledger = {"parts": {}}
        done, dropped = set(), 0
        for block in range(self.plan.n_blocks):
            paths = self._part_paths(block)
            rows = len(self.plan.block_rows(block))
            if all(self._vouched(path, rows) for path in paths):
                done.add(block)
                continue
            for path in paths:
                if path.exists():
                    dropped += 1
                    path.unlink()
                self._ledger.get("parts", {}).pop(path.relative_to(self.root).as_posix(), None)
        if dropped:
            self.notes.append(f"{self.root}: {dropped} stored part(s) were incomplete or damaged; recomputing them")
        stale = set(self._ledger.get("parts", {})) - {
            p.relative_to(self.root).as_posix() for b in done for p in self._part_paths(b)
        }
        for key in stale:
            del self._ledger["parts"][key]
        self.runs_stored = sum(len(self.plan.block_rows(b)) for b in done)
        return done

    def vouched_runs(self) -> int:
        """Runs the ledger on disk vouches for now: what a rerun will skip.

        Read after an interruption, which can land between the ledger's write and ``runs_stored``'s update.
        """
        ledger = self._read_ledger()
        parts = ledger["parts"] if ledger.get("fingerprint") == self.fingerprint else {}
        return sum(
            len(self.plan.block_rows(b))
            for b in range(self.plan.n_blocks)
            if all(p.relative_to(self.root).as_posix() in parts for p in self._part_paths(b))
        )

    def write(self, result: BlockResult) -> int:
        """Store one finished block (time series, outcomes, then its ledger entry); return its number of runs."""
        self.start()
        rows = self.plan.block_rows(result.index).reset_index(drop=True)
        paths = self._part_paths(result.index)
        if result.timeseries is not None:
            parts = [
                frame.assign(run_id=rid)[["run_id", *frame.columns]]
                for rid, frame in zip(rows["run_id"], result.timeseries)
            ]
            write_parquet(paths[0], pd.concat(parts, ignore_index=True))
        outcomes = pd.DataFrame(result.outcomes, columns=list(self.plan.columns.outcomes))
        write_parquet(paths[-1], pd.concat([rows, outcomes], axis=1))
        entries = self._ledger.setdefault("parts", {})
        for path in paths:
            entries[path.relative_to(self.root).as_posix()] = {"rows": len(rows), "sha256": _sha256(path)}
        write_text(self.root / LEDGER_FILE, self._ledger_text())
        self.runs_stored += len(rows)
        return len(rows)


def dumps(payload: dict) -> str:
    return strict_json(payload)


def read_meta(root: Path) -> dict:
    """``sweep.json`` of a results folder, checked to be one."""
    path = Path(root) / SWEEP_FILE
    if not path.is_file():
        raise InputError(f"{root}: not a sweep results folder (no {SWEEP_FILE}); run `multivector sweep` first")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise _corrupt(path, error) from None
    if not isinstance(meta, dict) or meta.get("format") not in READABLE_FORMATS:
        raise _corrupt(path, "not a sweep record of a known format")
    return meta


class SweepResults:
    """Read side of a sweep folder: the manifest, and outcomes in run order, validated."""

    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.meta = read_meta(self.root)
        self.spec = SweepSpec.model_validate(self.meta["spec"])

    @property
    def outcome_columns(self) -> list[str]:
        return list(self.meta["outcome_columns"])

    @property
    def parameter_columns(self) -> list[str]:
        return list(self.meta["parameter_columns"])

    def _checked(self, parts: list[Path]) -> list[Path]:
        """``parts``, each verified against the ledger's checksum when the folder has one (older ones do not)."""
        path = self.root / LEDGER_FILE
        if not path.exists():
            return parts
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
            ledger = record["parts"]
        except (OSError, ValueError, KeyError, TypeError) as error:
            raise _corrupt(path, error) from None
        if record.get("fingerprint") != self.meta.get("fingerprint"):
            raise _corrupt(path, "its parts are of another input than sweep.json names")
        for part in parts:
            entry = ledger.get(part.relative_to(self.root).as_posix())
            if entry is None or entry.get("sha256") != _sha256(part):
                raise _corrupt(part, "it is not the file the sweep stored")
        return parts

    def manifest(self) -> pd.DataFrame:
        return _read_part(self.root / MANIFEST_FILE)

    def outcomes(self, allow_partial: bool = False) -> pd.DataFrame:
        """Every stored run, sorted by run index; an incomplete sweep is an error unless ``allow_partial``."""
        parts = self._checked(sorted((self.root / OUTCOMES_DIR).glob("part-*.parquet")))
        frame = pd.concat([_read_part(p) for p in parts], ignore_index=True) if parts else pd.DataFrame()
        if frame.empty and not allow_partial:
            raise InputError(f"{self.root}: no finished runs yet; run `multivector sweep` on its spec")
        if frame.empty:
            return frame
        if frame["run_id"].duplicated().any():
            raise _corrupt(self.root / OUTCOMES_DIR, "a run is stored twice")
        missing = self.meta["runs"] - len(frame)
        if missing and not allow_partial:
            raise InputError(
                f"{self.root}: sweep incomplete ({missing} of {self.meta['runs']} runs missing); "
                "run the same `multivector sweep` command again to finish it"
            )
        return frame.sort_values("run_index", kind="stable").reset_index(drop=True)

    def timeseries(self, columns: list[str] | None = None) -> pd.DataFrame:
        """The stored time series (``run_id``, ``step``, ``date`` and ``columns``), in run order."""
        if self.meta["timeseries_columns"] is None:
            raise InputError(f"{self.root}: this sweep stored no time series (spec: timeseries = false)")
        keep = None if columns is None else ["run_id", "step", "date", *columns]
        parts = self._checked(sorted((self.root / TIMESERIES_DIR).glob("part-*.parquet")))
        return pd.concat([_read_part(p, keep) for p in parts], ignore_index=True)
