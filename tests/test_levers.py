"""Lever response curves: the sweep design, the curves, slopes and the sourced comparison, and docs/levers.md."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from experiments.analysis import levers as lv
from world import load_scenario

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_lever_spec_spans_the_range_and_includes_the_default():
    scenario = load_scenario("eurasia")
    spec = lv.lever_spec("eu_investment", ["multivector", "passive"], points=3, seeds=2)
    values = spec["levers"]["eu_investment"]["values"]
    parameter = scenario.parameters["eu_investment"]
    assert values[0] == parameter.low and values[-1] == parameter.high
    assert scenario.parameter_values["eu_investment"] in values and values == sorted(set(values))
    assert spec["common_random_numbers"] and set(spec["timeseries"]) == set(lv.SERIES)


def frame(values: dict[str, list[float]], xs=(0.0, 1.0, 2.0), seeds: int = 2) -> pd.DataFrame:
    rows = [
        {"strategy": s, "eu_investment": x, "replicate": r, "capacity_middle_2030": y + 0.01 * r}
        for s, ys in values.items()
        for x, y in zip(xs, ys)
        for r in range(seeds)
    ]
    return pd.DataFrame(rows)


def test_curves_slopes_and_capacity_per_bn():
    curve = lv.curves(frame({"a": [10, 16, 22], "b": [10, 10, 10]}), "eu_investment", ["capacity_middle_2030"])
    assert len(curve) == 6 and (curve["ci_low"] <= curve["mean"]).all() and (curve["mean"] <= curve["ci_high"]).all()
    slopes = lv.slopes(curve).set_index("strategy")
    assert slopes.loc["a", "slope"] == pytest.approx(6) and slopes.loc["a", "change_over_range"] == pytest.approx(12)
    assert slopes.loc["b", "slope"] == pytest.approx(0)
    # 6 Mt/yr more capacity in 2030 per €bn/yr invested over 2025-2030 (6 years): 1 Mt/yr per €bn.
    assert lv.capacity_per_bn(curve).to_dict() == pytest.approx({"a": 1.0, "b": 0.0})


def test_directions_of_channel_states():
    assert lv.direction("days_middle_2030") == "lower is better"
    assert lv.direction("capacity_middle_2030") == ""
    assert lv.direction("dependence_RUS_final") == "lower is better"
    assert lv.direction("gdp_final") == "higher is better"


def test_levers_doc_has_a_figure_and_a_sourced_comparison_per_lever():
    text = (DOCS / "levers.md").read_text(encoding="utf-8")
    for lever in lv.LEVERS:
        assert f"## `{lever}`" in text
        image = DOCS / "img" / f"levers-{lever}.png"
        assert f"img/levers-{lever}.png" in text and image.stat().st_size > 10_000
    assert "World Bank 2023" in text and "Mt/yr per €bn" in text


def test_eu_money_never_takes_transit_time_below_its_floor():
    from world import DiplomacyModel

    model = DiplomacyModel(rng=0, record_events=False, eu_investment=3.0).run()
    days = model.timeseries()["corridor_days.middle"]
    assert days.min() >= model.params["min_transit_days"] - 1e-9


def test_levers_doc_prints_no_missing_number():
    text = (DOCS / "levers.md").read_text(encoding="utf-8")
    assert not [line for line in text.splitlines() if " nan" in line or "(nan" in line or "nan " in line]


def test_a_model_figure_over_a_measure_missing_from_the_curve_is_refused():
    curve = lv.curves(frame({"a": [10, 16, 22]}), "eu_investment", ["capacity_middle_2030"])
    with pytest.raises(ValueError, match="russian_pressure"):
        lv.model_figures("russian_pressure", curve, 0.35)  # no gdp_final in this curve
