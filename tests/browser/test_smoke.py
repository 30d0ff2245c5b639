"""Solara + mesa SolaraViz render OFFLINE in Debian's chromium, and clicks work.

Guards the solara / solara-assets / ipyvuetify pins in pyproject.toml: if
Solara's JavaScript came from a CDN, the page would stay blank here
(external requests are blocked by page_factory) with 'solara is not defined'.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

SMOKE_APP = Path(__file__).with_name("smoke_app.py")


@pytest.fixture(scope="module")
def smoke_server(solara_server_factory):
    return solara_server_factory(SMOKE_APP)


def test_solaraviz_renders_offline_and_clicks_work(smoke_server, page_factory):
    tp = page_factory()
    page = tp.page
    click_me = page.get_by_role("button", name="Click me")
    load_s = tp.goto(smoke_server.url, ready=click_me)
    print(f"server start {smoke_server.startup_seconds:.1f} s, first render {load_s:.1f} s")

    click_me.click()
    expect(page.get_by_text("Clicks: 1")).to_be_visible(timeout=15_000)

    # SolaraViz's own controls live in the sidebar; Step advances model.time.
    tp.open_sidebar()
    expect(page.get_by_text("Time: 0.0")).to_be_visible()
    page.get_by_role("button", name="Step").click()
    expect(page.get_by_text("Time: 1.0")).to_be_visible(timeout=15_000)

    tp.screenshot("smoke_solaraviz")
    tp.assert_healthy()
    assert smoke_server.is_alive()
    assert not smoke_server.python_errors(), smoke_server.log_text()
