"""Municipality reports (PDF and Excel) against the summary JSON, on the synthetic demo database.

The PDF is read back with Debian poppler-utils (pdftotext, pdftoppm); the workbook with openpyxl.
"""
from __future__ import annotations

import io
import shutil
import subprocess

import openpyxl
import pandas as pd
import pytest

import reports
from reports import pdf as rpdf
from reports.thai_text import ZWSP

YEAR = 2024

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                   reason="poppler-utils (pdftotext, pdftoppm) not installed: apt-get install poppler-utils")


@pytest.fixture(scope="module")
def con(demo_db_path):
    from data.store import db

    c = db.connect(demo_db_path, read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def figures(con):
    from data.figures import inventories

    return inventories.network_summary(con, YEAR)


@pytest.fixture(scope="module")
def pilot(con, figures):
    """A pilot city with CFO, CCF and a base year."""
    from data.queries import lookups

    munis = lookups.municipalities(con)
    f = figures.merge(munis[["code", "role"]], on="code")
    ok = f[(f["role"] == "pilot") & f["cfo_total"].notna() & f["ccf_basic"].notna() & f["base_total"].notna()]
    return ok["code"].iloc[0]


@pytest.fixture(scope="module")
def pilot_summary(con, pilot):
    from data.figures import summary

    return summary.municipality_summary(con, pilot, YEAR)


@pytest.fixture(scope="module")
def pilot_muni(con, pilot):
    from data.queries import lookups

    return lookups.municipality(con, pilot)


@pytest.fixture(scope="module")
def pilot_pdf_th(con, pilot):
    return reports.build_municipality_pdf(con, pilot, YEAR, "th")


@pytest.fixture(scope="module")
def pilot_xlsx_th(con, pilot):
    return reports.build_municipality_xlsx(con, pilot, YEAR, "th")


def pdf_pages_text(data: bytes, tmp_path) -> list[str]:
    """Text of each page (pdftotext -raw keeps Thai marks in content order), with all whitespace removed so
    that a line break inside a table cell does not hide a figure."""
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    pages = out.stdout.decode("utf-8").split("\f")
    return ["".join(p.replace(ZWSP, "").split()) for p in pages if p.strip()]


def squash(text: str) -> str:
    return "".join(text.split())


# --- PDF ------------------------------------------------------------------------------------------------------

@needs_poppler
def test_pdf_contains_thai_name_and_summary_totals(pilot_pdf_th, pilot_summary, pilot_muni, tmp_path):
    text = "".join(pdf_pages_text(pilot_pdf_th, tmp_path))
    assert squash(pilot_muni["name_th"]) in text
    s = pilot_summary
    # every total is printed with the report's formatter, so it is looked for exactly as formatted
    for value in (s["cfo"]["total"], s["cfo"]["scope1"], s["cfo"]["scope2"], s["cfo"]["scope3"],
                  s["ccf"]["basic"], s["ccf"]["basic_plus"], s["base_total"]):
        assert value is not None
        assert rpdf.fmt_t(value) in text, rpdf.fmt_t(value)
    assert squash(rpdf.fmt_pct(s["reduction_pct"], lang="th")) in text  # "ร้อยละ 29.61" in Thai documents
    assert "2567" in text  # the reporting year in BE (2024 + 543)


@needs_poppler
def test_pdf_demo_label_and_page_number_on_every_page(pilot_pdf_th, tmp_path):
    pages = pdf_pages_text(pilot_pdf_th, tmp_path)
    assert len(pages) >= 5
    for i, page in enumerate(pages, start=1):
        assert "ข้อมูลสาธิต" in page
        assert f"{i}/{len(pages)}" in page


@needs_poppler
def test_every_pdf_page_renders_to_png(pilot_pdf_th, tmp_path):
    from PIL import Image
    from pypdf import PdfReader
    n_pages = len(PdfReader(io.BytesIO(pilot_pdf_th)).pages)
    src = tmp_path / "r.pdf"
    src.write_bytes(pilot_pdf_th)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(src), str(tmp_path / "p")], check=True)
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == n_pages
    for png in pngs:
        with Image.open(png) as im:
            lo, hi = im.convert("L").getextrema()
            assert lo < 128 < hi  # text on a light page, not a blank or black page


@needs_poppler
def test_english_pdf(con, pilot, pilot_muni, pilot_summary, tmp_path):
    text = "".join(pdf_pages_text(reports.build_municipality_pdf(con, pilot, YEAR, "en"), tmp_path))
    assert squash(pilot_muni["name_en"]) in text
    assert rpdf.fmt_t(pilot_summary["cfo"]["total"]) in text
    assert "Syntheticdemodata" in text


@needs_poppler
def test_municipality_without_city_inventory(con, figures, tmp_path):
    no_ccf = figures[figures["cfo_total"].notna() & figures["ccf_basic"].isna()]["code"].iloc[0]
    data = reports.build_municipality_pdf(con, no_ccf, YEAR, "en")
    text = "".join(pdf_pages_text(data, tmp_path))
    assert squash("This municipality has no city inventory (CCF) for this year") in text


def test_year_without_data_reports_missing_not_zero(con, pilot):
    wb = openpyxl.load_workbook(io.BytesIO(reports.build_municipality_xlsx(con, pilot, 2031, "en")))
    values = summary_values(wb)
    assert values["cfo.total"] is None
    assert values["ccf.basic"] is None
    assert values["reduction_pct"] is None


def test_unknown_code_raises_bilingual_error(con):
    from data.figures import inventories

    with pytest.raises(inventories.UnknownMunicipality) as err:
        reports.build_municipality_pdf(con, "0000000", YEAR)
    assert "0000000" in err.value.message_en and "0000000" in err.value.message_th


def test_unknown_language_is_rejected(con, pilot):
    with pytest.raises(ValueError):
        reports.build_municipality_pdf(con, pilot, YEAR, "fr")


# --- Excel ------------------------------------------------------------------------------------------------------

def summary_values(wb) -> dict:
    """key -> value from the Summary sheet's key column."""
    ws = wb.worksheets[0]
    out = {}
    for row in ws.iter_rows(values_only=False):
        key = row[0].value
        if isinstance(key, str) and "." in key or key in ("base_year", "base_year_be", "base_total", "reduction_pct",
                                                          "award_eligible", "per_capita"):
            out[key] = row[2].value
    return out


def flatten(d: dict, prefix: str = "") -> dict:
    out = {}
    for k, v in d.items():
        if isinstance(v, dict):
            out.update(flatten(v, f"{prefix}{k}."))
        else:
            out[f"{prefix}{k}"] = v
    return out


def test_workbook_cells_equal_summary_json(pilot_xlsx_th, pilot_summary):
    wb = openpyxl.load_workbook(io.BytesIO(pilot_xlsx_th))
    values = summary_values(wb)
    expected = {k: v for k, v in flatten(pilot_summary).items() if k not in ("municipality", "year")}
    for key, value in expected.items():
        assert key in values, key
        if isinstance(value, list):      # lists (reasons, missing rows) as "; "-joined text, blank when empty
            assert (values[key] or "") == "; ".join(value), key
        elif isinstance(value, bool) or value is None:
            assert values[key] is value, key
        else:
            assert values[key] == pytest.approx(value, abs=1e-9), key
    assert values["base_year_be"] == pilot_summary["base_year"] + 543


def test_workbook_numbers_are_numeric_cells(pilot_xlsx_th):
    wb = openpyxl.load_workbook(io.BytesIO(pilot_xlsx_th))
    ws = wb.worksheets[0]
    cells = {row[0].value: row[2] for row in ws.iter_rows() if row[0].value == "cfo.total"}
    assert cells["cfo.total"].data_type == "n"
    assert cells["cfo.total"].number_format == "#,##0.00"


def test_less_sheet_has_ce_and_be_years_and_the_5_percent_rule(pilot_xlsx_th, pilot_summary):
    wb = openpyxl.load_workbook(io.BytesIO(pilot_xlsx_th))
    ws = wb["LESS"]
    rows = [r for r in ws.iter_rows(values_only=True) if r and isinstance(r[0], int)]
    first = rows[0]  # the reporting year's row
    s = pilot_summary
    assert first[:5] == (s["base_year"], s["base_year"] + 543, pytest.approx(s["base_total"]), YEAR, YEAR + 543)
    assert first[5] == pytest.approx(s["cfo"]["total"])
    red = s["reduction"]
    if red["comparable"]:
        # like for like: the reduction % and the split into actions and the grid factor; the award needs
        # at least 5 % from actions
        assert first[7] == s["reduction_pct"]
        assert (first[8], first[9]) == (red["activity_effect_pct"], red["factor_effect_pct"])
    else:   # not comparable: no misleading figure, the reason instead
        assert first[6] is None and first[7] is None and first[11] == "; ".join(red["reasons"])
    assert first[10] is s["award_eligible"]
    for r in rows[1:]:  # the history from the base year on: eligible exactly when the cut from actions is >= 5 %
        if r[8] is not None:
            assert r[10] is (r[8] >= 5.0)


def test_gpc_sheet_lists_every_reference_number(con, pilot, pilot_xlsx_th):
    from data.figures import inventories

    table = inventories.ccf_table(con, pilot, YEAR)
    wb = openpyxl.load_workbook(io.BytesIO(pilot_xlsx_th))
    ws = wb["CCF GPC"]
    by_ref = {r[0]: r for r in ws.iter_rows(values_only=True) if isinstance(r[0], str) and r[0][:1] in "IV"
              and r[0] in set(table["gpc_ref"])}
    assert set(by_ref) == set(table["gpc_ref"])  # all 53 GPC v1.1 rows
    for _, t in table.iterrows():
        cell = by_ref[t["gpc_ref"]][6]
        if pd.isna(t["tco2e"]):
            assert cell is None
        else:
            assert cell == pytest.approx(float(t["tco2e"]))


def test_formula_text_from_user_data_is_neutralised(demo_db_copy):
    from data.store import db

    c = db.connect(demo_db_copy)
    action_id, code, year = c.execute(
        "SELECT action_id, municipality_code, start_year FROM action ORDER BY action_id LIMIT 1").fetchone()
    c.execute("UPDATE action SET title_th = ?, co_benefits = ? WHERE action_id = ?",
              ['=HYPERLINK("http://evil.example","x")', "@SUM(A1:A9)", action_id])
    data = reports.build_municipality_xlsx(c, code, year, "th")
    c.close()
    wb = openpyxl.load_workbook(io.BytesIO(data))
    texts = [cell for ws in wb.worksheets for row in ws.iter_rows() for cell in row
             if isinstance(cell.value, str) and ("HYPERLINK" in cell.value or "SUM(A1" in cell.value)]
    assert texts, "the edited action should be in the workbook"
    for cell in texts:
        assert cell.data_type == "s"
        assert cell.value.startswith("'")


# --- CLI --------------------------------------------------------------------------------------------------------

def test_cli_unknown_code_exits_2_with_bilingual_message(demo_db_path, tmp_path, capsys):
    from data.cli import main

    rc = main(["report", "--municipality", "0000000", "--year", "2024", "--format", "pdf", str(tmp_path / "x.pdf"),
               "--db", str(demo_db_path)])
    err = capsys.readouterr().err
    assert rc == 2
    assert "Unknown municipality" in err and "ไม่พบรหัส" in err
    assert not (tmp_path / "x.pdf").exists()


def test_cli_writes_workbook_and_accepts_be_year(demo_db_path, pilot, tmp_path):
    from data.cli import main

    out = tmp_path / "r.xlsx"
    rc = main(["report", "--municipality", pilot, "--year", "2567", out.as_posix(), "--db", str(demo_db_path)])
    assert rc == 0
    wb = openpyxl.load_workbook(out)
    ws = wb.worksheets[0]
    years = {r[0]: r[1] for r in ws.iter_rows(values_only=True) if r[0] in ("ปีที่รายงาน ปี ค.ศ.", "ปีที่รายงาน ปี พ.ศ.")}
    assert years == {"ปีที่รายงาน ปี ค.ศ.": 2024, "ปีที่รายงาน ปี พ.ศ.": 2567}  # 2567 BE read as 2024 CE
