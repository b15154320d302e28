"""Summary figures in process: one municipality's summary JSON, the network-wide recompute of every summary and
WMA score (``data.figures.refresh.stored_figures``: what a restore or an init pays, and what an import pays for the
municipalities it touches), the network tables as the pages read them, and our network summary against the
plain-pandas baseline (``bench.baseline``), both as the pages get it and computed from the rows."""
from __future__ import annotations

import json
import statistics
import time
from pathlib import Path

from bench import baseline
from bench.common import Context, figure, measured, median_time, require

SUMMARY_TARGET_MS = 20.0     # issue 16: one summary <= 20 ms
NETWORK_TARGET_S = 1.0       # issue 16: full recompute <= 1 s
READ_TARGET_S = 0.5          # read on a page's first render, whose budget is 0.5 s
BASELINE_TARGET_X = 10.0     # issue 16: >= 10x the pandas baseline with stored aggregates ...
FROM_ROWS_TARGET_X = 5.0     # ... and >= 5x without


def _connect(db_path: Path):
    from data.store import db

    # the same configuration as the app's connection, so both can live in one process
    return db.connect(db_path)


def pick_municipality(con) -> tuple[str, int]:
    """A pilot city (the richest data: CFO, CCF, actions, scorecards) and the latest year with activity."""
    code = con.execute("SELECT code FROM municipality ORDER BY role = 'pilot' DESC, code LIMIT 1").fetchone()[0]
    year = con.execute("SELECT max(year) FROM activity WHERE municipality_code = ?", [code]).fetchone()[0]
    return code, int(year)


def one_summary(db_path: Path, runs: int) -> dict:
    """Median ms of ``municipality_summary`` + ``json.dumps`` for one municipality-year on an open connection;
    the first (cold) call is reported as ``first_ms``."""
    municipality_summary = require("data.figures.summary", "municipality_summary")
    con = _connect(db_path)
    try:
        code, year = pick_municipality(con)

        def call():
            json.dumps(municipality_summary(con, code, year), ensure_ascii=False)

        first, _ = median_time(call, 1)
        med, times = median_time(call, runs)
    finally:
        con.close()
    return {"value": med * 1000.0, "runs": len(times), "first_ms": round(first * 1000.0, 1),
            "municipality": code, "year": year}


def network_recompute(db_path: Path, runs: int) -> dict:
    """Median s of recomputing every municipality-year's figures and WMA scores from the activity rows into the
    stored aggregates (``data.figures.refresh.stored_figures``), each run in a transaction that is rolled back."""
    refresh = require("data.figures.refresh", "stored_figures")
    con = _connect(db_path)
    times = []
    try:
        for _ in range(max(1, runs)):
            con.execute("BEGIN TRANSACTION")
            try:
                t0 = time.perf_counter()
                refresh(con)
                times.append(time.perf_counter() - t0)
            finally:
                con.execute("ROLLBACK")
    finally:
        con.close()
    return {"value": statistics.median(times), "runs": len(times)}


def network_read(db_path: Path, runs: int) -> dict:
    """Median s of ``network_summary(con)`` then ``network_wma(con)``, called as the pages call them after a data
    change (from the stored aggregates); each part's median is reported too."""
    network_summary = require("data.figures.inventories", "network_summary")
    network_wma = require("data.figures.scores", "network_wma")
    con = _connect(db_path)
    parts = {"network_summary": [], "network_wma": []}
    try:
        for _ in range(max(1, runs)):
            t0 = time.perf_counter()
            rows = len(network_summary(con))
            t1 = time.perf_counter()
            network_wma(con)
            parts["network_summary"].append(t1 - t0)
            parts["network_wma"].append(time.perf_counter() - t1)
    finally:
        con.close()
    total = [a + b for a, b in zip(parts["network_summary"], parts["network_wma"])]
    return {"value": statistics.median(total), "runs": len(total),
            "network_summary_s": round(statistics.median(parts["network_summary"]), 3),
            "network_wma_s": round(statistics.median(parts["network_wma"]), 3), "summary_rows": rows}


def against_pandas(db_path: Path, runs: int) -> dict:
    """pandas-baseline seconds / our ``network_summary`` seconds (both from the open database to the frame; ours
    as the pages get it, from the stored aggregates), with the ratio against ours computed from the activity
    rows (aggregates bypassed) and the largest relative difference of the CFO totals as a check that they
    agree."""
    network_summary = require("data.figures.inventories", "network_summary")
    freshness = require("data.figures.freshness")
    con = _connect(db_path)
    try:
        ours, _ = median_time(lambda: network_summary(con), runs)
        theirs, times = median_time(lambda: baseline.network_cfo_from_db(con), runs)
        stored = freshness.current
        freshness.current = lambda con: None     # the same call, computed from the rows
        try:
            from_rows, _ = median_time(lambda: network_summary(con), runs)
        finally:
            freshness.current = stored
        diff = baseline.max_relative_difference(baseline.network_cfo_from_db(con), network_summary(con))
    finally:
        con.close()
    return {"value": theirs / ours, "runs": len(times), "ours_s": round(ours, 3), "pandas_s": round(theirs, 3),
            "ours_from_rows_s": round(from_rows, 3), "x_from_rows": round(theirs / from_rows, 2),
            "cfo_total_max_rel_diff": diff if diff != float("inf") else "row sets differ"}


def run(ctx: Context, db_path: Path):
    """Yield the summary, network-recompute and pandas-ratio figures."""
    yield measured("summary.one_municipality", "ms", SUMMARY_TARGET_MS, ctx.scale,
                   lambda: one_summary(db_path, max(ctx.runs * 4, 5)))
    yield measured("network.recompute", "s", NETWORK_TARGET_S, ctx.scale,
                   lambda: network_recompute(db_path, ctx.runs))
    yield measured("network.read", "s", READ_TARGET_S, ctx.scale, lambda: network_read(db_path, ctx.runs))
    ratios = measured("network.vs_pandas", "x", BASELINE_TARGET_X, ctx.scale,
                      lambda: against_pandas(db_path, ctx.runs))
    yield ratios
    # the same measurement, read the other way: ours computed from the activity rows (aggregates bypassed)
    if ratios.get("value") is None:
        yield {**ratios, "name": "network.vs_pandas_from_rows", "target": FROM_ROWS_TARGET_X}
    else:
        yield figure("network.vs_pandas_from_rows", ratios["x_from_rows"], "x", FROM_ROWS_TARGET_X, ctx.scale,
                     runs=ratios.get("runs"), ours_from_rows_s=ratios.get("ours_from_rows_s"),
                     pandas_s=ratios.get("pandas_s"))
