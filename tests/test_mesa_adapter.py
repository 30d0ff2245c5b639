"""The two places the package relies on Mesa beyond its public API (world/mesa_adapter.py).

Each test fails if a Mesa release changes what the adapter depends on, so an
upgrade breaks here, with the reason, rather than silently in a sweep or on the page.
"""

from __future__ import annotations

import inspect
import threading

import mesa
import mesa.batchrunner

from world import DiplomacyModel, load_scenario
from world.mesa_adapter import OUTCOME_PREFIX, RecorderDataCollector, serialise_steps


def test_mesa_batch_run_still_reads_collected_steps_from_the_private_list():
    """batch_run looks rows up through DataCollector._collection_steps; the adapter serves that name."""
    assert "_collection_steps" in inspect.getsource(mesa.batchrunner)
    assert mesa.DataCollector()._collection_steps == []


def test_batch_run_gets_every_recorded_step_from_the_recorder():
    rows = mesa.batch_run(
        DiplomacyModel,
        parameters={"until": "2011Q4"},
        rng=[4],
        number_processes=1,
        data_collection_period=1,
        display_progress=False,
    )
    reference = DiplomacyModel(rng=4, until="2011Q4").run()
    assert isinstance(reference.datacollector, RecorderDataCollector)
    assert [row["Step"] for row in rows] == list(range(reference.n_steps + 1))
    assert [row["autonomy"] for row in rows] == reference.series("autonomy").tolist()


def test_mesa_still_installs_a_clock_advancing_step_on_the_instance():
    """serialise_steps wraps the instance's step, which Mesa's Model.__init__ sets to its clock wrapper."""
    model = DiplomacyModel(rng=0, until="2010Q4")
    assert "step" in vars(model)
    model.step()
    assert (model.steps, model.time) == (1, 1.0)


def test_serialised_steps_advance_the_clock_once_per_step_and_stop_at_the_end():
    model = DiplomacyModel(rng=6, until="2013Q4")
    serialise_steps(model, threading.Lock())
    threads = [threading.Thread(target=lambda: [model.step() for _ in range(30)]) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert (model.steps, model.time, model.recorder.rows) == (model.n_steps, float(model.n_steps), model.n_steps + 1)
    assert model.series("gdp").tolist() == DiplomacyModel(rng=6, until="2013Q4").run().series("gdp").tolist()


def test_batch_run_rows_keep_their_parameter_values_in_every_row():
    """No recorded series is named like a parameter, so batch_run's merge of parameters and series per row keeps
    the value each run was given, in every quarter's row (the levers in force are recorded as lever.<name>)."""
    parameters = {"russian_pressure": [0.2, 0.8], "eu_investment": 2.5, "china_bri": 0.5, "until": "2026Q4"}
    rows = mesa.batch_run(DiplomacyModel, parameters=parameters, rng=[0], number_processes=1, data_collection_period=1)
    recorded = set(DiplomacyModel(until="2010Q2").run().timeseries().columns)
    assert not recorded & set(load_scenario("eurasia").parameters)
    by_run = {}
    for row in rows:
        by_run.setdefault(row["RunId"], []).append(row)
    assert len(by_run) == 2
    for run in by_run.values():
        assert len(run) > 60  # every quarter from 2010Q1
        assert len({row["russian_pressure"] for row in run}) == 1
        assert all(row["eu_investment"] == 2.5 and row["china_bri"] == 0.5 for row in run)
        given = run[0]["russian_pressure"]
        # The series of the lever in force follows the history, then the run's value once the levers act.
        assert run[-1]["lever.russian_pressure"] == given and run[0]["lever.russian_pressure"] != given


def test_batch_run_rows_carry_the_end_of_run_outcomes():
    rows = mesa.batch_run(
        DiplomacyModel,
        parameters={"russian_pressure": [0.3, 0.9], "until": "2027Q4", "record_events": False},
        rng=[5],
        number_processes=1,
        data_collection_period=-1,
    )
    assert len(rows) == 2
    for row in rows:
        expected = DiplomacyModel(rng=5, until="2027Q4", russian_pressure=row["russian_pressure"]).run().outcomes()
        carried = {k.removeprefix(OUTCOME_PREFIX): v for k, v in row.items() if k.startswith(OUTCOME_PREFIX)}
        assert carried == expected


def test_model_vars_are_built_once_per_recorded_row():
    """batch_run reads model_vars once per collected step: the lists are built once per row, not per read, and a
    new row gives lists that include it (so data_collection_period=1 is linear in steps, not quadratic)."""
    model = DiplomacyModel(rng=2, until="2011Q4")
    built = []
    outcomes = model.outcomes
    model.outcomes = lambda: built.append(model.recorder.rows) or outcomes()
    collector = model.datacollector
    first = collector.model_vars
    assert collector.model_vars is first and collector._collection_steps == [0.0]
    assert built == [1]
    model.step()
    second = collector.model_vars
    assert second is not first and len(second["autonomy"]) == 2 and collector._collection_steps == [0.0, 1.0]
    assert second["autonomy"] == model.series("autonomy").tolist()
    model.run()
    reads = [collector.model_vars for _ in range(model.n_steps + 1)]  # what batch_run does, per collected step
    assert all(read is reads[0] for read in reads)
    assert built == [1, 2, model.n_steps + 1]
    assert collector.model_vars[f"{OUTCOME_PREFIX}autonomy_final"] == [model.outcomes()["autonomy_final"]] * (
        model.n_steps + 1
    )


def test_a_copied_model_rebuilds_its_model_vars_from_its_own_recorder():
    import copy

    model = DiplomacyModel(rng=3, until="2011Q4")
    assert len(model.datacollector.model_vars["gdp"]) == 1  # builds the cache
    clone = copy.deepcopy(model)
    assert clone.datacollector._built is None
    clone.run()
    assert clone.datacollector.model_vars["gdp"] == clone.series("gdp").tolist()
    assert len(model.datacollector.model_vars["gdp"]) == 1
