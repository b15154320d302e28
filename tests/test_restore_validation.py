"""Restore validates like import (issue: restore trusted its input).

Reproduced first: 3 bytes cut off ``activity.csv`` restored with exit 0 and a row orphaned from its batch;
short rows were padded with NULL; amounts -5, NaN and inf were restored, after which ``summary --json``
printed ``Infinity`` (not JSON) and ``report`` crashed; a table dropped from the manifest was silently
emptied; a missing file or a truncated parquet gave a traceback; a constraint violation was hidden behind
"transaction is aborted".

Now: the manifest carries each file's SHA-256 and row count and both must match; every data table must be
present; every row is checked for its column count, types, finite numbers, the import ranges and foreign
keys (batch_id, municipality_code); problems name the file and row in Thai and English and the command
exits 2 with the database unchanged.
"""
from __future__ import annotations

import csv
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import sample_data as sd


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """A small real database (municipalities, activities, actions) and its csv and parquet exports."""
    base = tmp_path_factory.mktemp("restore")
    src = sd.new_real_database(base / "src.duckdb", kinds=("activities", "actions"))
    for fmt in ("csv", "parquet"):
        r = _cli("export", str(base / fmt), "--format", fmt, db=src)
        assert r.returncode == 0, r.stderr
    return base


def _cli(*args, db=None) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "data", *args] + (["--db", str(db)] if db else [])
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def _copy(exported: Path, fmt: str, tmp_path: Path) -> Path:
    import shutil

    dst = tmp_path / fmt
    shutil.copytree(exported / fmt, dst)
    return dst


def _reseal(export_dir: Path, table: str) -> None:
    """Recompute one table's row count and checksum in the manifest, as an attacker (or a careless edit)
    would: then the row checks, not the checksum, must catch the damage."""
    doc = json.loads((export_dir / "manifest.json").read_text(encoding="utf-8"))
    for e in doc["tables"]:
        if e["name"] == table:
            data = (export_dir / e["file"]).read_bytes()
            e["sha256"] = hashlib.sha256(data).hexdigest()
            with open(export_dir / e["file"], encoding="utf-8", newline="") as fh:
                e["rows"] = sum(1 for _ in csv.reader(fh)) - 1
    (export_dir / "manifest.json").write_text(json.dumps(doc, indent=1), encoding="utf-8")


def _edit_csv(export_dir: Path, table: str, edit) -> None:
    path = export_dir / f"{table}.csv"
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    edit(rows)
    with open(path, "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def _restore(export_dir: Path, tmp_path: Path) -> tuple[subprocess.CompletedProcess, Path]:
    target = tmp_path / "target.duckdb"
    return _cli("restore", str(export_dir), db=target), target


def _assert_refused(r, *needles):
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr[-2000:])
    assert "Traceback" not in r.stderr and "transaction is aborted" not in r.stderr.lower()
    assert "กู้คืน" in r.stderr or "ไฟล์" in r.stderr, r.stderr        # Thai as well as English
    for n in needles:
        assert n in r.stderr, (n, r.stderr[-2000:])


def _target_is_empty(target: Path) -> None:
    if not target.exists():
        return
    from data.store import db

    con = db.connect(target)
    try:
        assert con.execute("SELECT count(*) FROM activity").fetchone()[0] == 0
    finally:
        con.close()


def test_a_good_export_restores(exported, tmp_path):
    r, _ = _restore(_copy(exported, "csv", tmp_path), tmp_path)
    assert r.returncode == 0, r.stderr


def test_three_bytes_cut_off_is_refused_by_the_checksum(exported, tmp_path):
    d = _copy(exported, "csv", tmp_path)
    f = d / "activity.csv"
    f.write_bytes(f.read_bytes()[:-3])
    r, target = _restore(d, tmp_path)
    _assert_refused(r, "activity.csv", "SHA-256")
    _target_is_empty(target)


def test_orphan_batch_id_is_refused_naming_file_and_row(exported, tmp_path):
    d = _copy(exported, "csv", tmp_path)

    def orphan(rows):
        rows[2][rows[0].index("batch_id")] = "9999"
    _edit_csv(d, "activity", orphan)
    _reseal(d, "activity")
    r, target = _restore(d, tmp_path)
    _assert_refused(r, "activity.csv", "row 3", "batch_id", "9999")
    _target_is_empty(target)


def test_short_row_is_refused(exported, tmp_path):
    d = _copy(exported, "csv", tmp_path)
    _edit_csv(d, "activity", lambda rows: rows[1].pop())
    _reseal(d, "activity")
    r, _ = _restore(d, tmp_path)
    _assert_refused(r, "activity.csv", "row 2")


@pytest.mark.parametrize("value, needle", [("-5", "below"), ("NaN", "finite"), ("inf", "finite"),
                                           ("12abc", "not a number")])
def test_bad_amounts_are_refused(exported, tmp_path, value, needle):
    d = _copy(exported, "csv", tmp_path)

    def bad(rows):
        rows[1][rows[0].index("amount")] = value
    _edit_csv(d, "activity", bad)
    _reseal(d, "activity")
    r, target = _restore(d, tmp_path)
    _assert_refused(r, "activity.csv", "row 2", "amount", needle)
    _target_is_empty(target)


def test_table_missing_from_the_manifest_is_refused(exported, tmp_path):
    d = _copy(exported, "csv", tmp_path)
    doc = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    doc["tables"] = [e for e in doc["tables"] if e["name"] != "activity"]
    (d / "manifest.json").write_text(json.dumps(doc), encoding="utf-8")
    r, _ = _restore(d, tmp_path)
    _assert_refused(r, "activity", "manifest")


def test_missing_file_is_refused(exported, tmp_path):
    d = _copy(exported, "csv", tmp_path)
    (d / "action.csv").unlink()
    r, _ = _restore(d, tmp_path)
    _assert_refused(r, "action.csv")


def test_truncated_parquet_is_refused(exported, tmp_path):
    d = _copy(exported, "parquet", tmp_path)
    f = d / "activity.parquet"
    f.write_bytes(f.read_bytes()[: f.stat().st_size // 2])
    r, _ = _restore(d, tmp_path)
    _assert_refused(r, "activity.parquet")


def test_duplicate_key_reports_the_real_constraint(exported, tmp_path):
    d = _copy(exported, "csv", tmp_path)
    _edit_csv(d, "municipality", lambda rows: rows.append(list(rows[1])))
    _reseal(d, "municipality")
    r, _ = _restore(d, tmp_path)
    _assert_refused(r, "municipality.csv", "9000001")


def test_summary_json_is_always_json(tmp_path):
    """A database that already holds a non-finite amount (e.g. restored by an older version) still gives
    valid JSON: non-finite figures print as null."""
    from data.store import db

    path = sd.new_real_database(tmp_path / "inf.duckdb", kinds=("activities",))
    con = db.connect(path)
    try:
        con.execute("UPDATE activity SET amount = 'inf'::DOUBLE WHERE rowid = (SELECT min(rowid) FROM activity)")
        code, year = con.execute("SELECT municipality_code, year FROM activity WHERE isinf(amount)").fetchone()
    finally:
        con.close()
    r = _cli("summary", "--municipality", code, "--year", str(year), "--json", db=path)
    assert r.returncode == 0, r.stderr

    def no_constants(name):
        raise AssertionError(f"non-JSON constant {name}")
    doc = json.loads(r.stdout, parse_constant=no_constants)
    assert doc["municipality"] == code
