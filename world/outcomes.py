"""End-of-run outcomes: one number per question a researcher asks of a run."""

from __future__ import annotations

import numpy as np

from world.measures import summaries
from world.scenario import GREAT_POWERS, MAJOR_PARTNERS
from world.state import World


def outcomes(model: World) -> dict[str, float]:
    """Mean and final autonomy, welfare, security exposure, vulnerability and sensitivity per partner, … (floats)."""
    lay = model.layout
    data = model.recorder.data[: model.recorder.rows]
    col = lambda name: data[:, lay.index[name]]  # noqa: E731
    lever_rows = data[model.levers_from_step :] if model.recorder.rows > model.levers_from_step else data
    # Every catalogue measure's summaries (world/measures.py), then the per-partner and per-corridor ones.
    result = summaries(col, model.levers_from_step)
    for power in GREAT_POWERS:
        name = f"dependence.{power}"
        if name in lay.index:
            result[f"dependence_{power}_final"] = float(col(name)[-1])
            result[f"dependence_{power}_mean"] = float(col(name).mean())
    for partner in MAJOR_PARTNERS:
        for measure in ("vulnerability", "sensitivity"):
            name = f"{measure}.{partner}"
            if name in lay.index:
                result[f"{measure}_{partner}_final"] = float(col(name)[-1])
    for name in lay.names:
        if name.startswith("welfare_part."):  # welfare by its terms, 2025-2040 (the decomposition of the study)
            part = name.split(".", 1)[1]
            result[f"welfare_part_{part}_mean_after_levers"] = float(lever_rows[:, lay.index[name]].mean())
    for corridor in ("middle", "cpc"):
        name = f"corridor_volume.{corridor}"
        if name in lay.index:
            result[f"volume_{corridor}_final"] = float(col(name)[-1])
    result["left_institutions"] = float(
        sum(1 for name in lay.names if name.startswith("member.") and col(name)[0] > col(name)[-1])
    )
    broken = [name for name, value in result.items() if not np.isfinite(value)]
    if broken:  # validated input never gets here; a bug must not pass as a number (nor vanish under python -O)
        raise NonFiniteOutcome(
            f"the run produced a non-finite outcome ({', '.join(broken)}); "
            "this is a model bug: please report it with the scenario and seed"
        )
    return result


class NonFiniteOutcome(ArithmeticError):
    """An outcome came out NaN or infinite: a defect of the model, never of the input (input is validated)."""
