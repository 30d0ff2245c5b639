"""The status strip: "Step N · 2022Q3", what this run was built with, how Kazakhstan is doing, Jump to.

Its texts carry stable CSS classes (``mv-step-label``, ``mv-settings``,
``mv-now``, ``mv-outcome``, ``mv-finished``) that the browser tests read.
"""

from __future__ import annotations

import solara

from viz.labels import great_powers
from viz.session import SLIDER_LEVERS, SessionModel, strategy_label, turning_points


def step_label(model: SessionModel) -> str:
    return f"Step {model.steps} · {model.date}"


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


def finished_line(model: SessionModel) -> str:
    return (
        f"Run finished at {model.date}: the outcome below is final. Press Reset to run again, or open "
        "“Compare strategies” to see how the others do on these settings."
    )


def now_line(model: SessionModel) -> str:
    """This quarter's autonomy, GDP and the largest dependence."""
    d = model.dependence()
    rel = model.relations
    powers = great_powers(model)
    top = max(powers, key=lambda code: d.combined[rel.index[code]])
    return (
        f"Now: autonomy {model.autonomy():.3f} · GDP ${model.kaz_gdp:.0f}bn · "
        f"largest great-power dependence {top} {d.combined[rel.index[top]]:.3f}"
    )


def outcome_line(model: SessionModel) -> str:
    """The run's outcome so far (the same numbers ``multivector run`` reports at the end)."""
    o = model.outcomes()
    prefix = "Outcome" if not model.running else "Outcome so far"
    return (
        f"{prefix}: mean autonomy {o['autonomy_mean']:.3f} (lowest {o['autonomy_min']:.3f}) · "
        f"GDP ${o['gdp_final']:.0f}bn · coerced concessions {o['capture_events']:.0f}"
    )


@solara.component
def StatusBar(model: SessionModel):
    from mesa.visualization.utils import force_update, update_counter

    update_counter.get()
    points = [d for d in turning_points(model) if d > model.date]
    target = solara.use_reactive(None)
    chosen = target.value if target.value in points else (points[0] if points else None)

    def jump():
        if chosen:
            model.run_until(chosen)
            force_update()

    with solara.Card(classes=["mv-status"]):
        if not model.running:
            solara.Success(finished_line(model), classes=["mv-finished"], icon="mdi-flag-checkered")
        with solara.Row(style={"align-items": "center", "flex-wrap": "wrap"}):
            solara.Text(
                step_label(model), classes=["mv-step-label"], style={"font-size": "1.4em", "font-weight": "bold"}
            )
            solara.Select(
                "Jump to",
                values=points,
                value=chosen,
                on_value=target.set,
                disabled=not points,
                classes=["mv-jump-target"],
                style={"max-width": "10em"},
            )
            solara.Button("Go", on_click=jump, disabled=not points, color="primary", outlined=True, classes=["mv-jump"])
        solara.Div(children=[settings_line(model)], classes=["mv-settings"])
        solara.Div(children=[now_line(model)], classes=["mv-now"])
        solara.Div(children=[outcome_line(model)], classes=["mv-outcome"])
        solara.Div(
            children=[
                "Sliders and pickers on the left apply when you press Reset. New here? Open the "
                "“How to read this page” tab; words like EAEU or HHI are in its glossary."
            ],
            style={"color": "#777"},
        )
