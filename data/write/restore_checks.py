"""Checks an export must pass before ``restore`` writes anything: the same rules as an import.

An export is a manifest plus one file (or sheet) per table. Before any row is written:
* every data table of this schema is in the manifest, and every file it names exists;
* each file's SHA-256 (csv, parquet) and row count match the manifest (a cut or edited file is refused);
* every row has the header's number of fields; every value has its column's type; numbers are finite;
  NOT NULL columns are filled; the columns an import checks keep the import's ranges and choices;
* foreign keys hold across the files: ``batch_id`` → ``import_batch``, ``municipality_code`` and
  ``mentor_code`` → ``municipality``, ``replaced_by`` → ``import_batch``.
Each problem is a ``data.ingest.validate.Problem`` naming the file and the row (the header is row 1), in Thai and
English; ``restore`` then exits 2 and the database is left as it was.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd

from data.ingest.templates import KINDS
from data.ingest.validate import CE_MAX, CE_MIN, MAX_PROBLEMS, Problem

REQUIRED_TABLES = ("municipality", "activity", "ccf_notation", "indicator_value", "action", "scorecard",
                   "import_batch", "dataset_info")
_INT_TYPES = {"INTEGER", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT", "UBIGINT", "UINTEGER"}
_FLOAT_TYPES = {"DOUBLE", "FLOAT", "REAL"}
_KIND_OF_TABLE = {spec.table: spec for spec in KINDS.values()}
# (table, column) -> table.column it refers to
FOREIGN_KEYS = {
    "batch_id": ("import_batch", "batch_id"),
    "municipality_code": ("municipality", "code"),
    "mentor_code": ("municipality", "code"),
    "replaced_by": ("import_batch", "batch_id"),
}


class RestoreRejected(Exception):
    """The export fails the checks; ``problems`` says where and why."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} problem(s) in the export")
        self.problems = problems


def file_sha256(path: Path) -> str:
    """Hex SHA-256 of a file, read in 1 MB chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def check_manifest(doc: dict, export: Path, label: str) -> list[Problem]:
    """Tables missing from the manifest, files missing from the export, checksums that do not match."""
    out = []
    names = {e["name"] for e in doc.get("tables", [])}
    for t in REQUIRED_TABLES:
        if t not in names:
            out.append(Problem(label, None, None, None,
                               f"Table {t} is missing from the export's manifest: the export is incomplete "
                               "(restoring would empty the table).",
                               f"ไฟล์กำกับของไฟล์ส่งออกไม่มีตาราง {t} ไฟล์ส่งออกไม่สมบูรณ์ (การกู้คืนจะทำให้ตารางว่าง)"))
    if doc.get("format") in ("csv", "parquet"):
        for e in doc["tables"]:
            f = export / (e.get("file") or "")
            if not e.get("file") or not f.is_file():
                out.append(Problem(e.get("file") or e["name"], None, None, None,
                                   f"The file {e.get('file')} of table {e['name']} is missing from the export.",
                                   f"ไม่พบไฟล์ {e.get('file')} ของตาราง {e['name']} ในไฟล์ส่งออก"))
            elif e.get("sha256") and file_sha256(f) != e["sha256"]:
                out.append(Problem(e["file"], None, None, None,
                                   f"The file's SHA-256 does not match the manifest: {e['file']} was cut or "
                                   "changed after the export.",
                                   f"ค่า SHA-256 ของไฟล์ไม่ตรงกับไฟล์กำกับ: {e['file']} ถูกตัดหรือแก้ไขหลังการส่งออก"))
    return out


def row_length_problems(label: str, header: list[str], rows: list[list]) -> list[Problem]:
    """Rows with more or fewer fields than the header (row numbers as a spreadsheet shows them)."""
    out = []
    n = len(header)
    for i, row in enumerate(rows):
        if len(row) != n:
            out.append(Problem(label, None, i + 2, None,
                               f"The row has {len(row)} fields; the header has {n}.",
                               f"แถวนี้มี {len(row)} ช่อง แต่หัวตารางมี {n} ช่อง"))
            if len(out) >= MAX_PROBLEMS:
                break
    return out


def _rows(mask: pd.Series) -> list[int]:
    return [int(i) + 2 for i in np.flatnonzero(mask.to_numpy())][:MAX_PROBLEMS]


def check_frame(label: str, table: str, frame: pd.DataFrame, columns: list[tuple[str, str]],
                not_null: set[str]) -> tuple[pd.DataFrame, list[Problem]]:
    """Type, finiteness, NOT NULL and import-range checks of one table's values (text or typed).

    Returns the frame with numeric columns parsed, and the problems found."""
    out: list[Problem] = []
    spec = _KIND_OF_TABLE.get(table)
    spec_cols = {c.name: c for c in spec.columns} if spec else {}
    parsed = frame.copy()

    def add(mask, col, en, th, values=None):
        for r in _rows(mask):
            v = "" if values is None else f" ({values.iloc[r - 2]!r})"
            out.append(Problem(label, None, r, col, en + v, th + v))

    for col, typ in columns:
        if col not in frame.columns:
            continue
        raw = frame[col]
        missing = raw.isna() | (raw.astype(object) == "")
        if col in not_null:
            add(missing, col, f"{col} is empty; this column must have a value.", f"{col} ว่าง คอลัมน์นี้ต้องมีค่า")
        base = typ.split("(")[0]
        if base in _INT_TYPES or base in _FLOAT_TYPES or base == "DECIMAL":
            num = pd.to_numeric(raw.where(~missing), errors="coerce").astype("float64")
            bad = ~missing & num.isna() & ~raw.astype(str).str.strip().str.lower().isin(["nan", "-nan", "+nan"])
            add(bad, col, f"{col} is not a number.", f"{col} ไม่ใช่ตัวเลข", raw)
            finite = pd.Series(np.isfinite(num.to_numpy(dtype=float, na_value=np.nan)), index=raw.index)
            nonfinite = ~missing & ~bad & ~finite       # 'NaN', 'inf', '-inf' (or their parquet doubles)
            add(nonfinite, col, f"{col} is not a finite number.", f"{col} ไม่ใช่ตัวเลขจำกัด (NaN หรือ อนันต์)", raw)
            if base in _INT_TYPES:
                frac = ~missing & ~bad & ~nonfinite & (num != np.round(num))
                add(frac, col, f"{col} is not a whole number.", f"{col} ไม่ใช่จำนวนเต็ม", raw)
            c = spec_cols.get(col)
            lo = c.lo if c is not None else None
            hi = c.hi if c is not None else None
            if c is not None and c.kind == "year":
                lo, hi = CE_MIN, CE_MAX
            if c is not None and c.kind == "month":
                lo, hi = 1, 12
            ok = ~missing & ~bad & ~nonfinite
            if lo is not None:
                add(ok & (num < lo), col, f"{col} is below the allowed minimum {lo:g}.",
                    f"{col} ต่ำกว่าค่าต่ำสุดที่ยอมรับ {lo:g}", raw)
            if hi is not None:
                add(ok & (num > hi), col, f"{col} is above the allowed maximum {hi:g}.",
                    f"{col} สูงกว่าค่าสูงสุดที่ยอมรับ {hi:g}", raw)
            parsed[col] = num.where(~missing)
        elif base == "BOOLEAN":
            text = raw.astype(str).str.strip().str.lower()
            bad = ~missing & ~text.isin(["true", "false", "1", "0"])
            add(bad, col, f"{col} is not true or false.", f"{col} ไม่ใช่ true หรือ false", raw)
        elif base in ("DATE", "TIMESTAMP", "TIMESTAMP WITH TIME ZONE"):
            when = pd.to_datetime(raw.where(~missing), errors="coerce", format="ISO8601")
            bad = ~missing & when.isna()
            add(bad, col, f"{col} is not a date/time.", f"{col} ไม่ใช่วันที่/เวลา", raw)
        elif base == "VARCHAR":
            c = spec_cols.get(col)
            if c is not None and c.kind == "choice" and c.choices:
                bad = ~missing & ~raw.isin(list(c.choices))
                add(bad, col, f"{col} is not one of {', '.join(c.choices)}.",
                    f"{col} ไม่ใช่ค่าใดค่าหนึ่งใน {', '.join(c.choices)}", raw)
        if len(out) >= MAX_PROBLEMS:
            break
    return parsed, out


def check_foreign_keys(frames: dict[str, tuple[str, pd.DataFrame]]) -> list[Problem]:
    """Rows that refer to a batch or a municipality the export does not hold. ``frames``: table ->
    (file label, frame)."""
    out = []
    keys: dict[tuple[str, str], set] = {}
    for (t, c) in set(FOREIGN_KEYS.values()):
        if t in frames and c in frames[t][1].columns:
            keys[(t, c)] = set(_norm(frames[t][1][c]).dropna())
    for table, (label, frame) in frames.items():
        for col, target in FOREIGN_KEYS.items():
            if col not in frame.columns or target not in keys or (table, col) == target:
                continue
            vals = _norm(frame[col])
            bad = vals.notna() & ~vals.isin(keys[target])
            for r in _rows(bad):
                v = frame[col].iloc[r - 2]
                out.append(Problem(label, None, r, col,
                                   f"{col} {v} does not exist in {target[0]} (the export is inconsistent).",
                                   f"{col} {v} ไม่มีอยู่ในตาราง {target[0]} (ไฟล์ส่งออกไม่สอดคล้องกัน)"))
    return out


def _norm(s: pd.Series) -> pd.Series:
    """Key values compared as text ('12' and 12.0 are the same batch)."""
    num = pd.to_numeric(s, errors="coerce")
    as_int = num.dropna()
    if len(as_int) == s.notna().sum() and len(as_int) and (as_int == np.round(as_int)).all():
        return num.astype("Int64").astype(object).where(num.notna(), None).map(
            lambda v: None if v is None or v is pd.NA else str(v))
    return s.astype(object).where(s.notna() & (s.astype(object) != ""), None).map(
        lambda v: None if v is None else str(v))
