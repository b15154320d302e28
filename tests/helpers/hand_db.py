"""A small hand-built database whose every figure is worked out by hand below (AR5, TGO factors); used by
tests/test_emissions.py and tests/test_summary.py.

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

from data.store import db, table_writes

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
