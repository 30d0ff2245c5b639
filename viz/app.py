"""The student page: ``solara run viz/app.py`` (or ``make viz``).

The sidebar holds the run controls (Mesa's Reset / ▶ / Step and play loop)
and the settings (scenario, strategy, levers, seed); the main area is ours:
a status strip, the map, the relation network, dependence over time, the
event log, the Compare tab, the how-to-read panel and the glossary.

Every browser session builds its own model inside ``Page`` (a model built at
module level would be shared by every student on the server).
"""

from __future__ import annotations

import solara
import solara.lab
import solara.server.settings

from viz.compare import CompareTab
from viz.controls import RunControls, Settings
from viz.dependence import DependenceChart, run_trace
from viz.eurasia_map import EurasiaMap
from viz.event_log import EventLog
from viz.glossary import Glossary
from viz.guide import HowToRead
from viz.network import RelationNetwork
from viz.session import initial_model, initial_settings
from viz.status import StatusBar, short_settings
from viz.why import WhyPanel

TITLE = "Kazakhstan's multi-vector diplomacy"
# Solara's "This website runs on Solara" badge sits over the bottom-right corner, where the event log ends.
solara.server.settings.theme.show_banner = False
CSS = """
.v-input__slider { margin-top: 4px; }
.v-input__slider .v-label { white-space: normal; min-width: 9em; }
.mv-event { padding: 2px 0; border-bottom: 1px solid #eee; font-size: 0.92em; }
div:has(> b > a[href="https://solara.dev"]) { display: none !important; }
"""


@solara.component
def Dashboard(model, previous=None):
    """The main area: Watch / Compare / How to read / Glossary tabs (the tabs keep their state while hidden)."""
    with solara.lab.Tabs():
        with solara.lab.Tab("Watch", classes=["mv-tab-watch"]):
            StatusBar(model)
            WhyPanel(model)
            with solara.Columns([7, 5]):
                EurasiaMap(model)
                RelationNetwork(model)
            with solara.Columns([7, 5]):
                DependenceChart(model, previous)
                EventLog(model)
        with solara.lab.Tab("Compare strategies", classes=["mv-tab-compare"]):
            CompareTab(model)
        with solara.lab.Tab("How to read this page", classes=["mv-tab-guide"]):
            HowToRead()
        with solara.lab.Tab("Glossary", classes=["mv-tab-glossary"]):
            Glossary(model)


@solara.component
def Page():
    # One model per session: use_memo runs once per browser session, never at import.
    model = solara.use_reactive(solara.use_memo(initial_model, []))
    settings = solara.use_reactive(solara.use_memo(initial_settings, []))
    previous = solara.use_reactive(None)  # the run before the last Reset, for the dependence chart's overlay
    shown = solara.use_ref(model.value)

    def keep_the_replaced_run():
        if shown.current is not model.value:
            old = shown.current
            previous.set(run_trace(old, short_settings(old)))
            shown.current = model.value

    solara.use_effect(keep_the_replaced_run, [model.value])
    solara.Style(CSS)
    with solara.AppBar():
        solara.AppBarTitle(TITLE)
    with solara.Sidebar(), solara.Column():
        RunControls(model, settings)
        Settings(model.value, settings)
    Dashboard(model.value, previous.value)


page = Page
