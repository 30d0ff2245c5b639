"""Name → class registries for policies and strategies, with ``package.module:ClassName`` for user code.

The model looks decision rules up here by name; it never imports the
``agents`` package. Packages that provide rules announce themselves under
the ``multivector.decision_rules`` entry-point group (pyproject.toml names
``agents``); the first lookup imports each of them, and importing a rule's
module registers its class. A researcher adds a strategy by writing one
class; the CLI and scenario files find it by its ``name`` or by its import
path (see README).
"""

from __future__ import annotations

import contextlib
import importlib
import importlib.util
import inspect
import io
from importlib import metadata
from pathlib import Path
from typing import Generic, TypeVar

from world.decisions import Policy, Strategy
from world.errors import InputError
from world.tables import short_value

T = TypeVar("T")

ENTRY_POINT_GROUP = "multivector.decision_rules"


class Registry(Generic[T]):
    """Classes registered under their ``name`` attribute; ``base`` is the class every entry must extend."""

    def __init__(self, kind: str, base: type):
        self.kind = kind
        self.base = base
        self._classes: dict[str, type[T]] = {}

    def register(self, cls: type[T]) -> type[T]:
        """Class decorator: make ``cls`` available under ``cls.name``."""
        name = getattr(cls, "name", "")
        if not name:
            raise TypeError(f"{cls.__qualname__} needs a non-empty class attribute 'name'")
        self._classes[name] = cls
        return cls

    def names(self) -> list[str]:
        load_rule_packages()
        return list(self._classes)

    def classes(self) -> dict[str, type[T]]:
        load_rule_packages()
        return dict(self._classes)

    def get(self, name: str) -> type[T]:
        """The class registered as ``name``, or imported from ``package.module:ClassName``."""
        load_rule_packages()
        if name in self._classes:
            return self._classes[name]
        if ":" in name:
            return self._import(name)
        allowed = ", ".join(self._classes) or (
            f"none registered: no package announces decision rules under the '{ENTRY_POINT_GROUP}' entry point; "
            "reinstall with 'make venv'"
        )
        raise InputError(f"unknown {self.kind} '{name}'; allowed: {allowed} (or package.module:ClassName)")

    def source_file(self, name: str) -> Path | None:
        """The file a ``package.module:ClassName`` plug-in's module is read from (None for built-ins)."""
        if ":" not in name:
            return None
        spec = importlib.util.find_spec(name.partition(":")[0])
        return Path(spec.origin) if spec is not None and spec.origin and Path(spec.origin).is_file() else None

    def create(self, name: str) -> T:
        return self.get(name)()

    def _import(self, path: str) -> type[T]:
        """Import ``package.module:ClassName`` named by the user; return it only if it is one of ours to call.

        Only the user's own command line or Python code reaches here (data files naming code are refused
        before, see ``Scenario.check_rules``). The class is checked before anything calls it:
        ``subprocess:Popen`` or the abstract base itself are refused, never instantiated.
        """
        module_name, _, class_name = path.partition(":")
        if not module_name or not class_name.isidentifier():
            raise InputError(f"{self.kind} {path!r}: expected package.module:ClassName")
        base = f"{self.base.__module__}.{self.base.__name__}"
        try:
            with contextlib.redirect_stdout(io.StringIO()):  # a module's import-time prints are not our output
                module = importlib.import_module(module_name)
        except ImportError as error:
            raise InputError(f"{self.kind} '{path}': cannot import module '{module_name}': {error}") from None
        except Exception as error:  # noqa: BLE001 - the user's module failed; say so in one line
            raise InputError(
                f"{self.kind} '{path}': importing '{module_name}' failed: "
                f"{type(error).__name__}: {short_value(str(error))}"
            ) from None
        cls = getattr(module, class_name, None)
        if not isinstance(cls, type):
            raise InputError(f"{self.kind} '{path}': module '{module_name}' has no class '{class_name}'")
        if cls is self.base:
            raise InputError(f"{self.kind} '{path}': is the base class {base} itself; name a subclass of it")
        if not issubclass(cls, self.base) or inspect.isabstract(cls):
            raise InputError(f"{self.kind} '{path}': not a subclass of {base}; a {self.kind} must extend it")
        return cls


POLICIES: Registry = Registry("policy", Policy)
STRATEGIES: Registry = Registry("strategy", Strategy)

_loaded = False


def load_rule_packages() -> None:
    """Import every package announced under :data:`ENTRY_POINT_GROUP` once, so its classes register themselves."""
    global _loaded
    if _loaded:
        return
    _loaded = True
    for entry_point in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
        entry_point.load()
