"""Damaged databases, full disks and unwritable paths: a bilingual message, exit 1, no traceback.

Reproduced first: a database damaged in the middle made every command print a raw DuckDB traceback, and the
recovery the message suggested (``restore … --force``) failed too; a full disk gave raw tracebacks and left
``.part`` files behind. A full disk is simulated with ``RLIMIT_FSIZE`` (writes past the limit fail with
EFBIG, as they fail with ENOSPC on a full disk).
"""
from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import sample_data as sd

THAI = "ข้อผิดพลาด"


def _cli(*args, db=None, fsize: int | None = None, timeout=300) -> subprocess.CompletedProcess:
    def limits():
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        if fsize is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)     # a write past the limit fails (EFBIG)
            resource.setrlimit(resource.RLIMIT_FSIZE, (fsize, fsize))
    cmd = [sys.executable, "-m", "data", *args] + (["--db", str(db)] if db else [])
    # no bytecode writes under a file-size limit: a truncated .pyc would break later runs
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, preexec_fn=limits,
                          env={**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"})


def _assert_clean_failure(r, *needles):
    assert r.returncode == 1, (r.returncode, r.stdout[-500:], r.stderr[-2000:])
    assert "Traceback" not in r.stderr, r.stderr[-2000:]
    assert "error:" in r.stderr and THAI in r.stderr, r.stderr
    for n in needles:
        assert n in r.stderr, (n, r.stderr)


@pytest.fixture(scope="module")
def damaged(tmp_path_factory):
    """A real database with data and a good export of it; then 64 bytes changed in every storage block but
    the first (DuckDB: three 4 KB headers, then 256 KB blocks). The file still opens (its header and
    catalogue start are intact) but every table read fails its block checksum: damaged in the middle."""
    from data.store import db

    base = tmp_path_factory.mktemp("damage")
    good = sd.new_real_database(base / "good.duckdb", kinds=("activities", "actions"))
    con = db.connect(good)
    try:
        code, year = con.execute("SELECT municipality_code, year FROM activity LIMIT 1").fetchone()
    finally:
        con.close()
    export = base / "export"
    assert _cli("export", str(export), "--format", "csv", db=good).returncode == 0
    data = bytearray(good.read_bytes())
    header, block = 3 * 4096, 256 * 1024
    for b in range(1, (len(data) - header) // block):
        at = header + b * block + 1000
        data[at: at + 64] = os.urandom(64)
    bad = base / "bad.duckdb"
    bad.write_bytes(bytes(data))
    return {"bad": bad, "export": export, "code": code, "year": year, "base": base}


def _fresh_copy(damaged, tmp_path) -> Path:
    import shutil

    return Path(shutil.copy(damaged["bad"], tmp_path / "bad.duckdb"))


@pytest.mark.parametrize("command", ["batches", "summary", "export", "import", "rollback", "report", "init",
                                     "factors"])
def test_every_command_on_a_damaged_database_fails_cleanly(damaged, tmp_path, command):
    bad = _fresh_copy(damaged, tmp_path)
    f = tmp_path / "acts.csv"
    f.write_bytes(sd.sample_bytes("activities"))
    args = {
        "batches": ["batches"],
        "summary": ["summary", "--municipality", damaged["code"], "--year", str(damaged["year"]), "--json"],
        "export": ["export", str(tmp_path / "out.xlsx")],
        "import": ["import", str(f), "--kind", "activities", "--replace"],
        "rollback": ["rollback", "2"],
        "report": ["report", "--municipality", damaged["code"], "--year", str(damaged["year"]),
                   str(tmp_path / "r.pdf")],
        "init": ["init"],
        "factors": ["factors"],
    }[command]
    r = _cli(*args, db=bad)
    _assert_clean_failure(r, "restore")
    assert not list(tmp_path.glob("*.part")) and not (tmp_path / "out.xlsx").exists()


def test_restore_force_moves_the_damaged_file_aside_and_rebuilds(damaged, tmp_path):
    bad = _fresh_copy(damaged, tmp_path)
    r = _cli("restore", str(damaged["export"]), "--force", db=bad)
    assert r.returncode == 0, r.stderr[-2000:]
    kept = list(tmp_path.glob("bad.duckdb.corrupt-*"))
    assert len(kept) == 1 and "corrupt" in r.stderr
    ok = _cli("summary", "--municipality", damaged["code"], "--year", str(damaged["year"]), db=bad)
    assert ok.returncode == 0, ok.stderr


def test_restore_without_force_on_a_damaged_file_says_to_use_force(damaged, tmp_path):
    bad = _fresh_copy(damaged, tmp_path)
    r = _cli("restore", str(damaged["export"]), db=bad)
    _assert_clean_failure(r, "--force")
    assert not list(tmp_path.glob("bad.duckdb.corrupt-*"))


@pytest.mark.parametrize("fmt", ["xlsx", "csv", "parquet"])
def test_export_to_a_full_disk_fails_cleanly_and_leaves_no_part_files(damaged, tmp_path, fmt):
    src = sd.new_real_database(tmp_path / "src.duckdb", kinds=("activities", "actions"))
    out = tmp_path / ("out.xlsx" if fmt == "xlsx" else "out")
    r = _cli("export", str(out), "--format", fmt, db=src, fsize=4096)
    _assert_clean_failure(r, "disk")
    leftovers = [p for p in tmp_path.rglob("*") if p.name.endswith(".part")]
    assert not leftovers, leftovers
    assert not (out.exists() and out.is_file())


def test_import_to_a_full_disk_fails_cleanly_and_changes_nothing(tmp_path):
    from data.store import db

    path = sd.new_real_database(tmp_path / "full.duckdb")
    # 3 municipalities × 20 years × 12 months of electricity: 720 rows, a WAL far beyond 8 KB
    rows = [[code, str(y), "CFO", "electricity_kwh", str(100 + m), "kWh", str(m), "", "H", "", ""]
            for code in ("9000001", "9000002", "9000003") for y in range(2030, 2050) for m in range(1, 13)]
    f = tmp_path / "acts.csv"
    f.write_bytes(sd.csv_bytes(sd.ACTIVITY_HEADER, rows))
    r = _cli("import", str(f), "--kind", "activities", db=path, fsize=8192)   # the WAL cannot grow
    _assert_clean_failure(r, "disk")
    con = db.connect(path)
    try:
        assert con.execute("SELECT count(*) FROM activity").fetchone()[0] == 0
    finally:
        con.close()


def test_unwritable_database_location_fails_cleanly(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    r = _cli("init", db=blocker / "lcrs.duckdb")
    _assert_clean_failure(r)
