"""``python -m data batches [--active]`` — the import history, newest first."""
from __future__ import annotations

from data.store import db


def add_arguments(p):
    p.add_argument("--active", action="store_true", help="only batches that are still active")


def run(args) -> int:
    from data.write.batches import list_batches

    con = db.connect(args.db, read_only=True)
    try:
        df = list_batches(con, include_rolled_back=not args.active)
    finally:
        con.close()
    if not len(df):
        print("no import batches / ยังไม่มีการนำเข้า")
        return 0
    df = df.assign(sha256=df["sha256"].str[:12], imported_at=df["imported_at"].dt.strftime("%Y-%m-%d %H:%M:%S"))
    print(df.drop(columns=["is_demo"]).to_string(index=False))
    return 0
