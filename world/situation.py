"""What Kazakhstan knows at the start of a quarter: the only input a strategy decides on.

:class:`world.perception.SituationView` builds it from the world's state once a quarter
(:meth:`world.model.DiplomacyModel.situation` caches it); tests build one by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from world.moves import Action
from world.scenario import load_scenario


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
