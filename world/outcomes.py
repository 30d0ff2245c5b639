"""End-of-run outcomes: one number per question a researcher asks of a run."""

from __future__ import annotations

import numpy as np

from world.metrics import GREAT_POWERS
from world.state import World

MEASURED_PARTNERS = ("RUS", "CHN", "EU", "USA", "TUR")  # partners whose vulnerability and sensitivity are outcomes


def outcomes(model: World) -> dict[str, float]:
    """Mean and final autonomy, welfare, security exposure, vulnerability and sensitivity per partner, … (floats)."""
    lay = model.layout
    data = model.recorder.data[: model.recorder.rows]
    col = lambda name: data[:, lay.index[name]]  # noqa: E731
    lever_rows = data[model.levers_from_step :] if model.recorder.rows > model.levers_from_step else data
    result = {
        "autonomy_mean": float(col("autonomy").mean()),
        "autonomy_final": float(col("autonomy")[-1]),
        "autonomy_min": float(col("autonomy").min()),
        "autonomy_mean_after_levers": float(lever_rows[:, lay.index["autonomy"]].mean()),
        "gdp_final": float(col("gdp")[-1]),
        "gdp_growth_annual": float((col("gdp")[-1] / col("gdp")[0]) ** (4.0 / max(len(data) - 1, 1)) - 1.0),
        "export_revenue_mean": float(col("export_revenue").mean()),
        "transit_revenue_final": float(col("transit_revenue")[-1]),
        "lost_exports_mt_total": float(col("lost_exports_mt").sum() / 4.0),
        "pressure_received_mean": float(col("pressure_received").mean()),
        "capture_events": float(col("capture_events")[-1]),
        "hhi_trade_final": float(col("hhi_trade")[-1]),
        "hhi_routes_final": float(col("hhi_routes")[-1]),
        "alignment_balance_final": float(col("alignment_balance")[-1]),
        "welfare_final": float(col("welfare")[-1]),
        "welfare_mean_after_levers": float(lever_rows[:, lay.index["welfare"]].mean()),
        "security_exposure_final": float(col("security_exposure")[-1]),
        "security_exposure_mean_after_levers": float(lever_rows[:, lay.index["security_exposure"]].mean()),
        "hhi_dependence_final": float(col("hhi_dependence")[-1]),
    }
    for power in GREAT_POWERS:
        name = f"dependence.{power}"
        if name in lay.index:
            result[f"dependence_{power}_final"] = float(col(name)[-1])
            result[f"dependence_{power}_mean"] = float(col(name).mean())
    for partner in MEASURED_PARTNERS:
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
