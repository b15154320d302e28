"""``python -m data batches [--active] [--json]`` — the import history, newest first; ``--json`` prints the
contract ``[{"id", "kind", "status", "user", "municipalities", "rows", "created", "reviewed_by"}]`` (oldest first,
``status``: submitted | published | returned | rolled_back)."""
from __future__ import annotations

import json

from data.queries import review_batches
from data.store import db


def add_arguments(p):
    p.add_argument("--active", action="store_true", help="only batches that are still active")
    p.add_argument("--json", action="store_true", help="print the batches as JSON (with their review status)")


def run(args) -> int:
    if args.json:
        con = db.connect(args.db, read_only=True)
        try:
            rows = review_batches.batches_json(con)
        finally:
            con.close()
        if args.active:
            rows = [r for r in rows if r["status"] != "rolled_back"]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
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
