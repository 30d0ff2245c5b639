"""What membership gives and costs: a customs union's trade effects, and the alliance guarantee."""

from __future__ import annotations

import pytest

from world import DiplomacyModel
from world.moves import Action


def twins():
    a, b = DiplomacyModel(rng=2), DiplomacyModel(rng=2)
    a.run_for(20)
    b.run_for(20)
    return a, b


def share(model, column):
    return float(model.timeseries()[column].iloc[-1])


def test_leaving_the_customs_union_loses_union_trade_and_the_external_tariff():
    """003 · Eurasian Economic Community: the union favours members' trade and taxes outsiders."""
    stay, leave = twins()
    leave.apply(Action("KAZ", "leave", "EAEU", 1.0, "test", "test"))
    stay.step(), leave.step()
    assert share(leave, "trade_share.RUS") < share(stay, "trade_share.RUS")
    assert share(leave, "trade_share.CHN") > share(stay, "trade_share.CHN")


def test_trade_access_matrix_follows_memberships():
    model = DiplomacyModel()
    model.run_for(2)  # the customs union starts in 2010Q3
    inst = model.institutions.effects()
    i = model.relations.index
    gain, elasticity = model.params["customs_union_gain"], model.params["tariff_elasticity"]
    tariff = float(inst.external_tariff[inst.index["EAEU"]])
    assert inst.trade_access[i["KAZ"], i["RUS"]] == pytest.approx(1.0 + gain)
    assert inst.trade_access[i["CHN"], i["KAZ"]] == pytest.approx(1.0 - elasticity * tariff)
    assert inst.trade_access[i["KAZ"], i["CHN"]] == pytest.approx(1.0)  # China has no common external tariff
    assert inst.trade_access[i["CHN"], i["USA"]] == pytest.approx(1.0)
    assert inst.trade_access[-1, i["KAZ"]] == pytest.approx(1.0 - elasticity * tariff)  # rest of the world


def test_joining_the_customs_union_in_2010_makes_russia_a_bigger_partner():
    model = DiplomacyModel(rng=0)
    model.run_for(1)
    before = share(model, "trade_share.RUS")
    model.run_for(1)  # 2010Q3: Kazakhstan joins (memberships.csv)
    assert share(model, "member.EAEU") == 1
    assert share(model, "trade_share.RUS") > before


def test_leaving_the_alliance_loses_its_guarantee():
    stay, leave = twins()
    leave.apply(Action("KAZ", "leave", "CSTO", 1.0, "test", "test"))
    stay.step(), leave.step()
    # Exposure, not the reliance share: once the CSTO's guarantee is gone, Russia's share of what is left
    # (its SCO seat and bilateral exercises) can rise; Kazakhstan is less protected either way.
    assert share(leave, "security_exposure") > share(stay, "security_exposure")
