"""world.explain: a quarter's change in autonomy and welfare split into channels and partners."""

from __future__ import annotations

import pytest

from world import DiplomacyModel
from world.explain import AUTONOMY_CHANNELS, SWITCH, explain_quarter, related_events


@pytest.fixture(scope="module")
def runs() -> dict[str, DiplomacyModel]:
    """A full default run and a full run of the null model (a Kazakhstan that does nothing)."""
    return {name: DiplomacyModel(strategy=name, rng=7).run() for name in ("multivector", "passive")}


@pytest.mark.parametrize("strategy", ["multivector", "passive"])
def test_the_parts_add_up_to_the_recorded_change_every_quarter(runs, strategy):
    """If a measure is redefined without updating the split, the remainder grows and this fails."""
    model = runs[strategy]
    frame = model.timeseries()
    for step in range(1, model.recorder.rows):
        autonomy, welfare = explain_quarter(model, step)
        assert autonomy.change == pytest.approx(frame["autonomy"][step] - frame["autonomy"][step - 1])
        assert welfare.change == pytest.approx(frame["gdp"][step] - frame["gdp"][step - 1])
        assert abs(autonomy.remainder) < 1e-9, (step, autonomy)
        assert abs(welfare.remainder) < 1e-9, (step, welfare)


def test_the_autonomy_parts_are_the_weighted_channels_of_the_leading_partner(runs):
    model = runs["multivector"]
    frame = model.timeseries()
    step = list(frame["date"]).index("2022Q3")
    autonomy, _ = explain_quarter(model, step)
    lead = max(model.layout.partners, key=lambda p: frame[f"dependence.{p}"][step])
    by_channel = {p.channel: p for p in autonomy.parts}
    for channel, (block, weight, _) in AUTONOMY_CHANNELS.items():
        moved = frame[f"{block}.{lead}"][step] - frame[f"{block}.{lead}"][step - 1]
        assert by_channel[channel].partner == lead
        assert by_channel[channel].change == pytest.approx(-model.params[weight] * moved)
    assert [abs(p.change) for p in autonomy.parts] == sorted((abs(p.change) for p in autonomy.parts), reverse=True)


def test_a_change_of_leading_partner_is_named_and_still_adds_up():
    """No built-in run changes its leading partner, so make one: raise China's trade share in one recorded row."""
    model = DiplomacyModel(rng=3)
    model.run_for(8)
    index, params, row = model.layout.index, model.params, model.recorder.data[8]
    lead_before = max(model.layout.partners, key=lambda p: model.recorder.data[7][index[f"dependence.{p}"]])
    assert lead_before == "RUS"
    row[index["trade_share.CHN"]] += 0.9
    row[index["dependence.CHN"]] += params["weight_trade"] * 0.9
    row[index["autonomy"]] = 1.0 - max(row[index[f"dependence.{p}"]] for p in model.layout.partners)
    autonomy, _ = explain_quarter(model, 8)
    switch = next(p for p in autonomy.parts if p.channel == SWITCH)
    assert switch.partner == "CHN" and "from RUS to CHN" in switch.words
    assert {p.partner for p in autonomy.parts} == {"CHN"}
    assert abs(autonomy.remainder) < 1e-9
    assert not any(p.channel == SWITCH for p in explain_quarter(model, 7)[0].parts)


def test_the_cpc_halt_is_among_the_events_behind_the_route_change():
    model = DiplomacyModel(rng=42)
    while model.date != "2022Q3":
        model.step()
    autonomy, _ = explain_quarter(model)
    routes = next(p for p in autonomy.parts if p.channel == "routes")
    assert routes.partner == "RUS"
    events = related_events(model, model.steps, [routes])
    assert any(r.action == "transit_disruption" and r.target == "cpc" for r in events)
    assert events[0].origin == "scheduled"


def test_nothing_to_explain_before_the_first_quarter():
    assert explain_quarter(DiplomacyModel(rng=1)) is None
