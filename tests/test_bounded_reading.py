"""Bounded reading: no input file can take the memory of the process that reads it, or end the server.

Reproduced first (each in a subprocess with a 2 GB address-space limit, so a failure cannot take the test
runner's memory):
* a 5 KB XLSX with one cell at XFD1048576 made calamine allocate 512 GB and abort (exit 134) — on the data
  page that ended the server for every viewer; a cell at XFD2000 cost 36 s and 1.45 GB;
* a CSV with 18,300 columns raised "Invalid column index" (traceback, exit 1, not 2).
Now the sheet XML and the CSV text are measured before any reader builds them (``data.read_limits``): exit 2,
file, sheet and cell named, in Thai and English; the data page reads uploads in a child process with a memory
limit (``data.isolated_read``), so even an unforeseen reader failure cannot end the server.
"""
from __future__ import annotations

import io
import os
import resource
import subprocess
import sys
import zipfile

import pytest

from tests.conftest import ROOT
from tests.helpers import apptest as ah
from tests.helpers import sample_data as sd

LIMIT_AS = 2 * 1024 ** 3
PASSWORD = "Lampang-2567!editor"


def far_cell_xlsx(ref: str) -> bytes:
    """The activities sample (header in row 1) plus one value at ``ref``: a few KB on disk."""
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(sd.xlsx_bytes(sd.ACTIVITY_HEADER, sd.ACTIVITIES)))
    wb.active[ref] = "x"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_AS, LIMIT_AS))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _cli_import(path, db, kind="activities", dry_run=True) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "data", "import", str(path), "--kind", kind, "--db", str(db)]
    return subprocess.run(cmd + (["--dry-run"] if dry_run else []), cwd=ROOT, capture_output=True, text=True,
                          timeout=300, preexec_fn=_limited, env={**os.environ, "PYTHONPATH": str(ROOT)})


@pytest.fixture(scope="module")
def real_db(tmp_path_factory):
    return sd.new_real_database(tmp_path_factory.mktemp("bounded") / "b.duckdb")


@pytest.mark.parametrize("ref", ["XFD1048576", "XFD2000", "A1048576", "GS5"])
def test_far_cell_is_refused_up_front_naming_sheet_and_cell(real_db, tmp_path, ref):
    data = far_cell_xlsx(ref)
    assert len(data) < 10_000
    f = tmp_path / f"far_{ref}.xlsx"
    f.write_bytes(data)
    r = _cli_import(f, real_db)
    assert r.returncode == 2, (r.returncode, r.stderr[-2000:])
    assert f"far_{ref}.xlsx" in r.stderr and "sheet data" in r.stderr and ref in r.stderr, r.stderr
    assert "แผ่นงาน data" in r.stderr and "Traceback" not in r.stderr


def test_sheet_within_limits_still_imports(real_db, tmp_path):
    """GR5 is column 200, the limit: a stray value there is read (and reported as a column without header)."""
    f = tmp_path / "edge.xlsx"
    f.write_bytes(far_cell_xlsx("GR5"))
    r = _cli_import(f, real_db)
    assert r.returncode == 2 and "GR" in r.stderr and "no header" in r.stderr, r.stderr


def test_csv_wider_than_the_limit_is_refused_with_exit_2(real_db, tmp_path):
    header = ",".join(sd.ACTIVITY_HEADER + [f"x{i}" for i in range(18_300)])
    f = tmp_path / "wide.csv"
    f.write_text(header + "\n" + "9000001,2023,CFO,electricity_kwh,1,kWh\n", encoding="utf-8")
    assert f.stat().st_size < 200_000
    r = _cli_import(f, real_db)
    assert r.returncode == 2, r.stderr[-2000:]
    assert "wide.csv" in r.stderr and "row 1" in r.stderr and "200 columns" in r.stderr, r.stderr
    assert "Traceback" not in r.stderr


def test_csv_longer_than_the_limit_is_refused(real_db, tmp_path):
    from data.ingest.read_limits import MAX_ROWS

    f = tmp_path / "long.csv"
    f.write_bytes(b"a,b\n" + b"1,2\n" * MAX_ROWS)      # ~4 MB
    r = _cli_import(f, real_db)
    assert r.returncode == 2 and f"{MAX_ROWS + 2:,}" in r.stderr and "rows" in r.stderr, r.stderr[-1500:]


def test_rectangle_beyond_the_memory_limit_is_refused(monkeypatch, empty_db):
    """rows × columns is what a reader allocates: over ``MAX_CELLS`` the file is refused, naming the memory."""
    from data.ingest import read_limits
    from data.write.importer import import_file

    monkeypatch.setattr(read_limits, "MAX_CELLS", 50)
    r = import_file(empty_db, sd.xlsx_bytes(sd.ACTIVITY_HEADER, sd.ACTIVITIES), "cells.xlsx", "activities",
                    dry_run=True)
    assert r.problems and "MB of memory" in r.problems[0].message_en and "หน่วยความจำ" in r.problems[0].message_th


def test_xlsx_expansion_cap_is_50_mb():
    from data.ingest.validate import MAX_XLSX_UNCOMPRESSED_BYTES

    assert MAX_XLSX_UNCOMPRESSED_BYTES == 50 * 1024 * 1024


def test_isolated_reader_survives_a_reader_that_runs_out_of_memory():
    """A reader that dies (here: a child allowed too little memory to even load its libraries) is reported as
    a refused file; the calling process carries on."""
    from data.ingest.isolated_read import read_isolated

    out = read_isolated(sd.sample_bytes("activities"), "acts.csv", "csv", memory_bytes=64 * 1024 * 1024)
    assert out.problem and "memory limit (64 MB)" in out.problem["message_en"]
    ok = read_isolated(sd.sample_bytes("activities"), "acts.csv", "csv")
    assert ok.problem is None and ok.sheets[0][1].shape == (len(sd.ACTIVITIES) + 1, len(sd.ACTIVITY_HEADER))


def test_isolated_reader_gives_the_same_grids_as_reading_in_process():
    from data.ingest import validate
    from data.ingest.isolated_read import read_isolated

    data = sd.xlsx_bytes(sd.ACTIVITY_HEADER, sd.ACTIVITIES)
    here = validate.read_xlsx_grids(data, "a.xlsx")
    there = read_isolated(data, "a.xlsx", "xlsx")
    assert [s for s, _ in here] == [s for s, _ in there.sheets]
    for (_, a), (_, b) in zip(here, there.sheets):
        assert a.astype(str).values.tolist() == b.values.tolist()


@pytest.fixture()
def editor_app(tmp_path, monkeypatch):
    path = sd.new_real_database(tmp_path / "page.duckdb")
    ah.ensure_account(path, PASSWORD)
    monkeypatch.setenv("LCRS_DB", str(path))
    ah.reset_app_caches()
    yield path
    ah.reset_app_caches()


def test_data_page_refuses_the_far_cell_and_keeps_serving(editor_app):
    at = ah.new_session("en")
    at.run()
    at.switch_page("pages/data_admin.py").run()
    ah.sign_in(at, PASSWORD)
    ah.upload(at, "activities", "far.xlsx", far_cell_xlsx("XFD1048576"))
    assert not at.exception, [e.value for e in at.exception]
    texts = " ".join(text for _, text in ah.element_texts(at))
    assert "XFD1048576" in texts
    ah.upload(at, "activities", "good.csv", sd.sample_bytes("activities"))
    assert not at.exception and at.button(key="data.commit")


def test_restore_refuses_an_export_workbook_with_a_far_cell(tmp_path):
    """The restore path used the same whole-rectangle read: an export with a far cell is refused (exit 2)."""
    src = sd.new_real_database(tmp_path / "src.duckdb", kinds=("activities",))
    out = tmp_path / "exp.xlsx"
    subprocess.run([sys.executable, "-m", "data", "export", str(out), "--db", str(src)], cwd=ROOT, check=True,
                   capture_output=True)
    # put one value at XFD1048576 of the activity sheet (sheet XML edited in the zip)
    zin = zipfile.ZipFile(out)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            body = zin.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = body.replace(b"</sheetData>", b'<row r="1048576"><c r="XFD1048576" t="inlineStr">'
                                                     b"<is><t>x</t></is></c></row></sheetData>")
            zout.writestr(info, body)
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(buf.getvalue())
    r = subprocess.run([sys.executable, "-m", "data", "restore", str(bad), "--db", str(tmp_path / "new.duckdb")],
                       cwd=ROOT, capture_output=True, text=True, timeout=300, preexec_fn=_limited)
    assert r.returncode == 2, (r.returncode, r.stderr[-1500:])
    assert "XFD1048576" in r.stderr and "bad.xlsx" in r.stderr and "Traceback" not in r.stderr
