"""All-or-nothing import of a validated file: one transaction, one ``import_batch`` row.

Rules (README "Import", docs/import_guide.md):
- the file is validated completely before anything is written (``data.validate``);
- the same file (same sha256 and kind) already imported in a batch that is still active changes nothing;
- a row whose key is already in the database is refused, naming both rows, unless ``replace=True``: then the
  existing rows are moved aside (``data.batches``) and come back if the new batch is rolled back;
- real data never goes into the synthetic demo database;
- every write bumps ``dataset_info.data_version`` so that the app's caches refresh.
"""
from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field

import pandas as pd

from data.figures import freshness
from data.figures import refresh
from data.write import batches
from data.store import db, lock
from data.store import table_writes
from data.ingest.templates import KINDS, KindSpec
from data.ingest.validate import Problem, Rejected, ValidationResult, read_input, validate_file

MAX_CONFLICTS_LISTED = 200


@dataclass
class ImportResult:
    """What an import did (or, for a dry run or a rejection, would have done)."""
    batch_id: int | None
    rows: int
    skipped_as_duplicate_file: bool
    problems: list[Problem]
    dry_run: bool = False
    replaced_rows: int = 0
    file_name: str = ""
    sha256: str = ""
    kind: str = ""
    seconds: float = 0.0
    preview: pd.DataFrame | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)   # (en, th)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds > 0 else 0.0


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of the file's bytes (identifies 'the same file' whatever its name)."""
    return hashlib.sha256(data).hexdigest()


def import_file(con, path_or_bytes, file_name: str | None, kind: str, user: str | None = None,
                dry_run: bool = False, replace: bool = False) -> ImportResult:
    """Validate and (unless ``dry_run``) import a CSV/XLSX file of ``kind`` in one transaction.

    Returns an ``ImportResult``: ``problems`` is empty on success; ``skipped_as_duplicate_file`` is True
    when the same file is already imported in an active batch (then nothing changes).
    """
    t0 = time.perf_counter()
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    spec = KINDS[kind]
    try:
        data, name = read_input(path_or_bytes, file_name)
    except Rejected as rej:
        return ImportResult(None, 0, False, [rej.problem], dry_run, file_name=file_name or "", kind=kind)
    digest = sha256_of(data)
    base = dict(dry_run=dry_run, file_name=name, sha256=digest, kind=kind)
    # a cursor of its own: the app shares `con` between sessions, which keep reading through their cursors
    with lock.WRITE_LOCK, lock.own_cursor(con) as con:
        previous = batches.active_batch_for(con, digest, kind)
        if previous is not None:
            note = (f"This file was already imported as batch {previous['batch_id']} on "
                    f"{previous['imported_at']:%Y-%m-%d %H:%M} by {previous['imported_by']}; nothing changed.",
                    f"ไฟล์นี้นำเข้าแล้วเป็นชุดที่ {previous['batch_id']} เมื่อ {previous['imported_at']:%Y-%m-%d %H:%M} "
                    f"โดย {previous['imported_by']} ไม่มีการเปลี่ยนแปลง")
            return ImportResult(int(previous["batch_id"]), 0, True, [], notes=[note],
                                seconds=time.perf_counter() - t0, **base)
        result = validate_file(data, name, kind, con)
        rows = _table_rows(spec, result)
        notes = list(result.notes)
        if result.problems:
            return ImportResult(None, 0, False, result.problems, preview=result.preview, notes=notes,
                                seconds=time.perf_counter() - t0, **base)
        conflicts = find_conflicts(con, spec, result.rows_df)
        if len(conflicts) and not replace:
            return ImportResult(None, 0, False, _conflict_problems(spec, conflicts, name, result.sheet),
                                preview=result.preview, notes=notes, seconds=time.perf_counter() - t0, **base)
        demo = _demo_problem(con, name)
        if dry_run:
            if demo:
                notes.append((demo.message_en, demo.message_th))
            return ImportResult(None, len(rows), False, [], replaced_rows=len(conflicts), preview=result.preview,
                                notes=notes, seconds=time.perf_counter() - t0, **base)
        if demo:
            return ImportResult(None, 0, False, [demo], preview=result.preview, notes=notes,
                                seconds=time.perf_counter() - t0, **base)
        batch_id, replaced = write_rows(con, spec, name, digest, rows, conflicts, user)
        return ImportResult(batch_id, len(rows), False, [], replaced_rows=replaced, preview=result.preview,
                            notes=notes, seconds=time.perf_counter() - t0, **base)


def write_rows(con, spec: KindSpec, name: str, digest: str, rows: pd.DataFrame, conflicts: pd.DataFrame,
               user: str | None) -> tuple[int, int]:
    """Write validated rows as one new batch in one transaction, moving ``conflicts`` aside; the caller holds
    ``lock.WRITE_LOCK``. Returns (batch id, rows replaced)."""
    # only the imported municipalities' aggregates change, if they were right before this import
    touched = touched_codes(rows) if freshness.is_current(con) else None
    with db.transaction(con):
        batch_id = table_writes.new_batch(con, spec.kind, name, digest, len(rows), who=user)
        replaced = batches.supersede(con, spec, conflicts, batch_id) if len(conflicts) else 0
        table_writes.insert_frame(con, spec.table, rows, batch_id)
        table_writes.ensure_dataset_row(con, is_demo=False)
        db.bump_data_version(con)
        refresh.stored_figures(con, touched)
    return batch_id, replaced


def touched_codes(rows: pd.DataFrame) -> list[str] | None:
    """The municipality codes of an import's rows (``code`` for municipalities, else ``municipality_code``):
    the only municipalities whose stored aggregates the import changes; None (all) for rows without either."""
    col = "code" if "code" in rows.columns else "municipality_code"
    return sorted(rows[col].dropna().astype(str).unique()) if col in rows.columns else None


def _table_rows(spec: KindSpec, result: ValidationResult) -> pd.DataFrame:
    return result.rows_df[[c.name for c in spec.columns]]


def _demo_problem(con, name: str) -> Problem | None:
    row = con.execute("SELECT is_demo FROM dataset_info WHERE id = 1").fetchall()
    if not row or not row[0][0]:
        return None
    return Problem(name, None, None, None,
                   "This database holds the synthetic demo data set; real data is never mixed with it. "
                   "Import into a fresh database (python -m data init --db NEW.duckdb, then import with "
                   "--db NEW.duckdb) and point the app to it with LCRS_DB.",
                   "ฐานข้อมูลนี้เป็นข้อมูลสาธิต (สังเคราะห์) จะไม่นำข้อมูลจริงมาปะปน ให้สร้างฐานข้อมูลใหม่ "
                   "(python -m data init --db NEW.duckdb แล้วนำเข้าด้วย --db NEW.duckdb) และตั้ง LCRS_DB ให้แอปใช้ไฟล์นั้น")


# --- conflicts with rows already stored -------------------------------------------------------------------

def find_conflicts(con, spec: KindSpec, rows: pd.DataFrame) -> pd.DataFrame:
    """Rows in the database that the file's rows would duplicate: key columns, ``excel_row`` and ``batch_id``.

    Activities also conflict when one side is an annual row (month empty) and the other monthly rows of
    the same item, since both would count the same year.
    """
    if not len(rows):
        return pd.DataFrame(columns=[*spec.key, "excel_row", "batch_id"])
    key = list(spec.key)
    frame = rows[key + ["excel_row"]].copy()
    con.register("_import_keys", frame)
    try:
        q = db.duckdb_quote_ident
        if spec.kind == "activities":
            item = ["municipality_code", "year", "inventory", "activity", "gpc_ref"]
            cond = " AND ".join(f"t.{q(c)} IS NOT DISTINCT FROM f.{q(c)}" for c in item)
            cond += " AND (t.month IS NOT DISTINCT FROM f.month OR t.month IS NULL OR f.month IS NULL)"
        else:
            cond = " AND ".join(f"t.{q(c)} IS NOT DISTINCT FROM f.{q(c)}" for c in key)
        cols = ", ".join(f"t.{q(c)}" for c in key)
        # identifiers come from the KINDS constants; the file's values are joined, never formatted into SQL
        sql = (f"SELECT {cols}, min(f.excel_row) AS excel_row, t.batch_id, t.rowid AS _rowid "
               f"FROM {q(spec.table)} AS t JOIN _import_keys AS f ON {cond} "
               f"GROUP BY ALL ORDER BY excel_row")
        return con.execute(sql).df()
    finally:
        con.unregister("_import_keys")


def _conflict_problems(spec: KindSpec, conflicts: pd.DataFrame, name: str, sheet: str | None) -> list[Problem]:
    key = ", ".join(spec.key)
    out = []
    for rec in conflicts.head(MAX_CONFLICTS_LISTED).to_dict("records"):
        values = ", ".join("" if pd.isna(rec[c]) else str(rec[c]) for c in spec.key)
        out.append(Problem(
            name, sheet, int(rec["excel_row"]), spec.key[0],
            f"Already in the database (batch {rec['batch_id']}): {key} = {values}. Nothing was imported; "
            "to overwrite, import again with --replace (data page: 'replace existing rows').",
            f"มีอยู่แล้วในฐานข้อมูล (ชุดนำเข้า {rec['batch_id']}): {key} = {values} ยังไม่ได้นำเข้าข้อมูลใด "
            "หากต้องการเขียนทับ ให้นำเข้าอีกครั้งแบบแทนที่ (--replace)"))
    if len(conflicts) > MAX_CONFLICTS_LISTED:
        more = len(conflicts) - MAX_CONFLICTS_LISTED
        out.append(Problem(name, sheet, None, None, f"... and {more:,} more rows already in the database.",
                           f"... และอีก {more:,} แถวที่มีอยู่แล้วในฐานข้อมูล"))
    return out
