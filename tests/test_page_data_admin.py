"""The editors' data page (AppTest): read-only without a password, wrong password refused, right password →
check a file (preview, problems) → save → roll back."""
from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from data.store import db
from tests.test_import import BAD, GOOD, make_db

PAGE = str(Path(__file__).resolve().parent.parent / "pages" / "data_admin.py")
SECRET = "correct horse battery staple"


@pytest.fixture
def page_db(tmp_path, monkeypatch):
    """A real (non-demo) database with three municipalities, served to the page instead of the app's file."""
    import ui.db as uidb

    con = make_db(tmp_path / "page.duckdb")
    changed = []
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


def _signed_in(at: AppTest, password: str) -> AppTest:
    at.text_input(key="data.password").input(password)
    at.button(key="data.login").click()
    return at.run()


def test_read_only_without_configured_password(page_db):
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    assert "ยังไม่ได้ตั้งรหัสผ่านผู้แก้ไข" in _texts(at)
    assert len(at.get("file_uploader")) == 0 and len(at.text_input) == 0
    # 5 kinds x (xlsx + csv) + the wide activities template = 11 downloads, available to everyone
    assert len(at.get("download_button")) == 11


def test_wrong_password_is_refused_and_never_shown(page_db):
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["editor_password"] = SECRET
    at.run()
    at = _signed_in(at, "guess")
    assert "รหัสผ่านไม่ถูกต้อง" in _texts(at)
    assert len(at.get("file_uploader")) == 0
    assert at.session_state["data.failures"] == 1
    page_text = _texts(at)
    assert SECRET not in page_text and "guess" not in page_text
    assert at.text_input(key="data.password").proto.type == at.text_input(key="data.password").proto.PASSWORD


def test_right_password_check_save_and_roll_back(page_db):
    con, changed = page_db
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["editor_password"] = SECRET
    at.run()
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
    before = db.table_checksums(con)
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.secrets["editor_password"] = SECRET
    at.run()
    at = _signed_in(at, SECRET)
    at.selectbox(key="data.kind").set_value("activities")
    at.get("file_uploader")[0].set_value(("amount_negative.csv", (BAD / "amount_negative.csv").read_bytes(),
                                          "text/csv"))
    at.run()
    assert "ปัญหาที่พบ: 1 รายการ" in _texts(at)
    problems = at.dataframe[-2].value          # the problems table (the history table is last)
    assert problems.iloc[0]["แถว"] == 4 and problems.iloc[0]["คอลัมน์"] == "amount"
    assert not any(b.key == "data.commit" for b in at.button)
    assert db.table_checksums(con) == before and changed == []


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


def test_signed_in_exports_network_report_and_full_export(page_db):
    from data.write.importer import import_file

    con, _ = page_db
    assert import_file(con, GOOD / "activities_long.csv", None, "activities", "test").ok
    st.cache_data.clear()
    at = AppTest.from_file(PAGE, default_timeout=120)
    at.secrets["editor_password"] = SECRET
    at.run()
    assert not [b for b in at.button if str(b.key).startswith("exports.")]     # nothing before signing in
    at = _signed_in(at, SECRET)
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
