"""``python -m data review BATCH --as NAME (--approve | --return --comment TEXT)`` — publish or return a batch.

Exit 0: done. Exit 2: NAME may not review that batch (unknown or disabled account, an editor, the batch's own
submitter, a municipality outside the mentor's assignment, or a batch not waiting for review), or a return
without a comment; the reason is printed on stderr in English and Thai and nothing changes.
"""
from __future__ import annotations

import sys

from data.queries import accounts as account_rows
from data.write import review
from data.store import db


def add_arguments(p):
    p.add_argument("batch_id", type=int, metavar="BATCH", help="the batch (see `python -m data batches`)")
    p.add_argument("--as", dest="as_user", required=True, metavar="NAME", help="the reviewing account")
    what = p.add_mutually_exclusive_group(required=True)
    what.add_argument("--approve", action="store_true", help="publish the batch")
    what.add_argument("--return", dest="return_", action="store_true", help="return it to its officer")
    p.add_argument("--comment", default=None, help="what to fix (required with --return)")


def _refuse(en: str, th: str) -> int:
    print(f"error: {en}\nข้อผิดพลาด: {th}", file=sys.stderr)
    return 2


def run(args) -> int:
    con = db.connect(args.db, must_exist=True)
    try:
        db.check_schema(con)
        account = account_rows.get_account(con, args.as_user)
        if account is None:
            return _refuse(f"--as: there is no account called {args.as_user}.", f"--as: ไม่มีบัญชีชื่อ {args.as_user}")
        try:
            if args.approve:
                b = review.approve(con, args.batch_id, account)
                print(f"batch {b.batch_id} published by {account.name}.\nเผยแพร่ชุดข้อมูล {b.batch_id} แล้ว "
                      f"โดย {account.name}")
            else:
                b = review.return_batch(con, args.batch_id, account, args.comment or "")
                print(f"batch {b.batch_id} returned to {b.user} by {account.name}.\nส่งชุดข้อมูล {b.batch_id} "
                      f"กลับไปยัง {b.user} แล้ว")
        except review.ReviewRefused as exc:
            return _refuse(exc.message_en, exc.message_th)
    finally:
        con.close()
    return 0
