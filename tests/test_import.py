"""Import: good files, long vs wide layout, re-import, conflicts and --replace, rollback, demo guard, CLI."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from data.write import batches
from data.store import db
from data.store import table_writes
from data.write import initialise
from data.ingest import validate
from data.write.importer import import_file
from data.ingest.templates import month_number

ROOT = Path(__file__).resolve().parent.parent
GOOD = ROOT / "tests" / "good_files"
BAD = ROOT / "tests" / "bad_files"
ACTIVITY_COLS = ["municipality_code", "year", "month", "inventory", "activity", "gpc_ref", "amount", "unit",
                 "data_quality", "source", "note"]
DATA_TABLES = table_writes.DATA_TABLES


def make_db(path: Path, municipalities: bool = True):
    """A fresh (non-demo) migrated database, with the three good-file municipalities if asked."""
    con = db.connect(path)
    db.migrate(con)
    if municipalities:
        r = import_file(con, GOOD / "municipalities.csv", None, "municipalities", "test")
        assert r.ok, r.problems
    return con


def data_checksums(con) -> dict:
    sums = db.table_checksums(con)
    return {t: sums[t] for t in DATA_TABLES}


def activity_rows(con) -> pd.DataFrame:
    cols = ", ".join(ACTIVITY_COLS)
    return con.execute(f"SELECT {cols} FROM activity ORDER BY {cols}").df()


@pytest.fixture
def con(tmp_path):
    c = make_db(tmp_path / "t.duckdb")
    yield c
    c.close()


# --- good files -------------------------------------------------------------------------------------------

def test_municipalities_file_is_stored_with_be_years_converted(con):
    rows = con.execute("SELECT code, type, population, base_year, joined_year, mentor_code, lat "
                       "FROM municipality ORDER BY code").fetchall()
    # base_year 2559 BE - 543 = 2016 CE; joined 2558 - 543 = 2015; "52,345" -> 52345; "เทศบาลตำบล" -> tambon
    assert rows[0] == ("1401101", "nakhon", 52345, 2016, 2015, None, 14.3532)
    assert rows[1] == ("1410301", "tambon", 4221, 2019, 2019, "1401101", None)
    assert con.execute("SELECT is_demo FROM dataset_info").fetchall() == [(False,)]


def test_ccf_file_thai_digits_units_and_codes_are_normalised(con):
    r = import_file(con, GOOD / "activities_ccf_annual.csv", None, "activities", "test")
    assert r.ok, r.problems
    got = con.execute("SELECT year, month, activity, amount, unit, gpc_ref, data_quality FROM activity "
                      "ORDER BY activity").fetchall()
    assert got == [
        # "๒๕๖๖" = 2566 BE -> 2023 CE; "๑,๒๓๔,๕๖๗.๕" -> 1234567.5; unit "หน่วย" is kWh; "h" -> "H"
        (2023, None, "electricity_kwh", 1234567.5, "kWh", "I.1.2", "H"),
        # "กก." -> kg; "i.1.1" -> I.1.1; "98,765" -> 98765
        (2023, None, "lpg_stationary_kg", 98765.0, "kg", "I.1.1", "M"),
        (2023, None, "msw_landfill_kg", 45000000.0, "kg", "III.1.1", "L"),
    ]


@pytest.mark.parametrize("name,kind,rows", [
    ("indicators.csv", "indicators", 3), ("actions.xlsx", "actions", 2), ("scorecard.csv", "scorecard", 3)])
def test_other_kinds_import(con, name, kind, rows):
    r = import_file(con, GOOD / name, None, kind, "test")
    assert r.ok, r.problems
    assert r.rows == rows


def test_actions_values_are_parsed(con):
    import_file(con, GOOD / "actions.xlsx", None, "actions", "test")
    got = con.execute("SELECT action_id, asi, department, start_year, end_year, budget_thb, achieved_tco2e "
                      "FROM action ORDER BY action_id").fetchall()
    # "I" -> improve; "กองช่าง" -> engineering; 2566 BE -> 2023; "3,000,000" -> 3e6; empty cell -> None
    assert got == [("1401101-A01", "improve", "engineering", 2023, 2025, 1_500_000.0, 12.5),
                   ("1401101-A02", "shift", "engineering", 2025, None, 3_000_000.0, None)]


def test_long_and_wide_layouts_give_identical_rows(tmp_path):
    stored = {}
    for name in ["activities_long.csv", "activities_long.xlsx", "activities_wide.xlsx", "activities_wide.csv"]:
        c = make_db(tmp_path / f"{name}.duckdb")
        r = import_file(c, GOOD / name, None, "activities", "test")
        assert r.ok, (name, r.problems)
        stored[name] = activity_rows(c)
        c.close()
    # 12 + 12 electricity/diesel months of 1401101, r32 in May and December (0), 12 months of 1410301 = 38
    assert len(stored["activities_long.csv"]) == 38
    for name, df in stored.items():
        pd.testing.assert_frame_equal(df, stored["activities_long.csv"], obj=name)


def test_wide_layout_reports_its_layout_and_tis620_note(con):
    r = validate.validate_file(GOOD / "activities_wide.csv", None, "activities", con)
    assert r.ok and r.layout == "wide"
    assert any("TIS-620" in en for en, _ in r.notes)
    r = validate.validate_file(GOOD / "activities_wide.xlsx", None, "activities", con)
    # the sheet is not named like the kind and the header sits below a title row
    assert (r.sheet, r.header_row, r.layout) == ("ข้อมูลรายเดือน", 2, "wide")


def test_text_cells_are_stored_exactly_never_evaluated(con):
    import_file(con, GOOD / "activities_long.xlsx", None, "activities", "test")
    notes = {r[0] for r in con.execute("SELECT DISTINCT note FROM activity WHERE note IS NOT NULL").fetchall()}
    assert notes == {"=SUM(A1:A3)", "<b>fleet</b> & trucks"}


# --- same file, conflicts, replace, rollback ----------------------------------------------------------------

def test_reimport_of_same_file_changes_nothing(con):
    first = import_file(con, GOOD / "activities_long.csv", None, "activities", "test")
    before = db.table_checksums(con)
    again = import_file(con, GOOD / "activities_long.csv", "renamed.csv", "activities", "someone else")
    assert again.skipped_as_duplicate_file and again.ok
    assert again.batch_id == first.batch_id and again.rows == 0
    assert db.table_checksums(con) == before


def test_same_content_in_another_layout_is_a_conflict_not_a_duplicate(con):
    import_file(con, GOOD / "activities_long.csv", None, "activities", "test")
    before = db.table_checksums(con)
    r = import_file(con, GOOD / "activities_wide.xlsx", None, "activities", "test")
    assert not r.ok and len(r.problems) == 38
    first = r.problems[0]
    # the wide file's first item row is Excel row 3 (a title row, then the header in row 2)
    assert (first.sheet, first.row) == ("ข้อมูลรายเดือน", 3) and "Already in the database" in first.message_en
    assert db.table_checksums(con) == before


def test_replace_then_rollback_restores_previous_rows(con):
    import_file(con, GOOD / "activities_long.csv", None, "activities", "test")
    before = data_checksums(con)
    r = import_file(con, GOOD / "activities_wide.csv", None, "activities", "test", replace=True)
    assert r.ok and r.replaced_rows == 38 and r.rows == 38
    assert con.execute("SELECT count(*) FROM activity").fetchall()[0][0] == 38
    res = batches.rollback_batch(con, r.batch_id)
    assert (res.rows_removed, res.rows_restored) == (38, 38)
    assert data_checksums(con) == before


def test_annual_row_conflicts_with_stored_monthly_rows(con):
    import_file(con, GOOD / "activities_long.csv", None, "activities", "test")
    annual = ("municipality_code,year,inventory,activity,amount,unit\n"
              "1410301,2567,CFO,electricity_kwh,24000,kWh\n").encode()
    r = import_file(con, annual, "annual.csv", "activities", "test")
    # all 12 stored months of 1410301 (2024 = 2567 BE) collide with the annual row (row 2)
    assert len(r.problems) == 12 and {p.row for p in r.problems} == {2}


def test_rollback_restores_state_before_import(con):
    before = data_checksums(con)
    r = import_file(con, GOOD / "activities_long.xlsx", None, "activities", "test")
    v0 = db.data_version(con)
    batches.rollback_batch(con, r.batch_id)
    assert data_checksums(con) == before
    assert db.data_version(con) == v0 + 1
    status = con.execute("SELECT status FROM import_batch WHERE batch_id = ?", [r.batch_id]).fetchall()
    assert status == [("rolled_back",)]
    # once rolled back, the same file can be imported again
    assert import_file(con, GOOD / "activities_long.xlsx", None, "activities", "test").rows == 38


def test_rollbacks_of_overlapping_batches_go_newest_first(con):
    first = import_file(con, GOOD / "activities_long.csv", None, "activities", "test")
    second = import_file(con, GOOD / "activities_wide.csv", None, "activities", "test", replace=True)
    with pytest.raises(batches.BatchError, match=f"later batch\\(es\\) {second.batch_id}"):
        batches.rollback_batch(con, first.batch_id)
    batches.rollback_batch(con, second.batch_id)
    batches.rollback_batch(con, first.batch_id)
    assert con.execute("SELECT count(*) FROM activity").fetchall()[0][0] == 0


def test_rollback_refuses_to_orphan_rows(con):
    import_file(con, GOOD / "activities_long.csv", None, "activities", "test")
    muni_batch = con.execute("SELECT min(batch_id) FROM import_batch").fetchall()[0][0]
    before = db.table_checksums(con)
    with pytest.raises(batches.BatchError, match="still refers"):
        batches.rollback_batch(con, muni_batch)
    assert db.table_checksums(con) == before
    with pytest.raises(batches.BatchError, match="already rolled back"):
        b = import_file(con, GOOD / "scorecard.csv", None, "scorecard", "test").batch_id
        batches.rollback_batch(con, b)
        batches.rollback_batch(con, b)


def test_list_batches_newest_first(con):
    import_file(con, GOOD / "scorecard.csv", None, "scorecard", "ann")
    df = batches.list_batches(con)
    assert list(df["kind"]) == ["scorecard", "municipalities"]
    assert df.iloc[0]["imported_by"] == "ann" and df.iloc[0]["rows"] == 3


def test_dry_run_writes_nothing(con):
    before = db.table_checksums(con)
    r = import_file(con, GOOD / "activities_long.csv", None, "activities", "test", dry_run=True)
    assert r.ok and r.dry_run and r.rows == 38 and r.batch_id is None
    assert db.table_checksums(con) == before


def test_demo_database_refuses_real_data(tmp_path):
    path = tmp_path / "demo.duckdb"
    initialise.init_database(path, demo=True)
    c = db.connect(path)
    before = db.table_checksums(c)
    r = import_file(c, GOOD / "scorecard.csv", None, "scorecard", "test")
    assert not r.ok and "demo" in r.problems[0].message_en and "สาธิต" in r.problems[0].message_th
    assert db.table_checksums(c) == before
    c.close()


def test_upload_over_the_size_cap_is_refused(con, monkeypatch):
    monkeypatch.setattr(validate, "MAX_FILE_BYTES", 100)
    r = import_file(con, b"x" * 101, "big.csv", "activities", "test")
    assert "limit" in r.problems[0].message_en and r.problems[0].row is None


# --- value parsing ------------------------------------------------------------------------------------------

def test_parse_numbers_thai_digits_and_separators():
    raw = pd.Series(["๑,๒๓๔.๕", "1,234,567", "12.5", "", "1,23", "abc", "nan", "-3", "1e3"])
    values, bad = validate.parse_numbers(raw)
    assert values.tolist()[:3] == [1234.5, 1234567.0, 12.5]
    assert bad.tolist() == [False, False, False, False, True, True, True, False, False]
    assert values.iloc[7] == -3.0 and values.iloc[8] == 1000.0


@pytest.mark.parametrize("text,month", [("Jan", 1), ("january", 1), ("ม.ค.", 1), ("มกราคม", 1), ("๑๒", 12),
                                        ("Sept", 9), ("ก.ย.", 9), ("03", 3), ("13", None), ("total", None)])
def test_month_names(text, month):
    assert month_number(text) == month


def test_cell_text_of_spreadsheet_values():
    assert validate.cell_text(1401101.0) == "1401101"
    assert validate.cell_text(12.5) == "12.5"
    assert validate.cell_text(None) == "" and validate.cell_text(True) == "TRUE"


# --- command line -------------------------------------------------------------------------------------------

def _cli(*args, env_db=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "data", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)


def test_cli_import_exit_codes_and_messages(tmp_path):
    path = tmp_path / "cli.duckdb"
    make_db(path).close()
    before = _checksums_of(path)
    bad = _cli("import", str(BAD / "amount_negative.csv"), "--kind", "activities", "--db", str(path))
    assert bad.returncode == 2
    assert "amount_negative.csv, row 4, column amount" in bad.stderr
    assert "แถว 4 คอลัมน์ amount" in bad.stderr
    assert _checksums_of(path) == before
    ok = _cli("import", str(GOOD / "scorecard.csv"), "--kind", "scorecard", "--db", str(path))
    assert ok.returncode == 0 and "batch" in ok.stdout
    again = _cli("import", str(GOOD / "scorecard.csv"), "--kind", "scorecard", "--db", str(path))
    assert again.returncode == 0 and "already imported" in again.stdout


def _checksums_of(path):
    c = db.connect(path)
    try:
        return db.table_checksums(c)
    finally:
        c.close()


def test_cli_import_while_database_is_held_by_another_process(tmp_path):
    path = tmp_path / "held.duckdb"
    make_db(path).close()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(path)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        r = _cli("import", str(GOOD / "scorecard.csv"), "--kind", "scorecard", "--db", str(path))
        assert r.returncode == 1
        assert "in use" in r.stderr and "กำลังถูกใช้งาน" in r.stderr
        assert "Traceback" not in r.stderr
    finally:
        holder.kill()
        holder.wait()
    time.sleep(0.1)
    c = db.connect(path)
    assert c.execute("SELECT count(*) FROM scorecard").fetchall()[0][0] == 0
    c.close()
