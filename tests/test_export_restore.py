"""Export and restore: the round trip is exact for every format, and formula-like text is neutralised."""
from __future__ import annotations

import json

import pytest

from data.store import db
from data.write.export import (ExportError, export_database, neutralise, read_manifest, restore_database,
                         unneutralise)
from data.write.importer import import_file
from tests.test_import import GOOD, make_db

TRICKY_ACTIONS = (
    "action_id,municipality_code,title_th,title_en,theme,dimension,asi,status,start_year,expected_tco2e,co_benefits\n"
    "X1,1401101,=HYPERLINK(\"http://x\"),-minus first,low_carbon,1,avoid,planned,2024,-5.25,@at\n"
    "X2,1401101,'quoted,+plus,bike_walk,2,shift,ongoing,2024,0.1,\"\ttab first\"\n"
).encode()


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    """A database with every kind imported, a replacing batch (superseded rows) and formula-like text."""
    path = tmp_path_factory.mktemp("src") / "src.duckdb"
    con = make_db(path)
    for name, kind in [("activities_long.xlsx", "activities"), ("activities_ccf_annual.csv", "activities"),
                       ("indicators.csv", "indicators"), ("actions.xlsx", "actions"), ("scorecard.csv", "scorecard")]:
        assert import_file(con, GOOD / name, None, kind, "test").ok
    assert import_file(con, GOOD / "activities_wide.csv", None, "activities", "test", replace=True).replaced_rows == 38
    assert import_file(con, TRICKY_ACTIONS, "tricky.csv", "actions", "test").ok
    con.close()
    return path


def _sums(path) -> dict:
    """Checksums of every table except schema_version (its applied_at times differ by design)."""
    con = db.connect(path)
    try:
        return {t: s for t, s in db.table_checksums(con).items() if t != "schema_version"}
    finally:
        con.close()


def _export(db_path, out, fmt):
    con = db.connect(db_path, read_only=True)
    try:
        return export_database(con, out, fmt)
    finally:
        con.close()


@pytest.mark.parametrize("fmt", ["csv", "parquet", "xlsx"])
def test_export_restore_export_is_identical(source, tmp_path, fmt):
    first = tmp_path / ("one.xlsx" if fmt == "xlsx" else "one")
    second = tmp_path / ("two.xlsx" if fmt == "xlsx" else "two")
    _export(source, first, fmt)
    target = tmp_path / "restored.duckdb"
    result = restore_database(target, first)
    assert result.notes == []                    # reference tables equal the code's
    assert _sums(target) == _sums(source)        # every table, including import_batch and dataset_info
    _export(target, second, fmt)
    if fmt == "xlsx":
        assert first.read_bytes() == second.read_bytes()
    else:
        assert sorted(p.name for p in first.iterdir()) == sorted(p.name for p in second.iterdir())
        for f in sorted(p.name for p in first.iterdir()):
            assert (first / f).read_bytes() == (second / f).read_bytes(), f


def test_export_holds_every_table_and_batches(source, tmp_path):
    _export(source, tmp_path / "e", "csv")
    doc = json.loads((tmp_path / "e" / "manifest.json").read_text(encoding="utf-8"))
    roles = {t["name"]: t["role"] for t in doc["tables"]}
    for t in ["municipality", "activity", "ccf_notation", "indicator_value", "action", "scorecard", "import_batch",
              "dataset_info", "import_superseded"]:
        assert roles[t] == "data"
    for t in ["emission_factor", "gwp", "gpc_ref", "indicator_def", "province", "region"]:
        assert roles[t] == "reference"
    assert read_manifest(tmp_path / "e")["format"] == "csv"


def test_csv_export_neutralises_formulas_but_not_numbers(source, tmp_path):
    _export(source, tmp_path / "e", "csv")
    text = (tmp_path / "e" / "action.csv").read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text and "'-minus first" in text and "'@at" in text and "''quoted" in text
    assert "'+plus" in text and "'\ttab first" in text
    assert ",-5.25," in text                      # a negative number stays a number
    notes = (tmp_path / "e" / "activity.csv").read_text(encoding="utf-8")
    assert "'=SUM(A1:A3)" in notes


def test_xlsx_export_neutralises_text_cells(source, tmp_path):
    import openpyxl

    _export(source, tmp_path / "e.xlsx", "xlsx")
    ws = openpyxl.load_workbook(tmp_path / "e.xlsx", read_only=True)["action"]
    values = [v for row in ws.iter_rows(values_only=True) for v in row]
    assert "'=HYPERLINK(\"http://x\")" in values and -5.25 in values
    assert not any(isinstance(v, str) and v[:1] in "=+-@" for v in values)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-x", "@SUM", "\tx", "\rx", "'", "''a", "", "plain", "ไทย"])
def test_neutralise_round_trip(text):
    safe = neutralise(text)
    assert safe[:1] not in ("=", "+", "-", "@", "\t", "\r") and unneutralise(safe) == text


def test_restore_refuses_to_overwrite_real_data_without_force(source, tmp_path):
    _export(source, tmp_path / "e", "parquet")
    target = tmp_path / "t.duckdb"
    make_db(target).close()                       # holds real municipalities
    before = _sums(target)
    with pytest.raises(ExportError, match="already holds real data"):
        restore_database(target, tmp_path / "e")
    assert _sums(target) == before
    restore_database(target, tmp_path / "e", force=True)
    assert _sums(target) == _sums(source)


def test_restore_rebuilds_a_corrupt_database_file(source, tmp_path):
    _export(source, tmp_path / "e", "parquet")
    target = tmp_path / "broken.duckdb"
    target.write_bytes(b"this is not a duckdb file" * 100)
    result = restore_database(target, tmp_path / "e")
    assert result.moved_corrupt_file is not None and result.moved_corrupt_file.exists()
    assert _sums(target) == _sums(source)


def test_restore_refuses_something_that_is_not_an_export(tmp_path):
    (tmp_path / "x").mkdir()
    with pytest.raises(ExportError, match="not a readable LCRS export"):
        restore_database(tmp_path / "t.duckdb", tmp_path / "x")


def test_restored_batches_can_still_be_rolled_back(source, tmp_path):
    from data.write.batches import list_batches, rollback_batch

    _export(source, tmp_path / "e", "csv")
    target = tmp_path / "t.duckdb"
    restore_database(target, tmp_path / "e")
    con = db.connect(target)
    newest = int(list_batches(con).iloc[0]["batch_id"])
    replacing = int(list_batches(con).query("kind == 'activities'").iloc[0]["batch_id"])
    rollback_batch(con, newest)                   # the tricky actions
    rollback_batch(con, replacing)                # brings the long-layout rows back from import_superseded
    assert con.execute("SELECT count(*) FROM activity").fetchall()[0][0] == 38 + 3
    # the next batch id continues after the restored ones
    r = import_file(con, b"municipality_code,year,level,essential,question,score\n1401101,2020,preliminary,1,P1.1,1\n",
                    "s.csv", "scorecard", "test")
    assert r.batch_id > newest
    con.close()
