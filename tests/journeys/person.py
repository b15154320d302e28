"""A person at a browser: clicks, picks, reads; each step timed, photographed and checked.

A step fails on any Streamlit exception box, any browser console error, any failed request and any request that
leaves the test server. One exception, with its reason: when a page is opened by its deep link (``/profile``),
Streamlit's front end first looks for its server under that path (``/profile/_stcore/health`` and
``/profile/_stcore/host-config``, answered 404) and then finds it at ``/``; those two probes are expected.
"""
from __future__ import annotations

import contextlib
import math
import re
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

PROBE = re.compile(r"^/[a-z_]+/_stcore/(health|host-config)$")


class Person:
    """One browser context (a window of its own) for one person at one screen size."""

    def __init__(self, browser, base_url: str, journey: str, viewport: dict, shots: Path, size: str = "desktop"):
        self.base = base_url
        self.journey = journey
        self.size = size
        self.shots = shots / journey
        self.shots.mkdir(parents=True, exist_ok=True)
        for old in self.shots.glob(f"{size}_*.png"):     # this run's pictures only
            old.unlink()
        self.context = browser.new_context(viewport=viewport, locale="th-TH", timezone_id="Asia/Bangkok",
                                           accept_downloads=True)
        self.problems: list[str] = []
        self.times: list[tuple[str, float]] = []
        self.page = self.new_page()

    # --- watching -----------------------------------------------------------------------------------------
    def new_page(self) -> Page:
        """A new tab in this person's window, watched like the first."""
        page = self.context.new_page()
        host = urlparse(self.base).netloc

        def on_console(msg):
            if msg.type != "error":
                return
            url = (msg.location or {}).get("url", "")
            if "404" in msg.text and PROBE.match(urlparse(url).path or ""):
                return
            self.problems.append(f"console error: {msg.text} ({url})")

        def on_response(resp):
            if resp.status >= 400 and not PROBE.match(urlparse(resp.url).path):
                self.problems.append(f"HTTP {resp.status}: {resp.url}")

        def on_request(req):
            if req.url.startswith(("http", "ws")) and urlparse(req.url).netloc != host:
                self.problems.append(f"request outside the server: {req.url}")

        page.on("console", on_console)
        page.on("pageerror", lambda err: self.problems.append(f"page error: {err}"))
        page.on("requestfailed", lambda req: self.problems.append(f"failed request: {req.url} {req.failure}"))
        page.on("response", on_response)
        page.on("request", on_request)
        return page

    def close(self) -> None:
        self.context.close()

    # --- steps --------------------------------------------------------------------------------------------
    @contextlib.contextmanager
    def step(self, title: str, page: Page | None = None):
        """One thing the person does: timed (printed), photographed, then checked for errors."""
        page = page or self.page
        t0 = time.perf_counter()
        yield page
        self.settle(page)
        seconds = time.perf_counter() - t0
        n = len(self.times) + 1
        self.times.append((title, seconds))
        print(f"[{self.journey} {self.size}] {n:02d} {title}: {seconds:.2f} s")
        slug = re.sub(r"[^a-z0-9]+", "_", title.lower()).strip("_")[:50]
        page.screenshot(path=str(self.shots / f"{self.size}_{n:02d}_{slug}.png"), full_page=False)
        self.check(page)

    def settle(self, page: Page | None = None) -> None:
        """Wait until the app is connected and no script runs (twice, as one run can start another)."""
        page = page or self.page
        for _ in range(2):
            page.wait_for_timeout(250)
            page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']",
                                   timeout=60_000)
            page.wait_for_selector("[data-testid='stApp'][data-test-script-state='notRunning']", timeout=60_000)
        page.wait_for_timeout(250)

    def check(self, page: Page | None = None) -> None:
        page = page or self.page
        boxes = page.get_by_test_id("stException")
        assert boxes.count() == 0, boxes.first.inner_text()
        assert not self.problems, self.problems

    # --- acting -------------------------------------------------------------------------------------------
    def open(self, path: str, page: Page | None = None) -> None:
        (page or self.page).goto(self.base + path)

    def menu(self, label: str) -> None:
        """Click a page in the sidebar menu (opening the sidebar first on a phone)."""
        self.open_sidebar()
        self.page.get_by_test_id("stSidebar").get_by_role("link", name=label).click()

    def open_sidebar(self) -> None:
        sidebar = self.page.get_by_test_id("stSidebar")
        if sidebar.get_attribute("data-collapsed") == "false":
            return
        self.page.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar).to_have_attribute("data-collapsed", "false")

    def close_sidebar(self) -> None:
        sidebar = self.page.get_by_test_id("stSidebar")
        if sidebar.get_attribute("data-collapsed") == "false":
            sidebar.get_by_test_id("stSidebarCollapseButton").locator("button").click()
            expect(sidebar).to_have_attribute("data-collapsed", "true")

    def pick(self, label: str, option: str, within=None) -> None:
        """Choose ``option`` (any part of its text) in the select box labelled ``label``, typing to filter as a
        person does in a long list."""
        scope = within or self.page
        box = scope.get_by_test_id("stSelectbox").filter(has=self.page.get_by_text(label, exact=True)).first
        box.click()
        self.page.keyboard.type(option)
        self.page.get_by_role("option").filter(has_text=option).first.click()

    def pick_many(self, label: str, options: list[str]) -> None:
        box = self.page.get_by_test_id("stMultiSelect").filter(has=self.page.get_by_text(label, exact=True)).first
        expect(box).to_be_visible()
        for option in options:
            box.click()
            self.page.keyboard.type(option)
            self.page.get_by_role("option").filter(has_text=option).first.click()
            self.settle()
        self.page.keyboard.press("Escape")

    def tab(self, label: str) -> None:
        """Open a tab and wait until the app has run with it open."""
        tab = self.page.get_by_role("tab", name=label)
        tab.click()
        self.settle()
        expect(tab).to_have_attribute("aria-selected", "true")

    def language(self, label: str) -> None:
        """Switch the language in the sidebar ('ไทย' or 'English')."""
        self.open_sidebar()
        self.page.get_by_test_id("stSidebar").get_by_role("radio", name=label).click()

    def click_map(self, lon: float, lat: float, view) -> None:
        """Click the point (lon, lat) of the deck.gl map drawn with the flat ``view`` (a pydeck ViewState):
        Web Mercator, the world 512 × 2^zoom pixels wide, the view's centre at the canvas centre."""
        canvas = self.page.get_by_test_id("stDeckGlJsonChart").locator("canvas").first
        box = canvas.bounding_box()
        world = 512 * 2 ** view.zoom

        def project(lo, la):
            y = math.log(math.tan(math.pi / 4 + math.radians(la) / 2))
            return (lo + 180) / 360 * world, (1 - y / math.pi) / 2 * world

        x0, y0 = project(view.longitude, view.latitude)
        x, y = project(lon, lat)
        self.page.mouse.move(box["x"] + box["width"] / 2 + x - x0, box["y"] + box["height"] / 2 + y - y0)
        self.page.wait_for_timeout(400)       # deck.gl picks on hover first, as under a person's hand
        self.page.mouse.down()
        self.page.mouse.up()

    def click_point_map(self, chart: str, lon: float, lat: float, height: int) -> None:
        """Click the point (lon, lat) of the ECharts point map ``chart`` (a selector) drawn ``height`` px high
        (``ui.map_chart``): its plotting area is ``ui.map_chart.plot_size`` wide and high, centred across the
        chart, 10 px from its top, and spans Thailand's extent (``geo.layers.THAILAND_LONS``/``THAILAND_LATS``)
        linearly."""
        from geo.layers import THAILAND_LATS, THAILAND_LONS
        from ui.map_chart import plot_size

        box = self.page.locator(chart).locator("canvas").first.bounding_box()
        plot_w, plot_h = plot_size(height)
        x = (box["x"] + (box["width"] - plot_w) / 2
             + (lon - THAILAND_LONS[0]) / (THAILAND_LONS[1] - THAILAND_LONS[0]) * plot_w)
        y = box["y"] + 10 + (THAILAND_LATS[1] - lat) / (THAILAND_LATS[1] - THAILAND_LATS[0]) * plot_h
        self.page.mouse.move(x, y)
        self.page.wait_for_timeout(400)       # the tooltip shows on hover first, as under a person's hand
        self.page.mouse.click(x, y)

    # --- reading ------------------------------------------------------------------------------------------
    def params(self, page: Page | None = None) -> dict[str, str]:
        """The address's query parameters, one value each."""
        return {k: v[0] for k, v in parse_qs(urlparse((page or self.page).url).query).items()}

    def metric(self, label: str, page: Page | None = None) -> str:
        """The value shown in the KPI tile whose label starts with ``label``."""
        tile = (page or self.page).get_by_test_id("stMetric").filter(
            has=(page or self.page).get_by_test_id("stMetricLabel").get_by_text(label)).first
        return tile.get_by_test_id("stMetricValue").inner_text().strip()

    def shown(self, label: str, page: Page | None = None) -> str:
        """What the select box labelled ``label`` shows."""
        return (page or self.page).get_by_role("combobox", name=label).first.input_value()

    def main_text(self, page: Page | None = None) -> str:
        return (page or self.page).get_by_test_id("stMain").inner_text()

    def report(self) -> str:
        total = sum(s for _, s in self.times)
        return "\n".join([f"{self.journey} ({self.size}): {len(self.times)} steps, {total:.1f} s"]
                         + [f"  {i:02d} {title}: {s:.2f} s" for i, (title, s) in enumerate(self.times, 1)])
