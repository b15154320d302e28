"""The municipal officer: signs in on the data page with their editor account, uploads this year's activity data
with three typing mistakes, reads every problem with its fix, corrects the file, submits it for review, and finds
the new figure on the profile with "include my unpublished data" on; then checks the page on a phone."""
from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from playwright.sync_api import expect

from tests.helpers.sample_data import ACTIVITY_HEADER, csv_bytes, new_real_database
from tests.journeys.conftest import DESKTOP, PHONE, ROOT, SHOTS, Server, cli_summary
from tests.journeys.person import Person
from ui import fmt
from ui.i18n import t

PASSWORD = "journey-editor-password"
OFFICER = "somsri"
CODE, YEAR = "9000001", 2024
GOOD_ROWS = [[CODE, str(YEAR), "CFO", "electricity_kwh", "150000", "kWh", "1", "", "H", "PEA bill", ""],
             [CODE, str(YEAR), "CFO", "electricity_kwh", "1000", "kWh", "2", "", "H", "PEA bill", ""],
             [CODE, str(YEAR), "CFO", "diesel_onroad_l", "8000", "L", "12", "", "M", "fuel log", ""]]
# the same file with three typing mistakes (a letter O for a zero, a misspelt activity, month 13) and a row of a
# neighbouring municipality the officer may not write: all four are found in one pass
BAD_ROWS = [[*GOOD_ROWS[0][:4], "15O000", *GOOD_ROWS[0][5:]],
            [*GOOD_ROWS[1][:3], "electricty_kwh", *GOOD_ROWS[1][4:]],
            [*GOOD_ROWS[2][:6], "13", *GOOD_ROWS[2][7:]],
            ["9000002", *GOOD_ROWS[2][1:]]]


@pytest.fixture(scope="module")
def officer_server(tmp_path_factory):
    """A server on a real (not demo) database with the sample municipalities and their 2023 activities, the
    editor password set; yields (server, files dir, path of a copy with the corrected file imported by CLI)."""
    work = tmp_path_factory.mktemp("officer")
    db = new_real_database(work / "real.duckdb", kinds=("activities",))
    files = work / "files"
    files.mkdir()
    (files / "activities_2567_draft.csv").write_bytes(csv_bytes(ACTIVITY_HEADER, BAD_ROWS))
    (files / "activities_2567.csv").write_bytes(csv_bytes(ACTIVITY_HEADER, GOOD_ROWS))
    expected = shutil.copy(db, work / "expected.duckdb")
    subprocess.run([sys.executable, "-m", "data", "import", str(files / "activities_2567.csv"), "--kind",
                    "activities", "--db", str(expected)], cwd=ROOT, check=True, capture_output=True)
    for name, role, extra in (("admin", "admin", []), (OFFICER, "editor", ["--municipality", CODE])):
        subprocess.run([sys.executable, "-m", "data", "users", "add", name, "--role", role, *extra,
                        "--password-stdin", "--db", str(db)], cwd=ROOT, check=True, capture_output=True,
                       input=PASSWORD + "\n", text=True)
    server = Server(db, work)
    try:
        yield server, files, expected
    finally:
        server.stop()


def test_officer(browser, officer_server):
    server, files, expected_db = officer_server
    expected = cli_summary(expected_db, CODE, YEAR)
    me = Person(browser, server.url, "officer", DESKTOP, SHOTS)
    page = me.page
    try:
        with me.step("open the data page from the menu"):
            me.open("/?lang=th")
            me.menu(t("page.data", "th"))
            expect(page.get_by_role("heading", name=t("data.title", "th"))).to_be_visible()
        assert page.get_by_text(t("demo.badge", "th")).count() == 0        # a real database

        with me.step("sign in"):
            page.get_by_label(t("auth.name", "th")).fill(OFFICER)
            page.get_by_label(t("auth.password", "th")).fill(PASSWORD)
            page.get_by_role("button", name=t("auth.sign_in", "th")).click()
            expect(page.get_by_text(t("auth.signed_in_as", "th", name=OFFICER,
                                      role=t("auth.role.editor", "th"))).first).to_be_visible()
        # activity data, what an officer brings most often, is the first choice
        assert me.shown(t("data.kind", "th")) == t("data.kind.activities", "th")
        # the drop zone speaks Thai (its words are drawn by the page's style, so read them from there)
        button = page.get_by_test_id("stFileUploaderDropzone").locator("button p").first
        assert button.evaluate("e => getComputedStyle(e, '::after').content") == f'"{t("upload.browse", "th")}"'


        with me.step("upload the draft with mistakes"):
            page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(
                str(files / "activities_2567_draft.csv"))
            expect(page.get_by_text(t("data.problems", "th", n=4))).to_be_visible()

        with me.step("read the problems"):
            table = page.get_by_test_id("stTable")
            table.scroll_into_view_if_needed()
        # each line: the file's row, the column, the value as typed, the problem, how to fix it
        for row, column, typed, fix in (("2", "amount", "15O000", "fix.amount"),
                                        ("3", "activity", "electricty_kwh", "fix.activity"),
                                        ("4", "month", "13", "fix.month"),
                                        ("5", "municipality_code", "9000002", "fix.scope")):
            cells = [c.strip() for c in table.locator("tr", has_text=column).first.inner_text().split("\t")]
            assert cells[:3] == [row, column, typed], cells
            assert t(fix, "th") in cells, cells
        assert page.get_by_role("button", name=t("review.submit", "th")).count() == 0

        with me.step("upload the corrected file"):
            page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(
                str(files / "activities_2567.csv"))
            expect(page.get_by_text(t("data.valid", "th", rows="3"))).to_be_visible()

        with me.step("submit for review"):
            page.get_by_role("button", name=t("review.submit", "th")).click()
            expect(page.get_by_text(t("review.submitted", "th", id="", rows="3")[:12])).to_be_visible()

        with me.step("include my unpublished data"):
            page.get_by_test_id("stSidebar").get_by_text(t("auth.include_unpublished", "th")).click()

        with me.step("see the new figure on the profile"):
            me.menu(t("page.profile", "th"))
            me.pick(t("municipality", "th"), CODE)
            me.pick(t("year", "th"), str(fmt.be(YEAR)))
            expect(page.get_by_test_id("stMetricValue").first).to_have_text(fmt.num(expected["cfo"]["total"], 1))
        assert me.metric(t("kpi.cfo_total", "th")) == fmt.num(expected["cfo"]["total"], 1)
    finally:
        print(me.report())
        me.close()

    phone = Person(browser, server.url, "officer", PHONE, SHOTS, size="phone")
    try:
        with phone.step("open the data page on a phone"):
            phone.open("/data?lang=th")
            expect(phone.page.get_by_role("heading", name=t("data.title", "th"))).to_be_visible()
        assert phone.page.get_by_label(t("auth.password", "th")).is_visible()
    finally:
        print(phone.report())
        phone.close()
