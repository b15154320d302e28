"""Import throughput: a 100,000-row activity file (CSV and XLSX) through the full import path
(``data.write.importer.import_file``: read, validate every row, look for conflicts, write in one transaction).

Real data is never imported into the synthetic database, so each run imports into a fresh copy of a real
(non-demo) database that holds the benchmark's municipalities and nothing else. The files are generated once
(deterministic) and kept in ``bench/out/``.
"""
from __future__ import annotations

import hashlib
import shutil
import statistics
from pathlib import Path

import numpy as np
import pandas as pd

from bench.common import Context, Missing, error_figure, measured, require, scratch_dir, skipped_figure

ROWS = 100_000
YEAR = 2024
TARGET_ROWS_PER_S = {"csv": 200_000, "xlsx": 20_000}   # issue 16
# CFO items a municipality reports monthly (canonical keys, docs/import_guide.md), with a plausible monthly range
ITEMS = {
    "electricity_kwh": (5_000, 80_000), "diesel_onroad_l": (500, 8_000), "diesel_stationary_l": (10, 400),
    "diesel_offroad_l": (20, 800), "gasoline_onroad_l": (100, 2_000), "lpg_stationary_kg": (10, 300),
    "tap_water_pwa_m3": (200, 3_000), "paper_kg": (20, 300), "r32_kg": (0.5, 5), "r410a_kg": (0.5, 5),
}
COLUMNS = ["municipality_code", "year", "inventory", "activity", "amount", "unit", "month", "data_quality",
           "source"]


def activity_frame(codes: list[str], units: dict[str, str], rows: int = ROWS, seed: int = 8) -> pd.DataFrame:
    """``rows`` valid long-format activity rows: items x 12 months for each municipality of ``YEAR``, then of the
    years before it when there are too few municipalities (the demo scale), with no duplicate key."""
    keys = list(ITEMS)
    per_pair = len(keys) * 12
    need = -(-rows // per_pair)
    years = np.repeat(YEAR - np.arange(-(-need // len(codes))), len(codes))[:need]
    code = np.tile(np.array(codes, dtype=object), len(years) // len(codes) + 1)[:need]
    act = np.tile(np.repeat(np.array(keys, dtype=object), 12), need)[:rows]
    lo = np.array([ITEMS[k][0] for k in act], dtype=float)
    hi = np.array([ITEMS[k][1] for k in act], dtype=float)
    return pd.DataFrame({
        "municipality_code": np.repeat(code, per_pair)[:rows], "year": np.repeat(years, per_pair)[:rows],
        "inventory": "CFO", "activity": act,
        "amount": np.round(np.random.default_rng(seed).uniform(lo, hi), 2),
        "unit": [units[k] for k in act], "month": np.tile(np.arange(1, 13), need * len(keys))[:rows],
        "data_quality": "H", "source": "bench"})[COLUMNS]


def write_files(frame: pd.DataFrame, out_dir: Path) -> dict[str, Path]:
    """The frame as UTF-8 CSV and as XLSX (one sheet ``activities``), named by a hash of their content so that
    they are written once."""
    digest = hashlib.sha256(pd.util.hash_pandas_object(frame, index=False).values.tobytes()).hexdigest()[:12]
    paths = {"csv": out_dir / f"activities_{len(frame)}_{digest}.csv",
             "xlsx": out_dir / f"activities_{len(frame)}_{digest}.xlsx"}
    out_dir.mkdir(parents=True, exist_ok=True)
    if not paths["csv"].exists():
        tmp = paths["csv"].with_suffix(".tmp")
        frame.to_csv(tmp, index=False, encoding="utf-8")
        tmp.replace(paths["csv"])
    if not paths["xlsx"].exists():
        tmp = paths["xlsx"].with_suffix(".tmp.xlsx")
        _write_xlsx(frame, tmp)
        tmp.replace(paths["xlsx"])
    return paths


def _write_xlsx(frame: pd.DataFrame, path: Path) -> None:
    """Row by row with xlsxwriter's constant-memory mode (pandas' writer goes column-wise, which that mode
    cannot take, and holds the whole sheet in memory otherwise)."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    ws = wb.add_worksheet("activities")
    ws.write_row(0, 0, list(frame.columns))
    for i, row in enumerate(frame.itertuples(index=False, name=None), start=1):
        ws.write_row(i, 0, [v.item() if hasattr(v, "item") else v for v in row])
    wb.close()


def real_database(source_db: Path, path: Path) -> list[str]:
    """A new non-demo database at ``path`` holding the municipalities of ``source_db``; returns their codes."""
    from data.store import db
    from data.store import reference
    from data.store import dataset, table_writes

    src = db.connect(source_db)
    try:
        muni = src.execute("SELECT * FROM municipality ORDER BY code").df()
    finally:
        src.close()
    con = db.connect(path)
    try:
        db.migrate(con)
        with db.transaction(con):
            reference.load_reference(con)
            table_writes.insert_frame(con, "municipality", muni, None)
            dataset.ensure_dataset_row(con, is_demo=False)
    finally:
        con.close()
    return list(muni["code"])


def factor_units() -> dict[str, str]:
    """Activity key -> its unit in the emission-factor library."""
    from data.store import reference

    lib = reference.read_reference_csv("emission_factors.csv")
    return lib.groupby("activity")["unit"].first().astype(str).to_dict()


def time_import(base_db: Path, file: Path, work: Path, runs: int) -> dict:
    """Median rows/s of ``import_file`` of ``file`` into a fresh copy of ``base_db``, over ``runs`` runs."""
    import time

    from data.store import db

    import_file = require("data.write.importer", "import_file")
    times, rows = [], 0
    for i in range(max(1, runs)):
        target = work / f"import{i}.duckdb"
        shutil.copy(base_db, target)
        con = db.connect(target)
        try:
            t0 = time.perf_counter()
            res = import_file(con, file, file.name, "activities")
            times.append(time.perf_counter() - t0)
        finally:
            con.close()
        target.unlink()
        if res.problems:
            p = res.problems[0]
            raise RuntimeError(f"{len(res.problems)} problem(s); first: row {p.row} column {p.column}: "
                               f"{p.message_en}")
        rows = res.rows
    if rows != ROWS:
        raise RuntimeError(f"imported {rows} rows, expected {ROWS}")
    med = statistics.median(times)
    return {"value": rows / med, "runs": len(times), "seconds": round(med, 3), "rows": rows}


def run(ctx: Context, db_path: Path):
    """Yield ``import.activities_csv`` and ``import.activities_xlsx`` (rows/s)."""
    names = {fmt: f"import.activities_{fmt}" for fmt in ("csv", "xlsx")}
    try:
        require("data.write.importer", "import_file")
    except Missing as m:
        for fmt, name in names.items():
            yield skipped_figure(name, "rows/s", TARGET_ROWS_PER_S[fmt], ctx.scale, str(m))
        return
    with scratch_dir(ctx) as work:
        base = work / "real.duckdb"
        try:
            codes = real_database(db_path, base)
            files = write_files(activity_frame(codes, factor_units()), ctx.out_dir)
        except Exception as exc:  # no files, no figures: say why on both lines
            for fmt, name in names.items():
                yield error_figure(name, "rows/s", TARGET_ROWS_PER_S[fmt], ctx.scale, exc)
            return
        for fmt, name in names.items():
            yield measured(name, "rows/s", TARGET_ROWS_PER_S[fmt], ctx.scale,
                           lambda fmt=fmt: time_import(base, files[fmt], work, ctx.runs))
