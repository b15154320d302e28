"""Import in two steps for the data page: check once (no write lock), then commit what was checked.

``check`` reads the file in a child process with a memory limit (``data.ingest.isolated_read``), validates it in
bulk (the same vectorised checks as ``python -m data import``) and, in the same pass, compares it with the
database: rows already stored (an administrator's file) or outside the account's municipalities (an editor's
file), so an officer reads every problem at once. It takes no write lock: other editors and every reader carry
on meanwhile. The page keeps one ``Checked`` per uploaded file, keyed by its SHA-256, so a rerun never checks
the same bytes twice.

``commit`` takes the write lock only for the write and does not validate the file again. What can change
between the check and the commit is the database, so under the lock it looks again at what depends on it —
the same file saved meanwhile, the municipalities the rows name, the account's scope, rows now stored with
the same key — and refuses with a bilingual message, writing nothing, when that change matters. An
administrator's rows are published at once (``importer.write_rows``); an editor's become a batch waiting
for review (``review.stage``).
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from data.ingest.templates import KINDS, KindSpec
from data.ingest.validate import Problem, Rejected, ValidationResult, file_format, read_grids, read_input, validate_file
from data.queries import accounts as account_rows
from data.queries import lookups
from data.queries.accounts import Account
from data.store import dataset
from data.store.lock import WRITE_LOCK, own_cursor
from data.write import batches, importer, review
from data.write.importer import ImportResult, sha256_of

Progress = Callable[[str, float], None]     # (phase: read|check|compare|save|done, fraction 0-1)


@dataclass
class Checked:
    """A validated upload: its identity, the validation result, the data version it was checked against and
    for whom (``account`` None: the administrator's import without an account)."""
    sha256: str
    name: str
    kind: str
    validation: ValidationResult | None
    data_version: int
    dry_run: ImportResult
    account: Account | None = None
    replace: bool = False
    stored_rows: int = 0      # rows with the key of stored rows, found by the check (replaced on save)
    notes: list[tuple[str, str]] = field(default_factory=list)


def preflight(data: bytes, name: str) -> Problem | None:
    """Read the upload in a child process with a memory and time limit; the reason it is refused, or None when
    the file can be read (then reading it again in the server takes no more than the child managed)."""
    try:
        data, name = read_input(data, name)
        read_grids(data, name, file_format(data, name), isolate=True)
    except Rejected as rej:
        return rej.problem
    return None


def _quiet(phase: str, fraction: float) -> None:
    pass


def _is_editor(account: Account | None) -> bool:
    return account is not None and not account.is_admin


def _same_file(cur, digest: str, kind: str, account: Account | None) -> tuple[int, tuple[str, str]] | None:
    """(batch id, note (en, th)) when the same bytes of ``kind`` are already saved (an editor: submitted or
    published) in an active batch."""
    if _is_editor(account):
        prev = review.same_file(cur, digest, kind)
        if prev is None:
            return None
        return int(prev["batch_id"]), (
            f"This file is already {prev['review_status']} as batch {prev['batch_id']}; nothing changed.",
            f"ไฟล์นี้ส่งแล้วเป็นชุดที่ {prev['batch_id']} ({prev['review_status']}) ไม่มีการเปลี่ยนแปลง")
    prev = batches.active_batch_for(cur, digest, kind)
    if prev is None:
        return None
    return int(prev["batch_id"]), (
        f"This file was already imported as batch {prev['batch_id']} by {prev['imported_by']}; nothing changed.",
        f"ไฟล์นี้นำเข้าแล้วเป็นชุดที่ {prev['batch_id']} โดย {prev['imported_by']} ไม่มีการเปลี่ยนแปลง")


def check(con, data: bytes, name: str, kind: str, replace: bool = False,
          progress: Progress | None = None, isolate: bool = True, account: Account | None = None) -> Checked:
    """Validate an upload without writing or locking anything; every problem of the file — its format and its
    clash with the database — in one list. ``Checked.dry_run`` is what a dry run says."""
    say = progress or _quiet
    t0 = time.perf_counter()
    spec = KINDS[kind]
    editor = _is_editor(account)
    replace = True if editor else replace       # an editor's rows replace published ones once reviewed
    try:
        data, name = read_input(data, name)
    except Rejected as rej:
        res = ImportResult(None, 0, False, [rej.problem], True, file_name=name, kind=kind)
        return Checked("", name, kind, None, -1, res, account, replace)
    digest = sha256_of(data)
    base = dict(dry_run=True, file_name=name, sha256=digest, kind=kind)
    with own_cursor(con) as cur:
        version = dataset.data_version(cur)
        same = _same_file(cur, digest, kind, account)
        if same is not None:
            res = ImportResult(same[0], 0, True, [], notes=[same[1]], seconds=time.perf_counter() - t0, **base)
            return Checked(digest, name, kind, None, version, res, account, replace)
        allowed = account_rows.scope(cur, account) if editor else None
        stored = {"rows": 0}

        def against_database(rows: pd.DataFrame, problems: list[Problem], sheet: str | None) -> list[Problem]:
            say("compare", 0.85)
            bad_rows = {p.row for p in problems if p.row is not None}
            clean = rows[~rows["excel_row"].isin(bad_rows)] if bad_rows else rows
            found = []
            if editor:
                found += review.scope_problems(spec, clean, allowed, name, sheet, account)
            conflicts = importer.find_conflicts(cur, spec, clean)
            stored["rows"] = len(conflicts)
            if len(conflicts) and not replace:
                found += importer._conflict_problems(spec, conflicts, name, sheet)
            return found

        say("read", 0.05)
        result = validate_file(data, name, kind, cur, isolate=isolate, progress=lambda f: say("check", f),
                               more_checks=against_database)
        notes = list(result.notes)
        if result.problems:
            res = ImportResult(None, 0, False, result.problems, preview=result.preview, notes=notes,
                               seconds=time.perf_counter() - t0, **base)
            return Checked(digest, name, kind, result, version, res, account, replace)
        replaced = stored["rows"]
        if editor and replaced:
            notes.append((f"When published, this replaces {replaced:,} published rows with the same key.",
                          f"เมื่อเผยแพร่แล้ว จะแทนที่แถวที่เผยแพร่อยู่ {replaced:,} แถวที่มีคีย์เดียวกัน"))
        demo = importer._demo_problem(cur, name)
        if demo is not None:
            notes.append((demo.message_en, demo.message_th))
        res = ImportResult(None, len(result.rows_df), False, [], replaced_rows=replaced, preview=result.preview,
                           notes=notes, seconds=time.perf_counter() - t0, **base)
        say("done", 1.0)
        return Checked(digest, name, kind, result, version, res, account, replace, replaced, notes)


def changed_problem(name: str, sheet: str | None, detail_en: str, detail_th: str) -> Problem:
    """Why a checked file is not saved: the database changed since the check in a way that matters."""
    return Problem(name, sheet, None, None,
                   f"The data changed after this file was checked ({detail_en}). Nothing was saved: upload the "
                   "file again to check it against the data as it is now.",
                   f"ข้อมูลในระบบเปลี่ยนไปหลังจากตรวจไฟล์นี้ ({detail_th}) ยังไม่ได้บันทึกข้อมูลใด "
                   "ให้อัปโหลดไฟล์อีกครั้งเพื่อตรวจกับข้อมูลปัจจุบัน")


def _missing_municipalities(cur, spec: KindSpec, rows: pd.DataFrame) -> list[str]:
    """Municipality codes the rows name (``municipality_code``, a municipality's ``mentor_code``) that are
    neither stored nor in the file."""
    known = set(lookups.municipalities(cur)["code"].astype(str))
    if spec.kind == "municipalities":
        named = set(rows["mentor_code"].dropna().astype(str)) - set(rows["code"].astype(str))
    elif "municipality_code" in rows.columns:
        named = set(rows["municipality_code"].dropna().astype(str))
    else:
        named = set()
    return sorted(named - known)


def commit(con, checked: Checked, user: str | None = None, replace: bool | None = None,
           progress: Progress | None = None, account: Account | None = None) -> ImportResult:
    """Save a checked upload in one transaction (all rows or none), holding the write lock only for this:
    published at once for an administrator (or without an account), submitted for review for an editor.
    Refuses, writing nothing, when the check found problems or the database changed since in a way that
    matters (see the module's text)."""
    say = progress or _quiet
    t0 = time.perf_counter()
    account = account if account is not None else checked.account
    replace = checked.replace if replace is None else replace
    editor = _is_editor(account)
    who = account.name if account is not None else user
    spec = KINDS[checked.kind]
    base = dict(dry_run=False, file_name=checked.name, sha256=checked.sha256, kind=checked.kind)
    if checked.dry_run.skipped_as_duplicate_file:
        return ImportResult(checked.dry_run.batch_id, 0, True, [], notes=list(checked.dry_run.notes), **base)
    result = checked.validation
    if result is None or checked.dry_run.problems:
        return ImportResult(None, 0, False, list(checked.dry_run.problems), preview=checked.dry_run.preview,
                            seconds=time.perf_counter() - t0, **base)
    sheet = result.sheet

    def refused(problems: list[Problem]) -> ImportResult:
        return ImportResult(None, 0, False, problems, preview=result.preview, seconds=time.perf_counter() - t0,
                            **base)

    with WRITE_LOCK, own_cursor(con) as cur:
        same = _same_file(cur, checked.sha256, checked.kind, account)
        if same is not None:
            return ImportResult(same[0], 0, True, [], notes=[same[1]], seconds=time.perf_counter() - t0, **base)
        demo = importer._demo_problem(cur, checked.name)
        if demo is not None:
            return refused([demo])
        rows = result.rows_df
        if dataset.data_version(cur) != checked.data_version:
            missing = _missing_municipalities(cur, spec, rows)
            if missing:
                shown = ", ".join(missing[:10]) + (" …" if len(missing) > 10 else "")
                return refused([changed_problem(checked.name, sheet,
                                                f"municipalities no longer in the database: {shown}",
                                                f"ไม่มี อปท. เหล่านี้ในระบบแล้ว: {shown}")])
            if editor:
                outside = review.scope_problems(spec, rows, account_rows.scope(cur, account), checked.name, sheet,
                                                account)
                if outside:
                    return refused([changed_problem(checked.name, sheet, "the account's municipalities changed",
                                                    "อปท. ในสิทธิ์ของบัญชีเปลี่ยนไป"), *outside])
        say("compare", 0.2)
        conflicts = importer.find_conflicts(cur, spec, rows)
        if len(conflicts) and not replace:
            return refused([changed_problem(checked.name, sheet,
                                            f"{len(conflicts):,} rows of the file are now stored by another batch",
                                            f"มี {len(conflicts):,} แถวของไฟล์ถูกบันทึกไว้แล้วโดยชุดนำเข้าอื่น"),
                            *importer._conflict_problems(spec, conflicts, checked.name, sheet)])
        say("save", 0.4)
        columns = [c.name for c in spec.columns]
        if editor:
            batch_id = review.stage(cur, spec, rows[columns + ["excel_row"]], checked.name, checked.sha256,
                                    account)
            replaced = len(conflicts)
        else:
            batch_id, replaced = importer.write_rows(cur, spec, checked.name, checked.sha256, rows[columns],
                                                     conflicts, who)
        say("done", 1.0)
        return ImportResult(batch_id, len(rows), False, [], replaced_rows=replaced, preview=result.preview,
                            notes=list(checked.notes), seconds=time.perf_counter() - t0, **base)
