"""Trade diversion under sanctions: the 2022 war raises Russia's share of Kazakh exports through re-exports,
and the senders police them (Chupilkin, Javorcik & Plekhanov 2023)."""

from __future__ import annotations

import numpy as np
import pytest

from world import DiplomacyModel

SEEDS = range(4)


def year_mean(model: DiplomacyModel, column: str, year: str) -> float:
    frame = model.timeseries()
    return float(frame[frame.date.str.startswith(year)][column].mean())


@pytest.fixture(scope="module")
def runs() -> dict[str, list[DiplomacyModel]]:
    return {
        setting: [DiplomacyModel(setting=setting, strategy="multivector", rng=s, until="2024Q4").run() for s in SEEDS]
        for setting in ("eurasia", "no_war")
    }


def test_the_war_raises_russias_share_of_kazakh_exports_in_2023(runs):
    war = np.mean([year_mean(m, "export_share.RUS", "2023") for m in runs["eurasia"]])
    peace = np.mean([year_mean(m, "export_share.RUS", "2023") for m in runs["no_war"]])
    assert war > peace


def test_the_log_shows_the_flows_and_the_controls_that_police_them(runs):
    log = runs["eurasia"][0].events_frame()
    flows = log[log.action == "reexport_flow"]
    assert (flows.date == "2022Q4").any() and flows[flows.date == "2022Q4"].magnitude.iloc[0] > 0.5
    policing = log[log.action.isin(["reexport_controls", "secondary_sanctions", "police_reexports"])]
    assert {"EU", "USA", "KAZ"} <= set(policing.actor)
    assert (policing.date >= "2023Q1").all()  # the senders act on a year of evidence, not at once
    assert not (runs["no_war"][0].events_frame().action == "reexport_controls").any()


def test_policing_narrows_the_channel(runs):
    model = runs["eurasia"][0]
    series = model.series("reexports")
    dates = list(model.timeseries().date)
    assert series[dates.index("2024Q4")] < series[dates.index("2022Q4")]
    assert 0 < model.reexports.policing <= 0.8
