"""The whole review path in headless Chromium against `streamlit run` (Debian chromium, never `playwright install`):
an officer signs in, uploads a file with one row for a municipality outside their scope (refused, the row named),
fixes it and submits it; the public profile and kiosk do not change; the mentor signs in, sees the queue with the
before → after totals and approves; the public profile and the kiosk show the new figure.

Figures (gasoline 2.2719 kgCO2e/L, data/reference/emission_factors.csv), for Test Town (9000002, base year 2019):
- base year 2019: 10,000 L -> 22,719 kg = 22.719 t;
- published 2023: 2,300 L -> 5,225.37 kg = 5.225 t; reduction (22.719 - 5.22537) / 22.719 = 77.00 % (>= 5 %: one
  LAO of the network cut emissions by 5 % or more, the kiosk's headline tile);
- the officer's correction, 9,800 L -> 22,264.62 kg = 22.265 t; reduction (22.719 - 22.26462) / 22.719 = 2.00 %
  (< 5 %: the kiosk's tile drops to 0).
"""
from __future__ import annotations


import pytest

from bench.server import serve
from tests.browser.conftest import ROOT
from tests.helpers import sample_data as sd
from tests.helpers.browser_actions import choose

PW = "A-long-enough-passphrase"
GASOLINE_FIX = ["9000002", "2023", "CFO", "gasoline_onroad_l", "9800", "L", "", "", "M", "fuel log", ""]
OUTSIDE = ["9000003", "2023", "CFO", "electricity_kwh", "1", "kWh", "", "", "H", "", ""]
BASE_2019 = ["9000002", "2019", "CFO", "gasoline_onroad_l", "10000", "L", "", "", "M", "fuel log", ""]
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"


@pytest.fixture(scope="module")
def review_server(tmp_path_factory):
    """A real-data database (sample LAOs and activities, a 2019 base year for Test Town, three accounts) served
    by its own `streamlit run`."""
    from data.write import accounts
    from data.store import db
    from data.write.importer import import_file

    work = tmp_path_factory.mktemp("review_server")
    path = sd.new_real_database(work / "review.duckdb", kinds=("activities",))
    con = db.connect(path)
    try:
        r = import_file(con, sd.csv_bytes(sd.ACTIVITY_HEADER, [BASE_2019]), "base_2019.csv", "activities",
                        user="admin")
        assert r.ok, r.problems
        for name, role, codes in [("admin", "admin", []), ("officer2", "editor", ["9000002"]),
                                  ("mentor1", "mentor", ["9000001"])]:
            accounts.add_account(con, name, role, codes, PW, "tests")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    log = work / "streamlit.log"
    with serve(ROOT / "app.py", {"LCRS_DB": str(path)}, log) as server:
        yield server.url, work, log


def _open(page, url: str, path: str, kiosk: bool = False) -> None:
    page.goto(f"{url}/{path}")
    page.wait_for_selector("[data-testid='stApp'][data-test-connection-state='CONNECTED']", timeout=60_000)
    page.wait_for_selector(".st-key-kiosk .foot" if kiosk else IDLE, timeout=60_000)
    page.wait_for_timeout(1000)
    assert page.locator("[data-testid='stException']").count() == 0


def _sign_in(page, name: str) -> None:
    page.get_by_label("Account name").fill(name)
    page.get_by_label("Password", exact=True).fill(PW)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text(f"Signed in as {name}").first.wait_for(timeout=30_000)
    page.wait_for_selector(IDLE, timeout=60_000)


def _table_text(page, header: str) -> str:
    """The text of the first data frame with ``header`` among its columns (the cells are drawn on a canvas; the
    grid keeps an accessible table beside it)."""
    for frame in page.locator("[data-testid='stDataFrame']").all():
        text = frame.locator("table").first.text_content() or ""
        if header in text:
            return text
    return ""


def _metric(page, label: str) -> str:
    box = page.get_by_test_id("stMetric").filter(has_text=label).first
    return box.get_by_test_id("stMetricValue").inner_text().strip()


def _kiosk_cut_count(page) -> str:
    tile = page.locator(".st-key-kiosk .tile").filter(has_text="since their base year").first
    tile.wait_for(timeout=60_000)
    return tile.locator(".big").inner_text().strip()


def _public_profile(page, url: str) -> tuple[str, str]:
    _open(page, url, "profile?lang=en&m=9000002&year=2023")
    return _metric(page, "CFO total"), _metric(page, "Reduction vs base year")


def test_officer_submits_mentor_approves_public_sees_it(browser, review_server, screenshots_dir):
    url, work, log = review_server
    public = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    officer = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    mentor = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    try:
        viewer = public.new_page()
        _open(viewer, url, "?lang=en")
        assert _public_profile(viewer, url) == ("5.2", "+77.00 %")
        _open(viewer, url, "showcase?lang=en", kiosk=True)
        assert _kiosk_cut_count(viewer) == "1"

        # the officer: sign in on the data page, upload a file with a row of another municipality
        page = officer.new_page()
        _open(page, url, "?lang=en")
        _open(page, url, "data?lang=en")
        _sign_in(page, "officer2")
        choose(page, "Kind of data", "Activity data (CFO/CCF)")
        page.wait_for_selector(IDLE, timeout=60_000)
        bad = work / "test_town_2023.csv"
        bad.write_bytes(sd.csv_bytes(sd.ACTIVITY_HEADER, [GASOLINE_FIX, OUTSIDE]))
        page.locator("input[type=file]").set_input_files(str(bad))
        page.get_by_text("1 problem(s) found; nothing was saved.").wait_for(timeout=60_000)
        page.wait_for_selector(IDLE, timeout=60_000)
        problems = page.get_by_test_id("stMain").inner_text()  # the problem list (wrapped, not a table since the data-page rework)
        assert "municipality_code" in problems and "9000003" in problems and "3" in problems, problems
        assert page.get_by_role("button", name="Submit for review").count() == 0
        page.screenshot(path=str(screenshots_dir / "review_refused_row.png"), full_page=True)

        # fixed: the row of 9000003 removed; submitted for review
        fixed = work / "test_town_2023_fixed.csv"
        fixed.write_bytes(sd.csv_bytes(sd.ACTIVITY_HEADER, [GASOLINE_FIX]))
        page.locator("input[type=file]").set_input_files(str(fixed))
        try:
            page.get_by_text("The file is valid: 1 rows ready to save.").wait_for(timeout=60_000)
        finally:
            page.screenshot(path=str(screenshots_dir / "review_fixed_upload.png"), full_page=True)
        page.get_by_role("button", name="Submit for review").click()
        page.get_by_text("submitted for review").first.wait_for(timeout=60_000)

        # the public sees nothing new, on the profile or the kiosk
        assert _public_profile(viewer, url) == ("5.2", "+77.00 %")
        _open(viewer, url, "showcase?lang=en", kiosk=True)
        assert _kiosk_cut_count(viewer) == "1"

        # the mentor: the queue with the change to Test Town's totals, then approve
        mpage = mentor.new_page()
        _open(mpage, url, "?lang=en")
        _open(mpage, url, "review?lang=en")
        _sign_in(mpage, "mentor1")
        mpage.get_by_text("Waiting for your review").wait_for(timeout=30_000)
        changes = _table_text(mpage, "Before → after")
        assert "CFO total (tCO2e)" in changes and "5.225 → 22.265" in changes, changes
        mpage.screenshot(path=str(screenshots_dir / "review_queue.png"), full_page=True)
        mpage.get_by_role("button", name="Approve and publish").click()
        mpage.get_by_text("published.").first.wait_for(timeout=60_000)
        mpage.get_by_text("Nothing waits for your review.").wait_for(timeout=60_000)

        # the public profile and the kiosk show the new figure
        assert _public_profile(viewer, url) == ("22.3", "+2.00 %")
        viewer.screenshot(path=str(screenshots_dir / "review_public_profile_after.png"), full_page=True)
        _open(viewer, url, "showcase?lang=en", kiosk=True)
        assert _kiosk_cut_count(viewer) == "0"
        viewer.screenshot(path=str(screenshots_dir / "review_kiosk_after.png"))
    finally:
        for ctx in (public, officer, mentor):
            ctx.close()
