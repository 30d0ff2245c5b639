"""Name → class registries for policies and strategies, with ``package.module:ClassName`` for user code.

A researcher adds a strategy by writing one class; the CLI and scenario
files find it by its ``name`` or by its import path (see README).
"""

from __future__ import annotations

import importlib
from typing import Generic, TypeVar

from world.errors import ScenarioError

T = TypeVar("T")


class Registry(Generic[T]):
    """Classes registered under their ``name`` attribute."""

    def __init__(self, kind: str):
        self.kind = kind
        self._classes: dict[str, type[T]] = {}

    def register(self, cls: type[T]) -> type[T]:
        """Class decorator: make ``cls`` available under ``cls.name``."""
        name = getattr(cls, "name", "")
        if not name:
            raise TypeError(f"{cls.__qualname__} needs a non-empty class attribute 'name'")
        self._classes[name] = cls
        return cls

    def names(self) -> list[str]:
        _load_builtins()
        return list(self._classes)

    def classes(self) -> dict[str, type[T]]:
        _load_builtins()
        return dict(self._classes)

    def get(self, name: str) -> type[T]:
        """The class registered as ``name``, or imported from ``package.module:ClassName``."""
        _load_builtins()
        if name in self._classes:
            return self._classes[name]
        if ":" in name:
            return self._import(name)
        raise ScenarioError(
            f"unknown {self.kind} '{name}'; allowed: {', '.join(self._classes)} "
            f"(or package.module:ClassName)"
        )

    def create(self, name: str) -> T:
        return self.get(name)()

    def _import(self, path: str) -> type[T]:
        module_name, _, class_name = path.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ImportError as error:
            raise ScenarioError(f"{self.kind} '{path}': cannot import module '{module_name}': {error}") from None
        cls = getattr(module, class_name, None)
        if not isinstance(cls, type):
            raise ScenarioError(f"{self.kind} '{path}': module '{module_name}' has no class '{class_name}'")
        return cls


POLICIES: Registry = Registry("policy")
STRATEGIES: Registry = Registry("strategy")


def _load_builtins() -> None:
    """Import the built-in policy and strategy modules so their classes register themselves."""
    importlib.import_module("agents.policies")
    importlib.import_module("agents.strategies")
