"""Small valid import files and a non-demo database built from them (real data never goes into the demo set).

Every figure here is made up for tests; codes start with 9 so that they never collide with real LAO codes.
"""
from __future__ import annotations

import csv
import io
import shutil
from datetime import datetime
from pathlib import Path

MUNICIPALITY_HEADER = ["code", "name_th", "name_en", "type", "province_code", "population", "area_km2", "lat",
                       "lon", "role", "mentor_code", "base_year", "joined_year"]
MUNICIPALITIES = [
    ["9000001", "เทศบาลนครทดสอบ", "Test City", "nakhon", "50", "120000", "40.5", "18.79", "98.98", "pilot", "",
     "2018", "2015"],
    ["9000002", "เทศบาลเมืองทดสอบ", "Test Town", "mueang", "14", "45000", "12.25", "14.35", "100.57",
     "replicating", "9000001", "2019", "2016"],
    ["9000003", "เทศบาลตำบลทดสอบ", "Test Subdistrict", "tambon", "34", "8000", "6", "15.24", "104.85", "network",
     "", "", ""],
]
ACTIVITY_HEADER = ["municipality_code", "year", "inventory", "activity", "amount", "unit", "month", "gpc_ref",
                   "data_quality", "source", "note"]
ACTIVITIES = [
    ["9000001", "2023", "CFO", "electricity_kwh", "152000", "kWh", "1", "", "H", "PEA bill", ""],
    ["9000001", "2023", "CFO", "electricity_kwh", "149500.5", "kWh", "2", "", "H", "PEA bill", ""],
    ["9000001", "2023", "CFO", "diesel_onroad_l", "8100", "L", "", "", "M", "fuel log", "garbage trucks"],
    ["9000002", "2023", "CFO", "gasoline_onroad_l", "2300", "L", "", "", "L", "", ""],
    ["9000002", "2023", "CCF", "electricity_kwh", "5200000", "kWh", "", "I.1.2", "M", "PEA", ""],
]
ACTION_HEADER = ["action_id", "municipality_code", "title_th", "title_en", "theme", "dimension", "asi", "status",
                 "start_year", "end_year", "budget_thb", "expected_tco2e", "bike_lane_km", "co_benefits"]
ACTIONS = [
    ["T-01", "9000001", "เปลี่ยนไฟถนนเป็น LED", "LED street lights", "low_carbon", "2", "improve", "ongoing", "2022",
     "2024", "1500000", "25", "", "ค่าไฟลดลง"],
    ["T-02", "9000002", "ทางจักรยานรอบเมือง", "Ring bike lane", "bike_walk", "4", "shift", "planned", "2024", "",
     "", "", "4.5", ""],
]
TABLE_OF_KIND = {"municipalities": "municipality", "activities": "activity", "actions": "action"}
SAMPLES = {"municipalities": (MUNICIPALITY_HEADER, MUNICIPALITIES), "activities": (ACTIVITY_HEADER, ACTIVITIES),
           "actions": (ACTION_HEADER, ACTIONS)}


def csv_bytes(header: list[str], rows: list[list[str]], encoding: str = "utf-8", delimiter: str = ",",
              newline: str = "\n") -> bytes:
    """A CSV file as bytes (every field quoted when needed)."""
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator=newline)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode(encoding)


def xlsx_bytes(header: list[str], rows: list[list], sheet: str = "data") -> bytes:
    """An XLSX workbook as bytes; text is written as text (never as a formula), numbers as numbers."""
    import xlsxwriter

    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
                                   "strings_to_urls": False})
    wb.set_properties({"created": datetime(2024, 1, 1)})     # same bytes every time (stable fuzzing)
    ws = wb.add_worksheet(sheet)
    for j, h in enumerate(header):
        ws.write_string(0, j, h)
    for i, row in enumerate(rows, start=1):
        for j, v in enumerate(row):
            if isinstance(v, (int, float)) and not isinstance(v, bool):
                ws.write_number(i, j, v)
            elif v not in (None, ""):
                ws.write_string(i, j, str(v))
    wb.close()
    return buf.getvalue()


def sample_bytes(kind: str, fmt: str = "csv") -> bytes:
    header, rows = SAMPLES[kind]
    return csv_bytes(header, rows) if fmt == "csv" else xlsx_bytes(header, rows)


def new_real_database(path: Path, with_municipalities: bool = True, kinds: tuple[str, ...] = ()) -> Path:
    """A migrated, non-demo database with reference data, the sample municipalities (optional) and the
    samples of ``kinds`` (e.g. ("activities", "actions")), each imported as one batch."""
    from data.store import db
    from data.store import reference
    from data.write.importer import import_file

    con = db.connect(path)
    try:
        db.migrate(con)
        with db.transaction(con):
            reference.load_reference(con)
        if with_municipalities:
            r = import_file(con, sample_bytes("municipalities"), "municipalities.csv", "municipalities",
                            user="tests")
            assert r.ok and r.rows == len(MUNICIPALITIES), [str(p) for p in r.problems]
        for kind in kinds:
            r = import_file(con, sample_bytes(kind), f"{kind}.csv", kind, user="tests")
            assert r.ok and r.rows == len(SAMPLES[kind][1]), [str(p) for p in r.problems]
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


def copy_database(src: Path, dst: Path) -> Path:
    """Copy a closed database file (and its WAL, if any)."""
    shutil.copy(src, dst)
    wal = src.with_name(src.name + ".wal")
    if wal.exists():
        shutil.copy(wal, dst.with_name(dst.name + ".wal"))
    return dst
