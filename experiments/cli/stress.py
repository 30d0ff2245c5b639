"""``multivector stress``: the Keohane-Nye stress test — cut one partner for a year, compare the strategies.

Prints sensitivity and vulnerability per strategy (definitions in
docs/stress.md) and writes stress.csv (one row per strategy and seed),
stress_summary.csv (means and spreads) and stress.json (the spec) to one
output folder that appears whole or not at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from experiments.analysis.stress import StressSpec, stress, summarise
from experiments.cli.options import parse_assignments
from experiments.files import atomic_directory, default_run_dir, write_json
from experiments.sweep.provenance import package_versions

COLUMNS = (
    ("strategy", "strategy", "{}"),
    ("sensitivity_gdp", "sensitivity GDP", "{:.2%}"),
    ("vulnerability_gdp", "vulnerability GDP", "{:.2%}"),
    ("sensitivity_exports", "sensitivity exports", "{:.2%}"),
    ("vulnerability_exports", "vulnerability exports", "{:.2%}"),
    ("cumulative_gdp_loss_bn", "GDP lost $bn", "{:.1f}"),
    ("exports_to_partner_before", "exports to partner", "{:.1%}"),
    ("sensitivity_measure", "in-run sensitivity", "{:.2%}"),
    ("vulnerability_measure", "in-run vulnerability", "{:.2%}"),
)


def print_summary(summary, spec: StressSpec) -> None:
    print(
        f"cut of every channel through {spec.partner}: {spec.quarters} quarters from {spec.date} "
        f"(to {spec.last_date}) · scenario {spec.scenario} · mean of {spec.seeds} seed(s), most vulnerable first"
    )
    rows = [[label for _, label, _ in COLUMNS]]
    rows += [[fmt.format(record[key]) for key, _, fmt in COLUMNS] for record in summary.to_dict("records")]
    widths = [max(len(row[i]) for row in rows) for i in range(len(COLUMNS))]
    for n, row in enumerate(rows):
        print("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))))
        if n == 0:
            print("  ".join("-" * w for w in widths))
    print(
        "sensitivity = loss vs the uncut twin in the first quarter of the cut; vulnerability = loss in its last "
        "quarter, after the strategy adjusted; in-run = the model's own measures the quarter before the cut: a "
        "year's welfare lost if the partner cut every channel, before and after rerouting to spare capacity and "
        "selling to other buyers (share of welfare; docs/stress.md)"
    )


def stress_command(
    partner: str = typer.Option(..., "--partner", help="Actor code of the partner to cut, e.g. RUS, CHN, EU, TUR."),
    date: str = typer.Option("2030Q1", "--date", help="First quarter of the cut (strategies decide from 2025Q1)."),
    quarters: int = typer.Option(4, "--quarters", min=1, help="Length of the cut in quarters."),
    seeds: int = typer.Option(5, "--seeds", min=1, help="Seeds 0 … N-1 per strategy."),
    strategies: str = typer.Option(
        "all", "--strategies", help="'all' or a comma list of names or package.module:Class."
    ),
    scenario: str = typer.Option("eurasia", "--scenario", help="Scenario name or path to a .toml file."),
    set_: Optional[list[str]] = typer.Option(None, "--set", help="Parameter value, name=value (repeatable)."),
    out: Optional[Path] = typer.Option(None, "--out", help="Output folder (default results/stress-<timestamp>/)."),
) -> None:
    """Cut every channel between Kazakhstan and one partner for a year (trade both ways, the partner's corridors,
    its investment) and print, per strategy, the loss before adjustment (sensitivity) and after (vulnerability)."""
    names = () if strategies.strip() == "all" else tuple(s.strip() for s in strategies.split(",") if s.strip())
    spec = StressSpec(
        partner=partner,
        date=date,
        quarters=quarters,
        seeds=seeds,
        strategies=names,
        scenario=scenario,
        parameters=parse_assignments(set_),
    )
    rows = stress(spec)
    summary = summarise(rows)
    target = out or default_run_dir("stress")
    with atomic_directory(target) as folder:
        rows.to_csv(folder / "stress.csv", index=False, float_format="%.10g")
        summary.to_csv(folder / "stress_summary.csv", index=False, float_format="%.10g")
        write_json(
            folder / "stress.json",
            {
                "partner": spec.partner,
                "date": spec.date,
                "quarters": spec.quarters,
                "seeds": spec.seeds,
                "strategies": list(summary["strategy"]),
                "scenario": spec.scenario,
                "parameters": spec.parameters,
                "versions": package_versions(),
            },
        )
    print_summary(summary, spec)
    print(f"wrote {target}/ (stress.csv, stress_summary.csv, stress.json)")


def register(app: typer.Typer) -> None:
    app.command("stress")(stress_command)
