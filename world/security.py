"""Kazakhstan's security exposure in absolute terms: threat against protection from credible guarantees.

    unprotected = Π_k (1 − reliability × guarantee_k)        over the alliances Kazakhstan is a full member of
                × Π_j (1 − bilateral_reliability × tie_j)     over its bilateral security ties
    exposure    = base threat × unprotected
                + threat_per_pressure × Σ_P pressure_P × unprotected against P

- A guarantee counts at its credibility: alliances are honoured about 75 %
  of the time (Leeds 2003; parameter ``alliance_reliability``). A partnership
  that gives no guarantee (NATO's Partnership for Peace: no collective-defence
  clause) protects nothing; leaving an alliance without a replacement raises
  exposure.
- Bilateral ties — arms deals, co-production, exercises, strategic
  partnerships (002 · Changing Balance of Power: Turkey's Anka drones and
  intelligence sharing, the 2022 partnerships) — protect too, at
  ``bilateral_reliability``, below an alliance's: none carries a
  collective-defence clause (Leeds 2003: commitments short of a defence pact
  are honoured less). A tie counts up to 1.
- Coercion is a threat too (003 · Kazakhstan and Russia: the northern
  provinces; 002 · Conclusion). An alliance led by the coercer, or the
  coercer's own tie, does not protect against it: hedging against a power
  is ties with the others.
- ``exposure_without[P]`` is the exposure if P withdrew: the alliances P
  leads and P's own tie give nothing (the security channel of a cut, world/leverage.py).

Exposure is kept in [0, 1]. The base threat and the weight of pressure are
assumptions with ranges in world/data/parameters.csv.
"""

from __future__ import annotations

import numpy as np

from world.readings import SecurityExposure
from world.state import World


def leader_matrix(model: World) -> np.ndarray:
    """Actors × institutions, True where the actor leads the institution."""
    inst = model.institutions
    leads = np.zeros((model.relations.n, len(inst.codes)), dtype=bool)
    for k, leader in enumerate(inst.leader):
        if leader >= 0:
            leads[leader, k] = True
    return leads


class SecurityExposureCalculator:
    """Exposure each quarter; the protection terms change only with Kazakhstan's memberships, so they are cached."""

    def __init__(self, model: World) -> None:
        self.f = model.relations.index[model.focal]
        self.leads = leader_matrix(model)
        self._key: bytes | None = None
        self._unprotected = 1.0
        self._unprotected_without = np.ones(model.relations.n)

    def _protection(self, model: World) -> None:
        inst = model.institutions
        membership = inst.membership[self.f]
        key = membership.tobytes()
        if key != self._key:
            full = membership >= 1.0
            keep = 1.0 - model.params["alliance_reliability"] * np.where(full, inst.guarantee, 0.0)
            self._unprotected = float(np.multiply.reduce(keep))  # the chance no guarantor turns up
            self._unprotected_without = np.multiply.reduce(np.where(self.leads, 1.0, keep), axis=1)
            self._key = key

    def compute(self, model: World) -> SecurityExposure:
        """This quarter's exposure, and what each actor's withdrawal or pressure would make of it."""
        self._protection(model)
        p, f = model.params, self.f
        # Bilateral ties: each partner's tie leaves (1 − reliability × tie) of the threat unanswered.
        keep = 1.0 - p["bilateral_reliability"] * np.minimum(model.relations.security[f], 1.0)
        keep[f] = 1.0
        bilateral = float(np.multiply.reduce(keep))
        bilateral_without = bilateral / keep  # without one partner's own tie
        unprotected_without = self._unprotected_without * bilateral_without
        pressure = np.maximum(model.relations.pressure[:, f], 0.0)
        pressure[f] = 0.0
        pressure_exposure = p["threat_per_pressure"] * pressure * unprotected_without
        from_pressure = float(np.add.reduce(pressure_exposure))
        base = p["security_base_threat"]
        exposure = min(1.0, base * self._unprotected * bilateral + from_pressure)
        # If Q withdrew, the base threat meets the protection left without Q's alliances and tie; the threat from
        # pressure is kept as it is (against a coercer its own alliances and tie already count for nothing).
        without = base * unprotected_without
        without += from_pressure
        np.minimum(without, 1.0, out=without)
        np.maximum(without, exposure, out=without)
        return SecurityExposure(exposure, without, pressure_exposure)


def security_exposure(model: World) -> SecurityExposure:
    """This quarter's exposure, computed afresh (tests and one-off callers; the model keeps a calculator)."""
    return SecurityExposureCalculator(model).compute(model)
