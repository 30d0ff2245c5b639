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
from html import escape

import solara

from viz.html import Heading, Select
from viz.labels import actor_names
from viz.playback import RecordedRun
from viz.sources import link
from world import DiplomacyModel
from world.eventlog import EventRecord

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

    def words(self, names: dict[str, str]) -> str:
        """ "2022Q3 · Russia · A Novorossiysk court orders …": the line without its source."""
        actor = names.get(self.actor, self.actor)
        reason = self.reason if len(self.targets) < 2 else f"{self.reason} ({', '.join(self.targets)})"
        return f"{self.date} · {actor} · {reason}"

    def sentence(self, names: dict[str, str]) -> str:
        return f"{self.words(names)} · source {self.source}"


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
    model: DiplomacyModel,
    actor: str | None = None,
    scheduled_only: bool = False,
    limit: int = SHOWN,
    until: int | None = None,
) -> list[EventRecord]:
    """At least ``limit`` of the newest events up to step ``until`` (fewer if the log is shorter), whole quarters only.

    Newest quarter first; within a quarter in the order things happened, so the
    scheduled cause (applied first) reads before the responses to it. A quarter
    is never cut, or a busy quarter would lose exactly its causes.
    """
    picked: list[EventRecord] = []
    for record in reversed(model.log.records):
        if until is not None and record.step > until:
            continue
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


def events_html(lines: list[EventLine], names: dict[str, str]) -> str:
    """The log's lines as a list, scheduled (historical) events in bold, each with its source linked."""
    if not lines:
        return "<ul class='mv-events'><li class='mv-event'>Nothing yet: press Step.</li></ul>"
    items = []
    for line in lines:
        words = escape(line.words(names))
        if line.origin == "scheduled":
            words = f"<b>{words}</b>"
        items.append(f"<li class='mv-event'>{words} · <span class='mv-cite'>source {link(line.source)}</span></li>")
    return "<ul class='mv-events'>" + "".join(items) + "</ul>"


@solara.component
def EventLog(run: RecordedRun, shown: int):
    """The actor filter, a "historical events only" switch and the latest events up to the quarter shown."""
    model = run.model
    choice = solara.use_reactive(ALL_ACTORS)
    scheduled_only = solara.use_reactive(False)
    choices = actor_choices(model)
    names = actor_names(model)
    lines = event_lines(latest_events(model, choices.get(choice.value), scheduled_only.value, until=shown))
    count = len(run.events_until(shown))
    with solara.Div(classes=["mv-event-log"]):
        Heading("Event log", 2)
        with solara.Row(style={"flex-wrap": "wrap", "gap": "12px", "align-items": "center"}):
            Select(
                "Actor",
                value=choice.value,
                on_value=choice.set,
                values=[ALL_ACTORS, *choices],
                classes=["mv-event-filter"],
            )
            solara.Checkbox(label="historical (scheduled) events only", value=scheduled_only)
        solara.HTML(
            tag="p",
            unsafe_innerHTML=escape(f"{count} events so far · {len(lines)} shown, newest quarter first"),
            classes=["mv-event-count"],
        )
        solara.HTML(tag="div", unsafe_innerHTML=events_html(lines, names), classes=["mv-events-box"])
