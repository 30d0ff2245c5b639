"""``multivector validate``: the strategy x fact matrix of the historical replay, level measures, a report, plots.

Writes ``<out>/validation.md`` and ``<out>/img/validation/fact-<n>.png``
(by default into ``docs/``, where it also rewrites the README's replay
paragraph); exits 1 if the chosen strategy fails a fact, so CI can gate on it.
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
    CALIBRATION_NOTES,
    HISTORICAL,
    MATRIX_STRATEGIES,
    PASS_SHARE,
    REPLAY_END,
    FactResult,
    LevelResult,
    Matrix,
    Validation,
    levels,
    strategy_matrix,
    validate,
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
        "all five facts pass"
        if validation.passed
        else "FAILED: " + ", ".join(f"fact {r.fact.number}" for r in validation.results if not r.passed)
    )
    print(f"{validation.seeds} seeds · strategy {validation.strategy} · replay 2010Q1-{REPLAY_END} · {verdict}")


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
    """One row per strategy: pass/FAIL per fact and the facts it fails."""
    rows = []
    for name, v in matrix.validations.items():
        failed = [str(r.fact.number) for r in v.results if not r.passed]
        rows.append(
            [f"`{name}`", *("pass" if r.passed else "FAIL" for r in v.results), ", ".join(failed) if failed else "none"]
        )
    return rows


MATRIX_HEADER = ["strategy", "fact 1", "fact 2", "fact 3", "fact 4", "fact 5", "facts failed"]


def print_matrix(matrix: Matrix) -> None:
    rows = [MATRIX_HEADER, *[[c.strip("`") for c in row] for row in matrix_rows(matrix)]]
    widths = [max(len(row[i]) for row in rows) for i in range(len(MATRIX_HEADER))]
    for n, row in enumerate(rows):
        print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip())
        if n == 0:
            print("  ".join("-" * w for w in widths))


def discrimination_lines(matrix: Matrix) -> list[str]:
    """For each fact and measure: which strategies fail it; those no strategy fails are checks of the data."""
    lines = []
    first = next(iter(matrix.validations.values()))
    for fact in first.results:
        n = fact.fact.number
        failing = matrix.failing(n)
        verdict = (
            f"tells apart {', '.join(f'`{s}`' for s in failing)}"
            if failing
            else "tells no strategy apart: **a check of the data, not of the behaviour**"
        )
        lines.append(f"- **Fact {n}** ({fact.fact.name}) {verdict}.")
        for k, m in enumerate(fact.measures):
            who = matrix.failing(n, k)
            lines.append(
                f"  - {m.measure.label}: "
                + (
                    f"failed by {', '.join(f'`{s}`' for s in who)}"
                    if who
                    else "passed by every strategy (a check of the data)"
                )
            )
    return lines


def adaptive_lines(matrix: Matrix) -> list[str]:
    """Where the learner stands and why it may differ from the historical strategy."""
    if "adaptive" not in matrix.validations:
        return []
    v = matrix.validations["adaptive"]
    failed = [r for r in v.results if not r.passed]
    standing = (
        "passes every fact"
        if not failed
        else "fails "
        + "; ".join(
            f"fact {r.fact.number} ("
            + ", ".join(f"{m.measure.label}: mean {_fmt(m.mean)}" for m in r.measures if not m.passed)
            + ")"
            for r in failed
        )
    )
    return [
        f"The `adaptive` learner {standing}. It is not a fixed alternative: an Exp3 bandit that draws one "
        "vector a quarter, leans toward it, and credits it with the quarter's growth and change in autonomy; "
        "it makes a historical move only if the move leans toward a vector it does not weigh below average "
        "at that moment. Starting from equal weights it could learn to balance, but over 2010-2024 its draws "
        "follow short-run payoffs, so whether it joins the customs union in 2010Q3 or takes the 2022 moves "
        "depends on what its first draws paid. Failing a fact here says the learner did not rediscover the "
        "record in 15 years, not that balancing cannot be learned.",
    ]


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
    historical = matrix.validations[HISTORICAL]
    others = [(n, v) for n, v in matrix.validations.items() if n != HISTORICAL]
    failed = "; ".join(
        f"`{n}` fails fact{'s' if len(f) > 1 else ''} {', '.join(f)}" if f else f"`{n}` passes all"
        for n, v in others
        for f in [[str(r.fact.number) for r in v.results if not r.passed]]
    )
    data_checks = [str(r.fact.number) for r in historical.results if not matrix.discriminates(r.fact.number)]
    checks = (
        f" Fact{'s' if len(data_checks) > 1 else ''} {', '.join(data_checks)} tell{'' if len(data_checks) > 1 else 's'} "
        "no strategy apart (checks of the data)."
        if data_checks
        else ""
    )
    return textwrap.fill(
        f"`multivector validate` replays 2010Q1-{REPLAY_END} under every built-in strategy ({matrix.seeds} seeds) "
        f"against five stylized facts: `{HISTORICAL}` "
        f"{'passes all five' if historical.passed else 'FAILS ' + ', '.join(str(r.fact.number) for r in historical.results if not r.passed)}; "
        f"{failed}.{checks} Kazakhstan's own moves in the record (the customs union, the 2022 partnerships, "
        "the trans-Caspian instruction) come from the strategy, not the calendar. Level measures against data "
        "and the calibration's fit: [docs/validation.md](docs/validation.md), [docs/calibration.md](docs/calibration.md).",
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


def markdown(matrix: Matrix, focus: str, command: str, results: list[LevelResult] | None = None) -> str:
    """docs/validation.md: the strategy x fact matrix, what tells strategies apart, levels, then the focus detail."""
    validation = matrix.validations[focus]
    results = levels(validation.runs) if results is None else results
    lines = [
        "# Validation: the historical replay (2010-2024)",
        "",
        f"Generated by `{command}` (run by `make docs`); do not edit by hand. The facts, their measures, empirical",
        "figures and tolerances are data in `experiments/analysis/validation.py`; the level targets are",
        "`world/data/calibration_targets.csv`; `tests/test_validation.py` fails if this file is stale.",
        "",
        f"The default scenario (`eurasia`) is replayed from 2010Q1 to {REPLAY_END} over {matrix.seeds} seeds "
        f"(0 … {matrix.seeds - 1}) under every built-in strategy. Following pattern-oriented modelling (Grimm et al. "
        "2005), a fact validates the model only if a wrong model fails it: the historical strategy (`multivector`) "
        "should pass every fact, the null model (`passive`, a Kazakhstan that takes no action) and each fixed "
        "alternative should fail at least one. Kazakhstan's own moves in the historical record are offered to the "
        "strategy, which takes or declines each; only other actors' moves and exogenous shocks come from the "
        "calendar. A measure **passes** when the mean over seeds lies in its tolerance interval and at least "
        f"{PASS_SHARE:.0%} of the seeds do; a fact passes when all its measures pass.",
        "",
        "## Strategy × fact matrix",
        "",
        "| " + " | ".join(MATRIX_HEADER) + " |",
        "|" + "---|" * len(MATRIX_HEADER),
        *("| " + " | ".join(row) + " |" for row in matrix_rows(matrix)),
        "",
        f"The replay {'discriminates' if matrix.discriminating else '**does not discriminate**'}: "
        + (
            "the historical strategy passes every fact and every fixed alternative and the null model fail at least one."
            if matrix.discriminating
            else "see the matrix."
        ),
        "",
        "### Which facts tell the strategies apart",
        "",
        *discrimination_lines(matrix),
        "",
        "### The adaptive learner",
        "",
        *adaptive_lines(matrix),
        "",
        f"## Level measures (`{focus}`)",
        "",
        "Levels against the figures the sources give, with the tolerance each states. They are fitted by",
        "`multivector calibrate` ([calibration.md](calibration.md)) and reported here; they do not gate the exit",
        "code (the facts do). Misses are listed as they are.",
        "",
        "| " + " | ".join(LEVEL_HEADER) + " |",
        "|" + "---|" * len(LEVEL_HEADER),
        *("| " + " | ".join(row) + " |" for row in level_rows(results)),
        "",
        f"{sum(r.passed for r in results)} of {len(results)} levels within tolerance.",
        "",
        f"## Detail: `{focus}`",
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


def write_report(matrix: Matrix, focus: str, out: Path, command: str) -> Path:
    """Write the PNGs, then validation.md (each file appears whole or not at all); return the report path."""
    validation = matrix.validations[focus]
    images = out / IMAGE_DIR
    images.mkdir(parents=True, exist_ok=True)
    for result in validation.results:
        plot_fact(result, validation, images / f"fact-{result.fact.number}.png")
    report = out / "validation.md"
    tmp = report.with_name(f".{report.name}.{os.getpid()}.tmp")
    tmp.write_text(markdown(matrix, focus, command) + "\n", encoding="utf-8")
    os.replace(tmp, report)
    return report


def command_line(seeds: int, strategy: str) -> str:
    chosen = ("--strategy", strategy) if strategy != HISTORICAL else ()
    return "multivector validate " + " ".join(shlex.quote(a) for a in ("--seeds", str(seeds), *chosen))


def validate_command(
    seeds: int = typer.Option(5, "--seeds", min=1, help="Number of seeds (0 … N-1) to replay."),
    out: Path = typer.Option(DOCS, "--out", help="Folder for validation.md and img/validation/*.png."),
    strategy: str = typer.Option(HISTORICAL, "--strategy", help="The strategy to judge (exit code)."),
    figure_format: str = FIGURE_FORMAT,
    size: str = FIGURE_SIZE,
) -> None:
    """Replay 2010-2024 under every built-in strategy, print the strategy x fact matrix, the chosen strategy's
    detail and level measures, and write validation.md with a plot per fact. Exit code 1 if the chosen
    strategy fails a fact."""
    if out.exists() and not out.is_dir():
        raise InputError(f"--out {out}: exists and is not a folder")
    with figure_style(figure_format, size):  # a bad --format or --size is refused before the replay runs
        pass
    focus = validate(seeds, strategy)
    names = MATRIX_STRATEGIES if strategy in MATRIX_STRATEGIES else (*MATRIX_STRATEGIES, strategy)
    matrix = strategy_matrix(seeds, names, known={strategy: focus})
    print_matrix(matrix)
    print()
    print_table(focus)
    print_levels(levels(focus.runs))
    with figure_style(figure_format, size):
        report = write_report(matrix, strategy, out, command_line(seeds, strategy))
        print(f"wrote {report} and {out / IMAGE_DIR}/{figure_file(f'fact-1..{len(focus.results)}')}")
    if out.resolve() == DOCS.resolve() and strategy == HISTORICAL and names == MATRIX_STRATEGIES:
        text = README.read_text(encoding="utf-8")
        if README_START in text:
            tmp = README.with_name(f".{README.name}.{os.getpid()}.tmp")
            tmp.write_text(readme_with(text, readme_paragraph(matrix)), encoding="utf-8")
            os.replace(tmp, README)
            print(f"updated the replay paragraph of {README}")
    if not focus.passed:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate_command)
