"""world.explain: a quarter's change in autonomy and welfare split into channels and partners."""

from __future__ import annotations

import pytest

from world import DiplomacyModel
from world.explain import AUTONOMY_CHANNELS, SWITCH, channel_moves, explain_quarter, related_events


@pytest.fixture(scope="module")
def runs() -> dict[str, DiplomacyModel]:
    """A full default run and a full run of the null model (a Kazakhstan that does nothing)."""
    return {name: DiplomacyModel(strategy=name, rng=7).run() for name in ("multivector", "passive")}


@pytest.mark.parametrize("strategy", ["multivector", "passive"])
def test_the_parts_add_up_to_the_recorded_change_every_quarter(runs, strategy):
    """If a measure is redefined without updating the split, the remainder grows and this fails."""
    model = runs[strategy]
    frame = model.timeseries()
    welfare_column = "welfare" if model.has_series("welfare") else "gdp"
    for step in range(1, model.recorder.rows):
        autonomy, welfare = explain_quarter(model, step)
        assert autonomy.change == pytest.approx(frame["autonomy"][step] - frame["autonomy"][step - 1])
        assert welfare.change == pytest.approx(frame[welfare_column][step] - frame[welfare_column][step - 1])
        assert abs(autonomy.remainder) < 1e-9, (step, autonomy)
        assert abs(welfare.remainder) < 1e-9, (step, welfare)


def by_leverage(model) -> bool:
    """Whether autonomy is measured against leverage (recorded per partner) rather than combined dependence."""
    return model.has_series(f"leverage.{model.layout.partners[0]}")


def test_the_autonomy_parts_are_the_leading_partners_recorded_components(runs):
    model = runs["multivector"]
    frame = model.timeseries()
    step = list(frame["date"]).index("2022Q3")
    autonomy, _ = explain_quarter(model, step)
    block = "leverage" if by_leverage(model) else "dependence"
    lead = max(model.layout.partners, key=lambda p: frame[f"{block}.{p}"][step])
    by_channel = {p.channel: p for p in autonomy.parts}
    assert {p.partner for p in autonomy.parts} == {lead}

    def moved(column: str) -> float:
        return frame[column][step] - frame[column][step - 1]

    if by_leverage(model):
        vulnerability = moved(f"vulnerability.{lead}")
        assert by_channel["vulnerability"].change == pytest.approx(-vulnerability)
        assert by_channel["imposed"].change == pytest.approx(-(moved(f"leverage.{lead}") - vulnerability))
    else:
        for channel, (block, weight, _) in AUTONOMY_CHANNELS.items():
            assert by_channel[channel].change == pytest.approx(-model.params[weight] * moved(f"{block}.{lead}"))
    assert [abs(p.change) for p in autonomy.parts] == sorted((abs(p.change) for p in autonomy.parts), reverse=True)


def test_a_change_of_leading_partner_is_named_and_still_adds_up():
    """No built-in run changes its leading partner, so make one: raise China's figures in one recorded row."""
    model = DiplomacyModel(rng=3)
    model.run_for(8)
    index, params, row = model.layout.index, model.params, model.recorder.data[8]
    block = "leverage" if by_leverage(model) else "dependence"
    lead_before = max(model.layout.partners, key=lambda p: model.recorder.data[7][index[f"{block}.{p}"]])
    assert lead_before == "RUS"
    if by_leverage(model):
        row[index["vulnerability.CHN"]] += 0.9
        row[index["leverage.CHN"]] += 0.9
    else:
        row[index["trade_share.CHN"]] += 0.9
        row[index["dependence.CHN"]] += params["weight_trade"] * 0.9
    row[index["autonomy"]] = 1.0 - max(row[index[f"{block}.{p}"]] for p in model.layout.partners)
    autonomy, _ = explain_quarter(model, 8)
    switch = next(p for p in autonomy.parts if p.channel == SWITCH)
    assert switch.partner == "CHN" and "from RUS to CHN" in switch.words
    assert {p.partner for p in autonomy.parts} == {"CHN"}
    assert abs(autonomy.remainder) < 1e-9
    assert not any(p.channel == SWITCH for p in explain_quarter(model, 7)[0].parts)


def test_the_cpc_outage_is_among_the_events_behind_the_change():
    model = DiplomacyModel(rng=42)
    while model.date != "2022Q2":  # the deepest of the 2022 CPC outages (storm repairs and the mine sweep)
        model.step()
    autonomy, _ = explain_quarter(model)
    russia = [p for p in autonomy.parts if p.partner == "RUS"]
    assert russia
    events = related_events(model, model.steps, russia)
    assert any(r.action == "transit_disruption" and r.target == "cpc" for r in events)
    assert events[0].origin == "scheduled"
    moves = dict(channel_moves(model, model.steps, "RUS"))
    assert moves["export routes through RUS"] < 0  # the outage moves oil off the CPC (the shut-in leaves with it)


def test_nothing_to_explain_before_the_first_quarter():
    assert explain_quarter(DiplomacyModel(rng=1)) is None
