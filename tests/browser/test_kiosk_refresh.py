"""The wall screen shows a newly imported figure within one rotation, without a reload (real browser).

A server runs on a small real (non-demo) database with an editor password. One browser tab shows the kiosk
(``?embed=true&seconds=3``); a second tab signs in on the data page and imports one more municipality. The
kiosk's headline counts the LAOs in the network: the next time the headline slide comes round (at most one
rotation later) it must show the new count, in the same page, never reloaded.
"""
from __future__ import annotations

import subprocess
import sys
import time

import pytest

from bench.server import serve
from tests.helpers.browser_actions import choose
from tests.browser.conftest import ROOT

PASSWORD = "kiosk-test-password-2026"
IDLE = "[data-testid='stApp'][data-test-script-state='notRunning']"
NEW_MUNI = ("code,name_th,name_en,type,province_code,population,area_km2\n"
            "5001299,เทศบาลเมืองทดลอง,Test Town Municipality,mueang,50,10000,12.5\n")


def _cli(*args, stdin: str | None = None):
    subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, check=True, capture_output=True, text=True,
                   input=stdin)


@pytest.fixture(scope="module")
def real_server(tmp_path_factory):
    """`streamlit run app.py` on a database with the 3 test municipalities and their activities (real data:
    the data page refuses imports into the demo set), and an administrator account (whose imports are
    published at once)."""
    home = tmp_path_factory.mktemp("kiosk_home")
    db_path = home / "kiosk.duckdb"
    _cli("init", "--db", str(db_path))
    _cli("import", str(ROOT / "tests/good_files/municipalities.csv"), "--kind", "municipalities", "--db", str(db_path))
    _cli("import", str(ROOT / "tests/good_files/activities_long.csv"), "--kind", "activities", "--db", str(db_path))
    _cli("users", "add", "admin", "--role", "admin", "--password-stdin", "--db", str(db_path), stdin=PASSWORD + "\n")
    with serve(ROOT / "app.py", {"LCRS_DB": str(db_path)}, home / "streamlit.log") as server:
        yield server.url, home


def _headline_laos(kiosk) -> tuple[int, int]:
    """Wait for the headline slide; return (LAO count shown, number of slides in a rotation)."""
    tile = kiosk.locator(".tile", has_text="อปท. ในเครือข่าย")
    tile.wait_for(timeout=60_000)
    value = int(tile.locator(".big").inner_text(timeout=5_000).replace(",", ""))
    slide = kiosk.locator(".foot .slide").inner_text(timeout=5_000)
    return value, int(slide.split("/")[1])


def test_kiosk_shows_new_import_within_one_rotation(browser, real_server, tmp_path):
    url, _home = real_server
    kiosk_ctx = browser.new_context(viewport={"width": 1920, "height": 1080}, locale="th-TH",
                                    timezone_id="Asia/Bangkok")
    kiosk = kiosk_ctx.new_page()
    loads = []
    kiosk.on("load", lambda _: loads.append(1))
    kiosk.goto(f"{url}/showcase?embed=true&seconds=3")
    before, n_slides = _headline_laos(kiosk)
    assert before == 3                                   # the three municipalities of the test file
    assert kiosk.get_by_test_id("stSidebarNav").count() == 0   # no menu: navigation position="hidden"

    # the editor: each step waits for the page to settle (script idle) before the next, so a slow machine
    # delays the test instead of failing it
    editor = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="th-TH").new_page()
    editor.goto(f"{url}/data")
    editor.wait_for_selector(IDLE, timeout=120_000)
    editor.get_by_label("ชื่อบัญชี").fill("admin")
    editor.get_by_label("รหัสผ่าน", exact=True).fill(PASSWORD)
    editor.get_by_role("button", name="เข้าสู่ระบบ").click()
    editor.get_by_text("เข้าสู่ระบบเป็น", exact=False).first.wait_for(timeout=120_000)
    editor.wait_for_selector(IDLE, timeout=120_000)
    # the kind of data first (the page offers activity data first); then the file
    choose(editor, "ประเภทข้อมูล", "ข้อมูล อปท.")
    editor.wait_for_selector(IDLE, timeout=120_000)
    upload = tmp_path / "new_muni.csv"
    upload.write_text("\ufeff" + NEW_MUNI, encoding="utf-8")
    editor.locator("input[type=file]").set_input_files(str(upload))
    editor.get_by_text("ไฟล์ถูกต้อง", exact=False).first.wait_for(timeout=120_000)
    editor.wait_for_selector(IDLE, timeout=120_000)
    editor.get_by_role("button", name="บันทึกเข้าฐานข้อมูล").click(timeout=120_000)
    editor.get_by_text("บันทึกแล้ว", exact=False).first.wait_for(timeout=120_000)

    # the slides the kiosk shows from now on: the first headline after the import comes within one rotation
    seen = []
    deadline = time.monotonic() + 60 + 6 * n_slides      # a guard against hanging, not the assertion
    while time.monotonic() < deadline:
        label = kiosk.locator(".foot .slide").inner_text(timeout=10_000)
        if not seen or seen[-1] != label:
            seen.append(label)
        if label.startswith("1/") and len(seen) > 1:
            break
        kiosk.wait_for_timeout(300)
    assert len(seen) <= n_slides + 1, f"the headline did not come round within one rotation: {seen}"
    after, _ = _headline_laos(kiosk)
    assert after == 4, f"the kiosk still shows {after} LAOs after the import (slides seen: {seen})"
    assert len(loads) == 1, "the kiosk page was reloaded"
    kiosk_ctx.close()
