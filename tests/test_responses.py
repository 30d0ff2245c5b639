"""Every great power and institution answers Kazakhstan: one twin test per carrot and per stick.

Pattern (as tests/test_actions.py): two identical models with the null-model
strategy (``passive``, so nothing but the trigger tells them apart) step to
the quarter the response is decided in; one Kazakhstan makes the trigger
moves; the power's policy decides on both; the response differs.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from agents.policies.great_powers import EuropeanUnion
from agents.policies.institutions import Alliance
from agents.policies.statecraft import investment_climate
from agents.strategies.bandwagon_russia import BandwagonRussia
from agents.strategies.china_first import ChinaFirst
from agents.strategies.multivector import Multivector
from world import DiplomacyModel
from world.alignment import SPENDING_UNIT_BN
from world.memory import DiplomaticMemory
from world.moves import Action
from world.situation import Situation

LEVERS_FROM = 60  # 2025Q1
QUARTER_STEP = {1: LEVERS_FROM + 4, 2: LEVERS_FROM + 5, 3: LEVERS_FROM + 6, 4: LEVERS_FROM + 7}  # 2026


def twins(quarter: int, years_later: int = 0, **params):
    """Two passive Kazakhstans at 2026Q``quarter`` (plus ``years_later`` years), in the customs union as the
    record has them."""
    a = DiplomacyModel(strategy="passive", rng=5, **params)
    b = DiplomacyModel(strategy="passive", rng=5, **params)
    a.run_for(QUARTER_STEP[quarter] + 4 * years_later)
    b.run_for(QUARTER_STEP[quarter] + 4 * years_later)
    assert a.quarter == quarter
    return a, b


def kaz(model, kind, target, magnitude=0.01, partner="", times=1):
    for _ in range(times):
        model.apply(Action("KAZ", kind, target, magnitude, "trigger", "test", partner=partner))


def loyalty_bar(model) -> float:
    return model.params["loyalty_bar"]


def side_with_russia(model):
    """Buy Russian arms until Kazakhstan's alignment with Russia is a unit past the loyalty bar (a costly move each;
    the record's 2023 re-export checks left it below zero)."""
    for _ in range(4 * int(loyalty_bar(model))):
        if model.memory.alignment_with("RUS") > loyalty_bar(model) + 1:
            return
        kaz(model, "defence_purchase", "RUS", SPENDING_UNIT_BN)
    raise AssertionError("costly moves toward Russia never reached the loyalty bar")


def decide(model, code):
    agent = model.agents_by_code[code]
    return agent.policy.decide(agent, model)


def kinds(actions):
    return sorted(a.kind for a in actions)


def magnitude_of(actions, kind):
    return sum(a.magnitude for a in actions if a.kind == kind)


# --- Russia -------------------------------------------------------------------------------------


def test_russia_rewards_a_kazakhstan_that_sides_with_it():
    """Carrot (tribute model): discounted fuel once a year for a loyal partner."""
    base, loyal = twins(1)
    side_with_russia(loyal)
    assert "energy_discount" in kinds(decide(loyal, "RUS"))
    assert "energy_discount" not in kinds(decide(base, "RUS"))


def test_russia_presses_harder_on_a_kazakhstan_that_left_the_csto():
    """Stick (tribute model): leaving a Russian-led alliance raises the chance of coercion."""
    base, left = twins(1)
    kaz(left, "leave", "CSTO", 1.0)
    russia = left.agents_by_code["RUS"]
    assert russia.policy.coercion_chance(russia, left) > russia.policy.coercion_chance(base.agents_by_code["RUS"], base)


# --- China --------------------------------------------------------------------------------------


def test_china_withholds_investment_after_a_refused_demand():
    """Carrot withdrawn (Baldwin 1985): no Chinese FDI, corridor money or trade deal the year after a refusal."""
    base, refused = twins(1)
    kaz(refused, "resist", "CHN", 0.3)
    assert magnitude_of(decide(base, "CHN"), "fdi") > 0
    assert kinds(decide(refused, "CHN")) == []


def test_china_invests_more_in_a_kazakhstan_that_engages_the_belt_and_road():
    base, engaged = twins(1)
    kaz(engaged, "defence_purchase", "CHN", SPENDING_UNIT_BN, times=6)
    assert magnitude_of(decide(engaged, "CHN"), "fdi") > magnitude_of(decide(base, "CHN"), "fdi")


def test_talk_moves_no_money():
    """A summit eases a deal; it does not create money: six summits with China bring no more Chinese FDI."""
    base, talked = twins(1)
    kaz(talked, "summit", "CHN", times=6)
    assert magnitude_of(decide(talked, "CHN"), "fdi") == magnitude_of(decide(base, "CHN"), "fdi")


def test_engaging_every_power_alike_is_loyalty_to_none():
    """Alignment is relative: the same costly moves toward Russia, China, the EU and the US leave no power's
    carrots or sticks triggered, where the moves toward Russia alone would."""
    base, everyone = twins(3)
    for power in ("RUS", "CHN", "EU", "USA"):
        kaz(everyone, "defence_purchase", power, SPENDING_UNIT_BN, times=int(loyalty_bar(everyone)) + 1)
    for power in ("RUS", "CHN", "EU", "USA"):
        assert everyone.memory.alignment_with(power) == pytest.approx(base.memory.alignment_with(power))
    assert kinds(decide(everyone, "EU")) == kinds(decide(base, "EU"))
    assert kinds(decide(everyone, "CHN")) == kinds(decide(base, "CHN"))


def test_china_demands_when_kazakhstan_sides_with_russia_in_the_customs_union():
    """Stick (Bueno de Mesquita 1981): the customs union as a check on Beijing raises China's stake."""
    base, loyal = twins(3)
    side_with_russia(loyal)
    assert "demand" in kinds(decide(loyal, "CHN"))
    assert "demand" not in kinds(decide(base, "CHN"))


# --- EU -----------------------------------------------------------------------------------------


def test_eu_puts_the_whole_lever_across_the_caspian_whatever_kazakhstan_says_or_signs():
    """The lever is the money invested (€bn a year): ``OIL_SHARE`` of it into the oil route, the rest into the
    Middle Corridor; a stated route preference or a contract does not change the sum."""
    base, west = twins(1)
    talk = twins(1)[1]
    for corridor in ("middle", "caspian_oil"):
        kaz(talk, "shift_route", corridor, 0.15, times=4)
    kaz(west, "route_contract", "caspian_oil", 2.0, partner="AZE")
    for model in (base, west, talk):
        money = {a.target: a.magnitude for a in decide(model, "EU") if a.kind == "corridor_investment"}
        assert sum(money.values()) == pytest.approx(model.lever("eu_investment"))
        assert money["caspian_oil"] == pytest.approx(EuropeanUnion.OIL_SHARE * model.lever("eu_investment"))


def test_corridor_money_buys_capacity_days_and_reliability_after_the_lag():
    """Each €bn adds ``capacity_per_bn`` Mt/yr and ``reliability_per_bn`` of reliability (never past the most
    reliable route) and cuts ``days_per_bn`` days, all after ``investment_lag`` quarters (against a twin)."""
    base, funded = twins(1)
    p, c = funded.params, funded.corridors.index["middle"]
    funded.apply(Action("EU", "corridor_investment", "middle", 2.0, "trigger", "test"))
    state = lambda m: (m.corridors.capacity[c], m.corridors.days[c], m.corridors.base_reliability[c])  # noqa: E731
    assert state(funded) == state(base)  # nothing before the lag
    for model in (base, funded):
        model.run_for(int(p["investment_lag"]) + 1)
    (cap0, days0, rel0), (cap1, days1, rel1) = state(base), state(funded)
    assert cap1 - cap0 == pytest.approx(2.0 * p["capacity_per_bn"])
    assert rel1 == pytest.approx(min(rel0 + 2.0 * p["reliability_per_bn"], funded.corridors.best_reliability))
    assert rel1 <= funded.corridors.best_reliability
    assert days1 < days0


def test_eu_reform_dialogue_moves_governance_only_for_a_kazakhstan_that_engages():
    """003 · Reform to the PCA: the governance score moves with Kazakhstan's engagement, not on its own."""
    base, engaged = twins(4)
    kaz(engaged, "court_investment", "EU", SPENDING_UNIT_BN, times=2)
    assert "reform_dialogue" in kinds(decide(engaged, "EU"))
    assert "reform_dialogue" not in kinds(decide(base, "EU"))
    g = engaged.relations.index["KAZ"]
    before = engaged.relations.governance[g]
    engaged.run_for(4)
    assert engaged.relations.governance[g] > before == base.relations.governance[g]


def test_eu_applies_no_conditionality_before_the_lever_period():
    """003 · Reform to the PCA: conditionality was conspicuously absent in practice."""
    model = DiplomacyModel(strategy="passive", rng=5, until="2024Q4").run()
    events = model.events_frame()
    assert not (events.action == "conditionality").any()


def test_eu_polices_sanctions_evasion_by_a_kazakhstan_that_sides_with_russia():
    """Stick (Early 2015): EU export controls on a third country drawing closer to a sanctioned Russia."""
    base, loyal = twins(3)
    side_with_russia(loyal)
    assert "trade_restriction" in kinds(decide(loyal, "EU"))
    assert "trade_restriction" not in kinds(decide(base, "EU"))


# --- US -----------------------------------------------------------------------------------------


def test_us_investment_and_exercises_forgone_after_kazakhstan_leaves_the_pfp():
    base, left = twins(1)
    kaz(left, "leave", "PFP", 1.0)
    assert magnitude_of(decide(base, "USA"), "fdi") > 0
    assert decide(left, "USA") == []
    for m in (base, left):
        m.run_for(2)
    assert "exercise" in kinds(decide(base, "USA")) and "exercise" not in kinds(decide(left, "USA"))


def test_us_secondary_sanctions_on_a_kazakhstan_that_sides_with_sanctioned_russia():
    """Stick: designations restrict Kazakhstan's trade with the US and its finance."""
    base, loyal = twins(4)
    side_with_russia(loyal)
    assert "secondary_sanctions" in kinds(decide(loyal, "USA"))
    assert "secondary_sanctions" not in kinds(decide(base, "USA"))


# --- Turkey -------------------------------------------------------------------------------------


def test_turkey_deepens_the_turkic_states_with_a_kazakhstan_that_engages():
    """Carrot (002 · Changing Balance of Power): an OTS summit for a Kazakhstan courting Turkey and Azerbaijan."""
    base, engaged = twins(3, years_later=4)  # once the record's 2022-2024 Caspian contracts have faded
    kaz(engaged, "partnership", "TUR", 0.01)
    kaz(engaged, "partnership", "AZE", 0.01)  # deals, each a tie Kazakhstan pays for
    summits = lambda m: [a for a in decide(m, "TUR") if a.kind == "summit" and a.target == "OTS"]  # noqa: E731
    assert summits(engaged) and not summits(base)


def test_turkey_shelves_co_production_when_kazakhstan_steps_back_from_the_ots():
    base, stepped = twins(3)
    kaz(stepped, "join", "OTS", 1.0, partner="observer")
    assert "suspend_cooperation" in kinds(decide(stepped, "TUR"))
    assert "suspend_cooperation" not in kinds(decide(base, "TUR"))
    assert "arms_deal" in kinds(decide(base, "TUR"))


# --- EAEU and CSTO ------------------------------------------------------------------------------


def test_eaeu_lifts_barriers_for_a_loyal_member():
    base, loyal = twins(2)
    side_with_russia(loyal)
    assert "trade_agreement" in kinds(decide(loyal, "EAEU"))
    assert "trade_agreement" not in kinds(decide(base, "EAEU"))


def test_eaeu_asks_more_of_a_drifting_member():
    base, drifting = twins(4)
    kaz(drifting, "leave", "CSTO", 1.0)
    union = base.agents_by_code["EAEU"]
    assert union.policy.ask(drifting.agents_by_code["EAEU"], drifting) > union.policy.ask(union, base)


def test_csto_exercise_scales_with_alliance_reliability():
    """Carrot (Leeds 2003): the guarantee is honoured in proportion to Kazakhstan's standing with the leader."""
    base, loyal = twins(2)
    side_with_russia(loyal)
    assert magnitude_of(decide(loyal, "CSTO"), "exercise") > magnitude_of(decide(base, "CSTO"), "exercise") > 0


def test_csto_scales_back_cooperation_with_a_drifting_member():
    """Stick (Leeds 2003): net moves away from Russia cost the member its exercises."""
    base, drifting = twins(2)
    for rival in ("CHN", "EU", "USA"):  # alignment is relative: costly moves toward every other power
        kaz(drifting, "defence_purchase", rival, SPENDING_UNIT_BN, times=int(Alliance.DOUBT_BAR) + 1)
    assert kinds(decide(drifting, "CSTO")) == ["suspend_cooperation"]
    assert kinds(decide(base, "CSTO")) == ["exercise"]


# --- concession branches ------------------------------------------------------------------------


def demand_from(actor, magnitude):
    return Action(actor, "demand", "KAZ", magnitude, "test demand", "test")


@pytest.mark.parametrize(
    "strategy, demander, dependence",
    [
        (Multivector(), "RUS", {"RUS": 0.5, "CHN": 0.2, "EU": 0.2}),
        (BandwagonRussia(), "EAEU", {"RUS": 0.3, "CHN": 0.2, "EU": 0.2}),
        (ChinaFirst(), "CHN", {"RUS": 0.3, "CHN": 0.3, "EU": 0.2}),
    ],
)
def test_every_concession_branch_fires_and_only_when_its_condition_holds(strategy, demander, dependence):
    leaders = {"EAEU": "RUS"}
    asked = Situation(dependence=dependence, demands=(demand_from(demander, 0.5),), institution_leaders=leaders)
    answers = {a.kind for a in strategy.decide(asked, None) if a.kind in ("concede", "resist")}
    assert answers == {"concede"}
    other = "USA" if demander != "USA" else "RUS"
    refused = Situation(
        dependence={**dependence, "USA": 0.05}, demands=(demand_from(other, 0.5),), institution_leaders=leaders
    )
    assert {a.kind for a in strategy.decide(refused, None) if a.kind in ("concede", "resist")} == {"resist"}


def test_multivector_resists_while_exposure_stays_under_its_threshold():
    low = Situation(dependence={"RUS": 0.3, "CHN": 0.2}, demands=(demand_from("RUS", 0.5),))
    assert [a.kind for a in Multivector().decide(low, None) if a.kind in ("concede", "resist")] == ["resist"]


@pytest.mark.parametrize("strategy, demander", [("bandwagon_russia", "RUS")])
def test_concessions_fire_in_a_default_run(strategy, demander):
    model = DiplomacyModel(strategy=strategy, rng=0).run()
    events = model.events_frame()
    conceded = events[(events.action == "concede")]
    assert model.memory.capture_events > 0
    assert any(model.leader_of(t) == demander for t in conceded.target)


# --- properties of the investment climate ---------------------------------------------------------


def fake_model(standing: float, refused_at: int | None, exited: bool, step: int = 40):
    from world.situation import table_defaults

    memory = DiplomaticMemory()
    memory.standing["CHN"] = standing
    if refused_at is not None:
        memory.record_refusal("CHN", refused_at)
    if exited:
        memory.record_membership("SCO", None)
    leaders = {"SCO": "CHN", "EAEU": "RUS"}
    return SimpleNamespace(
        memory=memory, steps=step, leader_of=lambda code: leaders.get(code, code), params=table_defaults()
    )


@given(st.floats(-50, 50), st.floats(0, 20), st.one_of(st.none(), st.integers(0, 40)), st.booleans())
def test_more_standing_never_brings_less_money(standing, extra, refused_at, exited):
    less = investment_climate(fake_model(standing, refused_at, exited), "CHN")
    more = investment_climate(fake_model(standing + extra, refused_at, exited), "CHN")
    assert 0.0 <= less <= more


@given(st.floats(-50, 50), st.integers(37, 40), st.booleans())
def test_a_recent_refusal_or_an_exit_never_brings_more_money(standing, refused_at, exited):
    clean = investment_climate(fake_model(standing, None, False), "CHN")
    assert investment_climate(fake_model(standing, refused_at, exited), "CHN") == 0.0 <= clean
    assert investment_climate(fake_model(standing, None, True), "CHN") == 0.0
