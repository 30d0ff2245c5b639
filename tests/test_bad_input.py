"""Bad input: exit code 2, one message naming file, field and allowed values, nothing written."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from experiments.cli import main
from world.scenario import DATA_DIR, SCENARIO_DIR


def _scenario_copy(tmp_path: Path) -> Path:
    """A private copy of the default scenario and its data files, to break on purpose."""
    folder = tmp_path / "scen"
    folder.mkdir()
    shutil.copy(SCENARIO_DIR / "eurasia.toml", folder / "broken.toml")
    for csv in DATA_DIR.glob("*.csv"):
        shutil.copy(csv, folder / csv.name)
    return folder


def _fails(tmp_path, capsys, args, *fragments):
    out = tmp_path / "out"
    code = main(["run", "--quiet", "--out", str(out), *args])
    err = capsys.readouterr().err
    assert code == 2, err
    assert err.startswith("error: ") and err.count("\n") == 1, err
    for fragment in fragments:
        assert fragment in err, err
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out")]
    return err


def test_toml_syntax_error(tmp_path, capsys):
    folder = _scenario_copy(tmp_path)
    (folder / "broken.toml").write_text('name = "x"\nstart = 2010Q1\n')
    _fails(tmp_path, capsys, ["--scenario", str(folder / "broken.toml")], "broken.toml", "TOML syntax error")


def test_missing_field(tmp_path, capsys):
    folder = _scenario_copy(tmp_path)
    text = (folder / "broken.toml").read_text().replace('name = "eurasia"\n', "")
    (folder / "broken.toml").write_text(text)
    _fails(tmp_path, capsys, ["--scenario", str(folder / "broken.toml")], "broken.toml", "'name'", "Field required")


def test_unknown_actor_in_memberships(tmp_path, capsys):
    folder = _scenario_copy(tmp_path)
    with open(folder / "memberships.csv", "a") as f:
        f.write("XYZ,SCO,member,,,test row\n")
    _fails(
        tmp_path,
        capsys,
        ["--scenario", str(folder / "broken.toml")],
        "memberships.csv",
        "'actor'",
        "'XYZ'",
        "allowed: KAZ, RUS",
    )


def test_negative_capacity(tmp_path, capsys):
    folder = _scenario_copy(tmp_path)
    path = folder / "corridors.csv"
    path.write_text(
        path.read_text().replace(
            "middle,cargo,CHN-KAZ-AZE-GEO-TUR-EU,AZE GEO TUR,1.5,",
            "middle,cargo,CHN-KAZ-AZE-GEO-TUR-EU,AZE GEO TUR,-3,",
        )
    )
    _fails(
        tmp_path,
        capsys,
        ["--scenario", str(folder / "broken.toml")],
        "corridors.csv",
        "row 3",
        "'capacity_mt'",
        "greater than or equal to 0",
    )


def test_unknown_policy_in_scenario(tmp_path, capsys):
    folder = _scenario_copy(tmp_path)
    with open(folder / "broken.toml", "a") as f:
        f.write('\n[policies]\nRUS = "friendly"\n')
    _fails(
        tmp_path,
        capsys,
        ["--scenario", str(folder / "broken.toml")],
        "broken.toml",
        "policies.RUS",
        "unknown value 'friendly'",
        "allowed:",
        "russia",
    )


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--strategy", "nope"], ["unknown strategy 'nope'", "allowed:", "multivector"]),
        (["--set", "nope=1"], ["unknown parameter 'nope'", "allowed:", "russian_pressure"]),
        (["--set", "russian_pressure=1.5"], ["'russian_pressure' = 1.5 is out of range", "0 to 1"]),
        (["--set", "eu_investment=-1"], ["'eu_investment' = -1 is out of range", "0 to 3"]),
        (["--set", "russian_pressure"], ["expected name=value"]),
        (["--scenario", "atlantis"], ["scenario 'atlantis' not found", "eurasia"]),
        (["--until", "2040"], ["--until", "2030Q4"]),
        (["--strategy", "no_such_module:Thing"], ["cannot import module 'no_such_module'"]),
    ],
)
def test_bad_command_line_values(tmp_path, capsys, args, fragments):
    _fails(tmp_path, capsys, args, *fragments)


def test_existing_nonempty_output_folder_is_not_overwritten(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    assert main(["run", "--quiet", "--out", str(out)]) == 2
    assert "not empty" in capsys.readouterr().err
    assert (out / "keep.txt").read_text() == "mine"


def test_bad_inline_event_names_its_entry_and_field(tmp_path, capsys):
    folder = _scenario_copy(tmp_path)
    with open(folder / "broken.toml", "a") as f:
        f.write(
            '\n[[events]]\ndate = "2030row"\nkind = "summit"\nactor = "KAZ"\ntarget = "OSCE"\n'
            'reason = "test"\nsource = "test"\n'
        )
    # The value is quoted as given (a message patched after the fact once turned it into '2030events entry').
    _fails(
        tmp_path,
        capsys,
        ["--scenario", str(folder / "broken.toml")],
        "broken.toml: events entry 1: field 'date' = '2030row'",
        "like 2022Q3",
    )


@pytest.mark.parametrize(
    "args",
    [
        ["run", "--scenario", "eurasia\n"],
        ["run", "--strategy", "multivector\n"],
        ["run", "--until", "2010Q1\n"],
        ["study", "--scenario", "e\n", "--seeds", "2"],
        ["tipping", "--x", "russian_pressure\t", "--seeds", "1"],
    ],
    ids=["scenario", "strategy", "until", "study-scenario", "tab"],
)
def test_a_refusal_prints_a_value_with_a_newline_on_one_line(tmp_path, capsys, args):
    assert main([*args, "--out" if args[0] != "tipping" else "--results", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: "), err
    assert "\\n" in err or "\\t" in err  # the value is shown as given, escaped
    assert not (tmp_path / "out").exists()


def _edit(folder: Path, table: str, old: str, new: str) -> None:
    path = folder / table
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {table}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    "old, new, fragments",
    [
        ("2022,84.2,64.3,", "2022,84.2,-64.3,", ("row 14", "'exports_mt'", "greater than 0")),
        ("2022,84.2,64.3,", "2022,60,64.3,", ("row 14", "exceed production")),
        ("2022,84.2,64.3,", "2021,84.2,64.3,", ("row 14", "'year'", "repeats row 13")),
        ("2022,84.2,64.3,", "2022,84.2,nan,", ("row 14", "'exports_mt'")),
    ],
    ids=["negative", "above-production", "duplicate-year", "nan"],
)
def test_bad_oil_volumes_are_refused_naming_file_row_and_field(tmp_path, capsys, old, new, fragments):
    folder = _scenario_copy(tmp_path)
    _edit(folder, "oil_volumes.csv", old, new)
    _fails(tmp_path, capsys, ["--scenario", str(folder / "broken.toml")], "oil_volumes.csv", *fragments)


def test_an_empty_oil_volumes_table_is_refused(tmp_path, capsys):
    folder = _scenario_copy(tmp_path)
    (folder / "oil_volumes.csv").write_text("year,production_mt,exports_mt,source\n", encoding="utf-8")
    _fails(tmp_path, capsys, ["--scenario", str(folder / "broken.toml")], "oil_volumes.csv", "'exports_mt'", "no rows")


def test_a_negative_ramp_or_lag_is_refused(tmp_path, capsys):
    folder = _scenario_copy(tmp_path)
    path = folder / "corridors.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    cells = lines[7].split(",")  # caspian_oil: the numeric cells come before the quoted sources
    cells[header.index("contract_lag_q")] = "-2"
    lines[7] = ",".join(cells)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    _fails(tmp_path, capsys, ["--scenario", str(folder / "broken.toml")], "corridors.csv", "row 8", "'contract_lag_q'")


def test_a_pledge_outside_the_eu_lever_range_is_refused_in_the_levers_unit(tmp_path, capsys):
    """A pledge event sets the eu_investment lever's history, so it is read in the lever's unit (€bn a year) and
    checked against the lever's range in the parameter table, not against a bound of its own."""
    folder = _scenario_copy(tmp_path)
    with open(folder / "broken.toml", "a") as f:
        f.write(
            '\n[[events]]\ndate = "2024Q2"\nkind = "pledge"\nactor = "EU"\ntarget = "middle"\nmagnitude = 6\n'
            'reason = "test"\nsource = "test"\n'
        )
    _fails(
        tmp_path,
        capsys,
        ["--scenario", str(folder / "broken.toml")],
        "broken.toml: 2024Q2 pledge: parameter 'eu_investment' = 6 is out of range; allowed: 0 to 3 €bn per year",
    )
