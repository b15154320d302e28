"""``python -m data init [--demo] [--scale demo|national] [--seed N]``."""
from __future__ import annotations

import sys
import time

from data.write import initialise


def add_arguments(p):
    p.add_argument("--demo", action="store_true", help="load the synthetic demo data set")
    p.add_argument("--scale", choices=["demo", "national"], default="demo",
                   help="demo: ~60 municipalities 2015-2025; national: ~7,850 LAOs x 10 years")
    p.add_argument("--seed", type=int, default=None, help="random seed for the demo generator")


def run(args) -> int:
    t0 = time.perf_counter()
    result = initialise.init_database(args.db, demo=args.demo, scale=args.scale, seed=args.seed,
                                 progress=lambda m: print(m, file=sys.stderr))
    applied = ", ".join(result["migrations_applied"]) or "none"
    print(f"schema version {result['schema_version']} (migrations applied: {applied})")
    if args.demo:
        rows = ", ".join(f"{t} {n:,}" for t, n in result["rows"].items())
        print(f"synthetic {result['scale']} data, seed {result['seed']}: {rows}")
    print(f"done in {time.perf_counter() - t0:.1f} s")
    return 0
