"""The data page's waits for a large file, measured in process: "check" (what the page does when a file is
uploaded) and "save" (the button), for an administrator (published at once) and an editor (submitted for
review), on a 1,000-row and a 1,000,000-row activity CSV.

The page calls ``data.write.staged_import.check`` once per uploaded file (cached by its SHA-256) and
``staged_import.commit`` on the button; this module calls the same two functions on the same bytes, without
the Streamlit rendering around them. The database is a fresh real (non-demo) one holding ``MUNICIPALITIES``
synthetic municipalities (codes 95xxxxx) and nothing else; each save gets its own copy.

    .venv/bin/python -m bench.page_import [--rows 1000 1000000]

prints one line per figure (seconds). Not part of ``make bench``: a 1M-row run takes minutes on two cores.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

MUNICIPALITIES = 250          # 1,000,000 rows = 250 codes x 34 years x 10 items x 12 months (1991-2024)
PASSWORD = "bench-page-import-password"


def codes(n: int = MUNICIPALITIES) -> list[str]:
    """The synthetic municipality codes of the benchmark database."""
    return [f"95{i:05d}" for i in range(n)]


def municipalities_csv(n: int = MUNICIPALITIES) -> bytes:
    """A municipalities import file with ``n`` synthetic tambon municipalities."""
    head = "code,name_th,name_en,type,province_code,population,area_km2,lat,lon,role,mentor_code,base_year,joined_year"
    lines = [head] + [f"{c},เทศบาลตำบลทดสอบ {c},Bench {c},tambon,50,8000,6,18.5,99.0,network,,," for c in codes(n)]
    return ("\n".join(lines) + "\n").encode("utf-8")


def activity_csv(rows: int) -> bytes:
    """``rows`` valid monthly CFO rows (municipality-years from 2024 backwards, ten items x 12 months each)."""
    from bench.imports import ITEMS, factor_units

    units = factor_units()
    out = ["municipality_code,year,inventory,activity,amount,unit,month,gpc_ref,data_quality,source,note"]
    n = 0
    for year in range(2024, 1990, -1):
        for code in codes():
            for act in ITEMS:
                for month in range(1, 13):
                    if n == rows:
                        return ("\n".join(out) + "\n").encode("utf-8")
                    out.append(f"{code},{year},CFO,{act},{100 + (n % 900)}.5,{units[act]},{month},,H,,")
                    n += 1
    return ("\n".join(out) + "\n").encode("utf-8")


def database(path: Path) -> Path:
    """A migrated real database with the reference data, ``MUNICIPALITIES`` municipalities and two accounts:
    ``admin`` and ``officer`` (an editor for every benchmark code)."""
    from data.store import db, reference
    from data.write import accounts
    from data.write.importer import import_file

    con = db.connect(path)
    try:
        db.migrate(con)
        with db.transaction(con):
            reference.load_reference(con)
        r = import_file(con, municipalities_csv(), "municipalities.csv", "municipalities", user="bench")
        if not r.ok:
            raise RuntimeError(str(r.problems[0]))
        accounts.add_account(con, "admin", "admin", [], PASSWORD, "bench")
        accounts.add_account(con, "officer", "editor", codes(), PASSWORD, "bench")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


def page_times(base: Path, work: Path, data: bytes, role: str) -> dict:
    """Seconds of the page's check and save of ``data`` for account ``admin`` or ``officer``, each on a fresh
    copy of ``base``; the check is the page's ``staged_import.check`` and the save ``staged_import.commit``."""
    from data.queries.accounts import get_account
    from data.store import db
    from data.write import staged_import

    target = work / f"page_{role}.duckdb"
    shutil.copy(base, target)
    con = db.connect(target)
    try:
        account = get_account(con, role)
        t0 = time.perf_counter()
        checked = staged_import.check(con, data, "bench.csv", "activities", account=account, replace=False)
        check_s = time.perf_counter() - t0
        if checked.dry_run.problems:
            raise RuntimeError(str(checked.dry_run.problems[0]))
        t0 = time.perf_counter()
        res = staged_import.commit(con, checked, account=account, replace=False)
        save_s = time.perf_counter() - t0
        if res.problems:
            raise RuntimeError(str(res.problems[0]))
    finally:
        con.close()
        target.unlink(missing_ok=True)
    return {"check_s": round(check_s, 2), "save_s": round(save_s, 2), "rows": res.rows}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, nargs="+", default=[1000, 1_000_000])
    ap.add_argument("--roles", nargs="+", default=["admin", "officer"])
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="lcrs-page-import-") as tmp:
        work = Path(tmp)
        base = database(work / "base.duckdb")
        for rows in args.rows:
            data = activity_csv(rows)
            for role in args.roles:
                r = page_times(base, work, data, role)
                print(f"page import {rows:>9,} rows ({len(data) / 1e6:.1f} MB) as {role:7}: check {r['check_s']:7.2f} s"
                      f"  save {r['save_s']:7.2f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
