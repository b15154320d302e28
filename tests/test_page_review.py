"""The submissions and review page (AppTest, whole app): the mentor's queue with before → after totals, approve
and return; the officer's list with the reviewer's comment; the table editor of the officer's own rows.

Figures (see tests/test_review.py): 9000002's 2023 CFO total is 5.225 t (2,300 L gasoline x 2.2719 kg); the
officer's batch adds 10,000 kWh x 0.4999 kg = 4.999 t, so 10.224 t once published.
"""
from __future__ import annotations

import pytest

from data.write import accounts
from data.queries import accounts as account_rows
from data.write import review
from data.store import db
from data.figures import summary
from tests.helpers import apptest as ah
from tests.helpers import sample_data as sd

PW = "A-long-enough-passphrase"
ELEC = ["9000002", "2023", "CFO", "electricity_kwh", "10000", "kWh", "", "", "H", "PEA bill", ""]


@pytest.fixture()
def review_app(tmp_path, monkeypatch):
    path = sd.new_real_database(tmp_path / "review_app.duckdb", kinds=("activities",))
    con = db.connect(path)
    try:
        for name, role, codes in [("admin", "admin", []), ("officer2", "editor", ["9000002"]),
                                  ("mentor1", "mentor", ["9000001"])]:
            accounts.add_account(con, name, role, codes, PW, "tests")
        r = review.submit_file(con, sd.csv_bytes(sd.ACTIVITY_HEADER, [ELEC]), "elec.csv", "activities",
                               account_rows.get_account(con, "officer2"))
        assert r.ok
    finally:
        con.close()
    monkeypatch.setenv("LCRS_DB", str(path))
    ah.reset_app_caches()
    yield path, r.batch_id
    ah.reset_app_caches()


def _session(name: str, lang: str = "en"):
    at = ah.new_session(lang)
    at.run()
    at.switch_page("pages/review.py").run()
    ah.sign_in(at, PW, name, prefix="review")
    assert not at.exception and not at.error, [e.value for e in at.exception] + [e.value for e in at.error]
    return at


def _cfo(path) -> float:
    from ui import db as uidb

    with uidb.reader() as cur:
        return summary.municipality_summary(cur, "9000002", 2023)["cfo"]["total"]


def test_mentor_sees_before_after_and_publishes(review_app):
    path, batch = review_app
    at = _session("mentor1")
    changes = at.dataframe[0].value
    cfo = changes[changes["Figure"] == "CFO total (tCO2e)"].iloc[0]
    assert (cfo["Municipality"], cfo["Before → after"]) == ("9000002", "5.225 → 10.224")
    assert _cfo(path) == 5.225
    at.button(key=f"review.approve.{batch}").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [f"Batch {batch} published."]
    assert any("Nothing waits" in c.value for c in at.caption)
    assert _cfo(path) == 10.224
    # the officer sees it published, by whom
    officer = _session("officer2")
    mine = officer.dataframe[0].value
    assert mine.iloc[0][["Batch", "Status", "Reviewed by"]].tolist() == [batch, "published", "mentor1"]


def test_mentor_returns_with_a_comment_the_officer_sees(review_app):
    path, batch = review_app
    at = _session("mentor1", "th")
    at.button(key=f"review.return.{batch}").click().run()
    assert "ต้องมีความเห็น" in at.error[0].value                     # a comment is required
    at.text_area(key=f"review.comment.{batch}").input("ใบแจ้งหนี้ระบุ 1,000 kWh")
    at.button(key=f"review.return.{batch}").click().run()
    assert not at.exception and not at.error
    assert _cfo(path) == 5.225
    officer = _session("officer2", "th")
    assert any("ใบแจ้งหนี้ระบุ 1,000 kWh" in w.value and "mentor1" in w.value for w in officer.warning)


def test_officer_has_no_queue_and_edits_only_its_own_rows(review_app):
    at = _session("officer2")
    assert not any((b.key or "").startswith("review.approve") for b in at.button)
    assert at.selectbox(key="review.fix_code").options == ["9000002"]
    rows = at.dataframe[-1].value            # the table editor (AppTest lists it with the data frames)
    # the two published rows of 9000002 in 2023 (gasoline CFO, electricity CCF)
    assert sorted(rows["activity"]) == ["electricity_kwh", "gasoline_onroad_l"]
    at.button(key="review.fix_submit").click().run()
    assert any(i.value == "Nothing was changed." for i in at.info)


def test_an_editor_may_not_review_even_by_the_cli_path(review_app):
    path, batch = review_app
    from ui import db as uidb

    with pytest.raises(review.ReviewRefused):
        review.approve(uidb.get_connection(), batch, account_rows.Account("officer2", "editor", ("9000002",)))


def test_queue_and_audit_show_local_time_in_the_chosen_language(review_app):
    """A batch created at 10:47 UTC is shown as 17:47 (Asia/Bangkok, UTC+7), with the Thai month and พ.ศ."""
    import datetime as dt

    path, batch = review_app
    con = db.connect(path)
    try:
        con.execute("UPDATE import_batch SET imported_at = ? WHERE batch_id = ?",
                    [dt.datetime(2026, 12, 1, 10, 47), batch])
    finally:
        con.close()
    ah.reset_app_caches()
    at = _session("mentor1", "th")
    label = at.expander[0].label
    assert "1 ธ.ค. 2569 17:47 น." in label and "2026-12-01" not in label
    admin = _session("admin", "th")
    log = admin.dataframe[-1].value
    assert list(log.columns)[0] == "เวลา (เวลาประเทศไทย)"
    assert all(str(w).endswith(" น.") and "25" in str(w) for w in log.iloc[:, 0])
