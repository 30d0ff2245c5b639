"""The Keohane-Nye stress test: what Kazakhstan loses when every channel through one partner is cut, per strategy.

For each strategy and seed two runs are made that differ only in the cut
(:class:`world.shocks.PartnerCut`): same scenario, parameters, strategy and
seed, so they are identical until the cut begins. Losses compare the two in
each quarter of the cut (docs/stress.md has the definitions):

- loss(t) = 1 − value_cut(t) / value_uncut(t), for GDP and for export revenue;
- **sensitivity** = loss in the first quarter of the cut, before policy can adjust;
- **vulnerability** = loss in the last quarter of the cut, after the strategy
  has had the cut's other quarters to adjust;
- cumulative GDP loss = Σ over the cut of (GDP_uncut − GDP_cut) / 4, in $bn
  (GDP is an annual rate, one step a quarter).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from world import DiplomacyModel
from world.calendar import format_quarter, parse_quarter
from world.errors import InputError
from world.registry import STRATEGIES
from world.shocks import PartnerCut

METRICS = (
    "sensitivity_gdp",
    "vulnerability_gdp",
    "sensitivity_exports",
    "vulnerability_exports",
    "cumulative_gdp_loss_bn",
    "exports_to_partner_before",
    "sensitivity_measure",
    "vulnerability_measure",
)


@dataclass(frozen=True)
class StressSpec:
    """What to cut, when, for how long, and which strategies and seeds to compare."""

    partner: str = "RUS"
    date: str = "2030Q1"  # five years after the strategies take over (2025Q1): a cut that finds them apart
    quarters: int = 4
    seeds: int = 5
    strategies: tuple[str, ...] = ()  # empty: every registered strategy
    scenario: str = "eurasia"
    parameters: dict[str, float] = field(default_factory=dict)

    def strategy_names(self) -> list[str]:
        names = list(self.strategies) or STRATEGIES.names()
        for name in names:
            STRATEGIES.get(name)  # unknown names raise InputError with the allowed ones
        return names

    @property
    def last_date(self) -> str:
        return format_quarter(parse_quarter(self.date) + self.quarters - 1)

    def check(self) -> None:
        """Fail fast, before any run, on a bad partner, date, window, strategy or parameter."""
        try:
            parse_quarter(self.date)
        except ValueError:
            raise InputError(f"date {self.date!r}: expected a quarter like 2026Q1") from None
        if self.seeds < 1:
            raise InputError(f"seeds = {self.seeds}: must be at least 1")
        names = self.strategy_names()
        probe = DiplomacyModel(setting=self.scenario, strategy=names[0], rng=0, record_events=False, **self.parameters)
        self.cut_for(probe).check(probe)

    def cut_for(self, model: DiplomacyModel) -> PartnerCut:
        return PartnerCut(self.partner, parse_quarter(self.date) - model.start_quarter, self.quarters)


def twin_losses(spec: StressSpec, strategy: str, seed: int) -> dict:
    """Run the uncut and the cut twin for one strategy and seed; return the losses over the cut."""

    def build() -> DiplomacyModel:
        return DiplomacyModel(
            setting=spec.scenario,
            strategy=strategy,
            rng=seed,
            until=spec.last_date,
            record_events=False,
            **spec.parameters,
        )

    uncut, cut = build(), build()
    shock = spec.cut_for(cut)
    cut.shocks.append(shock)
    uncut.run()
    cut.run()
    window = slice(shock.first_step, shock.last_step + 1)

    def loss(column: str) -> np.ndarray:
        base = uncut.series(column)[window]
        return 1.0 - cut.series(column)[window] / base

    gdp, exports = loss("gdp"), loss("export_revenue")
    gdp_gap = uncut.series("gdp")[window] - cut.series("gdp")[window]
    return {
        "strategy": strategy,
        "seed": seed,
        "partner": spec.partner,
        "date": spec.date,
        "quarters": spec.quarters,
        "sensitivity_gdp": float(gdp[0]),
        "vulnerability_gdp": float(gdp[-1]),
        "sensitivity_exports": float(exports[0]),
        "vulnerability_exports": float(exports[-1]),
        "cumulative_gdp_loss_bn": float(gdp_gap.sum() / 4.0),
        "exports_to_partner_before": float(uncut.series(f"export_share.{spec.partner}")[shock.first_step - 1]),
        # The in-run measures (world/leverage.py) the quarter before the cut: no twin, no adjustment played out.
        "sensitivity_measure": float(uncut.series(f"sensitivity.{spec.partner}")[shock.first_step - 1]),
        "vulnerability_measure": float(uncut.series(f"vulnerability.{spec.partner}")[shock.first_step - 1]),
    }


def stress(spec: StressSpec) -> pd.DataFrame:
    """One row per strategy and seed (seeds 0 … n-1), after checking the whole spec."""
    spec.check()
    return pd.DataFrame([twin_losses(spec, name, seed) for name in spec.strategy_names() for seed in range(spec.seeds)])


def summarise(rows: pd.DataFrame) -> pd.DataFrame:
    """Mean over seeds per strategy, most vulnerable (GDP) first; ``*_sd`` columns give the spread."""
    grouped = rows.groupby("strategy", sort=False)[list(METRICS)]
    summary = grouped.mean().join(grouped.std(ddof=0).add_suffix("_sd"))
    return summary.sort_values("vulnerability_gdp", ascending=False).reset_index()
