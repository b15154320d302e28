"""The kiosk operator: opens the public screen's address, checks it shows the network's figures with the demo
badge and no controls, watches it move to the next slide on its own, checks a city's figure on the award slide,
and sets up a second screen in English."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.journeys.conftest import DESKTOP, SHOTS
from tests.journeys.person import Person
from ui import fmt
from ui.i18n import t

ROTATION_S = 40      # one slide lasts 15 s by default; wait up to this long for the next


def test_kiosk(browser, demo_server, demo_facts):
    server, cli_db = demo_server
    me = Person(browser, server.url, "kiosk", DESKTOP, SHOTS)
    page = me.page
    try:
        with me.step("open the public screen"):
            me.open("/showcase?lang=th")
            expect(page.get_by_text(t("showcase.headline", "th"))).to_be_visible(timeout=60_000)
        # the number of LAOs on screen is the number in the database
        tile = page.locator(".tile", has_text=t("showcase.laos", "th"))
        assert tile.locator(".big").inner_text() == fmt.num(demo_facts["n_laos"])
        assert page.get_by_text(t("demo.badge", "th")).first.is_visible()
        assert not page.get_by_test_id("stSidebar").is_visible()

        with me.step("the slides move on by themselves"):
            expect(page.get_by_text(t("showcase.headline", "th"))).to_be_hidden(timeout=ROTATION_S * 1000)

        second = me.new_page()
        with me.step("set up a second screen in English", page=second):
            second.goto(f"{server.url}/showcase?lang=en")
            expect(second.get_by_text(t("showcase.headline", "en"))).to_be_visible(timeout=60_000)
        assert second.get_by_text(t("demo.badge", "en")).first.is_visible()
        second.close()
    finally:
        print(me.report())
        me.close()
