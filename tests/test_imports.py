"""Every package imports on its own, in a fresh interpreter, whatever is imported first."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = [
    "world",
    "world.errors",
    "world.actions",
    "world.registry",
    "agents.strategies",
    "agents.policies",
    "experiments.cli",
    "viz.app",
]


@pytest.mark.parametrize("module", MODULES)
def test_module_imports_first(module):
    code = f"import {module}; from world import DiplomacyModel; DiplomacyModel().run_for(1)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]


def test_world_does_not_import_viz_or_experiments():
    code = (
        "import sys, world; world.DiplomacyModel().run_for(1); "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('viz', 'experiments')]; print(bad); sys.exit(bool(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
