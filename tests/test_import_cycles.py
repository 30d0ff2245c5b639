"""No import circle, inside a package or between packages: the module graph is acyclic.

Every import counts as an edge, wherever it is written: at the top, inside a
function, under ``TYPE_CHECKING`` (a type-only import still ties the two
modules: neither can be read, tested or moved without the other), and
``importlib.import_module`` with a literal name. ``from package import name``
is an edge to the submodule when ``name`` is one, else to the package's
``__init__``. The layer contract (world ← agents ← experiments ← viz) is in
tests/test_layers.py; this test adds that no two modules of one layer reach
each other either.
"""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

from test_layers import LAYERS, ROOT, import_module_literal


def module_files(root: Path) -> dict[str, Path]:
    """Dotted module name → file, for every module of the project's packages under ``root``."""
    modules = {}
    for package in LAYERS:
        for path in sorted((root / package).rglob("*.py")):
            parts = path.relative_to(root).with_suffix("").parts
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            modules[name] = path
    return modules


def import_graph(root: Path) -> dict[str, set[str]]:
    """Module → the project's modules it imports (every import, TYPE_CHECKING and function-level included)."""
    modules = module_files(root)

    def resolve(name: str) -> str | None:
        parts = name.split(".")
        while parts:
            if ".".join(parts) in modules:
                return ".".join(parts)
            parts.pop()
        return None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets: set[str] = set()
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            found: list[str] = []
            if isinstance(node, ast.Import):
                found = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                found = [f"{base}.{alias.name}" for alias in node.names] or [base]
            elif (literal := import_module_literal(node)) is not None:
                found = [literal]
            for target in found:
                resolved = resolve(target)
                if resolved and resolved != name:
                    targets.add(resolved)
        graph[name] = targets
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted, largest first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found, key=lambda c: (-len(c), c))


def test_no_import_circle_in_the_project():
    assert circles(import_graph(ROOT)) == []


def test_a_type_checking_import_closes_a_circle(tmp_path):
    """The check sees a circle closed only by a TYPE_CHECKING import, or by an import inside a function."""
    (tmp_path / "world").mkdir()
    files = {
        "__init__.py": "",
        "model.py": "from world.rules import step\n",
        "rules.py": """
            from typing import TYPE_CHECKING
            if TYPE_CHECKING:
                from world.model import Model
            def step(model: "Model") -> None: ...
            """,
        "a.py": "def f():\n    from world import b\n",
        "b.py": "from . import a\n",
        "leaf.py": "import numpy\n",
    }
    for name, text in files.items():
        (tmp_path / "world" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    assert circles(import_graph(tmp_path)) == [["world.a", "world.b"], ["world.model", "world.rules"]]
