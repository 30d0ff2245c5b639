"""Sweep specs: designs and run plans follow from the spec alone; malformed specs exit 2 and write nothing."""

from __future__ import annotations

import textwrap

import numpy as np
import pytest

from experiments.cli import main
from experiments.sweep.plan import make_plan
from experiments.sweep.samplers import design_points
from experiments.sweep.spec import check_against_world, parse_spec

GOOD = """
name = "t"
strategies = ["multivector"]
until = "2026Q4"
[levers.russian_pressure]
values = [0.2, 0.8]
"""

MALFORMED = {
    "unknown lever": ("[levers.russian_presure]\nvalues = [0.2]", "russian_presure"),
    "empty range": ('sampler = "lhs"\nsamples = 4\n[levers.eu_investment]\nrange = [3.0, 3.0]', "empty"),
    "empty values": ("[levers.eu_investment]\nvalues = []", "empty"),
    "unknown sampler": ('sampler = "halton"\n[levers.eu_investment]\nrange = [0.0, 3.0]', "halton"),
    "sobol needs a power of two": (
        'sampler = "sobol"\nsamples = 10\n[levers.eu_investment]\nrange = [0.0, 3.0]',
        "power of 2",
    ),
    "value out of range": ("[levers.eu_investment]\nvalues = [0.0, 99.0]", "out of range"),
    "range sampler given values": ('sampler = "lhs"\nsamples = 4\n[levers.eu_investment]\nvalues = [1.0]', "range"),
    "unknown field": ('samplr = "grid"', "samplr"),
    "unknown outcome": ('outcomes = ["happiness"]', "happiness"),
    "bad until": ('until = "2030-12"', "2030Q4"),
    "toml syntax": ("levers = [", "TOML"),
}


def write_spec(folder, body: str, strategies: str = '["multivector"]') -> str:
    path = folder / "spec.toml"
    path.write_text(f'name = "bad"\nstrategies = {strategies}\n{textwrap.dedent(body)}\n')
    return str(path)


def assert_rejected(capsys, argv: list[str], needle: str, out) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error: ") and len(err.splitlines()) == 1, err
    assert needle in err
    assert not out.exists()


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_spec_exits_2_with_one_line_and_writes_nothing(tmp_path, capsys, case):
    body, needle = MALFORMED[case]
    spec = write_spec(tmp_path, body)
    out = tmp_path / "out"
    assert_rejected(capsys, ["sweep", spec, "--out", str(out), "--quiet"], needle, out)


def test_unknown_strategy_names_the_allowed_ones(tmp_path, capsys):
    spec = write_spec(tmp_path, "", strategies='["multivector", "neutrality"]')
    out = tmp_path / "out"
    assert_rejected(capsys, ["sweep", spec, "--out", str(out)], "neutrality", out)


def test_unreachable_scheduler_exits_2_and_writes_nothing(tmp_path, capsys):
    spec = write_spec(tmp_path, GOOD.split("\n", 3)[3])
    out = tmp_path / "out"
    assert_rejected(
        capsys, ["sweep", spec, "--scheduler", "tcp://127.0.0.1:9", "--out", str(out)], "tcp://127.0.0.1:9", out
    )


def test_a_folder_holding_another_sweep_is_refused_untouched(tmp_path, capsys):
    first = tmp_path / "a.toml"
    first.write_text(GOOD)
    out = tmp_path / "out"
    assert main(["sweep", str(first), "--workers", "1", "--out", str(out), "--quiet"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    second = tmp_path / "b.toml"
    second.write_text(GOOD.replace("0.8]", "0.9]"))
    assert main(["sweep", str(second), "--workers", "1", "--out", str(out)]) == 2
    assert "different sweep" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def plan_for(**fields):
    spec = parse_spec({"strategies": ["multivector"], "until": "2026Q4", **fields})
    return make_plan(spec, check_against_world(spec))


def test_plan_is_a_function_of_the_spec():
    fields = {"sampler": "lhs", "samples": 5, "seeds": 3, "levers": {"oil_price": {"range": [40, 120]}}}
    a, b = plan_for(**fields), plan_for(**fields)
    assert a.manifest.equals(b.manifest) and a.digest() == b.digest()
    c = plan_for(**{**fields, "seed": 1})
    assert c.digest() != a.digest()
    assert a.manifest["run_id"].is_unique and a.manifest["run_id"].is_monotonic_increasing


def test_common_random_numbers_share_seeds_across_points_independent_streams_do_not():
    levers = {"russian_pressure": {"values": [0.1, 0.5, 0.9]}}
    common = plan_for(levers=levers, seeds=2).manifest
    assert common.groupby("replicate")["seed"].nunique().eq(1).all()
    assert common["seed"].nunique() == 2
    independent = plan_for(levers=levers, seeds=2, common_random_numbers=False).manifest
    assert independent["seed"].is_unique


@pytest.mark.parametrize(
    "sampler,samples,expected",
    [("grid", None, 3 * 2), ("lhs", 7, 7), ("sobol", 8, 8 * (2 + 2)), ("morris", 5, 5 * (2 + 1))],
)
def test_design_sizes_and_bounds(sampler, samples, expected):
    levers = (
        {"russian_pressure": {"range": [0.0, 1.0], "points": 3}, "oil_price": {"values": [50.0, 90.0]}}
        if sampler == "grid"
        else {"russian_pressure": {"range": [0.0, 1.0]}, "oil_price": {"range": [50.0, 90.0]}}
    )
    spec = parse_spec({"strategies": ["multivector"], "sampler": sampler, "samples": samples, "levers": levers})
    points = design_points(spec)
    assert len(points) == expected and list(points.columns) == ["russian_pressure", "oil_price"]
    assert points["russian_pressure"].between(0, 1).all() and points["oil_price"].between(50, 90).all()
    if sampler == "grid":
        assert sorted(set(points["russian_pressure"])) == list(np.linspace(0, 1, 3))


@pytest.mark.parametrize("sampler,samples", [("lhs", 16), ("sobol", 16), ("morris", 16)])
def test_sampled_values_never_leave_the_range_by_a_rounding_error(sampler, samples):
    # 0.15 + 1.0 * (0.45 - 0.15) is 0.45000000000000007 in floating point: Morris's top level would be refused.
    spec = parse_spec(
        {
            "strategies": ["multivector"],
            "sampler": sampler,
            "samples": samples,
            "levers": {"investment_output_share": {"range": [0.15, 0.45]}, "climate_per_unit": {"range": [0.02, 0.1]}},
        }
    )
    points = design_points(spec)
    assert points["investment_output_share"].between(0.15, 0.45).all()
    assert points["climate_per_unit"].between(0.02, 0.1).all()
    if sampler == "morris":  # the design reaches both ends of each range
        assert points["investment_output_share"].max() == 0.45 and points["investment_output_share"].min() == 0.15
