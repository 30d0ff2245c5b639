"""Fuzzed input: every mutant of the default scenario and its tables is refused in one line naming the file
(nothing written) or runs with every recorded number finite and inside its declared range.

Examples per run come from a hypothesis profile chosen by ``MULTIVECTOR_FUZZ`` (``default``: a few hundred;
``nightly``: thousands, e.g. ``MULTIVECTOR_FUZZ=nightly pytest tests/test_fuzz_inputs.py``).
"""

from __future__ import annotations

import errno
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutants import Mutation, judge, random_mutation

from experiments.cli import main

settings.register_profile(
    "fuzz-default", max_examples=200, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile(
    "fuzz-nightly", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
PROFILE = settings.get_profile(f"fuzz-{os.environ.get('MULTIVECTOR_FUZZ', 'default')}")

mutations = st.randoms(use_true_random=False).map(random_mutation)


@PROFILE
@given(mutations)
def test_every_mutant_is_refused_cleanly_or_runs_sanely(mutation):
    verdict = judge(mutation)
    assert verdict.kind in ("refused", "ran"), f"{verdict.kind}: {verdict.detail}"


@pytest.mark.parametrize(
    "mutation",
    [
        Mutation("number", "actors", 0, 4, "1e309"),  # an infinite GDP
        Mutation("column", "trade", 0, 0, "0"),  # nobody trades: Kazakhstan exports nothing
        Mutation("duplicate", "oil_prices", 3),
        Mutation("duplicate", "oil_volumes", 3),
        Mutation("number", "oil_volumes", 2, 2, "-1"),  # negative exports
        Mutation("column", "oil_volumes", 0, 1, "1e-300"),  # production below exports everywhere
        Mutation("number", "corridors", 0, 4, "-1"),  # a negative ramp
        Mutation("duplicate", "actors", 2),
        Mutation("duplicate", "corridors", 1),
        Mutation("drop", "parameters", 9),
        Mutation("bytes", "events.csv", 200, value="\xff"),
        Mutation("scenario_append", value='[[exclude_events]]\nafter = "2010Q5"'),
        Mutation("scenario_append", value="deep = " + "[" * 5000 + "]" * 5000),
        Mutation("scenario_append", value="[parameters]\nweight_trade = nan"),
        Mutation(
            "scenario_append",
            value='[[events]]\ndate = "2026Q1"\nkind = "opinion"\nactor = "RUS"\n'
            'target = "TUR"\nmagnitude = nan\nreason = "r"\nsource = "s"',
        ),
        Mutation(
            "scenario_append",
            value='[[events]]\ndate = "2026Q1"\nkind = "sanctions"\nactor = "EU"\n'
            'target = "RUS"\nmagnitude = 1e3\nreason = "r"\nsource = "s"',
        ),
        Mutation("column", "corridors", 0, 0, "0"),  # every capacity zero: no usable route
        Mutation("number", "parameters", 0, 0, "5"),  # a default outside its range
    ],
    ids=lambda m: f"{m.kind}-{m.target or m.value[:12]}",
)
def test_the_reviewed_attacks_are_refused_in_one_line(mutation):
    verdict = judge(mutation)
    assert verdict.kind == "refused", f"{verdict.kind}: {verdict.detail}"


def test_an_inline_event_error_names_the_scenario_file_not_the_events_table():
    verdict = judge(
        Mutation(
            "scenario_append",
            value='[[events]]\ndate = "2026Q1"\nkind = "capacity"\n'
            'actor = "RUS"\ntarget = "nope"\nreason = "r"\nsource = "s"',
        )
    )
    assert verdict.kind == "refused" and "mutant.toml" in verdict.detail and "events.csv" not in verdict.detail


@pytest.mark.parametrize("seed", ["-1", "1.5", "abc"])
def test_a_bad_seed_is_one_line(capsys, tmp_path, seed):
    assert main(["run", "--seed", seed, "--out", str(tmp_path / "out"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--seed" in err and not (tmp_path / "out").exists()


@pytest.mark.parametrize("where", ["file", "under_file", "dev_null"])
def test_out_at_or_under_a_file_is_an_input_error(capsys, tmp_path, where):
    a_file = tmp_path / "a.csv"
    a_file.write_text("x\n")
    out = {"file": a_file, "under_file": a_file / "run", "dev_null": "/dev/null"}[where]
    for argv in (
        ["run", "--until", "2010Q3", "--out", str(out), "--quiet"],
        ["sweep", "experiments/specs/grid.toml", "--out", str(out), "--quiet"],
    ):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "--out" in err
    assert a_file.read_text() == "x\n"


def test_a_full_disk_is_an_environment_error_and_leaves_nothing(capsys, tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("pandas.DataFrame.to_parquet", full)
    out = tmp_path / "new" / "out"
    assert main(["run", "--until", "2010Q3", "--out", str(out), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "No space left" in err
    assert not (tmp_path / "new").exists()


def test_run_json_is_strict_json_and_non_finite_values_are_refused(tmp_path):
    from experiments.files import OutputError, write_json

    assert main(["run", "--until", "2011Q1", "--out", str(tmp_path / "out"), "--quiet"]) == 0
    json.loads((tmp_path / "out" / "run.json").read_text(), parse_constant=lambda name: pytest.fail(name))
    with pytest.raises(OutputError, match="non-finite"):
        write_json(tmp_path / "x.json", {"gdp_final": float("nan")})
    assert not (tmp_path / "x.json").exists()
