"""``python -m data card --municipality CODE --year YEAR OUT.png [--lang th|en] [--base-url URL]``.

Writes the 1200×630 share card of a municipality-year (PNG, no browser needed): name, reduction against the
base year with the award status, the Whole-Municipality mini-matrix, the demo badge when the data are
synthetic, and the profile link as text and QR code. The link starts with ``--base-url``, else
$LCRS_PUBLIC_URL, else http://localhost:8501. A year of 2400 or more is read as Buddhist Era. Exit 2 with a
Thai and English message for an unknown code or an output that cannot be written.
"""
from __future__ import annotations

import sys
from pathlib import Path

from data.store import db


def add_arguments(p):
    p.add_argument("--municipality", required=True, metavar="CODE", help="LAO code")
    p.add_argument("--year", required=True, type=int, help="year, CE (or BE if >= 2400)")
    p.add_argument("--lang", choices=("th", "en"), default="th", help="card language (default th)")
    p.add_argument("--base-url", default=None, help="public address of the dashboard for the link and QR code")
    p.add_argument("out", metavar="OUT.png", help="output PNG file")


def _reject(en: str, th: str) -> int:
    print(f"error: {en}\nข้อผิดพลาด: {th}", file=sys.stderr)
    return 2


def run(args) -> int:
    import reports
    from data.figures.inventories import UnknownMunicipality
    from indicators.thai_year import to_ce

    out = Path(args.out)
    year = to_ce(args.year)
    con = db.connect(args.db, read_only=True)
    try:
        db.check_schema(con)
        try:
            png = reports.build_card(con, args.municipality, year, lang=args.lang, base_url=args.base_url)
        except UnknownMunicipality as exc:
            return _reject(f"--municipality: {exc.message_en}", f"--municipality: {exc.message_th}")
    finally:
        con.close()
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_bytes(png)
    except OSError as exc:
        return _reject(f"{out}: cannot write the card ({exc.strerror}).", f"{out}: เขียนไฟล์การ์ดไม่ได้ ({exc.strerror})")
    print(f"{out}: share card for {args.municipality}, {year} (พ.ศ. {year + 543}), 1200x630 PNG, {len(png):,} bytes")
    return 0
