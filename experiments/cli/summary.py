"""The short summary table ``multivector run`` prints."""

from __future__ import annotations

from world.scenario import MAJOR_PARTNERS

SUMMARY_DATES = ("2010Q1", "2014Q1", "2022Q1", "2025Q1", "2030Q1", "2040Q4")


def print_summary(model, timeseries) -> None:
    """Autonomy, vulnerability to the great powers and Turkey, concentration, security exposure, welfare, GDP."""
    dates = [d for d in SUMMARY_DATES if d in set(timeseries["date"])]
    if timeseries["date"].iloc[-1] not in dates:
        dates.append(timeseries["date"].iloc[-1])
    rows = timeseries.set_index("date").loc[dates]
    partners = [p for p in MAJOR_PARTNERS if f"vulnerability.{p}" in rows.columns]
    header = ["date", "autonomy", *[f"vuln.{p}" for p in partners], "hhi_dep", "security", "welfare $bn", "gdp $bn"]
    lines = [header]
    for date, row in rows.iterrows():
        lines.append(
            [
                date,
                f"{row['autonomy']:.3f}",
                *[f"{row[f'vulnerability.{p}']:.3f}" for p in partners],
                f"{row['hhi_dependence']:.3f}",
                f"{row['security_exposure']:.3f}",
                f"{row['welfare']:.0f}",
                f"{row['gdp']:.0f}",
            ]
        )
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    print(
        f"scenario {model.setting.name} · strategy {model.strategy_name} · "
        f"{len(model.log)} events · {int(timeseries['capture_events'].iloc[-1])} capture events"
    )
    for n, line in enumerate(lines):
        print("  ".join(cell.rjust(w) for cell, w in zip(line, widths)))
        if n == 0:
            print("  ".join("-" * w for w in widths))
