"""The "why did this change?" panel: this quarter's change in autonomy and welfare, its largest parts, in words.

The numbers come from :mod:`world.explain` (the model's recorded series, split
by channel and partner); this module only puts them into sentences with the
actors named and adds the quarter's events that involve the partners named.
"""

from __future__ import annotations

import solara

from viz.event_log import event_lines
from viz.labels import actor_names
from world import DiplomacyModel
from world.explain import AUTONOMY_CHANNELS, Explanation, channel_moves, explain_quarter, related_events
from world.scenario import REST_OF_WORLD

SHOWN_PARTS = 3
# Below these a change is rounding noise, not something to explain (autonomy is 0 … 1, welfare in $bn).
NEGLIGIBLE = {"autonomy": 0.0005, "welfare": 0.05}
MEASURE_WORDS = {"autonomy": ("Autonomy", "{:.3f}", "{:+.3f}"), "welfare": ("GDP ($bn)", "{:.1f}", "{:+.2f}")}
WELFARE_WORDS = ("Welfare ($bn a year)", "{:.1f}", "{:+.2f}")  # where welfare is recorded apart from GDP
CHANNEL_NOISE = 0.001  # a channel share moving less than this is not worth naming


def named(text: str, names: dict[str, str]) -> str:
    """Replace actor codes in a contribution's words with the actors' names."""
    names = {**names, REST_OF_WORLD: "the rest of the world"}
    return " ".join(names.get(word, word) for word in text.split(" "))


def measure_sentence(explanation: Explanation, names: dict[str, str], welfare_recorded: bool = False) -> str:
    """ "Autonomy fell by 0.004 (0.680 → 0.676). Biggest contributions: export routes through Russia −0.003, …"."""
    title, level, delta = MEASURE_WORDS[explanation.measure]
    if explanation.measure == "welfare" and welfare_recorded:
        title, level, delta = WELFARE_WORDS
    noise = NEGLIGIBLE[explanation.measure]
    move = "rose" if explanation.change > 0 else "fell"
    head = (
        f"{title} {move} by {delta.format(abs(explanation.change)).lstrip('+')} "
        f"({level.format(explanation.before)} → {level.format(explanation.after)})."
    )
    if abs(explanation.change) < noise:
        head = f"{title} barely changed ({level.format(explanation.before)} → {level.format(explanation.after)})."
    parts = [p for p in explanation.parts if abs(p.change) >= noise][:SHOWN_PARTS]
    if not parts:
        return head
    listed = ", ".join(f"{named(p.words, names)} {delta.format(p.change)}" for p in parts)
    return f"{head} Biggest contributions: {listed}."


def why_lines(model: DiplomacyModel) -> dict[str, object] | None:
    """The panel's sentences for the quarter shown, or None at the start of the run."""
    explained = explain_quarter(model)
    if explained is None:
        return None
    names = actor_names(model)
    autonomy, welfare = explained
    parts = [p for e in explained for p in e.parts[:SHOWN_PARTS] if abs(p.change) >= NEGLIGIBLE[e.measure]]
    parts += autonomy.parts[:1]  # the partner autonomy is measured against, even in a quiet quarter
    events = event_lines(related_events(model, model.steps, parts))
    shown = [line.sentence(names) for line in events[:4]]
    more = f" (and {len(events) - len(shown)} more in the event log)" if len(events) > len(shown) else ""
    if shown:
        events_head = f"Events this quarter behind these{more}:"
    elif any(p.partner for p in parts):
        events_head = (
            "No event this quarter touches these partners: the change comes from ongoing trends "
            "(growth, drifting trade, earlier decisions)."
        )
    else:
        events_head = ""
    autonomy_text = measure_sentence(autonomy, names)
    if not any(p.channel in AUTONOMY_CHANNELS for p in autonomy.parts) and autonomy.parts:
        # A leverage-based split names the partner, not the channel: say which of its channels moved.
        lead = autonomy.parts[0].partner
        moves = [
            f"{named(words, names)} {change:+.3f}"
            for words, change in channel_moves(model, model.steps, lead)
            if abs(change) >= CHANNEL_NOISE
        ]
        if moves:
            autonomy_text += f" Shares that moved with {names.get(lead, lead)}: {', '.join(moves)}."
    return {
        "autonomy": autonomy_text,
        "welfare": measure_sentence(welfare, names, model.has_series("welfare")),
        "events_head": events_head,
        "events": shown,
    }


@solara.component
def WhyPanel(model: DiplomacyModel):
    """Card: why autonomy and welfare moved from the previous quarter to this one (class ``mv-why``)."""
    from mesa.visualization.utils import update_counter

    update_counter.get()
    lines = why_lines(model)
    with solara.Card("Why did this change?", classes=["mv-why"]):
        if lines is None:
            solara.Div(
                children=[
                    "Press Step: from the next quarter on, this panel says what moved autonomy and "
                    "GDP since the quarter before, through which channel and partner."
                ],
                classes=["mv-why-autonomy"],
                style={"color": "#777"},
            )
            return
        solara.Div(children=[f"From the previous quarter to {model.date}:"], style={"color": "#777"})
        for key in ("autonomy", "welfare"):
            solara.Div(children=[lines[key]], classes=[f"mv-why-{key}"], style={"margin": "2px 0"})
        if lines["events_head"]:
            with solara.Div(classes=["mv-why-events"], style={"margin": "2px 0"}):
                solara.Div(children=[lines["events_head"]])
                for sentence in lines["events"]:
                    solara.Div(children=[f"• {sentence}"], style={"font-size": "0.92em", "margin-left": "1em"})
