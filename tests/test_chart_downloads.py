"""Every chart and map on the read pages offers its data as CSV and Excel, with headers in the chosen
language (no raw column names) and a byte-order mark; the actions page's UNDRR essentials table too."""
from __future__ import annotations

import re

import duckdb
import pandas as pd
import pytest

from data.queries import indicator_rows
from indicators import asi
from tests.helpers.apptest import run_page
from ui import downloads

RAW_NAME = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)+$|^(label|score|theme|dimension|confidence|points)$")


@pytest.fixture()
def files(monkeypatch):
    """Every CSV a page run hands to a download button, decoded (the BOM checked first)."""
    made: list[pd.DataFrame] = []
    real = downloads.csv_bytes

    def recording(df):
        data = real(df)
        assert data.startswith(b"\xef\xbb\xbf"), "a CSV download without the byte-order mark"
        made.append(df)
        return data

    monkeypatch.setattr(downloads, "csv_bytes", recording)
    # the files are made when a button is pressed (ui/downloads.py): make each one now, to read it
    monkeypatch.setattr(downloads, "_file", lambda make, *args: make(*args))
    return made


@pytest.fixture(scope="module")
def pilot(demo_db_path):
    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        code = con.execute("SELECT code FROM municipality WHERE role = 'pilot' ORDER BY code LIMIT 1").fetchone()[0]
        year = int(con.execute("SELECT max(year) FROM activity").fetchone()[0])
        return code, year, indicator_rows.actions(con)
    finally:
        con.close()


def _charts(at) -> int:
    return len(at.get("echarts_chart")) + len(at.get("deck_gl_json_chart"))


# the profile's small trend beside the KPIs repeats the trend tab's chart, whose data is offered there
SAME_DATA_ELSEWHERE = {"profile": 1}


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("page", ["overview", "profile", "compare", "map", "trends", "actions"])
def test_every_chart_has_its_data_as_files(app_env, files, pilot, page, lang):
    code, year, _ = pilot
    params = {"m": code, "year": year} if page in ("profile", "trends", "actions") else {}
    at = run_page(page, lang, **params)
    _charts_have_files(at, page, lang, files)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("tab", ["cfo", "ccf", "trend", "wma", "resilience"])   # the tabs that hold a chart
def test_every_profile_tab_chart_has_its_data_as_files(app_env, files, pilot, tab, lang):
    """The profile computes only its open tab (``tab=``): each tab's charts, beside the small trend."""
    code, year, _ = pilot
    at = run_page("profile", lang, m=code, year=year, tab=tab)
    _charts_have_files(at, "profile", lang, files)


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("tab", ["pair", "any"])   # the compare tabs with charts besides the default one
def test_every_compare_tab_chart_has_its_data_as_files(app_env, demo_db_path, files, pilot, tab, lang):
    """The compare page computes only its open tab (``tab=``): the pilot with its cities, any cities."""
    code, year, _ = pilot
    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        other = con.execute("SELECT code FROM municipality WHERE mentor_code = ? ORDER BY code LIMIT 1",
                            [code]).fetchone()[0]
    finally:
        con.close()
    at = run_page("compare", lang, year=year, tab=tab, pilot=code, pick=f"{code},{other}")
    _charts_have_files(at, "compare", lang, files)


def _charts_have_files(at, page: str, lang: str, files: list) -> None:
    charts = _charts(at) - SAME_DATA_ELSEWHERE.get(page, 0)
    assert charts > 0
    assert len(files) >= charts, f"{page}: {charts} charts or maps, {len(files)} data downloads"
    labels = [d.proto.label for d in at.get("download_button")]
    assert labels.count("Excel") >= charts and labels.count("CSV") >= charts
    for df in files:
        raw = [c for c in df.columns if RAW_NAME.match(str(c))]
        assert not raw, f"{page}: untranslated headers {raw} in {list(df.columns)}"
        if lang == "th":
            assert any(re.search("[\u0e00-\u0e7f]", str(c)) for c in df.columns), list(df.columns)


def test_actions_essentials_table_downloads_with_thai_headers(app_env, files, pilot):
    *_, actions = pilot
    run_page("actions", "th")
    expected = asi.by_essential(actions)
    assert len(expected)
    table = next(df for df in files if "ข้อ (10 ประการ UNDRR)" in df.columns)
    assert list(table.columns) == ["ข้อ (10 ประการ UNDRR)", "จำนวนมาตรการ", "กำลังดำเนินการหรือเสร็จสิ้น",
                                   "งบประมาณ (บาท, ตามปีงบประมาณ)"]
    # one row per essential with resilience actions; counts as indicators.asi.by_essential gives them
    assert len(table) == len(expected)
    assert table.iloc[:, 1].tolist() == expected["actions"].astype(int).tolist()
    assert table.iloc[:, 2].tolist() == expected["counting"].astype(int).tolist()
    assert table.iloc[0, 0].startswith(f"{int(expected['essential'].iloc[0])}. ")
    text = downloads.csv_bytes(table).decode("utf-8-sig").splitlines()[0]
    assert text.startswith("ข้อ (10 ประการ UNDRR),")
    # the budget column sums the actions' budgets, missing where no action has one
    assert table.iloc[:, 3].fillna(-1).tolist() == expected["budget_thb"].astype(float).fillna(-1).tolist()
