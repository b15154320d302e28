"""``python -m data users add|list|disable|password`` — accounts, for administrators on the server.

- ``users add NAME --role admin|mentor|editor [--municipality CODE ...] --password-stdin``
- ``users list [--json]`` (never a hash)
- ``users disable NAME``
- ``users password NAME --password-stdin``

The password is read from the first line of standard input (never from the command line, where other users of
the machine could see it in the process list) and stored only as an argon2id hash. Exit 2 when refused.
Changes are recorded in ``auth.audit`` as made by ``cli:<login name>``.
"""
from __future__ import annotations

import json
import sys

from data.write import accounts
from data.queries import accounts as account_rows
from data.store import db, table_writes


def add_arguments(p):
    sub = p.add_subparsers(dest="users_command", required=True)
    add = sub.add_parser("add", help="create an account")
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=list(account_rows.ROLES))
    add.add_argument("--municipality", nargs="+", action="extend", default=[], metavar="CODE",
                     help="editor: the municipalities it writes; mentor: those it reviews (and their replicating "
                          "cities)")
    add.add_argument("--password-stdin", action="store_true", required=True,
                     help="read the password from the first line of standard input")
    lst = sub.add_parser("list", help="list accounts")
    lst.add_argument("--json", action="store_true")
    dis = sub.add_parser("disable", help="disable an account")
    dis.add_argument("name")
    pw = sub.add_parser("password", help="set a new password")
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true", required=True)
    # `--db` also after the sub-command
    for sp in (add, lst, dis, pw):
        sp.add_argument("--db", default=None, dest="db_sub", help="database file")


def actor() -> str:
    """Who a command-line change is recorded as made by."""
    return f"cli:{table_writes._user()}"


def _read_password() -> str:
    return sys.stdin.readline().rstrip("\r\n")


def run(args) -> int:
    path = getattr(args, "db_sub", None) or args.db
    con = db.connect(path)
    try:
        db.migrate(con)
        try:
            return _run(con, args)
        except accounts.AccountError as exc:
            print(f"error: {exc.message_en}\nข้อผิดพลาด: {exc.message_th}", file=sys.stderr)
            return 2
    finally:
        con.close()


def _run(con, args) -> int:
    cmd = args.users_command
    if cmd == "add":
        acc = accounts.add_account(con, args.name, args.role, args.municipality, _read_password(), actor())
        codes = ", ".join(acc.municipalities) or "all"
        print(f"account {acc.name} created ({acc.role}; municipalities: {codes}).\n"
              f"สร้างบัญชี {acc.name} แล้ว ({acc.role}; อปท.: {codes})")
    elif cmd == "list":
        df = account_rows.list_accounts(con)
        if args.json:
            df = df.astype(object).where(df.notna(), None)
            recs = [{k: (v.isoformat(timespec="seconds") if hasattr(v, "isoformat") else v) for k, v in r.items()}
                    for r in df.to_dict("records")]
            print(json.dumps(recs, ensure_ascii=False, indent=2))
        elif not len(df):
            print("no accounts / ยังไม่มีบัญชี")
        else:
            print(df.to_string(index=False))
    elif cmd == "disable":
        accounts.disable_account(con, args.name, actor())
        print(f"account {args.name} disabled.\nระงับบัญชี {args.name} แล้ว")
    elif cmd == "password":
        accounts.set_password(con, args.name, _read_password(), actor())
        print(f"password of {args.name} changed.\nเปลี่ยนรหัสผ่านของ {args.name} แล้ว")
    return 0
