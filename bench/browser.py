"""What a person waits for: every page in Debian chromium (Playwright) against ``streamlit run`` on the benchmark
database, until the page's main content is drawn.

- ``browser.<page>.cold_s``: a fresh browser context (empty HTTP cache, new session) on a running server whose
  caches a first visit has filled, from ``goto`` until the page is *drawn* (below). The server's very first
  visit of each page is reported with it as ``server_first_s``.
- ``browser.floor_s``: the same for ``bench/floor_app.py`` (one line of text) on its own ``streamlit run``:
  Streamlit's floor; every page line carries ``x_floor`` (its median over the floor's).
- ``browser.profile.interaction.{year,municipality,tab}_s``: on a drawn profile, from the click that commits
  the change (the option in the sidebar's year or municipality box, a tab) until the page is drawn again.

*Drawn* (``DRAWN_JS``): the script has finished (``stApp`` ``data-test-script-state`` is ``notRunning``, which
Streamlit sets after the last delta), no skeleton, spinner or stale element is visible, every visible ECharts
chart has its canvas, every data frame its grid canvas, every pydeck chart its canvas, the page's own minimum
content is there (``PAGES``), and then every pydeck canvas has painted (a screenshot of it holds more than 20
colours: WebGL pixels cannot be read from the page). Timing resolution is the 50 ms polling interval plus one
screenshot on map pages.
"""
from __future__ import annotations

import io
import os
import shutil
import statistics
import time
from dataclasses import dataclass
from pathlib import Path

from bench.common import ROOT, Context, error_figure, figure, scratch_dir
from bench.server import serve

CHROMIUM = "/usr/bin/chromium"
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
               "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-unsafe-swiftshader"]
CONTEXT_ARGS = {"viewport": {"width": 1400, "height": 1000}, "locale": "th-TH", "timezone_id": "Asia/Bangkok"}
FLOOR_APP = ROOT / "bench" / "floor_app.py"
LANG = "th"

COLD_TARGET_S = 2.0          # issue 16: every page cold <= 2.0 s ...
FLOOR_RATIO_TARGET = 1.5     # ... and <= 1.5 x the floor
INTERACTION_TARGET_S = 0.5
DRAW_TIMEOUT_MS = 90_000

METRIC = "[data-testid='stMetric']"
CHART = "[data-testid='stEChartsChart']"
DECK = "[data-testid='stDeckGlJsonChart']"
DATAFRAME = "[data-testid='stDataFrame']"
# the profile's KPI tiles: CFO total, reduction, award, per person, LCRS index, BASIC, scopes 1-3
PROFILE_KPIS = {METRIC: 9}
MARKDOWN = "[data-testid='stMarkdown']"


@dataclass(frozen=True)
class Page:
    """A page to time: its URL path (``{code}``/``{year}`` filled from the database) and the least content that
    means it is drawn (selector -> minimum number of visible elements)."""
    path: str
    least: dict


PAGES = {
    "overview": Page("", {"h1": 1, METRIC: 8, CHART: 2}),
    "profile": Page("profile?m={code}&year={year}", {"h1": 1, **PROFILE_KPIS, CHART: 1}),
    "compare": Page("compare", {"h1": 1, CHART: 1}),
    "map": Page("map", {"h1": 1, CHART: 1}),                  # points (ECharts), the default
    "map_columns": Page("map?kind=column", {"h1": 1, DECK: 1}),   # 3-D columns (deck.gl), on request
    "trends": Page("trends", {"h1": 1, CHART: 1}),
    "actions": Page("actions", {"h1": 1, CHART: 1}),
    "showcase": Page("showcase", {".st-key-kiosk .foot": 1}),   # every kiosk slide ends with its footer
    "methodology": Page("methodology", {"h1": 1, MARKDOWN: 2}),
    "data": Page("data", {"h1": 1, DATAFRAME: 1}),
}
FLOOR = Page("", {MARKDOWN: 1})


def selected_pages() -> dict:
    """``PAGES``, narrowed to the comma-separated names in ``BENCH_PAGES`` when it is set (to spare a shared
    machine while working on a few pages; the profile's interactions run only when the profile is selected)."""
    names = [n.strip() for n in os.environ.get("BENCH_PAGES", "").split(",") if n.strip()]
    return {n: PAGES[n] for n in names if n in PAGES} if names else PAGES

DRAWN_JS = """(least) => {
  const app = document.querySelector("[data-testid='stApp']");
  if (!app || app.getAttribute('data-test-script-state') !== 'notRunning'
      || app.getAttribute('data-test-connection-state') !== 'CONNECTED') return false;
  if (window.__lcrsNeedRun && !window.__lcrsRan) return false;
  const vis = (s) => [...document.querySelectorAll(s)].filter((e) => e.getClientRects().length > 0);
  if (vis("[data-testid='stSkeleton'], [data-testid='stSpinner'], [data-stale='true']").length) return false;
  if (vis("[data-testid='stEChartsChart']").some((e) => !e.querySelector('canvas, svg'))) return false;
  if (vis("[data-testid='stDataFrame']").some((e) => !e.querySelector('canvas'))) return false;
  if (vis("[data-testid='stDeckGlJsonChart']").some((e) => !e.querySelector('canvas'))) return false;
  for (const [sel, n] of Object.entries(least)) if (vis(sel).length < n) return false;
  return true;
}"""

# set before an interaction: the next "drawn" must come after a script run that started after it
WATCH_RUN_JS = """(needRun) => {
  window.__lcrsNeedRun = needRun; window.__lcrsRan = false;
  const app = document.querySelector("[data-testid='stApp']");
  if (window.__lcrsObserver) window.__lcrsObserver.disconnect();
  // a short run can go running -> notRunning before the callback reads the attribute: the records' old values
  window.__lcrsObserver = new MutationObserver((records) => {
    if (app.getAttribute('data-test-script-state') === 'running'
        || records.some((r) => r.oldValue === 'running')) window.__lcrsRan = true; });
  window.__lcrsObserver.observe(app, {attributes: true, attributeFilter: ['data-test-script-state'],
                                      attributeOldValue: true});
}"""

COUNTS_JS = """(least) => { const vis = (s) => [...document.querySelectorAll(s)].filter((e) => e.getClientRects().length > 0);
  const app = document.querySelector("[data-testid='stApp']");
  const out = {state: app && app.getAttribute('data-test-script-state'),
               busy: vis("[data-testid='stSkeleton'], [data-testid='stSpinner'], [data-stale='true']").length};
  for (const s of Object.keys(least)) out[s] = vis(s).length; return out; }"""


class NotDrawn(Exception):
    """A page did not reach its drawn state (or raised) in time."""


def launch(playwright):
    """Debian chromium with the project's launch flags (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)


def painted(png: bytes) -> bool:
    """Whether a screenshot of a canvas shows a drawing (a blank canvas has one or two colours)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png)).convert("RGB")
    return len(img.getcolors(maxcolors=1_000_000) or []) > 20


def wait_drawn(page, least: dict, t0: float, timeout_ms: int = DRAW_TIMEOUT_MS) -> float:
    """Wait until the page is drawn; seconds since ``t0`` (perf_counter). Raises ``NotDrawn`` with what was
    missing, or with the page's exception."""
    try:
        page.wait_for_function(DRAWN_JS, arg=least, polling=50, timeout=timeout_ms)
    except Exception as exc:
        raise NotDrawn(f"not drawn in {timeout_ms / 1000:.0f} s: {page.evaluate(COUNTS_JS, least)} "
                       f"({type(exc).__name__})") from None
    decks = page.locator(f"{DECK} canvas")
    for i in range(decks.count()):
        canvas = decks.nth(i)
        if not canvas.is_visible():
            continue
        while not painted(canvas.screenshot(animations="disabled")):
            if (time.perf_counter() - t0) * 1000 > timeout_ms:
                raise NotDrawn("the map canvas never painted")
            page.wait_for_timeout(50)
    elapsed = time.perf_counter() - t0
    exc = page.locator("[data-testid='stException']")
    if exc.count():
        raise NotDrawn(f"the page raised: {exc.first.inner_text()[:300]}")
    return elapsed


def cold_visit(browser, url: str, least: dict) -> float:
    """Seconds from ``goto`` to drawn in a fresh browser context."""
    ctx = browser.new_context(**CONTEXT_ARGS)
    try:
        page = ctx.new_page()
        t0 = time.perf_counter()
        page.goto(url, wait_until="commit")
        return wait_drawn(page, least, t0)
    finally:
        ctx.close()


def page_url(base: str, page: Page, code: str, year: int) -> str:
    path = page.path.format(code=code, year=year)
    sep = "&" if "?" in path else "?"
    return f"{base}/{path}{sep}lang={LANG}"


def pick(db_path: Path) -> dict:
    """Two pilot municipalities and the two latest years with activity (the profile's subjects)."""
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        codes = [r[0] for r in con.execute("SELECT code FROM municipality ORDER BY role = 'pilot' DESC, code "
                                           "LIMIT 2").fetchall()]
        years = [r[0] for r in con.execute("SELECT DISTINCT year FROM activity ORDER BY year DESC "
                                           "LIMIT 2").fetchall()]
    finally:
        con.close()
    return {"codes": codes, "years": [int(y) for y in years]}


# --- profile interactions ---------------------------------------------------------------------------------

def _combobox(page, label: str):
    return page.get_by_test_id("stSidebar").get_by_role("combobox", name=label, exact=True)


def _choose(page, box, option_text: str, least: dict, type_first: bool) -> float:
    """Open a selectbox, find ``option_text`` (typing it first for a long list), then time from the click on
    the option until the page is drawn again."""
    box.click()
    if type_first:
        box.fill(option_text)
    option = page.get_by_role("option").filter(has_text=option_text).first
    option.wait_for(timeout=30_000)
    page.evaluate(WATCH_RUN_JS, True)
    t0 = time.perf_counter()
    option.click()
    return wait_drawn(page, least, t0)


def _tab(page, index: int, least: dict) -> float:
    """Time from a click on tab ``index`` until it is the selected tab and the page is drawn again (the
    profile's tabs keep the open tab in the address, so a click reruns the script)."""
    page.evaluate(WATCH_RUN_JS, True)
    t0 = time.perf_counter()
    page.get_by_test_id("stTab").nth(index).click()
    page.wait_for_function("(i) => { const tab = document.querySelectorAll(\"[data-testid='stTab']\")[i];"
                           " return tab && tab.getAttribute('aria-selected') === 'true'; }", arg=index, polling=50,
                           timeout=DRAW_TIMEOUT_MS)
    return wait_drawn(page, least, t0)


def profile_interactions(browser, base: str, subjects: dict, runs: int) -> dict[str, list[float]]:
    """Year change, municipality change and tab switch on one drawn profile, ``runs`` times each (alternating
    between two values, so every change is a real one)."""
    from ui.fmt import year_label
    from ui.i18n import t

    codes, years = subjects["codes"], subjects["years"]
    least = PROFILE_KPIS
    ctx = browser.new_context(**CONTEXT_ARGS)
    out = {"year": [], "municipality": [], "tab": []}
    try:
        page = ctx.new_page()
        t0 = time.perf_counter()
        page.goto(page_url(base, PAGES["profile"], codes[0], years[0]), wait_until="commit")
        wait_drawn(page, PAGES["profile"].least, t0)
        year_box, muni_box = _combobox(page, t("year", LANG)), _combobox(page, t("municipality", LANG))
        for i in range(runs):
            out["year"].append(_choose(page, year_box, year_label(years[(i + 1) % 2], LANG), least, False))
        for i in range(runs):
            out["municipality"].append(_choose(page, muni_box, f"({codes[(i + 1) % 2]})", least, True))
        for i in range(runs):
            # the trend tab (3) and the CFO tab (1): both hold a chart
            out["tab"].append(_tab(page, 3 if i % 2 == 0 else 1, {CHART: 1}))
    finally:
        ctx.close()
    return out


# --- the run ------------------------------------------------------------------------------------------------

def run(ctx: Context, db_path: Path):
    """Yield the floor, every page's cold figure and the profile's interaction figures."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        for name in ["browser.floor_s"] + [f"browser.{p}.cold_s" for p in PAGES]:
            yield error_figure(name, "s", COLD_TARGET_S, ctx.scale, f"{CHROMIUM} is not installed")
        return
    runs = max(5, ctx.runs) if not ctx.quick else ctx.runs
    subjects = pick(db_path)
    pages = selected_pages()
    with scratch_dir(ctx) as work, sync_playwright() as pw:
        browser = launch(pw)
        try:
            with serve(FLOOR_APP, {}, work / "floor.log") as floor_server:
                cold_visit(browser, floor_server.url, FLOOR.least)          # the server's first visit
                floor_times = [cold_visit(browser, floor_server.url, FLOOR.least) for _ in range(runs)]
            floor = statistics.median(floor_times)
            yield figure("browser.floor_s", floor, "s", COLD_TARGET_S / FLOOR_RATIO_TARGET, ctx.scale,
                         runs=len(floor_times))
            # the server keeps a write connection: it gets a copy of its own
            copy = work / "served.duckdb"
            shutil.copy(db_path, copy)
            with serve(ROOT / "app.py", {"LCRS_DB": str(copy)}, work / "app.log") as app:
                first, times, errors = {}, {p: [] for p in pages}, {}
                for name, pg in pages.items():
                    url = page_url(app.url, pg, subjects["codes"][0], subjects["years"][0])
                    try:
                        first[name] = cold_visit(browser, url, pg.least)
                    except Exception as exc:
                        errors[name] = exc
                for _ in range(runs):
                    for name, pg in pages.items():
                        if name in errors:
                            continue
                        url = page_url(app.url, pg, subjects["codes"][0], subjects["years"][0])
                        try:
                            times[name].append(cold_visit(browser, url, pg.least))
                        except Exception as exc:
                            errors[name] = exc
                for name in pages:
                    fig = f"browser.{name}.cold_s"
                    if name in errors:
                        yield error_figure(fig, "s", COLD_TARGET_S, ctx.scale, errors[name])
                        continue
                    med = statistics.median(times[name])
                    rec = figure(fig, med, "s", COLD_TARGET_S, ctx.scale, runs=len(times[name]),
                                 x_floor=round(med / floor, 2), server_first_s=round(first[name], 2))
                    rec["ok"] = rec["ok"] and med <= FLOOR_RATIO_TARGET * floor
                    yield rec
                if "profile" not in pages:
                    return
                try:
                    inter = profile_interactions(browser, app.url, subjects, runs)
                except Exception as exc:
                    for kind in ("year", "municipality", "tab"):
                        yield error_figure(f"browser.profile.interaction.{kind}_s", "s", INTERACTION_TARGET_S,
                                           ctx.scale, exc)
                else:
                    for kind, values in inter.items():
                        yield figure(f"browser.profile.interaction.{kind}_s", statistics.median(values), "s",
                                     INTERACTION_TARGET_S, ctx.scale, runs=len(values))
        finally:
            browser.close()
