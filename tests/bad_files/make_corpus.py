"""Build the import test corpus: good files in tests/good_files/, one bad file per problem in tests/bad_files/.

Run ``python tests/bad_files/make_corpus.py`` after changing a case; the generated files are committed so that
each case can be opened and read. ``tests/bad_files/expected.csv`` lists, for every bad file, the kind it is
imported as and the Excel row and column its first expected problem names (empty = the whole file), plus a
word the English message must contain.
"""
from __future__ import annotations

import csv
import io
import zipfile
from datetime import datetime
from pathlib import Path

import xlsxwriter

HERE = Path(__file__).resolve().parent
GOOD = HERE.parent / "good_files"

# --- the good data (hand-made, small) ---------------------------------------------------------------------

MUNI_HEADER = ["code / รหัส อปท.", "name_th / ชื่อภาษาไทย", "name_en / ชื่อภาษาอังกฤษ", "type / ประเภท",
               "province_code / รหัสจังหวัด", "population / จำนวนประชากร", "area_km2 / พื้นที่ (ตร.กม.)",
               "lat / ละติจูด", "lon / ลองจิจูด", "role / บทบาทในโครงการ", "mentor_code / รหัส อปท. พี่เลี้ยง",
               "base_year / ปีฐาน", "joined_year / ปีที่เข้าร่วม"]
MUNIS = [
    ["1401101", "เทศบาลนครพระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya City Municipality", "nakhon", "14", "52,345",
     "14.6", "14.3532", "100.5689", "pilot", "", "2559", "2558"],
    ["1410301", "เทศบาลตำบลพระยาบันลือ", "Phraya Banlue Subdistrict Municipality", "เทศบาลตำบล", "14", "4221",
     "48.83", "", "", "replicating", "1401101", "2019", "2019"],
    ["5001101", "เทศบาลนครเชียงใหม่", "Chiang Mai City Municipality", "nakhon", "50", "127240", "40.2",
     "18.7883", "98.9853", "network", "", "2018", "2018"],
]
ACT_BASE = ["municipality_code", "year", "inventory", "activity", "unit", "gpc_ref", "data_quality", "source", "note"]
# items of the monthly CFO: base columns + 12 monthly amounts (None = no figure that month)
ITEMS = [
    ["1401101", "2567", "CFO", "electricity_kwh", "kWh", "", "H", "ใบแจ้งหนี้ กฟภ.", "=SUM(A1:A3)",
     [10_000.5 + 100 * m for m in range(12)]],
    ["1401101", "2567", "CFO", "diesel_onroad_l", "L", "", "H", "บัตรเติมน้ำมัน", "<b>fleet</b> & trucks",
     [1_200 + 10 * m for m in range(12)]],
    ["1401101", "2567", "CFO", "r32_kg", "kg", "", "M", "", "", [None, None, None, None, 3.5, None, None, None,
                                                                  None, None, None, 0]],
    ["1410301", "2024", "CFO", "electricity_kwh", "kWh", "", "H", "PEA bill", "", [2_000 + m for m in range(12)]],
]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MONTHS_TH = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
LONG_HEADER = ["municipality_code / รหัส อปท.", "year / ปี", "inventory / ประเภทบัญชี", "activity / รหัสกิจกรรม",
               "amount / ปริมาณ", "unit / หน่วย", "month / เดือน", "gpc_ref / รหัส GPC",
               "data_quality / คุณภาพข้อมูล", "source / แหล่งข้อมูล", "note / หมายเหตุ"]


def _num(v) -> str:
    return f"{v:g}" if isinstance(v, float) else str(v)


def long_rows() -> list[list[str]]:
    rows = []
    for code, year, inv, act, unit, gpc, dq, src, note, months in ITEMS:
        for m, v in enumerate(months, start=1):
            if v is not None:
                rows.append([code, year, inv, act, _num(v), unit, str(m), gpc, dq, src, note])
    return rows


def _csv_bytes(header, rows, encoding="utf-8-sig", delimiter=",") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    if header is not None:
        w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode(encoding)


def _xlsx_bytes(sheets: list[tuple[str, list[list]]]) -> bytes:
    buf = io.BytesIO()
    wb = xlsxwriter.Workbook(buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False})
    wb.set_properties({"created": datetime(2015, 1, 1)})
    for name, rows in sheets:
        ws = wb.add_worksheet(name)
        for i, row in enumerate(rows):
            for j, v in enumerate(row):
                if v is None or v == "":
                    continue
                if isinstance(v, (int, float)):
                    ws.write_number(i, j, v)
                else:
                    ws.write_string(i, j, str(v))
    wb.close()
    return buf.getvalue()


def _wide_rows(month_headers, numeric: bool) -> list[list]:
    header = [f"{c} / x" if False else c for c in ACT_BASE] + month_headers
    rows = [header]
    for code, year, inv, act, unit, gpc, dq, src, note, months in ITEMS:
        cells = [code, year, inv, act, unit, gpc, dq, src, note]
        cells += [("" if v is None else (v if numeric else _num(v))) for v in months]
        rows.append(cells)
    return rows


def good_files() -> dict[str, bytes]:
    wide_xlsx = [["แบบฟอร์มข้อมูลกิจกรรม ปี 2567 (เหมือนเครื่องคำนวณของ อบก.)"]] + _wide_rows(MONTHS_TH, True)
    long_numeric = [[int(r[0]), int(r[1]), r[2], r[3], float(r[4]), r[5], int(r[6]), r[7], r[8], r[9], r[10]]
                    for r in long_rows()]
    return {
        "municipalities.csv": _csv_bytes(MUNI_HEADER, MUNIS),
        "activities_long.csv": _csv_bytes(LONG_HEADER, long_rows()),
        "activities_long.xlsx": _xlsx_bytes([("activities", [LONG_HEADER] + long_numeric)]),
        # TGO-calculator-like: an explanation sheet first, a title row above the header, Thai month names
        "activities_wide.xlsx": _xlsx_bytes([("คำอธิบาย", [["กรอกข้อมูลในแผ่นงานถัดไป"]]),
                                             ("ข้อมูลรายเดือน", wide_xlsx)]),
        # English month names, semicolons, Thai TIS-620 (cp874) text as saved by Thai Excel
        "activities_wide.csv": _csv_bytes(None, _wide_rows(MONTHS_EN, False), encoding="cp874", delimiter=";"),
        "activities_ccf_annual.csv": _csv_bytes(
            ["municipality_code", "year", "inventory", "activity", "amount", "unit", "gpc_ref", "data_quality"],
            [["5001101", "๒๕๖๖", "CCF", "electricity_kwh", "๑,๒๓๔,๕๖๗.๕", "หน่วย", "I.1.2", "h"],
             ["5001101", "2023", "CCF", "lpg_stationary_kg", "98,765", "กก.", "i.1.1", "M"],
             ["5001101", "2023", "CCF", "msw_landfill_kg", "45000000", "kg", "III.1.1", "L"]]),
        "indicators.csv": _csv_bytes(
            ["municipality_code", "year", "indicator_code", "value", "evidence"],
            [["1401101", "2567", "lc_target_adopted", "1", "มติสภา 12/2567"],
             ["1401101", "2567", "lc_led_streetlight_pct", "42.5", ""],
             ["1410301", "2024", "lc_led_streetlight_pct", "10", "สำรวจ"]]),
        "actions.xlsx": _xlsx_bytes([("actions", [
            ["action_id", "municipality_code", "title_th", "title_en", "theme", "dimension", "asi", "gpc_sector",
             "department", "status", "start_year", "end_year", "budget_thb", "expected_tco2e", "achieved_tco2e",
             "bike_lane_km", "co_benefits"],
            ["1401101-A01", 1401101, "เปลี่ยนไฟถนนเป็นหลอด LED", "LED street lights", "low_carbon", 3, "I", "I",
             "กองช่าง", "ongoing", 2566, 2568, 1500000, 25, 12.5, None, "ค่าไฟลดลง"],
            ["1401101-A02", 1401101, "ทางจักรยานรอบเมือง", "City bike loop", "bike_walk", 4, "shift", "II",
             "engineering", "planned", 2025, None, "3,000,000", 8, None, 6.5, ""]])]),
        "scorecard.csv": _csv_bytes(
            ["municipality_code", "year", "level", "essential", "question", "score"],
            [["1401101", "2024", "preliminary", "1", "P1.1", "2"],
             ["1401101", "2024", "preliminary", "1", "P1.2", "3"],
             ["1401101", "2024", "ขั้นต้น", "2", "P2.1", "0"]]),
    }


# --- bad files: (name, kind, row, column, word in the message, bytes) --------------------------------------

ACT_HEAD = ["municipality_code", "year", "inventory", "activity", "amount", "unit", "month", "gpc_ref",
            "data_quality", "source", "note"]
OK_ROW = ["1401101", "2024", "CFO", "electricity_kwh", "1000", "kWh", "1", "", "H", "bill", ""]


def _act(*changes: tuple[int, str, str], rows: int = 3, header=ACT_HEAD) -> bytes:
    """An activities CSV of ``rows`` valid monthly rows with (data row index, column, value) changes."""
    data = []
    for i in range(rows):
        r = dict(zip(ACT_HEAD, OK_ROW))
        r["month"] = str(i + 1)
        data.append(r)
    for i, col, val in changes:
        data[i][col] = val
    return _csv_bytes(header, [[r.get(c, "") for c in header] for r in data])


def _muni(*changes: tuple[int, str, str]) -> bytes:
    head = [h.split(" / ")[0] for h in MUNI_HEADER]
    rows = [dict(zip(head, r)) for r in MUNIS]
    for r, code in zip(rows, ["9100101", "9100201", "9100301"]):
        r["code"] = code  # new codes, so that only the intended problem shows
        r["mentor_code"] = "9100101" if r["mentor_code"] else ""
    for i, col, val in changes:
        rows[i][col] = val
    return _csv_bytes(head, [[r[c] for c in head] for r in rows])


def _zip(members: dict[str, bytes], level=9) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as zf:
        for name, data in members.items():
            zf.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), data, zipfile.ZIP_DEFLATED, level)
    return buf.getvalue()


def _zip_bomb() -> bytes:
    # 210 MB of spaces inside a sheet: about 200 kB on disk, over the 200 MB unpacked limit
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        zf.writestr(zipfile.ZipInfo("[Content_Types].xml", (1980, 1, 1, 0, 0, 0)), b"<Types/>")
        zf.writestr(zipfile.ZipInfo("xl/workbook.xml", (1980, 1, 1, 0, 0, 0)), b"<workbook/>")
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", (1980, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            chunk = b" " * (1 << 20)
            for _ in range(210):
                fh.write(chunk)
    return buf.getvalue()


def _lying_zip() -> bytes:
    """A workbook zip whose directory understates a member's size (2 MB declared as 100 bytes)."""
    good = GOOD_FILES["activities_long.xlsx"]
    members = {}
    with zipfile.ZipFile(io.BytesIO(good)) as zf:
        for n in zf.namelist():
            members[n] = zf.read(n)
    members["xl/worksheets/sheet1.xml"] = members["xl/worksheets/sheet1.xml"] + b" " * 2_000_000
    data = bytearray(_zip(members))
    # patch the uncompressed size in the central directory entry of sheet1.xml
    name = b"xl/worksheets/sheet1.xml"
    cd = data.rfind(b"PK\x01\x02" , 0, data.rfind(name))
    data[cd + 24:cd + 28] = (100).to_bytes(4, "little")
    return bytes(data)


def bad_files() -> list[tuple[str, str, int | None, str | None, str, bytes]]:
    long_x = GOOD_FILES["activities_long.xlsx"]
    wide = _wide_rows(MONTHS_TH, True)
    wide_bad = [r[:] for r in wide]
    wide_bad[2][9 + 2] = "สามพัน"            # March of the 2nd item: text
    wide_neg = [r[:] for r in wide]
    wide_neg[1][9 + 3] = -50                 # April of the 1st item: negative
    wide_total = [r[:] + ([("รวม" if i == 0 else (sum(v for v in r[9:] if v != "") + (5 if i == 1 else 0)))])
                  for i, r in enumerate(wide)]
    muni_sheet = [[h for h in MUNI_HEADER]] + MUNIS
    return [
        ("missing_required_column.csv", "activities", 1, "amount", "missing required",
         _act(header=[c for c in ACT_HEAD if c != "amount"])),
        ("unknown_column.csv", "activities", 1, "colour", "Unknown column", _act(header=ACT_HEAD + ["colour"])),
        ("duplicate_column.csv", "activities", 1, "amount", "appears twice", _act(header=ACT_HEAD + ["amount"])),
        ("amount_not_a_number.csv", "activities", 3, "amount", "not a number", _act((1, "amount", "หนึ่งพัน"))),
        ("amount_negative.csv", "activities", 4, "amount", "negative", _act((2, "amount", "-12.5"))),
        ("amount_absurd.csv", "activities", 2, "amount", "implausibly large", _act((0, "amount", "5e12"))),
        ("amount_infinite.csv", "activities", 2, "amount", "not a number", _act((0, "amount", "inf"))),
        ("amount_missing.csv", "activities", 3, "amount", "required", _act((1, "amount", ""))),
        ("bad_thousands_separator.csv", "activities", 2, "amount", "not a number", _act((0, "amount", "1,23.5"))),
        ("unit_mismatch.csv", "activities", 3, "unit", "does not match", _act((1, "unit", "MWh"))),
        ("unknown_municipality.csv", "activities", 2, "municipality_code", "Unknown municipality",
         _act((0, "municipality_code", "9999999"))),
        ("unknown_activity.csv", "activities", 4, "activity", "Unknown activity", _act((2, "activity", "coal_kg"))),
        ("unknown_gpc_ref.csv", "activities", 2, "gpc_ref", "Unknown GPC", _act((0, "gpc_ref", "IX.9.9"))),
        ("bad_inventory.csv", "activities", 3, "inventory", "not allowed", _act((1, "inventory", "GHG"))),
        ("bad_data_quality.csv", "activities", 2, "data_quality", "not allowed", _act((0, "data_quality", "A"))),
        ("year_out_of_range.csv", "activities", 3, "year", "out of range", _act((1, "year", "2300"))),
        ("year_too_old_be.csv", "activities", 2, "year", "out of range", _act((0, "year", "2450"))),
        ("year_not_whole.csv", "activities", 4, "year", "whole number", _act((2, "year", "2024.5"))),
        ("month_13.csv", "activities", 2, "month", "1-12", _act((0, "month", "13"))),
        ("duplicate_rows.csv", "activities", 4, "municipality_code", "Duplicate row", _act((2, "month", "1"))),
        ("annual_and_monthly.csv", "activities", 3, "month", "twice", _act((1, "month", ""))),
        ("text_too_long.csv", "activities", 2, "note", "longer than", _act((0, "note", "ก" * 6000))),
        ("ragged_row.csv", "activities", 3, None, "malformed",
         _act(rows=3).replace(b"bill,\r\n", b"bill,,extra,cells\r\n", 2).replace(
             b"bill,,extra,cells\r\n", b"bill,\r\n", 1)),
        ("bad_encoding.csv", "activities", 3, None, "decoded",
         _act().replace(b"bill", b"bi\xff\xfell", 2).replace(b"bi\xff\xfell", b"bill", 1)),
        ("empty_file.csv", "activities", None, None, "empty", b""),
        ("header_only.csv", "activities", None, None, "no data rows", _csv_bytes(ACT_HEAD, [])),
        ("blank_sheets.xlsx", "activities", None, None, "empty", _xlsx_bytes([("activities", []), ("x", [])])),
        ("wrong_sheet.xlsx", "activities", 1, "activity", "missing required", _xlsx_bytes([("municipalities", muni_sheet)])),
        ("no_header_row.csv", "activities", 1, "municipality_code", "missing required",
         _csv_bytes(None, [OK_ROW, OK_ROW[:6] + ["2"] + OK_ROW[7:]])),
        ("xlsx_that_is_csv.xlsx", "activities", None, None, "plain text", _act()),
        ("xlsx_that_is_png.xlsx", "activities", None, None, "PNG image",
         b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(64))),
        ("csv_that_is_xlsx.csv", "activities", None, None, "ZIP archive", long_x),
        ("old_excel.xls", "activities", None, None, ".xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)),
        ("unsupported_type.json", "activities", None, None, "Unsupported", b'{"amount": 1}'),
        ("zip_not_a_workbook.xlsx", "activities", None, None, "not an Excel workbook",
         _zip({"readme.txt": b"hello"})),
        ("truncated_workbook.xlsx", "activities", None, None, "damaged", long_x[: len(long_x) // 2]),
        ("zip_bomb.xlsx", "activities", None, None, "zip bomb", _zip_bomb()),
        ("zip_lying_sizes.xlsx", "activities", None, None, "damaged", _lying_zip()),
        ("wide_month_not_a_number.xlsx", "activities", 3, "mar", "not a number",
         _xlsx_bytes([("activities", wide_bad)])),
        ("wide_month_negative.xlsx", "activities", 2, "apr", "negative", _xlsx_bytes([("activities", wide_neg)])),
        ("wide_total_mismatch.xlsx", "activities", 2, "total", "sum of the months",
         _xlsx_bytes([("activities", wide_total)])),
        ("municipality_bad_province.csv", "municipalities", 3, "province_code", "Unknown province",
         _muni((1, "province_code", "99"))),
        ("municipality_bad_type.csv", "municipalities", 2, "type", "not allowed", _muni((0, "type", "city hall"))),
        ("municipality_unknown_mentor.csv", "municipalities", 3, "mentor_code", "Unknown mentor",
         _muni((1, "mentor_code", "9199999"))),
        ("municipality_lat_without_lon.csv", "municipalities", 4, "lat", "both lat and lon",
         _muni((2, "lon", ""))),
        ("municipality_outside_thailand.csv", "municipalities", 2, "lat", "plausible range",
         _muni((0, "lat", "48.85"))),
        ("municipality_duplicate_code.csv", "municipalities", 3, "code", "Duplicate row",
         _muni((1, "code", "9100101"), (1, "mentor_code", ""))),
        ("indicator_unknown_code.csv", "indicators", 2, "indicator_code", "Unknown indicator",
         _csv_bytes(["municipality_code", "year", "indicator_code", "value"],
                    [["1401101", "2024", "happiness_index", "7"]])),
        ("scorecard_score_too_high.csv", "scorecard", 2, "score", "above the maximum",
         _csv_bytes(["municipality_code", "year", "level", "essential", "question", "score"],
                    [["1401101", "2024", "preliminary", "1", "P1.1", "4"]])),
        ("scorecard_bad_essential.csv", "scorecard", 2, "essential", "plausible range",
         _csv_bytes(["municipality_code", "year", "level", "essential", "question", "score"],
                    [["1401101", "2024", "detailed", "11", "D11.1", "4"]])),
        ("action_end_before_start.csv", "actions", 2, "end_year", "before",
         _csv_bytes(["action_id", "municipality_code", "title_th", "theme", "dimension", "asi", "status",
                     "start_year", "end_year"],
                    [["A1", "1401101", "โครงการ", "low_carbon", "2", "avoid", "ongoing", "2024", "2020"]])),
        ("action_bad_asi.csv", "actions", 2, "asi", "not allowed",
         _csv_bytes(["action_id", "municipality_code", "title_th", "theme", "dimension", "asi", "status",
                     "start_year"],
                    [["A1", "1401101", "โครงการ", "low_carbon", "2", "reduce", "ongoing", "2024"]])),
    ]


GOOD_FILES = good_files()


def main() -> None:
    GOOD.mkdir(exist_ok=True)
    for name, data in GOOD_FILES.items():
        (GOOD / name).write_bytes(data)
    cases = bad_files()
    with open(HERE / "expected.csv", "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(["file", "kind", "row", "column", "contains"])
        for name, kind, row, column, word, data in cases:
            (HERE / name).write_bytes(data)
            w.writerow([name, kind, "" if row is None else row, column or "", word])
    print(f"{len(GOOD_FILES)} good files, {len(cases)} bad files")


if __name__ == "__main__":
    main()
