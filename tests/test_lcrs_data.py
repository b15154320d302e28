"""data.lcrs on a small hand-built database: the summary-JSON wma/asi blocks and the network reads."""
from __future__ import annotations

import json

import duckdb
import pandas as pd
import pytest

from data.store import db
from data.figures import scores
from data.queries import indicator_rows
from data.store import table_writes
from indicators import catalogue as cat_mod
from indicators import wma


def _frame(rows, cols):
    return pd.DataFrame(rows, columns=cols)


@pytest.fixture()
def small_db(tmp_path):
    """Two municipalities; T has evidence in 2024 (imported values, a scorecard, actions), U has none."""
    con = db.connect(tmp_path / "small.duckdb")
    db.migrate(con)                                  # 002 loads the reference CSVs, catalogue included
    b1 = table_writes.new_batch(con, "municipalities", "m.csv", "x", 2)
    table_writes.insert_frame(con, "municipality", _frame(
        [("T", "เทศบาลทดสอบ", "Test Town", "mueang", "50", 20000, 10.0, "pilot", None, 2020, 2015),
         ("U", "เทศบาลว่าง", "Empty Town", "tambon", "50", 5000, 5.0, "replicating", "T", 2020, 2018)],
        ["code", "name_th", "name_en", "type", "province_code", "population", "area_km2", "role", "mentor_code",
         "base_year", "joined_year"]), b1)
    iv_cols = ["municipality_code", "year", "indicator_code", "value", "evidence"]
    b2 = table_writes.new_batch(con, "indicators", "i1.csv", "y", 6)
    table_writes.insert_frame(con, "indicator_value", _frame(
        [("T", 2024, "lc_target_adopted", 1, "council resolution"),
         ("T", 2024, "lc_climate_budget_pct", 1.0, "first import"),
         ("T", 2024, "bw_bike_lane_km_per_10k", 2.5, None),
         ("T", 2024, "bw_people_near_bikeway_pct", 40, None),
         ("T", 2024, "bw_bike_parking_per_1000", 10, None),
         ("T", 2024, "bw_ped_cyclist_casualties_per_100k", 15, None)], iv_cols), b2)
    b3 = table_writes.new_batch(con, "indicators", "i2.csv", "z", 1)
    table_writes.insert_frame(con, "indicator_value", _frame(
        [("T", 2024, "lc_climate_budget_pct", 2.5, "corrected")], iv_cols), b3)
    b4 = table_writes.new_batch(con, "indicators", "bad.csv", "w", 1)
    table_writes.insert_frame(con, "indicator_value", _frame(
        [("T", 2024, "rs_drr_plan_adopted", 1, "rolled back")], iv_cols), b4)
    con.execute("UPDATE import_batch SET status = 'rolled_back' WHERE batch_id = ?", [b4])
    # 24 of the 47 preliminary questions (coverage 0.51 >= 0.5): essentials 1-8 answered 3, 3 and 0
    b5 = table_writes.new_batch(con, "scorecard", "s.csv", "v", 24)
    table_writes.insert_frame(con, "scorecard", _frame(
        [("T", 2024, "preliminary", e, f"P{e}.{i + 1}", (3, 3, 0)[i]) for e in range(1, 9) for i in range(3)],
        ["municipality_code", "year", "level", "essential", "question", "score"]), b5)
    b6 = table_writes.new_batch(con, "actions", "a.csv", "u", 3)
    table_writes.insert_frame(con, "action", _frame(
        [("T-1", "T", "ทางจักรยานรอบเมือง", "City bike loop", "bike_walk", 4, "shift", "II", "engineering",
          "completed", 2022, 2023, 5_000_000, 40.0, 30.0, 6.0, None),
         ("T-2", "T", "ธนาคารขยะ", "Waste bank", "low_carbon", 4, "avoid", "III", "public_health",
          "ongoing", 2024, None, 200_000, 20.0, None, None, None),
         ("T-3", "T", "โซลาร์รูฟ", "Rooftop solar", "low_carbon", 2, "shift", "I", "engineering",
          "planned", 2025, 2025, 1_000_000, 10.0, None, None, None)],
        ["action_id", "municipality_code", "title_th", "title_en", "theme", "dimension", "asi", "gpc_sector",
         "department", "status", "start_year", "end_year", "budget_thb", "expected_tco2e", "achieved_tco2e",
         "bike_lane_km", "co_benefits"]), b6)
    yield con
    con.close()


def test_wma_summary_json_block(small_db):
    block = scores.wma_summary(small_db, "T", 2024)
    # LC1: target yes -> 100; budget 2.5 % (latest import; 0..5) -> 50 -> (100 + 50) / 2 = 75
    # BW3: lanes 2.5 of 5 -> 50 (w 1.5); near 40 of 80 -> 50 (w 1.5); parking 10 of 20 -> 50;
    #      casualties 15 on 30..0 -> 50 -> 50
    # RS2: scorecard 8 x (3 + 3 + 0) = 48 of 24 x 3 = 72 points = 66.67 % -> rs_undrr_score 66.7 (the
    # rolled-back plan is ignored)
    # confidence: LC (1 + 0 + 0 + 0) / 4 = 0.25, BW (0 + 0 + 1 + 0) / 4 = 0.25, RS (0 + 2/4 + 0 + 0) / 4 = 0.125
    # -> (0.25 + 0.25 + 0.125) / 3 = 0.2083 < 0.5: the index (75 + 50 + 66.7) / 3 = 63.9 is not shown
    assert block == {
        "low_carbon": {"1": 75.0, "2": None, "3": None, "4": None},
        "bike_walk": {"1": None, "2": None, "3": 50.0, "4": None},
        "resilience": {"1": None, "2": 66.7, "3": None, "4": None},
        "overall": None, "confidence": 0.21, "cells_with_evidence": 3,
    }
    json.dumps(block)                                  # plain JSON types only


def test_no_evidence_gives_none(small_db):
    assert scores.wma_summary(small_db, "U", 2024) is None
    assert scores.wma_summary(small_db, "T", 2023) is None
    assert scores.asi_summary(small_db, "U", 2024) is None


def test_asi_summary_block(small_db):
    # 2024 counts T-1 (completed 2022) and T-2 (ongoing 2024, not measured yet); T-3 is planned
    assert scores.asi_summary(small_db, "T", 2024) == {
        "avoid": {"actions": 1, "reduction_t": None},
        "shift": {"actions": 1, "reduction_t": 30.0},
        "improve": {"actions": 0, "reduction_t": 0.0},
    }


def test_network_reads_agree_with_the_summary(small_db):
    m = scores.network_wma(small_db)
    assert list(m.columns) == wma.MATRIX_COLUMNS
    row = m[(m["code"] == "T") & (m["year"] == 2024)].iloc[0]
    assert wma.summary_block(row) == scores.wma_summary(small_db, "T", 2024)
    ex = scores.wma_explain(small_db, "T", 2024)
    budget = ex.set_index("indicator_code").loc["lc_climate_budget_pct"]
    assert budget["value"] == 2.5 and budget["evidence"] == "corrected"
    undrr = ex.set_index("indicator_code").loc["rs_undrr_score"]
    assert undrr["evidence"] == "UNDRR scorecard preliminary: 24/47 questions, 48/72 points"
    assert ex.set_index("indicator_code").loc["rs_drr_plan_adopted", "status"] == "missing"


def test_actions_scorecard_and_catalogue_reads(small_db):
    assert list(indicator_rows.actions(small_db, "T")["action_id"]) == ["T-1", "T-2", "T-3"]
    net = scores.network_asi(small_db, 2024)
    assert net["actions"].sum() == 2 and set(net["code"]) == {"T"}
    sc = scores.scorecard(small_db, "T", 2024)
    assert len(sc) == 10 and sc.loc[0, "score_pct"] == pytest.approx(200 / 3)
    assert cat_mod.validate_catalogue(indicator_rows.catalogue(small_db)) == []
    assert len(indicator_rows.undrr_questions()) == 47


def test_demo_database_summaries(demo_db_copy):
    con = duckdb.connect(str(demo_db_copy))     # a private copy: the app tests hold the shared file open
    try:
        m = scores.network_wma(con)
        munis = con.execute("SELECT code, role FROM municipality").df()
        assert set(munis["code"]) <= set(m["code"])                      # every LAO has evidence
        code = munis.loc[munis["role"] == "pilot", "code"].iloc[0]
        block = scores.wma_summary(con, code, 2024)
        assert set(block) == {"low_carbon", "bike_walk", "resilience", "overall", "confidence",
                              "cells_with_evidence"}
        assert all(set(block[t]) == {"1", "2", "3", "4"} for t in cat_mod.THEMES)
        # the CFO reduction indicator comes from the emissions engine, from the base year on
        ex = scores.wma_explain(con, code, 2024).set_index("indicator_code")
        assert ex.loc["lc_cfo_reduction_pct", "evidence"].startswith("CFO 2024 vs base year")
        assert set(scores.asi_summary(con, code, 2024)) == {"avoid", "shift", "improve"}
    finally:
        con.close()
