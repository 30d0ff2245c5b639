"""The student page: ``solara run viz/app.py`` (or ``make viz``); its sources at ``/sources``.

The first screen says what the page asks, which strategy and levers run,
and shows the key chart; the map, the network, the "why" panel and the
event log follow. Settings sit in a panel on the left on a wide screen and
fold away above the run on a phone. Each browser session computes its own
run (``viz/playback.py``) inside :func:`StudentPage` (a model built at module
level would be shared by every student on the server).

A class shares one server process, so a closed tab's session must not keep
its memory for Solara's default 24 hours: unless ``SOLARA_KERNEL_CULL_TIMEOUT``
says otherwise, a session whose page is gone is freed after
:data:`CULL_TIMEOUT` (a tab that closes normally is freed at once).
"""

from __future__ import annotations

import os
import threading

import reacton.ipyvuetify as v
import solara
import solara.lab
import solara.server.settings

from viz.compare import DEFAULT_OUTCOME, CompareTab, use_comparison_task
from viz.controls import DEFAULT_SPEED, QuarterLine, RunControls, SettingsPanel, StepLabel
from viz.dependence import DependenceChart, Milestones, run_trace
from viz.eurasia_map import EurasiaMap
from viz.event_log import EventLog
from viz.glossary import Glossary
from viz.guide import HowToRead
from viz.html import DocumentSetup, Heading
from viz.levers import cached_response
from viz.network import RelationNetwork
from viz.playback import RecordedRun, shared_run
from viz.session import DEFAULT_SCENARIO, DEFAULT_STRATEGY, SLIDER_LEVERS, initial_settings
from viz.sessions import new_session
from viz.sources import SourcesPage
from viz.status import Conclusion, NowLines, SettingsLine, prefetch_comparison, short_settings
from viz.why import WhyPanel

TITLE = "Kazakhstan's multi-vector diplomacy"
QUESTION = "Can Kazakhstan stay free of any single power by balancing between them?"
SUBTITLE = (
    "A model of Kazakhstan's ties with Russia, China, the EU, the US and Turkey, 2010–2040: history is replayed "
    "to 2024, then the strategy and levers you choose take over. It shows what its stated assumptions imply, "
    "not a forecast."
)
# A session whose page is gone (tab closed, laptop asleep, network lost) is freed after this; a class of
# fifteen, then another, must reuse the memory instead of adding to it. Solara's own default is 24 h.
CULL_TIMEOUT = "10s"
if "SOLARA_KERNEL_CULL_TIMEOUT" not in os.environ:
    solara.server.settings.kernel.cull_timeout = CULL_TIMEOUT
# reacton's tree walk that skips subtrees where nothing changed (opt-in, reacton >= 1.11): a new quarter then
# redraws the Watch tab alone, about a third of the work of walking the whole page; the browser tests run on it.
os.environ.setdefault("REACTON_FAST", "1")
# Solara's "This website runs on Solara" badge sits over the bottom-right corner.
solara.server.settings.theme.show_banner = False

CSS = """
.mv-page { max-width: 1500px; margin: 0 auto; padding: 0 8px; color: #1a1a1a; }
.mv-header h1 { font-size: 1.45rem; line-height: 1.25; margin: 4px 0 2px 0; font-weight: 600; }
.mv-header p { margin: 0 0 6px 0; color: #404040; font-size: 0.92rem; }
.mv-layout { display: grid; grid-template-columns: 330px minmax(0, 1fr); gap: 16px; align-items: start; }
.mv-settings-panel { position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow-y: auto; padding-right: 4px; }
.mv-settings-toggle { display: none !important; }
.mv-main { min-width: 0; }
.mv-heading { font-size: 1.15rem; font-weight: 600; margin: 10px 0 4px 0; }
h3.mv-heading { font-size: 1.02rem; }
.mv-note { color: #404040; font-size: 0.9em; margin: 2px 0; }
.mv-pending-changed { color: #8a4500; font-weight: bold; }
.mv-step-label { font-size: 1.3em; font-weight: bold; margin: 0; }
.mv-settings, .mv-now, .mv-outcome, .mv-quarter { margin: 2px 0; font-size: 0.93em; }
.mv-chart { width: 100%; max-width: 900px; }
.mv-speed .v-input__slider .v-label { min-width: 0; }
.mv-speed .v-slider { min-width: 5em; }
.mv-legend { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 0.85em; margin: 2px 0 6px 0; }
.mv-key svg { margin-right: 4px; vertical-align: middle; }
.mv-table-scroll { max-width: 100%; overflow-x: auto; }
.mv-table-scroll caption { text-align: left; font-size: 0.9em; color: #404040; caption-side: top; }
.mv-table-scroll summary { cursor: pointer; color: #0b57a4; }
.mv-panels { display: grid; grid-template-columns: minmax(0, 7fr) minmax(0, 5fr); gap: 16px; }
.mv-conclusion { border-left: 4px solid #0072B2; background: #f2f7fb; padding: 4px 10px; margin: 6px 0; }
.mv-why ul, .mv-events { padding-left: 1.2em; margin: 2px 0; }
.mv-event { padding: 2px 0; border-bottom: 1px solid #eee; font-size: 0.92em; }
.mv-cite { color: #404040; font-size: 0.9em; }
.mv-source, .mv-cite a, .mv-lever-note a { color: #0b57a4; text-decoration: underline; }
.mv-select { min-width: 0; max-width: 100%; }
.mv-event-filter { flex: 1 1 14em; }
.mv-native-select { display: flex; flex-direction: column; margin: 4px 0 8px 0; max-width: 100%; }
.mv-native-select-label { font-size: 0.8em; color: #404040; }
.mv-native-select-input { border: 1px solid #767676; border-radius: 4px; padding: 4px 6px; background: white; max-width: 100%;
  font-size: 0.95em; color: #1a1a1a; }
.mv-jump-target .mv-native-select-input { width: 8em; }
.mv-lever-note { font-size: 0.85em; color: #333; margin: 0 0 10px 0; }
.mv-lever-note p { margin: 2px 0; }
.v-input__slider .v-label { white-space: normal; min-width: 9em; color: #1a1a1a; height: auto; line-height: 1.3; }
.mv-lever .v-input__slider { align-items: flex-start; }
.v-input__slider { margin-top: 4px; }
.v-tab { text-transform: none !important; letter-spacing: normal !important; }
a:focus-visible, button:focus-visible, summary:focus-visible { outline: 3px solid #E69F00; outline-offset: 2px; }
@media (max-width: 959px) {
  .mv-layout { grid-template-columns: minmax(0, 1fr); }
  .mv-settings-panel { position: static; max-height: none; overflow: visible; }
  .mv-settings-toggle { display: inline-flex !important; }
  .mv-settings-body.mv-collapsed { display: none; }
  .mv-panels { grid-template-columns: minmax(0, 1fr); }
  .mv-header h1 { font-size: 1.2rem; }
}
@media (max-width: 600px) {
  .mv-svg .mv-svg-tick { font-size: 22px; }
  .mv-svg .mv-svg-label { font-size: 22px; }
  .solara-content-main { padding: 4px !important; }
}
div:has(> b > a[href="https://solara.dev"]) { display: none !important; }
"""


@solara.component
def Header():
    solara.HTML(tag="header", unsafe_innerHTML=f"<h1>{QUESTION}</h1><p>{SUBTITLE}</p>", classes=["mv-header"])


# While playing, the panels below the key chart redraw once a simulated year, not every quarter: the chart
# and the status follow every quarter, and everything catches up when the run pauses or ends.
DETAIL_EVERY = 4


def detail_quarter(shown: int, playing: bool, last: int) -> int:
    """The quarter the panels below the chart show: ``shown`` when paused, the year's first quarter while playing."""
    return shown if not playing or shown >= last else shown - shown % DETAIL_EVERY


@solara.component
def WatchTab(run: RecordedRun, step, playing, speed, previous: RecordedRun | None, on_reset):
    """The run: controls, the key chart and the conclusion first; then why, the map, the network and the log.

    The one component that reads the quarter shown: its children get it as a number, so a new quarter is
    one render of this subtree (a child whose number did not change is not redrawn).
    """
    shown = step.value
    detail = detail_quarter(shown, playing.value, run.last)
    trace = solara.use_memo(
        lambda: run_trace(previous, short_settings(previous.model)) if previous else None, [previous]
    )
    with solara.Div(classes=["mv-status"]):
        RunControls(run, shown, step, playing, speed, on_reset)
        StepLabel(run, shown)
        SettingsLine(run.model)
    with solara.Div(classes=["mv-dependence"]):
        DependenceChart(run, shown, trace)
    Conclusion(run, shown >= run.last, previous)
    NowLines(run, shown)
    QuarterLine(run, shown)
    with solara.Div(classes=["mv-panels"]):
        with solara.Div():
            WhyPanel(run, detail)
            with solara.Div(classes=["mv-map"]):
                Heading("Map of Eurasia: export corridors", 2)
                EurasiaMap(run, detail)
        with solara.Div():
            with solara.Div(classes=["mv-network"]):
                Heading("Kazakhstan's ties", 2)
                RelationNetwork(run, detail)
    with solara.Div(classes=["mv-milestones-box"]):
        Heading("The key chart's numbers", 2)
        Milestones(run, detail)
    EventLog(run, detail)


@solara.component
def StudentPage():
    """One student's page: the run and its controls are this session's own."""
    DocumentSetup(lang="en")
    solara.Title(TITLE)
    solara.Style(CSS)
    # One run per session: use_memo runs once per browser session, never at import.
    settings = solara.use_reactive(solara.use_memo(initial_settings, []))
    # (the run shown, the run before the last Reset): one value, so a Reset replaces both at once.
    runs = solara.use_reactive(solara.use_memo(lambda: (shared_run(**initial_settings()), None), []))
    run, previous = runs.value
    step = solara.use_reactive(0)
    playing = solara.use_reactive(False)
    speed = solara.use_reactive(DEFAULT_SPEED)
    settings_open = solara.use_reactive(False)
    solara.use_memo(new_session, [])  # counted while this session's state lives (viz/sessions.py)
    compare_task = use_comparison_task()
    ranked_by = solara.use_reactive(DEFAULT_OUTCOME)
    tab = solara.use_reactive(0)

    def reset():
        playing.set(False)
        new = shared_run(**settings.value)
        step.set(0)
        runs.set((new, runs.value[0]))
        prefetch_comparison(new, runs.value[1])

    with solara.Div(classes=["mv-page"]):
        Header()
        with solara.Div(classes=["mv-layout"]):
            with v.Html(tag="aside", class_="mv-side", attributes={"aria-label": "Settings"}):
                SettingsPanel(run.model, settings, settings_open)
            with v.Html(tag="main", class_="mv-main"):
                with solara.lab.Tabs(value=tab, lazy=True):
                    with solara.lab.Tab("Watch the run", classes=["mv-tab-watch"]):
                        WatchTab(run, step, playing, speed, previous, reset)
                    with solara.lab.Tab("Compare strategies", classes=["mv-tab-compare"]):
                        CompareTab(run.model, compare_task, ranked_by)
                    with solara.lab.Tab("How to read this page", classes=["mv-tab-guide"]):
                        HowToRead()
                    with solara.lab.Tab("Glossary", classes=["mv-tab-glossary"]):
                        Glossary(run.model)


@solara.component
def Layout(children=[]):  # noqa: B006  (solara's own signature style)
    """No app bar or drawer: the page lays itself out (a drawer covered a phone's whole screen)."""
    solara.Column(children=children, style={"padding": "0"})


def _warm_up() -> None:
    """Measure what each lever does for the default settings once, before the first students ask."""
    for name in SLIDER_LEVERS:
        cached_response(DEFAULT_SCENARIO, DEFAULT_STRATEGY, name)


if __name__ == "__main__":  # `solara run viz/app.py` runs this file as __main__; an import (the tests) does not warm up
    threading.Thread(target=_warm_up, name="mv-lever-warm-up", daemon=True).start()

routes = [
    solara.Route(path="/", component=StudentPage, label=TITLE, layout=Layout),
    solara.Route(path="sources", component=SourcesPage, label="Sources"),
]
