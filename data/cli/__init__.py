"""Command line: ``python -m data COMMAND`` (the CLI contract in README.md).

Each command lives in its own module ``data/cli/cmd_<name>.py`` with ``add_arguments(parser)`` and ``run(args)``.
Exit codes: 0 success, 2 rejected input (messages on stderr name file, row and column), 1 other errors.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from data.cli import (cmd_batches, cmd_card, cmd_export, cmd_factors, cmd_import, cmd_init, cmd_report, cmd_restore,
                      cmd_review, cmd_rollback, cmd_summary, cmd_template, cmd_users)
from data.store import db
from data.store import process_lock
from data.cli import errors as cli_errors

# command -> (module, help), in the order of `python -m data --help`
COMMANDS = {
    "init": (cmd_init, "create or migrate the database; --demo loads the synthetic demo set"),
    "import": (cmd_import, "import a CSV or XLSX file (all or nothing)"),
    "export": (cmd_export, "export everything needed to rebuild the database"),
    "restore": (cmd_restore, "rebuild the database from an export"),
    "rollback": (cmd_rollback, "roll back one import batch"),
    "batches": (cmd_batches, "list import batches"),
    "factors": (cmd_factors, "print the emission-factor library as CSV"),
    "summary": (cmd_summary, "print one municipality-year summary as JSON"),
    "template": (cmd_template, "write a blank import template"),
    "report": (cmd_report, "write a municipality or network report (PDF or Excel)"),
    "card": (cmd_card, "write the 1200x630 share card of a municipality-year (PNG)"),
    "users": (cmd_users, "accounts: add, list, disable, set a password"),
    "review": (cmd_review, "publish or return a batch submitted for review"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data", description="LCRS dashboard data tools")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, (module, help_text) in COMMANDS.items():
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", default=None, help="database file (default: $LCRS_DB or data/lcrs.duckdb)")
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


# commands that write to the database: refused at once while the app (or another write) holds its lock
WRITING = {"init", "import", "restore", "rollback", "users", "review"}


def _writes(args) -> bool:
    if args.command not in WRITING:
        return False
    if args.command == "import" and getattr(args, "dry_run", False):
        return False
    return not (args.command == "users" and getattr(args, "users_command", None) == "list")


def main(argv: list[str] | None = None) -> int:
    """Run one command; storage failures become a bilingual message and exit 1, never a traceback."""
    args = build_parser().parse_args(argv)
    given = getattr(args, "db", None) or getattr(args, "db_sub", None)   # `users` takes --db after its verb
    path = Path(given) if given else db.default_db_path()
    try:
        if _writes(args):
            with process_lock.exclusive(path):
                return int(args._run(args) or 0)
        return int(args._run(args) or 0)
    except db.DatabaseError as exc:
        print(f"error: {exc.message_en}\nข้อผิดพลาด: {exc.message_th}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted; nothing was changed.\nข้อผิดพลาด: ถูกขัดจังหวะ ไม่มีการเปลี่ยนแปลงข้อมูล", file=sys.stderr)
        return 1
    except Exception as exc:  # storage failures, and the unforeseen: never a traceback for the user
        if os.environ.get("LCRS_DEBUG"):
            raise
        said = cli_errors.explain(exc, str(path))
        if said is None:
            said = (f"Unexpected error ({type(exc).__name__}: {str(exc)[:300]}). Nothing was changed; set "
                    "LCRS_DEBUG=1 to see the details.",
                    f"เกิดข้อผิดพลาดที่ไม่คาดคิด ({type(exc).__name__}) ไม่มีการเปลี่ยนแปลงข้อมูล "
                    "ตั้งค่า LCRS_DEBUG=1 เพื่อดูรายละเอียด")
        print(f"error: {said[0]}\nข้อผิดพลาด: {said[1]}", file=sys.stderr)
        return 1

