"""``python -m bench [--quick] [--scale national|demo] [--only GROUP,...] [--runs N] [--db PATH]``.

Groups, in the order they run: build (database build time), summary (one summary, network recompute, pandas
ratio), map (deck payload), pages (AppTest first render and warm rerun of every page), import (CSV and XLSX
throughput), waits (report PDF/Excel, check and save of a 1,000-row file, in the app's process), memory (peak
RSS of a serving process), browser (what a person waits for in chromium: every page cold, the floor, the
profile's interactions; ``--no-browser`` or ``make bench BROWSER=0`` leaves it out).
"""
from __future__ import annotations

import argparse
import importlib
import sys
import time
from pathlib import Path

from bench import common

GROUPS = ("build", "summary", "map", "pages", "import", "waits", "memory", "browser")
DEFAULT_RUNS = 5
QUICK_RUNS = 2


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help=f"{QUICK_RUNS} repetitions instead of {DEFAULT_RUNS}")
    p.add_argument("--runs", type=int, default=None, help="repetitions per figure (median reported)")
    p.add_argument("--scale", choices=["national", "demo"], default="national")
    p.add_argument("--only", default="", help=f"comma-separated groups: {', '.join(GROUPS)}")
    p.add_argument("--db", type=Path, default=None,
                   help="benchmark database (default bench/out/SCALE.duckdb, built when missing or stale)")
    p.add_argument("--no-browser", action="store_true", help="leave out the browser group")
    p.add_argument("--out", type=Path, default=common.OUT_DIR, help="where the database and files are kept")
    args = p.parse_args(argv)
    unknown = {g for g in args.only.split(",") if g} - set(GROUPS)
    if unknown:
        p.error(f"unknown group(s) {', '.join(sorted(unknown))}; choose from {', '.join(GROUPS)}")
    return args


def selected_groups(args: argparse.Namespace) -> set[str]:
    """The groups to run: ``--only`` (all when not given), without the browser group under ``--no-browser``."""
    only = {g for g in args.only.split(",") if g} or set(GROUPS)
    return only - {"browser"} if args.no_browser else only


def main(argv=None, stream=None) -> int:
    """Run the selected benchmarks, printing each figure as it is measured; exit 0 (figures report failures)."""
    args = parse_args(argv)
    runs = max(1, args.runs or (QUICK_RUNS if args.quick else DEFAULT_RUNS))
    only = selected_groups(args)
    if not only:
        return 0
    ctx = common.Context(scale=args.scale, db_path=args.db, runs=runs, quick=args.quick, out_dir=args.out,
                         only=only)
    out = stream or sys.stdout

    def say(msg: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    if ctx.wants("build"):
        say(f"build: {runs} x python -m data init --demo --scale {ctx.scale}")
        from bench import build
        for rec in build.run(ctx):
            common.emit(rec, out)
    rest = [g for g in GROUPS[1:] if ctx.wants(g)]
    if not rest:
        return 0
    try:
        db_path = common.ensure_db(ctx, log=say)
    except Exception as exc:  # without a database nothing else can be measured
        common.emit(common.error_figure("bench.database", "s", None, ctx.scale, exc), out)
        return 0
    for group in rest:
        say(f"{group}: against {db_path}")
        module = importlib.import_module(f"bench.{_MODULES[group]}")
        try:
            for rec in module.run(ctx, db_path):
                common.emit(rec, out)
        except Exception as exc:  # one group failing never hides the others
            common.emit(common.error_figure(f"{group}.group", "s", None, ctx.scale, exc), out)
    return 0


_MODULES = {"summary": "summaries", "map": "mapsize", "pages": "pages", "import": "imports", "waits": "waits",
            "memory": "memory", "browser": "browser"}

if __name__ == "__main__":
    sys.exit(main())
