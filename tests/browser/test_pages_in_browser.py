"""Each page loads in headless Chromium with no error element and no failed or external request; the maps draw."""
from __future__ import annotations

import io
from urllib.parse import urlparse

import pytest

PAGES = ["overview", "profile", "compare", "map", "trends", "actions", "showcase", "methodology", "data"]
PROFILE_CODE_QUERY = "m={code}&year=2024"


def _wait_for_app(page, kiosk: bool = False) -> None:
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=60_000)
    if kiosk:  # the kiosk fragment keeps rerunning: wait for its content instead
        page.wait_for_selector(".st-key-kiosk .foot", timeout=60_000)
    else:
        page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
    page.wait_for_timeout(1500)


def _watch_network(page, base: str):
    problems = []
    host = urlparse(base).hostname

    def on_request(req):
        h = urlparse(req.url).hostname
        if req.url.startswith(("http://", "https://", "ws://", "wss://")) and h not in (host, "localhost"):
            problems.append(f"external request: {req.url}")

    page.on("request", on_request)
    page.on("requestfailed", lambda req: problems.append(f"failed request: {req.url} {req.failure}"))
    return problems


def _canvas_has_drawing(png_bytes: bytes) -> bool:
    from PIL import Image

    img = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    colours = img.getcolors(maxcolors=1_000_000) or []
    return len(colours) > 20          # a blank canvas has one or two colours


@pytest.fixture(scope="module")
def a_pilot_code(demo_db_path):
    import duckdb

    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        return con.execute("SELECT code FROM municipality WHERE role = 'pilot' ORDER BY code LIMIT 1").fetchone()[0]
    finally:
        con.close()


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("page_name", PAGES)
def test_page_loads_cleanly(page, app_url, page_name, lang, a_pilot_code, screenshots_dir):
    problems = _watch_network(page, app_url)
    query = f"lang={lang}"
    if page_name == "profile":
        query += "&" + PROFILE_CODE_QUERY.format(code=a_pilot_code)
    path = "" if page_name == "overview" else page_name          # the default page lives at /
    page.goto(f"{app_url}/{path}?{query}")
    _wait_for_app(page, kiosk=(page_name == "showcase"))
    assert page.locator("[data-testid='stException']").count() == 0, page.locator("[data-testid='stException']").first.inner_text()
    page.screenshot(path=str(screenshots_dir / f"{page_name}_{lang}.png"), full_page=page_name != "showcase")
    assert not problems, problems


@pytest.mark.parametrize("page_name", ["map", "map_columns", "overview"])
def test_map_canvas_draws_offline(page, app_url, page_name, screenshots_dir):
    problems = _watch_network(page, app_url)
    path = {"overview": "?lang=th", "map": "map?lang=th", "map_columns": "map?lang=th&kind=column"}[page_name]
    page.goto(f"{app_url}/{path}")
    _wait_for_app(page)
    # the map page's points and the overview's light map are ECharts scatters; the 3-D columns are deck.gl
    chart = page.get_by_test_id("stDeckGlJsonChart" if page_name == "map_columns" else "stEChartsChart").first
    chart.wait_for(timeout=30_000)
    page.wait_for_timeout(3000)
    png = chart.screenshot(animations="disabled", path=str(screenshots_dir / f"{page_name}_deck.png"))
    assert _canvas_has_drawing(png)
    assert not problems, problems
