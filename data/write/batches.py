"""Import batches: listing, rollback as a whole, and the rows an import replaced (so rollback can restore them).

When an import runs with ``replace``, the rows it overwrites are moved into ``import_superseded`` (one JSON
record per row, with the batch that replaced it). Rolling that batch back deletes its rows and puts the
superseded rows back, so the database returns exactly to its previous state. Rollbacks of overlapping
batches must go newest first: a batch whose rows were since replaced by a later, still active batch is
refused with a message naming that batch.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone

import pandas as pd

from data.figures import freshness, refresh
from data.ingest.templates import KindSpec
from data.store import db, lock, table_writes
from data.write import accounts

SUPERSEDED_TABLE = "import_superseded"
# batches made by `init --demo` or `restore` are not undone one by one: rebuild or restore instead
NOT_ROLLBACKABLE = {"demo", "restore"}


class BatchError(db.DatabaseError):
    """A rollback that cannot be done, with a bilingual reason."""


@dataclass
class RollbackResult:
    batch_id: int
    rows_removed: int
    rows_restored: int


def ensure_superseded_table(con) -> None:
    """Make sure ``import_superseded`` exists (migration 003 creates it; databases restored from older exports
    may predate it)."""
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {SUPERSEDED_TABLE} ("
        " replaced_by INTEGER NOT NULL,"       # the batch whose import replaced the row
        " table_name VARCHAR NOT NULL,"
        " original_batch INTEGER,"             # the row's own batch
        " row_json VARCHAR NOT NULL)")


def _has_superseded(con) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                       [SUPERSEDED_TABLE]).fetchall()[0][0] > 0


def active_batch_for(con, sha256: str, kind: str) -> dict | None:
    """The active, published batch that imported this exact file (same sha256 and kind) and still holds all
    its rows, if any. A batch some of whose rows a later, still active batch replaced does not count:
    importing the file again then brings its rows back (with replace) or is refused naming the batch that
    holds them. A batch still waiting for review, or returned, is not imported (data.write.review)."""
    displaced = ""
    if _has_superseded(con):
        # constant SQL: which batches lost rows to a later batch that is still active
        displaced = (f" AND NOT EXISTS (SELECT 1 FROM {SUPERSEDED_TABLE} s JOIN import_batch r "
                     "ON r.batch_id = s.replaced_by WHERE s.original_batch = b.batch_id AND r.status = 'active')")
    row = con.execute("SELECT batch_id, file_name, imported_at, imported_by FROM import_batch AS b "
                      "WHERE sha256 = ? AND kind = ? AND status = 'active' "
                      "AND coalesce(review_status, 'published') = 'published'" + displaced +
                      " ORDER BY batch_id LIMIT 1", [sha256, kind]).fetchall()
    if not row:
        return None
    return dict(zip(["batch_id", "file_name", "imported_at", "imported_by"], row[0]))


def list_batches(con, include_rolled_back: bool = True) -> pd.DataFrame:
    """Import batches, newest first: id, kind, file, sha256, rows, time, user, status, rolled-back time."""
    sql = ("SELECT batch_id, kind, file_name, sha256, rows, imported_at, imported_by, status, rolled_back_at, "
           "is_demo FROM import_batch")
    if not include_rolled_back:
        sql += " WHERE status = 'active'"
    return con.execute(sql + " ORDER BY batch_id DESC").df()


def data_tables_with_batch(con) -> list[str]:
    """User-data tables that carry a ``batch_id`` column (found in the catalogue, so new tables are included)."""
    rows = con.execute(
        "SELECT table_name FROM information_schema.columns WHERE column_name = 'batch_id' "
        "AND table_schema = 'main' AND table_name NOT IN ('import_batch', ?) ORDER BY table_name",
        [SUPERSEDED_TABLE]).fetchall()
    return [r[0] for r in rows]


def supersede(con, spec: KindSpec, conflicts: pd.DataFrame, batch_id: int) -> int:
    """Move the conflicting rows (``conflicts._rowid``) aside, recorded as replaced by ``batch_id``."""
    ensure_superseded_table(con)
    ids = pd.DataFrame({"rid": conflicts["_rowid"].astype("int64").unique()})
    table = db.duckdb_quote_ident(spec.table)
    con.register("_supersede_ids", ids)
    try:
        old = con.execute(f"SELECT * FROM {table} WHERE rowid IN (SELECT rid FROM _supersede_ids)").df()
        records = [(batch_id, spec.table, _int_or_none(r.get("batch_id")), json.dumps(_jsonable(r), ensure_ascii=False))
                   for r in old.to_dict("records")]
        if records:
            con.executemany(f"INSERT INTO {SUPERSEDED_TABLE} (replaced_by, table_name, original_batch, row_json) "
                            "VALUES (?, ?, ?, ?)", records)
        con.execute(f"DELETE FROM {table} WHERE rowid IN (SELECT rid FROM _supersede_ids)")
    finally:
        con.unregister("_supersede_ids")
    return len(records)


def _jsonable(rec: dict) -> dict:
    out = {}
    for k, v in rec.items():
        if v is None or v is pd.NA or (isinstance(v, float) and v != v):
            out[k] = None
        elif hasattr(v, "item"):      # numpy scalar
            out[k] = v.item()
        else:
            out[k] = v
    return out


def _int_or_none(v):
    return None if v is None or v is pd.NA or (isinstance(v, float) and v != v) else int(v)


def rollback_batch(con, batch_id: int, who: str | None = None) -> RollbackResult:
    """Remove every row of one import batch and restore the rows it replaced; mark it rolled_back; ``who``
    (an account, or ``cli:<login>``) is recorded in the audit log.

    Refused (``BatchError``) for an unknown, already rolled-back, demo or restore batch; when a later active
    batch replaced rows of this one (roll that back first); and when removing municipalities would leave
    rows of other batches pointing at them.
    """
    with lock.WRITE_LOCK, lock.own_cursor(con) as con:
        row = con.execute("SELECT kind, status FROM import_batch WHERE batch_id = ?", [batch_id]).fetchall()
        if not row:
            raise BatchError(f"There is no import batch {batch_id}.", f"ไม่มีชุดนำเข้าหมายเลข {batch_id}")
        kind, status = row[0]
        if status == "rolled_back":
            raise BatchError(f"Batch {batch_id} is already rolled back; nothing changed.",
                             f"ชุดนำเข้า {batch_id} ถูกยกเลิกไปแล้ว ไม่มีการเปลี่ยนแปลง")
        if kind in NOT_ROLLBACKABLE:
            raise BatchError(f"Batch {batch_id} ({kind}) cannot be rolled back; rebuild with `init --demo` or "
                             "`restore` instead.",
                             f"ชุดนำเข้า {batch_id} ({kind}) ยกเลิกไม่ได้ ให้สร้างใหม่ด้วย init --demo หรือ restore")
        has_sup = _has_superseded(con)
        restore = []
        if has_sup:
            later = con.execute(
                f"SELECT DISTINCT s.replaced_by FROM {SUPERSEDED_TABLE} s JOIN import_batch b "
                "ON b.batch_id = s.replaced_by WHERE s.original_batch = ? AND b.status = 'active' ORDER BY 1",
                [batch_id]).fetchall()
            if later:
                ids = ", ".join(str(r[0]) for r in later)
                raise BatchError(f"Rows of batch {batch_id} were replaced by later batch(es) {ids}; roll those back "
                                 "first (newest first).",
                                 f"แถวของชุดนำเข้า {batch_id} ถูกแทนที่โดยชุดที่ใหม่กว่า ({ids}) ให้ยกเลิกชุดเหล่านั้นก่อน")
            restore = con.execute(f"SELECT table_name, row_json FROM {SUPERSEDED_TABLE} WHERE replaced_by = ? "
                                  "ORDER BY rowid", [batch_id]).fetchall()
        _check_references(con, batch_id, restore)
        tables = data_tables_with_batch(con)
        # only the municipalities of the removed and restored rows change, if the aggregates were right before
        touched = _touched_codes(con, tables, batch_id, restore) if freshness.is_current(con) else None
        with db.transaction(con):
            removed = 0
            for t in tables:
                # table names come from the catalogue (data_tables_with_batch), never from user input
                removed += con.execute(f"SELECT count(*) FROM {db.duckdb_quote_ident(t)} WHERE batch_id = ?",
                                       [batch_id]).fetchall()[0][0]
                con.execute(f"DELETE FROM {db.duckdb_quote_ident(t)} WHERE batch_id = ?", [batch_id])
            restored = _restore_rows(con, restore)
            if has_sup:
                con.execute(f"DELETE FROM {SUPERSEDED_TABLE} WHERE replaced_by = ? OR original_batch = ?",
                            [batch_id, batch_id])
            con.execute("UPDATE import_batch SET status = 'rolled_back', rolled_back_at = ? WHERE batch_id = ?",
                        [datetime.now(timezone.utc).replace(tzinfo=None), batch_id])
            if who and _has_audit(con):
                accounts.record_audit(con, who, "batch.rollback", str(batch_id), f"{removed} rows removed")
            table_writes.ensure_dataset_row(con, is_demo=False)
            db.bump_data_version(con)
            refresh.stored_figures(con, touched)
        return RollbackResult(batch_id, removed, restored)


def _has_audit(con) -> bool:
    # a database of schema version 4 (not migrated yet) has no audit table
    return con.execute("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'auth' "
                       "AND table_name = 'audit'").fetchall()[0][0] > 0


def _touched_codes(con, tables: list[str], batch_id: int, restore: list[tuple[str, str]]) -> list[str] | None:
    """Municipality codes of the batch's rows and of the rows its rollback restores; None (all) when a table
    has rows of the batch but no municipality column."""
    codes: set[str] = set()
    for t in tables:
        cols = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                          "AND table_schema = 'main'", [t]).fetchall()}
        col = "code" if t == "municipality" else "municipality_code"
        q = db.duckdb_quote_ident(t)
        if col not in cols:
            if con.execute(f"SELECT count(*) FROM {q} WHERE batch_id = ?", [batch_id]).fetchall()[0][0]:
                return None
            continue
        # table and column names come from the catalogue and this function's constants, never from user input
        codes.update(r[0] for r in con.execute(f"SELECT DISTINCT {db.duckdb_quote_ident(col)} FROM {q} "
                                               "WHERE batch_id = ?", [batch_id]).fetchall())
    for table, payload in restore:
        rec = json.loads(payload)
        codes.add(rec.get("code") if table == "municipality" else rec.get("municipality_code"))
    return sorted(c for c in codes if c is not None)


def _restore_rows(con, restore: list[tuple[str, str]]) -> int:
    by_table: dict[str, list[dict]] = {}
    for table, payload in restore:
        by_table.setdefault(table, []).append(json.loads(payload))
    for table, recs in by_table.items():
        cols = [r[0] for r in con.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
            [table]).fetchall()]
        frame = pd.DataFrame.from_records(recs, columns=cols).astype(object)
        frame = frame.where(frame.notna(), None)
        con.register("_restore_rows", frame)
        try:
            col_list = ", ".join(db.duckdb_quote_ident(c) for c in cols)
            con.execute(f"INSERT INTO {db.duckdb_quote_ident(table)} ({col_list}) SELECT {col_list} FROM _restore_rows")
        finally:
            con.unregister("_restore_rows")
    return sum(len(v) for v in by_table.values())


def _check_references(con, batch_id: int, restore: list[tuple[str, str]]) -> None:
    """Refuse to remove municipalities that rows of other batches still refer to."""
    codes = [r[0] for r in con.execute("SELECT code FROM municipality WHERE batch_id = ?", [batch_id]).fetchall()]
    if not codes:
        return
    back = {json.loads(p).get("code") for t, p in restore if t == "municipality"}
    gone = pd.DataFrame({"code": [c for c in codes if c not in back]})
    if not len(gone):
        return
    refs = con.execute(
        "SELECT table_name FROM information_schema.columns WHERE column_name = 'municipality_code' "
        "AND table_schema = 'main' AND table_name <> ? ORDER BY table_name", [SUPERSEDED_TABLE]).fetchall()
    con.register("_gone_codes", gone)
    try:
        found = []
        for (t,) in refs:
            q = db.duckdb_quote_ident(t)
            n, example = con.execute(f"SELECT count(*), min(municipality_code) FROM {q} "
                                     "WHERE municipality_code IN (SELECT code FROM _gone_codes)").fetchall()[0]
            if n:
                found.append((t, n, example))
        n, example = con.execute("SELECT count(*), min(mentor_code) FROM municipality WHERE batch_id <> ? "
                                 "AND mentor_code IN (SELECT code FROM _gone_codes)", [batch_id]).fetchall()[0]
        if n:
            found.append(("municipality.mentor_code", n, example))
    finally:
        con.unregister("_gone_codes")
    if found:
        what = "; ".join(f"{t}: {n:,} rows (e.g. {ex})" for t, n, ex in found)
        raise BatchError(f"Batch {batch_id} added municipalities that other data still refers to ({what}). "
                         "Roll back those batches first.",
                         f"ชุดนำเข้า {batch_id} เพิ่ม อปท. ที่ข้อมูลอื่นยังอ้างถึงอยู่ ({what}) ให้ยกเลิกชุดเหล่านั้นก่อน")


def dataset_is_demo(con) -> bool | None:
    """True for the synthetic demo set, False for real data, None for a fresh database with no data yet."""
    row = con.execute("SELECT is_demo FROM dataset_info WHERE id = 1").fetchall()
    return bool(row[0][0]) if row else None
