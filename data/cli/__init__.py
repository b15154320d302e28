"""Command line: ``python -m data COMMAND`` (the CLI contract in README.md).

Each command lives in its own module ``data/cli/cmd_<name>.py`` with ``add_arguments(parser)`` and ``run(args)``.
Exit codes: 0 success, 2 rejected input (messages on stderr name file, row and column), 1 other errors.
"""
from __future__ import annotations

import argparse
import importlib
import sys

from data.store import db

COMMANDS = {
    "init": "create or migrate the database; --demo loads the synthetic demo set",
    "import": "import a CSV or XLSX file (all or nothing)",
    "export": "export everything needed to rebuild the database",
    "restore": "rebuild the database from an export",
    "rollback": "roll back one import batch",
    "batches": "list import batches",
    "factors": "print the emission-factor library as CSV",
    "summary": "print one municipality-year summary as JSON",
    "template": "write a blank import template",
    "report": "write a municipality or network report (PDF or Excel)",
    "card": "write the 1200x630 share card of a municipality-year (PNG)",
    "users": "accounts: add, list, disable, set a password",
    "review": "publish or return a batch submitted for review",
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m data", description="LCRS dashboard data tools")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, help_text in COMMANDS.items():
        try:
            module = importlib.import_module(f"data.cli.cmd_{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"data.cli.cmd_{name}":
                raise
            continue
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--db", default=None, help="database file (default: $LCRS_DB or data/lcrs.duckdb)")
        module.add_arguments(p)
        p.set_defaults(_run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args._run(args) or 0)
    except db.DatabaseError as exc:
        print(f"error: {exc.message_en}\nข้อผิดพลาด: {exc.message_th}", file=sys.stderr)
        return 1

