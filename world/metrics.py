"""Kazakhstan's dependence, autonomy, concentration and welfare, computed every step.

Measures (MODEL-BRIEF · Outcomes; · Mechanisms and measures):
- trade share (Barbieri): trade_ij / total trade_i, with ROW so shares sum to 1;
- export-route share through a partner: share of export tonnage on corridors
  the partner transits or can disrupt (000 · energy-transit: CPC through Russia);
- security reliance: share of Kazakhstan's security ties (institutional
  guarantees discounted by alliance reliability, Leeds 2003, plus bilateral);
- investment share: share of the FDI stock in Kazakhstan;
- combined dependence: weighted sum (weights in parameters.csv);
- HHI = Σ share² (Herfindahl-Hirschman).
The headline autonomy, vulnerability and sensitivity are leverage-based (world/leverage.py); the
share-based dependence here is kept as columns (docs/ODD.md §7.4).
"""

from __future__ import annotations

import numpy as np

from world.fast import total
from world.measures import MEASURES, recorded_scalars
from world.readings import Dependence, RouteDependence
from world.scenario import REST_OF_WORLD
from world.state import World


def _normalise(values: np.ndarray) -> np.ndarray:
    whole = total(values)
    return values / whole if whole > 1e-12 else np.zeros_like(values)


DEPENDENCE_WEIGHTS = ("weight_trade", "weight_route", "weight_security", "weight_investment")


def route_dependence(model: World) -> RouteDependence:
    """Shares of Kazakhstan's export tonnage by corridor, and through each actor's territory or hands."""
    cor = model.corridors
    route_shares = _normalise(cor.volume * model.economy.cargo_fraction)
    oil_route_shares = _normalise(np.where(cor.is_oil, cor.volume, 0.0))
    return RouteDependence(route_shares, oil_route_shares, np.minimum(1.0, route_shares @ cor.controllers))


def dependence(model: World, routes: RouteDependence | None = None) -> Dependence:
    """Compute every dependence channel of the focal actor in one pass of array operations.

    Only Kazakhstan's row and column of realised trade are formed (the same
    element-wise products as the full matrix, at a fraction of the cost).
    """
    r, p = model.relations, model.params
    f = r.index[model.focal]
    n = r.n
    # Only Kazakhstan's row and column of DiplomacyModel.realised_trade(), in the same order of operations.
    access = model.institutions.effects().trade_access
    exports = r.trade[f, :] * model.trade_openness(f, slice(None)) * access[f, :]
    exports[f] = 0.0
    imports = r.trade[:, f] * model.trade_openness(slice(None), f) * access[:, f]
    imports[f] = 0.0
    trade_share = _normalise(exports + imports)
    export_share = _normalise(exports)

    routes = routes or route_dependence(model)
    route_shares, oil_route_shares, route = routes.route_shares, routes.oil_route_shares, routes.route

    inst = model.institutions
    ties = p["alliance_reliability"] * inst.guarantee_matrix[f, :] + r.security[f, :]
    ties[f] = 0.0
    security = _normalise(ties)

    stock = r.investment[:, f].copy()
    stock[f] = 0.0
    investment = _normalise(stock)

    # The weights are relative (a simplex): divided by their sum, so that with every channel in [0, 1] the
    # combined dependence stays in [0, 1] for any weights in the table (the defaults sum to exactly 1).
    total = sum(p[name] for name in DEPENDENCE_WEIGHTS)
    combined = (
        p["weight_trade"] * trade_share[:n]
        + p["weight_route"] * route
        + p["weight_security"] * security
        + p["weight_investment"] * investment[:n]
    ) / total
    combined[f] = 0.0
    return Dependence(trade_share, export_share, route, security, investment, combined, route_shares, oil_route_shares)


class ColumnLayout:
    """The public timeseries contract: column names and where each block sits in a row.

    The names are documented in the README; add columns freely, never rename.
    """

    def __init__(
        self,
        actors: list[str],
        corridors: list[str],
        oil: list[bool],
        institutions: list[str],
        focal: str,
        welfare_parts: tuple[str, ...] = (),
    ):
        self.partners = [a for a in actors if a != focal]
        self.names: list[str] = ["step", "autonomy"]
        self.slices: dict[str, slice] = {}

        def block(key: str, labels: list[str]) -> None:
            start = len(self.names)
            self.names.extend(f"{key}.{label}" for label in labels)
            self.slices[key] = slice(start, len(self.names))

        block("dependence", self.partners)
        block("trade_share", self.partners + [REST_OF_WORLD])
        block("export_share", self.partners + [REST_OF_WORLD])
        block("route_dependence", self.partners)
        block("security_reliance", self.partners)
        block("investment_share", self.partners + [REST_OF_WORLD])
        block("export_route_share", corridors)
        block("oil_route_share", [c for c, is_oil in zip(corridors, oil) if is_oil])
        block("corridor_volume", corridors)
        block("corridor_capacity", corridors)
        block("corridor_days", corridors)
        block("contracted_volume", corridors)
        block("member", institutions)
        block("affinity", self.partners)
        block("pressure", self.partners)
        block("vulnerability", self.partners)
        block("sensitivity", self.partners)
        block("leverage", self.partners)
        block("welfare_part", list(welfare_parts))
        self.scalars = list(recorded_scalars())  # the catalogue's one-column measures (world/measures.py)
        self.scalar_index = {}
        for name in self.scalars:
            self.scalar_index[name] = len(self.names)
            self.names.append(name)
        self.index = {name: i for i, name in enumerate(self.names)}


# Where each layout block's values come from: (source array, which entries) — "others" drops the focal
# actor, "others_row" drops it and keeps the rest of the world, "oil" keeps oil corridors, "all" keeps all.
BLOCK_SOURCES = {
    "dependence": (lambda m, d, f: d.combined, "others"),
    "trade_share": (lambda m, d, f: d.trade_share, "others_row"),
    "export_share": (lambda m, d, f: d.export_share, "others_row"),
    "route_dependence": (lambda m, d, f: d.route, "others"),
    "security_reliance": (lambda m, d, f: d.security, "others"),
    "investment_share": (lambda m, d, f: d.investment, "others_row"),
    "export_route_share": (lambda m, d, f: d.route_shares, "all"),
    "oil_route_share": (lambda m, d, f: d.oil_route_shares, "oil"),
    "corridor_volume": (lambda m, d, f: m.corridors.volume, "all"),
    "corridor_capacity": (lambda m, d, f: m.corridors.capacity, "all"),
    "corridor_days": (lambda m, d, f: m.corridors.days, "all"),
    "contracted_volume": (lambda m, d, f: m.corridors.routing.contracted, "all"),
    "member": (lambda m, d, f: m.institutions.membership[f] >= 1.0, "all"),
    "affinity": (lambda m, d, f: m.relations.affinity[f], "others"),
    "pressure": (lambda m, d, f: m.relations.pressure[:, f], "others"),
    "vulnerability": (lambda m, d, f: m.leverage.vulnerability, "others"),
    "sensitivity": (lambda m, d, f: m.leverage.sensitivity, "others"),
    "leverage": (lambda m, d, f: m.leverage.leverage, "others"),
    "welfare_part": (lambda m, d, f: m.economy.welfare_parts, "all"),
}


class _GatherPlan:
    """Index arrays that move a step's values into a row with one concatenate and two fancy assignments.

    Built once per model: writing ~150 columns block by block cost ~30 small
    numpy calls a step; the values written are the same.
    """

    def __init__(self, layout: "ColumnLayout", model: World):
        n = model.relations.n
        self.focal = f = model.relations.index[model.focal]
        n_corridors = len(model.corridors.names)
        others = np.flatnonzero(np.arange(n) != f)
        selections = {
            "others": (n, others),
            "others_row": (n + 1, np.append(others, n)),
            "oil": (n_corridors, np.flatnonzero(model.corridors.is_oil)),
            "all": (None, None),
        }
        self.getters, take, destination, offset = [], [], [], 0
        for key, block in layout.slices.items():
            if key not in BLOCK_SOURCES:
                raise KeyError(
                    f"column block '{key}' has no entry in world.metrics.BLOCK_SOURCES (where its values come from)"
                )
            getter, which = BLOCK_SOURCES[key]
            size, chosen = selections[which]
            if size is None:  # "all": as long as the block
                size = block.stop - block.start
                chosen = np.arange(size)
            self.getters.append(getter)
            take.append(offset + chosen)
            destination.append(np.arange(block.start, block.stop))
            offset += size
        self.take = np.concatenate(take)
        self.destination = np.concatenate(destination)
        self.scalar_positions = np.array([layout.scalar_index[name] for name in layout.scalars])
        self.scalar_getters = [MEASURES[name].record for name in layout.scalars]


class Recorder:
    """Preallocated step × column array the model writes one row into per step (no per-step dict or deep copy)."""

    def __init__(self, layout: ColumnLayout, n_rows: int):
        self.layout = layout
        self.data = np.zeros((n_rows, len(layout.names)))
        self.rows = 0
        self._plan: _GatherPlan | None = None

    def record(self, model: World) -> None:
        """Write the model's current state into the next row: one gather for the blocks, one for the scalars."""
        if self.rows >= self.data.shape[0]:
            self.data = np.vstack([self.data, np.zeros_like(self.data)])
        if self._plan is None:
            self._plan = _GatherPlan(self.layout, model)
        plan = self._plan
        row = self.data[self.rows]
        d = model.dependence()
        f = plan.focal
        row[0] = model.steps
        row[1] = model.leverage.autonomy
        source = np.concatenate([get(model, d, f) for get in plan.getters])
        row[plan.destination] = source[plan.take]
        row[plan.scalar_positions] = [get(model, d) for get in plan.scalar_getters]
        self.rows += 1

    def series(self, name: str) -> np.ndarray:
        """Column ``name`` over the rows recorded so far, as a read-only view (copy it to keep it)."""
        try:
            column = self.layout.index[name]
        except KeyError:
            raise KeyError(f"no recorded series '{name}'; recorded: {', '.join(self.layout.names)}") from None
        values = self.data[: self.rows, column]
        values.flags.writeable = False
        return values

    def __getstate__(self) -> dict:
        # The gather plan holds lambdas (not picklable); it is rebuilt on the next record.
        return {**self.__dict__, "_plan": None}

    def frame(self, dates: list[str]):
        """The recorded rows as a DataFrame with a ``date`` column after ``step``."""
        import pandas as pd

        frame = pd.DataFrame(self.data[: self.rows], columns=self.layout.names)
        frame["step"] = frame["step"].astype(int)
        frame.insert(1, "date", dates[: self.rows])
        for col in frame.columns:
            if col.startswith("member.") or col == "capture_events":
                frame[col] = frame[col].astype(int)
        return frame
