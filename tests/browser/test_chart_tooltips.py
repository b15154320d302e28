"""Imported names in chart tooltips are shown as typed, never as HTML, in a real browser.

ECharts draws titles, axes, legends and labels on a canvas (plain text), but its tooltip is an HTML element
filled from the option. ``ui.charts`` puts names only into ``name``/``data`` fields (tests/test_safe_text.py
checks that no template holds one); this test checks the other half, in chromium against ``streamlit run``:
that the installed ECharts (Streamlit's bundle) escapes the names it fills into the tooltip. A name holding a
link and a 60 px span is hovered in every chart kind that shows names in a tooltip; the tooltip must show the
markup as text and the page must hold no element made from it. If an upgrade stops escaping, this fails and
the builders must add a plain-text tooltip of their own.
"""
from __future__ import annotations


import pytest

from bench.server import serve
from tests.browser.conftest import ROOT

LINK = '<a href="https://evil.example/x">click</a>'
BIG = '<span style="font-size:60px;color:red">BIG</span>'
NAME = f"{LINK}{BIG}"

# one chart per kind whose tooltip names something: a category, a series, a point, a node
APP = f'''
import pandas as pd
import streamlit as st
from ui import charts, layout

NAME = {NAME!r}
series = pd.DataFrame({{"year": [2020, 2021, 2020, 2021], "value": [1.0, 2.0, 3.0, 4.0],
                       "name": [NAME, NAME, "plain", "plain"]}})
layout.chart(charts.trend_figure(series, "en", name_col="name"), key="trend")
layout.chart(charts.grouped_bar(pd.DataFrame({{"x": [NAME], "y": [5.0], "c": [NAME]}}), x="x", y="y", colour="c",
                                lang="en", y_title="t"), key="bar")
layout.chart(charts.change_bars(pd.DataFrame({{"label": [NAME], "change_t": [-3.0]}}), "label", "en", "tCO2e"),
             key="change")
# points every 0.1 degree over the whole extent: wherever the mouse is, one is under it
grid = [(97.4 + i / 10, 5.7 + j / 10) for i in range(83) for j in range(148)]
points = pd.DataFrame({{"lon": [g[0] for g in grid], "lat": [g[1] for g in grid], "v": [float(k % 7) for k in
                       range(len(grid))], "name": [NAME] * len(grid)}})
layout.chart(charts.point_map(points, "v", "name", "t"), key="points")
rows = pd.DataFrame({{"scope": [1], "category": ["mobile"], "name": [NAME], "tco2e": [10.0]}})
layout.chart(charts.cfo_sunburst(rows, "en"), key="sunburst")
st.markdown("done")
'''

# ECharts' tooltip is an absolutely placed div with a very high z-index, inside the chart element
TOOLTIP_JS = """(el) => [...el.querySelectorAll('div')].filter((d) => getComputedStyle(d).zIndex === '9999999'
    && getComputedStyle(d).display !== 'none' && getComputedStyle(d).opacity !== '0')
    .map((d) => ({text: d.innerText, html: d.innerHTML}))"""
INJECTED_JS = """() => ({links: document.querySelectorAll('a[href*="evil.example"]').length,
    big: [...document.querySelectorAll('span')].filter((s) => s.style.fontSize === '60px').length})"""


@pytest.fixture(scope="module")
def charts_url(tmp_path_factory):
    work = tmp_path_factory.mktemp("tooltips")
    script = work / "hostile_charts.py"
    script.write_text(APP, encoding="utf-8")
    with serve(script, {"PYTHONPATH": str(ROOT)}, work / "streamlit.log") as server:
        yield server.url


def _hover_until_tooltip(page, chart) -> list[dict]:
    """Move the mouse over a grid of points of the chart until its tooltip names the hostile name."""
    box = chart.bounding_box()
    for fy in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8):
        for fx in (0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8, 0.1, 0.9):
            page.mouse.move(box["x"] + box["width"] * fx, box["y"] + box["height"] * fy)
            page.wait_for_timeout(120)
            tips = [tip for tip in chart.evaluate(TOOLTIP_JS) if "evil.example" in tip["html"]]
            if tips:
                return tips
    return []


@pytest.mark.parametrize("key", ["trend", "bar", "change", "points", "sunburst"])
def test_tooltip_shows_a_hostile_name_as_text(page, charts_url, key, screenshots_dir):
    page.goto(charts_url)
    page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
    chart = page.locator(f".st-key-{key} [data-testid='stEChartsChart']")
    chart.locator("canvas").first.wait_for(timeout=60_000)
    chart.scroll_into_view_if_needed()
    page.wait_for_timeout(800)                   # the entry animation
    tips = _hover_until_tooltip(page, chart)
    chart.screenshot(path=str(screenshots_dir / f"tooltip_{key}.png"))
    assert tips, f"no tooltip naming the hostile name on the {key} chart"
    # shown as typed: the reader sees the tags as text ...
    assert any(LINK in tip["text"] for tip in tips), tips
    # ... and nothing in the page was made from them
    assert page.evaluate(INJECTED_JS) == {"links": 0, "big": 0}
