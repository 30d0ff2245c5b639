"""``multivector validate``: the world x fact matrix of the historical replay, level measures, a report, plots.

Writes ``<out>/validation.md`` and ``<out>/img/validation/fact-<n>.png``
(by default into ``docs/``, where it also rewrites the README's replay
paragraph); exits 1 if the model fails a fact, so CI can gate on it.
"""

from __future__ import annotations

import os
import shlex
import textwrap
from pathlib import Path

import numpy as np
import typer

from experiments.analysis.figures import figure_file, figure_style
from experiments.analysis.validation import (
    BAND,
    CALIBRATION_CUTOFF,
    CALIBRATION_NOTES,
    FACTS,
    MODEL,
    NULL_WORLDS,
    PASS_SHARE,
    REPLAY_END,
    FactResult,
    LevelResult,
    Matrix,
    Validation,
    hindcast,
    levels,
    world_matrix,
)
from experiments.cli.options import FIGURE_FORMAT, FIGURE_SIZE
from world.errors import InputError

IMAGE_DIR = Path("img") / "validation"
ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
README = ROOT / "README.md"


def quarter_to_year(date: str) -> float:
    """2022Q3 → 2022.5 (for plotting)."""
    return int(date[:4]) + (int(date[-1]) - 1) / 4.0


def _fmt(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"


def table_rows(validation: Validation) -> list[list[str]]:
    """One row per measure: fact, measure, mean, 90 % band, empirical target, tolerance, pass."""
    rows = []
    for fact in validation.results:
        for result in fact.measures:
            low, high = result.band
            rows.append(
                [
                    str(fact.fact.number),
                    result.measure.label,
                    _fmt(result.mean),
                    f"{_fmt(low)} – {_fmt(high)}",
                    _fmt(result.measure.target),
                    result.measure.interval(),
                    "pass" if result.passed else "FAIL",
                ]
            )
    return rows


HEADER = ["fact", "measure", "mean", "90 % band", "target", "tolerance", "result"]


def print_table(validation: Validation) -> None:
    rows = [HEADER, *table_rows(validation)]
    widths = [max(len(row[i]) for row in rows) for i in range(len(HEADER))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))
    verdict = (
        f"all {len(validation.results)} facts pass"
        if validation.passed
        else "FAILED: " + ", ".join(f"fact {r.fact.number}" for r in validation.results if not r.passed)
    )
    print(f"{validation.seeds} seeds · world {validation.world} · replay 2010Q1-{REPLAY_END} · {verdict}")


def plot_fact(result: FactResult, validation: Validation, path: Path) -> None:
    """Mean and 90 % band over seeds of each plotted column, the 2022 war line, the empirical points."""
    from experiments.analysis.figures import panels, save_figure

    fact = result.fact
    dates = list(validation.runs[0]["date"])
    x = np.array([quarter_to_year(d) for d in dates])
    figure, (axis,) = panels(1, width=8, height=4.2)
    for column, label in fact.plot_columns:
        values = np.vstack([ts[column].to_numpy(dtype=float) for ts in validation.runs])
        low, high = np.percentile(values, BAND, axis=0)
        (line,) = axis.plot(x, values.mean(axis=0), label=label)
        axis.fill_between(x, low, high, color=line.get_color(), alpha=0.2, linewidth=0)
    for n, marker in enumerate(fact.markers):
        axis.plot(quarter_to_year(marker.date), marker.value, "k*", markersize=9)
        axis.annotate(
            marker.label,
            (quarter_to_year(marker.date), marker.value),
            textcoords="offset points",
            xytext=(6, 4 if n % 2 == 0 else -10),
            fontsize=7,
        )  # alternate so close points stay legible
    axis.axvline(2022.0, color="grey", linestyle="--", linewidth=0.8)
    axis.set_title(f"Fact {fact.number}: {fact.name}", fontsize=10)
    axis.set_xlabel("year (mean and 90 % band over seeds; ★ = empirical figure; dashed = 2022 war)", fontsize=8)
    axis.set_ylabel(fact.ylabel, fontsize=8)
    axis.legend(fontsize=7, loc="best")
    axis.grid(alpha=0.3)
    save_figure(figure, path)


def matrix_rows(matrix: Matrix) -> list[list[str]]:
    """One row per world: pass/FAIL per fact and the facts it fails."""
    rows = []
    for name, v in matrix.validations.items():
        failed = [str(r.fact.number) for r in v.results if not r.passed]
        rows.append(
            [f"`{name}`", *("pass" if r.passed else "FAIL" for r in v.results), ", ".join(failed) if failed else "none"]
        )
    return rows


MATRIX_HEADER = ["world", *(f"fact {fact.number}" for fact in FACTS), "facts failed"]


def print_matrix(matrix: Matrix) -> None:
    rows = [MATRIX_HEADER, *[[c.strip("`") for c in row] for row in matrix_rows(matrix)]]
    widths = [max(len(row[i]) for row in rows) for i in range(len(MATRIX_HEADER))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def carried_lines(matrix: Matrix) -> list[str]:
    """For each fact: the null worlds that fail it (the mechanisms it tests), or that it checks the data."""
    lines = []
    for fact in matrix.model.results:
        n = fact.fact.number
        nulls = matrix.carried_by_the_model(n)
        if not fact.passed:
            verdict = "is **failed by the model**"
        elif nulls:
            verdict = f"is failed by {', '.join(f'`{w}`' for w in nulls)}: the model's mechanisms carry it"
        else:
            verdict = "is passed by every null world too: **a check of the data and the record, not of the model**"
        lines.append(f"- **Fact {n}** ({fact.fact.name}) {verdict}.")
        for k, m in enumerate(fact.measures):
            who = [w for w in matrix.failing(n, k) if w != MODEL.name]
            lines.append(
                f"  - {m.measure.label}: "
                + (f"failed by {', '.join(f'`{w}`' for w in who)}" if who else "passed by every null world")
            )
    return lines


def level_rows(results: list[LevelResult]) -> list[list[str]]:
    rows = []
    for r in results:
        t = r.target
        rows.append(
            [
                f"{t.label} ({t.unit})",
                str(t.year),
                _fmt(r.mean),
                _fmt(t.value),
                f"{_fmt(t.low)} – {_fmt(t.high)}",
                f"{r.miss:+.0%}",
                "yes" if r.passed else "**no**",
                t.source,
            ]
        )
    return rows


LEVEL_HEADER = ["level", "year", "model (mean)", "target", "tolerance", "miss", "within", "source"]


def print_levels(results: list[LevelResult]) -> None:
    print()
    for row in level_rows(results):
        print(
            f"  {row[0]} {row[1]}: {row[2]} vs {row[3]} [{row[4]}] {row[5]} {'within' if row[6] == 'yes' else 'MISS'}"
        )


def readme_paragraph(matrix: Matrix) -> str:
    """The README's replay paragraph, written from the matrix (a test keeps the README in step)."""
    model = matrix.model
    failed = [str(r.fact.number) for r in model.results if not r.passed]
    nulls = "; ".join(
        f"`{n}` fails fact{'s' if len(f) > 1 else ''} {', '.join(f)}" if f else f"`{n}` passes all"
        for n, v in matrix.validations.items()
        if n != MODEL.name
        for f in [[str(r.fact.number) for r in v.results if not r.passed]]
    )
    checks = [str(r.fact.number) for r in model.results if r.passed and not matrix.carried_by_the_model(r.fact.number)]
    data = (
        f" Fact{'s' if len(checks) > 1 else ''} {', '.join(checks)} pass{'' if len(checks) > 1 else 'es'} in every null "
        "world too (checks of the data and the record)."
        if checks
        else ""
    )
    return textwrap.fill(
        f"`multivector validate` replays 2010Q1-{REPLAY_END} ({matrix.seeds} seeds) as it happened: Kazakhstan's "
        "own moves (the customs union, the 2022 partnerships, the trans-Caspian contracts) are events of the record, "
        "the same under every strategy, and strategies decide from 2025. The replay tests the world against "
        f"{len(model.results)} stylized facts: the model "
        f"{'passes all ' + str(len(model.results)) if model.passed else 'FAILS ' + ', '.join(failed)}; "
        f"the null worlds: {nulls}.{data} Level measures against data, the 2022-2024 hindcast and the "
        "calibration's fit: [docs/validation.md](docs/validation.md), [docs/calibration.md](docs/calibration.md).",
        width=100,
        break_on_hyphens=False,
        break_long_words=False,
    )


README_START, README_END = "<!-- validate:start -->", "<!-- validate:end -->"


def readme_with(text: str, paragraph: str) -> str:
    """``text`` (README.md) with the replay paragraph between its markers replaced."""
    head, rest = text.split(README_START, 1)
    _, tail = rest.split(README_END, 1)
    return f"{head}{README_START}\n{paragraph}\n{README_END}{tail}"


def level_table(results: list[LevelResult]) -> list[str]:
    """A Markdown table of level results (the in-sample levels and the hindcast share it)."""
    return [
        "| " + " | ".join(LEVEL_HEADER) + " |",
        "|" + "---|" * len(LEVEL_HEADER),
        *("| " + " | ".join(row) + " |" for row in level_rows(results)),
    ]


def hindcast_lines(validation: Validation) -> list[str]:
    """The out-of-sample section of docs/validation.md: every 2022-2024 figure against the same replays."""
    results = hindcast(validation.runs)
    missed = [r for r in results if not r.passed]
    return [
        "## Out-of-sample hindcast, 2022-2024 (the model)",
        "",
        f"Nothing in this table was a calibration target and no constant was tuned to it afterwards: "
        f"`multivector calibrate` fits only targets dated {CALIBRATION_CUTOFF} or earlier and replays no further "
        "(`world/data/calibration_targets.csv`; a test reads the table and the fit). The 2022 war, the four CPC "
        "outages and the KazMunayGas-SOCAR contracts enter as dated events; the figures of "
        "`world/data/hindcast.csv` are what the model then produced, with the error (miss) of the mean over seeds.",
        "",
        *level_table(results),
        "",
        f"{len(results) - len(missed)} of {len(results)} hindcast figures within tolerance"
        + ("; missed: " + "; ".join(f"{r.target.name} ({r.miss:+.0%})" for r in missed) + "." if missed else "."),
        "",
    ]


def markdown(matrix: Matrix, command: str, results: list[LevelResult] | None = None) -> str:
    """docs/validation.md: the world x fact matrix, what the null worlds fail, levels, then the model's detail."""
    validation = matrix.model
    results = levels(validation.runs) if results is None else results
    lines = [
        "# Validation: the historical replay (2010-2024)",
        "",
        f"Generated by `{command}` (run by `make docs`); do not edit by hand. The facts, their measures, empirical",
        "figures and tolerances are data in `experiments/analysis/validation.py`; the level targets are",
        "`world/data/calibration_targets.csv`; `tests/test_validation.py` fails if this file is stale.",
        "",
        f"The default scenario (`eurasia`) is replayed from 2010Q1 to {REPLAY_END} over {matrix.seeds} seeds "
        f"(0 … {matrix.seeds - 1}). History is data: Kazakhstan's own moves in the record (the customs union, the "
        "OSCE chair, the 2014 statement, the 2022 partnerships and trans-Caspian contracts) are events, replayed the "
        "same under every strategy, and strategies decide only from 2025 (world/record.py). So the replay tests the "
        "world — the powers' responses, trade, corridors, security — and, following pattern-oriented modelling "
        "(Grimm et al. 2005), a fact validates a mechanism only if a world without it fails the fact. The model is "
        "run beside these null worlds:",
        "",
        *(f"- `{w.name}`: {w.description}." for w in NULL_WORLDS),
        "",
        "A measure **passes** when the mean over seeds lies in its tolerance interval and at least "
        f"{PASS_SHARE:.0%} of the seeds do; a fact passes when all its measures pass.",
        "",
        "## World × fact matrix",
        "",
        "| " + " | ".join(MATRIX_HEADER) + " |",
        "|" + "---|" * len(MATRIX_HEADER),
        *("| " + " | ".join(row) + " |" for row in matrix_rows(matrix)),
        "",
        f"The replay {'discriminates' if matrix.discriminating else '**does not discriminate**'}: "
        + (
            "the model passes every fact and every null world fails at least one."
            if matrix.discriminating
            else "see the matrix."
        ),
        "",
        "### What each fact tests",
        "",
        *carried_lines(matrix),
        "",
        "## Level measures",
        "",
        "Levels against the figures the sources give, with the tolerance each states. They are fitted by",
        "`multivector calibrate` ([calibration.md](calibration.md)) and reported here; they do not gate the exit",
        "code (the facts do). Misses are listed as they are.",
        "",
        *level_table(results),
        "",
        f"{sum(r.passed for r in results)} of {len(results)} levels within tolerance.",
        "",
        *hindcast_lines(validation),
        "## Detail: the model",
        "",
        "| " + " | ".join(HEADER) + " |",
        "|" + "---|" * len(HEADER),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in table_rows(validation)]
    lines += ["", "## Calibration by hand, before `multivector calibrate`", ""]
    lines += [f"- {note}" for note in CALIBRATION_NOTES]
    lines.append("")
    for result in validation.results:
        fact = result.fact
        lines += [
            f"## Fact {fact.number}: {fact.name} — {'passes' if result.passed else 'FAILS'}",
            "",
            f"*{fact.claim}* ({fact.source})",
            "",
            f"**Tolerance.** {fact.tolerance}",
            "",
        ]
        if fact.note:
            lines += [f"**Interpretation.** {fact.note}", ""]
        for m in result.measures:
            low, high = m.band
            lines.append(
                f"- {m.measure.label}: mean {_fmt(m.mean)}, 90 % band {_fmt(low)} – {_fmt(high)}, "
                f"{m.share_inside:.0%} of seeds inside {m.measure.interval()}; "
                f"empirical: {m.measure.empirical}."
            )
        image = (IMAGE_DIR / figure_file(f"fact-{fact.number}")).as_posix()
        lines += ["", f"![Fact {fact.number}]({image})", ""]
    return "\n".join(lines)


def write_report(matrix: Matrix, out: Path, command: str) -> Path:
    """Write the PNGs, then validation.md (each file appears whole or not at all); return the report path."""
    validation = matrix.model
    images = out / IMAGE_DIR
    images.mkdir(parents=True, exist_ok=True)
    for result in validation.results:
        plot_fact(result, validation, images / f"fact-{result.fact.number}.png")
    report = out / "validation.md"
    tmp = report.with_name(f".{report.name}.{os.getpid()}.tmp")
    tmp.write_text(markdown(matrix, command) + "\n", encoding="utf-8")
    os.replace(tmp, report)
    return report


def command_line(seeds: int) -> str:
    return "multivector validate " + " ".join(shlex.quote(a) for a in ("--seeds", str(seeds)))


def validate_command(
    seeds: int = typer.Option(5, "--seeds", min=1, help="Number of seeds (0 … N-1) to replay."),
    out: Path = typer.Option(DOCS, "--out", help="Folder for validation.md and img/validation/*.png."),
    figure_format: str = FIGURE_FORMAT,
    size: str = FIGURE_SIZE,
) -> None:
    """Replay 2010-2024 in the model and in the null worlds, print the world x fact matrix, the model's detail
    and level measures, and write validation.md with a plot per fact. Exit code 1 if the model fails a fact."""
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: exists and is not a folder")
    with figure_style(figure_format, size):  # a bad --format or --size is refused before the replay runs
        pass
    matrix = world_matrix(seeds)
    print_matrix(matrix)
    print()
    print_table(matrix.model)
    print_levels(levels(matrix.model.runs))
    with figure_style(figure_format, size):
        report = write_report(matrix, out, command_line(seeds))
        print(f"wrote {report} and {out / IMAGE_DIR}/{figure_file(f'fact-1..{len(matrix.model.results)}')}")
    if out.resolve() == DOCS.resolve():
        text = README.read_text(encoding="utf-8")
        if README_START in text:
            tmp = README.with_name(f".{README.name}.{os.getpid()}.tmp")
            tmp.write_text(readme_with(text, readme_paragraph(matrix)), encoding="utf-8")
            os.replace(tmp, README)
            print(f"updated the replay paragraph of {README}")
    if not matrix.model.passed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)
