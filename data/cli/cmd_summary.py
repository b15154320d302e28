"""``python -m data summary --municipality CODE --year YEAR --json [--gwp-set AR5] [--period calendar|fiscal]``.

Prints the summary JSON of the design contract (tCO2e, CE years, null where data are missing) for one
municipality-year; ``--period fiscal`` gives the CFO by Thai fiscal year (``data.figures.fiscal``). A year of
2400 or more is read as Buddhist Era. An unknown code is rejected (exit 2) with a Thai and English message.
"""
from __future__ import annotations

import json
import math
import sys

from data.store import db
from data.queries import emission_rows
from data.figures import inventories
from data.figures import fiscal, summary
from data.write import review
from indicators import gwp as gwp_mod
from indicators import thai_year


def add_arguments(p):
    p.add_argument("--municipality", required=True, metavar="CODE", help="LAO code")
    p.add_argument("--year", required=True, type=int, help="year, CE (or BE if >= 2400)")
    p.add_argument("--json", action="store_true", help="print the summary JSON (the default output)")
    p.add_argument("--gwp-set", choices=list(gwp_mod.GWP_SETS), default=gwp_mod.DEFAULT_GWP_SET,
                   help="GWP set (default AR5, as TGO)")
    p.add_argument("--landfill-method", choices=list(emission_rows.LANDFILL_METHODS), default=emission_rows.DEFAULT_LANDFILL_METHOD,
                   help="CCF landfill CH4: IPCC first-order decay (default) or GPC methane commitment")
    p.add_argument("--period", choices=("calendar", "fiscal"), default="calendar",
                   help="calendar year (default, as TGO's CFO form) or Thai fiscal year, 1 Oct - 30 Sep")
    p.add_argument("--include-unpublished", action="store_true",
                   help="apply every batch still waiting for review (published figures only by default)")


def finite_json(value):
    """``value`` with every NaN or infinite float replaced by None (JSON has no such numbers)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite_json(v) for v in value]
    return value


def run(args) -> int:
    year = thai_year.to_ce(args.year)
    con = db.connect(args.db, read_only=True)
    try:
        if args.include_unpublished and args.period == "fiscal":
            print("error: --period fiscal works on published figures only; leave out --include-unpublished\n"
                  "ข้อผิดพลาด: --period fiscal ใช้กับตัวเลขที่เผยแพร่แล้วเท่านั้น ไม่ต้องใส่ --include-unpublished",
                  file=sys.stderr)
            return 2
        if args.period == "fiscal":
            result = fiscal.municipality_summary(con, args.municipality, year, args.gwp_set, args.landfill_method,
                                                 period="fiscal")
        elif args.include_unpublished:
            result = review.summary_including(con, args.municipality, year, gwp_set=args.gwp_set,
                                              landfill_method=args.landfill_method)
        else:
            result = summary.municipality_summary(con, args.municipality, year, args.gwp_set, args.landfill_method)
    except inventories.UnknownMunicipality as exc:
        print(f"error: --municipality: {exc.message_en}\nข้อผิดพลาด: --municipality: {exc.message_th}",
              file=sys.stderr)
        return 2
    finally:
        con.close()
    # strict JSON: a non-finite figure (from damaged data) prints as null, never NaN or Infinity
    print(json.dumps(finite_json(result), ensure_ascii=False, indent=2, allow_nan=False))
    return 0
