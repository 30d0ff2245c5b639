"""Kazakhstan's own moves in the record are offered to its strategy, not imposed by the calendar."""

from __future__ import annotations

import pytest

from world import DiplomacyModel
from world.actions import Action
from world.registry import STRATEGIES
from world.situation import CorridorView, Situation

JOIN_EAEU = Action("KAZ", "join", "EAEU", 1.0, "joins the customs union", "s", partner="member")
PARTNER_TURKEY = Action("KAZ", "partnership", "TUR", 0.15, "partnership with Turkey", "s")
TRANS_CASPIAN = Action("KAZ", "route_priority", "caspian_oil", 1.5, "prioritise the trans-Caspian route", "s")
MOVES = (JOIN_EAEU, PARTNER_TURKEY, TRANS_CASPIAN)


def situation() -> Situation:
    return Situation(
        dependence={"RUS": 0.3, "CHN": 0.2, "EU": 0.2, "TUR": 0.05, "AZE": 0.02, "USA": 0.1},
        institution_leaders={"EAEU": "RUS", "SCO": "CHN"},
        corridors={"caspian_oil": CorridorView("oil", ("AZE", "GEO", "TUR"), 10, 2, 20, 0.9)},
        opportunities=MOVES,
    )


@pytest.mark.parametrize(
    ("strategy", "taken"),
    [
        ("multivector", {"EAEU", "TUR", "caspian_oil"}),
        ("passive", set()),
        ("isolationist", set()),
        ("bandwagon_russia", {"EAEU"}),
        ("west_pivot", {"TUR", "caspian_oil"}),
        ("china_first", set()),
    ],
)
def test_each_strategy_takes_the_moves_that_lean_its_way(strategy, taken):
    s = situation()
    chosen = STRATEGIES.create(strategy)
    assert {m.target for m in MOVES if chosen.takes(s, m)} == taken


def test_the_vectors_of_a_move():
    s = situation()
    assert s.vectors_of(JOIN_EAEU) == {"RUS"}
    assert s.vectors_of(TRANS_CASPIAN) == {"AZE", "GEO", "TUR"}
    assert s.vectors_of(Action("KAZ", "mediation", "EU", 0.03, "r", "s", partner="RUS")) == {"EU", "RUS"}


def twin(strategy: str) -> DiplomacyModel:
    return DiplomacyModel(strategy=strategy, rng=3, until="2023Q1")


def test_twins_differ_only_by_the_choice_and_so_does_the_trans_caspian_route():
    """Two Kazakhstans, one taking the record's moves and one not: the July 2022 instruction and the
    partnerships happen only for the first (the event log says so, as Kazakhstan's policy)."""
    taker, decliner = twin("multivector").run(), twin("passive").run()
    log = taker.events_frame()
    instruction = log[(log.action == "route_priority") & (log.target == "caspian_oil")]
    assert list(instruction.date) == ["2022Q3"] and set(instruction.origin) == {"policy"}
    assert not (decliner.events_frame().action == "route_priority").any()
    cor = taker.corridors.index["caspian_oil"]
    assert taker.corridors.preference[cor] > decliner.corridors.preference[cor]
    assert taker.institutions.is_member(taker.relations.index["KAZ"], taker.institutions.index["EAEU"])
    assert not decliner.institutions.is_member(decliner.relations.index["KAZ"], decliner.institutions.index["EAEU"])
    r = taker.relations
    assert r.security[r.index["KAZ"], r.index["AZE"]] > 0 == decliner.relations.security[r.index["KAZ"], r.index["AZE"]]


def test_public_opinion_stays_on_the_calendar():
    """The 2022 cooling of Kazakh opinion toward Russia is not the government's choice: it happens to both twins."""
    taker, decliner = twin("multivector").run(), twin("passive").run()
    for model in (taker, decliner):
        log = model.events_frame()
        assert ((log.action == "opinion") & (log.date == "2022Q1") & (log.target == "RUS")).any()
