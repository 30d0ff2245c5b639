"""The "why did this change?" panel: this quarter's change in autonomy and welfare, its largest parts, in words.

The numbers come from :mod:`world.explain` (the model's recorded series, split
by channel and partner); this module only puts them into sentences with the
actors named and adds the quarter's events that involve the partners named.
Every line carries its source, linked to its entry on the Sources page
(docs/sources.md): an event the passage its rule rests on, a measure the
source of its definition (world/measures.py).
"""

from __future__ import annotations

from html import escape

import solara

from viz.event_log import event_lines
from viz.html import Heading
from viz.labels import actor_names
from viz.playback import RecordedRun
from viz.sources import link
from world import DiplomacyModel
from world.explain import AUTONOMY_CHANNELS, Explanation, channel_moves, explain_quarter, related_events
from world.measures import MEASURES
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


def why_lines(model: DiplomacyModel, step: int | None = None) -> dict[str, object] | None:
    """The panel's sentences for ``step`` (default: the last quarter computed), or None at the start of the run.

    ``autonomy`` and ``welfare`` are sentences, ``*_source`` the citation behind each; ``events`` are
    (sentence, citation) pairs.
    """
    step = model.steps if step is None else step
    explained = explain_quarter(model, step)
    if explained is None:
        return None
    names = actor_names(model)
    autonomy, welfare = explained
    parts = [p for e in explained for p in e.parts[:SHOWN_PARTS] if abs(p.change) >= NEGLIGIBLE[e.measure]]
    parts += autonomy.parts[:1]  # the partner autonomy is measured against, even in a quiet quarter
    events = event_lines(related_events(model, step, parts))
    shown = [(line.words(names), line.source) for line in events[:4]]
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
            for words, change in channel_moves(model, step, lead)
            if abs(change) >= CHANNEL_NOISE
        ]
        if moves:
            autonomy_text += f" Shares that moved with {names.get(lead, lead)}: {', '.join(moves)}."
    welfare_measure = "welfare" if model.has_series("welfare") else "gdp"
    return {
        "autonomy": autonomy_text,
        "autonomy_source": MEASURES["autonomy"].source,
        "welfare": measure_sentence(welfare, names, model.has_series("welfare")),
        "welfare_source": MEASURES[welfare_measure].source,
        "welfare_measure": welfare_measure,
        "events_head": events_head,
        "events": shown,
    }


def cited(sentence: str, citation: str, measure: str | None = None) -> str:
    """A sentence and, after it, its source linked to the Sources page."""
    return f"{escape(sentence)} <span class='mv-cite'>Source: {link(citation, measure)}</span>"


def why_html(lines: dict[str, object]) -> str:
    """The panel's lines as HTML: one list item per line, each with its source."""
    items = [
        f"<li class='mv-why-autonomy'>{cited(lines['autonomy'], lines['autonomy_source'], 'autonomy')}</li>",
        f"<li class='mv-why-welfare'>{cited(lines['welfare'], lines['welfare_source'], lines['welfare_measure'])}</li>",
    ]
    html = "<ul class='mv-why-lines'>" + "".join(items) + "</ul>"
    if lines["events_head"]:
        events = "".join(f"<li>{cited(sentence, source)}</li>" for sentence, source in lines["events"])
        html += f"<div class='mv-why-events'><p>{escape(lines['events_head'])}</p><ul>{events}</ul></div>"
    return html


@solara.component
def WhyPanel(run: RecordedRun, shown: int):
    """Why autonomy and welfare moved from the previous quarter to the one shown (class ``mv-why``)."""
    lines = why_lines(run.model, shown)
    with solara.Div(classes=["mv-why"]):
        Heading("Why did this change?", 2)
        if lines is None:
            solara.HTML(
                tag="p",
                unsafe_innerHTML=(
                    "Press Step: from the next quarter on, this panel says what moved autonomy and "
                    "welfare since the quarter before, through which channel and partner, with the source of each line."
                ),
                classes=["mv-why-autonomy", "mv-note"],
            )
            return
        solara.HTML(
            tag="p", unsafe_innerHTML=escape(f"From the previous quarter to {run.date(shown)}:"), classes=["mv-note"]
        )
        solara.HTML(tag="div", unsafe_innerHTML=why_html(lines), classes=["mv-why-body"])
