"""What the charts and the event log show, computed from the model (no browser, no Solara)."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from viz.compare import ComparisonSetup, compare, draw_comparison, run_one, summarise, summary_rows
from viz.dependence import dependence_view, draw_dependence, milestones, run_trace
from viz.eurasia_map import draw_map, map_view
from viz.event_log import actor_choices, citation, event_lines, latest_events, plain_sentence
from viz.figure import to_png
from viz.glossary import glossary_entries
from viz.labels import actor_names
from viz.network import draw_network, network_view
from viz.session import SessionModel
from viz.why import why_lines
from world import DiplomacyModel


@pytest.fixture(scope="module")
def at_2022q3() -> SessionModel:
    model = SessionModel()
    model.run_until("2022Q3")
    return model


def test_map_marks_the_corridors_disrupted_this_quarter(at_2022q3):
    view = map_view(at_2022q3)
    cor = at_2022q3.corridors
    assert {c.name for c in view.disrupted} == {n for n, d in zip(cor.names, cor.disruption) if d > 0}
    assert "cpc" in {c.name for c in view.disrupted}  # events.csv: CPC court halt in 2022Q3
    quiet = SessionModel()
    quiet.run_until("2021Q4")
    assert not map_view(quiet).disrupted


def test_map_draws_corridors_through_their_transit_capitals_with_width_by_volume(at_2022q3):
    view = map_view(at_2022q3)
    capital = {a.code: (a.lon, a.lat) for a in at_2022q3.setting.actors}
    for corridor, path in zip(view.corridors, at_2022q3.corridors.paths):
        assert [p for p in corridor.points] == [capital[code] for code in path]
    by_volume = sorted(view.corridors, key=lambda c: c.volume)
    assert [c.width for c in by_volume] == sorted(c.width for c in by_volume)


def test_network_has_every_tie_of_kazakhstan_and_this_quarters_pressure(at_2022q3):
    view = network_view(at_2022q3)
    rel = at_2022q3.relations
    kaz_ties = {frozenset((a, b)) for a, b, _, _ in view.ties if "KAZ" in (a, b)}
    assert kaz_ties == {frozenset(("KAZ", c)) for c in rel.codes if c != "KAZ"}
    i, j = rel.index["RUS"], rel.index["KAZ"]
    assert ("RUS", "KAZ", pytest.approx(rel.pressure[i, j])) in view.pressure
    assert view.gdp == dict(zip(rel.codes, rel.gdp))
    assert view.positions["KAZ"] == (0.0, 0.0)


def test_dependence_view_matches_the_timeseries(at_2022q3):
    view = dependence_view(at_2022q3)
    frame = at_2022q3.timeseries()
    np.testing.assert_array_equal(view.autonomy, frame["autonomy"])
    for code, values in view.dependence.items():
        np.testing.assert_array_equal(values, frame[f"dependence.{code}"])
    events = at_2022q3.events_frame()
    assert len(view.events) == int((events["origin"] == "scheduled").sum())


def test_milestones_every_five_years_and_now(at_2022q3):
    rows = milestones(at_2022q3)
    frame = at_2022q3.timeseries().set_index("date")
    assert [r["date"] for r in rows] == ["2010Q1", "2015Q1", "2020Q1", "2022Q3"]
    for row in rows:
        assert row["autonomy"] == round(frame.loc[row["date"], "autonomy"], 3)
        assert row["RUS"] == round(frame.loc[row["date"], "dependence.RUS"], 3)


def test_event_log_latest_first_filtered_by_actor(at_2022q3):
    records = at_2022q3.log.records
    assert len(latest_events(at_2022q3, limit=len(records) + 1)) == len(records)
    latest = latest_events(at_2022q3, limit=3)
    this_quarter = [r for r in records if r.step == records[-1].step]
    assert len(this_quarter) > 3
    assert latest == this_quarter  # a whole quarter, in the order things happened, its causes first
    assert latest[0].origin == "scheduled"
    two = latest_events(at_2022q3, limit=len(this_quarter) + 1)
    steps = [r.step for r in two]
    assert steps == sorted(steps, reverse=True) and len(set(steps)) == 2  # newest quarter first
    russia = latest_events(at_2022q3, "RUS", limit=1000)
    assert russia and all(r.actor == "RUS" for r in russia)
    assert len(russia) == sum(r.actor == "RUS" for r in at_2022q3.log.records)
    scheduled = latest_events(at_2022q3, scheduled_only=True)
    assert all(r.origin == "scheduled" for r in scheduled)
    assert actor_choices(at_2022q3)["Russia (RUS)"] == "RUS"


def test_event_sentence_names_the_actor_in_words(at_2022q3):
    halt = next(r for r in at_2022q3.log.records if r.date == "2022Q3" and r.action == "transit_disruption")
    sentence = plain_sentence(halt, actor_names(at_2022q3))
    assert sentence == f"2022Q3 · Russia · {halt.reason} · source 002 · In the Wake of the War"


def test_one_decision_logged_per_target_is_one_line_naming_its_targets(at_2022q3):
    quarter = [r for r in at_2022q3.log.records if r.date == "2022Q3"]
    tokayev = [r for r in quarter if r.reason.startswith("Tokayev instructs")]
    assert len(tokayev) == 2  # the data give one row per route
    lines = [line.sentence(actor_names(at_2022q3)) for line in event_lines(quarter)]
    merged = [line for line in lines if "Tokayev instructs" in line]
    assert merged == [
        "2022Q3 · Kazakhstan · Tokayev instructs KazMunayGas to prioritise the trans-Caspian route "
        "(caspian_oil, middle) · source 002 · In the Wake of the War"
    ]
    assert len(lines) == len(quarter) - 1


def test_the_page_log_cites_sources_without_calibration_notes():
    model = SessionModel()
    model.run_until("2040Q4")
    names = actor_names(model)
    for line in event_lines(model.log.records):
        text = line.sentence(names)
        # A paper and section ("002 · In the Wake of the War") or an author and year ("Axelrod 1995").
        assert re.fullmatch(r"\S+ · [^;()]+|[A-Z][^;()]* \d{4}[a-z]?", line.source) and "matched" not in text, text
        assert "+0.0 Mt/yr" not in text, text
    assert citation("002 · In the Wake of the War (investment lag)") == "002 · In the Wake of the War"


@pytest.mark.parametrize(
    "draw, view", [(draw_map, map_view), (draw_network, network_view), (draw_dependence, dependence_view)]
)
def test_every_chart_draws_a_png(at_2022q3, draw, view):
    assert to_png(draw(view(at_2022q3))).startswith(b"\x89PNG")


def test_compare_runs_every_strategy_and_seed_like_a_plain_run():
    model = SessionModel(rng=11, russian_pressure=0.8)
    setup = ComparisonSetup.from_model(model, n_seeds=2)
    assert setup.seeds == (11, 12)
    calls = []
    frame = compare(setup, lambda done, total: calls.append((done, total)))
    assert calls[-1] == (len(setup.runs), len(setup.runs)) and len(calls) == len(setup.runs)
    assert sorted(zip(frame["strategy"], frame["seed"])) == sorted(setup.runs)
    direct = DiplomacyModel(strategy=setup.strategies[0], rng=11, russian_pressure=0.8).run().outcomes()
    first = run_one(setup, setup.strategies[0], 11)
    assert {k: first[k] for k in direct} == direct
    summary = summarise(frame)
    assert list(summary["strategy"]) == list(setup.strategies)
    for name in ("autonomy_mean_after_levers", "gdp_final"):
        assert (summary[f"{name}.min"] <= summary[f"{name}.mean"]).all()
        assert (summary[f"{name}.mean"] <= summary[f"{name}.max"]).all()
    assert to_png(draw_comparison(summary)).startswith(b"\x89PNG")


def test_the_status_line_shows_the_autonomy_the_model_records(at_2022q3):
    from viz.status import now_line

    recorded = at_2022q3.series("autonomy")[-1]
    assert at_2022q3.autonomy() == recorded
    assert f"autonomy {recorded:.3f}" in now_line(at_2022q3)


def test_why_panel_names_the_channel_partner_and_event_of_the_cpc_quarter(at_2022q3):
    lines = why_lines(at_2022q3)
    assert lines["autonomy"].startswith("Autonomy rose by ") or lines["autonomy"].startswith("Autonomy fell by ")
    assert "export routes through Russia" in lines["autonomy"]
    assert lines["welfare"].startswith("Welfare ($bn a year) " if at_2022q3.has_series("welfare") else "GDP ($bn) ")
    assert any("Novorossiysk court" in sentence for sentence in lines["events"])
    assert why_lines(SessionModel()) is None  # nothing to explain before the first step


def test_the_previous_run_is_drawn_behind_the_new_one(at_2022q3):
    trace = run_trace(at_2022q3, "eurasia · test")
    np.testing.assert_array_equal(trace.autonomy, at_2022q3.timeseries()["autonomy"])
    fresh = SessionModel(russian_pressure=0.9)
    view = dependence_view(fresh, trace)
    assert view.previous is trace and len(view.years) == 1
    figure = draw_dependence(view)
    dashed = [line for line in figure.axes[0].lines if line.get_linestyle() == "--"]
    assert len(dashed) == len(trace.dependence) + 1  # each partner and autonomy
    assert run_trace(fresh, "never stepped") is None


def test_compare_table_writes_gdp_in_billions_and_names_strategies():
    frame = pd.DataFrame(
        [
            {"strategy": "multivector", "seed": 1, "autonomy_mean_after_levers": 0.61234, "gdp_final": 412.3456},
            {"strategy": "multivector", "seed": 2, "autonomy_mean_after_levers": 0.6, "gdp_final": 400.0},
        ]
    )
    header, rows = summary_rows(summarise(frame))
    assert "levers_from" not in " ".join(header)
    assert rows == [["Multi-vector balancing (multivector)", "0.606 (0.600–0.612)", "406 (400–412)"]]


def test_glossary_has_the_terms_students_meet(at_2022q3):
    terms = dict(glossary_entries(at_2022q3))
    for term in (
        "CPC",
        "EAEU",
        "CSTO",
        "SCO",
        "OTS",
        "HHI",
        "Middle Corridor",
        "vulnerability",
        "sensitivity",
        "autonomy",
        "welfare",
        "security exposure",
    ):
        assert terms[term], term
    assert terms["EAEU"].startswith("Eurasian Economic Union: ")  # the full name from institutions.csv
    try:
        from world.measures import MEASURES
    except ImportError:
        return
    for term in ("autonomy", "vulnerability", "sensitivity", "welfare", "security exposure"):
        measure = MEASURES[term.replace(" ", "_")]
        assert f"Measured in {measure.unit}; " in terms[term], term  # unit and direction from the one table
