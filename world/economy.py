"""Kazakhstan's economy: output, exports by destination, oil and cargo earnings, transit revenue.

The model keeps one :class:`Economy` (``model.economy``) beside its
:class:`~world.relations.Relations` and :class:`~world.corridors.Corridors`.
Each quarter :meth:`Economy.update` grows the economy, routes this quarter's
oil and cargo over the corridors and turns what was delivered, sold and
carried through into GDP (docs/ODD.md · Submodels: economy):

    GDP     = core output + FDI output + realised exports + transit revenue
    welfare = GDP − income paid on foreign investment − costs of Kazakhstan's moves
              − sanctions' costs − the common external tariff's cost − the security premium

- core output (everything but exports and the output of new foreign
  capital) grows with Kazakhstan's growth rate and is moved by pressure and
  resisted demands (world/actions.py);
- FDI output: foreign capital that flowed in since the start adds
  ``investment_output_share`` of itself to output a year and depreciates at
  ``fdi_depreciation`` a year; the foreign-owned stock earns its owners
  ``fdi_income_yield`` a year, paid abroad (so a dollar of FDI pays Kazakhstan
  its output net of that return, and less every year as it wears out);
- exports are oil (tonnes delivered × the oil price) and non-oil goods
  (shrunk when cargo cannot be carried), sold to destinations by
  ``export_weights`` and cut by restrictions and customs-union access
  (:meth:`world.model.DiplomacyModel.trade_openness`);
- transit revenue is the fee on other countries' cargo through Kazakhstan;
- the costs of Kazakhstan's own moves (switching costs of new export markets,
  defence purchases, investment incentives: world/actions.py) are charged
  once, in the quarter they are made, as a yearly rate for that quarter, so
  a mean of welfare over quarters counts each $bn spent once.

``welfare_parts`` holds the terms of welfare by name (:data:`WELFARE_PARTS`);
they sum to welfare.
"""

from __future__ import annotations

import numpy as np

from world.errors import InputError
from world.readings import SecurityExposure
from world.security import SecurityExposureCalculator
from world.state import World

BARRELS_PER_TONNE = 7.33
KAZ_CARGO_SHARE = 0.5  # share of overland cargo through Kazakhstan that is Kazakh exports (design choice)
# $bn: ~$60bn of 2010 exports minus the model's oil value (70 Mt at the 2010 Brent price ≈ $41bn), so oil is
# ~68 % of exports. This departs from 003 · Kazakhstan's Relationship with China (oil 57 % of export revenue, a
# figure from before 2010): the oil volume and price are data, the non-oil value is the residual (docs/ODD.md 7.9).
NON_OIL_EXPORTS_2010 = 19.0
REST_OF_WORLD_GROWTH = 0.025  # per year: the rest of the world's demand growth in the export-weight drift
EXPORT_DRIFT_SPEED = 0.5  # how fast export weights follow buyers' growth differences (gravity; design choice)
QUARTERS_PER_YEAR = 4  # unit: quarters per year
EMPTY_CORRIDOR_MT = 1e-9  # Mt a year below which a corridor carries nothing (its Kazakh share is the nominal one)
# A secondary-sanctions designation's finance cost lifts as the designation does: by the same 15 % a quarter
# as the bans it comes with (world/model.py).
DESIGNATION_RETAINED = 0.85
SHARE_GUARD = 1e-12  # divisor floor: a shift from every buyer when no other buyer is left moves nothing
# The terms of welfare, in the order recorded (welfare_part.<name>, $bn per year; costs negative).
WELFARE_PARTS = ("core", "fdi", "exports", "transit", "moves", "sanctions", "tariff", "security")


class Economy:
    """Kazakhstan's output and external accounts, updated once a quarter on arrays."""

    def __init__(self, model: World) -> None:
        r = model.relations
        f = r.index[model.focal]
        self.focal = f
        exports = r.trade[f, :].copy()
        exports[f] = 0.0
        self.export_weights = exports / exports.sum()  # destinations of exports, actors then the rest of the world
        self.initial_export_weights = self.export_weights.copy()
        self.non_oil_exports = NON_OIL_EXPORTS_2010
        oil_value = model.levers.oil_exports(0) * model.levers.oil_price(0) * BARRELS_PER_TONNE / 1000
        self.core_gdp = r.gdp[f] - (oil_value + self.non_oil_exports)
        if self.core_gdp <= 0:  # output net of exports must be positive, or growth rates turn to NaN
            actors_file = model.setting.input_files()[1]
            raise InputError(
                f"{actors_file}: field 'gdp_bn' ({model.focal}) = {r.gdp[f]:g} is below its exports at "
                f"the start (oil {oil_value:g} + other {self.non_oil_exports:g} bn); raise it, or lower "
                "the start year's oil price or crude exports (oil_prices.csv, oil_volumes.csv)"
            )
        self.gdp = float(r.gdp[f])
        self.export_revenue = 0.0
        self.transit_revenue = 0.0
        self.lost_exports_mt = 0.0
        self.oil_shut_in_mt = 0.0  # Mt of crude shut in this quarter (no route could take it)
        self.shut_in_revenue_bn = 0.0  # $bn of export revenue the shut-in oil would have earned this quarter
        self.contract_fees_bn = 0.0  # $bn a year of take-or-pay route-contract fees
        self.oil_offered_mt = 0.0  # Mt a year of crude offered to the routes this quarter
        self.sea_cargo_mt = 0.0  # China-Europe sea cargo a land corridor could draw, Mt a year
        self.transit_cargo_mt = 0.0  # other countries' cargo through Kazakhstan, Mt a year
        self.cargo_shock: tuple[float, int] | None = None  # (demand factor, last step)
        self.cargo_fraction = np.where(model.corridors.is_oil, 1.0, KAZ_CARGO_SHARE)
        self.kaz_cargo_share = KAZ_CARGO_SHARE
        self.last_growth = 0.0
        self.fdi_capital = 0.0  # $bn: FDI inflows since the start, net of depreciation
        self.fdi_output = 0.0  # $bn a year: what that capital adds to output
        self.reexports_bn = 0.0  # $bn a year of re-exports to Russia that pass its barriers (gross value)
        self.charges = 0.0  # $bn: costs of Kazakhstan's moves this quarter (one-off)
        self.designation_cost = 0.0  # $bn a year: finance lost to secondary sanctions, lifting as they lapse
        self.pending_shifts: list[tuple[int, int, int, float]] = []  # (due step, from (-1: all), to, share)
        self.welfare_parts = np.zeros(len(WELFARE_PARTS))
        self.total_exports = 0.0  # $bn a year before restrictions and customs-union access
        self.cargo_demand_mt = 0.0  # overland cargo this quarter (Kazakh and transit), Mt a year
        self.kaz_cargo_mt = 0.0  # Kazakhstan's own part of it
        self._inflows = np.zeros((QUARTERS_PER_YEAR, r.n + 1))  # FDI inflows by investor, the last four quarters
        self._security = SecurityExposureCalculator(model)
        self.security: SecurityExposure = self._security.compute(model)
        self.consumer_costs = 0.0
        self.potential_exports = np.zeros(r.n + 1)
        self.potential_imports = np.zeros(r.n + 1)
        self.open_imports = np.zeros(r.n + 1)
        self._outside = np.ones(r.n + 1)  # 1 where a supplier is outside Kazakhstan's customs unions (ROW last)
        self.welfare = self.gdp
        self._sea_rivals = model.corridors._sea_rivals
        self._transits_focal = np.array([model.focal in path for path in model.corridors.paths], dtype=bool)
        self._growth_with_row = np.empty(r.n + 1)

    def update(self, model: World) -> None:
        """GDP, trade, route choice and revenues for the quarter, on arrays."""
        rel, cor, p = model.relations, model.corridors, model.params
        f = self.focal
        steps = model.steps
        if steps:
            rel.step_growth(rel.growth_shift)
            rel.wear(p["fdi_depreciation"] / QUARTERS_PER_YEAR, p["security_tie_decay"] / QUARTERS_PER_YEAR)
        years = steps / 4.0
        cargo = p["cargo_demand_mt"] * (1.0 + p["cargo_growth"]) ** years
        if self.cargo_shock is not None:
            factor, until = self.cargo_shock
            if steps <= until:
                cargo *= factor
            else:
                self.cargo_shock = None
        self.cargo_demand_mt = cargo
        self.kaz_cargo_mt = cargo * self.kaz_cargo_share
        self.sea_cargo_mt = p["sea_cargo_mt"] * (1.0 + p["cargo_growth"]) ** years
        self.oil_offered_mt = oil_mt = model.lever("oil_exports_mt")
        contracts = model.contracts
        routing = cor.allocate(
            oil_mt,
            cargo,
            p["route_logit_scale"],
            p["cargo_logit_scale"],
            p["value_of_time"],
            p["risk_premium"],
            contracts.volume,
            self.sea_cargo_mt,
            p["sea_route_cost"] + p["value_of_time"] * p["sea_route_days"],
        )
        oil = cor.is_oil
        oil_delivered = float(cor.volume[oil].sum())
        cargo_delivered = max(cargo - routing.cargo_lost, 0.0)
        self.lost_exports_mt = routing.oil_shut_in + routing.cargo_lost
        self._kaz_share_of_cargo(routing, cor.volume)
        growth = 0.0 if not steps else rel.growth[f] / 4.0
        self.non_oil_exports *= 1.0 + growth
        self.core_gdp *= 1.0 + growth
        if steps:
            self.fdi_capital *= 1.0 - p["fdi_depreciation"] / QUARTERS_PER_YEAR
        if self.pending_shifts:
            self._arrive_shifts(steps)
        # Oil earns its netback: the price less the route's freight and the expected cost of its unreliability
        # (the generalised cost shippers weigh, world/corridors.py), not the full price on any route. Contracted
        # tonnes pay their contract's fee instead of the spot freight, and the fee is take-or-pay: owed on the
        # whole contracted volume, carried or not (world/contracts.py).
        volume = cor.volume[oil]
        risk = p["risk_premium"] * (1.0 - cor.reliability[oil])
        self.contract_fees_bn = contracts.fee_total
        if self.contract_fees_bn > 0:
            freight = float(np.dot(volume - routing.contracted[oil], cor.cost[oil])) + float(np.dot(volume, risk))
            oil_fees = float(contracts.fees[oil].sum())
        else:
            freight = float(np.dot(volume, cor.cost[oil] + risk))
            oil_fees = 0.0
        freight /= 1000  # unit: $bn from Mt × $/t
        price = model.lever("oil_price") * BARRELS_PER_TONNE / 1000  # unit: $bn per Mt
        oil_value = oil_delivered * price - freight - oil_fees
        # What the shut-in oil would have earned: the price less the mean freight of the oil that was shipped.
        unit_freight = (freight + oil_fees) / oil_delivered if oil_delivered > 0 else 0.0
        self.oil_shut_in_mt = routing.oil_shut_in / QUARTERS_PER_YEAR
        self.shut_in_revenue_bn = self.oil_shut_in_mt * max(price - unit_freight, 0.0)
        non_oil_value = self.non_oil_exports * (cargo_delivered / cargo if cargo > 0 else 1.0)
        non_oil_value -= self.contract_fees_bn - oil_fees  # Kazakh exporters pay their cargo contracts' fees
        self._drift_export_weights(rel.growth)
        total_exports = oil_value + non_oil_value
        self.total_exports = total_exports
        access = model.institutions.effects().trade_access[f]
        realised_share = float(np.dot(self.export_weights, model.trade_openness(f, slice(None)) * access))
        realised = total_exports * realised_share
        if not steps:
            # The 2010 GDP (data) already nets out what oil paid for freight: calibrate core output to it.
            self.core_gdp += freight * realised_share
        self.potential_exports = total_exports * self.export_weights  # by destination, before restrictions
        channel = model.reexports
        if channel.russia >= 0:
            # Goods bought in the West and sold on to Russia (world/reexports.py): exports to Russia at their
            # gross value; Kazakhstan earns only the margin on what Russia's barriers let through.
            flow = channel.update(model)
            self.potential_exports[channel.russia] += flow
            passed = float(model.trade_openness(f, channel.russia)) * float(access[channel.russia])
            self.reexports_bn = flow * passed
            realised += p["reexport_margin"] * self.reexports_bn
        rel.trade[f, :] = self.potential_exports
        transit = float((cor.volume * (1.0 - self.cargo_fraction))[self._transits_focal].sum())
        self.transit_cargo_mt = transit
        self.transit_revenue = transit * p["transit_fee"] / 1000
        self.export_revenue = realised
        previous = self.gdp
        self.fdi_output = p["investment_output_share"] * self.fdi_capital
        self.gdp = self.core_gdp + self.fdi_output + realised + self.transit_revenue
        rel.gdp[f] = self.gdp
        self.last_growth = self.gdp / previous - 1.0 if previous > 0 else 0.0
        self._welfare(model)
        self._inflows[(steps + 1) % QUARTERS_PER_YEAR] = 0.0  # next quarter's slot starts empty

    def _kaz_share_of_cargo(self, routing, volume: np.ndarray) -> None:
        """Kazakhstan's share of each cargo corridor's tonnage: its share of the overland pool (and all of its
        contracts), none of the cargo drawn from the sea (China-Europe transit). Only the corridors that rival
        the sea route can carry such cargo, so only theirs differs from the nominal share."""
        fraction = self.cargo_fraction
        for i in self._sea_rivals:
            total = float(volume[i])
            fraction[i] = (
                self.kaz_cargo_share * float(routing.land[i]) / total
                if total > EMPTY_CORRIDOR_MT
                else (self.kaz_cargo_share)
            )

    def _welfare(self, model: World) -> None:
        """Welfare and its terms (docs/ODD.md §7.1; every weight in world/data/parameters.csv).

        - Income on foreign investment: the foreign-owned stock earns ``fdi_income_yield`` a year, paid
          abroad (National Bank of Kazakhstan, balance of payments: direct-investment income payments of
          roughly a tenth of the stock a year in the 2010s).
        - Costs of moves: what Kazakhstan's own moves cost this quarter (world/actions.py), as a yearly rate.
        - Sanctions: the finance lost to secondary-sanctions designations (while they last) and
          ``import_loss_share`` of the imports restrictions block (the substitute is dearer or missing).
        - Common external tariff: a customs-union member's buyers pay its tariff on imports from outside
          the union; ``cet_import_cost`` is the share of that bill that is a loss to Kazakhstan (dearer
          goods and diverted trade, net of the duty it keeps) — 003 · Eurasian Economic Community,
          Customs Union and WTO membership; World Bank, *Kazakhstan in the Customs Union*.
        - Security vacuum: a share ``security_vacuum_cost`` of GDP a year at full exposure
          (country-risk premium on capital; assumption).
        """
        f, p, inst = self.focal, model.params, model.institutions.effects()
        imports = model.relations.trade[:, f] * inst.trade_access[:, f]
        imports[f] = 0.0
        open_imports = imports * model.trade_openness(slice(None), f)
        self.potential_imports, self.open_imports = imports, open_imports
        outside = self._outside
        outside[:-1] = inst.customs_union[:, f] <= 0.0
        tariff_bill = p["cet_import_cost"] * inst.external_barrier[f] * float(np.dot(open_imports, outside))
        blocked = float(np.add.reduce(imports)) - float(np.add.reduce(open_imports))
        self.consumer_costs = tariff_bill + p["import_loss_share"] * blocked
        self.security = self._security.compute(model)
        premium = p["security_vacuum_cost"] * self.security.exposure * self.gdp
        foreign_stock = float(np.add.reduce(model.relations.investment[:, f])) - float(model.relations.investment[f, f])
        parts = self.welfare_parts
        parts[:] = (  # in the order of WELFARE_PARTS
            self.core_gdp,
            self.fdi_output - p["fdi_income_yield"] * foreign_stock,
            self.export_revenue,
            self.transit_revenue,
            -QUARTERS_PER_YEAR * self.charges,
            -(self.designation_cost + p["import_loss_share"] * blocked),
            -tariff_bill,
            -premium,
        )
        self.welfare = max(float(np.add.reduce(parts)), 0.0)
        self.charges = 0.0
        self.designation_cost *= DESIGNATION_RETAINED

    def charge(self, amount_bn: float) -> None:
        """Book the cost of one of Kazakhstan's moves ($bn, paid this quarter): a term of welfare, not of GDP."""
        self.charges += max(0.0, float(amount_bn))

    def add_fdi(self, investor: int, amount: float, step: int) -> None:
        """An FDI inflow ($bn) by ``investor`` (index with the rest of the world): productive capital from now."""
        self.fdi_capital += amount
        self.record_inflow(investor, amount, step)

    def queue_shift(self, due: int, source: int, destination: int, share: float) -> None:
        """Redirect ``share`` of exports from ``source`` (-1: from every buyer) to ``destination`` at step ``due``."""
        self.pending_shifts.append((due, source, destination, share))

    def pending_to(self, destination: int) -> float:
        """Share of exports already on its way to ``destination`` (shifts not yet arrived)."""
        return sum(share for _, _, to, share in self.pending_shifts if to == destination)

    def _arrive_shifts(self, step: int) -> None:
        """Shifts whose time to build is over move their share of exports (time to build: contracts, logistics)."""
        arriving = [s for s in self.pending_shifts if s[0] <= step]
        if not arriving:
            return
        self.pending_shifts = [s for s in self.pending_shifts if s[0] > step]
        weights = self.export_weights
        for _, source, to, share in arriving:
            if source < 0:
                others = weights.copy()
                others[to] = 0.0
                taken = others * min(1.0, share / max(float(others.sum()), SHARE_GUARD))
                weights -= taken
                weights[to] += taken.sum()
            else:
                moved = min(share, float(weights[source]))
                weights[source] -= moved
                weights[to] += moved

    def record_inflow(self, investor: int, amount: float, step: int) -> None:
        """Count an FDI inflow ($bn) by ``investor`` (index with the rest of the world) in this quarter."""
        self._inflows[step % QUARTERS_PER_YEAR, investor] += amount

    def annual_inflow(self) -> np.ndarray:
        """FDI inflows over the last four quarters, by investor ($bn; actors then the rest of the world)."""
        return np.add.reduce(self._inflows, axis=0)

    def _drift_export_weights(self, growth: np.ndarray) -> None:
        """Exports drift toward faster-growing markets (gravity: demand grows with the buyer's GDP)."""
        g = self._growth_with_row
        g[:-1] = growth
        g[-1] = REST_OF_WORLD_GROWTH
        w = self.export_weights * (1.0 + EXPORT_DRIFT_SPEED * (g - np.dot(self.export_weights, g)) / 4.0)
        self.export_weights = w / w.sum()
