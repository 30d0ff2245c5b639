"""What the run is and how it is going, in words: the settings line, "now", the outcome and the conclusion.

Its texts carry stable CSS classes (``mv-settings``, ``mv-now``,
``mv-outcome``, ``mv-finished``, ``mv-conclusion``) that the browser tests
read. Every outcome is labelled with the measure's name from
world/measures.py and which value of it is meant ("mean 2025Q1–2040Q4"), so
a number on this tab means what the same words mean on the Compare tab.
"""

from __future__ import annotations

import threading
from html import escape

import numpy as np
import solara

from viz.conclusions import HEADLINE, RunSettings, compare_runs, ending_sentence
from viz.labels import actor_names, great_powers
from viz.outcomes import SHARED, format_value, outcome_label
from viz.playback import RecordedRun
from viz.session import SLIDER_LEVERS, SessionModel, strategy_label
from world.measures import MEASURES, measure_of

# The outcomes the finished run reports, in this order (the Compare tab ranks by the first by default).
REPORTED = ("autonomy_mean_after_levers", "autonomy_final", "welfare_final", "capture_events")


def settings_line(model: SessionModel) -> str:
    s = model.settings()
    levers = ", ".join(
        f"{label} {s[name]:g}{'' if name in model.moved_levers else ' (the scenario’s)'}"
        for name, (label, _) in SLIDER_LEVERS.items()
    )
    return (
        f"Running: scenario {s['scenario_name']} · strategy {strategy_label(s['strategy'])} "
        f"({s['strategy']}) · seed {s['seed']} · {levers}"
    )


def short_settings(model: SessionModel) -> str:
    """ "escalation · Multi-vector balancing · seed 42 · Russian pressure 0.6, …": a run's name in one line."""
    s = model.settings()
    levers = ", ".join(f"{label} {s[name]:g}" for name, (label, _) in SLIDER_LEVERS.items())
    return f"{s['scenario_name']} · {strategy_label(s['strategy'])} · seed {s['seed']} · {levers}"


def finished_line(run: RecordedRun) -> str:
    return (
        f"Run finished at {run.date(run.last)}: the outcome below is final. Press Reset to run again, or open "
        "“Compare strategies” to see how the others do on these settings."
    )


def now_line(run: RecordedRun, step: int) -> str:
    """The quarter's autonomy, welfare and the largest dependence, from the recorded series."""
    names = actor_names(run.model)
    powers = great_powers(run.model)
    top = max(powers, key=lambda code: run.value(f"dependence.{code}", step))
    welfare = "welfare" if run.has("welfare") else "gdp"
    return (
        f"Now ({run.date(step)}): autonomy {run.value('autonomy', step):.3f} · "
        f"{MEASURES[welfare].label.lower()} ${run.value(welfare, step):.0f}bn a year · "
        f"largest dependence: {names.get(top, top)} {run.value(f'dependence.{top}', step):.3f}"
    )


def outcome_line(run: RecordedRun, step: int) -> str:
    """Before the end: the run so far from the series, its period named. At the end: the run's outcomes, labelled
    as the Compare tab labels them."""
    if step >= run.last:
        scenario = run.model.scenario_name
        parts = [
            f"{outcome_label(name, scenario)} {format_value(name, run.outcomes[name])}"
            for name in REPORTED
            if name in run.outcomes
        ]
        return "Outcome: " + " · ".join(parts)
    autonomy = run.series("autonomy", step)
    return (
        f"Outcome so far: autonomy, mean {run.date(0)}–{run.date(step)} {float(np.mean(autonomy)):.3f} "
        f"(lowest {float(np.min(autonomy)):.3f})"
        + (f" · coerced concessions {run.value('capture_events', step):.0f}" if run.has("capture_events") else "")
    )


@solara.component
def SettingsLine(model: SessionModel):
    solara.HTML(tag="p", unsafe_innerHTML=escape(settings_line(model)), classes=["mv-settings"])


@solara.component
def NowLines(run: RecordedRun, shown: int):
    with solara.Div():
        solara.HTML(tag="p", unsafe_innerHTML=escape(now_line(run, shown)), classes=["mv-now"])
        solara.HTML(tag="p", unsafe_innerHTML=escape(outcome_line(run, shown)), classes=["mv-outcome"])


def headline_at_levers(run: RecordedRun) -> dict[str, float]:
    """The headline outcomes' series in the last quarter before the strategy took over."""
    before = max(run.levers_from - 1, 0)
    values = {}
    for outcome in HEADLINE:
        series = measure_of(outcome).name
        if run.has(series):
            values[outcome] = run.value(series, before)
    return values


def prefetch_comparison(run: RecordedRun, previous: RecordedRun | None) -> None:
    """Start the seed-noise runs of the comparison with the previous run in the background (at Reset), so the
    verdict is ready when the run ends; they land in the shared outcome cache."""
    if previous is None:
        return
    now, before = RunSettings.of(run.settings()), RunSettings.of(previous.settings())
    if now.same_but_seed(before):
        return
    keys = now.keys(now.seeds()) + before.keys(now.seeds())
    threading.Thread(target=SHARED.many, args=(keys,), name="mv-noise-prefetch", daemon=True).start()


@solara.component
def RunComparison(run: RecordedRun, previous: RecordedRun):
    """This run against the previous one, each headline outcome judged against seed noise."""

    def judge():
        now, before = RunSettings.of(run.settings()), RunSettings.of(previous.settings())
        return run, previous, compare_runs(now, before, run.outcomes, previous.outcomes)

    result = solara.use_thread(judge, dependencies=[run, previous], intrusive_cancel=False)
    # A thread shows its last value while the next one runs: use a verdict only for these two runs.
    judged = result.value[2] if result.value is not None and result.value[:2] == (run, previous) else None
    if judged is None:
        solara.HTML(
            tag="p",
            unsafe_innerHTML="Comparing with the previous settings over five seeds …",
            classes=["mv-conclusion-compare", "mv-note"],
        )
        return
    changes = RunSettings.of(run.settings()).changes_from(RunSettings.of(previous.settings()))
    sentences = "".join(f"<li>{escape(c.sentence())}</li>" for c in judged)
    solara.HTML(
        tag="div",
        unsafe_innerHTML=f"<p><b>Against the previous run</b> ({escape(changes)}):</p><ul>{sentences}</ul>",
        classes=["mv-conclusion-compare"],
    )


@solara.component
def Conclusion(run: RecordedRun, finished: bool, previous: RecordedRun | None):
    """At the end of the run: the conclusion in words, and how it compares with the run before Reset."""
    if not finished:
        return
    scenario = run.model.scenario_name
    with solara.Div(classes=["mv-conclusion"], attributes={"role": "status"}):
        solara.HTML(tag="p", unsafe_innerHTML=escape(finished_line(run)), classes=["mv-finished"])
        solara.HTML(
            tag="p",
            unsafe_innerHTML="<b>This run:</b> "
            + escape(ending_sentence(run.outcomes, scenario, headline_at_levers(run))),
            classes=["mv-conclusion-run"],
        )
        if previous is None:
            solara.HTML(
                tag="p",
                unsafe_innerHTML="Change a setting and press Reset: the page then compares the two runs here.",
                classes=["mv-note"],
            )
        else:
            RunComparison(run, previous)
