"""History is data: 2010-2024 replays what Kazakhstan did, the same under every strategy; strategies decide from 2025."""

from __future__ import annotations

import numpy as np
import pytest

from world import DiplomacyModel, InputError, load_scenario
from world.registry import STRATEGIES

RECORD_END = "2024Q4"


def rows_until(model: DiplomacyModel, last: str) -> tuple[np.ndarray, list[tuple]]:
    frame = model.timeseries()
    numbers = frame[frame.date <= last].drop(columns="date").to_numpy()
    events = [tuple(row) for row in model.events_frame().itertuples(index=False) if row.date <= last]
    return numbers, events


@pytest.fixture(scope="module")
def runs() -> dict[str, DiplomacyModel]:
    return {name: DiplomacyModel(strategy=name, rng=7, until="2026Q4").run() for name in STRATEGIES.names()}


def test_every_strategy_gives_the_same_rows_and_events_until_the_end_of_2024(runs):
    reference_numbers, reference_events = rows_until(runs["passive"], RECORD_END)
    assert len(reference_numbers) == 60 and reference_events
    for name, model in runs.items():
        numbers, events = rows_until(model, RECORD_END)
        assert np.array_equal(numbers, reference_numbers), name
        assert events == reference_events, name


def test_strategies_part_from_2025(runs):
    """Teeth: the same comparison over 2025-2026 tells the strategies apart."""
    passive = runs["passive"].timeseries()
    for name in ("multivector", "west_pivot", "bandwagon_russia"):
        other = runs[name].timeseries()
        assert not np.array_equal(passive.drop(columns="date").to_numpy(), other.drop(columns="date").to_numpy())


def test_the_records_moves_happen_under_a_kazakhstan_that_would_do_nothing(runs):
    """The customs union, the 2022 partnerships and the record's route moves are events, not choices."""
    model = runs["passive"]
    log = model.events_frame()
    # A route contract signed in the record may run past it: its start and end are its terms, not new moves.
    kaz = log[(log.actor == "KAZ") & (log.origin == "scheduled") & ~log.action.str.startswith("route_contract_")]
    assert {"EAEU"} <= set(kaz[kaz.action == "join"].target)
    assert {"TUR", "AZE"} <= set(kaz[kaz.action == "partnership"].target)
    assert (kaz.date <= RECORD_END).all()
    r = model.relations
    assert r.security[r.index["KAZ"], r.index["AZE"]] > 0
    assert model.institutions.is_member(r.index["KAZ"], model.institutions.index["EAEU"])


def test_before_2025_the_record_refuses_every_demand_and_no_strategy_concedes(runs):
    """The record's answer to alignment demands (000: the joint-currency proposal refused)."""
    for name, model in runs.items():
        log = model.events_frame()
        early = log[(log.actor == "KAZ") & (log.date <= RECORD_END)]
        assert not (early.action == "concede").any(), name
        answered = log[(log.action == "demand") & (log.date < "2024Q4")]
        if len(answered):
            assert (early.action == "resist").any(), name


def counterfactual(tmp_path, strategy_from: str) -> str:
    path = tmp_path / "what_if.toml"
    path.write_text(
        f'name = "what_if"\nstart = "2010Q1"\nhorizon = "2030Q4"\nlevers_from = "2025Q1"\nstrategy_from = "{strategy_from}"\n',
        encoding="utf-8",
    )
    return str(path)


def test_a_counterfactual_hands_over_earlier_and_drops_the_records_later_moves(tmp_path):
    """What if Kazakhstan had pivoted west in 2014? The strategy decides from then; the record's own moves stop."""
    setting = counterfactual(tmp_path, "2014Q2")
    west = DiplomacyModel(setting=setting, strategy="west_pivot", rng=3, until="2023Q4").run()
    passive = DiplomacyModel(setting=setting, strategy="passive", rng=3, until="2023Q4").run()
    same_numbers, same_events = rows_until(passive, "2014Q1")
    assert np.array_equal(rows_until(west, "2014Q1")[0], same_numbers)
    log = passive.events_frame()
    kaz_record = log[(log.actor == "KAZ") & (log.origin == "scheduled")]
    assert not kaz_record.empty and (kaz_record.date < "2014Q2").all()
    assert not ((log.action == "partnership") & (log.actor == "KAZ")).any()
    west_log = west.events_frame()
    assert ((west_log.actor == "KAZ") & (west_log.origin == "policy") & (west_log.date >= "2014Q2")).any()


def test_the_shipped_counterfactual_scenario_hands_over_in_2014():
    scenario = load_scenario("west_2014")
    assert scenario.spec.strategy_takes_over == "2014Q2"
    assert load_scenario("eurasia").spec.strategy_takes_over == "2025Q1"


@pytest.mark.parametrize("quarter", ["2009Q4", "2026Q1"])
def test_a_handover_outside_the_replay_is_refused_with_the_file_and_field(tmp_path, quarter):
    with pytest.raises(InputError, match=r"what_if.toml: field 'strategy_from'"):
        load_scenario(counterfactual(tmp_path, quarter))
