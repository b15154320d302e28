"""``python -m data report (--municipality CODE | --network) --year YEAR --format pdf|xlsx OUT [--lang th|en]``.

Writes the municipality report or the network report (every pilot and replicating city) as a PDF or an Excel
workbook. A year of 2400 or more is read as Buddhist Era. Exit 2 with a Thai and English message when the
municipality code is unknown or the output cannot be written.
"""
from __future__ import annotations

import sys
from pathlib import Path

from data.store import db

FORMATS = ("pdf", "xlsx")


def add_arguments(p):
    who = p.add_mutually_exclusive_group(required=True)
    who.add_argument("--municipality", metavar="CODE", help="LAO code of the municipality")
    who.add_argument("--network", action="store_true", help="the network report: all pilot and replicating cities")
    p.add_argument("--year", type=int, required=True, help="reporting year, CE (a year >= 2400 is read as BE)")
    p.add_argument("--format", choices=FORMATS, default=None,
                   help="pdf or xlsx (default: from the OUT file extension)")
    p.add_argument("--lang", choices=("th", "en"), default="th", help="report language (default th)")
    p.add_argument("out", metavar="OUT", help="output file")


def _reject(en: str, th: str) -> int:
    print(f"error: {en}\nข้อผิดพลาด: {th}", file=sys.stderr)
    return 2


def run(args) -> int:
    import reports
    from data.figures import inventories

    out = Path(args.out)
    fmt = args.format or out.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        return _reject(f"{out}: choose --format pdf or xlsx (or name the file .pdf / .xlsx).",
                       f"{out}: ระบุ --format pdf หรือ xlsx (หรือตั้งชื่อไฟล์เป็น .pdf / .xlsx)")
    year = inventories.be_to_ce(args.year)
    con = db.connect(args.db, read_only=True)
    try:
        db.check_schema(con)
        if args.network:
            build = reports.build_network_pdf if fmt == "pdf" else reports.build_network_xlsx
            data = build(con, year, lang=args.lang)
        else:
            build = reports.build_municipality_pdf if fmt == "pdf" else reports.build_municipality_xlsx
            try:
                data = build(con, args.municipality, year, lang=args.lang)
            except inventories.UnknownMunicipality as exc:
                return _reject(exc.message_en, exc.message_th)
    finally:
        con.close()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(data)
    except OSError as exc:
        return _reject(f"{out}: cannot write the report ({exc.strerror}).",
                       f"{out}: เขียนไฟล์รายงานไม่ได้ ({exc.strerror})")
    what = "network" if args.network else args.municipality
    print(f"{out}: {fmt} report for {what}, {year} (พ.ศ. {year + 543}), {len(data):,} bytes")
    return 0
