"""``python -m data import FILE --kind KIND [--dry-run] [--replace] [--user NAME] [--as NAME]`` — all or nothing.

``--as NAME`` applies account NAME's scope and review as the data page does: a row for a municipality outside an
editor's or mentor's scope is refused (exit 2, file/row/column, nothing written); their file becomes a batch
submitted for review (``python -m data review``). Without ``--as`` (or ``--as`` an administrator) the import is
the administrator's and is published at once.

Exit 0: imported (or the same file was already imported: nothing changed). Exit 2: rejected; every problem is
printed on stderr with file, sheet, row and column, in English and Thai, and the database is untouched.
Exit 1: the database cannot be opened (e.g. the app holds it).
"""
from __future__ import annotations

import sys
from pathlib import Path

from data.store import db
from data.store import table_writes
from data.ingest.templates import KINDS
from data.queries import accounts as account_rows
from data.write import review


def add_arguments(p):
    p.add_argument("file", help="CSV or XLSX file")
    p.add_argument("--kind", required=True, choices=list(KINDS), help="what the file holds")
    p.add_argument("--dry-run", action="store_true", help="validate only; write nothing")
    p.add_argument("--replace", action="store_true",
                   help="replace rows already in the database with the file's rows (undone by rollback)")
    p.add_argument("--user", default=None, help="name recorded in import_batch (default: login name)")
    p.add_argument("--as", dest="as_user", default=None, metavar="NAME",
                   help="import as this account: its scope, and review unless it is an administrator")


def run(args) -> int:
    from data.write.importer import import_file

    con = _open(args)
    try:
        if args.as_user:
            account = account_rows.get_account(con, args.as_user)
            if account is None or account.disabled:
                print(f"error: --as: there is no enabled account called {args.as_user}.\n"
                      f"ข้อผิดพลาด: --as: ไม่มีบัญชีชื่อ {args.as_user} ที่ใช้งานได้", file=sys.stderr)
                return 2
            result = review.submit_file(con, Path(args.file), None, args.kind, account, dry_run=args.dry_run,
                                        replace=args.replace)
        else:
            result = import_file(con, Path(args.file), None, args.kind, user=args.user or table_writes._user(),
                                 dry_run=args.dry_run, replace=args.replace)
    finally:
        con.close()
    for en, th in result.notes:
        print(f"note: {en}\nหมายเหตุ: {th}", file=sys.stderr)
    if result.problems:
        for p in result.problems:
            print(p, file=sys.stderr)
        n = len(result.problems)
        print(f"rejected: {n:,} problem(s) in {result.file_name}; nothing was imported.\n"
              f"ปฏิเสธ: พบปัญหา {n:,} รายการใน {result.file_name} ไม่ได้นำเข้าข้อมูลใด", file=sys.stderr)
        return 2
    if result.skipped_as_duplicate_file:
        print(f"already imported as batch {result.batch_id}; nothing changed.\n"
              f"นำเข้าแล้วเป็นชุดที่ {result.batch_id} ไม่มีการเปลี่ยนแปลง")
        return 0
    speed = f"{result.seconds:.2f} s, {result.rows_per_second:,.0f} rows/s"
    replaced = f", replacing {result.replaced_rows:,} existing rows" if result.replaced_rows else ""
    replaced_th = f" แทนที่แถวเดิม {result.replaced_rows:,} แถว" if result.replaced_rows else ""
    if result.dry_run:
        print(f"dry run: {result.file_name} is valid; {result.rows:,} rows would be imported{replaced} ({speed}).\n"
              f"ทดลอง: ไฟล์ถูกต้อง จะนำเข้า {result.rows:,} แถว{replaced_th}")
    elif args.as_user and account.role != "admin":
        print(f"submitted {result.rows:,} {args.kind} rows from {result.file_name} for review as batch "
              f"{result.batch_id} ({speed}); published once a mentor or an administrator approves it.\n"
              f"ส่ง {result.rows:,} แถวจาก {result.file_name} เพื่อตรวจเป็นชุดที่ {result.batch_id} "
              "จะเผยแพร่เมื่อพี่เลี้ยงหรือผู้ดูแลระบบอนุมัติ")
    else:
        print(f"imported {result.rows:,} {args.kind} rows from {result.file_name} as batch {result.batch_id}"
              f"{replaced} ({speed}).\n"
              f"นำเข้า {result.rows:,} แถวจาก {result.file_name} เป็นชุดที่ {result.batch_id}{replaced_th}")
    return 0


def _open(args):
    """The target database: created and migrated if new; for a dry run with no file, an in-memory copy."""
    path = Path(args.db) if args.db else db.default_db_path()
    if args.dry_run and not path.exists():
        con = db.connect(":memory:")
    else:
        con = db.connect(path)
    db.migrate(con)
    return con
