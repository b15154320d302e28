"""The mentor: compares a pilot city with its replicating cities cell by cell, finds each city's weakest cell,
looks at the gaps, downloads what is on screen, picks any cities to compare, sends the link, prints the page,
and checks it on a phone."""
from __future__ import annotations

import csv
import io

from playwright.sync_api import expect

from indicators.wma import CELL_COLUMNS
from tests.journeys.conftest import DESKTOP, PHONE, SHOTS, cli_summary
from tests.journeys.person import Person
from ui import fmt
from ui.i18n import t


def _weakest(summary: dict) -> str:
    """The pilot's weakest cell from the summary JSON: the lowest of its 12 scores, first in matrix order."""
    cells = {f"{theme}_{d}": summary["wma"][theme][str(d)] for theme in ("low_carbon", "bike_walk", "resilience")
             for d in (1, 2, 3, 4)}
    cells = {k: v for k, v in cells.items() if v is not None}
    col = min(CELL_COLUMNS, key=lambda c: (cells.get(c, float("inf")), CELL_COLUMNS.index(c)))
    theme, dim = col.rsplit("_", 1)
    return f"{t('theme.' + theme, 'th')} · {t('dim.' + dim, 'th')}"


def test_mentor(browser, demo_server, demo_facts):
    server, cli_db = demo_server
    pilot, rep, year = demo_facts["pilot"], demo_facts["replicating"], demo_facts["latest"] - 1
    s = cli_summary(cli_db, pilot, year)
    me = Person(browser, server.url, "mentor", DESKTOP, SHOTS)
    try:
        with me.step("open compare"):
            me.open("/compare?lang=th")
            expect(me.page.get_by_role("heading", name=t("page.compare", "th"))).to_be_visible()

        with me.step("choose the year"):
            me.pick(t("year", "th"), str(fmt.be(year)))
        assert me.params()["year"] == str(year)

        with me.step("open a pilot and its replicating cities"):
            me.tab(t("compare.pair", "th"))
            expect(me.page.get_by_text(t("compare.weakest_note", "th"))).to_be_visible()
        assert me.params()["tab"] == "pair" and me.params()["view"] == "cells"

        with me.step("choose the pilot"):
            me.pick(t("compare.pick_pilot", "th"), pilot)
            me.page.locator("[data-testid=stEChartsChart]:visible").first.wait_for()
        assert me.params()["pilot"] == pilot

        with me.step("download the table as CSV"):
            with me.page.expect_download() as got:
                me.page.locator("[data-testid=stDownloadButton]:visible").get_by_role(
                    "button", name=t("download.csv", "th")).first.click()
        table = list(csv.DictReader(io.StringIO(got.value.path().read_text(encoding="utf-8-sig"))))
        row = next(r for r in table if r[t("municipality", "th")].endswith(f"({pilot})"))
        # the weakest cell written beside the city equals the lowest of the summary's 12 scores
        assert row[t("compare.weakest", "th")] == _weakest(s)
        # and its low-carbon · 1 score equals the summary's, rounded to one decimal as on screen
        assert float(row[f"{t('theme.low_carbon', 'th')} · 1"]) == round(s["wma"]["low_carbon"]["1"], 1)
        assert any(r[t("municipality", "th")].endswith(f"({rep})") for r in table)

        with me.step("download the table as Excel"):
            with me.page.expect_download() as got_xlsx:
                me.page.locator("[data-testid=stDownloadButton]:visible").get_by_role(
                    "button", name=t("download.xlsx", "th")).first.click()
        import openpyxl

        sheet = openpyxl.load_workbook(io.BytesIO(got_xlsx.value.path().read_bytes())).active
        assert [c.value for c in sheet[1]][:2] == [t("municipality", "th"), t("compare.weakest", "th")]
        assert sheet.max_row == len(table) + 1

        with me.step("look at the gaps to the pilot"):
            me.page.get_by_test_id("stRadio").get_by_text(t("compare.view.gaps", "th"), exact=True).click()
            expect(me.page.get_by_text(t("compare.gap", "th")).first).to_be_visible()
        assert me.params()["view"] == "gaps"

        with me.step("compare any cities"):
            me.tab(t("compare.any", "th"))
            me.pick_many(t("compare.pick_many", "th"), [pilot, rep])
            expect(me.page.get_by_text(t("compare.weakest_note", "th")).filter(visible=True)).to_be_visible()
        assert me.params()["pick"] == f"{pilot},{rep}"

        link = me.page.url
        colleague = me.new_page()
        with me.step("a colleague opens the link", page=colleague):
            colleague.goto(link)
            expect(colleague.get_by_text(t("compare.weakest_note", "th")).filter(visible=True)).to_be_visible()
        assert me.params(colleague) == me.params()
        chips = colleague.get_by_test_id("stMultiSelect").first.inner_text()
        assert pilot in chips and rep in chips
        colleague.close()

        with me.step("print the page"):
            me.page.emulate_media(media="print")
        assert not me.page.get_by_test_id("stSidebar").is_visible()
        me.page.emulate_media(media="screen")
    finally:
        print(me.report())
        me.close()

    phone = Person(browser, server.url, "mentor", PHONE, SHOTS, size="phone")
    try:
        with phone.step("open the pair view on a phone"):
            phone.open(f"/compare?lang=en&year={year}&tab=pair&pilot={pilot}&view=cells")
            expect(phone.page.get_by_text(t("compare.weakest_note", "en")).filter(visible=True)).to_be_visible()
        assert phone.page.get_by_role("tab", selected=True).inner_text() == t("compare.pair", "en")
        # on a phone each city's 12 cells are a 3 x 4 grid; the pilot's (the first) marks the summary's weakest
        # cell, and the 12-column heatmap is not drawn
        marked = phone.page.locator(".lcrs-cells td[data-weakest]")
        expect(marked.first).to_be_visible()
        th_label = _weakest(s)
        theme_key = next(k for k in ("low_carbon", "bike_walk", "resilience") if th_label.startswith(t(f"theme.{k}", "th")))
        dim = next(d for d in "1234" if th_label.endswith(t(f"dim.{d}", "th")))
        score = s["wma"][theme_key][dim]
        assert marked.first.get_attribute("title") == \
            f"{t('theme.' + theme_key, 'en')} · {t('dim.' + dim, 'en')}: {score:.0f}"
        assert marked.first.inner_text().startswith("▼")
        assert not phone.page.locator("[class*='st-key-cells_wide_']").first.is_visible()
    finally:
        print(phone.report())
        phone.close()
