"""Sensitivity, vulnerability and leverage: what each partner could cost Kazakhstan, computed in-run on arrays.

Keohane & Nye 1977 distinguish *sensitivity* — how much a country loses
when a partner cuts a channel, before it can adjust — from *vulnerability* —
what it still loses after adjusting, given the alternatives it has. Here,
for every partner P and every quarter, the welfare Kazakhstan would lose
over a year if P cut every channel ($bn a year, then a share of welfare):

- **trade**: exports sold to P and (at ``import_loss_share``) imports bought
  from P. After adjustment, other buyers (suppliers) take up to
  ``market_redirect`` more of what they already buy (sell).
- **routes**: oil and cargo on corridors P controls, valued at their netback
  (oil: price less freight and risk; cargo: Kazakh goods' value and the
  transit fee). Sensitivity loses this quarter's tonnage on P's corridors;
  after adjustment, tonnage moves to the spare capacity of the corridors P
  does not control, cheapest first, and only the excess is lost. A corridor
  can rise within the year only as fast as its short-run ramp lets it
  (world/corridors.py): on average over the year by ``REROUTE_RAMP_QUARTERS``
  quarters' ramp above what it carries now.
- **investment**: the output a year of P's investment inflows adds.
- **security**: the security-vacuum premium on the rise in exposure if P's
  guarantees lapse (world/security.py).

*Leverage* adds what P already imposes — exports and imports its
restrictions block, the route netback its disruptions cost (over the year
after rerouting, and never less than the exports they shut in now), the
exposure its pressure adds — to what it could still impose (vulnerability). A ban
moves welfare from the second term to the first; it never lowers leverage.
Headline ``autonomy`` = 1 − the largest partner's leverage;
``hhi_dependence`` = HHI of the partners' leverage shares.

Every quantity is an array over actors (the focal actor's entry is 0); one
call costs a few dozen numpy operations, once a quarter.
"""

from __future__ import annotations

import numpy as np

from world.economy import BARRELS_PER_TONNE, QUARTERS_PER_YEAR
from world.readings import Leverage
from world.state import World

BN_PER_MT_AT_USD_PER_T = 1e-3  # unit: 1 Mt × 1 $/t = $0.001bn
# A route that ramps up by its quarterly ramp from the quarter after a cut carries, over the year, on average
# 2.5 ramps above its volume now ((1 + 2 + 3 + 4) / 4): the adjustment vulnerability allows it.
REROUTE_RAMP_QUARTERS = 2.5


class LeverageCalculator:
    """Index arrays built once per model; :meth:`compute` turns this quarter's state into a :class:`Leverage`."""

    def __init__(self, model: World) -> None:
        cor, r = model.corridors, model.relations
        self.f = r.index[model.focal]
        self.n = r.n
        # Freight plus the expected cost of unreliability at the corridor's usual reliability, $/t: the same
        # generalised cost shippers weigh (world/corridors.py), without this quarter's dip after a disruption,
        # so that a disruption counts as imposed, not as a cheaper alternative.
        unit_cost = cor.cost + model.params["risk_premium"] * (1.0 - cor.base_reliability)
        controls = cor.controllers.T > 0  # actors × corridors
        self.controllers = np.flatnonzero(controls.any(axis=1))  # actors that control some corridor
        # Oil and cargo side by side (kind × corridor, cheapest first within a kind, padded with closed
        # dummies), so one pass of array operations serves both: within a kind the margin falls as the
        # unit cost rises (one oil price; one Kazakh share of cargo), so the best use fills in cost order.
        kinds = [np.flatnonzero(mask) for mask in (cor.is_oil, ~cor.is_oil)]
        width = max(len(c) for c in kinds)
        self.columns = np.zeros((2, width), dtype=np.intp)  # index: two kinds, oil and cargo
        self.real = np.zeros((2, width))  # index: two kinds
        for row, corridors in enumerate(kinds):
            corridors = corridors[np.argsort(unit_cost[corridors], kind="stable")]
            self.columns[row, : len(corridors)] = corridors
            self.real[row, : len(corridors)] = 1.0
        self.unit_cost = unit_cost[self.columns]
        self._cargo_freight = self.unit_cost[1] * BN_PER_MT_AT_USD_PER_T  # $bn per Mt on each cargo corridor
        self.controls = controls[:, self.columns] & (self.real > 0)  # actors × kind × corridor
        self._controls_flat = self.controls.reshape(len(controls), -1).astype(float)
        held = self.controls[self.controllers].astype(float)
        self.held = held.transpose(1, 0, 2)  # index: kind × controller × corridor
        # Work arrays: per kind, a tonne's value and the Kazakh share of the freight it pays (oil all Kazakh).
        self._value = np.zeros((2, 1))  # index: two kinds
        self._share = np.ones((2, 1))  # index: two kinds
        self._sets = np.empty((2, 1 + 2 * len(self.controllers), width))  # index: kinds × (now, free, cut)
        self._demand = np.zeros((2, 1, 1))  # index: two kinds
        self._potential = np.zeros((2, r.n + 1))  # index: (exports, imports) × partner, before restrictions
        self._flow = np.zeros((2, r.n + 1))  # index: the same after restrictions

    def compute(self, model: World) -> Leverage:
        f, n = self.f, self.n
        p, econ = model.params, model.economy
        access = model.institutions.effects().trade_access
        redirect, import_loss = p["market_redirect"], p["import_loss_share"]

        # Trade, over actors + the rest of the world; rows: sensitivity, vulnerability, imposed.
        potential, flow = self._potential, self._flow
        np.multiply(econ.potential_exports, access[f], out=potential[0])
        np.multiply(potential[0], model.trade_openness(f, slice(None)), out=flow[0])
        potential[1], flow[1] = econ.potential_imports, econ.open_imports
        channels = self._channels(potential, flow, redirect)  # measure × (exports, imports) × partner
        channels[:, 1] *= import_loss
        acc = channels[:, 0, :n] + channels[:, 1, :n]

        # Routes: netback per Mt, and the best use of three capacity sets (cheapest corridors first): as they
        # are; with each controller's own disruptions lifted; with each controller's corridors closed.
        cor = model.corridors
        capacity = cor.capacity[self.columns] * self.real
        now = cor.effective_capacity()[self.columns] * self.real
        kaz = econ.kaz_cargo_share
        goods_value = econ.non_oil_exports / max(econ.kaz_cargo_mt, 1e-9)  # $bn per Mt of Kazakh cargo
        value = self._value
        value[0, 0] = model.lever("oil_price") * BARRELS_PER_TONNE * BN_PER_MT_AT_USD_PER_T
        value[1, 0] = kaz * goods_value + (1.0 - kaz) * p["transit_fee"] * BN_PER_MT_AT_USD_PER_T
        self._share[1, 0] = kaz
        margin = np.maximum(value - self._share * self.unit_cost * BN_PER_MT_AT_USD_PER_T, 0.0)
        k = len(self.controllers)
        sets = self._sets
        sets[:, 0] = now
        held = self.held
        np.multiply(held, (capacity - now)[:, None, :], out=sets[:, 1 : k + 1])
        sets[:, 1 : k + 1] += now[:, None, :]
        np.multiply(1.0 - held, now[:, None, :], out=sets[:, k + 1 :])
        # What each corridor can carry within the year: what it carried last quarter (before this quarter's
        # moves shifted shippers) plus the ramp's rise, plus whatever an outage holds back now (a route comes back
        # at once when the outage ends; the ramp limits surprises).
        carried = cor.volume if cor.before is None else cor.before
        reach = (carried + REROUTE_RAMP_QUARTERS * cor.ramp + cor.capacity * cor.disruption)[self.columns]
        reach *= self.real
        np.minimum(sets, reach[:, None, :], out=sets)
        demand = self._demand
        demand[0, 0, 0], demand[1, 0, 0] = econ.oil_offered_mt, econ.cargo_demand_mt
        best = _best_use(sets, margin, demand)  # oil + cargo, per set
        # Imposed: what the controller's outages cost over the year once shippers have rerouted, and never less
        # than what they cost now — the exports shut in this quarter because the other routes could take only
        # their spare room and ramp (world/corridors.py), a yearly rate, shared among the controllers by the
        # capacity each one's outages hold back.
        held_back = cor.capacity * cor.disruption
        total_held = float(np.add.reduce(held_back))
        imposed = best[1 : k + 1] - best[0]
        if total_held > 0.0 and econ.shut_in_revenue_bn > 0.0:
            shares = (cor.controllers[:, self.controllers].T @ held_back) / total_held
            np.maximum(imposed, QUARTERS_PER_YEAR * econ.shut_in_revenue_bn * shares, out=imposed)
        acc[2, self.controllers] += imposed  # index: row 2, imposed
        acc[1, self.controllers] += best[0] - best[k + 1 :]
        # Sensitivity loses this quarter's tonnage at what each corridor's tonnage earns Kazakhstan: on a cargo
        # corridor its own share of the cargo (world/economy.py) earns the goods' value less freight, the rest
        # (transit, including what the corridor drew from the sea route) the transit fee.
        fee = p["transit_fee"] * BN_PER_MT_AT_USD_PER_T
        own = econ.cargo_fraction[self.columns[1]]
        earned = margin.copy()
        earned[1] = np.maximum(own * (goods_value - self._cargo_freight) + (1.0 - own) * fee, 0.0)
        volume = cor.volume[self.columns] * self.real * earned
        acc[0] += self._controls_flat @ volume.ravel()

        # Investment: the output a year of the partner's inflows adds (the fdi rule's multiplier); security:
        # the premium on the exposure the partner would add by withdrawing, or adds by pressure.
        security = econ.security
        premium = p["security_vacuum_cost"] * econ.gdp
        lost = p["investment_output_share"] * econ.annual_inflow()[:n]
        lost += premium * np.maximum(security.exposure_without - security.exposure, 0.0)
        acc[:2] += lost  # index: rows 0-1, sensitivity and vulnerability
        acc[2] += premium * security.pressure_exposure  # index: row 2, imposed

        acc *= 1.0 / max(econ.welfare, 1e-9)
        np.maximum(acc, 0.0, out=acc)
        np.minimum(acc, 1.0, out=acc)
        acc[:, f] = 0.0
        sens, vuln, imposed = acc
        leverage = np.minimum(imposed + vuln, 1.0)
        total = float(np.add.reduce(leverage))
        shares = leverage / total if total > 1e-12 else leverage
        largest = float(np.maximum.reduce(leverage))
        return Leverage(sens, vuln, imposed, leverage, 1.0 - largest, float(np.dot(shares, shares)))

    @staticmethod
    def _channels(potential: np.ndarray, flow: np.ndarray, redirect: float) -> np.ndarray:
        """Rows: the flow now, what is left of it after other markets take ``redirect`` more, what is blocked.

        ``potential`` and ``flow`` are (exports, imports) × partner; so is each row of the result.
        """
        out = np.empty((3, *flow.shape))  # index: three rows
        out[0] = flow
        np.multiply(flow, 1.0 + redirect, out=out[1])
        out[1] -= redirect * np.add.reduce(flow, axis=1, keepdims=True)
        np.maximum(out[1], 0.0, out=out[1])
        np.subtract(potential, flow, out=out[2])  # index: row 2
        return out


def _best_use(capacity: np.ndarray, margin: np.ndarray, demand: np.ndarray) -> np.ndarray:
    """Welfare of shipping ``demand`` Mt over each set of corridor capacities ($bn a year, oil and cargo summed).

    ``capacity`` is kind × set × corridor (cheapest first), ``margin`` kind ×
    corridor, ``demand`` kind × 1 × 1. The adjustment a shipper can make
    within a year: fill the corridors that pay most, up to their capacity;
    what finds no room earns nothing.
    """
    before = np.add.accumulate(capacity, axis=2)  # index: along corridors
    before -= capacity
    np.subtract(demand, before, out=before)
    np.maximum(before, 0.0, out=before)
    np.minimum(before, capacity, out=before)  # now the tonnage shipped
    kinds, sets, width = before.shape
    return before.transpose(1, 0, 2).reshape(sets, kinds * width) @ margin.ravel()  # index: set × (kind, corridor)
