"""The network report: a summary table, then one page per pilot or replicating city."""
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

needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                   reason="poppler-utils (pdftotext) not installed: apt-get install poppler-utils")


@pytest.fixture(scope="module")
def con(demo_db_path):
    from data.store import db

    c = db.connect(demo_db_path, read_only=True)
    yield c
    c.close()


@pytest.fixture(scope="module")
def cities(con):
    """Pilot and replicating cities with this year's figures."""
    from data.queries import lookups
    from data.figures import inventories

    munis = lookups.municipalities(con)
    munis = munis[munis["role"].isin(["pilot", "replicating"])]
    return munis.merge(inventories.network_summary(con, YEAR), on="code", suffixes=("", "_f"))


@needs_poppler
def test_network_pdf_has_one_page_per_city_after_the_summary(con, cities, tmp_path):
    data = reports.build_network_pdf(con, YEAR, "th")
    path = tmp_path / "n.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-raw", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True)
    pages = ["".join(p.replace(ZWSP, "").split()) for p in out.stdout.decode("utf-8").split("\f") if p.strip()]
    from reports.content import collect_network

    order = collect_network(con, YEAR).cities  # pilots, each followed by the cities it mentors
    assert sorted(order["code"]) == sorted(cities["code"])
    city_pages = pages[-len(cities):]
    for page, name in zip(city_pages, order["name_th"]):
        # the city's name is the first line after the demo banner
        body = page.split("syntheticdemodata", 1)[-1]
        assert body.startswith("".join(name.split())), (name, page[:120])
    # the summary pages before them list every city with its CFO total as in the network figures
    summary_text = "".join(pages[:-len(cities)])
    assert "ตารางสรุปเมืองต้นแบบและเมืองขยายผล" in summary_text
    for _, c in cities.iterrows():
        assert "".join(c["name_th"].split()) in summary_text
        # figures keep the summary JSON's precision (3 decimals) and are then printed with 2
        assert rpdf.fmt_t(round(float(c["cfo_total"]), 3)) in summary_text


def test_network_workbook_rows_equal_network_figures(con, cities):
    wb = openpyxl.load_workbook(io.BytesIO(reports.build_network_xlsx(con, YEAR, "en")))
    ws = wb.worksheets[0]
    header_row = next(r for r in ws.iter_rows(values_only=True) if r[0] == "code")
    col = {h: i for i, h in enumerate(header_row)}
    rows = {r[0]: r for r in ws.iter_rows(values_only=True) if r[0] in set(cities["code"])}
    assert set(rows) == set(cities["code"])
    for _, c in cities.iterrows():
        r = rows[c["code"]]
        assert r[col["Year (CE)"]] == YEAR and r[col["Year (BE)"]] == YEAR + 543
        for key, heading in (("cfo_total", "CFO (tCO2e)"), ("ccf_basic", "CCF BASIC"), ("base_total", "Base CFO (tCO2e)")):
            if pd.isna(c[key]):
                assert r[col[heading]] is None
            else:
                # the report keeps the summary JSON's precision (3 decimals)
                assert r[col[heading]] == pytest.approx(round(float(c[key]), 3))
    less = wb["LESS"]
    assert any(r[0] in rows for r in less.iter_rows(values_only=True))
