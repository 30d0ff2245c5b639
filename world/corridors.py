"""Transport corridors: capacity, transit time, cost, reliability, who controls them, and route choice.

Oil and cargo are routed separately, each quarter, in three passes:

1. **Contracts** (world/contracts.py) carry their volume first, up to what the
   corridor can physically take this quarter.
2. **Spot**: the rest is split by a logit on generalised cost (money, days,
   risk) plus Kazakhstan's route preference, capped per corridor by its free
   capacity *and* by its short-run ramp: spot volume can rise by at most
   ``ramp_mt_q`` (Mt/yr) a quarter above last quarter's, and falls at once
   when capacity is cut. Oil that no route can take within spare capacity and
   ramp is **shut in** (production held back: lost exports); cargo that finds
   no room is lost too (MODEL-BRIEF · World: corridors; 002 · Looking West:
   the more economical option won the day; 002 · In the Wake of the War: the
   2022 CPC outages, when other routes took only part of the oil).
3. **The sea's cargo**: cargo from China to Turkey, the Caucasus and southern
   Europe that goes by sea via Suez unless a land corridor that reaches those
   markets (``sea_rival`` in corridors.csv: the Middle Corridor) serves it
   better, the outside option of the cargo logit at the sea route's
   generalised cost; it is offered what room those corridors have left. What
   stays at sea is not lost: it never came (World Bank 2023: faster, cheaper
   service could triple the corridor's freight by 2030).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from world.scenario import Scenario


@dataclass
class PendingUpgrade:
    """Capacity or transit-time change that comes on line at ``due`` (investment lag)."""

    due: int
    corridor: int
    capacity: float
    days: float
    reliability: float = 0.0


EMPTY = 1e-9  # Mt a year below which a route counts as full or a demand as met (as in _route)


@dataclass
class Routing:
    """One quarter's routing outcome, Mt a year: what was shut in or lost, and who carried what."""

    oil_shut_in: float = 0.0  # oil no route could take within capacity, ramp and contracts
    cargo_lost: float = 0.0  # overland (Kazakh and transit) cargo no corridor could take
    land: np.ndarray = field(default_factory=lambda: np.zeros(0))  # overland pool's cargo per corridor
    sea: np.ndarray = field(default_factory=lambda: np.zeros(0))  # cargo drawn from the sea route per corridor
    contracted: np.ndarray = field(default_factory=lambda: np.zeros(0))  # carried under contracts per corridor


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
        # Investment makes a route as dependable as the best one in the table, never more (the ceiling of its gain).
        self.best_reliability = float(self.base_reliability.max()) if rows else 1.0
        self.disruption = np.zeros(len(rows))  # share of capacity lost this quarter
        self.disrupted_until = np.full(len(rows), -1)
        self.preference = np.zeros(len(rows))  # Kazakhstan's route preference (utility)
        self.volume = np.zeros(len(rows))
        self.ramp = np.array([c.ramp_mt_q for c in rows], dtype=float)  # spot rise a quarter, Mt/yr
        self.contract_lag = [c.contract_lag_q for c in rows]  # quarters from signing to the first cargo
        self.contract_fee = np.array([c.contract_fee_usd_t for c in rows], dtype=float)  # $/t, take-or-pay
        self.sea_rival = np.array([bool(c.sea_rival) for c in rows])  # competes with the sea route for cargo
        self._sea_rivals = [i for i, c in enumerate(rows) if c.sea_rival and c.kind == "cargo"]
        self._scale_key: tuple[float, float] | None = None
        self._scale = np.ones(len(rows))
        self.spot: np.ndarray | None = None  # last quarter's spot volume (None before the first routing)
        self.before: np.ndarray | None = None  # last quarter's volume, kept while this quarter's is routed
        self.routing = Routing(land=np.zeros(len(rows)), sea=np.zeros(len(rows)), contracted=np.zeros(len(rows)))
        self.paths = [[code for code in c.path.split("-") if code in actor_index] for c in rows]
        self.controllers = np.zeros((len(rows), len(actor_index)))
        for i, c in enumerate(rows):
            for code in c.controllers.split():
                if code in actor_index:
                    self.controllers[i, actor_index[code]] = 1.0
        self.pending: list[PendingUpgrade] = []
        self.invested_bn = np.zeros(len(rows))

    def schedule_upgrade(self, due: int, corridor: int, capacity: float, days: float, reliability: float = 0.0) -> None:
        """Queue a capacity, transit-time or reliability change that comes on line at step ``due``."""
        self.pending.append(PendingUpgrade(due, corridor, capacity, days, reliability))

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
                if p.reliability:
                    gained = min(self.base_reliability[p.corridor] + p.reliability, self.best_reliability)
                    self.base_reliability[p.corridor] = max(self.base_reliability[p.corridor], gained)
        return due

    def end_disruptions(self, step: int) -> None:
        ended = (self.disrupted_until >= 0) & (self.disrupted_until < step)
        self.disruption[ended] = 0.0
        self.disrupted_until[ended] = -1

    def generalised_cost(self, value_of_time: float, risk_premium: float) -> np.ndarray:
        """$/t: freight + the value of the days in transit + the expected cost of unreliability."""
        return self.cost + value_of_time * self.days + risk_premium * (1.0 - self.reliability)

    def allocate(
        self,
        oil_mt: float,
        cargo_mt: float,
        oil_scale: float,
        cargo_scale: float,
        value_of_time: float,
        risk_premium: float,
        contracted: np.ndarray | None = None,
        sea_cargo_mt: float = 0.0,
        sea_cost: float = 0.0,
    ) -> Routing:
        """Route this quarter's oil and cargo; set ``volume`` (Mt/yr); return the :class:`Routing`.

        ``contracted`` is the volume under active route contracts by corridor (Mt/yr);
        ``sea_cargo_mt`` the China-Europe sea cargo that a land corridor may draw at the sea route's
        generalised cost ``sea_cost`` ($/t).
        """
        self.before = None if self.spot is None else self.volume.copy()
        is_oil = self.is_oil
        if self._scale_key != (oil_scale, cargo_scale):  # the scales are parameters: build the array once
            self._scale_key, self._scale = (oil_scale, cargo_scale), np.where(is_oil, oil_scale, cargo_scale)
        scale = self._scale
        utility = -self.generalised_cost(value_of_time, risk_premium) / scale
        utility += self.preference
        capacity = self.effective_capacity()
        if contracted is not None and contracted.any():
            carried = np.minimum(contracted, capacity)
            for mask, demand in ((is_oil, oil_mt), (~is_oil, cargo_mt)):
                total = float(carried[mask].sum())
                if total > demand:  # more under contract than there is to ship: each contract ships its share
                    carried[mask] *= demand / total
            demands = (
                max(oil_mt - float(carried[is_oil].sum()), 0.0),
                max(cargo_mt - float(carried[~is_oil].sum()), 0.0),
            )
            room = capacity - carried
        else:  # no contract in force (most quarters): nothing carried ahead of the spot choice
            carried = np.zeros_like(capacity)
            demands = (max(oil_mt, 0.0), max(cargo_mt, 0.0))
            room = capacity
        sea_offer = (sea_cargo_mt, -sea_cost / cargo_scale, self._sea_rivals)
        if self.spot is not None and self.disruption.any():
            # The ramp binds only against surprises: what each corridor would carry without this quarter's
            # outages (the plan shippers made: growth, expansions) it may carry at once; beyond that, spot volume
            # rises at most by ``ramp`` a quarter above last quarter's. It falls at once (the room caps it).
            # The plan is made at the corridors' usual reliability: the outage's dent in it is part of the surprise.
            usual = -(self.cost + value_of_time * self.days + risk_premium * (1.0 - self.base_reliability))
            usual = usual / scale + self.preference
            planned = _spot(self.capacity - carried, usual, is_oil, demands, sea_offer)[0]
            room = np.minimum(room, np.maximum(self.spot + self.ramp, planned))
        spot, shut_in, lost, land, sea = _spot(room, utility, is_oil, demands, sea_offer)
        if contracted is not None:
            land += np.where(is_oil, 0.0, carried)
        self.spot = spot
        np.add(spot, carried, out=self.volume)
        self.routing = Routing(shut_in, lost, land, sea, carried)
        return self.routing


def _spot(
    room: np.ndarray,
    utility: np.ndarray,
    is_oil: np.ndarray,
    demands: tuple[float, float],
    sea: tuple[float, float, list[int]],
) -> tuple[np.ndarray, float, float, np.ndarray, np.ndarray]:
    """Spot routing within ``room``: oil, then the overland cargo pool, then the sea's cargo over what is left.

    Returns spot volume by corridor, oil shut in, overland cargo lost, and the overland and sea parts of the
    cargo volume (Mt a year). ``sea`` is (sea cargo offered, utility of staying at sea, the cargo corridors
    that rival the sea route).
    """
    spot = np.zeros_like(room)
    shut_in = _route(demands[0], utility, room, is_oil, spot)
    lost = _route(demands[1], utility, room, ~is_oil, spot)
    land = spot.copy()
    land[is_oil] = 0.0
    drawn = np.zeros_like(room)
    offered, stay, rivals = sea
    if offered > 0 and rivals:
        _draw_from_sea(offered, stay, utility, room, spot, rivals, drawn)
        spot += drawn
    return spot, shut_in, lost, land, drawn


def _draw_from_sea(
    offered: float,
    stay: float,
    utility: np.ndarray,
    room: np.ndarray,
    used: np.ndarray,
    rivals: list[int],
    drawn: np.ndarray,
) -> None:
    """The capacity-constrained logit of :func:`_route` with one more alternative, the sea, that never fills.

    Each round offers what is left to the sea and the open rivals in proportion to exp(utility); the sea keeps
    its share, each rival takes its share up to its free room, and what full rivals could not take is offered
    again. Python floats over the one or two rivals (cheaper than building arrays each quarter).
    """
    free = {i: max(float(room[i]) - float(used[i]), 0.0) for i in rivals}
    open_ = [i for i in rivals if free[i] > EMPTY]
    remaining = offered
    while remaining > EMPTY and open_:
        u = [float(utility[i]) for i in open_]
        top = max(*u, stay)
        weights = [math.exp(x - top) for x in u]
        total = math.exp(stay - top) + sum(weights)
        overflow, still_open = 0.0, []
        for i, w in zip(open_, weights):
            offer = remaining * w / total
            if offer >= free[i]:
                overflow += offer - free[i]
                drawn[i] += free[i]
                free[i] = 0.0
            else:
                drawn[i] += offer
                free[i] -= offer
                still_open.append(i)
        remaining, open_ = overflow, still_open


def _route(demand: float, utility: np.ndarray, capacity: np.ndarray, mask: np.ndarray, volume: np.ndarray) -> float:
    """Capacity-constrained logit: fill corridors by logit share, re-offer the overflow; return the rest.

    Each round offers what is left to the open corridors in proportion to
    exp(utility), caps each at its free capacity and closes the full ones.
    The arithmetic runs on Python floats over the few corridors of a kind (a
    dozen tiny numpy calls a round cost more than the work).
    """
    volume[mask] = 0.0
    remaining = demand
    cap, vol, ut = capacity.tolist(), volume.tolist(), utility.tolist()
    open_ = [i for i, chosen in enumerate(mask.tolist()) if chosen and cap[i] > EMPTY]
    for _ in range(len(cap)):  # each round fills at least one corridor or places all that is left
        if remaining <= EMPTY or not open_:
            break
        top = max(ut[i] for i in open_)
        weights = [math.exp(ut[i] - top) for i in open_]
        total = sum(weights)
        taken_all, still_open = 0.0, []
        for i, weight in zip(open_, weights):
            offer = remaining * weight / total
            room = cap[i] - vol[i]
            taken = room if room < offer else offer
            vol[i] += taken
            taken_all += taken
            if cap[i] - vol[i] > EMPTY:
                still_open.append(i)
        remaining -= taken_all
        open_ = still_open
    volume[:] = vol
    return max(remaining, 0.0)
