"""``python -m data export OUT [--format xlsx|csv|parquet]`` — everything needed to rebuild the database."""
from __future__ import annotations

from data.store import db
from data.write.export import FORMATS, export_database


def add_arguments(p):
    p.add_argument("out", help="an .xlsx file, or a directory for csv/parquet")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="default: xlsx when OUT ends in .xlsx, else csv")


def run(args) -> int:
    con = db.connect(args.db, read_only=True)
    try:
        db.check_schema(con)
        r = export_database(con, args.out, args.format)
    finally:
        con.close()
    total = sum(r.tables.values())
    print(f"exported {len(r.tables)} tables ({total:,} rows) to {r.path} as {r.fmt}.\n"
          f"ส่งออก {len(r.tables)} ตาราง ({total:,} แถว) ไปที่ {r.path} แบบ {r.fmt}")
    return 0
