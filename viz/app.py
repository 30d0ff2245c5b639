"""The student page: ``solara run viz/app.py`` (or ``make viz``).

Mesa's SolaraViz gives the sidebar (scenario and strategy pickers, lever and
seed sliders, Reset / ▶ / Step); the main area is ours: a status strip, the
map, the relation network, dependence over time, the event log, the Compare
tab and the how-to-read panel.

Every browser session builds its own model inside ``Page`` (a model built at
module level would be shared by every student on the server).
"""

from __future__ import annotations

import solara
import solara.lab
from mesa.visualization import SolaraViz

from viz.compare import CompareTab
from viz.dependence import DependenceChart
from viz.eurasia_map import EurasiaMap
from viz.event_log import EventLog
from viz.guide import HowToRead
from viz.network import RelationNetwork
from viz.session import initial_model, model_params
from viz.status import StatusBar

TITLE = "Kazakhstan's multi-vector diplomacy"
PLAY_INTERVAL_MS = 100
# Vuetify shows a slider's value only while it is dragged; students need to see it all the time.
CSS = """
.v-slider__thumb-label-container { display: block !important; }
.v-slider__thumb-label { transform: translateY(-20%) translateY(-12px) translateX(-50%) rotate(45deg) !important; }
.v-input__slider { margin-top: 18px; }
.mv-event { padding: 2px 0; border-bottom: 1px solid #eee; font-size: 0.92em; }
"""


@solara.component
def Dashboard(model):
    """The main area: Watch / Compare / How to read tabs (the tabs keep their state while hidden)."""
    with solara.lab.Tabs():
        with solara.lab.Tab("Watch", classes=["mv-tab-watch"]):
            StatusBar(model)
            with solara.Columns([7, 5]):
                EurasiaMap(model)
                RelationNetwork(model)
            with solara.Columns([7, 5]):
                DependenceChart(model)
                EventLog(model)
        with solara.lab.Tab("Compare strategies", classes=["mv-tab-compare"]):
            CompareTab(model)
        with solara.lab.Tab("How to read this page", classes=["mv-tab-guide"]):
            HowToRead()


@solara.component
def Page():
    # One model per session: use_memo runs once per browser session, never at import.
    model = solara.use_reactive(solara.use_memo(initial_model, []))
    solara.Style(CSS)
    SolaraViz(model, components=[], model_params=model_params(), name=TITLE, play_interval=PLAY_INTERVAL_MS)
    Dashboard(model.value)


page = Page
