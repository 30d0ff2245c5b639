"""Kazakhstan's strategies: each decision on a hand-built situation, the registry and CLI, and that they differ.

The hand-built :class:`Situation` mirrors the 2022 picture: Russia pressing,
most oil through Russian-controlled pipelines, the China pipeline full.
"""

from __future__ import annotations

import json
import textwrap
from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from agents.strategies.adaptive import VECTORS, Adaptive
from agents.strategies.bandwagon_russia import RUSSIAN_EXPORT_TARGET
from agents.strategies.multivector import BUILT_CAPACITY_SHARE, EXPORT_FLOOR
from experiments.cli import main
from world import DiplomacyModel
from world.actions import ACTION_TYPES, Action
from world.decisions import CLASSIFIER_KEYS
from world.registry import STRATEGIES
from world.situation import CorridorView, Situation

BUILT_IN = {"multivector", "bandwagon_russia", "west_pivot", "china_first", "isolationist", "adaptive", "passive"}
RUSSIAN_CORRIDORS = {"cpc", "atyrau_samara", "northern"}


def situation(**changes) -> Situation:
    """Kazakhstan in 2022Q2 as a strategy would see it; keyword arguments replace fields."""
    base = dict(
        step=49,
        date="2022Q2",
        quarter=2,
        dependence={"RUS": 0.34, "CHN": 0.16, "EU": 0.21, "USA": 0.08, "TUR": 0.05, "AZE": 0.03},
        export_weights={"RUS": 0.08, "CHN": 0.23, "EU": 0.36, "USA": 0.02, "TUR": 0.03, "AZE": 0.01, "ROW": 0.27},
        # What each buyer can take on within a year: market_redirect (0.1) of what it buys.
        export_headroom={"RUS": 0.008, "CHN": 0.023, "EU": 0.036, "USA": 0.002, "TUR": 0.003, "AZE": 0.001},
        total_exports=80.0,
        investment_share={"RUS": 0.03, "CHN": 0.1, "EU": 0.5, "USA": 0.25, "TUR": 0.01, "AZE": 0.0, "ROW": 0.11},
        pressure={"RUS": 0.4},
        affinity={"RUS": 0.6, "CHN": 0.18, "EU": 0.43, "USA": 0.2, "TUR": 0.64, "AZE": 0.56},
        corridors={
            "northern": CorridorView("cargo", ("RUS", "BLR"), 40.0, 15.0, 18.0, 0.5),
            "middle": CorridorView("cargo", ("AZE", "GEO", "TUR"), 3.7, 3.6, 48.0, 0.85),
            "north_south": CorridorView("cargo", ("TKM", "IRN"), 3.4, 3.4, 30.0, 0.6),
            "cpc": CorridorView("oil", ("RUS",), 67.0, 55.0, 7.0, 0.95),
            "atyrau_samara": CorridorView("oil", ("RUS",), 17.0, 12.0, 10.0, 0.95),
            "caspian_oil": CorridorView("oil", ("AZE", "GEO", "TUR"), 10.6, 0.3, 14.0, 0.85),
            "china_pipeline": CorridorView("oil", ("CHN",), 2.4, 2.4, 8.0, 0.95),
        },
        memberships={
            "EAEU": "member",
            "CSTO": "member",
            "SCO": "member",
            "CIS": "member",
            "OTS": "member",
            "PFP": "member",
            "OSCE": "member",
        },
        institution_leaders={
            "EAEU": "RUS",
            "CSTO": "RUS",
            "SCO": "CHN",
            "CIS": "RUS",
            "OTS": "TUR",
            "PFP": "USA",
            "OSCE": "EU",
        },
        gdp=220.0,
        gdp_growth=0.01,
        autonomy=0.66,
    )
    base.update(changes)
    return Situation(**base)


def demand(actor: str = "RUS", magnitude: float = 0.3) -> Action:
    return Action(actor, "demand", "KAZ", magnitude, f"{actor} demands alignment", "test")


def decide(name: str, s: Situation, seed: int = 0) -> list[Action]:
    return STRATEGIES.create(name).decide(s, np.random.default_rng(seed))


def of_kind(actions: list[Action], *kinds: str) -> list[Action]:
    return [a for a in actions if a.kind in kinds]


def partners_deepened(actions: list[Action], exclude: str) -> set[str]:
    """Partners an action list moves exports to, or buys security ties from, or makes partnerships with."""
    deepened = {a.partner for a in of_kind(actions, "shift_exports")}
    deepened |= {a.target for a in of_kind(actions, "defence_purchase", "partnership")}
    return deepened - {exclude, ""}


# --- the registry ------------------------------------------------------------------------


def test_built_in_strategies_are_registered_with_classifier_and_description():
    classes = STRATEGIES.classes()
    assert BUILT_IN <= set(classes)
    for name in BUILT_IN:
        cls = classes[name]
        assert set(cls.classifier) == set(CLASSIFIER_KEYS), name
        assert cls.description() and cls.__doc__.count("·") >= 1, f"{name}: docstring must cite a passage"


def test_every_action_a_strategy_returns_is_a_known_kind():
    s = situation(demands=(demand("RUS"), demand("EAEU"), demand("CHN")))
    for name in BUILT_IN:
        for action in decide(name, s):
            assert action.kind in ACTION_TYPES and action.actor == "KAZ", (name, action)
            assert action.reason and action.source, (name, action)


# --- multivector -------------------------------------------------------------------------


def test_multivector_under_russian_pressure_hedges_with_two_others_and_leaves_nothing():
    """Costly hedges toward the two partners it depends on least: exports, security ties, an investor, routes."""
    actions = decide("multivector", situation(quarter=1))
    assert len(partners_deepened(actions, exclude="RUS")) >= 2
    assert not of_kind(actions, "leave", "stay")  # staying is the status quo: no move, no statement
    assert {a.target for a in of_kind(actions, "defence_purchase")} == {"AZE", "TUR"}
    assert [a.target for a in of_kind(actions, "court_investment")] == ["AZE"]
    routes = of_kind(actions, "shift_route")
    assert routes and all(a.target not in RUSSIAN_CORRIDORS and a.magnitude > 0 for a in routes)
    # Every deal is preceded by a summit with its partner in the same quarter (the summit cheapens it).
    for deal in of_kind(actions, "defence_purchase"):
        summits = [a for a in actions[: actions.index(deal)] if a.kind == "summit" and a.target == deal.target]
        assert summits, deal


def test_multivector_hedges_harder_the_harder_it_is_pressed():
    def spend(pressure: float) -> float:
        actions = decide("multivector", situation(quarter=1, pressure={"RUS": pressure}))
        return sum(a.magnitude for a in of_kind(actions, "defence_purchase", "court_investment", "shift_exports"))

    assert spend(0.0) == 0.0 < spend(0.1) < spend(0.2) < spend(0.3)


def test_multivector_offers_no_shift_a_buyer_cannot_absorb():
    full = dict(situation().export_headroom, AZE=0.0, TUR=0.0)
    actions = decide("multivector", situation(export_headroom=full))
    assert not of_kind(actions, "shift_exports")


def test_multivector_routes_oil_where_there_is_room():
    """The China pipeline is full in the situation, so the oil goes to the trans-Caspian route."""
    oil = [
        a.target
        for a in of_kind(decide("multivector", situation()), "shift_route")
        if a.target in ("caspian_oil", "china_pipeline")
    ]
    assert oil == ["caspian_oil"]


def test_multivector_books_what_others_build_on_the_routes_avoiding_its_carrier():
    """In calm times it contracts nothing on a route nobody has built up, and half of what others' money built
    (``BUILT_CAPACITY_SHARE`` × ``capacity_per_bn`` × €bn) on the oil route avoiding Russia, its heaviest carrier."""
    calm = situation(pressure={}, quarter=1, route_dependence={"RUS": 0.85, "CHN": 0.05, "AZE": 0.1})
    assert not of_kind(decide("multivector", calm), "route_contract")
    corridors = dict(calm.corridors)
    corridors["caspian_oil"] = replace(corridors["caspian_oil"], invested_bn=10.0)
    built = decide("multivector", replace(calm, corridors=corridors))
    contracted = {a.target: a.magnitude for a in of_kind(built, "route_contract")}
    assert set(contracted) == {"caspian_oil"}
    assert contracted["caspian_oil"] == pytest.approx(BUILT_CAPACITY_SHARE * calm.params["capacity_per_bn"] * 10.0)
    held = replace(calm, corridors=corridors, route_contracts={"caspian_oil": contracted["caspian_oil"]})
    assert not of_kind(decide("multivector", held), "route_contract")  # booked once, not every quarter


def test_multivector_keeps_selling_to_the_presser_at_the_floor():
    weights = dict(situation().export_weights, RUS=EXPORT_FLOOR)
    actions = decide("multivector", situation(export_weights=weights))
    assert not [a for a in of_kind(actions, "shift_exports") if a.target == "RUS"]
    assert len(partners_deepened(actions, exclude="RUS")) >= 2


def test_multivector_without_pressure_diversifies_only_above_the_ceiling():
    calm = situation(pressure={}, quarter=1)
    assert not of_kind(decide("multivector", calm), "shift_exports")
    heavy = situation(pressure={}, quarter=1, dependence=dict(calm.dependence, RUS=0.5))
    assert {a.target for a in of_kind(decide("multivector", heavy), "shift_exports")} == {"RUS"}


# --- bandwagon_russia --------------------------------------------------------------------


def test_bandwagon_concedes_to_russia_and_its_institutions_and_leans_russian():
    actions = decide("bandwagon_russia", situation(demands=(demand("RUS"), demand("EAEU"))))
    assert {a.target for a in of_kind(actions, "concede")} == {"RUS", "EAEU"}
    assert not of_kind(actions, "resist")
    assert [a.partner for a in of_kind(actions, "shift_exports")] == ["RUS"]
    assert {a.target for a in of_kind(actions, "shift_route")} <= RUSSIAN_CORRIDORS
    assert [a.target for a in of_kind(actions, "leave")] == ["PFP"]
    assert not of_kind(actions, "mediation", "partnership")


def test_bandwagon_stops_redirecting_exports_once_russia_buys_its_target_share():
    weights = dict(situation().export_weights, RUS=RUSSIAN_EXPORT_TARGET)
    assert not of_kind(decide("bandwagon_russia", situation(export_weights=weights)), "shift_exports")


# --- west_pivot -------------------------------------------------------------------------


def test_west_pivot_routes_west_and_sells_west_instead_of_to_russia():
    actions = decide("west_pivot", situation(pressure={"RUS": 0.1}, demands=(demand("RUS"),)))
    assert {a.target for a in of_kind(actions, "shift_route")} == {"middle", "caspian_oil"}
    shifts = of_kind(actions, "shift_exports")
    assert shifts and all(a.target == "RUS" and a.partner in ("EU", "TUR", "AZE") for a in shifts)
    assert {a.target for a in of_kind(actions, "partnership")} == {"TUR", "AZE"}
    assert not of_kind(actions, "concede", "leave")


def test_west_pivot_leaves_the_csto_only_under_heavy_pressure():
    assert [a.target for a in of_kind(decide("west_pivot", situation(pressure={"RUS": 0.5})), "leave")] == ["CSTO"]
    assert not of_kind(decide("west_pivot", situation(pressure={"RUS": 0.1})), "leave")


# --- china_first ------------------------------------------------------------------------


def test_china_first_sells_and_ships_to_china_and_yields_only_to_china():
    actions = decide("china_first", situation(quarter=3, demands=(demand("CHN"), demand("RUS"))))
    assert [a.partner for a in of_kind(actions, "shift_exports")] == ["CHN"]
    assert [a.target for a in of_kind(actions, "shift_route")] == ["china_pipeline"]
    assert [a.target for a in of_kind(actions, "concede")] == ["CHN"]
    assert [a.target for a in of_kind(actions, "resist")] == ["RUS"]
    assert not of_kind(actions, "leave", "trade_agreement")  # the EAEU negotiates its members' agreements


# --- isolationist -----------------------------------------------------------------------


def test_isolationist_sheds_commitments_to_turkmenistans_memberships():
    actions = decide("isolationist", situation())
    assert {a.target for a in of_kind(actions, "leave")} == {"EAEU", "CSTO"}
    downgrades = of_kind(actions, "join")
    assert {a.target for a in downgrades} == {"SCO", "CIS", "OTS"} and {a.partner for a in downgrades} == {"observer"}
    assert not of_kind(actions, "shift_exports", "shift_route", "summit", "partnership", "concede", "mediation")


def test_isolationist_with_nothing_left_to_shed_does_nothing():
    turkmen = {"SCO": "observer", "CIS": "observer", "OTS": "observer", "PFP": "member", "OSCE": "member"}
    assert decide("isolationist", situation(memberships=turkmen)) == []


# --- adaptive ---------------------------------------------------------------------------


def _adaptive_after_one_quarter(payoff_growth: float) -> tuple[Adaptive, str]:
    strategy = Adaptive()
    rng = np.random.default_rng(3)
    first = strategy.decide(situation(), rng)
    chosen = strategy.last_choice
    assert chosen in VECTORS and [a.partner for a in of_kind(first, "shift_exports")] == [chosen]
    strategy.decide(situation(gdp_growth=payoff_growth), rng)
    return strategy, chosen


def test_adaptive_raises_the_weight_of_the_vector_that_paid():
    strategy, chosen = _adaptive_after_one_quarter(0.03)
    assert strategy.weights[chosen] == max(strategy.weights.values())
    assert all(strategy.weights[chosen] > w for v, w in strategy.weights.items() if v != chosen)


def test_adaptive_lowers_the_weight_of_the_vector_that_lost():
    strategy, chosen = _adaptive_after_one_quarter(-0.03)
    assert all(strategy.weights[chosen] < w for v, w in strategy.weights.items() if v != chosen)


def test_adaptive_draws_with_the_rng_it_is_given():
    picks = set()
    for seed in range(20):
        strategy = Adaptive()
        strategy.decide(situation(), np.random.default_rng(seed))
        picks.add(strategy.last_choice)
    assert len(picks) > 1
    a, b = Adaptive(), Adaptive()
    a.decide(situation(), np.random.default_rng(7))
    b.decide(situation(), np.random.default_rng(7))
    assert a.last_choice == b.last_choice


def test_each_model_gets_a_fresh_adaptive_learner():
    first = DiplomacyModel(strategy="adaptive", rng=1, until="2027Q4", record_events=False).run()
    second = DiplomacyModel(strategy="adaptive", rng=1, until="2026Q4", record_events=False)
    assert first.strategy is not second.strategy
    assert len(set(first.strategy.weights.values())) > 1
    assert set(second.strategy.weights.values()) == {1.0}


# --- whole runs and the CLI ---------------------------------------------------------------


@pytest.fixture(scope="module")
def runs():
    """Each built-in strategy on the default scenario, seed 0, to 2040."""
    return {name: DiplomacyModel(strategy=name, rng=0, record_events=False).run().timeseries() for name in BUILT_IN}


def test_the_six_autonomy_trajectories_differ(runs):
    names = sorted(runs)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            assert not np.allclose(runs[a]["autonomy"], runs[b]["autonomy"]), (a, b)


def test_strategies_move_the_world_the_way_they_lean(runs):
    last = {name: ts.iloc[-1] for name, ts in runs.items()}
    assert last["bandwagon_russia"]["dependence.RUS"] > last["multivector"]["dependence.RUS"]
    assert last["bandwagon_russia"]["capture_events"] > 0 and last["multivector"]["capture_events"] == 0
    assert last["china_first"]["export_share.CHN"] > last["multivector"]["export_share.CHN"]
    levers = {name: ts[ts["date"] >= "2025Q1"].mean(numeric_only=True) for name, ts in runs.items()}
    assert levers["west_pivot"]["oil_route_share.caspian_oil"] > levers["multivector"]["oil_route_share.caspian_oil"]
    assert levers["west_pivot"]["route_dependence.RUS"] < levers["bandwagon_russia"]["route_dependence.RUS"]
    assert last["west_pivot"]["member.CSTO"] == 0 and last["multivector"]["member.CSTO"] == 1
    assert last["isolationist"]["member.EAEU"] == 0 and last["isolationist"]["member.CSTO"] == 0


@pytest.mark.parametrize("name", sorted(BUILT_IN))
def test_every_strategy_runs_through_the_cli(name, tmp_path):
    out = tmp_path / "out"
    assert main(["run", "--quiet", "--strategy", name, "--until", "2026Q4", "--out", str(out)]) == 0
    assert json.loads((out / "run.json").read_text())["strategy"] == name


def test_strategies_command_lists_the_built_ins_with_classifiers(capsys):
    assert main(["strategies", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert BUILT_IN <= {row["name"] for row in rows}
    assert all(row["description"] and row["source"] for row in rows)
    assert main(["strategies", "--where", "learns=true", "--json"]) == 0
    assert [row["name"] for row in json.loads(capsys.readouterr().out)] == ["adaptive"]


def test_strategies_command_rejects_an_unknown_classifier_key(capsys):
    assert main(["strategies", "--where", "colour=red"]) == 2
    assert "favours, learns" in capsys.readouterr().err


USER_STRATEGY = '''
"""A user's strategy, written outside the package."""

from world.decisions import Strategy
from world.moves import Action


class TurkicFirst(Strategy):
    """Always lean on Turkey: sell to it and route west (a test of --strategy module:Class)."""

    name = "turkic_first"
    classifier = {"favours": ["TUR"], "learns": False, "stochastic": False,
                  "leaves_institutions": False, "source": "002 · Changing Balance of Power in the Caspian Region"}

    def decide(self, situation, rng):
        return [Action(situation.focal, "shift_exports", "*", 0.03, "sells to Turkey", self.classifier["source"],
                       partner="TUR"),
                Action(situation.focal, "shift_route", "middle", 0.15, "ships via the Middle Corridor",
                       self.classifier["source"])]
'''


def test_a_user_strategy_in_its_own_module_runs_through_the_cli(tmp_path, monkeypatch):
    (tmp_path / "my_kazakh_strategies.py").write_text(textwrap.dedent(USER_STRATEGY))
    monkeypatch.syspath_prepend(str(tmp_path))
    out = tmp_path / "out"
    assert (
        main(
            ["run", "--quiet", "--strategy", "my_kazakh_strategies:TurkicFirst", "--until", "2030Q4", "--out", str(out)]
        )
        == 0
    )
    mine = pd.read_csv(out / "timeseries.csv")
    default = DiplomacyModel(rng=0, until="2030Q4", record_events=False).run().timeseries()
    # Turkey takes on at most market_redirect (10 %) more a year: a rise, not a leap.
    assert default["export_share.TUR"].iloc[-1] < mine["export_share.TUR"].iloc[-1]
    assert mine["export_share.TUR"].iloc[-1] < 2 * default["export_share.TUR"].iloc[-1]
    assert json.loads((out / "run.json").read_text())["strategy"] == "my_kazakh_strategies:TurkicFirst"


def test_passive_takes_no_action_even_when_pressed_and_asked():
    demand = Action("RUS", "demand", "KAZ", 0.5, "join the union's line", "test")
    assert decide("passive", situation(pressure={"RUS": 0.9}, demands=(demand,))) == []
    model = DiplomacyModel(strategy="passive", rng=0, until="2026Q4").run()
    events = model.events_frame()
    own = events[(events["actor"] == "KAZ") & (events["origin"] == "policy")]
    # The model books an unanswered demand as refused; passive chooses nothing else.
    assert set(own["action"]) == {"resist"}
