"""Import in two steps for the data page: check once (no write lock), then commit what was checked.

``check`` reads the file in a child process with a memory limit (``data.ingest.isolated_read``), validates it in
bulk (the same vectorised checks as ``python -m data import``) and keeps the typed rows; it takes no write
lock, so other editors and every reader carry on meanwhile. ``commit`` takes the write lock and writes those
rows in one transaction without validating the file again — unless the data changed since the check (another
import or a rollback), when the checks that depend on the database are run again. The page keeps one
``Checked`` per uploaded file, keyed by its SHA-256, so a rerun never checks the same bytes twice.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Callable

from data.ingest.templates import KINDS
from data.ingest.validate import (Problem, Rejected, ValidationResult, file_format, read_grids, read_input,
                                  validate_file)
from data.store import db
from data.store.lock import WRITE_LOCK, own_cursor
from data.write import batches, importer
from data.write.importer import ImportResult, sha256_of

Progress = Callable[[str, float], None]     # (phase: read|check|compare|save|done, fraction 0-1)


@dataclass
class Checked:
    """A validated upload: its identity, the validation result and the data version it was checked against."""
    sha256: str
    name: str
    kind: str
    data: bytes
    validation: ValidationResult | None
    data_version: int
    dry_run: ImportResult


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


def check(con, data: bytes, name: str, kind: str, replace: bool = False,
          progress: Progress | None = None, isolate: bool = True) -> Checked:
    """Validate an upload without writing or locking anything; ``Checked.dry_run`` is what a dry run says."""
    say = progress or _quiet
    t0 = time.perf_counter()
    spec = KINDS[kind]
    try:
        data, name = read_input(data, name)
    except Rejected as rej:
        res = ImportResult(None, 0, False, [rej.problem], True, file_name=name, kind=kind)
        return Checked("", name, kind, b"", None, -1, res)
    digest = sha256_of(data)
    base = dict(dry_run=True, file_name=name, sha256=digest, kind=kind)
    with own_cursor(con) as cur:
        version = db.data_version(cur)
        previous = batches.active_batch_for(cur, digest, kind)
        if previous is not None:
            res = ImportResult(int(previous["batch_id"]), 0, True, [], seconds=time.perf_counter() - t0, **base)
            return Checked(digest, name, kind, data, None, version, res)
        say("read", 0.1)
        result = validate_file(data, name, kind, cur, isolate=isolate, progress=lambda f: say("check", f))
        notes = list(result.notes)
        if result.problems:
            res = ImportResult(None, 0, False, result.problems, preview=result.preview, notes=notes,
                               seconds=time.perf_counter() - t0, **base)
            return Checked(digest, name, kind, data, result, version, res)
        say("compare", 0.9)
        rows = result.rows_df[[c.name for c in spec.columns]]
        conflicts = importer.find_conflicts(cur, spec, result.rows_df)
        problems = []
        if len(conflicts) and not replace:
            problems = importer._conflict_problems(spec, conflicts, name, result.sheet)
        demo = importer._demo_problem(cur, name)
        if demo and not problems:
            notes.append((demo.message_en, demo.message_th))
        res = ImportResult(None, 0 if problems else len(rows), False, problems,
                           replaced_rows=0 if problems else len(conflicts), preview=result.preview, notes=notes,
                           seconds=time.perf_counter() - t0, **base)
        say("done", 1.0)
        return Checked(digest, name, kind, data, result, version, res)


def commit(con, checked: Checked, user: str | None, replace: bool = False,
           progress: Progress | None = None) -> ImportResult:
    """Write a checked upload in one transaction (all rows or none) under the write lock."""
    say = progress or _quiet
    t0 = time.perf_counter()
    spec = KINDS[checked.kind]
    base = dict(dry_run=False, file_name=checked.name, sha256=checked.sha256, kind=checked.kind)
    with WRITE_LOCK, own_cursor(con) as cur:
        if checked.validation is None or checked.dry_run.problems or db.data_version(cur) != checked.data_version:
            # the database changed since the check (or the check failed): do the whole import properly
            return importer.import_file(cur, checked.data, checked.name, checked.kind, user=user, replace=replace)
        previous = batches.active_batch_for(cur, checked.sha256, checked.kind)
        if previous is not None:
            return ImportResult(int(previous["batch_id"]), 0, True, [], seconds=time.perf_counter() - t0, **base)
        result = checked.validation
        rows = result.rows_df[[c.name for c in spec.columns]]
        conflicts = importer.find_conflicts(cur, spec, result.rows_df)
        if len(conflicts) and not replace:
            return ImportResult(None, 0, False, importer._conflict_problems(spec, conflicts, checked.name,
                                                                            result.sheet),
                                seconds=time.perf_counter() - t0, **base)
        demo = importer._demo_problem(cur, checked.name)
        if demo:
            return ImportResult(None, 0, False, [demo], seconds=time.perf_counter() - t0, **base)
        say("save", 0.5)
        batch_id, replaced = importer.write_rows(cur, spec, checked.name, checked.sha256, rows, conflicts, user)
        say("done", 1.0)
        return ImportResult(batch_id, len(rows), False, [], replaced_rows=replaced, preview=result.preview,
                            notes=list(result.notes), seconds=time.perf_counter() - t0, **base)
