"""The layer contract: world (rules and state) ← agents (decision rules) ← experiments ← viz, no arrow back.

A module may import its own package and any package below it. Every import
counts: at the top, inside functions, under ``TYPE_CHECKING``, and
``importlib.import_module("...")`` with a literal name, so a back-arrow cannot
hide behind a lazy import. The model reaches the decision rules through
``world.registry`` and the ``multivector.decision_rules`` entry point instead.
"""

from __future__ import annotations

import ast
import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Bottom first: a package may import the packages before it in this list, never those after.
LAYERS = ("world", "agents", "experiments", "viz")


def import_module_literal(node: ast.AST) -> str | None:
    """The module an ``importlib.import_module("...")`` call names with a literal, else None."""
    if (
        isinstance(node, ast.Call)
        and getattr(node.func, "attr", getattr(node.func, "id", "")) == "import_module"
        and node.args
        and isinstance(node.args[0], ast.Constant)
        and isinstance(node.args[0].value, str)
    ):
        return node.args[0].value
    return None


def imported_modules(source: str) -> list[tuple[int, str]]:
    """(line, module) for every import in ``source``, static or through ``import_module`` with a literal."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif (literal := import_module_literal(node)) is not None:
            found.append((node.lineno, literal))
    return found


def layer_violations(root: Path) -> list[str]:
    """Every import under ``root`` that points from a layer to one above it, as ``path:line: a imports b``."""
    rank = {name: i for i, name in enumerate(LAYERS)}
    violations = []
    for package in LAYERS:
        for path in sorted((root / package).rglob("*.py")):
            for line, module in imported_modules(path.read_text(encoding="utf-8")):
                target = module.split(".")[0]
                if target in rank and rank[target] > rank[package]:
                    violations.append(f"{path.relative_to(root)}:{line}: {package} imports {module}")
    return violations


def test_no_package_imports_a_layer_above_it():
    assert layer_violations(ROOT) == []


def test_the_contract_fails_when_a_world_module_imports_agents(tmp_path):
    (tmp_path / "world").mkdir()
    (tmp_path / "agents").mkdir()
    (tmp_path / "world" / "rules.py").write_text(
        textwrap.dedent("""
        import numpy
        from world.actions import Action

        def lookup():
            from agents.strategies import multivector
            return multivector
        """),
        encoding="utf-8",
    )
    (tmp_path / "world" / "lazy.py").write_text(
        'import importlib\nimportlib.import_module("agents.policies")\n', encoding="utf-8"
    )
    (tmp_path / "agents" / "ok.py").write_text("from world.actions import Action\n", encoding="utf-8")
    assert layer_violations(tmp_path) == [
        "world/lazy.py:2: world imports agents.policies",
        "world/rules.py:6: world imports agents.strategies",
    ]


def test_the_contract_fails_when_experiments_import_viz(tmp_path):
    (tmp_path / "experiments").mkdir()
    (tmp_path / "experiments" / "report.py").write_text("from viz.labels import label\n", encoding="utf-8")
    assert layer_violations(tmp_path) == ["experiments/report.py:1: experiments imports viz.labels"]


def test_loading_the_model_does_not_load_the_decision_rules():
    """Importing world (model included) leaves agents unloaded until a rule is looked up by name."""
    code = (
        "import sys, world; assert 'agents' not in sys.modules, 'imported by world'; "
        "model = world.DiplomacyModel(strategy='multivector'); "
        "assert type(model.strategy).__module__ == 'agents.strategies.multivector'"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_results_are_read_through_model_series_outside_world():
    """Outside world/, a recorded column is read with model.series(name), not by indexing the recorder."""
    raw = [
        f"{path.relative_to(ROOT)}:{number}"
        for package in LAYERS[1:]
        for path in sorted((ROOT / package).rglob("*.py"))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if "recorder.data" in line or "layout.index[" in line
    ]
    assert raw == []
