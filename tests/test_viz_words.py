"""What the page says in words: sources linked, run comparisons judged against seed noise, levers explained."""

from __future__ import annotations

import re

import numpy as np
import pytest

from viz.conclusions import RunSettings, compare_runs
from viz.levers import Response, lever_response, lever_words, slider_label
from viz.outcomes import OutcomeCache, outcome_label
from viz.playback import RecordedRun, shared_run
from viz.session import SLIDER_LEVERS
from viz.sources import entries, find, link, page_html
from world.measures import MEASURES


@pytest.fixture(scope="module")
def run() -> RecordedRun:
    return RecordedRun.compute()


def test_every_event_source_of_a_run_links_to_an_entry_of_sources_md(run):
    anchors = set(re.findall(r"id='([^']+)'", page_html()))
    citations = {r.source for r in run.model.log.records}
    assert len(citations) > 5
    for citation in citations:
        found = find(citation)
        assert found, f"{citation!r} resolves to no entry of docs/sources.md"
        assert all(entry.anchor in anchors for entry in found)
        for href in re.findall(r'href="sources#([^"]+)"', link(citation)):
            assert href in anchors, (citation, href)


def test_sources_md_entries_have_unique_anchors_and_the_papers_their_reference():
    found = entries()
    anchors = [e.anchor for e in found]
    assert len(anchors) == len(set(anchors)) > 40
    wake = find("002 · In the Wake of the War (four CPC disruptions)")
    assert [e.key for e in wake] == ["002 · In the Wake of the War"] and "Kassenova" in wake[0].reference
    assert [e.key for e in find("Keohane & Nye 1977 (sensitivity)")] == ["Keohane & Nye 1977"]
    two = find("002 · Conclusion (pressure grows); Axelrod 1995 tribute model (MODEL-BRIEF)")
    assert [e.key for e in two] == ["002 · Conclusion", "Axelrod 1995"]
    assert find("a sentence citing nothing") == []


def test_a_measure_without_a_passage_links_to_its_definition():
    html = link(MEASURES["welfare"].source, "welfare")
    anchor = re.search(r'href="sources#([^"]+)"', html).group(1)
    assert f"id='{anchor}'" in page_html()


def test_lever_words_come_from_the_parameter_table():
    words = lever_words("eurasia", "eu_investment")
    assert words["unit"] == "€bn per year" and words["range"] == "0–3 (€bn per year)"
    assert "€10bn pledge" in words["meaning"] and "levers_from" not in words["meaning"]
    assert find(words["source"])  # its source resolves, so the slider links it
    assert slider_label("eurasia", "eu_investment", 1.5) == "EU investment (€bn per year): 1.5"


def fake_run(scenario: str, strategy: str, seed: int, **levers) -> dict[str, float]:
    """A lever that saturates: the channel grows with eu_investment up to 1.5, autonomy only with seed noise."""
    eu = levers["eu_investment"]
    return {
        "volume_middle_final": 2.0 + min(eu, 1.5),
        "autonomy_mean_after_levers": 0.9 + 0.001 * ((seed * 31) % 3 - 1),
        "autonomy_final": 0.9 + 0.01 * (levers["russian_pressure"] < 0.5),
        "welfare_final": 400.0 + seed,
    }


def test_lever_response_says_where_the_effect_saturates_and_what_is_only_noise():
    response = lever_response("eurasia", "multivector", "eu_investment", OutcomeCache(fake_run))
    channel, autonomy = response.responses
    assert channel.outcome == "volume_middle_final" and autonomy.outcome == "autonomy_mean_after_levers"
    assert channel.values == (0.0, 0.75, 1.5, 2.25, 3.0)
    assert channel.saturates_at() == 1.5 and not channel.within_noise
    assert autonomy.within_noise and autonomy.saturates_at() is None
    sentence = response.sentence()
    assert "From 0 to 3 €bn per year" in sentence and "most of it (90 %) by 1.5: above that it saturates" in sentence
    assert "no more than seed noise" in sentence


def test_a_response_that_keeps_growing_does_not_saturate():
    growing = Response("volume_middle_final", (0, 1, 2, 3), (0.0, 1.0, 2.0, 3.0), 3.0, 2.9, 3.1)
    assert growing.saturates_at() is None


def settings(seed=42, pressure=0.35, strategy="multivector"):
    return RunSettings(
        "eurasia", strategy, seed, tuple((n, pressure if n == "russian_pressure" else 1.0) for n in SLIDER_LEVERS)
    )


def test_the_run_comparison_names_both_values_and_judges_them_against_seed_noise():
    cache = OutcomeCache(fake_run)
    now, before = settings(pressure=0.9), settings(pressure=0.35)
    comparisons = compare_runs(
        now,
        before,
        {"autonomy_final": 0.9, "welfare_final": 442.0},
        {"autonomy_final": 0.91, "welfare_final": 442.0},
        cache,
    )
    autonomy, welfare = comparisons
    assert autonomy.sentence().startswith(
        "Autonomy in 2040Q4 (share): 0.900 with these settings, 0.910 with the previous ones — larger than seed noise"
    )
    assert welfare.within_noise and "within seed noise" in welfare.sentence()
    assert autonomy.seeds == (42, 43, 44, 45, 46) and cache.computed == 10
    assert now.changes_from(before) == "Russian pressure 0.35 → 0.9"


def test_a_run_that_differs_only_in_its_seed_is_all_noise():
    cache = OutcomeCache(fake_run)
    comparisons = compare_runs(
        settings(seed=7), settings(seed=42), {"autonomy_final": 0.9}, {"autonomy_final": 0.91}, cache
    )
    assert comparisons[0].within_noise and "only the seed changed" in comparisons[0].sentence()
    assert cache.computed == 0


def test_outcome_labels_say_which_value_of_a_measure_they_are():
    assert outcome_label("autonomy_mean_after_levers") == "Autonomy, mean 2025Q1–2040Q4"
    assert outcome_label("autonomy_mean") == "Autonomy, mean 2010Q1–2040Q4"
    assert outcome_label("welfare_final", unit=True) == "Welfare in 2040Q4 ($bn per year)"


def test_sessions_asking_for_the_same_settings_share_one_finished_run():
    first = shared_run(scenario_name="eurasia", strategy="passive", rng=3)
    assert shared_run(scenario_name="eurasia", strategy="passive", rng=3) is first
    assert shared_run(scenario_name="eurasia", strategy="passive", rng=4) is not first
    np.testing.assert_array_equal(
        first.series("autonomy"), RecordedRun.compute(strategy="passive", rng=3).series("autonomy")
    )


def test_revenue_is_labelled_per_year_wherever_it_is_shown():
    """The recorded revenues are yearly rates (2010 exports ≈ $60bn, GDP ≈ $148bn): every view takes the unit
    from world/measures.py."""
    from experiments.analysis.figures import measure_label

    run = RecordedRun.compute()
    assert 30 < run.series("export_revenue")[0] < 0.8 * run.series("gdp")[0]  # a year's exports, not a quarter's
    for name in ("export_revenue", "export_revenue_mean", "transit_revenue", "transit_revenue_final"):
        assert measure_label(name)[1] == MEASURES["export_revenue"].unit == "$bn per year"
    assert outcome_label("export_revenue_mean", unit=True).endswith("($bn per year)")
