"""``experiments.simulate`` as SALib and EMA Workbench call it, and the model under ``mesa.batch_run``."""

from __future__ import annotations

import mesa
import numpy as np
import pandas as pd
import pytest
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

import experiments
from world import DiplomacyModel, InputError

UNTIL = "2028Q4"  # levers act from 2025Q1; a shorter horizon keeps these tests quick


def test_simulate_returns_the_models_outcomes():
    result = experiments.simulate("eurasia", "multivector", seed=4, until=UNTIL, russian_pressure=0.7)
    model = DiplomacyModel(strategy="multivector", rng=4, until=UNTIL, russian_pressure=0.7).run()
    assert result == model.outcomes()
    assert all(isinstance(v, float) for v in result.values())


def test_simulate_rejects_an_unknown_lever():
    with pytest.raises(InputError, match="russian_presure"):
        experiments.simulate(russian_presure=0.5)


def test_salib_drives_simulate_and_an_ignored_input_gets_zero_indices():
    """A Saltelli design over two levers and a dummy input simulate never sees: the dummy's S1 and ST are 0."""
    problem = {
        "num_vars": 3,
        "names": ["russian_pressure", "oil_price", "dummy"],
        "bounds": [[0.0, 1.0], [40.0, 120.0], [0.0, 1.0]],
    }
    x = sobol_sample.sample(problem, 8, calc_second_order=False, seed=1)
    y = np.array(
        [
            experiments.simulate(seed=0, until=UNTIL, russian_pressure=rp, oil_price=oil)["gdp_final"]
            for rp, oil, _dummy in x
        ]
    )
    indices = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=1)
    assert indices["S1"][2] == pytest.approx(0.0, abs=1e-12)
    assert indices["ST"][2] == pytest.approx(0.0, abs=1e-12)
    assert indices["ST"][1] > 0.1  # the oil price does move GDP


def test_mesa_batch_run_sweeps_the_levers():
    rows = mesa.batch_run(
        DiplomacyModel,
        parameters={"russian_pressure": [0.2, 0.9], "eu_investment": 3.0, "until": UNTIL, "record_events": False},
        rng=[0, 1],
        max_steps=200,
        number_processes=1,
        display_progress=False,
    )
    frame = pd.DataFrame(rows)
    assert len(frame) == 4
    assert sorted(zip(frame["russian_pressure"], frame["rng"])) == [(0.2, 0), (0.2, 1), (0.9, 0), (0.9, 1)]
    assert (frame["eu_investment"] == 3.0).all()
    for row in frame.itertuples():
        model = DiplomacyModel(rng=row.rng, until=UNTIL, russian_pressure=row.russian_pressure, eu_investment=3.0).run()
        assert row.Step == model.steps
        assert row.autonomy == model.timeseries()["autonomy"].iloc[-1]
