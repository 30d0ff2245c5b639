"""Kazakhstan's security exposure in absolute terms: threat against protection from credible guarantees.

    protection  = 1 − Π_k (1 − reliability × guarantee_k)   over the alliances Kazakhstan is a full member of
    exposure    = base threat × (1 − protection)
                + threat_per_pressure × Σ_P pressure_P × (1 − protection against P)

- A guarantee counts at its credibility: alliances are honoured about 75 %
  of the time (Leeds 2003; parameter ``alliance_reliability``). A partnership
  that gives no guarantee (NATO's Partnership for Peace: no collective-defence
  clause) protects nothing; leaving an alliance without a replacement raises
  exposure.
- Coercion is a threat too (003 · Kazakhstan and Russia: the northern
  provinces; 002 · Conclusion). An alliance led by the coercer does not
  protect against it.
- ``exposure_without[P]`` is the exposure if P withdrew: the alliances P
  leads give nothing (the security channel of a cut, world/leverage.py).

Exposure is kept in [0, 1]. The base threat and the weight of pressure are
assumptions with ranges in world/data/parameters.csv.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:  # pragma: no cover
    from world.model import DiplomacyModel


@dataclass
class SecurityExposure:
    exposure: float
    exposure_without: np.ndarray  # over actors: exposure if that actor's alliances lapsed
    pressure_exposure: np.ndarray  # over actors: the part of exposure each actor's pressure adds


def leader_matrix(model: "DiplomacyModel") -> np.ndarray:
    """Actors × institutions, True where the actor leads the institution."""
    inst = model.institutions
    leads = np.zeros((model.relations.n, len(inst.codes)), dtype=bool)
    for k, leader in enumerate(inst.leader):
        if leader >= 0:
            leads[leader, k] = True
    return leads


class SecurityExposureCalculator:
    """Exposure each quarter; the protection terms change only with Kazakhstan's memberships, so they are cached."""

    def __init__(self, model: "DiplomacyModel") -> None:
        self.f = model.relations.index[model.focal]
        self.leads = leader_matrix(model)
        self._key: bytes | None = None
        self._unprotected = 1.0
        self._unprotected_without = np.ones(model.relations.n)

    def _protection(self, model: "DiplomacyModel") -> None:
        inst = model.institutions
        membership = inst.membership[self.f]
        key = membership.tobytes()
        if key != self._key:
            full = membership >= 1.0
            keep = 1.0 - model.params["alliance_reliability"] * np.where(full, inst.guarantee, 0.0)
            self._unprotected = float(np.multiply.reduce(keep))  # the chance no guarantor turns up
            self._unprotected_without = np.multiply.reduce(np.where(self.leads, 1.0, keep), axis=1)
            self._key = key

    def compute(self, model: "DiplomacyModel") -> SecurityExposure:
        """This quarter's exposure, and what each actor's withdrawal or pressure would make of it."""
        self._protection(model)
        p, f = model.params, self.f
        pressure = np.maximum(model.relations.pressure[:, f], 0.0)
        pressure[f] = 0.0
        pressure_exposure = p["threat_per_pressure"] * pressure * self._unprotected_without
        from_pressure = float(np.add.reduce(pressure_exposure))
        base = p["security_base_threat"]
        exposure = min(1.0, base * self._unprotected + from_pressure)
        # If Q withdrew, the base threat meets the protection left without Q's alliances; the threat from
        # pressure is kept as it is (against a coercer its own alliances already count for nothing).
        without = base * self._unprotected_without
        without += from_pressure
        np.minimum(without, 1.0, out=without)
        np.maximum(without, exposure, out=without)
        return SecurityExposure(exposure, without, pressure_exposure)


def security_exposure(model: "DiplomacyModel") -> SecurityExposure:
    """This quarter's exposure, computed afresh (tests and one-off callers; the model keeps a calculator)."""
    return SecurityExposureCalculator(model).compute(model)
