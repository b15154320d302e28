"""CFO and CCF figures: pure aggregation rules and the SQL reads on a small hand-built database.

``build_hand_db`` is shared with test_summary.py. Its numbers (AR5, TGO factors):

CFO of municipality T1, 2024 (12 lines; electricity as 3 monthly lines):
  electricity 3 x 1,000 kWh x 0.4999            = 1,499.7 kg -> scope 2 = 1.4997 t
  diesel on-road 1,000 L x 2.7406                = 2.7406 t  (scope 1, mobile)
  gasohol E10 500 L x 2.0374                     = 1.0187 t  (scope 1, mobile)
  diesel generator 100 L x 2.7078                = 0.27078 t (scope 1, stationary)
  LPG cooking 50 kg x 3.1134                     = 0.15567 t (scope 1, stationary)
  R-32 top-up 2 kg x 677                         = 1.354 t   (scope 1, fugitive)
  septic tanks 30 person-yr x 122.64             = 3.6792 t  (scope 1, wastewater)
  tap water 1,000 m3 x 0.5410                    = 0.541 t   (scope 3)
  paper 200 kg x 2.102                           = 0.4204 t  (scope 3)
  landfill 10,000 kg x 0.7933                    = 7.933 t   (scope 3)
  scope 1 = 2.7406 + 1.0187 + 0.27078 + 0.15567 + 1.354 + 3.6792 = 9.21895; scope 3 = 8.8944
  total = 9.21895 + 1.4997 + 8.8944 = 19.61305
CFO of T1, 2023 (base year): diesel on-road 8,000 L x 2.7406 = 21.9248 t.
CFO of T2, 2024 (no base year): electricity 2,000 kWh x 0.4999 = 0.9998 t.

CCF of T1, 2024:
  I.1.2   B   electricity 100,000 kWh x 0.4999        = 49.99
  I.1.3   B+  electricity (T&D) 6,000 kWh x 0.4999    = 2.9994
  I.4.4   T   diesel to the grid 5,000 L x 2.7078     = 13.539   (territorial only: counted nowhere)
  II.1.1  B   diesel 10,000 L x 2.7406                 = 27.406
  II.1.3  B+  gasohol 1,000 L x 2.0374                 = 2.0374
  III.1.1 B   landfill, FOD over 1,000 t/yr in 2022-2024 (SE-Asia MSW), with 50 years of estimated history at
              1,000 t/yr before 2022 (IPCC 2006 Vol.5 s.3.2.2): 2024 rests on T = 52 years of equal deposits,
              whose decomposed carbon is d x (1 - e^(-kT)) per type, d = 1,000 t x share x DOC x DOCf x MCF:
              food 32.25 x 1 + paper 26 x (1 - e^-3.64 = 0.97375) + wood 21.5 x (1 - e^-1.82 = 0.83797)
              + textiles 3.6 x 0.97375 = 32.25 + 25.3175 + 18.0164 + 3.5055 = 79.0894 t C
              CH4 = 79.0894 x 0.5 x 16/12 = 52.7263 t; x 28 = 1,476.335 tCO2e
              (2023: T = 51 -> 1,472.967; 2022, the first record: T = 50 -> 1,469.440)
  III.4.1 B   septic 100 person-yr x 122.64            = 12.264
  V.1     B+  cattle 10 head x 1,316                   = 13.16
  VI.1    O   paper 100 kg x 2.102                     = 0.2102   (other scope 3: counted nowhere)
  BASIC  = 49.99 + 27.406 + 1,476.335 + 12.264 = 1,565.995
  BASIC+ = 1,565.995 + 2.9994 + 2.0374 + 13.16 = 1,584.1918
"""
from __future__ import annotations

import pandas as pd
import pytest

from data.store import db
from data.store import table_writes
from data.queries import emission_rows
from indicators import emissions as em

LANDFILL_2024 = 1476.335   # tCO2e, see the module docstring (T = 52 years of deposits)
LANDFILL_2023 = 1472.9671  # T = 51: 78.90895 t C x 0.5 x 16/12 = 52.60597 t CH4 x 28
LANDFILL_2022 = 1469.4403  # T = 50 (the first record, all history estimated): 52.48001 t CH4 x 28


def build_hand_db(path):
    """The small database of the module docstring; returns an open connection."""
    con = db.connect(path)
    db.migrate(con)
    muni = pd.DataFrame([
        dict(code="T1", name_th="เทศบาลทดสอบหนึ่ง", name_en="Test One", type="mueang", province_code="50",
             population=10000, area_km2=20.0, base_year=2023),
        dict(code="T2", name_th="เทศบาลทดสอบสอง", name_en="Test Two", type="tambon", province_code="50",
             population=5000, area_km2=10.0, base_year=None),
        dict(code="T3", name_th="เทศบาลทดสอบสาม", name_en="Test Three", type="tambon", province_code="50",
             population=None, area_km2=None, base_year=2020),
    ])
    muni["base_year"] = muni["base_year"].astype("Int64")
    muni["population"] = muni["population"].astype("Int64")
    cfo = [("electricity_kwh", m, 1000.0, "kWh") for m in (1, 2, 3)] + [
        ("diesel_onroad_l", None, 1000.0, "L"), ("gasohol_e10_onroad_l", None, 500.0, "L"),
        ("diesel_stationary_l", None, 100.0, "L"), ("lpg_stationary_kg", None, 50.0, "kg"),
        ("r32_kg", None, 2.0, "kg"), ("wastewater_septic_person_yr", None, 30.0, "person-yr"),
        ("tap_water_pwa_m3", None, 1000.0, "m3"), ("paper_kg", None, 200.0, "kg"),
        ("msw_landfill_kg", None, 10000.0, "kg")]
    rows = [dict(municipality_code="T1", year=2024, month=m, inventory="CFO", activity=a, amount=x, unit=u,
                 data_quality="H") for a, m, x, u in cfo]
    rows.append(dict(municipality_code="T1", year=2023, month=None, inventory="CFO", activity="diesel_onroad_l",
                     amount=8000.0, unit="L", data_quality="H"))
    ccf = [("electricity_kwh", "I.1.2", 100000.0, "kWh", "H"), ("electricity_kwh", "I.1.3", 6000.0, "kWh", "L"),
           ("diesel_onroad_l", "II.1.1", 10000.0, "L", "M"), ("gasohol_e10_onroad_l", "II.1.3", 1000.0, "L", "L"),
           ("diesel_stationary_l", "I.4.4", 5000.0, "L", "M"),
           ("wastewater_septic_person_yr", "III.4.1", 100.0, "person-yr", "M"),
           ("cattle_other_head_yr", "V.1", 10.0, "head-yr", "L"), ("paper_kg", "VI.1", 100.0, "kg", "M")]
    rows += [dict(municipality_code="T1", year=2024, month=None, inventory="CCF", activity=a, gpc_ref=g, amount=x,
                  unit=u, data_quality=dq) for a, g, x, u, dq in ccf]
    rows += [dict(municipality_code="T1", year=y, month=None, inventory="CCF", activity="msw_landfill_kg",
                  gpc_ref="III.1.1", amount=1_000_000.0, unit="kg", data_quality="M") for y in (2022, 2023, 2024)]
    rows.append(dict(municipality_code="T2", year=2024, month=None, inventory="CFO", activity="electricity_kwh",
                     amount=2000.0, unit="kWh", data_quality="H"))
    # T3 has a city inventory but no CFO
    rows.append(dict(municipality_code="T3", year=2024, month=None, inventory="CCF", activity="diesel_onroad_l",
                     gpc_ref="II.1.1", amount=1000.0, unit="L", data_quality="M"))
    act = pd.DataFrame(rows)
    act["month"] = act["month"].astype("Int64")
    notes = pd.DataFrame([dict(municipality_code="T1", year=2024, gpc_ref="II.2.1", notation_key="NO",
                               explanation="ไม่มีรถไฟ / no railway in the municipality")])
    with db.transaction(con):
        batch = table_writes.new_batch(con, "activities", "hand.csv", "0" * 64, len(act))
        table_writes.insert_frame(con, "municipality", muni, batch)
        table_writes.insert_frame(con, "activity", act, batch)
        table_writes.insert_frame(con, "ccf_notation", notes, batch)
    return con


@pytest.fixture(scope="module")
def hand_db(tmp_path_factory):
    con = build_hand_db(tmp_path_factory.mktemp("hand") / "hand.duckdb")
    yield con
    con.close()


def _add_rows(con, rows):
    with db.transaction(con):
        table_writes.insert_frame(con, "activity", pd.DataFrame(rows), None)


# --- pure aggregation -------------------------------------------------------------------------------------------

def test_cfo_scope_totals_of_a_dozen_lines():
    rows = pd.DataFrame({"k": "T1", "scope": [2, 2, 2, 1, 1, 1, 1, 1, 1, 3, 3, 3],
                         "tco2e": [0.4999, 0.4999, 0.4999, 2.7406, 1.0187, 0.27078, 0.15567, 1.354, 3.6792,
                                   0.541, 0.4204, 7.933]})
    out = em.cfo_scope_totals(rows, ["k"]).iloc[0]
    assert out["scope1"] == pytest.approx(9.21895)      # 2.7406 + 1.0187 + 0.27078 + 0.15567 + 1.354 + 3.6792
    assert out["scope2"] == pytest.approx(1.4997)       # 3 x 0.4999
    assert out["scope3"] == pytest.approx(8.8944)       # 0.541 + 0.4204 + 7.933
    assert out["total"] == pytest.approx(19.61305)


def test_cfo_missing_scope_is_na_not_zero():
    out = em.cfo_scope_totals(pd.DataFrame({"k": ["A"], "scope": [2], "tco2e": [1.0]}), ["k"]).iloc[0]
    assert pd.isna(out["scope1"]) and pd.isna(out["scope3"])
    assert out["total"] == 1.0
    assert em.cfo_scope_totals(pd.DataFrame({"k": [], "scope": [], "tco2e": []}), ["k"]).empty


def test_ccf_basic_and_basic_plus_differ_and_territorial_rows_are_excluded():
    rows = pd.DataFrame({
        "k": "T1",
        "gpc_ref": ["I.1.2", "I.1.3", "I.4.4", "II.1.1", "II.1.3", "III.4.1", "V.1", "VI.1"],
        "sector": ["I", "I", "I", "II", "II", "III", "V", "VI"],
        "level": ["B", "B+", "T", "B", "B+", "B", "B+", "O"],
        "tco2e": [49.99, 2.9994, 13.539, 27.406, 2.0374, 12.264, 13.16, 0.2102]})
    out = em.ccf_totals(rows, ["k"]).iloc[0]
    assert out["basic"] == pytest.approx(89.66)          # 49.99 + 27.406 + 12.264
    assert out["basic_plus"] == pytest.approx(107.8568)  # 89.66 + 2.9994 + 2.0374 + 13.16
    assert out["I"] == pytest.approx(52.9894)            # 49.99 + 2.9994; the T row 13.539 is not in it
    assert out["II"] == pytest.approx(29.4434)
    assert out["III"] == pytest.approx(12.264)
    assert pd.isna(out["IV"])
    assert out["V"] == pytest.approx(13.16)


def test_quality_helpers_and_notation_labels():
    assert em.worst_quality(pd.Series(["H", "M", None])) == "M"
    assert em.worst_quality(pd.Series(["H", "L", "M"])) == "L"
    assert em.worst_quality(pd.Series([None])) is None
    shares = em.quality_shares(pd.DataFrame({"data_quality": ["H", "L", None], "tco2e": [60.0, 30.0, 10.0]}))
    assert shares == {"H": 0.6, "M": 0.0, "L": 0.3, "unknown": 0.1}
    assert em.notation_label("NE", "en") == "Not estimated" and em.notation_label("NO", "th") == "ไม่เกิดขึ้น"


# --- SQL reads on the hand-built database --------------------------------------------------------------------------

def test_cfo_rows_sum_monthly_and_annual_lines_by_scope_and_category(hand_db):
    rows = emission_rows.cfo_rows(hand_db, "T1", 2024)
    tot = em.cfo_scope_totals(rows, ["municipality_code", "year"]).iloc[0]
    assert (tot["scope1"], tot["scope2"], tot["scope3"]) == pytest.approx((9.21895, 1.4997, 8.8944))
    assert tot["total"] == pytest.approx(19.61305)
    cat = rows.set_index("category")
    assert cat.loc["electricity", "n_rows"] == 3                     # three monthly lines -> one year
    assert cat.loc["mobile", "tco2e"] == pytest.approx(3.7593)        # 2.7406 + 1.0187
    assert cat.loc["stationary", "tco2e"] == pytest.approx(0.42645)   # 0.27078 + 0.15567
    assert cat.loc["fugitive", "tco2e"] == pytest.approx(1.354)
    assert cat.loc["waste", "tco2e"] == pytest.approx(7.933)          # TGO 0.7933 kg/kg, scope 3


def test_ccf_rows_apply_gpc_levels_and_the_landfill_model(hand_db):
    rows = emission_rows.ccf_rows(hand_db, "T1", 2024)
    by_ref = rows.set_index("gpc_ref")
    assert by_ref.loc["III.1.1", "tco2e"] == pytest.approx(LANDFILL_2024, abs=1e-3)
    assert by_ref.loc["III.1.1", "method"] == "fod"
    assert by_ref.loc["I.4.4", "level"] == "T"
    tot = em.ccf_totals(rows, ["municipality_code", "year"]).iloc[0]
    assert tot["basic"] == pytest.approx(1565.995, abs=1e-3)
    assert tot["basic_plus"] == pytest.approx(1584.1918, abs=1e-3)
    assert tot["III"] == pytest.approx(LANDFILL_2024 + 12.264, abs=1e-3)
    # the first year of the disposal record rests on the 50 years of estimated history: a figure, not a gap
    assert emission_rows.ccf_rows(hand_db, "T1", 2022).set_index("gpc_ref").loc["III.1.1", "tco2e"] == \
        pytest.approx(LANDFILL_2022, abs=1e-3)
    assert emission_rows.ccf_rows(hand_db, "T1", 2023).set_index("gpc_ref").loc["III.1.1", "tco2e"] == \
        pytest.approx(LANDFILL_2023, abs=1e-3)


def test_methane_commitment_alternative(hand_db):
    rows = emission_rows.ccf_rows(hand_db, "T1", 2024, landfill_method="commitment").set_index("gpc_ref")
    # 1,000 t x 0.1667 x 0.5 x 1 x 0.5 x 16/12 = 55.5667 t CH4 x 28 = 1,555.87 tCO2e
    assert rows.loc["III.1.1", "tco2e"] == pytest.approx(1555.867, abs=1e-2)
    assert rows.loc["III.1.1", "method"] == "commitment"
    with pytest.raises(emission_rows.UnknownLandfillMethod):
        emission_rows.ccf_rows(hand_db, "T1", 2024, landfill_method="guess")


def test_gwp_switch_changes_per_gas_factors_only(hand_db):
    ar4 = emission_rows.cfo_rows(hand_db, "T1", 2024, gwp_set="AR4").set_index("category")
    # R-32 under AR4: 2 kg x 675 = 1.35 t (AR5: 1.354)
    assert ar4.loc["fugitive", "tco2e"] == pytest.approx(1.35)
    # electricity is an LCA total: unchanged, 3 x 1,000 x 0.4999 = 1.4997
    assert ar4.loc["electricity", "tco2e"] == pytest.approx(1.4997)
    # septic tanks: 30 x 4.38 kg CH4 x 25 = 3.285 t
    assert ar4.loc["wastewater", "tco2e"] == pytest.approx(3.285)


def test_factor_vintage_switches_between_2025_and_2026(tmp_path):
    con = build_hand_db(tmp_path / "vintage.duckdb")
    _add_rows(con, [dict(municipality_code="T2", year=y, inventory="CFO", activity="electricity_kwh",
                         amount=1000.0, unit="kWh", data_quality="H") for y in (2025, 2026)])
    rows = emission_rows.activity_rows(con, "T2").set_index("year")
    # 1,000 kWh x 0.4999 = 0.4999 t in 2025; x 0.4750 = 0.475 t from 2026
    assert rows.loc[2025, "tco2e"] == pytest.approx(0.4999)
    assert rows.loc[2025, "factor_id"] == "electricity_kwh@2016-2018"
    assert rows.loc[2026, "tco2e"] == pytest.approx(0.475)
    assert rows.loc[2026, "factor_id"] == "electricity_kwh@2022-2024"
    con.close()


def test_rows_without_a_usable_factor_are_flagged_not_counted(tmp_path):
    con = build_hand_db(tmp_path / "bad.duckdb")
    _add_rows(con, [
        dict(municipality_code="T2", year=2024, inventory="CFO", activity="electricity_kwh", amount=500.0,
             unit="MWh", data_quality="H"),
        dict(municipality_code="T2", year=2024, inventory="CFO", activity="coal_kg", amount=10.0, unit="kg",
             data_quality="L"),
    ])
    bad = emission_rows.unmatched_rows(con, "T2", 2024).set_index("activity")
    assert bad.loc["electricity_kwh", "status"] == "unit_mismatch"
    assert bad.loc["coal_kg", "status"] == "no_factor"
    assert pd.isna(bad.loc["coal_kg", "tco2e"])
    # T2's CFO stays 2,000 kWh x 0.4999 = 0.9998 t: the bad rows add nothing
    assert emission_rows.cfo_rows(con, "T2", 2024)["tco2e"].sum() == pytest.approx(0.9998)
    con.close()


def test_every_computed_row_is_traceable_to_factor_and_source(hand_db):
    rows = emission_rows.activity_rows(hand_db, "T1", 2024, inventory="CFO")
    assert len(rows) == 12
    assert rows["status"].eq("ok").all()
    assert rows["factor_id"].notna().all() and rows["factor_source"].str.len().gt(10).all()
    assert (rows["tco2e"] - rows["amount"] * rows["kgco2e_per_unit"] / 1000).abs().max() < 1e-12


def test_notation_keys_read(hand_db):
    n = emission_rows.notation_keys(hand_db, "T1", 2024)
    assert n[["gpc_ref", "notation_key"]].values.tolist() == [["II.2.1", "NO"]]


def test_basic_missing_lists_rows_without_figure_or_notation_key():
    # four BASIC rows (B) and one BASIC+ row; I.1.1 has a figure, II.2.1 a notation key (NO):
    # I.1.2 and III.1.1 have neither -> missing; coverage 2 of 4 = 0.5. B+ rows are not required for BASIC.
    from indicators import emissions as em
    refs = pd.DataFrame({"gpc_ref": ["III.1.1", "I.1.2", "I.1.1", "II.2.1", "I.1.3"],
                         "level": ["B", "B", "B", "B", "B+"]})
    missing = em.basic_missing(refs, with_figure=["I.1.1"], with_key=["II.2.1"])
    assert missing == ["I.1.2", "III.1.1"]
    assert em.basic_coverage(len(missing), 4) == 0.5
    assert em.basic_missing(refs, ["I.1.1", "I.1.2", "III.1.1"], ["II.2.1"]) == []
    assert em.basic_coverage(0, 0) is None
    assert sorted(["II.1.1", "I.10.1", "I.2.1"], key=em.gpc_order) == ["I.2.1", "I.10.1", "II.1.1"]


def test_basic_missing_counted_for_many_inventories():
    # M1 2024: figures I.1.1, III.1.1 (B) and I.1.3 (B+), key NO on II.2.1 -> 3 of 4 BASIC covered, 1 missing
    # M2 2024: only a notation key on I.1.2 -> 1 covered, 3 missing; M1 2023: nothing -> not listed
    from indicators import emissions as em
    refs = pd.DataFrame({"gpc_ref": ["I.1.1", "I.1.2", "II.2.1", "III.1.1", "I.1.3"],
                         "level": ["B", "B", "B", "B", "B+"]})
    rows = pd.DataFrame({"municipality_code": ["M1", "M1", "M1", "M1"], "year": [2024, 2024, 2024, 2023],
                         "gpc_ref": ["I.1.1", "III.1.1", "I.1.3", "I.1.1"], "tco2e": [1.0, 2.0, 3.0, None]})
    keys = pd.DataFrame({"municipality_code": ["M1", "M2"], "year": [2024, 2024], "gpc_ref": ["II.2.1", "I.1.2"]})
    out = em.basic_missing_frame(rows, keys, refs).set_index(["municipality_code", "year"])
    assert out.loc[("M1", 2024), "basic_missing_n"] == 1 and out.loc[("M2", 2024), "basic_missing_n"] == 3
    assert ("M1", 2023) not in out.index and (out["basic_rows"] == 4).all()
