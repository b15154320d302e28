"""The data page (AppTest): read-only without an account, wrong password refused, administrator → check a file
(preview, problems) → save → roll back; an editor's file is submitted for review, rows outside its scope refused."""
from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.helpers.import_db import BAD, GOOD, make_db
from tests.helpers.db_state import table_checksums
from ui.i18n import t
# st.table shows Markdown: cells from the file are escaped (the browser shows them without the backslashes)
from ui.safe_text import markdown_text as md

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "data_admin.py")
SECRET = "correct horse battery staple"


@pytest.fixture(autouse=True)
def thai():
    """The page run on its own (not through app.py) speaks the process language: Thai, whatever ran before."""
    from ui.i18n import set_lang

    set_lang("th")
    yield
    set_lang("th")


@pytest.fixture(params=[True])
def page_db(tmp_path, monkeypatch, request):
    """A real (non-demo) database with three municipalities, served to the page instead of the app's file."""
    import ui.db as uidb

    from data.write import accounts

    con = make_db(tmp_path / "page.duckdb")
    changed = []
    if request.param:
        accounts.add_account(con, "admin", "admin", [], SECRET, "tests")
        accounts.add_account(con, "officer", "editor", ["1401101"], SECRET, "tests")
    monkeypatch.setattr(uidb, "get_connection", lambda: con)
    monkeypatch.setattr(uidb, "on_data_changed", lambda: (changed.append(1), st.cache_data.clear()))
    st.cache_data.clear()
    yield con, changed
    st.cache_data.clear()
    con.close()


def _texts(at: AppTest) -> str:
    parts = [e.value for kind in ("info", "error", "success", "warning", "caption", "markdown", "title", "subheader")
             for e in getattr(at, kind)]
    return "\n".join(str(p) for p in parts)


def _signed_in(at: AppTest, password: str, name: str = "admin") -> AppTest:
    at.text_input(key="data.name").input(name)
    at.text_input(key="data.password").input(password)
    at.button(key="data.login").click()
    return at.run()


@pytest.mark.parametrize("page_db", [False], indirect=True)
def test_read_only_without_an_administrator_account(page_db):
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert "ยังไม่มีบัญชีผู้ดูแลระบบ" in _texts(at)
    assert len(at.get("file_uploader")) == 0 and len(at.text_input) == 0
    # 5 kinds x (xlsx + csv) + the wide activities template = 11 downloads, available to everyone
    assert len(at.get("download_button")) == 11


def test_wrong_password_is_refused_and_never_shown(page_db):
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at = _signed_in(at, "guess-wrong")
    assert "ชื่อบัญชีหรือรหัสผ่านไม่ถูกต้อง" in _texts(at)
    assert len(at.get("file_uploader")) == 0
    page_text = _texts(at)
    assert SECRET not in page_text and "guess-wrong" not in page_text
    assert at.text_input(key="data.password").proto.type == at.text_input(key="data.password").proto.PASSWORD


def test_an_editors_file_is_submitted_for_review_and_rows_outside_its_scope_refused(page_db):
    con, changed = page_db
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at = _signed_in(at, SECRET, "officer")
    assert not at.exception and len(at.get("file_uploader")) == 1
    assert not any(c.key == "data.replace" for c in at.checkbox)      # publication replaces, after review
    at.selectbox(key="data.kind").set_value("scorecard")
    at.get("file_uploader")[0].set_value(("scorecard.csv", (GOOD / "scorecard.csv").read_bytes(), "text/csv"))
    at.run()
    assert "ไฟล์ถูกต้อง: 3 แถว" in _texts(at)       # the three rows are all 1401101's: in the officer's scope
    at.button(key="data.commit").click()
    at.run()
    assert not at.exception
    assert "ส่งชุดข้อมูล" in _texts(at)
    assert con.execute("SELECT count(*) FROM scorecard").fetchall()[0][0] == 0        # not published
    assert con.execute("SELECT review_status, imported_by FROM import_batch ORDER BY batch_id DESC "
                       "LIMIT 1").fetchall() == [("submitted", "officer")]
    # a file with a row of another municipality: refused, the row named
    other = (GOOD / "scorecard.csv").read_text(encoding="utf-8-sig").replace("1401101,2024,preliminary,1,P1.2",
                                                                             "5001101,2024,preliminary,1,P1.2")
    at.get("file_uploader")[0].set_value(("other.csv", other.encode(), "text/csv"))
    at.run()
    problems = at.table[0].value               # the problems, wrapped, one line each, indexed by row
    assert list(problems.index) == ["3"] and problems.iloc[0]["คอลัมน์"] == md("municipality_code")
    assert "5001101" in problems.iloc[0]["ปัญหา"]
    assert not any(b.key == "data.commit" for b in at.button)
    # only an administrator rolls back
    assert not any(b.key == "data.rb_do" for b in at.button)


def test_right_password_check_save_and_roll_back(page_db):
    con, changed = page_db
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at = _signed_in(at, SECRET)
    assert not at.exception
    at.selectbox(key="data.kind").set_value("scorecard")
    at.get("file_uploader")[0].set_value(("scorecard.csv", (GOOD / "scorecard.csv").read_bytes(), "text/csv"))
    at.run()
    assert "ไฟล์ถูกต้อง: 3 แถว" in _texts(at)
    assert con.execute("SELECT count(*) FROM scorecard").fetchall()[0][0] == 0     # checked, not saved yet
    at.button(key="data.commit").click()
    at.run()
    assert not at.exception
    assert con.execute("SELECT count(*) FROM scorecard").fetchall()[0][0] == 3
    assert changed == [1]
    batch = con.execute("SELECT max(batch_id) FROM import_batch").fetchall()[0][0]
    at.selectbox(key="data.rb_pick").set_value(batch)
    at.checkbox(key="data.rb_sure").check()
    at.run()
    at.button(key="data.rb_do").click()
    at.run()
    assert not at.exception
    assert con.execute("SELECT count(*) FROM scorecard").fetchall()[0][0] == 0
    assert changed == [1, 1]


def test_bad_upload_lists_problems_and_writes_nothing(page_db):
    con, changed = page_db
    before = table_checksums(con)
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at = _signed_in(at, SECRET)
    at.selectbox(key="data.kind").set_value("activities")
    at.get("file_uploader")[0].set_value(("amount_negative.csv", (BAD / "amount_negative.csv").read_bytes(),
                                          "text/csv"))
    at.run()
    assert "ปัญหาที่พบ: 1 รายการ" in _texts(at)
    problems = at.table[0].value               # the problems, wrapped, one line each, indexed by row
    assert list(problems.index) == ["4"] and problems.iloc[0]["คอลัมน์"] == "amount"
    assert problems.iloc[0]["วิธีแก้"] == t("fix.amount", "th")
    assert not any(b.key == "data.commit" for b in at.button)
    assert table_checksums(con) == before and changed == []


ACTIVITY_HEADER = "municipality_code,year,inventory,activity,amount,unit,month,gpc_ref,data_quality,source,note\n"


def _checked_draft(name: str, rows: str):
    """Sign in, upload an activities CSV of ``rows`` (under the header): the page, checked."""
    at = _signed_in(AppTest.from_file(PAGE, default_timeout=60).run(), SECRET)
    at.selectbox(key="data.kind").set_value("activities")
    at.get("file_uploader")[0].set_value((name, (ACTIVITY_HEADER + rows).encode(), "text/csv"))
    at.run()
    assert not at.exception
    return at


def test_every_problem_at_once_with_the_value_as_typed(page_db):
    from data.write.importer import import_file

    con, changed = page_db
    assert import_file(con, GOOD / "activities_long.csv", None, "activities", "test").ok
    st.cache_data.clear()
    before = table_checksums(con)
    # row 2: January 2567 of 1401101, already stored; row 3: a letter O typed for a zero in a new month
    at = _checked_draft("draft.csv", "1401101,2567,CFO,electricity_kwh,10000.5,kWh,1,,H,,\n"
                                               "1401101,2567,CFO,electricity_kwh,1O500,kWh,13,,H,,\n")
    problems = at.table[0].value
    typed = dict(zip(zip(problems.index, problems["คอลัมน์"]), problems["ค่าที่กรอก"]))
    # the clash with the database and the format problems, in one list, each with what was typed
    assert typed == {("2", md("municipality_code")): "1401101", ("3", "amount"): "1O500", ("3", "month"): "13"}
    row2 = problems.loc["2"]
    assert "มีอยู่แล้วในฐานข้อมูล" in row2["ปัญหา"] and row2["วิธีแก้"] == t("fix.conflict", "th")
    assert not any(b.key == "data.commit" for b in at.button)
    assert table_checksums(con) == before and changed == []


def test_an_upload_is_checked_once_without_the_write_lock(page_db, monkeypatch):
    import data.store.lock as lock_module
    from data.ingest.validate import validate_file
    from data.write import importer, review, staged_import

    con, _ = page_db
    taken = []

    class Recorder:
        def __enter__(self):
            taken.append(1)

        def __exit__(self, *exc):
            return False

    for module in (lock_module, staged_import, review):
        monkeypatch.setattr(module, "WRITE_LOCK", Recorder())
    calls = []
    monkeypatch.setattr(staged_import, "validate_file", lambda *a, **k: (calls.append(a[1]), validate_file(*a, **k))[1])
    for module in (importer, review):
        monkeypatch.setattr(module, "validate_file", lambda *a, **k: pytest.fail("validated again"))
    at = _signed_in(AppTest.from_file(PAGE, default_timeout=60).run(), SECRET, "officer")
    at.selectbox(key="data.kind").set_value("scorecard")
    at.get("file_uploader")[0].set_value(("scorecard.csv", (GOOD / "scorecard.csv").read_bytes(), "text/csv"))
    at.run()
    at.run()                      # any click reruns the page: the check is not done again
    assert "ไฟล์ถูกต้อง: 3 แถว" in _texts(at)
    assert calls == ["scorecard.csv"] and taken == []
    at.button(key="data.commit").click()
    at.run()
    assert not at.exception
    assert calls == ["scorecard.csv"] and taken == [1]       # the lock only for the write
    assert con.execute("SELECT review_status FROM import_batch ORDER BY batch_id DESC LIMIT 1").fetchall() == [
        ("submitted",)]


@pytest.mark.parametrize("lang", ["th", "en"])
def test_page_in_the_app_on_the_demo_database(app_env, lang):
    at = AppTest.from_file(str(Path(PAGE).parent.parent / "app.py"), default_timeout=90)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("pages/data_admin.py").run()
    assert not at.exception, [e.value for e in at.exception]
    text = _texts(at)
    assert ("ข้อมูลสาธิต" if lang == "th" else "Synthetic demo data") in text        # the demo badge
    assert ("นำเข้าและจัดการข้อมูล" if lang == "th" else "Data import and management") in text
    # an officer's path on the demo: who to ask, in words; the commands are in the administrator's box
    assert t("data.demo_path", lang) in text
    assert t("data.demo_admin_title", lang) in [e.label for e in at.expander]
    assert "python -m data" not in t("data.demo_path", lang)


def test_signed_in_exports_network_report_and_full_export(page_db):
    from data.write.importer import import_file

    con, _ = page_db
    assert import_file(con, GOOD / "activities_long.csv", None, "activities", "test").ok
    st.cache_data.clear()
    officer = _signed_in(AppTest.from_file(PAGE, default_timeout=120).run(), SECRET, "officer")
    assert not [b for b in officer.button if str(b.key).startswith("exports.")]    # not for an editor
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not [b for b in at.button if str(b.key).startswith("exports.")]     # nothing before signing in
    at = _signed_in(at, SECRET)                                                 # the administrator
    at.button(key="exports.make.full").click()
    at.run()
    assert not at.exception
    at.checkbox(key="exports.approval").check()
    at.button(key="exports.make.pdf").click()
    at.run()
    assert not at.exception
    labels = " ".join(d.proto.label for d in at.get("download_button"))
    assert "lcrs_export.xlsx" in labels and "lcrs_network_" in labels and ".pdf" in labels


def test_history_times_are_local_and_in_the_chosen_language(page_db):
    con, _ = page_db
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.session_state["lang"] = "th"
    at.run()
    table = at.dataframe[-1].value
    when = table.iloc[0][table.columns[4]]
    stored = con.execute("SELECT imported_at FROM import_batch ORDER BY batch_id LIMIT 1").fetchall()[0][0]
    from ui import fmt

    # stored in UTC; shown in Bangkok time (UTC+7) with a Thai month and พ.ศ.
    assert when == fmt.datetime_label(stored, "th", short=True) and when.endswith(" น.")
    assert str(stored.year + 543) in when


def test_problem_cells_from_the_file_are_shown_as_typed_not_as_markup(page_db):
    con, changed = page_db
    before = table_checksums(con)
    # an amount typed as a Markdown link and one as an HTML tag: both are problems (not numbers)
    link, tag = "[x](http://example.invalid)", "<img src=x onerror=alert(1)>"
    at = _checked_draft("hostile.csv", f"1401101,2567,CFO,electricity_kwh,{link},kWh,1,,H,,\n"
                                                 f"1401101,2567,CFO,electricity_kwh,{tag},kWh,2,,H,,\n")
    problems = at.table[0].value
    typed = dict(zip(problems.index, problems["ค่าที่กรอก"]))
    assert typed["2"] == md(link) and typed["3"] == md(tag)
    for cell in problems.to_numpy().ravel():
        assert "](http" not in cell and "<img" not in cell, cell
    assert table_checksums(con) == before and changed == []
