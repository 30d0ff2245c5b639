"""Payoffs that cannot be gamed: talk earns nothing by itself, and no trick beats the strategies the sources describe.

The probes (agents/strategies/probes.py) are strategies built to exploit the
model: talk only, flatter everyone, switch sides every quarter. A summit may
ease a deal (a discount on its cost) but must not create money, standing or
safety; and no probe may beat the best of the real strategies on welfare,
autonomy or security exposure (same seeds, paired).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agents.strategies.probes import PROBES
from world import DiplomacyModel
from world.moves import Action
from world.registry import STRATEGIES

SEEDS = range(4)
UNTIL = "2032Q4"
OBJECTIVES = {  # outcome: +1 higher is better, -1 lower is better
    "welfare_mean_after_levers": 1,
    "autonomy_mean_after_levers": 1,
    "security_exposure_mean_after_levers": -1,
}
PROBE_NAMES = [f"agents.strategies.probes:{probe.__name__}" for probe in PROBES]
TALKERS = PROBE_NAMES[:2]  # talk only, flatter everyone: no move that costs anything


def outcomes(strategy: str, seed: int) -> dict[str, float]:
    model = DiplomacyModel(strategy=strategy, rng=seed, until=UNTIL, record_events=False).run()
    result = model.outcomes()
    result["moves_paid"] = -float(np.mean(model.series("welfare_part.moves")[model.levers_from_step :]))
    return result


@pytest.fixture(scope="module")
def runs() -> dict[str, list[dict[str, float]]]:
    names = [*STRATEGIES.names(), *PROBE_NAMES]
    return {name: [outcomes(name, seed) for seed in SEEDS] for name in names}


@pytest.mark.parametrize("talker", TALKERS)
def test_talk_earns_nothing_but_cheaper_deals(runs, talker):
    """Against doing nothing, on the same seeds: exposure the same, and welfare higher by at most what the
    summits' goodwill saved on the deals that happened anyway (Turkey's drone co-production); autonomy moves
    only through that welfare, of which leverage is a share (a few millionths)."""
    for talk, idle in zip(runs[talker], runs["passive"]):
        assert talk["autonomy_mean_after_levers"] == pytest.approx(idle["autonomy_mean_after_levers"], abs=1e-5)
        assert talk["security_exposure_mean_after_levers"] == pytest.approx(
            idle["security_exposure_mean_after_levers"], abs=1e-12
        )
        gain = talk["welfare_mean_after_levers"] - idle["welfare_mean_after_levers"]
        discount = DiplomacyModel(until="2011Q1").params["summit_discount"]
        assert -1e-9 <= gain <= discount * idle["moves_paid"] + 1e-9


def scores(runs) -> dict[str, float]:
    """The study's equal-weight score: each objective normalised over every strategy and probe (0 worst, 1 best),
    averaged (experiments/analysis/robustness.py normalises the same way within a future)."""
    means = {
        name: np.array([sign * np.mean([r[o] for r in rs]) for o, sign in OBJECTIVES.items()])
        for name, rs in runs.items()
    }
    table = np.array(list(means.values()))
    low, high = table.min(axis=0), table.max(axis=0)
    normalised = (table - low) / np.where(high > low, high - low, 1.0)
    return dict(zip(means, normalised.mean(axis=1)))


@pytest.mark.parametrize("probe", PROBE_NAMES)
def test_no_probe_beats_the_best_real_strategy(runs, probe):
    """A trick may trade one objective for another (switching sides buys security ties from everyone, at a
    price), but it never scores above the best real strategy, nor beats it on every objective at once."""
    real = STRATEGIES.names()
    score = scores(runs)
    best = max(real, key=score.get)
    assert score[probe] < score[best], (probe, score[probe], best, score[best])
    ahead = [
        sign * np.mean([r[o] for r in runs[probe]]) > sign * np.mean([r[o] for r in runs[best]])
        for o, sign in OBJECTIVES.items()
    ]
    assert not all(ahead), (probe, best)


def test_switching_sides_every_quarter_costs_more_than_it_returns(runs):
    """The bandit's old trick: leaning to a different power each quarter pays switching costs and buys no loyalty."""
    switch, idle = runs[PROBE_NAMES[2]], runs["passive"]
    assert np.mean([s["moves_paid"] for s in switch]) > 0
    assert np.mean([s["welfare_mean_after_levers"] for s in switch]) < np.mean(
        [i["welfare_mean_after_levers"] for i in idle]
    )


@pytest.fixture(scope="module")
def at_2026():
    model = DiplomacyModel(strategy="passive", rng=11, until="2028Q4")
    model.run_for(64)
    return model


TALK = st.lists(
    st.tuples(st.sampled_from(["summit", "mediation"]), st.sampled_from(["RUS", "CHN", "EU", "USA", "EAEU", "SCO"])),
    min_size=1,
    max_size=12,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(talk=TALK)
def test_no_amount_of_talk_moves_standing_attitudes_or_money(at_2026, talk):
    import copy

    base, talked = copy.deepcopy(at_2026), copy.deepcopy(at_2026)
    for kind, partner in talk:
        talked.apply(Action("KAZ", kind, partner, 0.05, "talk", "test", partner="USA" if kind == "mediation" else ""))
    assert talked.memory.standing == base.memory.standing
    assert (talked.relations.affinity == base.relations.affinity).all()
    base.run_for(4), talked.run_for(4)
    assert talked.series("welfare")[-4:].tolist() == pytest.approx(base.series("welfare")[-4:].tolist(), rel=1e-3)
    assert talked.series("autonomy")[-4:].tolist() == pytest.approx(base.series("autonomy")[-4:].tolist(), abs=1e-9)
