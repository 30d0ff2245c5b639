"""The constants table: every number written into a rule, with its range and source.

Levers and the constants a user may set live in ``world/data/parameters.csv``
(a scenario input: a scenario may name its own, and ``--set`` accepts its
names). The numbers written into the code of ``agents/`` and ``world/`` live
in ``world/data/constants.csv``, one row per number and place: a name, the
place (``module.py::Class.function``, or the module for module-level names),
the value, a range, a unit, a kind and the source passage or
``assumption: why``. They are kept apart because a scenario cannot change
them: putting them in parameters.csv would make ``--set`` accept names the
code never reads.

:func:`audit` parses every rule module (``ast``) and reports each numeric
literal that is neither in the table at its place nor marked in place; it
also reports rows whose number is no longer in the code. The marking
convention, for numbers that are not behaviour:

- ``0`` and ``1`` (and ``-1``, ``0.0``, ``1.0``) are free: identities, not magnitudes;
- a literal on a line whose comment says ``unit:`` (``/ 1000  # unit: $m per $bn``)
  or ``index:`` (``model.quarter == 3  # index: third quarter``) is a unit
  conversion or a position, not a magnitude;
- anything else needs a row (kind ``behaviour``, ``unit``, ``index`` or
  ``numerics`` for tolerances that guard a division).

``tests/test_constants.py`` runs the audit and shows that a bare number fails it.
"""

from __future__ import annotations

import ast
import csv
import io
import math
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from world.errors import InputError

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
CONSTANTS_FILE = Path(__file__).resolve().parent / "data" / "constants.csv"
RULE_PACKAGES = ("agents", "world")
# Modules of agents/ and world/ that hold no rule, with the reason; everything else is audited,
# including modules added later.
EXEMPT_MODULES = {
    "world/tables.py": "the bounds of the input schema (what a data file may say), not a rule",
    "world/generator.py": "synthetic worlds for the benchmarks, not the model's world",
    "world/constants.py": "this audit",
}
FREE_VALUES = (0.0, 1.0)
MARKERS = ("unit:", "index:")
KINDS = ("behaviour", "unit", "index", "numerics")
COLUMNS = ("name", "where", "value", "low", "high", "unit", "kind", "meaning", "source")
# A source is a passage of the papers (002 · Section), a work by author and year, or an assumption with its reason.
CITATION = re.compile(r"\b00[023] · |[A-Z][\w'-]+(?: (?:&|and) [A-Z][\w'-]+| et al\.)?,? \d{4}|^assumption: \S")


@dataclass(frozen=True)
class Constant:
    """One number of a rule: where it is written, its value and range, and why it is what it is."""

    name: str
    where: str
    value: float
    low: float
    high: float
    unit: str
    kind: str
    meaning: str
    source: str


@dataclass(frozen=True)
class Literal:
    """A numeric literal found in a rule module."""

    where: str  # module.py::Qual.name (or module.py at module level)
    value: float
    line: int
    text: str

    @property
    def location(self) -> str:
        return f"{self.where.split('::')[0]}:{self.line}"


def load_constants(path: Path = CONSTANTS_FILE) -> list[Constant]:
    """Read and check the constants table; a bad row raises InputError naming the file, row and field."""
    rows = []
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if tuple(reader.fieldnames or ()) != COLUMNS:
            raise InputError(f"{path}: columns must be {', '.join(COLUMNS)}")
        for number, raw in enumerate(reader, start=2):
            try:
                value, low, high = (float(raw[k]) for k in ("value", "low", "high"))
            except ValueError:
                raise InputError(f"{path}: row {number} ({raw['name']}): value, low and high must be numbers") from None
            if not all(map(math.isfinite, (value, low, high))) or not low <= value <= high:
                raise InputError(f"{path}: row {number} ({raw['name']}): need low <= value <= high, all finite")
            if raw["kind"] not in KINDS:
                raise InputError(
                    f"{path}: row {number} ({raw['name']}): field 'kind' must be one of {', '.join(KINDS)}"
                )
            if raw["kind"] == "behaviour" and not CITATION.search(raw["source"]):
                raise InputError(
                    f"{path}: row {number} ({raw['name']}): field 'source' must cite a passage "
                    "('002 · Section', 'Author 2003') or begin 'assumption: why'"
                )
            if not raw["name"] or not raw["where"] or not raw["source"]:
                raise InputError(f"{path}: row {number}: name, where and source are required")
            rows.append(
                Constant(
                    raw["name"], raw["where"], value, low, high, raw["unit"], raw["kind"], raw["meaning"], raw["source"]
                )
            )
    names = [c.name for c in rows]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise InputError(f"{path}: duplicate name(s): {', '.join(duplicates)}")
    return rows


def rule_modules(root: Path = PACKAGE_ROOT) -> list[Path]:
    """Every Python module of agents/ and world/ except the exempt ones."""
    found = []
    for package in RULE_PACKAGES:
        for path in sorted((root / package).rglob("*.py")):
            if path.relative_to(root).as_posix() not in EXEMPT_MODULES:
                found.append(path)
    return found


def _marked_lines(source: str) -> set[int]:
    """Lines whose comment marks a unit conversion or an index."""
    marked = set()
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT and any(m in token.string for m in MARKERS):
            marked.add(token.start[0])
    return marked


class _LiteralFinder(ast.NodeVisitor):
    """Collect numeric literals with the qualified name of the class or function they sit in."""

    def __init__(self, module: str, lines: list[str]):
        self.module, self.lines, self.scope, self.found = module, lines, [], []
        self._in_function = 0

    def _scoped(self, node) -> None:
        function = not isinstance(node, ast.ClassDef)
        self.scope.append(node.name)
        self._in_function += function
        self.generic_visit(node)
        self._in_function -= function
        self.scope.pop()

    visit_FunctionDef = visit_AsyncFunctionDef = visit_ClassDef = _scoped

    def _named(self, node, name: str) -> None:
        self.scope.append(name)
        self.visit(node)
        self.scope.pop()

    def visit_Assign(self, node: ast.Assign) -> None:
        """A named constant at module or class level (``EXPORT_FLOOR = 0.06``) is its own place."""
        target = node.targets[0] if len(node.targets) == 1 else None
        if isinstance(target, ast.Name) and self._outside_functions():
            self._named(node.value, target.id)
        else:
            self.generic_visit(node)

    def visit_Dict(self, node: ast.Dict) -> None:
        """Each entry of a module- or class-level dict with string keys (``{"RUS": 0.6, …}``) is its own place."""
        for key, value in zip(node.keys, node.values):
            if isinstance(key, ast.Constant) and isinstance(key.value, str) and self._outside_functions():
                self._named(value, key.value)
            else:
                if key is not None:
                    self.visit(key)
                self.visit(value)

    def _outside_functions(self) -> bool:
        return not self._in_function

    def visit_Constant(self, node: ast.Constant) -> None:
        if type(node.value) in (int, float):  # bool is a subclass of int: excluded by the exact type test
            where = f"{self.module}::{'.'.join(self.scope)}" if self.scope else self.module
            self.found.append(Literal(where, float(node.value), node.lineno, self.lines[node.lineno - 1].strip()))


def literals(path: Path, module: str) -> tuple[list[Literal], set[int]]:
    """The numeric literals of one module and the lines marked ``unit:``/``index:``."""
    source = path.read_text(encoding="utf-8")
    finder = _LiteralFinder(module, source.splitlines())
    finder.visit(ast.parse(source, filename=str(path)))
    return finder.found, _marked_lines(source)


def audit(modules: dict[str, Path] | None = None, table: list[Constant] | None = None) -> list[str]:
    """Problems, one line each: bare literals, and rows whose number is gone from their place.

    ``modules`` maps a module name (``world/model.py``) to its file; by default every rule module.
    """
    if modules is None:
        modules = {p.relative_to(PACKAGE_ROOT).as_posix(): p for p in rule_modules()}
    table = load_constants() if table is None else table
    registered = {(c.where, c.value) for c in table}
    used: set[tuple[str, float]] = set()
    problems = []
    for module, path in modules.items():
        found, marked = literals(path, module)
        for lit in found:
            if lit.value in FREE_VALUES or lit.line in marked:
                continue
            if (lit.where, lit.value) in registered:
                used.add((lit.where, lit.value))
                continue
            problems.append(
                f"{lit.location}: bare number {lit.value:g} in {lit.where.split('::')[-1]!s} "
                f"(`{lit.text[:70]}`): add a row to world/data/constants.csv with where = "
                f"'{lit.where}', or mark the line '# unit: …' / '# index: …'"
            )
    audited = set(modules)
    for c in table:
        if c.where.split("::")[0] in audited and (c.where, c.value) not in used:
            problems.append(
                f"world/data/constants.csv: row '{c.name}': no literal {c.value:g} in {c.where} "
                "(moved or changed? update the row)"
            )
    return problems
