"""Response curves of the outcome measures to each lever, per strategy, and their slopes against sourced figures.

``multivector levers`` sweeps each lever over its range (the others at the
scenario's values) for every strategy on the same seeds, draws one figure per
lever (a panel per measure, a line per strategy with its 95 % band) and writes
docs/levers.md: the slope of each measure per unit of the lever, and where a
source gives a comparable figure, the model's number beside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.analysis.compare import t_interval
from world.measures import higher_is_better

LEVERS = ("russian_pressure", "eu_investment", "china_bri")
POINTS = 6
SEEDS = 3
BENCHMARK_QUARTER = "2030Q4"  # the World Bank's 2030 horizon for Middle Corridor capacity
# Time-series columns kept for the sourced comparisons (read at BENCHMARK_QUARTER).
SERIES = (
    "corridor_capacity.middle",
    "corridor_days.middle",
    "investment_share.CHN",
    "corridor_volume.middle",
    "route_dependence.RUS",
)
# The window over which the Middle Corridor's volume is read for the saturation statement, and the year of
# Russia's route dependence beside it.
VOLUME_WINDOW = ("2030Q1", "2035Q4")
ROUTE_YEAR = 2035
# Capacity counts as binding while the corridor carries at least this share of it (below: demand-limited).
BINDING_UTILISATION = 0.9
FDI_BENCHMARK_QUARTER = "2021Q2"  # the National Bank's mid-2021 FDI stock by investor
# Per lever: the measures whose curves are drawn, beyond the objectives (the channel the lever acts through).
CHANNEL_MEASURES = {
    "russian_pressure": ("pressure_received_mean", "dependence_RUS_final", "capture_events"),
    "eu_investment": (
        "capacity_middle_2030",
        "days_middle_2030",
        "volume_middle_final",
        "volume_middle_2030_35",
        "route_dependence_rus_2035",
        "dependence_EU_final",
    ),
    "china_bri": ("dependence_CHN_final", "hhi_trade_final"),
}
# Labels and units of the measures drawn here.
LABELS = {
    "capacity_middle_2030": ("Middle Corridor capacity, 2030", "Mt per year"),
    "days_middle_2030": ("Middle Corridor transit time, 2030", "days"),
    "autonomy_mean_after_levers": ("Autonomy, mean after the levers act", "index 0-1"),
    "gdp_final": ("GDP, 2040Q4", "$bn"),
    "welfare_final": ("Welfare, 2040Q4", "$bn"),
    "security_exposure_final": ("Security exposure, 2040Q4", "index 0-1"),
    "pressure_received_mean": ("Pressure received, mean", "index"),
    "capture_events": ("Coerced concessions", "count"),
    "volume_middle_final": ("Middle Corridor volume, 2040Q4", "Mt per year"),
    "volume_middle_2030_35": ("Middle Corridor volume, mean 2030-2035", "Mt per year"),
    "capacity_middle_2030_35": ("Middle Corridor capacity, mean 2030-2035", "Mt per year"),
    "route_dependence_rus_2035": ("Route dependence on Russia, 2035", "share of export tonnage"),
    "hhi_trade_final": ("Trade concentration (HHI), 2040Q4", "index 0-1"),
    **{f"dependence_{p}_final": (f"Dependence on {p}, 2040Q4", "index 0-1") for p in ("RUS", "CHN", "EU", "USA")},
}


@dataclass(frozen=True)
class Benchmark:
    """A sourced figure to set beside the model's response to a lever."""

    lever: str
    what: str
    sourced: str
    source: str


# Capacity per €bn: the World Bank (2023) expects ~6 Mt/yr (2024) to reach ~11 Mt/yr by 2030 with the
# corridor investments the EU's €10bn pledge (January 2024) is for: about 0.5 Mt/yr of capacity per €bn.
SOURCED_CAPACITY_PER_BN = (11.0 - 6.0) / 10.0
BENCHMARKS = (
    Benchmark(
        "eu_investment",
        "Middle Corridor capacity added by 2030 per €bn invested 2025-2030",
        f"≈ {SOURCED_CAPACITY_PER_BN:.1f} Mt/yr per €bn (6 → 11 Mt/yr with the €10bn pledge)",
        "World Bank 2023; 002 · In the Wake of the War (€10bn pledged January 2024)",
    ),
    Benchmark(
        "eu_investment",
        "Middle Corridor transit time in 2030",
        "≈ 23 days mid-2023, target 15 days",
        "World Bank 2023; 002 · In the Wake of the War",
    ),
    Benchmark(
        "russian_pressure",
        "Output lost per unit of Russian pressure",
        "no sourced dose-response figure: the 2022 CPC disruptions (four, about a month of reduced loading) "
        "are in the replay as events, not as a lever value",
        "002 · In the Wake of the War",
    ),
    Benchmark(
        "china_bri",
        "China's share of Kazakhstan's FDI stock under the 2013-2024 intensity (lever = 1)",
        "3.4 % in mid-2021 ($5.2bn of $152.8bn)",
        "National Bank of Kazakhstan (FDI stock by investor, mid-2021)",
    ),
)


def lever_spec(
    lever: str,
    strategies: list[str],
    scenario: str = "eurasia",
    points: int = POINTS,
    seeds: int = SEEDS,
    seed: int = 0,
) -> dict:
    """A grid sweep of one lever over its range, every strategy on the same seeds, with the benchmark series."""
    from world import load_scenario

    loaded = load_scenario(scenario)
    parameter = loaded.parameters[lever]
    # The grid over the range, plus the scenario's own value so the model's default can be read off the curve.
    values = sorted(
        {*np.linspace(parameter.low, parameter.high, points).round(6).tolist(), float(loaded.parameter_values[lever])}
    )
    return {
        "name": f"levers-{lever}",
        "scenarios": [scenario],
        "strategies": strategies,
        "seeds": seeds,
        "seed": seed,
        "sampler": "grid",
        "common_random_numbers": True,
        "levers": {lever: {"values": values}},
        "timeseries": list(SERIES),
    }


def add_benchmark_columns(outcomes: pd.DataFrame, series: pd.DataFrame) -> pd.DataFrame:
    """The outcomes with each run's Middle Corridor capacity and transit time at BENCHMARK_QUARTER."""
    at = series[series["date"] == BENCHMARK_QUARTER].set_index("run_id")
    fdi = series[series["date"] == FDI_BENCHMARK_QUARTER].set_index("run_id")
    window = series[(series["date"] >= VOLUME_WINDOW[0]) & (series["date"] <= VOLUME_WINDOW[1])]
    route_year = series[series["date"].str.startswith(str(ROUTE_YEAR))]
    return outcomes.assign(
        capacity_middle_2030=outcomes["run_id"].map(at["corridor_capacity.middle"]),
        days_middle_2030=outcomes["run_id"].map(at["corridor_days.middle"]),
        china_fdi_share_2021=outcomes["run_id"].map(fdi["investment_share.CHN"]),
        volume_middle_2030_35=outcomes["run_id"].map(window.groupby("run_id")["corridor_volume.middle"].mean()),
        capacity_middle_2030_35=outcomes["run_id"].map(window.groupby("run_id")["corridor_capacity.middle"].mean()),
        route_dependence_rus_2035=outcomes["run_id"].map(route_year.groupby("run_id")["route_dependence.RUS"].mean()),
    )


def curves(outcomes: pd.DataFrame, lever: str, measures: list[str]) -> pd.DataFrame:
    """Per strategy, lever value and measure: mean and 95 % t-interval over seeds."""
    records = []
    for (strategy, value), runs in outcomes.groupby(["strategy", lever], sort=False):
        for measure in measures:
            mean, _, low, high = t_interval(runs[measure].to_numpy())
            records.append((strategy, float(value), measure, mean, low, high))
    return pd.DataFrame.from_records(records, columns=["strategy", "value", "measure", "mean", "ci_low", "ci_high"])


def slopes(curve: pd.DataFrame) -> pd.DataFrame:
    """Per strategy and measure: least-squares slope of the mean per unit of the lever, and the change over the range."""
    records = []
    for (strategy, measure), rows in curve.groupby(["strategy", "measure"], sort=False):
        x, y = rows["value"].to_numpy(), rows["mean"].to_numpy()
        slope = float(np.polyfit(x, y, 1)[0]) if np.ptp(x) > 0 else float("nan")
        records.append((strategy, measure, slope, float(y[np.argmax(x)] - y[np.argmin(x)])))
    return pd.DataFrame.from_records(records, columns=["strategy", "measure", "slope", "change_over_range"])


def capacity_per_bn(curve: pd.DataFrame, levers_from_year: int = 2025, benchmark_year: int = 2030) -> pd.Series:
    """Per strategy: Middle Corridor capacity in 2030 gained per €bn invested 2025-2030 (slope / years invested)."""
    rows = curve[curve["measure"] == "capacity_middle_2030"]
    years = benchmark_year - levers_from_year + 1
    return slopes(rows).set_index("strategy")["slope"] / years


# Channel states that are neither good nor bad in themselves (the axis says no direction), and states whose
# direction the prefix rule of experiments.analysis.compare would get wrong.
NO_DIRECTION = ("capacity_middle_2030", "volume_middle_final", "volume_middle_2030_35")
LOWER_IS_BETTER = ("days_middle_2030", "route_dependence_rus_2035")


def direction(measure: str) -> str:
    """'higher is better', 'lower is better' or '' (a channel state, not an outcome to maximise)."""
    if measure in NO_DIRECTION:
        return ""
    if measure in LOWER_IS_BETTER or not higher_is_better(measure):
        return "lower is better"
    return "higher is better"


def label(measure: str) -> tuple[str, str]:
    """(label, unit) of a measure: the derived ones here, the others from the figures' table."""
    from experiments.analysis.figures import measure_label

    return LABELS.get(measure) or measure_label(measure)


LEGEND_COLUMNS = 4  # strategies per legend row under the response curves


def plot_lever(curve: pd.DataFrame, lever: str, lever_axis: str, path: Path, colours: dict[str, str]) -> Path:
    """One panel per measure: each strategy's mean response with its 95 % band, colours fixed per strategy."""
    from experiments.analysis.figures import panels, save_figure, strategy_label

    measures = list(dict.fromkeys(curve["measure"]))
    figure, axes = panels(len(measures), width=4.4, height=3.3)
    for ax, measure in zip(axes, measures):
        rows = curve[curve["measure"] == measure]
        for strategy, mine in rows.groupby("strategy", sort=False):
            ax.plot(
                mine["value"],
                mine["mean"],
                marker="o",
                markersize=3,
                color=colours[strategy],
                label=strategy_label(strategy),
            )
            ax.fill_between(
                mine["value"], mine["ci_low"], mine["ci_high"], color=colours[strategy], alpha=0.15, linewidth=0
            )
        name, unit = label(measure)
        ax.set_title(name + (f" ({direction(measure)})" if direction(measure) else ""), fontsize=9)
        ax.set_xlabel(lever_axis, fontsize=8)
        ax.set_ylabel(f"{name} ({unit})" if unit else name, fontsize=7)
        ax.tick_params(labelsize=7)
    handles, names = axes[0].get_legend_handles_labels()
    rows = math.ceil(len(names) / LEGEND_COLUMNS)
    room = 0.05 * rows * 3.3 / figure.get_size_inches()[1]  # a legend row of 8-point text is ~0.16 inch
    figure.tight_layout(rect=(0.0, room, 1.0, 1.0))  # room below the panels for the legend, inside the image
    figure.legend(handles, names, loc="lower center", ncol=LEGEND_COLUMNS, fontsize=8, frameon=False)
    return save_figure(figure, path, laid_out=True)


def model_figures(lever: str, curve: pd.DataFrame, default: float) -> list[str]:
    """The model's numbers to set beside the benchmarks of ``lever`` (over strategies: mean and range)."""

    def spread(values: pd.Series, unit: str, digits: int = 2) -> str:
        if values.empty or not np.isfinite(values.to_numpy(dtype=float)).all():
            # A measure missing from the curve (not swept, not added as a benchmark column) printed `nan` into
            # docs/levers.md once; a number that is not there must stop the page, not pass as one.
            raise ValueError(f"levers.md for {lever}: no finite model figure in {unit} (is its measure in the curve?)")
        return f"{values.mean():.{digits}f} {unit} (strategies {values.min():.{digits}f} to {values.max():.{digits}f})"

    at_default = curve[np.isclose(curve["value"], default)].set_index(["measure", "strategy"])["mean"]
    if lever == "eu_investment":
        return [
            spread(capacity_per_bn(curve), "Mt/yr per €bn"),
            f"{spread(at_default['days_middle_2030'], 'days', 1)} at the default {default:g} €bn/yr",
        ]
    if lever == "russian_pressure":
        change = slopes(curve[curve["measure"] == "gdp_final"]).set_index("strategy")["change_over_range"]
        return [f"GDP in 2040Q4 changes by {spread(change, '$bn', 1)} from pressure 0 to 1"]
    return [f"{spread(at_default['china_fdi_share_2021'] * 100, '%', 1)} (replay, before the lever acts)"]


def markdown(lever: str, parameter, curve: pd.DataFrame, drawn: list[str], image: str, settings: str) -> list[str]:
    """The section of docs/levers.md for one lever: figure, change over the range of the ``drawn`` measures,
    and the sourced comparisons."""
    lines = [
        f"## `{lever}` ({parameter.unit}; range {parameter.low:g}-{parameter.high:g}, default {parameter.default:g})",
        "",
        parameter.meaning + ".",
        "",
        f"![Response of the measures to {lever}, per strategy]({image})",
        "",
        f"Change of each measure from the lowest to the highest value of the lever ({settings}):",
        "",
    ]
    table = slopes(curve).pivot(index="strategy", columns="measure", values="change_over_range")
    table = table.loc[list(dict.fromkeys(curve["strategy"])), drawn]
    header = [f"{label(m)[0]} ({label(m)[1]})" if label(m)[1] else label(m)[0] for m in table.columns]
    lines += ["| strategy | " + " | ".join(header) + " |", "|---|" + "---|" * len(header)]
    for strategy, row in table.iterrows():
        lines.append(f"| `{strategy}` | " + " | ".join(f"{v:+.3g}" for v in row) + " |")
    mine = [b for b in BENCHMARKS if b.lever == lever]
    figures = model_figures(lever, curve, parameter.default)
    lines += ["", "| compared | sourced figure | source | the model |", "|---|---|---|---|"]
    for benchmark, figure in zip(mine, figures):
        lines.append(f"| {benchmark.what} | {benchmark.sourced} | {benchmark.source} | {figure} |")
    if lever == "eu_investment":
        lines += ["", *saturation(curve)]
    return [*lines, ""]


def saturation(curve: pd.DataFrame, strategy: str = "multivector") -> list[str]:
    """Where the EU lever stops buying volume, and why: the Middle Corridor's volume against its capacity.

    While the corridor carries at least BINDING_UTILISATION of its capacity, capacity binds and each €bn of
    capacity is used; below it the corridor is demand-limited and more money adds capacity nobody fills:
    the lever then acts only through the transit days it cuts (the logit's response, which draws cargo from
    the Northern route and the sea).
    """
    rows = curve[curve["strategy"] == strategy] if strategy in set(curve["strategy"]) else curve
    table = rows.groupby(["measure", "value"])["mean"].mean().unstack("measure")
    needed = {"volume_middle_2030_35", "capacity_middle_2030_35", "route_dependence_rus_2035"}
    if not needed <= set(table.columns):
        return []
    use = table["volume_middle_2030_35"] / table["capacity_middle_2030_35"]
    values = list(table.index)
    vol, dep = table["volume_middle_2030_35"], table["route_dependence_rus_2035"]
    steps = ", ".join(f"{v:g}: {vol[v]:.2f} Mt ({use[v]:.0%} of capacity)" for v in values)
    free = [v for v in values if use[v] < BINDING_UTILISATION]
    if not free:
        where = "capacity binds over the whole range"
    elif free[0] == values[0]:
        where = f"it binds nowhere in the range: the corridor carries {use.min():.0%}-{use.max():.0%} of it"
    else:
        where = f"capacity stops binding at {free[0]:g} €bn/yr"
    return [
        f"**Where it saturates** (`{strategy}`, mean over seeds, 2030-2035): Middle Corridor volume by lever value "
        f"— {steps}. The volume rises by {vol.iloc[-1] - vol.iloc[0]:+.2f} Mt over the range and Russia's route "
        f"dependence in {ROUTE_YEAR} moves by {dep.iloc[-1] - dep.iloc[0]:+.3f} (from {dep.iloc[0]:.3f}). "
        f"The corridor is demand-limited where it carries less than {BINDING_UTILISATION:.0%} of its capacity "
        f"({where}): beyond that point the money adds capacity no cargo fills, and the lever works through "
        "the transit days it cuts (down to `min_transit_days`) and the reliability it buys (up to the most "
        "reliable route's), which draw cargo from the Northern route and from the sea (docs/ODD.md 7.2), and "
        "through the contracts a strategy books on the new capacity. Russia's route dependence is measured on "
        "Kazakhstan's export tonnage, most of it crude on the CPC and Atyrau-Samara: the cargo route moves it "
        "little; the part of the money that goes to the trans-Caspian oil route moves it only as far as "
        "westward oil contracts (`route_contract`) fill the new berths and tankers, which multivector does and "
        "passive does not.",
    ]
