"""Route contracts: volumes a shipper has bought on a corridor, carried whatever the spot route choice says.

A route contract (an Aktau–Baku–BTC transit agreement, a tanker charter, a
block-train slot) is signed in one quarter, carries its first cargo
``lag`` quarters later (the corridor's ``contract_lag_q``: tankers chartered,
schedules agreed) and runs for its term. While active it carries its volume
(Mt a year) on its corridor ahead of the spot logit, up to what the corridor
can physically take this quarter; it is exempt from the corridor's spot ramp
(the lag was its ramp). Its fee ($/t, the corridor's ``contract_fee_usd_t``)
is take-or-pay: paid on the whole contracted volume, also in a quarter when an
outage stops the oil (the shipper keeps the reservation).

002 · In the Wake of the War: after the July 2022 instruction, what moved
Kazakh crude west were agreements (KazMunayGas and SOCAR: 1.5 Mt a year of
Tengiz crude via Aktau, Baku and the BTC pipeline from 2023) and tankers, not
a change in the spot price of the route; 002 · Looking West: when the
contracts lapsed (the 2007 tanker system), the cheaper route won again.

The book keeps per-corridor sums (``volume``, ``fees``) that change only when a
contract starts or ends: a quarter's cost does not grow with the number of
contracts ever signed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

BN_PER_MT_AT_USD_PER_T = 1e-3  # unit: 1 Mt × 1 $/t = $0.001bn
SHUT_IN_LOG_FLOOR = 1e-3  # Mt in a quarter: smaller shut-ins are rounding, not an outage worth a log line
ROUTING_SOURCE = "002 · In the Wake of the War (CPC disrupted four times in 2022); world/data/corridors.csv (ramps)"


@dataclass(frozen=True, slots=True)
class RouteContract:
    """One contract: who bought how much on which corridor, when it runs, at what fee, and why."""

    corridor: int
    volume_mt: float  # Mt a year
    signed: int  # step
    start: int  # step of the first cargo (signing + lag)
    end: int  # first step it no longer runs
    fee_usd_t: float
    party: str
    partner: str
    reason: str
    source: str

    @property
    def quarters(self) -> int:
        return self.end - self.start


class RouteContracts:
    """Every contract signed in a run, and the per-corridor volume and fee bill of those in force now."""

    def __init__(self, n_corridors: int) -> None:
        self.signed: list[RouteContract] = []
        self.active: list[RouteContract] = []  # carrying this quarter
        self._open: list[RouteContract] = []  # signed and not yet ended (active or waiting for their lag)
        self._changes: set[int] = set()  # steps at which a contract starts or ends
        self.volume = np.zeros(n_corridors)  # Mt a year under active contracts, by corridor
        self.fees = np.zeros(n_corridors)  # $bn a year of take-or-pay fees, by corridor
        self.committed = np.zeros(n_corridors)  # Mt a year signed and not ended (active or in their lag)
        self.fee_total = 0.0  # $bn a year of fees on the active contracts (the sum of ``fees``)

    def sign(self, contract: RouteContract, step: int) -> None:
        """Record a signature at ``step``; the contract carries from its ``start`` step to its ``end``."""
        self.signed.append(contract)
        self._open.append(contract)
        self._changes.update((contract.start, contract.end))
        self._refresh(step)

    def begin_quarter(self, step: int) -> tuple[list[RouteContract], list[RouteContract]]:
        """Start and end the contracts due at ``step``; return (started, ended) for the event log."""
        if step not in self._changes:
            return [], []
        self._changes.discard(step)
        started = [c for c in self._open if c.start == step < c.end]
        ended = [c for c in self._open if c.end == step]
        self._refresh(step)
        return started, ended

    def _refresh(self, step: int) -> None:
        # Sums rebuilt from the lists (not added and subtracted), so that floating-point residue cannot
        # accumulate over decades of contracts; this runs only in quarters where a contract changes.
        self._open = [c for c in self._open if c.end > step]
        self.active = [c for c in self._open if c.start <= step]
        for array in (self.volume, self.fees, self.committed):
            array[:] = 0.0
        for c in self._open:
            self.committed[c.corridor] += c.volume_mt
        for c in self.active:
            self.volume[c.corridor] += c.volume_mt
            self.fees[c.corridor] += c.volume_mt * c.fee_usd_t * BN_PER_MT_AT_USD_PER_T
        self.fee_total = float(self.fees.sum())

    def committed_by(self, party: str, corridors: list[int]) -> float:
        """Mt a year that ``party`` has signed on ``corridors`` and that has not ended (active or in its lag)."""
        wanted = set(corridors)
        return sum(c.volume_mt for c in self._open if c.party == party and c.corridor in wanted)
