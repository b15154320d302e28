"""``python -m data restore OUT [--force]`` — rebuild the database from an export (all or nothing).

A database file that cannot be read is moved aside (kept as ``NAME.corrupt-TIMESTAMP``) and rebuilt.
A database that already holds real data is only overwritten with ``--force``. The export is checked like an
import first (``restore_checks``): exit 2 with every problem (file and row) and nothing written.
"""
from __future__ import annotations

import sys

from data.write.export import restore_database
from data.write.restore_checks import RestoreRejected


def add_arguments(p):
    p.add_argument("export", help="an .xlsx export or a csv/parquet export directory")
    p.add_argument("--force", action="store_true", help="overwrite a database that already holds real data")


def run(args) -> int:
    try:
        r = restore_database(args.db, args.export, force=args.force)
    except RestoreRejected as rej:
        for p in rej.problems:
            print(p, file=sys.stderr)
        n = len(rej.problems)
        print(f"rejected: {n:,} problem(s) in the export {args.export}; nothing was restored.\n"
              f"ปฏิเสธ: พบปัญหา {n:,} รายการในไฟล์ส่งออก {args.export} ไม่ได้กู้คืนข้อมูลใด", file=sys.stderr)
        return 2
    for en, th in r.notes:
        print(f"note: {en}\nหมายเหตุ: {th}", file=sys.stderr)
    total = sum(r.tables.values())
    print(f"restored {len(r.tables)} tables ({total:,} rows) from {args.export}.\n"
          f"กู้คืน {len(r.tables)} ตาราง ({total:,} แถว) จาก {args.export}")
    return 0
