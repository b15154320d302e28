"""Imported names are drawn as text by every renderer (issue: HTML in names rendered as links and 60 px text).

Reproduced first: a name holding ``<a href>`` and ``<span style>`` became a live link and huge red text in the
trends legend and the compare chart title (Plotly, since replaced by ECharts, drew its HTML subset there), and
a URL in a name became a live link in the profile heading (markdown autolinks). ``ui.safe_text`` is the one
helper; these tests check it directly, on every chart builder (no name in an ECharts template; the tooltips
themselves in a browser: tests/browser/test_chart_tooltips.py), on every page (AppTest, Thai and English), on
the map's tooltips, the kiosk, the reports and the exports.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from tests.helpers import apptest as ah
from ui.safe_text import echarts_templates
from tests.helpers import sample_data as sd

LINK = '<a href="https://evil.example/x">click</a>'
BIG = '<span style="font-size:60px;color:red">BIG</span>'
NAME = f"{LINK}{BIG} www.evil.example http://evil.example/y mail@evil.example"
CODE = "9400001"
RAW_MARKUP = re.compile(r'<\s*a\s+href|<\s*span\s+style="font-size:60px', re.I)   # the name's own markup
AUTOLINK = re.compile(r"(https?://|www\.|\w@\w)", re.I)


def test_markdown_text_leaves_no_markup_and_no_autolink():
    from ui.safe_text import markdown_text

    out = markdown_text(NAME)
    assert not RAW_MARKUP.search(out)
    assert not AUTOLINK.search(out), out
    # what the reader sees is the name: the inserted joiner is invisible and the backslashes are escapes
    shown = out.replace("\u2060", "").replace("\\", "")
    assert shown == NAME.replace("<", "&lt;").replace(">", "&gt;")


def test_every_chart_builder_keeps_names_out_of_templates_and_draws_them_as_typed():
    """ECharts draws names on a canvas as plain text, so they travel unchanged (an escape would show ``&lt;``);
    a ``formatter`` template is HTML in a tooltip and expands placeholders in a label, so none holds a name."""
    from indicators.catalogue import THEMES
    from ui import charts
    from ui.safe_text import echarts_templates

    series = pd.DataFrame({"year": [2020, 2021, 2020, 2021], "value": [1.0, 2.0, 3.0, 4.0],
                           "name": [NAME, NAME, "plain", "plain"]})
    cells = [f"{th}_{d}" for th in THEMES for d in (1, 2, 3, 4)]
    built = [
        charts.trend_figure(series, "en", name_col="name", title=NAME),
        charts.grouped_bar(pd.DataFrame({"x": [NAME, "b"], "y": [1, 2], "c": [NAME, "z"]}), x="x", y="y",
                           colour="c", lang="en", y_title=NAME, title=NAME),
        charts.histogram(pd.Series([1.0, 2.0]), "en", x_title=NAME, title=NAME, vline=1.5, vline_label="on track"),
        charts.expected_vs_achieved(pd.DataFrame({"label": [NAME], "expected": [1.0], "achieved": [0.5]}),
                                    label_col="label", lang="en", title=NAME),
        charts.cfo_sunburst(pd.DataFrame({"scope": [1], "category": ["mobile"], "name": [NAME], "tco2e": [1.0]}),
                            "en", title=NAME),
        charts.ccf_treemap(pd.DataFrame({"sector": ["I"], "gpc_ref": ["I.1.1"], "name": [NAME], "tco2e": [1.0]}),
                           "en", title=NAME),
        charts.cells_side_by_side(pd.DataFrame([{c: 50.0 for c in cells}]), [NAME], [cells[0]], "en", title=NAME),
        charts.change_bars(pd.DataFrame({"label": [NAME], "change_t": [-1.0]}), "label", "en", "tCO2e", title=NAME),
        charts.wma_heatmap(pd.DataFrame({"theme": ["low_carbon"], "dimension": [1], "score": [50.0]}), "en",
                           title=NAME),
    ]
    def strings(v):
        if isinstance(v, dict):
            return [s for x in v.values() for s in strings(x)]
        if isinstance(v, (list, tuple)):
            return [s for x in v for s in strings(x)]
        return [v] if isinstance(v, str) else []

    for chart in built:
        texts = strings(chart.option) + [chart.title]      # the title is drawn as markdown by layout.chart
        assert any(NAME in x for x in texts), texts          # the name is there, as typed ...
        assert not any("&lt;" in x for x in texts)          # ... not escaped for a renderer that shows entities
        for template in echarts_templates(chart.option):
            assert "evil" not in template and "<" not in template, template
    points = charts.point_map(pd.DataFrame({"lon": [100.0], "lat": [14.0], "v": [1.0], "name": [NAME]}), "v",
                              "name", "t", title=NAME)
    assert points.option["dataset"]["source"]["name"].tolist() == [NAME]
    assert not any("evil" in tpl for tpl in echarts_templates(points.option))


def test_map_tooltip_values_are_escaped_by_the_installed_streamlit():
    """Names travel raw as tooltip data (escaping them here would show entities): the frontend of the
    installed Streamlit must HTML-escape values it puts into an html tooltip. If an upgrade drops that,
    this fails and the names must be escaped with ``ui.safe_text.tooltip_text`` instead."""
    import streamlit

    js_dir = Path(streamlit.__file__).parent / "static" / "static" / "js"
    bundles = list(js_dir.glob("DeckGlJsonChart*.js"))
    assert bundles
    src = bundles[0].read_text(encoding="utf-8", errors="replace")
    assert re.search(r"replaceAll\(/\[&<>\"'\]/g", src), "tooltip values are no longer escaped by Streamlit"


@pytest.fixture(scope="module")
def hostile_names_db(tmp_path_factory):
    from data.store import db
    from data.write.importer import import_file

    path = sd.new_real_database(tmp_path_factory.mktemp("names") / "names.duckdb", kinds=("activities", "actions"))
    con = db.connect(path)
    try:
        munis = [[CODE, NAME, NAME, "nakhon", "50", "50000", "20", "18.70", "98.95", "pilot", "", "2020", ""]]
        # CFO electricity 2020 = 1,000 kWh, 2023 = 800 kWh: a 20 % cut, so the name is on the award slides
        acts = [[CODE, "2020", "CFO", "electricity_kwh", "1000", "kWh", "", "", "H", NAME, NAME],
                [CODE, "2023", "CFO", "electricity_kwh", "800", "kWh", "", "", "H", NAME, NAME]]
        actions = [["Y-1", CODE, NAME, NAME, "low_carbon", "2", "improve", "completed", "2021", "2022",
                    "100", "5", "", NAME]]
        for kind, header, rows in [("municipalities", sd.MUNICIPALITY_HEADER, munis),
                                   ("activities", sd.ACTIVITY_HEADER, acts), ("actions", sd.ACTION_HEADER, actions)]:
            r = import_file(con, sd.csv_bytes(header, rows), f"names_{kind}.csv", kind, user="tests")
            assert r.ok, [str(p) for p in r.problems]
    finally:
        con.close()
    return path


@pytest.fixture()
def names_app(hostile_names_db, monkeypatch):
    monkeypatch.setenv("LCRS_DB", str(hostile_names_db))
    ah.reset_app_caches()
    yield hostile_names_db
    ah.reset_app_caches()


def _chart_specs(at) -> list[tuple[str, bytes]]:
    """Each ECharts chart's option (JSON) and its Arrow datasets (where a data frame's names travel)."""
    return [(el.proto.spec, b"".join(d.data.data for d in el.proto.datasets)) for el in at.get("echarts_chart")]


def _check(at, where: str, seen: dict) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])
    for spec, datasets in _chart_specs(at):
        for template in echarts_templates(json.loads(spec)):
            assert "evil" not in template, (where, "a name in an ECharts template (HTML in a tooltip)", template)
        seen["charts_with_name"] += "evil.example" in spec or b"evil.example" in datasets
    for body in ah.html_bodies(at):      # raw HTML (the kiosk): escaped; HTML has no autolinks
        assert not RAW_MARKUP.search(body), (where, body[:300])
    for body in ah.markdown_bodies(at):
        assert not RAW_MARKUP.search(body), (where, body[:300])
        if "evil" in body:
            assert not AUTOLINK.search(body), (where, "a URL in a name would become a live link", body[:300])
            seen["text_with_name"] += 1


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_page_and_kiosk_slide_draws_hostile_names_as_text(names_app, lang):
    seen = {"charts_with_name": 0, "text_with_name": 0}
    at = ah.new_session(lang)
    at.query_params["m"] = CODE
    at.query_params["year"] = "2023"
    at.run()
    _check(at, "start", seen)
    for page in ah.READ_PAGES + ["data_admin"]:
        at.switch_page(f"pages/{page}.py").run()
        _check(at, page, seen)
    for slide in range(-1, 6):
        at.session_state["slide"] = slide
        at.switch_page("pages/showcase.py").run()
        _check(at, f"showcase slide {slide + 1}", seen)
    # the name did reach charts and text (so the checks above mattered)
    assert seen["charts_with_name"] > 0 and seen["text_with_name"] > 0, seen


def test_reports_and_exports_keep_the_name_as_plain_text(hostile_names_db, tmp_path):
    """PDF text is drawn glyph by glyph (no markup); the workbook stores the name as a text cell."""
    import io

    from openpyxl import load_workbook
    from pypdf import PdfReader

    from data.store import db
    from reports import build_municipality_pdf, build_municipality_xlsx

    con = db.connect(hostile_names_db)
    try:
        pdf = build_municipality_pdf(con, CODE, 2023, "en")
        xlsx = build_municipality_xlsx(con, CODE, 2023, "en")
    finally:
        con.close()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    assert "evil.example" in text.replace("\n", "")
    wb = load_workbook(io.BytesIO(xlsx))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)
             and "evil.example" in c.value]
    assert cells and all(c.data_type == "s" and c.hyperlink is None for c in cells)
