"""The data page's import in two steps (``data.write.staged_import``): one check per file that lists every
problem at once (the file's format and its clash with the database) with the value as typed, takes no write
lock and validates the file exactly once; a commit that writes what was checked, holding the lock only for the
write, and refuses — writing nothing — when the database changed in between in a way that matters."""
from __future__ import annotations

import pytest

from data.ingest.validate import validate_file
from data.queries.accounts import get_account
from data.store import db
from data.write import accounts, batches, review, staged_import
from data.write.importer import import_file
from tests.helpers.db_state import table_checksums
from tests.helpers.import_db import BAD
from tests.helpers.sample_data import ACTIVITIES, ACTIVITY_HEADER, MUNICIPALITY_HEADER, csv_bytes, new_real_database

PASSWORD = "staged-import-test-password"
# a 2024 file: electricity of 9000001 in March and April, diesel of 9000002 in May
NEW_ROWS = [["9000001", "2024", "CFO", "electricity_kwh", "150000", "kWh", "3", "", "H", "PEA bill", ""],
            ["9000001", "2024", "CFO", "electricity_kwh", "151000", "kWh", "4", "", "H", "PEA bill", ""],
            ["9000002", "2024", "CFO", "diesel_onroad_l", "800", "L", "5", "", "M", "fuel log", ""]]


@pytest.fixture
def con(tmp_path):
    """A real database: the three sample municipalities (batch 1) and the 2023 sample activities (batch 2)."""
    c = db.connect(new_real_database(tmp_path / "staged.duckdb", kinds=("activities",)))
    accounts.add_account(c, "officer", "editor", ["9000001"], PASSWORD, "tests")
    yield c
    c.close()


def test_one_pass_lists_format_problems_and_rows_already_stored_together(con):
    # row 2: the first 2023 sample row again (already stored, batch 2); row 3: a letter O typed for a zero;
    # row 4: a new, valid row
    rows = [ACTIVITIES[0], [*NEW_ROWS[0][:4], "15O000", *NEW_ROWS[0][5:]], NEW_ROWS[1]]
    checked = staged_import.check(con, csv_bytes(ACTIVITY_HEADER, rows), "draft.csv", "activities",
                                  isolate=False)
    got = [(p.row, p.column, p.value) for p in checked.dry_run.problems]
    assert got == [(2, "municipality_code", "9000001"), (3, "amount", "15O000")]
    assert "Already in the database (batch 2)" in checked.dry_run.problems[0].message_en
    assert "มีอยู่แล้วในฐานข้อมูล" in checked.dry_run.problems[0].message_th
    # the command line keeps its contract: the format problem is reported (exit 2, nothing written)
    cli = import_file(con, csv_bytes(ACTIVITY_HEADER, rows), "draft.csv", "activities", dry_run=True)
    assert [(p.row, p.column) for p in cli.problems] == [(3, "amount")]


def test_an_editors_check_lists_rows_outside_its_scope_with_format_problems(con):
    officer = get_account(con, "officer")          # may write 9000001 only
    rows = [NEW_ROWS[0], [*NEW_ROWS[1][:4], "151 000 kWh", *NEW_ROWS[1][5:]], NEW_ROWS[2]]
    checked = staged_import.check(con, csv_bytes(ACTIVITY_HEADER, rows), "draft.csv", "activities",
                                  isolate=False, account=officer)
    got = [(p.row, p.column, p.value) for p in checked.dry_run.problems]
    assert got == [(3, "amount", "151 000 kWh"), (4, "municipality_code", "9000002")]


def test_values_as_typed_in_long_and_wide_files(con):
    long = validate_file(BAD / "amount_not_a_number.csv", None, "activities", con)
    wide = validate_file(BAD / "wide_month_not_a_number.xlsx", None, "activities", con)
    for result in (long, wide):
        cell = [p for p in result.problems if "not a number" in p.message_en]
        assert cell, [p.message_en for p in result.problems]
        # the message quotes the cell as typed; the problem carries the same text for the problem table
        assert all(p.value and f"'{p.value}'" in p.message_en for p in cell)
    assert [p.value for p in validate_file(BAD / "header_only.csv", None, "activities", con).problems] == [None]


class _Recorder:
    """Stands in for the write lock and counts how often it is taken."""

    def __init__(self):
        self.taken = 0

    def __enter__(self):
        self.taken += 1
        return self

    def __exit__(self, *exc):
        return False


@pytest.mark.parametrize("role", ["admin", "officer"])
def test_check_takes_no_write_lock_validates_once_and_commit_locks_once(con, monkeypatch, role):
    import data.store.lock as lock_module
    from data.write import importer

    if role == "admin":
        accounts.add_account(con, "admin", "admin", [], PASSWORD, "tests")
    account = get_account(con, role)
    recorder = _Recorder()
    for module in (lock_module, staged_import, review):
        monkeypatch.setattr(module, "WRITE_LOCK", recorder)
    calls = []

    def counted(*args, **kwargs):
        calls.append(args[1])
        return validate_file(*args, **kwargs)

    monkeypatch.setattr(staged_import, "validate_file", counted)
    for module in (importer, review):     # the save must not validate the file again
        monkeypatch.setattr(module, "validate_file", lambda *a, **k: pytest.fail("validated again"))
    checked = staged_import.check(con, csv_bytes(ACTIVITY_HEADER, NEW_ROWS[:2]), "new.csv", "activities",
                                  isolate=False, account=account)
    assert not checked.dry_run.problems and checked.dry_run.rows == 2
    assert recorder.taken == 0 and calls == ["new.csv"]
    result = staged_import.commit(con, checked)
    assert result.ok and result.rows == 2, result.problems
    assert recorder.taken == 1 and calls == ["new.csv"]
    status = con.execute("SELECT review_status FROM import_batch WHERE batch_id = ?", [result.batch_id]).fetchall()
    assert status == [("published" if role == "admin" else "submitted",)] or (role == "admin" and status == [(None,)])


def test_an_editors_submission_keeps_the_checked_rows_exactly(con):
    officer = get_account(con, "officer")
    rows = [NEW_ROWS[0], [*NEW_ROWS[1][:4], "151000.123456789", *NEW_ROWS[1][5:]]]
    checked = staged_import.check(con, csv_bytes(ACTIVITY_HEADER, rows), "new.csv", "activities", isolate=False,
                                  account=officer)
    result = staged_import.commit(con, checked)
    assert result.ok, result.problems
    spec_rows = review.staged_rows(con, result.batch_id, review.KINDS["activities"])
    expected = checked.validation.rows_df[list(spec_rows.columns)]
    assert spec_rows.astype(object).where(spec_rows.notna(), None).values.tolist() == \
        expected.astype(object).where(expected.notna(), None).values.tolist()
    assert spec_rows["amount"].tolist() == [150000.0, 151000.123456789]


def test_commit_refuses_when_a_conflicting_batch_arrived_after_the_check(con):
    checked = staged_import.check(con, csv_bytes(ACTIVITY_HEADER, NEW_ROWS), "mine.csv", "activities",
                                  isolate=False)
    assert checked.dry_run.ok
    # meanwhile someone else imports the same March electricity row of 9000001
    other = import_file(con, csv_bytes(ACTIVITY_HEADER, [[*NEW_ROWS[0][:4], "1", *NEW_ROWS[0][5:]]]),
                        "theirs.csv", "activities", user="someone")
    assert other.ok
    before = table_checksums(con)
    result = staged_import.commit(con, checked)
    assert not result.ok and result.batch_id is None
    first = result.problems[0]
    assert "changed after this file was checked" in first.message_en and "1 rows" in first.message_en
    assert "ข้อมูลในระบบเปลี่ยนไปหลังจากตรวจไฟล์นี้" in first.message_th
    assert result.problems[1].row == 2 and f"batch {other.batch_id}" in result.problems[1].message_en
    assert table_checksums(con) == before                       # nothing written


def test_commit_refuses_when_a_municipality_it_names_was_rolled_back(con):
    extra = [["9000004", "เทศบาลตำบลเพิ่ม", "Extra", "tambon", "50", "5000", "6", "", "", "network", "", "", ""]]
    added = import_file(con, csv_bytes(MUNICIPALITY_HEADER, extra), "extra.csv", "municipalities", user="t")
    assert added.ok
    rows = [["9000004", "2024", "CFO", "electricity_kwh", "900", "kWh", "1", "", "H", "", ""]]
    checked = staged_import.check(con, csv_bytes(ACTIVITY_HEADER, rows), "new.csv", "activities", isolate=False)
    assert checked.dry_run.ok
    batches.rollback_batch(con, added.batch_id, who="t")
    before = table_checksums(con)
    result = staged_import.commit(con, checked)
    assert not result.ok and "9000004" in result.problems[0].message_en
    assert "9000004" in result.problems[0].message_th
    assert table_checksums(con) == before


def test_commit_goes_ahead_when_the_change_does_not_matter(con):
    checked = staged_import.check(con, csv_bytes(ACTIVITY_HEADER, NEW_ROWS), "mine.csv", "activities",
                                  isolate=False)
    other = [["9000003", "2024", "CFO", "electricity_kwh", "10", "kWh", "1", "", "H", "", ""]]
    assert import_file(con, csv_bytes(ACTIVITY_HEADER, other), "theirs.csv", "activities", user="s").ok
    result = staged_import.commit(con, checked)
    assert result.ok and result.rows == 3
    # 2023 samples (5) + theirs (1) + mine (3)
    assert con.execute("SELECT count(*) FROM activity").fetchall()[0][0] == len(ACTIVITIES) + 1 + 3


def test_a_file_with_problems_is_never_committed(con):
    rows = [[*NEW_ROWS[0][:4], "-5", *NEW_ROWS[0][5:]]]
    checked = staged_import.check(con, csv_bytes(ACTIVITY_HEADER, rows), "bad.csv", "activities", isolate=False)
    before = table_checksums(con)
    result = staged_import.commit(con, checked)
    assert [(p.row, p.column, p.value) for p in result.problems] == [(2, "amount", "-5")]
    assert table_checksums(con) == before


def test_the_page_import_benchmark_measures_a_valid_file(tmp_path):
    from bench import page_import

    base = page_import.database(tmp_path / "base.duckdb")
    data = page_import.activity_csv(250)
    # 250 rows: 9500000's ten items x 12 months (120), 9500001's (120), then 10 months of 9500002's first item;
    # the last is row n = 249, amount 100 + 249 = 349.5
    assert data.count(b"\n") == 251 and data.endswith(b"\n9500002,2024,CFO,electricity_kwh,349.5,kWh,10,,H,,\n")
    for role in ("admin", "officer"):
        assert page_import.page_times(base, tmp_path, data, role)["rows"] == 250
