"""The sidebar: run controls (Reset / ▶ / Step, play speed, the quarter shown) and the run's settings.

Mesa's :func:`~mesa.visualization.solara_viz.ModelController` gives the
buttons and the play loop; the settings are ours, so that choosing a
scenario can move the lever sliders to the scenario's own values and Reset
builds exactly what the sidebar shows. Pickers show readable names; their
values stay the ids the model and the command line use.
"""

from __future__ import annotations

import solara
from mesa.visualization.solara_viz import ModelController

from viz.session import (
    SEED_RANGE,
    SLIDER_LEVERS,
    SessionModel,
    scenario_description,
    scenario_levers,
    scenario_options,
    strategy_description,
    strategy_options,
)
from world import load_scenario

PLAY_PAUSE_MS = 100  # pause between quarters while playing: ~4 quarters a second with the charts
PLAY_PAUSE_RANGE = (0, 1000, 50)  # min, max, step (ms): the default sits on the grid


def quarter_line(model: SessionModel) -> str:
    """The quarter shown, in the calendar students read (Mesa's own counter says "Time: 23.0")."""
    return f"Quarter shown: {model.date} · step {model.steps} of {model.n_steps}"


def pending_changes(model: SessionModel, settings: dict[str, object]) -> bool:
    """True when the sidebar differs from what the running model was built with (Reset not pressed yet)."""
    running = {**model.settings(), "rng": model.seed}
    return (
        any(running.get("seed" if key == "rng" else key) != value for key, value in settings.items() if key != "rng")
        or int(settings["rng"]) != model.seed
    )


@solara.component
def RunControls(model: solara.Reactive[SessionModel], settings: solara.Reactive[dict]):
    """Reset / ▶ / Step, the play speed and the quarter shown."""
    from mesa.visualization.utils import update_counter

    update_counter.get()
    pause = solara.use_reactive(PLAY_PAUSE_MS)
    render_every = solara.use_reactive(1)  # draw every quarter
    threads = solara.use_reactive(False)  # play steps and draws in turn (the charts draw off the loop anyway)
    with solara.Card("Run", classes=["mv-run"]):
        ModelController(
            model, model_parameters=settings, play_interval=pause, render_interval=render_every, use_threads=threads
        )
        solara.Div(
            children=[quarter_line(model.value)],
            classes=["mv-quarter"],
            style={"font-weight": "bold", "margin-top": "8px"},
        )
        if not model.value.running:
            solara.Div(
                children=["Run finished: press Reset to start again."],
                classes=["mv-sidebar-finished"],
                style={"color": "#1b5e20"},
            )
        low, high, step = PLAY_PAUSE_RANGE
        with solara.Div(classes=["mv-play-pause"]):
            solara.Text(f"Pause between quarters while playing: {pause.value} ms")
            solara.SliderInt("", value=pause, min=low, max=high, step=step, thumb_label=False)


@solara.component
def Settings(model: SessionModel, settings: solara.Reactive[dict]):
    """Scenario and strategy (with what each means), the lever sliders and the seed; they apply on Reset."""
    values = settings.value

    def choose_scenario(name: str) -> None:
        # The sliders follow the scenario: Reset then runs what they show.
        settings.value = {**settings.value, "scenario_name": name, **scenario_levers(name)}

    def set_value(key: str, value) -> None:
        settings.value = {**settings.value, key: value}

    levers = load_scenario(values["scenario_name"]).levers
    with solara.Card("Settings", classes=["mv-settings-card"]):
        solara.Select(
            "Scenario",
            values=scenario_options(),
            value=values["scenario_name"],
            on_value=choose_scenario,
            classes=["mv-pick-scenario"],
        )
        solara.Div(
            children=[scenario_description(values["scenario_name"])],
            classes=["mv-scenario-description"],
            style={"font-size": "0.9em", "color": "#444", "margin-bottom": "10px"},
        )
        solara.Select(
            "Kazakhstan's strategy",
            values=strategy_options(),
            value=values["strategy"],
            on_value=lambda name: set_value("strategy", name),
            classes=["mv-pick-strategy"],
        )
        solara.Div(
            children=[strategy_description(values["strategy"])],
            classes=["mv-strategy-description"],
            style={"font-size": "0.9em", "color": "#444", "margin-bottom": "10px"},
        )
        for name, (label, step) in SLIDER_LEVERS.items():
            # The value sits in the label: a bubble over the thumb would crowd the slider above.
            with solara.Div(classes=["mv-lever"]):
                solara.SliderFloat(
                    f"{label}: {values[name]:g}",
                    value=values[name],
                    min=levers[name].low,
                    max=levers[name].high,
                    step=step,
                    thumb_label=False,
                    on_value=lambda value, name=name: set_value(name, round(value, 6)),
                )
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
            solara.Div(
                children=["Changed: press Reset to run these settings."],
                classes=["mv-pending"],
                style={"color": "#b35900", "font-weight": "bold"},
            )
        else:
            solara.Div(
                children=["The run uses these settings. Change them, then press Reset."],
                classes=["mv-pending"],
                style={"color": "#777"},
            )
