"""Every number written into a rule is in the constants table, or marked in place as a unit or an index."""

from __future__ import annotations

import shutil

import pytest

from world.constants import CITATION, PACKAGE_ROOT, Constant, audit, load_constants, rule_modules
from world.errors import InputError


def test_every_number_in_the_rules_is_in_the_table():
    problems = audit()
    assert not problems, "\n".join(problems)


def test_the_audit_covers_agents_and_world():
    modules = {p.relative_to(PACKAGE_ROOT).as_posix() for p in rule_modules()}
    assert {
        "world/model.py",
        "world/actions.py",
        "agents/policies/great_powers.py",
        "agents/strategies/multivector.py",
    } <= modules
    assert "world/tables.py" not in modules  # input schema bounds, exempt with a reason


def rule(tmp_path, body: str):
    path = tmp_path / "rule.py"
    path.write_text(body, encoding="utf-8")
    return {"agents/rule.py": path}


def test_a_bare_number_in_a_new_rule_fails(tmp_path):
    problems = audit(rule(tmp_path, "def respond(x):\n    return x * 0.37\n"), table=[])
    assert len(problems) == 1 and "bare number 0.37" in problems[0] and "agents/rule.py:2" in problems[0]


def test_a_bare_number_added_to_a_real_rule_module_fails(tmp_path):
    copy = tmp_path / "actions.py"
    shutil.copy(PACKAGE_ROOT / "world" / "actions.py", copy)
    assert audit({"world/actions.py": copy}) == []
    with copy.open("a", encoding="utf-8") as handle:
        handle.write("\n\ndef extra_rule(model):\n    model.kaz_core_gdp *= 0.97\n")
    problems = audit({"world/actions.py": copy})
    assert len(problems) == 1 and "0.97" in problems[0] and "world/actions.py::extra_rule" in problems[0]


def test_registered_marked_and_free_numbers_pass(tmp_path):
    body = (
        "FLOOR = 0.06\n"
        "def respond(x, y):\n"
        "    total = x * 1000  # unit: $m per $bn\n"
        "    third = y[2]  # index: the third partner\n"
        "    return total * 0.37 + FLOOR + third - 1 + 0\n"
    )
    table = [
        Constant("floor", "agents/rule.py::FLOOR", 0.06, 0, 0.1, "share", "behaviour", "m", "assumption: x"),
        Constant("k", "agents/rule.py::respond", 0.37, 0, 1, "share", "behaviour", "m", "assumption: x"),
    ]
    assert audit(rule(tmp_path, body), table=table) == []
    # The same number registered at another place does not count.
    moved = [table[0], Constant("k", "agents/rule.py::other", 0.37, 0, 1, "share", "behaviour", "m", "assumption: x")]
    problems = audit(rule(tmp_path, body), table=moved)
    assert any("bare number 0.37" in p for p in problems) and any("row 'k'" in p for p in problems)


def test_a_row_whose_number_left_the_code_fails(tmp_path):
    table = [Constant("gone", "agents/rule.py::respond", 0.5, 0, 1, "share", "behaviour", "m", "assumption: x")]
    problems = audit(rule(tmp_path, "def respond(x):\n    return x\n"), table=table)
    assert problems == [
        "world/data/constants.csv: row 'gone': no literal 0.5 in agents/rule.py::respond "
        "(moved or changed? update the row)"
    ]


def test_every_behavioural_constant_has_a_range_and_a_source():
    rows = load_constants()
    assert len({c.name for c in rows}) == len(rows)
    for c in rows:
        assert c.low <= c.value <= c.high and c.source and c.meaning, c.name


@pytest.mark.parametrize("source", ["", "design choice", "because"])
def test_a_behavioural_row_without_a_citation_or_assumption_is_refused(tmp_path, source):
    path = tmp_path / "constants.csv"
    path.write_text(
        "name,where,value,low,high,unit,kind,meaning,source\n"
        f"x,agents/rule.py::f,0.3,0,1,share,behaviour,meaning,{source}\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="constants.csv: row 2"):
        load_constants(path)


def test_every_parameter_rests_on_a_passage_or_a_stated_assumption():
    """The settable constants (parameters.csv) meet the same rule as the ones written into the code."""
    from world import load_scenario

    for p in load_scenario("eurasia").parameters.values():
        assert CITATION.search(p.source) or "calibration.md · " in p.source or "assumption" in p.source, (
            f"world/data/parameters.csv: '{p.name}': source {p.source!r} cites no passage and states no assumption"
        )
