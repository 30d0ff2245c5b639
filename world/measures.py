"""The catalogue of measures, each defined once: name, label, unit, better direction, range, source, how it is
read off the world each quarter and how a run is summarised.

Every analysis reads this table — ``compare``, ``tipping``, ``study``, the
figures and the page — to label a measure and to know whether more of it is
good for Kazakhstan; the recorder (world/metrics.py) records a column for
every entry with a ``record`` getter, and the end-of-run outcomes
(world/outcomes.py) include ``<name>_<summary>`` for each of its
``summaries``. So a new quarterly measure is one entry here: it is recorded,
summarised, labelled and ranked from that entry (tests/test_measures.py adds
one and finds it everywhere). A time-series column ``vulnerability.RUS`` and
an outcome ``vulnerability_RUS_final`` both resolve to the ``vulnerability``
entry (:func:`measure_of`). docs/ODD.md §7.4 defines each measure and cites
its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

import numpy as np

from world.scenario import GREAT_POWERS

if TYPE_CHECKING:  # pragma: no cover
    from world.readings import Dependence
    from world.state import World

HIGHER = 1  # more is better for Kazakhstan
LOWER = -1  # less is better for Kazakhstan
QUARTERS_PER_YEAR = 4  # a per-year rate recorded each quarter sums to a total over quarters / 4


def hhi(shares: np.ndarray) -> float:
    """Herfindahl-Hirschman index of a share vector."""
    return float(np.dot(shares, shares))


def alignment_balance(world: "World", d: "Dependence") -> float:
    """1 − half the spread of Kazakhstan's affinity toward the great powers (1 when it has none in the world)."""
    rel = world.relations
    powers = [rel.index[c] for c in GREAT_POWERS if c in rel.index]
    if not powers:
        return 1.0
    aff = rel.affinity[rel.index[world.focal], powers]
    return 1.0 - 0.5 * float(aff.max() - aff.min())


def _after_levers(column: np.ndarray, levers_from_step: int) -> np.ndarray:
    return column[levers_from_step:] if len(column) > levers_from_step else column


# How a run's recorded column is summarised into one outcome, by the suffix the outcome's name takes
# (``autonomy_final``); the empty suffix names the final value by the measure's own name (a count).
SUMMARIES: dict[str, Callable[[np.ndarray, int], float]] = {
    "mean": lambda column, levers_from: column.mean(),
    "final": lambda column, levers_from: column[-1],
    "min": lambda column, levers_from: column.min(),
    "mean_after_levers": lambda column, levers_from: _after_levers(column, levers_from).mean(),
    "total": lambda column, levers_from: column.sum() / QUARTERS_PER_YEAR,
    "growth_annual": lambda column, levers_from: (
        (column[-1] / column[0]) ** (QUARTERS_PER_YEAR / max(len(column) - 1, 1)) - 1.0
    ),
    "": lambda column, levers_from: column[-1],
}


@dataclass(frozen=True)
class Measure:
    """One outcome measure: what it is called, in what unit, which way is better, and where it comes from."""

    name: str
    label: str
    unit: str
    direction: int  # HIGHER or LOWER
    low: float
    high: float  # float("inf") when unbounded above
    source: str
    # Its value this quarter, read off the world and its dependence: the recorder writes it as a column of
    # this name (None: recorded by a block of per-partner or per-corridor columns, or not a column).
    record: Callable[["World", "Dependence"], float] | None = None
    # The end-of-run outcomes it gives, by :data:`SUMMARIES` suffix: ("final",) → ``<name>_final``.
    summaries: tuple[str, ...] = ()

    def outcome_name(self, summary: str) -> str:
        return f"{self.name}_{summary}" if summary else self.name

    @property
    def higher_is_better(self) -> bool:
        return self.direction == HIGHER

    def axis_label(self) -> str:
        """A figure's axis label: the label, its unit and which way is better."""
        arrow = "higher is better" if self.higher_is_better else "lower is better"
        return f"{self.label} ({self.unit}; {arrow})"


INF = float("inf")
KN = "Keohane & Nye 1977 (sensitivity and vulnerability interdependence)"

MEASURES: dict[str, Measure] = {
    m.name: m
    for m in (
        Measure(
            "autonomy",
            "Autonomy",
            "share",
            HIGHER,
            0.0,
            1.0,
            f"1 − the largest partner's leverage (what it imposes + what it could still impose) over welfare; {KN}",
            summaries=("mean", "final", "min", "mean_after_levers"),
        ),
        Measure(
            "vulnerability",
            "Vulnerability",
            "share of welfare",
            LOWER,
            0.0,
            1.0,
            f"welfare lost over a year if the partner cut every channel, after adjustment; {KN}",
        ),
        Measure(
            "sensitivity",
            "Sensitivity",
            "share of welfare",
            LOWER,
            0.0,
            1.0,
            f"welfare lost over a year if the partner cut every channel, before adjustment; {KN}",
        ),
        Measure(
            "leverage",
            "Partner leverage",
            "share of welfare",
            LOWER,
            0.0,
            1.0,
            f"what a partner already imposes plus what it could still impose; {KN}",
        ),
        Measure(
            "welfare_part",
            "Term of welfare",
            "$bn per year",
            HIGHER,
            -INF,
            INF,
            "welfare by its terms (core output, FDI net of income paid abroad, exports, transit, costs of Kazakhstan's "
            "moves, sanctions, the common external tariff, the security premium; costs negative): docs/ODD.md §7.1",
        ),
        Measure("gdp_growth", "GDP growth", "per year", HIGHER, -1.0, INF, "annualised growth of GDP over the run"),
        Measure(
            "dependence",
            "Combined dependence (shares)",
            "share",
            LOWER,
            0.0,
            1.0,
            "weighted shares of trade, routes, security ties and FDI stock (MODEL-BRIEF · Outcomes; Barbieri)",
        ),
        Measure("trade_share", "Trade share", "share", LOWER, 0.0, 1.0, "Barbieri trade share"),
        Measure("export_share", "Export share", "share", LOWER, 0.0, 1.0, "share of Kazakhstan's exports"),
        Measure(
            "route_dependence",
            "Route dependence",
            "share",
            LOWER,
            0.0,
            1.0,
            "share of export tonnage on corridors the partner transits or controls (000 · energy-transit)",
        ),
        Measure(
            "security_reliance",
            "Security reliance",
            "share",
            LOWER,
            0.0,
            1.0,
            "share of Kazakhstan's security ties (guarantees × reliability + bilateral ties)",
        ),
        Measure("investment_share", "Investment share", "share", LOWER, 0.0, 1.0, "share of the FDI stock"),
        Measure(
            "contracted_volume",
            "Contracted volume",
            "Mt per year",
            HIGHER,
            0.0,
            INF,
            "tonnage carried under route contracts on a corridor",
        ),
        Measure(
            "left_institutions", "Institutions left", "count", LOWER, 0.0, INF, "memberships given up during the run"
        ),
        Measure("affinity", "Affinity", "index −1…1", HIGHER, -1.0, 1.0, "Kazakhstan's affinity toward a partner"),
        Measure("pressure", "Pressure from a partner", "index", LOWER, 0.0, INF, "pressure applied this quarter"),
        Measure("volume", "Corridor volume", "Mt per year", HIGHER, 0.0, INF, "tonnage on a corridor"),
        Measure("corridor_volume", "Corridor volume", "Mt per year", HIGHER, 0.0, INF, "tonnage on a corridor"),
        Measure(
            "corridor_capacity",
            "Corridor capacity",
            "Mt per year",
            HIGHER,
            0.0,
            INF,
            "capacity of a corridor (corridors.csv, upgrades)",
        ),
        Measure("corridor_days", "Transit time", "days", LOWER, 0.0, INF, "days in transit on a corridor"),
        Measure(
            "export_route_share",
            "Export-route share",
            "share",
            LOWER,
            0.0,
            1.0,
            "share of Kazakhstan's export tonnage on a corridor (concentration, not a good in itself)",
        ),
        Measure(
            "oil_route_share",
            "Oil-route share",
            "share",
            LOWER,
            0.0,
            1.0,
            "share of Kazakhstan's crude on an oil corridor (002: CPC ~80 %)",
        ),
        Measure("member", "Membership", "0/1", HIGHER, 0.0, 1.0, "full membership of an institution"),
        Measure(
            "gdp",
            "GDP",
            "$bn per year",
            HIGHER,
            0.0,
            INF,
            "core output + realised exports + transit revenue",
            record=lambda w, d: w.economy.gdp,
            summaries=("final", "growth_annual"),
        ),
        Measure(
            "export_revenue",
            "Export revenue",
            "$bn per year",
            HIGHER,
            0.0,
            INF,
            "realised exports (oil at netback)",
            record=lambda w, d: w.economy.export_revenue,
            summaries=("mean",),
        ),
        Measure(
            "transit_revenue",
            "Transit revenue",
            "$bn per year",
            HIGHER,
            0.0,
            INF,
            "fees on transit cargo",
            record=lambda w, d: w.economy.transit_revenue,
            summaries=("final",),
        ),
        Measure(
            "lost_exports_mt",
            "Lost exports",
            "Mt",
            LOWER,
            0.0,
            INF,
            "tonnage no corridor could carry",
            record=lambda w, d: w.economy.lost_exports_mt,
            summaries=("total",),
        ),
        Measure(
            "pressure_received",
            "Pressure received",
            "index",
            LOWER,
            0.0,
            INF,
            "coercive moves against Kazakhstan",
            record=lambda w, d: w.relations.pressure[:, w.relations.index[w.focal]].sum(),
            summaries=("mean",),
        ),
        Measure(
            "capture_events",
            "Capture events",
            "count",
            LOWER,
            0.0,
            INF,
            "concessions to a demand (003 · Conclusions: balancing means avoiding capture)",
            record=lambda w, d: w.memory.capture_events,
            summaries=("",),
        ),
        Measure(
            "hhi_trade",
            "Concentration of trade",
            "HHI",
            LOWER,
            0.0,
            1.0,
            "Herfindahl-Hirschman index of trade shares",
            record=lambda w, d: hhi(d.trade_share),
            summaries=("final",),
        ),
        Measure(
            "hhi_routes",
            "Concentration of export routes",
            "HHI",
            LOWER,
            0.0,
            1.0,
            "Herfindahl-Hirschman index of export-route shares",
            record=lambda w, d: hhi(d.route_shares),
            summaries=("final",),
        ),
        Measure(
            "alignment_balance",
            "Alignment balance",
            "index 0-1",
            HIGHER,
            0.0,
            1.0,
            "1 − half the spread of affinity toward the four great powers",
            record=alignment_balance,
            summaries=("final",),
        ),
        # The levers in force each quarter are recorded beside the measures, as ``lever.<parameter>`` (never the
        # parameter's own name, which mesa.batch_run rows use for the value the run was given); their direction
        # says which way is kinder to Kazakhstan.
        Measure(
            "lever.russian_pressure",
            "Russian pressure (lever)",
            "index 0-1",
            LOWER,
            0.0,
            1.0,
            "lever; parameters.csv",
            record=lambda w, d: w.lever("russian_pressure"),
        ),
        Measure(
            "lever.eu_investment",
            "EU corridor investment (lever)",
            "€bn per year",
            HIGHER,
            0.0,
            INF,
            "lever; parameters.csv",
            record=lambda w, d: w.lever("eu_investment"),
        ),
        Measure(
            "lever.china_bri",
            "Belt and Road intensity (lever)",
            "× 2013-2024",
            HIGHER,
            0.0,
            INF,
            "lever; parameters.csv",
            record=lambda w, d: w.lever("china_bri"),
        ),
        Measure(
            "lever.oil_price",
            "Oil price (lever)",
            "$ per barrel",
            HIGHER,
            0.0,
            INF,
            "lever; parameters.csv",
            record=lambda w, d: w.lever("oil_price"),
        ),
        Measure(
            "lever.oil_exports_mt",
            "Crude exports offered (lever)",
            "Mt per year",
            HIGHER,
            0.0,
            INF,
            "oil_volumes.csv to 2024, the lever after; parameters.csv",
            record=lambda w, d: w.economy.oil_offered_mt,
        ),
        Measure(
            "welfare",
            "Welfare",
            "$bn per year",
            HIGHER,
            0.0,
            INF,
            "GDP after oil freight and risk, less the income paid on foreign investment, the costs of Kazakhstan's "
            "moves, sanctions' and the common external tariff's cost to buyers and the security-vacuum risk premium "
            "(docs/ODD.md §7.1)",
            record=lambda w, d: w.economy.welfare,
            summaries=("final", "mean_after_levers"),
        ),
        Measure(
            "security_exposure",
            "Security exposure",
            "index 0-1",
            LOWER,
            0.0,
            1.0,
            "threat × (1 − protection from guarantees × their credibility); Leeds 2003 (alliances honoured ~75 %)",
            record=lambda w, d: w.economy.security.exposure,
            summaries=("final", "mean_after_levers"),
        ),
        Measure(
            "hhi_dependence",
            "Concentration of leverage",
            "HHI",
            LOWER,
            0.0,
            1.0,
            "Herfindahl-Hirschman index of partners' leverage shares (hedging as diversification: 003 · Conclusions)",
            record=lambda w, d: w.leverage.hhi_dependence,
            summaries=("final",),
        ),
        Measure(
            "oil_shut_in_mt",
            "Oil shut in",
            "Mt in the quarter",
            LOWER,
            0.0,
            INF,
            "crude no route could take within spare capacity, ramp and contracts (002 · In the Wake of the War)",
            record=lambda w, d: w.economy.oil_shut_in_mt,
        ),
        Measure(
            "shut_in_revenue_bn",
            "Export revenue lost to shut-ins",
            "$bn in the quarter",
            LOWER,
            0.0,
            INF,
            "what the shut-in crude would have earned (price less the mean freight)",
            record=lambda w, d: w.economy.shut_in_revenue_bn,
        ),
        Measure(
            "contract_fees_bn",
            "Route-contract fees",
            "$bn per year",
            LOWER,
            0.0,
            INF,
            "take-or-pay fees on active route contracts (world/contracts.py)",
            record=lambda w, d: w.economy.contract_fees_bn,
        ),
        Measure(
            "transit_cargo_mt",
            "Transit cargo",
            "Mt per year",
            HIGHER,
            0.0,
            INF,
            "other countries' cargo through Kazakhstan (earns the transit fee)",
            record=lambda w, d: w.economy.transit_cargo_mt,
        ),
        Measure(
            "sea_cargo_drawn_mt",
            "Cargo drawn from the sea route",
            "Mt per year",
            HIGHER,
            0.0,
            INF,
            "China's cargo a corridor won from the route via Suez (world/corridors.py)",
            record=lambda w, d: float(w.corridors.routing.sea.sum()),
        ),
        Measure(
            "reexports",
            "Re-exports to Russia",
            "$bn per year",
            HIGHER,
            0.0,
            INF,
            "western goods sold on to a sanctioned Russia through Kazakhstan (gross value; Kazakhstan keeps the "
            "margin): Chupilkin, Javorcik & Plekhanov 2023",
            record=lambda w, d: w.economy.reexports_bn,
        ),
    )
}

# Outcome-name prefixes of simulate() that are not measure names themselves.
_ALIASES = {
    "lost_exports_mt_total": "lost_exports_mt",
    "transit_revenue_final": "transit_revenue",
    "export_revenue_mean": "export_revenue",
    "gdp_growth_annual": "gdp_growth",
}
_SUFFIXES = ("_mean_after_levers", "_final", "_mean", "_min", "_total")


def measure_of(name: str) -> Measure:
    """The measure behind a column (``vulnerability.RUS``) or an outcome (``vulnerability_RUS_final``).

    Raises KeyError naming the column when no entry matches: a new measure
    must be added to :data:`MEASURES` before any analysis can rank it.
    """
    if name in MEASURES:
        return MEASURES[name]
    if name in _ALIASES:
        return MEASURES[_ALIASES[name]]
    base = name.split(".", 1)[0]
    if base in MEASURES:
        return MEASURES[base]
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    if name in MEASURES:
        return MEASURES[name]
    # A per-partner or per-corridor outcome: vulnerability_RUS, dependence_CHN, volume_middle.
    for key in sorted(MEASURES, key=len, reverse=True):
        if name.startswith(key + "_"):
            return MEASURES[key]
    raise KeyError(f"'{name}' has no entry in world.measures.MEASURES (name, label, unit, direction, range)")


def higher_is_better(name: str) -> bool:
    """Whether more of this column or outcome is better for Kazakhstan (unknown names raise KeyError)."""
    return measure_of(name).higher_is_better


def recorded_scalars() -> tuple[str, ...]:
    """The measures recorded as one column each, in catalogue order (the recorder's scalar columns)."""
    return tuple(name for name, m in MEASURES.items() if m.record is not None)


def summaries(column_of: Callable[[str], np.ndarray], levers_from_step: int) -> dict[str, float]:
    """Every catalogue outcome of a run: ``<name>_<summary>`` of each measure with summaries, in catalogue order."""
    result = {}
    for measure in MEASURES.values():
        if measure.summaries:
            column = column_of(measure.name)
            for summary in measure.summaries:
                result[measure.outcome_name(summary)] = float(SUMMARIES[summary](column, levers_from_step))
    return result
