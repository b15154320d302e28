"""Stored aggregates (``data.aggregates``) give the same figures as the computation from the rows, after every
write path: demo build, import (new rows, --replace), rollback, restore, init; and are not used once stale.

"The same" is checked on the summary JSON of the touched municipalities (exactly equal), the network table, the
Whole-Municipality matrix and the trends (equal up to a relative 1e-9: DuckDB may add a sum's terms in another
order inside a write transaction than after it, which moves the last bits of a double, never a rounded figure).
"""
from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from data.figures import freshness
from data.figures import refresh
from data.store import aggregates
from data.write import batches
from data.store import db
from data.write import export
from data.write import importer
from data.figures import scores
from data.store import table_writes
from data.write import initialise
from data.figures import inventories
from data.figures import summary

CODE = "1401101"        # a pilot city of the demo set (CFO every year, CCF, indicators, scorecards)
OTHER = "1409301"       # a replicating city
NEW_YEAR = 2031         # after every demo year: importing it adds a year to the whole network table
HEADER = "municipality_code,year,inventory,activity,amount,unit,month,data_quality\n"


@pytest.fixture()
def real_db(demo_db_copy):
    """The demo rows in a database marked as real data, so that imports are accepted."""
    con = db.connect(demo_db_copy)
    con.execute("UPDATE dataset_info SET is_demo = FALSE")
    yield con
    con.close()


def _snapshot(con, codes, years) -> dict:
    out = {"network": inventories.network_summary(con), "wma": scores.network_wma(con),
           "network_year": inventories.network_summary(con, year=years[-1]),
           "wma_year": scores.network_wma(con, year=years[-1])}
    for code in codes:
        out[f"trend {code}"] = inventories.municipality_trend(con, code)
        for year in years:
            out[f"json {code} {year}"] = json.dumps(summary.municipality_summary(con, code, year), sort_keys=True)
    return out


def assert_stored_equals_direct(con, monkeypatch, codes=(CODE, OTHER), years=(2016, 2024, 2025)):
    """The aggregates are current, and what is read from them equals what is computed without them."""
    assert freshness.is_current(con)
    stored = _snapshot(con, codes, list(years))
    with monkeypatch.context() as m:
        m.setattr(freshness, "current", lambda con: None)     # every read computes from the rows
        direct = _snapshot(con, codes, list(years))
    for key, value in stored.items():
        if isinstance(value, pd.DataFrame):
            pd.testing.assert_frame_equal(value, direct[key], check_exact=False, rtol=1e-9, atol=0, obj=key)
        else:
            assert value == direct[key], key
    return stored


def _import(con, text: str, kind: str = "activities", replace: bool = False, name: str = "t.csv"):
    res = importer.import_file(con, text.encode("utf-8"), name, kind, "test", replace=replace)
    assert res.ok, [p.message_en for p in res.problems]
    return res


def test_demo_build_stores_the_figures_computed_from_the_rows(real_db, monkeypatch):
    stored = assert_stored_equals_direct(real_db, monkeypatch)
    # the network table has every municipality in every year with activity: 60 x 11 (2015-2025)
    assert len(stored["network"]) == 60 * 11


def test_import_of_a_new_year_refreshes_the_touched_municipalities(real_db, monkeypatch):
    before = inventories.network_summary(real_db)
    _import(real_db, HEADER + f"{CODE},{NEW_YEAR},CFO,electricity_kwh,1000,kWh,1,H\n")
    assert freshness.is_current(real_db)
    js = summary.municipality_summary(real_db, CODE, NEW_YEAR)
    # grid electricity from 2026: 0.4750 kgCO2e/kWh; 1,000 kWh x 0.4750 / 1,000 = 0.475 tCO2e, scope 2 only
    assert js["cfo"] == {"scope1": None, "scope2": 0.475, "scope3": None, "total": 0.475}
    after = inventories.network_summary(real_db)
    assert len(after) == len(before) + 60           # every municipality gets a row for the new year
    assert after[after["year"] == NEW_YEAR]["cfo_total"].notna().sum() == 1
    assert_stored_equals_direct(real_db, monkeypatch, years=(2024, NEW_YEAR))


def test_replace_then_rollback_returns_to_the_same_figures(real_db, monkeypatch):
    original = assert_stored_equals_direct(real_db, monkeypatch)
    rows = real_db.execute("SELECT month, amount FROM activity WHERE municipality_code = ? AND year = 2024 "
                           "AND activity = 'electricity_kwh' AND inventory = 'CFO' ORDER BY month", [CODE]).fetchall()
    assert len(rows) == 12 and all(m is not None for m, _ in rows)     # monthly bills
    old_kwh = sum(a for _, a in rows)
    text = HEADER + "".join(f"{CODE},2024,CFO,electricity_kwh,{a * 2},kWh,{m},H\n" for m, a in rows)
    res = _import(real_db, text, replace=True)
    assert res.replaced_rows == len(rows)
    old = json.loads(original[f"json {CODE} 2024"])
    new = summary.municipality_summary(real_db, CODE, 2024)
    # twice the electricity: scope 2 grows by old kWh x 0.4999 (factor of 2016-2025) / 1,000
    assert new["cfo"]["scope2"] == pytest.approx(old["cfo"]["scope2"] + old_kwh * 0.4999 / 1000, abs=2e-3)
    assert_stored_equals_direct(real_db, monkeypatch)
    batches.rollback_batch(real_db, res.batch_id)
    back = assert_stored_equals_direct(real_db, monkeypatch)
    assert back[f"json {CODE} 2024"] == original[f"json {CODE} 2024"]
    pd.testing.assert_frame_equal(back["network"], original["network"], check_exact=False, rtol=1e-9, atol=0)


def test_municipality_import_changes_per_capita(real_db, monkeypatch):
    m = real_db.execute("SELECT code, name_th, name_en, type, province_code, population, area_km2 FROM municipality "
                        "WHERE code = ?", [OTHER]).fetchone()
    text = ("code,name_th,name_en,type,province_code,population,area_km2\n"
            f"{m[0]},{m[1]},{m[2]},{m[3]},{m[4]},{m[5] * 2},{m[6]}\n")
    pop_2024 = real_db.execute("SELECT value FROM indicator_value WHERE municipality_code = ? AND year = 2024 "
                               "AND indicator_code = 'population'", [OTHER]).fetchone()[0]
    before = summary.municipality_summary(real_db, OTHER, 2024)
    _import(real_db, text, kind="municipalities", replace=True)
    js = summary.municipality_summary(real_db, OTHER, 2024)
    # per capita = CFO total / the population of 2024: the yearly figure rules, the municipality's does not
    assert js["per_capita"] == before["per_capita"] == pytest.approx(js["cfo"]["total"] / pop_2024, abs=1e-6)
    # a new 2024 population (twice the old one) halves it
    _import(real_db, "municipality_code,year,indicator_code,value\n"
                     f"{OTHER},2024,population,{pop_2024 * 2:.0f}\n", kind="indicators", replace=True, name="p.csv")
    js = summary.municipality_summary(real_db, OTHER, 2024)
    assert js["per_capita"] == pytest.approx(js["cfo"]["total"] / (pop_2024 * 2), abs=1e-6)
    assert_stored_equals_direct(real_db, monkeypatch, codes=(OTHER,))


def test_indicator_and_scorecard_imports_refresh_the_matrix(real_db, monkeypatch):
    before = scores.wma_summary(real_db, OTHER, 2024)
    _import(real_db, "municipality_code,year,indicator_code,value,evidence\n"
                     f"{OTHER},2024,rs_early_warning_coverage_pct,100,test\n", kind="indicators", replace=True)
    _import(real_db, "municipality_code,year,level,essential,question,score\n"
                     f"{OTHER},2024,detailed,1,D1.1,5\n", kind="scorecard", replace=True, name="s.csv")
    assert scores.wma_summary(real_db, OTHER, 2024) != before
    assert_stored_equals_direct(real_db, monkeypatch, codes=(OTHER,))


def test_restore_and_init_rebuild_the_aggregates(real_db, demo_db_copy, tmp_path, monkeypatch):
    out = tmp_path / "export"
    export.export_database(real_db, out, "parquet")
    names = [t["name"] for t in export.read_manifest(out)["tables"]]
    assert "activity" in names and not any(n.startswith("agg") or "network_rows" in n for n in names)
    target = tmp_path / "restored.duckdb"
    export.restore_database(target, out)
    con = db.connect(target)
    try:
        assert_stored_equals_direct(con, monkeypatch)
    finally:
        con.close()
    real_db.close()
    initialise.init_database(demo_db_copy)           # reloads the reference tables, so it refreshes too
    con = db.connect(demo_db_copy)
    try:
        assert freshness.is_current(con)
    finally:
        con.close()


def test_rows_written_around_the_data_layer_are_never_hidden_by_stale_aggregates(real_db):
    before = summary.municipality_summary(real_db, CODE, 2024)["cfo"]["scope2"]
    with db.transaction(real_db):
        table_writes.insert_frame(real_db, "activity", pd.DataFrame([dict(
            municipality_code=CODE, year=2024, month=None, inventory="CFO", activity="electricity_kwh",
            gpc_ref=None, amount=1000.0, unit="kWh", data_quality="H")]), None)
    assert not freshness.is_current(real_db)
    # computed from the rows: 1,000 kWh x 0.4999 / 1,000 = 0.4999 t more
    assert summary.municipality_summary(real_db, CODE, 2024)["cfo"]["scope2"] == pytest.approx(before + 0.4999,
                                                                                               abs=2e-3)
    with db.transaction(real_db):
        refresh.stored_figures(real_db)
    assert freshness.is_current(real_db)
    real_db.execute("DELETE FROM activity WHERE batch_id IS NULL")   # a write that bypasses the layer entirely
    assert not freshness.is_current(real_db)
    assert summary.municipality_summary(real_db, CODE, 2024)["cfo"]["scope2"] == pytest.approx(before, abs=1e-9)


def test_other_code_or_missing_schema_means_computing(real_db, monkeypatch):
    assert freshness.is_current(real_db)
    monkeypatch.setattr(freshness, "code_digest", lambda: "other code")
    assert not freshness.is_current(real_db)
    monkeypatch.undo()
    real_db.execute("DROP SCHEMA agg CASCADE")            # as in a database of schema version 3
    assert not freshness.is_current(real_db)
    assert summary.municipality_summary(real_db, CODE, 2024)["cfo"]["total"] is not None


def test_partial_refresh_equals_full_refresh(real_db):
    _import(real_db, HEADER + f"{OTHER},{NEW_YEAR},CFO,electricity_kwh,500,kWh,1,H\n")
    partial = {t: real_db.execute(f"SELECT * FROM {t} ORDER BY code, year").df()
               for t in (aggregates.ROWS_TABLE, aggregates.WMA_TABLE)}
    with db.transaction(real_db):
        refresh.stored_figures(real_db)
    for t, df in partial.items():
        full = real_db.execute(f"SELECT * FROM {t} ORDER BY code, year").df()
        pd.testing.assert_frame_equal(df, full, check_exact=False, rtol=1e-9, atol=0, obj=t)


def test_read_only_connection_reads_the_aggregates(demo_db_path):
    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        assert freshness.is_current(con)
        assert summary.municipality_summary(con, CODE, 2024)["cfo"]["total"] is not None
    finally:
        con.close()
