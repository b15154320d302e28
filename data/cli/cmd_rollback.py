"""``python -m data rollback BATCH_ID`` — remove one import batch as a whole and restore what it replaced."""
from __future__ import annotations

from data.store import db, table_writes


def add_arguments(p):
    p.add_argument("batch_id", type=int, help="the batch to roll back (see `python -m data batches`)")


def run(args) -> int:
    from data.write.batches import rollback_batch

    con = db.connect(args.db, must_exist=True)
    try:
        db.check_schema(con)
        r = rollback_batch(con, args.batch_id, who=f"cli:{table_writes._user()}")
    finally:
        con.close()
    print(f"rolled back batch {r.batch_id}: {r.rows_removed:,} rows removed, {r.rows_restored:,} replaced rows "
          f"restored.\nยกเลิกชุดนำเข้า {r.batch_id}: ลบ {r.rows_removed:,} แถว คืนแถวเดิม {r.rows_restored:,} แถว")
    return 0
