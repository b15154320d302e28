"""Review before publication: an editor's import or edit becomes a batch that waits for a mentor or an admin.

A batch's ``review_status`` (``import_batch``, migration 005) is ``submitted`` → ``published`` (approved) or
``returned`` (with a comment the officer sees). While submitted or returned its rows live only in
``submission_row`` (JSON), never in the data tables, so every public read — pages, the kiosk, reports, exports
of figures, ``summary`` and the stored aggregates — sees published figures only, by construction: none of them
reads ``submission_row``. Publishing moves the rows into the data tables in one transaction, with the same
supersede rule as ``import --replace`` (rows with the same key are moved aside and come back on rollback), so a
new submission replaces the earlier figure only once it is published.

``overlay`` builds an in-memory copy of the database with chosen submitted batches applied: the "include my
unpublished data" view, the mentor's before → after totals and ``summary --include-unpublished`` read it.
Imports without an account (``import`` without ``--as``) are the administrator's and published at once.
"""
from __future__ import annotations

import io
import time

import duckdb
import pandas as pd

from data.figures import freshness, refresh
from data.figures import summary as summary_json
from data.figures.inventories import UnknownMunicipality
from data.ingest.templates import KINDS, KindSpec
from data.ingest.validate import Problem, Rejected, read_input, validate_file
from data.queries import accounts as account_rows
from data.queries.accounts import Account
from data.queries.review_batches import (PUBLISHED, RETURNED, STAGE_TABLE, SUBMITTED, Batch, get_batch, list_batches,
                                         published_rows, staged_records)
from data.store import dataset, db, table_writes
from data.store.lock import WRITE_LOCK, own_cursor
from data.write import accounts, batches
from data.write.importer import ImportResult, _demo_problem, find_conflicts, sha256_of, touched_codes

MAX_COMMENT = 2000
MAX_SCOPE_PROBLEMS = 200
# the figures a reviewer sees change, per municipality-year (keys of the summary JSON)
CHANGE_FIGURES = ("cfo_total", "ccf_basic", "wma_overall")


class ReviewRefused(db.DatabaseError):
    """A review that the account may not make, or a batch not waiting for review."""


def code_column(spec: KindSpec) -> str:
    """The column that names a row's municipality: ``code`` in the municipalities file, else
    ``municipality_code``."""
    return "code" if spec.kind == "municipalities" else "municipality_code"


def staged_rows(con, batch_id: int, spec: KindSpec) -> pd.DataFrame:
    """The rows of a batch waiting for review, typed as the validator returns them (plus ``excel_row``)."""
    empty = spec.empty_frame()
    frame = pd.DataFrame.from_records(staged_records(con, batch_id), columns=list(empty.columns))
    return frame.astype(empty.dtypes.to_dict())


def editable_rows(con, code: str, year: int) -> pd.DataFrame:
    """The published activity rows of one municipality-year in the activities file's columns (table editor)."""
    return published_rows(con, code, year, [c.name for c in KINDS["activities"].columns])


def scope_problems(spec: KindSpec, rows: pd.DataFrame, allowed: set[str] | None, file_name: str,
                   sheet: str | None, account: Account) -> list[Problem]:
    """One problem per row whose municipality is outside ``allowed`` (None: no limit), naming file, row and
    column."""
    if allowed is None or not len(rows):
        return []
    col = code_column(spec)
    outside = rows[~rows[col].astype(str).isin(allowed)]
    mine = ", ".join(sorted(allowed)) or "-"
    out = [Problem(file_name, sheet, int(r["excel_row"]), col,
                   f"Municipality {r[col]} is not on account {account.name} (it may write {mine}). Nothing was "
                   "submitted; remove the row or ask an administrator.",
                   f"อปท. {r[col]} ไม่อยู่ในสิทธิ์ของบัญชี {account.name} (แก้ไขได้เฉพาะ {mine}) ยังไม่ได้ส่งข้อมูลใด "
                   "ให้ลบแถวนี้หรือติดต่อผู้ดูแลระบบ")
           for r in outside.head(MAX_SCOPE_PROBLEMS).to_dict("records")]
    if len(outside) > MAX_SCOPE_PROBLEMS:
        more = len(outside) - MAX_SCOPE_PROBLEMS
        out.append(Problem(file_name, sheet, None, col, f"... and {more:,} more rows outside the account's scope.",
                           f"... และอีก {more:,} แถวที่อยู่นอกสิทธิ์ของบัญชี"))
    return out


# --- submit ------------------------------------------------------------------------------------------------------

def same_file(con, digest: str, kind: str) -> dict | None:
    """The active batch (submitted or published) holding the same bytes of ``kind``: batch_id, review_status."""
    row = con.execute("SELECT batch_id, review_status FROM import_batch WHERE sha256 = ? AND kind = ? "
                      "AND status = 'active' AND review_status IN (?, ?) ORDER BY batch_id LIMIT 1",
                      [digest, kind, SUBMITTED, PUBLISHED]).fetchall()
    return {"batch_id": row[0][0], "review_status": row[0][1]} if row else None


def submit_file(con, path_or_bytes, file_name: str | None, kind: str, account: Account,
                dry_run: bool = False, replace: bool = True) -> ImportResult:
    """Validate a CSV/XLSX file as ``import_file`` does, refuse rows outside ``account``'s scope, and (unless
    ``dry_run``) store it as a batch waiting for review. Rows with the key of published rows are not refused:
    they replace them when the batch is published. An administrator's file is imported and published at once
    (``replace``: whether its rows may replace rows already stored, as ``import --replace``)."""
    from data.write.importer import import_file

    if account.is_admin:
        return import_file(con, path_or_bytes, file_name, kind, user=account.name, dry_run=dry_run, replace=replace)
    t0 = time.perf_counter()
    spec = KINDS[kind]
    try:
        data, name = read_input(path_or_bytes, file_name)
    except Rejected as rej:
        return ImportResult(None, 0, False, [rej.problem], dry_run, file_name=file_name or "", kind=kind)
    digest = sha256_of(data)
    base = dict(dry_run=dry_run, file_name=name, sha256=digest, kind=kind)
    with WRITE_LOCK, own_cursor(con) as cur:
        previous = same_file(cur, digest, kind)
        if previous is not None:
            note = (f"This file is already {previous['review_status']} as batch {previous['batch_id']}; nothing "
                    "changed.", f"ไฟล์นี้ส่งแล้วเป็นชุดที่ {previous['batch_id']} ({previous['review_status']}) "
                    "ไม่มีการเปลี่ยนแปลง")
            return ImportResult(int(previous["batch_id"]), 0, True, [], notes=[note],
                                seconds=time.perf_counter() - t0, **base)
        result = validate_file(data, name, kind, cur)
        notes = list(result.notes)
        problems = list(result.problems)
        if not problems:
            problems = scope_problems(spec, result.rows_df, account_rows.scope(cur, account), name, result.sheet,
                                      account)
        if not problems and (demo := _demo_problem(cur, name)) is not None:
            problems = [demo]
        if problems:
            return ImportResult(None, 0, False, problems, preview=result.preview, notes=notes,
                                seconds=time.perf_counter() - t0, **base)
        rows = result.rows_df[[c.name for c in spec.columns] + ["excel_row"]]
        replaced = len(find_conflicts(cur, spec, rows))
        if replaced:
            notes.append((f"When published, this replaces {replaced:,} published rows with the same key.",
                          f"เมื่อเผยแพร่แล้ว จะแทนที่แถวที่เผยแพร่อยู่ {replaced:,} แถวที่มีคีย์เดียวกัน"))
        if dry_run:
            return ImportResult(None, len(rows), False, [], replaced_rows=replaced, preview=result.preview,
                                notes=notes, seconds=time.perf_counter() - t0, **base)
        batch_id = stage(cur, spec, rows, name, digest, account)
        return ImportResult(batch_id, len(rows), False, [], replaced_rows=replaced, preview=result.preview,
                            notes=notes, seconds=time.perf_counter() - t0, **base)


def stage(cur, spec: KindSpec, rows: pd.DataFrame, name: str, digest: str, account: Account) -> int:
    """Store validated ``rows`` (with ``excel_row``) as a batch waiting for review, in one transaction; the caller
    holds the write lock. Returns the batch id."""
    codes = touched_codes(rows) or []
    # the public figures do not change: only the fingerprint of the stored aggregates moves on (batch count)
    current = freshness.is_current(cur)
    with db.transaction(cur):
        batch_id = table_writes.new_batch(cur, spec.kind, name, digest, len(rows), who=account.name)
        cur.execute("UPDATE import_batch SET review_status = ?, municipalities = ? WHERE batch_id = ?",
                    [SUBMITTED, ",".join(codes), batch_id])
        # one JSON object per row, written by DuckDB in bulk (row by row took minutes for a million rows); its
        # numbers read back as the same floats as json.dumps writes (shortest round-trip form)
        cur.register("_stage_rows", rows.reset_index(drop=True))
        try:
            cur.execute(f"INSERT INTO {STAGE_TABLE} (batch_id, table_name, row_json) "
                        "SELECT ?, ?, to_json(r)::VARCHAR FROM _stage_rows AS r", [batch_id, spec.table])
        finally:
            cur.unregister("_stage_rows")
        dataset.ensure_dataset_row(cur, is_demo=False)
        dataset.bump_data_version(cur)
        refresh.stored_figures(cur, [] if current else None)
    return batch_id


def edits_to_csv(spec: KindSpec, rows: pd.DataFrame) -> bytes:
    """An edited table as an import file (CSV, the kind's columns), so that a correction made in the table
    editor goes through exactly the import's validation (the file's row numbers are the table's rows + 1)."""
    cols = [c.name for c in spec.columns if c.name in rows.columns]
    buf = io.StringIO()
    rows[cols].to_csv(buf, index=False)
    return buf.getvalue().encode("utf-8")


def submit_edits(con, spec: KindSpec, rows: pd.DataFrame, account: Account, label: str) -> ImportResult:
    """Submit rows corrected in the table editor: validated and reviewed as an import file of their own."""
    return submit_file(con, edits_to_csv(spec, rows), f"{label}.csv", spec.kind, account)


# --- batches ---------------------------------------------------------------------------------------------------

def review_refusal(con, account: Account, batch: Batch | None, batch_id: int) -> tuple[str, str] | None:
    """Why ``account`` may not review the batch ((en, th)), or None when it may."""
    if batch is None:
        return f"There is no batch {batch_id}.", f"ไม่มีชุดข้อมูลหมายเลข {batch_id}"
    if account.disabled:
        return f"Account {account.name} is disabled.", f"บัญชี {account.name} ถูกระงับ"
    if batch.status != "active" or batch.review_status != SUBMITTED:
        state = "rolled_back" if batch.status != "active" else batch.review_status
        return (f"Batch {batch.batch_id} is not waiting for review (it is {state}).",
                f"ชุดข้อมูล {batch.batch_id} ไม่ได้รอการตรวจ (สถานะ {state})")
    if account.role == "editor":
        return (f"{account.name} is an editor; only a mentor or an administrator reviews a batch.",
                f"{account.name} เป็นผู้แก้ไขข้อมูล เฉพาะพี่เลี้ยงหรือผู้ดูแลระบบเท่านั้นที่ตรวจชุดข้อมูลได้")
    if batch.user == account.name:
        return (f"Batch {batch.batch_id} was submitted by {account.name}; nobody reviews their own batch.",
                f"ชุดข้อมูล {batch.batch_id} ส่งโดย {account.name} เอง ไม่มีใครตรวจข้อมูลของตนเองได้")
    allowed = account_rows.scope(con, account)
    outside = [c for c in batch.municipalities if allowed is not None and c not in allowed]
    if outside:
        return (f"Batch {batch.batch_id} has municipalities not assigned to {account.name}: {', '.join(outside)}.",
                f"ชุดข้อมูล {batch.batch_id} มี อปท. ที่ไม่ได้มอบหมายให้ {account.name}: {', '.join(outside)}")
    return None


def queue(con, account: Account) -> list[Batch]:
    """The submitted batches ``account`` may review, oldest first."""
    return [b for b in list_batches(con) if b.review_status == SUBMITTED and b.status == "active"
            and review_refusal(con, account, b, b.batch_id) is None]


def visible_pending(con, account: Account) -> list[int]:
    """The submitted batches whose figures ``account`` may include in its own view: an editor's own, a mentor's
    own and those it reviews, every one for an administrator."""
    allowed = account_rows.scope(con, account)
    return [b.batch_id for b in list_batches(con)
            if b.review_status == SUBMITTED and b.status == "active"
            and (b.user == account.name or (account.role != "editor"
                                            and (allowed is None or set(b.municipalities) <= allowed)))]


# --- rows of a batch ---------------------------------------------------------------------------------------------

def _apply(cur, spec: KindSpec, rows: pd.DataFrame, batch_id: int) -> int:
    """Move the rows with the same key aside (kept for rollback) and insert ``rows``; returns rows replaced."""
    conflicts = find_conflicts(cur, spec, rows)
    replaced = batches.supersede(cur, spec, conflicts, batch_id) if len(conflicts) else 0
    table_writes.insert_frame(cur, spec.table, rows[[c.name for c in spec.columns]], batch_id)
    return replaced


# --- approve / return ----------------------------------------------------------------------------------------------

def approve(con, batch_id: int, account: Account) -> Batch:
    """Publish a submitted batch (one transaction): its rows replace published rows with the same key, the
    stored aggregates of its municipalities are refreshed, and who approved it is recorded."""
    with WRITE_LOCK, own_cursor(con) as cur:
        batch = get_batch(cur, batch_id)
        if (why := review_refusal(cur, account, batch, batch_id)) is not None:
            raise ReviewRefused(*why)
        spec = KINDS[batch.kind]
        rows = staged_rows(cur, batch_id, spec)
        touched = list(batch.municipalities) if freshness.is_current(cur) else None
        with db.transaction(cur):
            replaced = _apply(cur, spec, rows, batch_id)
            cur.execute(f"DELETE FROM {STAGE_TABLE} WHERE batch_id = ?", [batch_id])
            cur.execute("UPDATE import_batch SET review_status = ?, reviewed_by = ?, reviewed_at = ? "
                        "WHERE batch_id = ?", [PUBLISHED, account.name, accounts.now_utc(), batch_id])
            accounts.record_audit(cur, account.name, "batch.publish", str(batch_id), f"{len(rows)} rows; "
                            f"{replaced} replaced")
            dataset.bump_data_version(cur)
            refresh.stored_figures(cur, touched)
        return get_batch(cur, batch_id)


def return_batch(con, batch_id: int, account: Account, comment: str) -> Batch:
    """Return a submitted batch to its officer with a comment (required); nothing is published."""
    comment = (comment or "").strip()
    if not comment or len(comment) > MAX_COMMENT:
        raise ReviewRefused(f"A returned batch needs a comment (1-{MAX_COMMENT} characters) saying what to fix.",
                            f"การส่งกลับต้องมีความเห็น (1-{MAX_COMMENT} ตัวอักษร) ว่าต้องแก้ไขอะไร")
    with WRITE_LOCK, own_cursor(con) as cur:
        batch = get_batch(cur, batch_id)
        if (why := review_refusal(cur, account, batch, batch_id)) is not None:
            raise ReviewRefused(*why)
        with db.transaction(cur):
            cur.execute("UPDATE import_batch SET review_status = ?, reviewed_by = ?, reviewed_at = ?, "
                        "review_comment = ? WHERE batch_id = ?",
                        [RETURNED, account.name, accounts.now_utc(), comment, batch_id])
            accounts.record_audit(cur, account.name, "batch.return", str(batch_id), None)
            dataset.bump_data_version(cur)
        return get_batch(cur, batch_id)


# --- unpublished figures ---------------------------------------------------------------------------------------------

def _main_tables(con) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' AND table_type = 'BASE TABLE' "
        "AND table_catalog = current_database() ORDER BY table_name").fetchall()]


def overlay(con, batch_ids: list[int], codes: list[str] | None = None):
    """An in-memory DuckDB copy of the database's data with the submitted ``batch_ids`` applied as if published
    (oldest first). ``codes`` limits the per-municipality rows copied to those municipalities (a single
    municipality's figures need no others). The copy has no stored aggregates, so every figure on it is
    computed from its rows. The caller closes it."""
    mem = duckdb.connect(":memory:")
    try:
        for t in _main_tables(con):
            if t == STAGE_TABLE:
                continue
            cols = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns "
                                              "WHERE table_name = ? AND table_schema = 'main'", [t]).fetchall()}
            sql, params = f"SELECT * FROM {db.duckdb_quote_ident(t)}", []
            if codes is not None and "municipality_code" in cols:
                sql += " WHERE list_contains(?, municipality_code)"
                params = [list(codes)]
            frame = con.sql(sql, params=params).to_arrow_table()
            mem.register("_overlay_src", frame)
            # table names come from the catalogue
            mem.execute(f"CREATE TABLE {db.duckdb_quote_ident(t)} AS SELECT * FROM _overlay_src")
            mem.unregister("_overlay_src")
        for batch_id in sorted(int(b) for b in batch_ids):
            batch = get_batch(con, batch_id)
            if batch is None or batch.review_status != SUBMITTED or batch.status != "active":
                continue
            spec = KINDS[batch.kind]
            rows = staged_rows(con, batch_id, spec)
            if codes is not None:
                rows = rows[rows[code_column(spec)].astype(str).isin(codes)]
            conflicts = find_conflicts(mem, spec, rows)
            if len(conflicts):
                mem.register("_overlay_ids", pd.DataFrame({"rid": conflicts["_rowid"].astype("int64").unique()}))
                mem.execute(f"DELETE FROM {db.duckdb_quote_ident(spec.table)} "
                            "WHERE rowid IN (SELECT rid FROM _overlay_ids)")
                mem.unregister("_overlay_ids")
            table_writes.insert_frame(mem, spec.table, rows[[c.name for c in spec.columns]], batch_id)
        return mem
    except BaseException:
        mem.close()
        raise


def _years_of(spec: KindSpec, rows: pd.DataFrame) -> pd.DataFrame:
    col = code_column(spec)
    ycol = "year" if "year" in rows.columns else ("start_year" if "start_year" in rows.columns else None)
    if ycol is None:
        return pd.DataFrame(columns=["code", "year"])
    pairs = rows[[col, ycol]].dropna().drop_duplicates()
    return pd.DataFrame({"code": pairs[col].astype(str), "year": pairs[ycol].astype(int)}).sort_values(
        ["code", "year"]).reset_index(drop=True)


def _figures(con, code: str, year: int) -> dict:
    try:
        s = summary_json.municipality_summary(con, code, year)
    except UnknownMunicipality:
        return dict.fromkeys(CHANGE_FIGURES)
    return {"cfo_total": s["cfo"]["total"], "ccf_basic": s["ccf"]["basic"],
            "wma_overall": (s.get("wma") or {}).get("overall")}


def batch_changes(con, batch_id: int) -> pd.DataFrame:
    """What publishing the batch changes: per municipality and year, each of ``CHANGE_FIGURES`` before (the
    published figure now) and after (with the batch applied). Columns: code, year, figure, before, after."""
    batch = get_batch(con, batch_id)
    if batch is None:
        return pd.DataFrame(columns=["code", "year", "figure", "before", "after"])
    spec = KINDS[batch.kind]
    pairs = _years_of(spec, staged_rows(con, batch_id, spec))
    out = []
    codes = sorted(pairs["code"].unique())
    mem = overlay(con, [batch_id], codes) if codes else None
    try:
        for rec in pairs.to_dict("records"):
            before = _figures(con, rec["code"], rec["year"])
            after = _figures(mem, rec["code"], rec["year"])
            out += [{"code": rec["code"], "year": rec["year"], "figure": f, "before": before[f], "after": after[f]}
                    for f in CHANGE_FIGURES]
    finally:
        if mem is not None:
            mem.close()
    return pd.DataFrame(out, columns=["code", "year", "figure", "before", "after"])


def summary_including(con, code: str, year: int, batch_ids: list[int] | None = None, **options) -> dict:
    """The summary JSON with the submitted batches applied (every submitted batch when ``batch_ids`` is None),
    for ``summary --include-unpublished``; ``"includes_unpublished"`` lists the batches applied. ``options``: the
    summary's GWP set and landfill method."""
    if batch_ids is None:
        batch_ids = [b.batch_id for b in list_batches(con) if b.review_status == SUBMITTED and b.status == "active"]
    applied = [b for b in batch_ids if code in (get_batch(con, b).municipalities or ())]
    mem = overlay(con, applied, [code])
    try:
        result = summary_json.municipality_summary(mem, code, year, **options)
    finally:
        mem.close()
    result["includes_unpublished"] = applied
    return result


# --- editing in place ---------------------------------------------------------------------------------------------

def changed_rows(before: pd.DataFrame, after: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``after`` (same index as ``before``) where any value differs (NA equal to NA)."""
    a = after.reindex(columns=before.columns)
    same = (before.astype(object).fillna("\0") == a.astype(object).fillna("\0")).all(axis=1)
    return after[~same.reindex(after.index, fill_value=False)]
