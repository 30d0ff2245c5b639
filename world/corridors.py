"""Transport corridors: capacity, transit time, cost, reliability, who controls them, and route choice.

Oil and cargo are routed separately. Shippers choose routes by a logit on
generalised cost (money, days, risk) plus Kazakhstan's route preference,
capped by each corridor's effective capacity; what no corridor can take is
lost export (MODEL-BRIEF · World: corridors; 002 · Looking West: the more
economical option won the day).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from world.fast import pairwise_sum
from world.scenario import Scenario


@dataclass
class PendingUpgrade:
    """Capacity or transit-time change that comes on line at ``due`` (investment lag)."""

    due: int
    corridor: int
    capacity: float
    days: float


class Corridors:
    """Arrays over corridors, plus the matrix of which actor controls which corridor."""

    def __init__(self, scenario: Scenario, actor_index: dict[str, int]):
        rows = scenario.corridors
        self.names = [c.name for c in rows]
        self.index = {name: i for i, name in enumerate(self.names)}
        self.is_oil = np.array([c.kind == "oil" for c in rows])
        self.capacity = np.array([c.capacity_mt for c in rows], dtype=float)
        self.days = np.array([c.transit_days for c in rows], dtype=float)
        self.cost = np.array([c.cost_usd_t for c in rows], dtype=float)
        self.base_reliability = np.array([c.reliability for c in rows], dtype=float)
        self.reliability = self.base_reliability.copy()
        self.disruption = np.zeros(len(rows))  # share of capacity lost this quarter
        self.disrupted_until = np.full(len(rows), -1)
        self.preference = np.zeros(len(rows))  # Kazakhstan's route preference (utility)
        self.volume = np.zeros(len(rows))
        self.paths = [[code for code in c.path.split("-") if code in actor_index] for c in rows]
        self.controllers = np.zeros((len(rows), len(actor_index)))
        for i, c in enumerate(rows):
            for code in c.controllers.split():
                if code in actor_index:
                    self.controllers[i, actor_index[code]] = 1.0
        self.pending: list[PendingUpgrade] = []
        self.invested_bn = np.zeros(len(rows))

    def schedule_upgrade(self, due: int, corridor: int, capacity: float, days: float) -> None:
        """Queue a capacity/transit-time change that comes on line at step ``due``."""
        self.pending.append(PendingUpgrade(due, corridor, capacity, days))

    def days_after_pending(self, corridor: int) -> float:
        """Transit time of ``corridor`` once every queued upgrade has come on line."""
        return float(self.days[corridor] + sum(p.days for p in self.pending if p.corridor == corridor))

    def effective_capacity(self) -> np.ndarray:
        return self.capacity * (1.0 - self.disruption)

    def mature(self, step: int) -> list[PendingUpgrade]:
        """Bring upgrades due by ``step`` on line; return them for logging."""
        due = [p for p in self.pending if p.due <= step]
        if due:
            self.pending = [p for p in self.pending if p.due > step]
            for p in due:
                self.capacity[p.corridor] = max(0.0, self.capacity[p.corridor] + p.capacity)
                self.days[p.corridor] = max(1.0, self.days[p.corridor] + p.days)
        return due

    def end_disruptions(self, step: int) -> None:
        ended = (self.disrupted_until >= 0) & (self.disrupted_until < step)
        self.disruption[ended] = 0.0
        self.disrupted_until[ended] = -1

    def allocate(
        self,
        oil_mt: float,
        cargo_mt: float,
        oil_scale: float,
        cargo_scale: float,
        value_of_time: float,
        risk_premium: float,
    ) -> float:
        """Route this quarter's oil and cargo; set ``volume`` (Mt/yr); return unrouted Mt/yr."""
        generalised = self.cost + value_of_time * self.days + risk_premium * (1.0 - self.reliability)
        utility = -generalised / np.where(self.is_oil, oil_scale, cargo_scale) + self.preference
        capacity = self.effective_capacity()
        lost = _route(oil_mt, utility, capacity, self.is_oil, self.volume)
        lost += _route(cargo_mt, utility, capacity, ~self.is_oil, self.volume)
        return lost


def _route(demand: float, utility: np.ndarray, capacity: np.ndarray, mask: np.ndarray, volume: np.ndarray) -> float:
    """Capacity-constrained logit: fill corridors by logit share, re-offer the overflow; return the rest.

    Each round offers what is left to the open corridors in proportion to
    exp(utility), caps each at its free capacity and closes the full ones.
    The arithmetic runs on Python floats over the few corridors (a dozen tiny
    numpy calls a round cost more than the work); exp stays numpy's and sums
    use numpy's pairwise order (:func:`pairwise_sum`), so the numbers are the
    ones the array version gave.
    """
    open_ = mask & (capacity > 1e-9)
    volume[mask] = 0.0
    remaining = demand
    if remaining <= 1e-9 or not open_.any():
        return max(remaining, 0.0)
    cap, vol, is_open = capacity.tolist(), volume.tolist(), open_.tolist()
    positions = range(len(cap))
    for _ in positions:
        if remaining <= 1e-9 or not any(is_open):
            break
        u = np.where(open_, utility, -np.inf)
        weights = np.exp(u - u.max()).tolist()  # closed corridors are -inf: the max is the open ones' max
        total = pairwise_sum(weights)
        taken_open = []
        for i in positions:
            if is_open[i]:
                offer = remaining * weights[i] / total
                room = cap[i] - vol[i]
                taken = room if room < offer else offer
                vol[i] += taken
                taken_open.append(taken)
        remaining -= pairwise_sum(taken_open)
        is_open = [o and cap[i] - vol[i] > 1e-9 for i, o in enumerate(is_open)]
        open_ = np.array(is_open)
    volume[:] = vol
    return max(remaining, 0.0)
