"""How Kazakhstan perceives the world each quarter: :class:`SituationView` turns the state into a Situation.

The Situation (world/situation.py) is all a strategy decides on; this is the one reading of the world's
arrays into it, with the names and indices that never change in a run built once.
"""

from __future__ import annotations

import numpy as np

from world.corridors import Corridors
from world.relations import Relations
from world.scenario import REST_OF_WORLD
from world.situation import CorridorView, Situation
from world.state import World


class SituationView:
    """Builds a model's :class:`Situation` each quarter; holds the names and indices that never change in a run."""

    def __init__(self, focal: str, relations: Relations, corridors: Corridors) -> None:
        r, cor = relations, corridors
        self.partners = [c for c in r.codes if c != focal]
        self.partners_with_row = self.partners + [REST_OF_WORLD]
        self.partner_index = np.array([r.index[c] for c in self.partners], dtype=np.intp)
        self.corridor_kinds = ["oil" if oil else "cargo" for oil in cor.is_oil]
        self.corridor_controllers = [tuple(r.codes[j] for j in np.flatnonzero(row)) for row in cor.controllers]

    def build(self, model: World) -> Situation:
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
