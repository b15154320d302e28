"""Output safety: text from imported files is data, never markup or formulas; uploads are capped.

* names, notes and action titles containing HTML are never rendered as HTML on any page (st.html bodies and
  markdown-rendered elements are checked on every page, in Thai and English);
* exported CSV/XLSX (database export and the municipality report) neutralise text cells that start with
  ``=``, ``+``, ``-`` or ``@`` (and restore gives the original text back);
* uploads larger than the cap are refused before they are read, and an XLSX that expands beyond the set size
  (a zip bomb) is refused without being unpacked.
"""
from __future__ import annotations

import csv
import io
import json
import re
import struct
import zipfile
import zlib
from pathlib import Path

import pyarrow as pa
import pytest

from tests.conftest import ROOT
from tests.helpers import apptest as ah
from tests.helpers import sample_data as sd
from tests.helpers.db_state import table_checksums

SCRIPT = "<script>alert(1)</script><b>x</b>"
IMG = "<img src=x onerror=alert(1)>"
RAW_TAG = re.compile(r"<\s*script|<\s*img|<b>x</b>", re.I)     # a tag the browser would parse
HOSTILE_CODE = "9300001"
FORMULA_CODE = "9300002"
FORMULAS = {"name_th": "=HYPERLINK(\"http://example.invalid\",\"คลิก\")", "name_en": "@SUM(1,2)",
            "note": "-2+3", "source": "+cmd|' /C calc'!A0", "title_th": "=1+2", "co_benefits": "@cell"}
TRIGGERS = ("=", "+", "-", "@")


def _hostile_database(path: Path) -> Path:
    """A real database with a municipality named like markup, and one whose texts look like formulas."""
    from data.store import db
    from data.write.importer import import_file

    sd.new_real_database(path, kinds=("activities", "actions"))
    con = db.connect(path)
    try:
        munis = [[HOSTILE_CODE, SCRIPT, SCRIPT, "nakhon", "50", "50000", "20", "18.70", "98.95", "pilot", "",
                  "2020", ""],
                 [FORMULA_CODE, FORMULAS["name_th"], FORMULAS["name_en"], "tambon", "34", "3000", "4", "", "",
                  "network", "", "", ""]]
        # CFO electricity 2020 = 1,000 kWh (base year), 2023 = 800 kWh: a 20 % cut, so the name is on the
        # award slides and stories too
        acts = [[HOSTILE_CODE, "2020", "CFO", "electricity_kwh", "1000", "kWh", "", "", "H", IMG, SCRIPT],
                [HOSTILE_CODE, "2023", "CFO", "electricity_kwh", "800", "kWh", "", "", "H", IMG, SCRIPT],
                [FORMULA_CODE, "2023", "CFO", "electricity_kwh", "-0", "kWh", "", "", "L", FORMULAS["source"],
                 FORMULAS["note"]]]
        actions = [["X-1", HOSTILE_CODE, IMG, IMG, "low_carbon", "2", "improve", "completed", "2021", "2022",
                    "100", "5", "", SCRIPT],
                   ["X-2", FORMULA_CODE, FORMULAS["title_th"], "-negative title", "bike_walk", "4", "shift",
                    "ongoing", "2023", "", "", "-3", "1.5", FORMULAS["co_benefits"]]]
        for kind, header, rows in [("municipalities", sd.MUNICIPALITY_HEADER, munis),
                                   ("activities", sd.ACTIVITY_HEADER, acts), ("actions", sd.ACTION_HEADER, actions)]:
            r = import_file(con, sd.csv_bytes(header, rows), f"hostile_{kind}.csv", kind, user=SCRIPT)
            assert r.ok, [str(p) for p in r.problems]
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory):
    return _hostile_database(tmp_path_factory.mktemp("hostile") / "hostile.duckdb")


@pytest.fixture()
def hostile_app(hostile_db, monkeypatch):
    monkeypatch.setenv("LCRS_DB", str(hostile_db))
    ah.reset_app_caches()
    yield hostile_db
    ah.reset_app_caches()


# --- never rendered as HTML ---------------------------------------------------------------------------------

def _check_page(at, where: str, seen: dict) -> None:
    assert not at.exception, (where, [e.value for e in at.exception])
    for body in ah.html_bodies(at):
        assert not RAW_TAG.search(body), (where, "HTML element with raw imported markup", body[:300])
        seen["escaped"] += body.count("&lt;script&gt;") + body.count("&lt;img")
    for body in ah.markdown_bodies(at):
        assert not RAW_TAG.search(body), (where, "markdown element with raw imported markup", body[:300])
    # the hostile text did reach the page, as data (tables, options, chart data), so the checks above mattered
    seen["as_data"] += sum(1 for kind, text in ah.element_texts(at) if "alert(1)" in text)


@pytest.mark.parametrize("lang", ["th", "en"])
def test_imported_text_is_never_rendered_as_html(hostile_app, lang):
    seen = {"escaped": 0, "as_data": 0}
    at = ah.new_session(lang)
    at.query_params["m"] = HOSTILE_CODE
    at.query_params["year"] = "2023"
    at.run()
    _check_page(at, "start", seen)
    for page in ah.READ_PAGES + ["data_admin"]:
        at.switch_page(f"pages/{page}.py").run()
        _check_page(at, page, seen)
    # the profile computes only its open tab: each tab in turn
    for tab in ah.PROFILE_TABS:
        at.query_params["tab"] = tab
        at.switch_page("pages/profile.py").run()
        _check_page(at, f"profile tab {tab}", seen)
    for tab in ("pair", "any", "peer"):   # the compare page computes only its open tab too
        at.query_params["tab"] = tab
        at.query_params["pick"] = HOSTILE_CODE
        at.switch_page("pages/compare.py").run()
        _check_page(at, f"compare tab {tab}", seen)
    at.query_params.pop("tab", None)
    at.query_params.pop("pick", None)
    # every showcase slide: headline, ranking, then a story and its map per featured city (the kiosk rotates)
    for slide in range(-1, 6):
        at.session_state["kiosk_slide"] = slide
        at.switch_page("pages/showcase.py").run()
        _check_page(at, f"showcase slide {slide + 1}", seen)
    assert seen["escaped"] > 0, "the award/story slides should show the name, escaped"
    assert seen["as_data"] > 0


def test_profile_shows_the_name_literally(hostile_app):
    at = ah.new_session("en")
    at.query_params["m"] = HOSTILE_CODE
    at.query_params["year"] = "2023"
    at.run()
    at.switch_page("pages/profile.py").run()
    assert not at.exception, [e.value for e in at.exception]
    heads = [h.value for h in at.subheader]
    # markdown-escaped: the browser shows <script>alert(1)</script><b>x</b> as text, nothing runs or is bold
    assert any("&lt;script&gt;" in h and "alert\\(1\\)" in h for h in heads), heads


def test_map_tooltips_are_fixed_templates(hostile_app):
    """pydeck tooltips are HTML templates filled in the browser (values escaped by Streamlit's frontend); the
    point map's ECharts tooltip shows data fields (escaped by ECharts): imported names must travel only as data
    fields, never inside a template."""
    from ui.safe_text import echarts_templates

    at = ah.new_session("en")
    at.run()
    at.switch_page("pages/map.py").run()
    points = at.get("echarts_chart")                    # the default: the point map
    assert points and not at.get("deck_gl_json_chart")
    for chart in points:
        spec = json.loads(chart.proto.spec)
        assert not any("alert(1)" in tpl for tpl in echarts_templates(spec))
        assert "alert(1)" not in chart.proto.spec
        names = [n for d in chart.proto.datasets
                 for n in pa.ipc.open_stream(d.data.data).read_all().column("name").to_pylist()]
        assert any("alert(1)" in n for n in names)      # the name is there, as a data value
    at.query_params["kind"] = "column"                  # the 3-D columns: deck.gl
    at.switch_page("pages/map.py").run()
    charts = at.get("deck_gl_json_chart")
    assert charts
    for chart in charts:
        spec = json.loads(chart.proto.json)
        tooltip = json.loads(chart.proto.tooltip) if chart.proto.tooltip else {}
        template = tooltip.get("html", "") + tooltip.get("text", "")
        assert "alert(1)" not in template and "{label}" in template, template
        assert "alert(1)" in json.dumps(spec)            # the name is there, as a data value


# --- formula injection in exports ---------------------------------------------------------------------------

def _text_cells_from_csv_dir(out: Path) -> list[tuple[str, str]]:
    cells = []
    for f in sorted(out.glob("*.csv")):
        with open(f, encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        cells += [(f.name, v) for row in rows[1:] for v in row]
    return cells


def _xlsx_cells(data: bytes) -> list[tuple[str, object, str]]:
    """(sheet, value, openpyxl data type) for every non-empty cell."""
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    return [(ws.title, c.value, c.data_type) for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if c.value is not None]


def test_database_export_neutralises_formulas_and_restore_undoes_it(hostile_db, tmp_path):
    from data.store import db
    from data.write import export

    con = db.connect(hostile_db)         # same settings as the app's cached connection in this process
    try:
        csv_dir = tmp_path / "export_csv"
        export.export_database(con, csv_dir, "csv")
        xlsx = tmp_path / "export.xlsx"
        export.export_database(con, xlsx, "xlsx")
    finally:
        con.close()
    cells = _text_cells_from_csv_dir(csv_dir)
    for value in FORMULAS.values():
        assert ("'" + value) in [v for _, v in cells], f"{value!r} not exported neutralised"
        assert value not in [v for _, v in cells], f"{value!r} exported as is"
    risky = [(f, v) for f, v in cells if v[:1] in ("=", "+", "@")]
    assert not risky, risky[:5]
    xcells = _xlsx_cells(xlsx.read_bytes())
    assert not [c for c in xcells if c[2] == "f"], "a formula cell in the export"
    texts = [v for _, v, t in xcells if isinstance(v, str)]
    for value in FORMULAS.values():
        assert ("'" + value) in texts and value not in texts
    # numbers stay numbers: the -3 t reduction is a number cell, not text
    assert any(v == -3 for _, v, t in xcells if t == "n")

    # restoring the export gives back exactly what was imported
    for src, name in [(csv_dir, "from_csv"), (xlsx, "from_xlsx")]:
        target = tmp_path / f"{name}.duckdb"
        export.restore_database(target, src)
        rc = db.connect(target, read_only=True)
        try:
            row = rc.execute("SELECT name_th, name_en FROM municipality WHERE code = ?", [FORMULA_CODE]).fetchone()
            note = rc.execute("SELECT note, source FROM activity WHERE municipality_code = ?",
                              [FORMULA_CODE]).fetchone()
            title = rc.execute("SELECT title_th, co_benefits FROM action WHERE action_id = 'X-2'").fetchone()
        finally:
            rc.close()
        assert row == (FORMULAS["name_th"], FORMULAS["name_en"]), name
        assert note == (FORMULAS["note"], FORMULAS["source"]), name
        assert title == (FORMULAS["title_th"], FORMULAS["co_benefits"]), name


def test_report_workbook_neutralises_formulas(hostile_db):
    from data.store import db
    from reports import build_municipality_xlsx

    con = db.connect(hostile_db)         # same settings as the app's cached connection in this process
    try:
        data = build_municipality_xlsx(con.cursor(), FORMULA_CODE, 2023, lang="th")
    finally:
        con.close()
    cells = _xlsx_cells(data)
    assert not [c for c in cells if c[2] == "f"], "a formula cell in the report"
    texts = [v for _, v, _ in cells if isinstance(v, str)]
    assert any(FORMULAS["name_th"] in v for v in texts)       # the name is in the report …
    assert not [v for v in texts if v[:1] in ("=", "+", "@")], [v for v in texts if v[:1] in ("=", "+", "@")]


# --- upload caps and zip bombs ------------------------------------------------------------------------------

def test_upload_cap_matches_the_server_setting():
    import tomllib

    from data.ingest.validate import MAX_FILE_BYTES

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    # Streamlit refuses larger uploads itself (server.maxUploadSize, in MB); the importer applies the same cap
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_FILE_BYTES


def test_oversized_upload_is_refused_before_reading(empty_db, tmp_path):
    from data.write.importer import import_file
    from data.ingest.validate import MAX_FILE_BYTES

    before = table_checksums(empty_db)
    r = import_file(empty_db, b"a" * (MAX_FILE_BYTES + 1), "big.csv", "activities", user="t")
    assert r.problems and "50 MB" in r.problems[0].message_en and "MB" in r.problems[0].message_th
    # a file on disk is refused by its size alone: a sparse 60 MB file is never read into memory
    big = tmp_path / "sparse.csv"
    with open(big, "wb") as fh:
        fh.truncate(60 * 1024 * 1024)
    r = import_file(empty_db, big, None, "activities", user="t")
    assert r.problems and "60.0 MB" in r.problems[0].message_en
    assert table_checksums(empty_db) == before


def test_data_page_refuses_an_oversized_upload(hostile_app, monkeypatch):
    from data.write import importer
    from data.ingest import validate

    calls = []
    monkeypatch.setattr(validate, "MAX_FILE_BYTES", 4096)          # the page reads the cap on every run
    monkeypatch.setattr(importer, "import_file", lambda *a, **k: calls.append(a))
    ah.ensure_account(hostile_app, "pw-for-this-test")
    at = ah.new_session("en")
    at.run()
    at.switch_page("pages/data_admin.py").run()
    ah.sign_in(at, "pw-for-this-test")
    ah.upload(at, "activities", "big.csv", b"municipality_code,year\n" + b"9000001,2023\n" * 400)
    assert not at.exception, [e.value for e in at.exception]
    assert any("MB" in e.value for e in at.error), [e.value for e in at.error]
    assert calls == [], "the file was handed to the importer"
    assert "data.commit" not in {b.key for b in at.button}


SHEET = "xl/worksheets/sheet1.xml"


@pytest.fixture(scope="module")
def zip_bomb():
    """A real workbook (the activities sample) whose sheet XML, repeated rows, unpacks to just over the limit.

    Rows of identical XML compress about 500:1: about 400 KB on the wire, over 200 MB unpacked.
    """
    from data.ingest.validate import MAX_XLSX_UNCOMPRESSED_BYTES

    src = zipfile.ZipFile(io.BytesIO(sd.xlsx_bytes(sd.ACTIVITY_HEADER, sd.ACTIVITIES)))
    head, _, tail = src.read(SHEET).partition(b"</sheetData>")
    row = b'<row><c t="inlineStr"><is><t>9000001</t></is></c><c><v>2023</v></c></row>'
    block = row * 10_000
    blocks = MAX_XLSX_UNCOMPRESSED_BYTES // len(block) + 2
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for info in src.infolist():
            if info.filename != SHEET:
                zf.writestr(info, src.read(info.filename))
                continue
            with zf.open(SHEET, "w") as f:
                f.write(head)
                for _ in range(blocks):
                    f.write(block)
                f.write(b"</sheetData>" + tail)
    return bytes(buf.getvalue()), head[:1000]


def _patch_member(data: bytes, size: int | None = None, crc: int | None = None) -> bytes:
    """Rewrite the sheet's declared uncompressed size and/or CRC-32 in its local header and the central directory."""
    out = bytearray(data)
    name = SHEET.encode()
    # (signature, offset of name length, offset of name, offset of CRC, offset of uncompressed size)
    for sig, name_len_at, name_at, crc_at, size_at in ((b"PK\x03\x04", 26, 30, 14, 22),
                                                       (b"PK\x01\x02", 28, 46, 16, 24)):
        pos = out.find(sig)
        while pos != -1:
            n = struct.unpack_from("<H", out, pos + name_len_at)[0]
            if out[pos + name_at: pos + name_at + n] == name:
                if crc is not None:
                    struct.pack_into("<I", out, pos + crc_at, crc)
                if size is not None:
                    struct.pack_into("<I", out, pos + size_at, size)
            pos = out.find(sig, pos + 4)
    return bytes(out)


@pytest.mark.parametrize("variant", ["honest", "size_lie", "size_and_crc_lie"])
def test_xlsx_that_expands_beyond_the_limit_is_refused(empty_db, zip_bomb, variant):
    from data.write.importer import import_file

    bomb, first_kb = zip_bomb
    if variant == "size_lie":              # the directory claims 1,000 bytes
        bomb = _patch_member(bomb, size=1000)
    elif variant == "size_and_crc_lie":    # … and its checksum matches those 1,000 bytes
        bomb = _patch_member(bomb, size=1000, crc=zlib.crc32(first_kb))
    assert len(bomb) < 1_000_000           # under 1 MB on the wire, over 200 MB unpacked
    before = table_checksums(empty_db)
    r = import_file(empty_db, bomb, "bomb.xlsx", "activities", user="t")
    assert r.problems, f"the zip bomb ({variant}) was accepted"
    msg = r.problems[0].message_en
    expected = {"honest": "zip bomb", "size_lie": "damaged",
                "size_and_crc_lie": "larger than its declared uncompressed size"}[variant]
    assert expected in msg, msg
    assert table_checksums(empty_db) == before
