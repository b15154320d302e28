"""The mayor: opens the dashboard, finds their city in the sidebar, reads this year's and last year's figures,
looks at the trend, switches to English for a visitor, sends the link to the deputy (a fresh window opens the
same view), goes Back, clicks the city on the map, and reads the first screen on a phone."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.journeys.conftest import DESKTOP, PHONE, SHOTS, cli_summary
from tests.journeys.person import Person
from ui import fmt, profile_tables
from ui.i18n import t

MAP_POINTS = ".st-key-map_points [data-testid=stEChartsChart]"   # the map page's point map


def _cfo(summary: dict) -> str:
    # the profile shows CFO total with one decimal and thousands separators: 5117.263 -> "5,117.3"
    return fmt.num(summary["cfo"]["total"], 1)


def test_mayor(browser, demo_server, demo_facts):
    server, cli_db = demo_server
    code, year = demo_facts["pilot"], demo_facts["latest"] - 1
    now, before = cli_summary(cli_db, code, year), cli_summary(cli_db, code, year - 1)
    me = Person(browser, server.url, "mayor", DESKTOP, SHOTS)
    try:
        with me.step("open the dashboard"):
            me.open("/")
            expect(me.page.get_by_role("heading", name=t("page.overview", "th"))).to_be_visible()

        with me.step("open the profile from the menu"):
            me.menu(t("page.profile", "th"))
            expect(me.page.get_by_role("heading", name=t("page.profile", "th"))).to_be_visible()
            assert urlpath(me.page.url) == "/profile"

        with me.step("choose my city in the sidebar"):
            me.pick(t("municipality", "th"), code)
            expect(me.page.get_by_role("heading", name=demo_facts["pilot_th"])).to_be_visible()
        assert me.params()["m"] == code

        with me.step("choose the year"):
            me.pick(t("year", "th"), str(fmt.be(year)))
            expect(me.page.get_by_test_id("stMetricValue").first).to_have_text(_cfo(now))
        assert me.params() == {"lang": "th", "m": code, "year": str(year), "tab": "why"}
        assert me.metric(t("kpi.cfo_total", "th")) == _cfo(now)
        # like-for-like reduction vs base year, signed with two decimals: 29.61 -> "+29.61 %"
        assert me.metric(t("kpi.reduction", "th")) == fmt.pct(now["reduction"]["pct"], 2, signed=True)
        assert me.metric(t("kpi.award", "th")) == t("kpi.yes" if now["award_eligible"] else "kpi.no", "th")

        with me.step("read why: the change since the base year"):
            why = me.page.get_by_test_id("stTable").first
            why.scroll_into_view_if_needed()
        # the categories add up to the CFO totals of both years (summary JSON: total and base_total); each cell
        # is shown to 0.1 t, so the sum of n cells is within n × 0.05 t of the total
        cells = [[c.inner_text() for c in r.locator("td").all()] for r in why.locator("tbody tr").all()]
        col = lambda i: sum(float(r[i].replace(",", "")) for r in cells if r[i] != "—")  # noqa: E731
        assert abs(col(2) - now["cfo"]["total"]) <= 0.05 * len(cells)
        assert abs(col(1) - now["base_total"]) <= 0.05 * len(cells)
        changes = [abs(float(r[3].replace(",", ""))) for r in cells if r[3] != "—"]
        assert changes == sorted(changes, reverse=True)             # the biggest change first

        with me.step("compare with last year"):
            me.pick(t("year", "th"), str(fmt.be(year - 1)))
            expect(me.page.get_by_test_id("stMetricValue").first).to_have_text(_cfo(before))
        assert me.params()["year"] == str(year - 1)

        with me.step("open the trend tab"):
            me.tab(t("profile.tab.trend", "th"))
            expect(me.page.locator("[data-testid=stEChartsChart]:visible").first).to_be_visible()
        assert me.params()["tab"] == "trend"

        with me.step("switch to English"):
            me.language("English")
            expect(me.page.get_by_role("heading", name=demo_facts["pilot_en"])).to_be_visible()
        assert me.params() == {"lang": "en", "m": code, "year": str(year - 1), "tab": "trend"}
        assert me.metric(t("kpi.cfo_total", "en")) == _cfo(before)
        assert me.page.get_by_role("tab", selected=True).inner_text() == t("profile.tab.trend", "en")

        link = me.page.url
        deputy = me.new_page()
        with me.step("a fresh window opens the copied link", page=deputy):
            deputy.goto(link)
            expect(deputy.get_by_role("heading", name=demo_facts["pilot_en"])).to_be_visible()
        assert me.params(deputy) == me.params()
        assert deputy.get_by_role("tab", selected=True).inner_text() == t("profile.tab.trend", "en")
        assert me.metric(t("kpi.cfo_total", "en"), page=deputy) == _cfo(before)
        deputy.close()

        with me.step("press Back"):
            me.page.go_back()
            expect(me.page.get_by_role("heading", name=demo_facts["pilot_th"])).to_be_visible()
        assert me.params()["lang"] == "th"

        with me.step("open the map"):
            me.menu(t("page.map", "th"))
            expect(me.page.locator(MAP_POINTS)).to_be_visible()
            me.page.wait_for_timeout(1000)     # ECharts draws after the element appears
        assert me.params()["year"] == str(year - 1), me.page.url
        assert me.shown(t("year", "th")) == fmt.year_label(year - 1, "th")

        with me.step("show 3-D columns instead of points"):
            me.page.get_by_test_id("stRadio").get_by_text(t("map.kind.column", "th"), exact=True).click()
            expect(me.page.get_by_test_id("stDeckGlJsonChart")).to_be_visible()
        assert me.params()["kind"] == "column"

        with me.step("back to points"):
            me.page.get_by_test_id("stRadio").get_by_text(t("map.kind.scatter", "th"), exact=True).click()
            expect(me.page.locator(MAP_POINTS)).to_be_visible()
            me.page.wait_for_timeout(1000)
        assert me.params().get("kind", "scatter") == "scatter"

        with me.step("click my city on the map"):
            me.click_point_map(MAP_POINTS, *demo_facts["pilot_lonlat"], height=480)
            expect(me.page.get_by_role("heading", name=demo_facts["pilot_th"])).to_be_visible()
        assert urlpath(me.page.url) == "/profile"
        assert me.params()["m"] == code and me.params()["year"] == str(year - 1)
    finally:
        print(me.report())
        me.close()

    phone = Person(browser, server.url, "mayor", PHONE, SHOTS, size="phone")
    try:
        with phone.step("open the link on a phone"):
            phone.open(f"/profile?lang=th&m={code}&year={year}")
            expect(phone.page.get_by_role("heading", name=demo_facts["pilot_th"])).to_be_visible()
            phone.page.locator("[data-testid=stEChartsChart]:visible").first.wait_for()
            phone.page.wait_for_timeout(1000)
        # the first screen (844 px) answers: the city, its reduction and award status, and one chart
        answer = phone.page.get_by_role("heading", name=profile_tables.answer_line(now, "th"))
        chart = phone.page.locator("[data-testid=stEChartsChart]:visible").first
        for element in (phone.page.get_by_role("heading", name=demo_facts["pilot_th"]), answer, chart):
            box = element.bounding_box()
            assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], box
        # the KPI tiles sit two to a row
        tiles = [m.bounding_box() for m in phone.page.get_by_test_id("stMetric").all()[:2]]
        assert abs(tiles[0]["y"] - tiles[1]["y"]) < 5, tiles

        with phone.step("open the menu and go to the overview"):
            phone.menu(t("page.overview", "th"))
            phone.close_sidebar()
            expect(phone.page.get_by_role("heading", name=t("page.overview", "th"))).to_be_visible()
        # the overview's KPI grid leaves room for the map's title on the first screen
        box = phone.page.get_by_role("heading", name=t("overview.map", "th")).bounding_box()
        assert box is not None and box["y"] + box["height"] <= PHONE["height"], box
    finally:
        print(phone.report())
        phone.close()


def urlpath(url: str) -> str:
    from urllib.parse import urlparse

    return urlparse(url).path
