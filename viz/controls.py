"""Run controls (Reset / Play / Step / Jump to, speed) and the settings panel (scenario, strategy, levers, seed).

The run is computed whole at Reset (``viz/playback.py``); playing moves the
quarter shown at a fixed pace of quarters per second, skipping drawings the
server cannot keep up with instead of slowing down, so a run plays to 2040 in
the same time for one student or a class. The settings apply on Reset, so the
page never runs one value while showing another; choosing a scenario moves the
lever sliders to that scenario's own values. Pickers show readable names; their
values stay the ids the model and the command line use. Every control has an
accessible name (the play button is "Play", not "▶").
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from html import escape

import solara

from viz.html import Select
from viz.levers import cached_response, lever_words, ready_response, slider_label
from viz.playback import RecordedRun
from viz.session import (
    SEED_RANGE,
    SLIDER_LEVERS,
    SessionModel,
    scenario_description,
    scenario_levers,
    scenario_options,
    strategy_description,
    strategy_options,
    turning_points,
)
from viz.sources import link
from world import load_scenario

SPEED_RANGE = (1, 8)  # quarters a second
DEFAULT_SPEED = 4  # 2010Q1 to 2040Q4 in about half a minute
MIN_FRAME_S = 0.25  # at most four drawings a second per student while playing


def quarter_line(run: RecordedRun, step: int) -> str:
    """The quarter shown, in the calendar students read."""
    return f"Quarter shown: {run.date(step)} · step {step} of {run.last}"


def step_label(run: RecordedRun, step: int) -> str:
    return f"Step {step} · {run.date(step)}"


def pending_changes(model: SessionModel, settings: dict[str, object]) -> bool:
    """True when the settings panel differs from what the running model was built with (Reset not pressed yet)."""
    running = {**model.settings(), "rng": model.seed}
    return (
        any(running.get("seed" if key == "rng" else key) != value for key, value in settings.items() if key != "rng")
        or int(settings["rng"]) != model.seed
    )


def play(
    run: RecordedRun, step: solara.Reactive[int], playing: solara.Reactive[bool], speed: float, cancel: threading.Event
) -> None:
    """Advance the quarter shown at ``speed`` quarters a second until the end, a pause or a Reset.

    The quarter is computed from the clock, not counted: when drawing falls behind (a busy server),
    quarters are skipped, never slowed, and the run still reaches its end on time.
    """
    first, started = step.value, time.monotonic()
    pace = 1.0 / speed
    while not cancel.is_set():
        frame_started = time.monotonic()
        target = min(run.last, first + 1 + int((frame_started - started) / pace))
        if cancel.is_set():
            break
        if target != step.value:
            step.set(target)  # draws the page in this thread
        if target >= run.last:
            break
        now = time.monotonic()
        drawing = now - frame_started
        next_quarter = started + (target - first) * pace
        # Wait for the next quarter, at least MIN_FRAME_S per drawing, and twice as long as the last drawing
        # took: on a busy server each student's page draws less often, and the others get their turn.
        cancel.wait(max(next_quarter - now, MIN_FRAME_S - drawing, 2 * drawing, 0.01))
    if not cancel.is_set():
        playing.set(False)


@solara.component
def StepLabel(run: RecordedRun, shown: int):
    solara.HTML(tag="p", unsafe_innerHTML=escape(step_label(run, shown)), classes=["mv-step-label"])


@solara.component
def RunButtons(
    run: RecordedRun,
    at_end: bool,
    step: solara.Reactive[int],
    playing: solara.Reactive[bool],
    on_reset: Callable[[], None],
):
    """Reset, Play/Pause and Step, each with a name a screen reader reads (redrawn only when ``at_end`` changes)."""
    with solara.Row(classes=["mv-run-buttons"], style={"gap": "6px", "flex-wrap": "wrap", "align-items": "center"}):
        solara.Button("Reset", on_click=on_reset, color="primary", outlined=True, classes=["mv-reset"])
        if playing.value:
            solara.Button(
                "Pause",
                icon_name="mdi-pause",
                on_click=lambda: playing.set(False),
                color="primary",
                classes=["mv-play"],
            )
        else:
            solara.Button(
                "Play",
                icon_name="mdi-play",
                on_click=lambda: playing.set(True),
                disabled=at_end,
                color="primary",
                classes=["mv-play"],
            )
        solara.Button(
            "Step",
            on_click=lambda: step.set(min(run.last, step.value + 1)),
            disabled=at_end or playing.value,
            color="primary",
            outlined=True,
            classes=["mv-step"],
        )


@solara.component
def JumpTo(run: RecordedRun, step: solara.Reactive[int], playing: solara.Reactive[bool]):
    """Jump to a turning point (every fifth year, the pressure events, 2025Q1, the end), back or forth: the run
    is computed, so any quarter can be shown."""
    points = turning_points(run.model)
    target = solara.use_reactive(None)
    chosen = target.value if target.value in points else (points[0] if points else None)

    def jump():
        if chosen:
            playing.set(False)
            step.set(run.step_of(chosen))

    with solara.Row(style={"align-items": "center", "gap": "6px"}, classes=["mv-jump-row"]):
        Select(
            "Jump to", values=points, value=chosen, on_value=target.set, disabled=not points, classes=["mv-jump-target"]
        )
        solara.Button(
            "Go",
            on_click=jump,
            disabled=not points,
            color="primary",
            outlined=True,
            classes=["mv-jump"],
            attributes={"aria-label": "Go to the chosen quarter"},
        )


@solara.component
def RunControls(
    run: RecordedRun,
    shown: int,
    step: solara.Reactive[int],
    playing: solara.Reactive[bool],
    speed: solara.Reactive[int],
    on_reset: Callable[[], None],
):
    """Reset / Play / Step, Jump to, the speed, the quarter shown; owns the play loop's thread."""
    solara.use_thread(
        lambda cancel: play(run, step, playing, speed.value, cancel) if playing.value else None,
        dependencies=[playing.value, run, speed.value],
        intrusive_cancel=False,
    )
    with solara.Div(classes=["mv-run"]):
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap", "gap": "12px"}):
            RunButtons(run, shown >= run.last, step, playing, on_reset)
            JumpTo(run, step, playing)
            with solara.Div(classes=["mv-speed"], style={"width": "15em"}):
                solara.SliderInt(
                    f"Speed: {speed.value} quarters a second",
                    value=speed,
                    min=SPEED_RANGE[0],
                    max=SPEED_RANGE[1],
                    thumb_label=False,
                )


@solara.component
def QuarterLine(run: RecordedRun, shown: int):
    with solara.Div():
        solara.HTML(tag="p", unsafe_innerHTML=escape(quarter_line(run, shown)), classes=["mv-quarter"])
        if shown >= run.last:
            solara.HTML(
                tag="p", unsafe_innerHTML="Run finished: press Reset to start again.", classes=["mv-sidebar-finished"]
            )


@solara.component
def LeverNote(scenario: str, strategy: str, name: str):
    """Under a slider: what it is in the world, its source, and what it measurably does in this model."""
    words = lever_words(scenario, name)
    ready = ready_response(scenario, strategy, name)
    # Measured once per server for a scenario and strategy; only the first to ask waits for it.
    result = solara.use_thread(
        lambda: ready or cached_response(scenario, strategy, name),
        dependencies=[scenario, strategy, name, ready is None],
        intrusive_cancel=False,
    )
    response = ready or (result.value if result.value is not None and result.value.lever == name else None)
    measured = (
        escape(response.sentence())
        if response is not None and (response.scenario, response.strategy) == (scenario, strategy)
        else "Measuring what it does in this model (a few runs, shared by everyone on this server) …"
    )
    solara.HTML(
        tag="div",
        unsafe_innerHTML=(
            f"<p>{escape(words['meaning'])}. Range {escape(words['range'])}; acts from {escape(words['from'])}. "
            f"Source: {link(words['source'])}.</p><p class='mv-lever-effect'>{measured}</p>"
        ),
        classes=["mv-lever-note"],
    )


@solara.component
def SettingsPanel(model: SessionModel, settings: solara.Reactive[dict], expanded: solara.Reactive[bool]):
    """Scenario and strategy (with what each means), the levers (meaning, source, effect) and the seed; they apply
    on Reset. On a narrow screen the panel folds away behind its heading button."""
    values = settings.value

    def choose_scenario(name: str) -> None:
        # The sliders follow the scenario: Reset then runs what they show.
        settings.value = {**settings.value, "scenario_name": name, **scenario_levers(name)}

    def set_value(key: str, value) -> None:
        settings.value = {**settings.value, key: value}

    scenario = values["scenario_name"]
    levers = load_scenario(scenario).levers
    with solara.Div(classes=["mv-settings-panel"]):
        solara.Button(
            ("▾ " if expanded.value else "▸ ") + "Settings: scenario, strategy, levers",
            on_click=lambda: expanded.set(not expanded.value),
            text=True,
            classes=["mv-settings-toggle"],
            attributes={"aria-expanded": "true" if expanded.value else "false"},
        )
        with solara.Div(classes=["mv-settings-body", *([] if expanded.value else ["mv-collapsed"])]):
            solara.HTML(tag="h2", unsafe_innerHTML="Settings", classes=["mv-heading"])
            Select(
                "Scenario",
                values=scenario_options(),
                value=scenario,
                on_value=choose_scenario,
                classes=["mv-pick-scenario"],
            )
            solara.HTML(
                tag="p",
                unsafe_innerHTML=escape(scenario_description(scenario)),
                classes=["mv-scenario-description", "mv-note"],
            )
            Select(
                "Kazakhstan's strategy",
                values=strategy_options(),
                value=values["strategy"],
                on_value=lambda name: set_value("strategy", name),
                classes=["mv-pick-strategy"],
            )
            solara.HTML(
                tag="p",
                unsafe_innerHTML=escape(strategy_description(values["strategy"])),
                classes=["mv-strategy-description", "mv-note"],
            )
            solara.HTML(tag="h3", unsafe_innerHTML="Levers (from 2025)", classes=["mv-heading"])
            for name, (_, step) in SLIDER_LEVERS.items():
                with solara.Div(classes=["mv-lever", f"mv-lever-{name}"]):
                    solara.SliderFloat(
                        slider_label(scenario, name, values[name]),
                        value=values[name],
                        min=levers[name].low,
                        max=levers[name].high,
                        step=step,
                        thumb_label=False,
                        on_value=lambda value, name=name: set_value(name, round(value, 6)),
                    )
                    LeverNote(scenario, values["strategy"], name)
            with solara.Div(classes=["mv-seed"]):
                solara.SliderInt(
                    f"Seed: {int(values['rng'])}",
                    value=int(values["rng"]),
                    min=SEED_RANGE[0],
                    max=SEED_RANGE[1],
                    thumb_label=False,
                    on_value=lambda value: set_value("rng", value),
                )
            if pending_changes(model, values):
                solara.HTML(
                    tag="p",
                    unsafe_innerHTML="Changed: press Reset to run these settings.",
                    classes=["mv-pending", "mv-pending-changed"],
                )
            else:
                solara.HTML(
                    tag="p",
                    unsafe_innerHTML="The run uses these settings. Change them, then press Reset.",
                    classes=["mv-pending", "mv-note"],
                )
