"""Each action type moves the world in the direction its source says.

Pattern: two identical models (same seed) step to 2016Q1; one gets the
action; both step on; the difference is the action's effect.
"""

from __future__ import annotations

import pytest

from world import DiplomacyModel
from world.actions import ACTION_TYPES, PREFERENCE_BOUND, Action
from world.events import can_apply
from world.tables import EVENT_KINDS

WARMUP = 24  # 2016Q1
ROOMY = 36  # 2019Q1: the oil routes have spare room (in 2016 every one but Aktau's is full, so choice moves nothing)


def twins(warmup: int = WARMUP, **params):
    a, b = DiplomacyModel(rng=5, **params), DiplomacyModel(rng=5, **params)
    a.run_for(warmup)
    b.run_for(warmup)
    return a, b


def act(model, kind, target, magnitude, actor="KAZ", partner="", duration=0):
    model.apply(Action(actor, kind, target, magnitude, "test", "test", partner=partner, duration=duration))


def last(model, column):
    return float(model.timeseries()[column].iloc[-1])


def test_every_scheduled_event_kind_can_be_applied():
    """world.tables.EVENT_KINDS is the one list of event kinds; world/events.py must apply each of them."""
    assert [kind for kind in EVENT_KINDS if not can_apply(kind)] == []
    assert not can_apply("no_such_kind")


def test_every_action_type_is_tested_here():
    tested = {name[5:] for name in globals() if name.startswith("test_") and name[5:] in ACTION_TYPES}
    assert tested == set(ACTION_TYPES)


def test_transit_disruption():
    """002 · In the Wake of the War: a CPC outage lowers CPC volume; the other oil routes take only their spare
    capacity plus one quarter's ramp, and the rest is shut in (lost exports and revenue, logged)."""
    base, hit = twins()
    act(hit, "transit_disruption", "cpc", 0.5, actor="RUS", duration=2)
    base.step(), hit.step()
    assert last(hit, "corridor_volume.cpc") < last(base, "corridor_volume.cpc") - 5
    cor = hit.corridors
    for other in ("atyrau_samara", "caspian_oil", "china_pipeline"):
        gain = last(hit, f"corridor_volume.{other}") - last(base, f"corridor_volume.{other}")
        assert 0 <= gain <= cor.ramp[cor.index[other]] + 1e-9
    assert sum(cor.ramp[cor.index[o]] for o in ("atyrau_samara", "caspian_oil")) > 0
    assert last(hit, "oil_shut_in_mt") > 1.0 and last(base, "oil_shut_in_mt") == 0
    assert last(hit, "shut_in_revenue_bn") > 0 and last(hit, "export_revenue") < last(base, "export_revenue")
    assert (hit.events_frame().action == "shut_in").sum() == (base.events_frame().action == "shut_in").sum() + 1
    assert last(hit, "pressure.RUS") > last(base, "pressure.RUS")


def test_route_contract():
    """002 · In the Wake of the War: a contract (KazMunayGas-SOCAR, Aktau-Baku-BTC) carries its volume on the
    trans-Caspian route after the corridor's lag, whatever the spot choice says, pays its fee take-or-pay, and
    ends after its term."""
    base, signed = twins(ROOMY)
    c = signed.corridors.index["caspian_oil"]
    lag = signed.corridors.contract_lag[c]
    act(signed, "route_contract", "caspian_oil", 3.0, partner="AZE", duration=4)
    assert signed.contracts.committed[c] == 3.0 and signed.contracts.volume[c] == 0.0
    base.run_for(lag), signed.run_for(lag)
    assert last(signed, "contracted_volume.caspian_oil") == pytest.approx(3.0)
    assert last(signed, "corridor_volume.caspian_oil") >= last(base, "corridor_volume.caspian_oil") + 2.5
    assert last(signed, "contract_fees_bn") == pytest.approx(3.0 * signed.corridors.contract_fee[c] / 1000)
    assert (signed.events_frame().action == "route_contract_start").sum() == 1
    # Take-or-pay: an outage on the contracted route stops the oil, not the fee.
    act(signed, "transit_disruption", "caspian_oil", 1.0, actor="WORLD", duration=2)
    signed.step()
    assert last(signed, "contracted_volume.caspian_oil") == 0.0
    assert last(signed, "contract_fees_bn") == pytest.approx(3.0 * signed.corridors.contract_fee[c] / 1000)
    signed.run_for(4)
    assert last(signed, "contracted_volume.caspian_oil") == 0.0 and last(signed, "contract_fees_bn") == 0.0
    assert (signed.events_frame().action == "route_contract_end").sum() == 1


def test_corridor_investment():
    """002 · In the Wake of the War: EU money raises Middle Corridor capacity after the investment lag."""
    base, paid = twins()
    lag = int(base.params["investment_lag"])
    act(paid, "corridor_investment", "middle", 5.0, actor="EU")
    base.run_for(lag - 1), paid.run_for(lag - 1)
    assert last(paid, "corridor_capacity.middle") == last(base, "corridor_capacity.middle")
    base.run_for(2), paid.run_for(2)
    gain = last(paid, "corridor_capacity.middle") - last(base, "corridor_capacity.middle")
    assert gain == pytest.approx(5.0 * base.params["capacity_per_bn"])
    assert last(paid, "corridor_days.middle") < last(base, "corridor_days.middle")


def test_shift_exports():
    """Roberts & Tybout 1997: a new buyer is won at a cost, over time, and only as far as it can take more."""
    base, moved = twins(strategy="passive")
    build = int(base.params["export_build_quarters"])
    act(moved, "shift_exports", "RUS", 0.03, partner="EU")
    logged = moved.events_frame().iloc[-1]
    room = base.params["market_redirect"] * base.economy.export_weights[base.relations.index["EU"]]
    assert logged.action == "shift_exports" and logged.magnitude == pytest.approx(min(0.03, room), abs=1e-6)
    base.step(), moved.step()
    assert last(moved, "welfare_part.moves") < last(base, "welfare_part.moves") == 0.0  # paid now
    assert last(moved, "export_share.EU") == pytest.approx(last(base, "export_share.EU"))  # not yet built
    base.run_for(build), moved.run_for(build)
    assert last(moved, "export_share.EU") > last(base, "export_share.EU")
    assert last(moved, "export_share.RUS") < last(base, "export_share.RUS")


def test_shift_exports_is_capped_by_what_the_buyer_can_take_on():
    """A small market cannot absorb much more within a year: the shift toward Turkey moves little and signals little."""
    base, moved = twins(strategy="passive")
    act(moved, "shift_exports", "RUS", 0.03, partner="TUR")
    act(moved, "shift_exports", "RUS", 0.03, partner="TUR")  # the second finds no room left this year
    shifts = moved.events_frame().tail(2)
    room = base.params["market_redirect"] * base.economy.export_weights[base.relations.index["TUR"]]
    assert list(shifts.magnitude) == [pytest.approx(room, abs=1e-6), 0.0]
    assert moved.memory.standing_with("TUR") == pytest.approx(room / base.params["adjustment_speed"])


def test_shift_route():
    base, moved = twins(ROOMY)
    for _ in range(6):
        act(moved, "shift_route", "caspian_oil", 0.15)
    base.step(), moved.step()
    assert last(moved, "oil_route_share.caspian_oil") > last(base, "oil_route_share.caspian_oil")


def test_route_priority():
    """002 · In the Wake of the War: one instruction moves the preference at once, past the per-quarter bound
    of shift_route, and no further than the preference bound."""
    base, ordered, drifted = *twins(), DiplomacyModel(rng=5)
    drifted.run_for(WARMUP)
    c = ordered.corridors.index["caspian_oil"]
    before = float(base.corridors.preference[c])
    act(ordered, "route_priority", "caspian_oil", 0.5)
    act(drifted, "shift_route", "caspian_oil", 0.5)
    assert ordered.corridors.preference[c] == pytest.approx(min(PREFERENCE_BOUND, before + 0.5))
    assert drifted.corridors.preference[c] == pytest.approx(before + base.params["route_preference_speed"])
    act(ordered, "route_priority", "caspian_oil", 5.0)
    assert ordered.corridors.preference[c] == PREFERENCE_BOUND
    base.step(), ordered.step()
    assert last(ordered, "oil_route_share.caspian_oil") > last(base, "oil_route_share.caspian_oil")


def test_tariff():
    base, taxed = twins()
    act(taxed, "tariff", "KAZ", 0.5, actor="CHN")
    base.step(), taxed.step()
    assert last(taxed, "trade_share.CHN") < last(base, "trade_share.CHN")


def test_trade_restriction():
    """002 · Conclusion: a Russian ban on Kazakh goods lowers Kazakhstan's trade with Russia and its export revenue."""
    base, banned = twins(strategy="passive")  # the default strategy has stopped selling to Russia by 2016
    act(banned, "trade_restriction", "KAZ", 0.6, actor="RUS")
    base.step(), banned.step()
    assert last(banned, "trade_share.RUS") < last(base, "trade_share.RUS")
    assert last(banned, "export_revenue") < last(base, "export_revenue")
    assert last(banned, "pressure_received") > last(base, "pressure_received")


def test_trade_agreement():
    base, deal = twins()
    act(deal, "trade_agreement", "UZB", 0.3)
    base.step(), deal.step()
    assert last(deal, "trade_share.UZB") > last(base, "trade_share.UZB")


def test_sanctions():
    base, hit = twins()
    act(hit, "sanctions", "KAZ", 0.5, actor="USA")
    base.step(), hit.step()
    assert last(hit, "trade_share.USA") < last(base, "trade_share.USA")


def test_fdi():
    """FDI adds output as capital that wears out, and pays its owners a return abroad."""
    base, inv = twins()
    act(inv, "fdi", "KAZ", 20.0, actor="TUR")
    base.step(), inv.step()
    assert last(inv, "investment_share.TUR") > last(base, "investment_share.TUR")
    assert last(inv, "gdp") > last(base, "gdp")
    first = last(inv, "welfare_part.fdi") - last(base, "welfare_part.fdi")
    output, income = inv.params["investment_output_share"], inv.params["fdi_income_yield"]
    assert first == pytest.approx(20.0 * (output - income), rel=0.05)
    base.run_for(40), inv.run_for(40)
    later = last(inv, "welfare_part.fdi") - last(base, "welfare_part.fdi")
    assert 0.0 < later < 0.8 * first  # ten years on, depreciation has worn a good part of it away


def test_court_investment():
    """Incentives bring an investor's money, at a fiscal price (IMF et al. 2015)."""
    base, courted = twins()
    act(courted, "court_investment", "CHN", 0.2)
    base.step(), courted.step()
    assert last(courted, "investment_share.CHN") > last(base, "investment_share.CHN")
    assert last(courted, "welfare_part.moves") == pytest.approx(-4 * 0.2)  # paid this quarter, as a yearly rate
    assert courted.memory.standing_with("CHN") > 0.0


def test_defence_purchase():
    """002 · Changing Balance of Power: a bought tie with Turkey protects, at its price."""
    base, armed = twins()
    act(armed, "defence_purchase", "TUR", 0.2)
    base.step(), armed.step()
    assert last(armed, "security_reliance.TUR") > last(base, "security_reliance.TUR")
    assert last(armed, "security_exposure") < last(base, "security_exposure")
    assert last(armed, "welfare_part.moves") == pytest.approx(-4 * 0.2)


def test_join():
    base, joined = twins()
    act(joined, "join", "OTS", 1.0, actor="TKM", partner="member")
    assert joined.is_member("TKM", "OTS") and not base.is_member("TKM", "OTS")


def test_leave():
    """calibration.md · Memberships: leaving drops the flag; Russia's grievance rises when KAZ leaves the CSTO."""
    base, left = twins()
    act(left, "leave", "CSTO", 1.0)
    base.step(), left.step()
    assert last(left, "member.CSTO") == 0 and last(base, "member.CSTO") == 1
    assert left.grievance("RUS") > base.grievance("RUS")
    # Exposure, not the reliance share: with the CSTO gone the share of what is left can even rise.
    assert last(left, "security_exposure") > last(base, "security_exposure")


def test_stay():
    base, stayed = twins()
    before = len(stayed.log)
    act(stayed, "stay", "EAEU", 0.0)
    assert len(stayed.log) == before + 1 and stayed.log.records[-1].action == "stay"
    base.step(), stayed.step()
    assert last(stayed, "member.EAEU") == last(base, "member.EAEU") == 1


def test_exercise():
    base, drilled = twins()
    act(drilled, "exercise", "USA", 0.3)
    base.step(), drilled.step()
    assert last(drilled, "security_reliance.USA") > last(base, "security_reliance.USA")


def test_arms_deal():
    """002 · Changing Balance of Power: Anka drones raise the security tie and affinity with Turkey."""
    base, armed = twins()
    act(armed, "arms_deal", "KAZ", 0.3, actor="TUR")
    base.step(), armed.step()
    assert last(armed, "security_reliance.TUR") > last(base, "security_reliance.TUR")
    assert last(armed, "affinity.TUR") > last(base, "affinity.TUR")


def test_police_reexports():
    """Kazakhstan's 2023 checks: the re-export channel narrows, Russia reads a step away."""
    base, policed = twins()
    base.run_for(25), policed.run_for(25)  # 2022Q2: the channel is open
    act(policed, "police_reexports", "RUS", 0.3)
    base.step(), policed.step()
    assert 0 < last(policed, "reexports") < last(base, "reexports")
    assert policed.memory.alignment_with("RUS") < base.memory.alignment_with("RUS")


def test_reexport_controls():
    """The EU's anti-circumvention checks close part of the channel and press Kazakhstan."""
    base, checked = twins()
    base.run_for(25), checked.run_for(25)
    act(checked, "reexport_controls", "KAZ", 0.3, actor="EU")
    base.step(), checked.step()
    assert last(checked, "reexports") < last(base, "reexports")
    assert last(checked, "pressure.EU") > last(base, "pressure.EU")


def test_information_pressure():
    base, pressed = twins()
    act(pressed, "information_pressure", "KAZ", 0.5, actor="RUS")
    base.step(), pressed.step()
    assert last(pressed, "pressure_received") > last(base, "pressure_received")
    assert last(pressed, "affinity.RUS") < last(base, "affinity.RUS")


def test_conditionality():
    """003 · Reform to the PCA: the EU withholds part of its investment until governance improves."""
    base, tied = twins()
    act(tied, "conditionality", "KAZ", 0.5, actor="EU")
    base.run_for(4), tied.run_for(4)
    assert last(tied, "investment_share.EU") < last(base, "investment_share.EU")


def test_demand():
    base, asked = twins()
    act(asked, "demand", "KAZ", 0.5, actor="RUS")
    assert asked.memory.pending_demands and asked.memory.pending_demands[-1].actor == "RUS"
    asked._begin_quarter()
    assert asked.situation().demands[-1].actor == "RUS"


def test_concede():
    """003 · Conclusions: a concession is a capture event and pulls Kazakhstan toward the demander."""
    base, yielded = twins(strategy="passive")  # the default strategy answers by diversifying away at once
    act(yielded, "concede", "EAEU", 1.0)
    base.step(), yielded.step()
    assert last(yielded, "capture_events") == last(base, "capture_events") + 1
    assert last(yielded, "export_share.RUS") > last(base, "export_share.RUS")


def test_resist():
    base, refused = twins()
    act(refused, "resist", "RUS", 1.0)
    assert refused.memory.refusals("RUS") == base.memory.refusals("RUS") + 1
    assert refused.grievance("RUS") > base.grievance("RUS")


def test_mediation():
    """000 · balanced policy: Kazakhstan mediates (Iran-US); the prestige is goodwill, not a change of attitude."""
    base, mediated = twins()
    act(mediated, "mediation", "USA", 0.2, partner="IRN")
    r = mediated.relations
    assert (r.affinity == base.relations.affinity).all()
    assert mediated.memory.goodwill_with("USA") > 0 and mediated.memory.goodwill_with("IRN") > 0
    assert mediated.memory.standing == base.memory.standing  # talk is not alignment
    act(base, "mediation", "USA", 0.2, actor="TUR", partner="IRN")  # another actor's mediation still warms
    assert (
        base.relations.affinity[r.index["TUR"], r.index["USA"]]
        > mediated.relations.affinity[r.index["TUR"], r.index["USA"]]
    )


def test_a_summit_eases_the_next_deal_and_creates_no_money():
    """Nitsch 2007; Fearon 1995: goodwill cuts a deal's cost; on its own a summit changes nothing that pays."""
    base, met = twins()
    act(met, "summit", "TUR", 0.01)
    assert (met.relations.affinity == base.relations.affinity).all() and met.memory.standing == base.memory.standing
    act(base, "defence_purchase", "TUR", 0.2), act(met, "defence_purchase", "TUR", 0.2)
    base.step(), met.step()
    saved = last(met, "welfare_part.moves") - last(base, "welfare_part.moves")
    assert saved == pytest.approx(4 * 0.2 * met.params["summit_discount"])


def test_summit():
    base, met = twins()
    act(met, "summit", "OTS", 0.1, actor="OTS")
    r = met.relations
    assert r.affinity[r.index["KAZ"], r.index["TUR"]] > base.relations.affinity[r.index["KAZ"], r.index["TUR"]]


def test_partnership():
    """002 · Changing Balance of Power: a strategic partnership leaves lasting affinity."""
    base, partner = twins()
    act(partner, "partnership", "AZE", 0.2)
    base.run_for(12), partner.run_for(12)
    assert last(partner, "affinity.AZE") > last(base, "affinity.AZE") + 0.05


def test_energy_discount():
    """Axelrod 1995; Baldwin 1985: cheaper Russian fuel raises Kazakhstan's output."""
    base, cheap = twins()
    act(cheap, "energy_discount", "KAZ", 0.5, actor="RUS")
    base.step(), cheap.step()
    assert last(cheap, "gdp") > last(base, "gdp")


def test_reform_dialogue():
    """003 · Reform to the PCA: talks tied to reform raise Kazakhstan's governance score."""
    base, talked = twins()
    act(talked, "reform_dialogue", "KAZ", 0.05, actor="EU")
    k = talked.relations.index["KAZ"]
    assert talked.relations.governance[k] == pytest.approx(base.relations.governance[k] + 0.05)


def test_secondary_sanctions():
    """Early 2015: designations cut Kazakhstan's trade with the sender and cost it finance while they last."""
    base, hit = twins()
    act(hit, "secondary_sanctions", "KAZ", 0.5, actor="USA")
    base.step(), hit.step()
    assert last(hit, "trade_share.USA") < last(base, "trade_share.USA")
    assert last(hit, "welfare_part.sanctions") < last(base, "welfare_part.sanctions")
    assert last(hit, "pressure.USA") > last(base, "pressure.USA")
    base.run_for(20), hit.run_for(20)
    assert last(hit, "welfare_part.sanctions") == pytest.approx(last(base, "welfare_part.sanctions"), abs=0.05)


def test_suspend_cooperation():
    """Leeds 2003; Baldwin 1985: a withdrawn programme lowers the security tie and affinity."""
    base, cut = twins()
    act(base, "exercise", "KAZ", 0.2, actor="TUR"), act(cut, "exercise", "KAZ", 0.2, actor="TUR")
    act(cut, "suspend_cooperation", "KAZ", 0.1, actor="TUR")
    base.step(), cut.step()
    assert last(cut, "security_reliance.TUR") < last(base, "security_reliance.TUR")
    assert last(cut, "affinity.TUR") < last(base, "affinity.TUR")
