"""Shocks imposed on the world from outside the agents' decisions.

:class:`PartnerCut` is the Keohane-Nye experiment (Keohane & Nye, *Power
and Interdependence*, 1977; MODEL-BRIEF · Mechanisms and measures:
sensitivity vs vulnerability): for a number of quarters every channel between
Kazakhstan and one partner is cut — trade both ways held at the maximum
restriction, every corridor the partner controls disrupted completely, and
the partner's investment flows (FDI and corridor money) frozen. Attach one
with ``model.shocks.append(cut)``; the model calls ``begin_quarter`` at the
start of every quarter, after the decay of last quarter's pressure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from world.actions import ACTION_TYPES, MAX_RESTRICTION, Action
from world.calendar import format_quarter
from world.errors import InputError
from world.state import World

SOURCE = "Keohane & Nye 1977 (MODEL-BRIEF · Mechanisms and measures: sensitivity vs vulnerability)"
FROZEN_KINDS = frozenset(kind for kind, (category, _) in ACTION_TYPES.items() if category == "investment")


class WithoutInvestment:
    """A partner's policy with its investment moves (FDI, corridor money) dropped."""

    def __init__(self, inner) -> None:
        self.inner = inner
        self.name = getattr(inner, "name", "")

    def act(self, agent, model) -> list[Action]:
        return [a for a in self.inner.act(agent, model) if a.kind not in FROZEN_KINDS]


@dataclass
class PartnerCut:
    """Cut every channel between the focal state and ``partner`` from step ``first_step`` for ``quarters``."""

    partner: str
    first_step: int
    quarters: int = 4
    _saved_restriction: tuple[float, float] | None = field(default=None, init=False, repr=False)
    _saved_policy: object = field(default=None, init=False, repr=False)

    @property
    def last_step(self) -> int:
        return self.first_step + self.quarters - 1

    def check(self, model: World) -> None:
        """Raise InputError naming the allowed values if the partner or the window does not fit ``model``."""
        partners = [c for c in model.relations.codes if c != model.focal]
        if self.partner not in partners:
            raise InputError(
                f"partner {self.partner!r}: not a partner in this scenario; allowed: {', '.join(partners)}"
            )
        if self.quarters < 1:
            raise InputError(f"quarters = {self.quarters}: must be at least 1")
        if not 1 <= self.first_step or self.last_step > model.n_steps:
            first = format_quarter(model.start_quarter + self.first_step)
            raise InputError(
                f"cut starting {first}: a {self.quarters}-quarter cut must start after "
                f"{format_quarter(model.start_quarter)} and end by "
                f"{format_quarter(model.end_quarter)}"
            )

    def controlled_corridors(self, model: World) -> list[str]:
        """Corridors the partner controls (corridors.csv ``controllers``)."""
        j = model.relations.index[self.partner]
        return [name for c, name in enumerate(model.corridors.names) if model.corridors.controllers[c, j] > 0]

    def begin_quarter(self, model: World) -> None:
        """Start the cut in quarter ``first_step``; lift it as the quarter after ``last_step`` begins."""
        if model.steps == self.first_step:
            self._start(model)
        elif model.steps == self.last_step + 1:
            self._lift(model)

    def _start(self, model: World) -> None:
        r = model.relations
        f, p = r.index_with_row[model.focal], r.index_with_row[self.partner]
        self._saved_restriction = (float(r.restriction[f, p]), float(r.restriction[p, f]))
        r.restriction[f, p] = r.restriction[p, f] = MAX_RESTRICTION
        agent = model.agents_by_code[self.partner]
        self._saved_policy = agent.policy
        agent.policy = WithoutInvestment(agent.policy)
        model.log_event(
            self.partner,
            "pressure",
            "partner_cut",
            model.focal,
            1.0,
            f"stress test: every channel between {model.focal} and {self.partner} is cut for "
            f"{self.quarters} quarters (trade both ways, its corridors, its investment)",
            SOURCE,
            origin="scheduled",
        )
        # The corridors go through the model's own disruption rule (capacity, shippers' memory, pressure).
        for corridor in self.controlled_corridors(model):
            model.apply(
                Action(
                    self.partner,
                    "transit_disruption",
                    corridor,
                    1.0,
                    f"stress test: {self.partner} closes the {corridor} corridor",
                    SOURCE,
                    duration=self.quarters,
                ),
                origin="scheduled",
            )

    def _lift(self, model: World) -> None:
        r = model.relations
        f, p = r.index_with_row[model.focal], r.index_with_row[self.partner]
        r.restriction[f, p], r.restriction[p, f] = self._saved_restriction
        model.agents_by_code[self.partner].policy = self._saved_policy
        model.log_event(
            self.partner,
            "pressure",
            "partner_cut_lifted",
            model.focal,
            0.0,
            f"stress test: the cut between {model.focal} and {self.partner} is lifted",
            SOURCE,
            origin="scheduled",
        )


@dataclass
class FrozenTrade:
    """A null world for the replay: trade held at its starting pattern (MODEL-BRIEF · Stylized facts).

    Every quarter begins with the potential trade between every pair and
    Kazakhstan's export destinations put back to their values at the start of
    the run, so nothing the model says about trade — growth, gravity drift,
    agreements, diversion under sanctions — can move the shares. A fact that
    this world still passes is a fact about the data, not about the model's
    trade (pattern-oriented modelling, Grimm et al. 2005).
    """

    _trade: object = field(default=None, init=False, repr=False)
    _export_weights: object = field(default=None, init=False, repr=False)

    def check(self, model: World) -> None:
        """Nothing to check: it fits every world."""

    def begin_quarter(self, model: World) -> None:
        if self._trade is None:
            self._trade = model.relations.trade.copy()
            self._export_weights = model.economy.export_weights.copy()
            return
        model.relations.trade[:] = self._trade
        model.economy.export_weights[:] = self._export_weights
