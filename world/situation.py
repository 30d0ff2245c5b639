"""What Kazakhstan knows at the start of a quarter: the only input a strategy decides on.

:class:`SituationView` builds it from the model's state once a quarter
(:meth:`world.model.DiplomacyModel.situation` caches it); tests build one by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from world.actions import Action
from world.scenario import REST_OF_WORLD, load_scenario

if TYPE_CHECKING:  # pragma: no cover
    from world.corridors import Corridors
    from world.model import DiplomacyModel
    from world.relations import Relations


@dataclass(frozen=True)
class CorridorView:
    """One corridor as a strategy sees it."""

    kind: str  # "oil" or "cargo"
    controllers: tuple[str, ...]
    capacity: float
    volume: float
    days: float
    reliability: float
    disrupted: bool = False
    invested_bn: float = 0.0  # money (€bn) others have put into it so far (world/actions.py corridor_investment)


def table_defaults() -> dict[str, float]:
    """The default scenario's parameter values: what a Situation built by hand (in a test) assumes."""
    return dict(load_scenario().parameter_values)


@dataclass(frozen=True)
class Situation:
    """Kazakhstan's view of the world this quarter (all dicts keyed by actor code or corridor name)."""

    focal: str = "KAZ"
    step: int = 0
    date: str = "2010Q1"
    quarter: int = 1
    dependence: dict[str, float] = field(default_factory=dict)
    trade_share: dict[str, float] = field(default_factory=dict)
    route_dependence: dict[str, float] = field(default_factory=dict)
    security_reliance: dict[str, float] = field(default_factory=dict)
    investment_share: dict[str, float] = field(default_factory=dict)
    export_weights: dict[str, float] = field(default_factory=dict)
    # Share of exports each buyer could still take on within a year (its demand: world/actions.py shift_exports).
    export_headroom: dict[str, float] = field(default_factory=dict)
    total_exports: float = 0.0  # $bn a year: what a share of exports is worth (the price of a switch)
    security_ties: dict[str, float] = field(default_factory=dict)  # bilateral ties with each partner (0-1)
    goodwill: dict[str, float] = field(default_factory=dict)  # recent summits and mediation per partner (units)
    reexports: float = 0.0  # $bn a year of western goods sold on to Russia through Kazakhstan (world/reexports.py)
    # Mt a year Kazakhstan has under route contracts, signed and not ended, by corridor (world/contracts.py).
    route_contracts: dict[str, float] = field(default_factory=dict)
    pressure: dict[str, float] = field(default_factory=dict)
    demands: tuple[Action, ...] = ()
    affinity: dict[str, float] = field(default_factory=dict)
    route_shares: dict[str, float] = field(default_factory=dict)
    corridors: dict[str, CorridorView] = field(default_factory=dict)
    memberships: dict[str, str] = field(default_factory=dict)
    institution_leaders: dict[str, str] = field(default_factory=dict)
    gdp: float = 0.0
    gdp_growth: float = 0.0
    autonomy: float = 1.0
    params: dict[str, float] = field(default_factory=table_defaults)

    @property
    def year(self) -> int:
        return int(self.date[:4])

    def top_presser(self) -> tuple[str, float]:
        """The actor pressing hardest this quarter and how hard (``("", 0.0)`` when nobody is)."""
        if not self.pressure:
            return "", 0.0
        actor = max(self.pressure, key=lambda a: (self.pressure[a], a))
        return actor, self.pressure[actor]

    def least_dependent(self, candidates: tuple[str, ...] | list[str], exclude: str = "", k: int = 2) -> list[str]:
        """The ``k`` candidate partners Kazakhstan depends on least (ties broken by name)."""
        pool = [c for c in candidates if c != exclude and c in self.dependence]
        return sorted(pool, key=lambda c: (self.dependence[c], c))[:k]

    def corridors_avoiding(self, actor: str, kind: str | None = None) -> list[str]:
        """Open corridors ``actor`` neither transits nor controls, best (most reliable) first."""
        names = [
            n
            for n, c in self.corridors.items()
            if actor not in c.controllers and c.capacity > 0 and (kind is None or c.kind == kind)
        ]
        return sorted(names, key=lambda n: (-self.corridors[n].reliability, n))

    def institutions_led_by(self, actor: str) -> list[str]:
        """Institutions Kazakhstan is a full member of whose leader is ``actor``."""
        return [
            i
            for i, leader in self.institution_leaders.items()
            if leader == actor and self.memberships.get(i) == "member"
        ]


class SituationView:
    """Builds a model's :class:`Situation` each quarter; holds the names and indices that never change in a run."""

    def __init__(self, focal: str, relations: "Relations", corridors: "Corridors") -> None:
        r, cor = relations, corridors
        self.partners = [c for c in r.codes if c != focal]
        self.partners_with_row = self.partners + [REST_OF_WORLD]
        self.partner_index = np.array([r.index[c] for c in self.partners], dtype=np.intp)
        self.corridor_kinds = ["oil" if oil else "cargo" for oil in cor.is_oil]
        self.corridor_controllers = [tuple(r.codes[j] for j in np.flatnonzero(row)) for row in cor.controllers]

    def build(self, model: "DiplomacyModel") -> Situation:
        """What the focal state knows now: dependence by channel, pressure, demands, corridors, memberships."""
        r, cor = model.relations, model.corridors
        d = model.dependence()
        f = r.index[model.focal]
        partners, idx = self.partners, self.partner_index

        def by_partner(values, keys=partners):
            # Partners are every actor but the focal one, in order (then ROW): drop the focal entry.
            listed = values.tolist()
            del listed[f]
            return dict(zip(keys, listed))

        def with_row(values):
            return by_partner(values, self.partners_with_row)

        inst = model.institutions
        memberships = {code: inst.status[(f, k)] for k, code in enumerate(inst.codes) if (f, k) in inst.status}
        leaders = {code: (r.codes[inst.leader[k]] if inst.leader[k] >= 0 else "") for k, code in enumerate(inst.codes)}
        capacity, volume, days, reliability, invested = (
            a.tolist() for a in (cor.capacity, cor.volume, cor.days, cor.reliability, cor.invested_bn)
        )
        disrupted = (cor.disruption > 0).tolist()
        views = {
            name: CorridorView(
                self.corridor_kinds[c],
                self.corridor_controllers[c],
                capacity[c],
                volume[c],
                days[c],
                reliability[c],
                disrupted[c],
                invested[c],
            )
            for c, name in enumerate(cor.names)
        }
        pressure = {c: p for c, p in zip(partners, r.pressure[idx, f].tolist()) if p > 0}
        economy = model.economy
        weights = economy.export_weights
        redirect = model.params["market_redirect"]
        headroom = {
            code: max(0.0, redirect * float(weights[j]) - economy.pending_to(j))
            for code, j in zip(self.partners, idx.tolist())
        }
        return Situation(
            focal=model.focal,
            step=model.steps,
            date=model.date,
            quarter=model.quarter,
            dependence=by_partner(d.combined),
            trade_share=with_row(d.trade_share),
            route_dependence=by_partner(d.route),
            security_reliance=by_partner(d.security),
            investment_share=with_row(d.investment),
            export_weights=with_row(economy.export_weights),
            export_headroom=headroom,
            total_exports=economy.total_exports,
            security_ties=by_partner(r.security[f]),
            goodwill=dict(model.memory.goodwill),
            reexports=model.reexports.flow_bn,
            route_contracts={name: model.contracts.committed_by(model.focal, [c]) for c, name in enumerate(cor.names)},
            pressure=pressure,
            demands=tuple(model.memory.open_demands),
            affinity=by_partner(r.affinity[f]),
            route_shares=dict(zip(cor.names, d.route_shares.tolist())),
            corridors=views,
            memberships=memberships,
            institution_leaders=leaders,
            gdp=economy.gdp,
            gdp_growth=economy.last_growth,
            autonomy=model.autonomy(),
            params=dict(model.params),
        )
