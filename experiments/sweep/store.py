"""The result store: a sweep folder that fills block by block and survives being killed at any point.

Layout of ``OUT/``::

    sweep.json          the spec, its digest, the plan digest, the model code's fingerprint,
                        columns, sampler problem, versions
    manifest.parquet    every planned run: run_id, run_index, scenario, strategy, point,
                        replicate, seed and the lever values
    outcomes/part-NNNNN.parquet    one file per finished block: the manifest columns plus
                                   one column per outcome (load all: pandas.read_parquet("OUT/outcomes"))
    timeseries/part-NNNNN.parquet  if the spec asks: run_id, step, date and the chosen columns

A block's files are written under a hidden temporary name (``.part-….tmp``,
see ``experiments.files``) and renamed into place, time series first, outcomes last: an outcomes part
exists only once its block is complete, so the set of outcomes parts *is*
the set of finished runs. Readers (pyarrow and this module) skip hidden
files; a restart deletes leftovers. Parts are named by block, and blocks are
fixed by the spec, so a resumed sweep ends with the same files as one that
ran straight through, and ``read_parquet`` returns rows in run order.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from experiments.files import remove_leftovers, write_parquet, write_text
from experiments.sweep.provenance import package_versions
from experiments.sweep.plan import SweepPlan
from experiments.sweep.provenance import model_fingerprint
from experiments.sweep.runner import BlockResult
from experiments.sweep.samplers import salib_problem
from experiments.sweep.spec import SweepSpec
from world.errors import InputError

FORMAT = "multivector-sweep/1"
SWEEP_FILE = "sweep.json"
MANIFEST_FILE = "manifest.parquet"
OUTCOMES_DIR = "outcomes"
TIMESERIES_DIR = "timeseries"
OWN_ENTRIES = {SWEEP_FILE, MANIFEST_FILE, OUTCOMES_DIR, TIMESERIES_DIR}


def _corrupt(path: Path, why: object) -> InputError:
    return InputError(f"{path}: corrupt result file ({why}); delete it and run the same command "
                         "again to recompute its runs")


def _read_part(path: Path, columns: list[str] | None = None) -> pd.DataFrame:
    try:
        return pq.read_table(path, columns=columns).to_pandas()
    except (OSError, pa.ArrowException, ValueError) as error:
        raise _corrupt(path, error) from None


class SweepStore:
    """Writes one sweep's folder; knows which blocks are already stored."""

    def __init__(self, root: Path, plan: SweepPlan):
        self.root = Path(root)
        self.plan = plan
        width = max(5, len(str(plan.n_blocks - 1)))
        self._name = lambda block: f"part-{block:0{width}d}.parquet"

    @classmethod
    def open(cls, root: Path, plan: SweepPlan) -> "SweepStore":
        """Create the folder, or reopen it to resume if it holds this same sweep; refuse anything else."""
        store = cls(root, plan)
        meta = store.root / SWEEP_FILE
        if meta.is_file():
            stored = read_meta(store.root)
            if stored.get("plan_digest") != plan.digest():
                raise InputError(
                    f"{store.root}: holds a different sweep ({stored.get('name')}, spec {stored.get('spec_digest')}); "
                    "choose another --out or delete that folder")
            if stored.get("model_fingerprint") != model_fingerprint():
                raise InputError(
                    f"{store.root}: its runs were computed by different model code (world/ or agents/ changed "
                    "since); finishing it would mix two models: choose another --out or delete that folder")
            store._make_folders()
            if not (store.root / MANIFEST_FILE).is_file():
                write_parquet(store.root / MANIFEST_FILE, plan.manifest)
            return store
        if store.root.exists():
            foreign = [p.name for p in store.root.iterdir() if not p.name.startswith(".") and p.name not in OWN_ENTRIES]
            if foreign or any(p.suffix == ".parquet" for p in (store.root / OUTCOMES_DIR).glob("part-*")):
                raise InputError(f"{store.root}: folder exists and is not a sweep of this spec; "
                                    "choose another --out or remove it")
        store._create()
        return store

    def _make_folders(self) -> None:
        (self.root / OUTCOMES_DIR).mkdir(parents=True, exist_ok=True)
        if self.plan.columns.timeseries is not None:
            (self.root / TIMESERIES_DIR).mkdir(exist_ok=True)
        self._clean_temporary_files()

    def _create(self) -> None:
        self._make_folders()
        write_parquet(self.root / MANIFEST_FILE, self.plan.manifest)
        write_text(self.root / SWEEP_FILE, json.dumps(self._meta(), indent=2, sort_keys=True) + "\n")

    def _meta(self) -> dict:
        spec, plan = self.plan.spec, self.plan
        return {
            "format": FORMAT,
            "name": spec.name,
            "spec": spec.model_dump(mode="json"),
            "spec_digest": spec.digest(),
            "plan_digest": plan.digest(),
            "model_fingerprint": model_fingerprint(),
            "runs": plan.runs,
            "runs_per_file": plan.runs_per_file,
            "blocks": plan.n_blocks,
            "parameter_columns": plan.parameter_columns,
            "outcome_columns": list(plan.columns.outcomes),
            "timeseries_columns": None if plan.columns.timeseries is None else list(plan.columns.timeseries),
            "problem": salib_problem(spec) if spec.levers and spec.sampler != "grid" else None,
            "versions": package_versions(),
        }

    def _clean_temporary_files(self) -> None:
        """Remove temporary files a killed run left behind (they are never read)."""
        for folder in (self.root, self.root / OUTCOMES_DIR, self.root / TIMESERIES_DIR):
            remove_leftovers(folder)

    def stored_blocks(self) -> set[int]:
        """Blocks whose outcomes part is present and holds exactly the block's planned runs."""
        done = set()
        for block in range(self.plan.n_blocks):
            path = self.root / OUTCOMES_DIR / self._name(block)
            if not path.exists():
                continue
            stored = _read_part(path, ["run_id"])["run_id"].tolist()
            if stored != self.plan.block_rows(block)["run_id"].tolist():
                raise _corrupt(path, "its run ids are not the ones this spec plans for that block")
            series = self.root / TIMESERIES_DIR / self._name(block)
            if self.plan.columns.timeseries is None or series.exists():
                done.add(block)
        return done

    def write(self, result: BlockResult) -> int:
        """Store one finished block (time series first, outcomes last); return its number of runs."""
        rows = self.plan.block_rows(result.index).reset_index(drop=True)
        name = self._name(result.index)
        if result.timeseries is not None:
            parts = [frame.assign(run_id=rid)[["run_id", *frame.columns]]
                     for rid, frame in zip(rows["run_id"], result.timeseries)]
            write_parquet(self.root / TIMESERIES_DIR / name, pd.concat(parts, ignore_index=True))
        outcomes = pd.DataFrame(result.outcomes, columns=list(self.plan.columns.outcomes))
        write_parquet(self.root / OUTCOMES_DIR / name, pd.concat([rows, outcomes], axis=1))
        return len(rows)


def read_meta(root: Path) -> dict:
    """``sweep.json`` of a results folder, checked to be one."""
    path = Path(root) / SWEEP_FILE
    if not path.is_file():
        raise InputError(f"{root}: not a sweep results folder (no {SWEEP_FILE}); run `multivector sweep` first")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as error:
        raise _corrupt(path, error) from None
    if meta.get("format") != FORMAT:
        raise InputError(f"{path}: format {meta.get('format')!r} is not {FORMAT!r}")
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

    def manifest(self) -> pd.DataFrame:
        return _read_part(self.root / MANIFEST_FILE)

    def outcomes(self, allow_partial: bool = False) -> pd.DataFrame:
        """Every stored run, sorted by run index; an incomplete sweep is an error unless ``allow_partial``."""
        parts = sorted((self.root / OUTCOMES_DIR).glob("part-*.parquet"))
        frame = pd.concat([_read_part(p) for p in parts], ignore_index=True) if parts else pd.DataFrame()
        if frame.empty and not allow_partial:
            raise InputError(f"{self.root}: no finished runs yet; run `multivector sweep` on its spec")
        if frame.empty:
            return frame
        if frame["run_id"].duplicated().any():
            raise _corrupt(self.root / OUTCOMES_DIR, "a run is stored twice")
        missing = self.meta["runs"] - len(frame)
        if missing and not allow_partial:
            raise InputError(f"{self.root}: sweep incomplete ({missing} of {self.meta['runs']} runs missing); "
                                "run the same `multivector sweep` command again to finish it")
        return frame.sort_values("run_index", kind="stable").reset_index(drop=True)

    def timeseries(self, columns: list[str] | None = None) -> pd.DataFrame:
        """The stored time series (``run_id``, ``step``, ``date`` and ``columns``), in run order."""
        if self.meta["timeseries_columns"] is None:
            raise InputError(f"{self.root}: this sweep stored no time series (spec: timeseries = false)")
        keep = None if columns is None else ["run_id", "step", "date", *columns]
        parts = sorted((self.root / TIMESERIES_DIR).glob("part-*.parquet"))
        return pd.concat([_read_part(p, keep) for p in parts], ignore_index=True)
