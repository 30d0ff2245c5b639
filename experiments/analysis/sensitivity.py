"""Global sensitivity from a Sobol or Morris sweep, via SALib.

Sobol: first-order (S1) and total (ST) indices with bootstrap 95 %
intervals (``SALib.analyze.sobol``). Morris: mu* (mean absolute elementary
effect, with its bootstrap interval) and sigma (``SALib.analyze.morris``).
Replicates of a design point are averaged first, so the indices describe the
expected outcome; with common random numbers (the sweep default) a lever
the model ignores gets exactly zero. Indices are computed per scenario and
strategy, in the sweep's point order (which is SALib's sample order).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from experiments.sweep.store import SweepResults
from world.errors import InputError

BOOTSTRAP_RESAMPLES = 200
COLUMNS = {
    "sobol": ("S1", "S1_conf", "ST", "ST_conf"),
    "morris": ("mu_star", "mu_star_conf", "sigma", "mu"),
}
INDEX_SHADES = ("0.25", "0.65")  # greys: the strategy colours stay reserved for strategies
INDEX_LABELS = {"S1": "first order S1", "ST": "total ST", "mu_star": "μ* (mean |effect|)", "sigma": "σ (spread)"}
BARS = {  # (index, its interval column or None) drawn side by side per parameter
    "sobol": (("S1", "S1_conf"), ("ST", "ST_conf")),
    "morris": (("mu_star", "mu_star_conf"), ("sigma", None)),
}


def write_sensitivity(results: SweepResults, outcomes: list[str], out: Path) -> pd.DataFrame:
    """Compute the indices and write ``sensitivity.csv`` and one ``sensitivity_<outcome>.png`` per outcome."""
    from experiments.files import write_csv

    table = sensitivity_table(results, outcomes)
    out.mkdir(parents=True, exist_ok=True)
    write_csv(out / "sensitivity.csv", table)
    for outcome in outcomes:
        plot_indices(table, results.spec.sampler, outcome, out / f"sensitivity_{outcome}.png")
    return table


def check_design(results: SweepResults) -> None:
    """Refuse a sweep whose design SALib cannot analyse (a grid or a Latin hypercube)."""
    if results.spec.sampler not in COLUMNS:
        raise InputError(
            f"{results.root}: sensitivity needs a sweep with sampler 'sobol' or 'morris'; "
            f"this one used '{results.spec.sampler}' (see experiments/specs/sobol.toml)"
        )


def design_groups(results: SweepResults, outcomes: list[str], frame: pd.DataFrame | None = None):
    """Per scenario × strategy: (scenario, strategy, the design's points as rows of lever values in SALib's
    order, the outcomes' means over the seeds of each point, the runs themselves)."""
    check_design(results)
    names = results.meta["problem"]["names"]
    frame = results.outcomes() if frame is None else frame
    for (scenario, strategy), group in frame.groupby(["scenario", "strategy"], sort=False):
        by_point = group.groupby("point", sort=True)
        yield scenario, strategy, by_point[names].first().to_numpy(), by_point[outcomes].mean(), group


def sensitivity_table(results: SweepResults, outcomes: list[str]) -> pd.DataFrame:
    """One row per scenario × strategy × outcome × parameter with the method's indices."""
    spec = results.spec
    check_design(results)
    problem = results.meta["problem"]
    names = problem["names"]
    records = []
    for scenario, strategy, x, means, _ in design_groups(results, outcomes):
        for outcome in outcomes:
            indices = analyse_design(spec, problem, x, means[outcome].to_numpy())
            for i, name in enumerate(names):
                records.append((scenario, strategy, outcome, name, *(indices[k][i] for k in COLUMNS[spec.sampler])))
    return pd.DataFrame.from_records(
        records, columns=["scenario", "strategy", "outcome", "parameter", *COLUMNS[spec.sampler]]
    )


def analyse_design(spec, problem: dict, x: np.ndarray, y: np.ndarray, resamples: int = BOOTSTRAP_RESAMPLES) -> dict:
    """SALib's indices for one outcome; NaN when the outcome does not vary at all (indices undefined)."""
    if np.ptp(y) == 0:
        return {k: np.full(problem["num_vars"], np.nan) for k in COLUMNS[spec.sampler]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if spec.sampler == "sobol":
            from SALib.analyze import sobol

            return sobol.analyze(
                problem,
                y,
                calc_second_order=spec.second_order,
                num_resamples=resamples,
                conf_level=0.95,
                seed=bootstrap_seed(spec.seed),
            )
        from SALib.analyze import morris

        return morris.analyze(
            problem,
            x,
            y,
            num_resamples=resamples,
            conf_level=0.95,
            num_levels=spec.levels,
            seed=bootstrap_seed(spec.seed),
        )


def bootstrap_seed(root: int) -> int:
    """The seed of SALib's bootstrap for a spec's root seed: never 0, because ``SALib.analyze.sobol`` skips
    seeding when the seed is falsy (``if seed:``), and the intervals then change from one call to the next."""
    return root + 1


CONSTANT_NOTE = "constant in every run: no variance to apportion, indices undefined (NaN in sensitivity.csv)"


def format_table(table: pd.DataFrame) -> str:
    """Text: one section per scenario, strategy and outcome; a row per parameter.

    An outcome that does not vary over the design (say capture events for a
    strategy that never concedes) has undefined indices: its section says so
    in one line instead of listing rows of NaN.
    """
    value_columns = [c for c in table.columns if c not in ("scenario", "strategy", "outcome", "parameter")]
    lines = []
    for (scenario, strategy, outcome), rows in table.groupby(["scenario", "strategy", "outcome"], sort=False):
        lines.append(f"{scenario} · {strategy} · {outcome}")
        if rows[value_columns].isna().all().all():
            lines.append(f"  {CONSTANT_NOTE}")
            continue
        lines.append("  " + f"{'parameter':<24}" + "".join(f"{c:>14}" for c in value_columns))
        for row in rows.itertuples(index=False):
            values = "".join(f"{getattr(row, c):>14.4f}" for c in value_columns)
            lines.append(f"  {row.parameter:<24}{values}")
    return "\n".join(lines)


def plot_indices(table: pd.DataFrame, method: str, outcome: str, path: Path) -> None:
    """Bar plot for one outcome: a panel per scenario × strategy, two bars per parameter with intervals.

    A panel whose outcome is constant says so instead of showing empty axes.
    """
    from experiments.analysis.figures import lever_label, measure_label, panels, save_figure, strategy_label

    rows = table[table["outcome"] == outcome]
    groups = list(rows.groupby(["scenario", "strategy"], sort=False))
    scenarios = {scenario for (scenario, _), _ in groups}
    figure, axes = panels(len(groups))
    for ax, ((scenario, strategy), group) in zip(axes, groups):
        title = strategy_label(strategy) + (f" · {scenario}" if len(scenarios) > 1 else "")
        ax.set_title(title, fontsize=9)
        if group[[index for index, _ in BARS[method]]].isna().all().all():
            ax.text(
                0.5,
                0.5,
                "outcome constant in every run:\nno variance, indices undefined",
                transform=ax.transAxes,
                ha="center",
                va="center",
                fontsize=8,
            )
            ax.set_xticks([])
            ax.set_yticks([])
            continue
        at = np.arange(len(group))
        for offset, shade, (index, interval) in zip((-0.2, 0.2), INDEX_SHADES, BARS[method]):
            error = group[interval].fillna(0) if interval else None
            ax.bar(at + offset, group[index], 0.4, yerr=error, capsize=2, color=shade, label=INDEX_LABELS[index])
        ax.set_xticks(at, [lever_label(p) for p in group["parameter"]], rotation=30, ha="right", fontsize=6)
        ax.set_ylabel(
            "Sobol index (share of variance)"
            if method == "sobol"
            else f"elementary effect ({measure_label(outcome)[1] or 'outcome units'})",
            fontsize=7,
        )
        ax.tick_params(axis="y", labelsize=7)
        ax.legend(fontsize=6)
    figure.suptitle(
        f"Sensitivity to the levers: {measure_label(outcome)[0]} "
        f"({'Sobol, 95 % bootstrap intervals' if method == 'sobol' else 'Morris screening'})",
        fontsize=10,
    )
    save_figure(figure, path)
