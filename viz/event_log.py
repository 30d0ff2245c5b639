"""The latest events in plain words, newest first, filterable by actor.

Each line reads "2022Q3 · Russia · A Novorossiysk court orders a 30-day
halt … · source 002 · In the Wake of the War": the actor named in words and
the source cited by paper and section. One decision logged once per target
(Tokayev's 2022Q3 instruction covers the trans-Caspian oil route and the
Middle Corridor) shows as one line naming its targets. The calibration notes
some data rows carry after the citation stay in ``events.csv`` for
researchers; the page shows the citation alone.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

import solara

from viz.labels import actor_names
from world import DiplomacyModel
from world.events import EventRecord

ALL_ACTORS = "All actors"
SHOWN = 12
_NOTE = re.compile(r"\s*\([^()]*\)")  # a "(…)" note after a section heading


def citation(source: str) -> str:
    """The citation a student can look up: the first source named, without its notes.

    "002 · In the Wake of the War; magnitude 1.5 (…) matched to …" → "002 · In the Wake of the War".
    """
    return _NOTE.sub("", source).split(";")[0].strip() or source


@dataclass(frozen=True)
class EventLine:
    """One line of the page's log: one decision or scheduled event, with every target it was logged for."""

    step: int
    date: str
    actor: str
    reason: str
    targets: tuple[str, ...]
    source: str
    origin: str

    def sentence(self, names: dict[str, str]) -> str:
        actor = names.get(self.actor, self.actor)
        reason = self.reason if len(self.targets) < 2 else f"{self.reason} ({', '.join(self.targets)})"
        return f"{self.date} · {actor} · {reason} · source {self.source}"


def event_lines(records: list[EventRecord]) -> list[EventLine]:
    """Records in their order, same-quarter repeats of one decision (actor, reason, source) merged."""
    lines: list[EventLine] = []
    index: dict[tuple, int] = {}
    for r in records:
        key = (r.step, r.actor, r.reason, citation(r.source), r.origin)
        if key in index:
            line = lines[index[key]]
            if r.target not in line.targets:
                lines[index[key]] = dataclasses.replace(line, targets=(*line.targets, r.target))
            continue
        index[key] = len(lines)
        lines.append(EventLine(r.step, r.date, r.actor, r.reason, (r.target,), key[3], r.origin))
    return lines


def latest_events(
    model: DiplomacyModel, actor: str | None = None, scheduled_only: bool = False, limit: int = SHOWN
) -> list[EventRecord]:
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
    """One record's line, the actor named in words and the source cited without notes."""
    return event_lines([record])[0].sentence(names)


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
    lines = event_lines(latest_events(model, choices.get(choice.value), scheduled_only.value))
    with solara.Card("Event log", classes=["mv-event-log"]):
        with solara.Row():
            solara.Select("Actor", value=choice, values=[ALL_ACTORS, *choices], classes=["mv-event-filter"])
            solara.Checkbox(label="historical (scheduled) events only", value=scheduled_only)
        solara.Text(
            f"{len(model.log)} events so far · {len(lines)} shown, newest quarter first", classes=["mv-event-count"]
        )
        with solara.Div(classes=["mv-events"]):
            if not lines:
                solara.Text("Nothing yet: press Step.", classes=["mv-event"])
            for line in lines:
                style = {"font-weight": "bold"} if line.origin == "scheduled" else None
                solara.Div(children=[line.sentence(names)], classes=["mv-event"], style=style)
