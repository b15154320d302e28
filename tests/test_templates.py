"""Templates: they open in openpyxl, carry a notes sheet and drop-down lists, and import back as they are."""
from __future__ import annotations

import io

import openpyxl
import pytest

from data.write.importer import import_file
from data.ingest.templates import KINDS, template_bytes, write_template
from tests.test_import import make_db

# coded columns that must offer a drop-down list, per kind
DROPDOWNS = {
    "municipalities": {"type", "province_code", "role"},
    "activities": {"inventory", "activity", "unit", "gpc_ref", "data_quality"},
    "indicators": {"indicator_code"},
    "actions": {"theme", "asi", "status", "department", "gpc_sector"},
    "scorecard": {"level", "question"},
}


def _validated_columns(ws) -> dict[str, str]:
    """Canonical column name -> validation type, for every data validation on the data sheet."""
    headers = {c.column_letter: str(c.value).split(" / ")[0] for c in ws[1]}
    out = {}
    for dv in ws.data_validations.dataValidation:
        for rng in str(dv.sqref).split():
            out[headers[rng.rstrip("0123456789:").split(":")[0].rstrip("0123456789")]] = dv.type
    return out


@pytest.mark.parametrize("kind", list(KINDS))
def test_xlsx_template_has_headers_notes_and_dropdowns(kind):
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes(kind)))
    assert wb.sheetnames == [kind, "notes", "lists"]
    ws = wb[kind]
    headers = [c.value for c in ws[1]]
    assert headers == [c.header() for c in KINDS[kind].columns]
    assert all(" / " in h for h in headers)              # English name / Thai label
    assert ws.max_row == 1                               # blank below the header
    validated = _validated_columns(ws)
    assert DROPDOWNS[kind] <= {c for c, t in validated.items() if t == "list"}
    notes = "\n".join(str(c.value) for row in wb["notes"].iter_rows() for c in row if c.value)
    for col in KINDS[kind].columns:
        assert col.header() in notes and col.help_th in notes


def test_wide_template_has_twelve_month_columns():
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("activities", wide=True)))
    headers = [c.value for c in wb["activities"][1]]
    assert headers[-12:] == ["jan / ม.ค.", "feb / ก.พ.", "mar / มี.ค.", "apr / เม.ย.", "may / พ.ค.",
                             "jun / มิ.ย.", "jul / ก.ค.", "aug / ส.ค.", "sep / ก.ย.", "oct / ต.ค.",
                             "nov / พ.ย.", "dec / ธ.ค."]
    assert "amount / ปริมาณ" not in headers


def test_activity_list_holds_every_required_activity_key():
    wb = openpyxl.load_workbook(io.BytesIO(template_bytes("activities")))
    keys = {r[0] for r in wb["lists"].iter_rows(min_row=2, values_only=True) if r[0]}
    required = {"electricity_kwh", "diesel_onroad_l", "diesel_stationary_l", "diesel_offroad_l", "gasoline_onroad_l",
                "lpg_stationary_kg", "lpg_onroad_kg", "cng_onroad_kg", "r22_kg", "r32_kg", "r410a_kg", "r134a_kg",
                "tap_water_pwa_m3", "paper_kg", "msw_landfill_kg"}
    assert required <= keys


def test_filled_xlsx_template_imports(tmp_path):
    path = write_template("activities", tmp_path / "acts.xlsx")
    wb = openpyxl.load_workbook(path)
    ws = wb["activities"]
    ws.append(["1401101", 2567, "CFO", "electricity_kwh", 1500.5, "kWh", 1, None, "H", "บิล", None])
    ws.append(["1401101", 2567, "CFO", "electricity_kwh", 1400, "kWh", 2, None, "H", "บิล", None])
    wb.save(path)
    con = make_db(tmp_path / "t.duckdb")
    r = import_file(con, path, None, "activities", "test")
    assert r.ok, r.problems
    # 2567 BE - 543 = 2024 CE
    assert con.execute("SELECT year, month, amount FROM activity ORDER BY month").fetchall() == [
        (2024, 1, 1500.5), (2024, 2, 1400.0)]
    con.close()


@pytest.mark.parametrize("kind", list(KINDS))
def test_csv_template_header_is_accepted(kind, tmp_path):
    data = template_bytes(kind, "csv")
    assert data.startswith(b"\xef\xbb\xbf")             # UTF-8 BOM so that Excel shows Thai
    con = make_db(tmp_path / "t.duckdb", municipalities=False)
    r = import_file(con, data, f"{kind}.csv", kind, "test", dry_run=True)
    # a blank template has a header and nothing else: the only problem is the missing data
    assert [p.message_en for p in r.problems] == ["The sheet has a header but no data rows."]
    con.close()


def test_department_keys_match_the_actions_indicator_module():
    from indicators.asi import DEPARTMENTS

    assert set(KINDS["actions"].column("department").choices) == set(DEPARTMENTS)
