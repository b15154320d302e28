"""``python -m data template --kind KIND OUT [--wide]`` — a blank import template (.xlsx, or .csv)."""
from __future__ import annotations

from data.ingest.templates import KINDS, write_template


def add_arguments(p):
    p.add_argument("out", help="output file: .xlsx (with notes and drop-down lists) or .csv (header only)")
    p.add_argument("--kind", required=True, choices=list(KINDS), help="what the template is for")
    p.add_argument("--wide", action="store_true",
                   help="activities only: one row per item with columns Jan…Dec (like TGO's calculator)")


def run(args) -> int:
    path = write_template(args.kind, args.out, wide=args.wide)
    print(f"wrote {path} / เขียนแม่แบบ {path}")
    return 0
