"""Sharing on the pages (AppTest): the profile's share card and fiscal-year switch, chart data downloads."""
from __future__ import annotations

import io

import duckdb
import pandas as pd
import pytest

from data.figures import fiscal as fiscal_data
from tests.helpers.apptest import run_page
from ui import downloads, fmt


@pytest.fixture(scope="module")
def pilot_fy(demo_db_path):
    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        code = con.execute("SELECT code FROM municipality WHERE role = 'pilot' ORDER BY code LIMIT 1").fetchone()[0]
        year = con.execute("SELECT max(year) FROM activity").fetchone()[0]
        return code, int(year), fiscal_data.municipality_summary(con, code, int(year), period="fiscal")
    finally:
        con.close()


def test_profile_offers_the_share_card(app_env, pilot_fy):
    code, year, _ = pilot_fy
    at = run_page("profile", "th", m=code, year=year)
    labels = [d.proto.label for d in at.get("download_button")]
    assert "การ์ดสำหรับแชร์ (PNG)" in labels
    assert len(at.image) >= 1


def test_profile_fiscal_switch_shows_fiscal_cfo(app_env, pilot_fy):
    code, year, fs = pilot_fy
    at = run_page("profile", "en", m=code, year=year, period="fiscal")
    captions = " ".join(c.value for c in at.caption)
    assert "Fiscal year" in captions
    # the KPI is the fiscal summary's CFO total (Oct of year-1 to Sep of year), formatted as on the page
    hits = [m.value for m in at.metric if m.label.startswith("CFO")]
    assert hits and hits[0] == fmt.num(fs["cfo"]["total"], 1)


def test_csv_download_has_bom_and_thai_headers():
    df = pd.DataFrame({"code": ["1"], "name": ["=เทศบาล"], "value": [1.5]})
    table = downloads.with_headers(df, {"name": "ชื่อ", "value": "ค่า"})
    data = downloads.csv_bytes(table)
    assert data.startswith(b"\xef\xbb\xbf")                       # UTF-8 byte-order mark
    text = data.decode("utf-8-sig")
    assert text.splitlines()[0] == "ชื่อ,ค่า"
    assert "'=เทศบาล" in text                                     # a formula-like text is neutralised
    back = pd.read_excel(io.BytesIO(downloads.xlsx_bytes(table)), engine="openpyxl")
    assert list(back.columns) == ["ชื่อ", "ค่า"] and back.iloc[0, 1] == 1.5


def test_trends_fiscal_switch_plots_fiscal_totals(app_env, pilot_fy, demo_db_path):
    import json

    code, year, fs = pilot_fy
    at = run_page("trends", "en", m=code, period="fiscal")
    assert "fiscal year" in " ".join(c.value for c in at.caption).lower()
    spec = json.loads(at.get("echarts_chart")[0].proto.spec)
    # one category axis of years; each line's value at a year is at the same index
    points = {}
    for series in spec["series"]:
        for x, y in zip(spec["xAxis"]["data"], series["data"]):
            if y is not None:
                points[str(x)] = y
    # the last year's point is the fiscal summary's CFO total (Oct of year-1 to Sep of year)
    hits = [v for k, v in points.items() if str(year) in k or str(year + 543) in k]
    assert fs["cfo"]["total"] is not None
    assert any(abs(float(v) - fs["cfo"]["total"]) < 0.01 for v in hits), (hits, fs["cfo"]["total"])


def test_chart_downloads_are_made_on_press_not_on_every_run(app_env, monkeypatch):
    """The overview offers its charts' data (8 buttons: 4 charts x CSV and Excel) without building a file: the
    files are made when a button is pressed (at national scale building them took most of the page's run)."""
    made = []
    monkeypatch.setattr(downloads, "csv_bytes", lambda df: made.append("csv") or b"")
    monkeypatch.setattr(downloads, "xlsx_bytes", lambda df, sheet="data": made.append("xlsx") or b"")
    at = run_page("overview", "en")
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels.count("CSV") >= 4 and labels.count("Excel") >= 4, labels
    assert made == []
