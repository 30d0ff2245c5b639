"""Tiny Solara app for tests/browser/test_smoke.py (not part of the model).

It uses mesa's SolaraViz exactly like viz/app.py will, so the smoke test fails
if Solara's JavaScript is fetched from a CDN instead of the local
solara-assets package (offline the page then stays blank).
"""

import mesa
import solara
from mesa.visualization import SolaraViz


class TinyModel(mesa.Model):
    """Counts its own steps; nothing else."""

    def __init__(self, rng=None):
        super().__init__(rng=rng)
        self.counter = 0

    def step(self):
        self.counter += 1


@solara.component
def ClickCard(model):
    clicks = solara.use_reactive(0)
    with solara.Card("Smoke"):
        solara.Button("Click me", on_click=lambda: clicks.set(clicks.value + 1))
        solara.Text(f"Clicks: {clicks.value}")


@solara.component
def Page():
    # One model per browser session (a module-level model would be shared).
    model = solara.use_memo(lambda: TinyModel(rng=42), [])
    SolaraViz(model, components=[(ClickCard, 0)], name="Smoke", model_params={"rng": 42})
