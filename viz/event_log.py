"""The latest events in plain words, newest first, filterable by actor.

Each line is ``EventRecord.sentence()`` with the actor's name instead of its
code: "2022Q3 · Russia · A Novorossiysk court orders a 30-day halt … · source
002 · In the Wake of the War".
"""

from __future__ import annotations

import dataclasses

import solara

from viz.labels import actor_names
from world import DiplomacyModel
from world.events import EventRecord

ALL_ACTORS = "All actors"
SHOWN = 12


def latest_events(model: DiplomacyModel, actor: str | None = None, scheduled_only: bool = False,
                  limit: int = SHOWN) -> list[EventRecord]:
    """At least ``limit`` of the newest events (fewer if the log is shorter), whole quarters only.

    Newest quarter first; within a quarter in the order things happened, so the
    scheduled cause (applied first) reads before the responses to it. A quarter
    is never cut, or a busy quarter would lose exactly its causes.
    """
    picked: list[EventRecord] = []
    for record in reversed(model.log.records):
        if len(picked) >= limit and record.step != picked[-1].step:
            break
        if actor and record.actor != actor:
            continue
        if scheduled_only and record.origin != "scheduled":
            continue
        picked.append(record)
    return sorted(reversed(picked), key=lambda r: -r.step)  # stable: keeps the order within a quarter


def plain_sentence(record: EventRecord, names: dict[str, str]) -> str:
    """The record's sentence with the actor named in words."""
    return dataclasses.replace(record, actor=names.get(record.actor, record.actor)).sentence()


def actor_choices(model: DiplomacyModel) -> dict[str, str]:
    """Picker label → actor code for everyone who can appear in the log."""
    names = actor_names(model)
    return {f"{name} ({code})": code for code, name in names.items()}


@solara.component
def EventLog(model: DiplomacyModel):
    """Card with the actor filter, a "scheduled only" switch and the latest events."""
    from mesa.visualization.utils import update_counter

    update_counter.get()
    choice = solara.use_reactive(ALL_ACTORS)
    scheduled_only = solara.use_reactive(False)
    choices = actor_choices(model)
    names = actor_names(model)
    records = latest_events(model, choices.get(choice.value), scheduled_only.value)
    with solara.Card("Event log", classes=["mv-event-log"]):
        with solara.Row():
            solara.Select("Actor", value=choice, values=[ALL_ACTORS, *choices], classes=["mv-event-filter"])
            solara.Checkbox(label="historical (scheduled) events only", value=scheduled_only)
        solara.Text(f"{len(model.log)} events so far · {len(records)} shown, newest quarter first",
                    classes=["mv-event-count"])
        with solara.Div(classes=["mv-events"]):
            if not records:
                solara.Text("Nothing yet: press Step.", classes=["mv-event"])
            for record in records:
                style = {"font-weight": "bold"} if record.origin == "scheduled" else None
                solara.Div(children=[plain_sentence(record, names)], classes=["mv-event"], style=style)
