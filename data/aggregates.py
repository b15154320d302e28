"""Pre-aggregated figures: the network table's emission sums and the Whole-Municipality matrix, stored per
municipality-year so that a page or a summary reads a few rows instead of recomputing ~900k activity rows.

What is stored (schema ``agg``, outside the exported ``main`` schema, because it is derived data):
- ``agg.emission_sums``: per municipality-year with activity rows, CFO by scope and total and CCF BASIC /
  BASIC+ / by sector, under the default GWP set and landfill method (``data.summary.emission_sums_on``);
- ``agg.wma_matrix``: the Whole-Municipality matrix (``data.lcrs.network_wma`` without ``figures``);
- ``agg.refresh_state``: the fingerprint of the data the two were computed from.

Every write path refreshes them inside its own transaction (``refresh``): ``init``, import (only the
municipalities it touched), rollback, restore. Reads use them only while the fingerprint still matches —
data version, row counts of the source tables, municipality attributes and the source code of the
computation — and otherwise compute from the rows, so a stale aggregate can never be shown: it only costs time.
A direct ``store.insert_frame`` (tests, the demo builder) marks them stale.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import pandas as pd

from data import db
from data import emissions as q
from indicators import gwp as gwp_mod

SCHEMA = "agg"
SUMS_TABLE = "agg.emission_sums"
WMA_TABLE = "agg.wma_matrix"
STATE_TABLE = "agg.refresh_state"
GWP_SET = gwp_mod.DEFAULT_GWP_SET
LANDFILL_METHOD = q.DEFAULT_LANDFILL_METHOD
_CODES = "_agg_codes"
_FRAME = "_agg_frame"

# the figures depend on these files: a change to any of them makes stored aggregates stale
_ROOT = Path(__file__).resolve().parent.parent
_CODE_FILES = ("data/aggregates.py", "data/summary.py", "data/emissions.py", "data/lcrs.py",
               "indicators/emissions.py", "indicators/targets.py", "indicators/waste.py", "indicators/gwp.py",
               "indicators/wma.py", "indicators/catalogue.py", "indicators/resilience.py")

# one statement: the data version and what a write outside the data layer would change
_FINGERPRINT_SQL = (
    "SELECT (SELECT coalesce(max(data_version), 0) FROM dataset_info), "
    "(SELECT count(*) FROM municipality), "
    "(SELECT coalesce(sum(hash(code, population, area_km2, base_year)), 0) FROM municipality), "
    "(SELECT count(*) FROM activity), (SELECT count(*) FROM indicator_value), (SELECT count(*) FROM scorecard), "
    "(SELECT count(*) FROM import_batch), (SELECT count(*) FROM import_batch WHERE status = 'active'), "
    "(SELECT count(*) FROM emission_factor), (SELECT count(*) FROM gwp), (SELECT count(*) FROM gpc_ref), "
    "(SELECT count(*) FROM indicator_def)")


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 over the source files of the computation (so aggregates built by other code are not used)."""
    h = hashlib.sha256()
    for rel in _CODE_FILES:
        path = _ROOT / rel
        h.update(rel.encode())
        h.update(path.read_bytes() if path.exists() else b"")
    return h.hexdigest()


def fingerprint(con) -> str:
    """What the stored aggregates must have been computed from to be used (a few ms at national scale)."""
    row = con.execute(_FINGERPRINT_SQL).fetchone()
    return "|".join(str(v) for v in row) + f"|{GWP_SET}|{LANDFILL_METHOD}|{code_digest()}"


def ensure_schema(con) -> None:
    """Create the ``agg`` schema and its state table (migration 004; idempotent)."""
    con.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
    con.execute(f"CREATE TABLE IF NOT EXISTS {STATE_TABLE} (id INTEGER NOT NULL, fingerprint VARCHAR NOT NULL, "
                "refreshed_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")


def _has_table(con, qualified: str) -> bool:
    schema, name = qualified.split(".")
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ? "
                       "AND database_name = current_database()", [schema, name]).fetchone()[0] > 0


def is_current(con) -> bool:
    """True when the stored aggregates match the data (and code) they would be computed from now."""
    if not _has_table(con, STATE_TABLE):  # a database of schema version 3 opened read-only
        return False
    row = con.execute(f"SELECT fingerprint FROM {STATE_TABLE} WHERE id = 1").fetchone()
    return row is not None and row[0] == fingerprint(con)


def mark_stale(con) -> None:
    """Forget the fingerprint, so reads compute from the rows until the next ``refresh`` (inside the caller's
    transaction; a database without the agg schema has nothing to forget)."""
    if _has_table(con, STATE_TABLE):
        con.execute(f"DELETE FROM {STATE_TABLE}")


# --- refresh -------------------------------------------------------------------------------------------------

def refresh(con, codes: Iterable[str] | None = None) -> None:
    """Recompute the aggregates on ``con`` — inside the caller's write transaction, so the figures change
    together with the rows — and record the fingerprint. ``codes``: the municipalities whose rows the write
    changed, when the aggregates were current before it (``is_current`` checked before writing); None
    rebuilds everything (also done when the tables are missing)."""
    from data import lcrs, summary

    ensure_schema(con)
    if codes is not None and not (_has_table(con, SUMS_TABLE) and _has_table(con, WMA_TABLE)):
        codes = None
    codes = None if codes is None else sorted({str(c) for c in codes if c is not None})
    if codes is None or codes:
        with q.factor_cursor(con, GWP_SET, codes=codes, shared=True) as cur:
            sums = summary.emission_sums_on(cur, GWP_SET, LANDFILL_METHOD)
        figures = summary.figures_from_sums(con, sums, codes)
        matrix = lcrs.wma_from_figures(con, figures, codes)
        _store(con, SUMS_TABLE, _sums_for_storage(sums), codes)
        _store(con, WMA_TABLE, _matrix_for_storage(matrix), codes)
    con.execute(f"DELETE FROM {STATE_TABLE}")
    con.execute(f"INSERT INTO {STATE_TABLE} (id, fingerprint) VALUES (1, ?)", [fingerprint(con)])


def _sums_for_storage(sums: pd.DataFrame) -> pd.DataFrame:
    from data import summary

    out = pd.DataFrame({"code": pd.Series(sums["code"].to_numpy(dtype=object), dtype=object),
                        "year": sums["year"].to_numpy(dtype="int64")})
    for c in summary.SUM_COLUMNS:
        out[c] = sums[c].astype("float64").to_numpy()
    return out


def _matrix_for_storage(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix with storable column types (an empty matrix has object columns, which carry no type)."""
    from indicators import wma

    out = pd.DataFrame({"code": pd.Series(matrix["code"].to_numpy(dtype=object), dtype=object),
                        "year": matrix["year"].to_numpy(dtype="int64")})
    for c in wma.MATRIX_COLUMNS[2:]:
        kind = "Int64" if c in ("maturity", "n_indicators") else "float64"
        out[c] = pd.array(matrix[c].to_numpy(dtype=object), dtype=kind) if kind == "Int64" \
            else matrix[c].to_numpy(dtype="float64")
    return out


def _store(con, table: str, frame: pd.DataFrame, codes: list[str] | None) -> None:
    """Replace the rows of ``codes`` (every row when None) in ``table`` by ``frame``."""
    con.register(_FRAME, frame)
    try:
        if codes is None:
            con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * FROM {_FRAME} ORDER BY code, year")
            return
        con.register(_CODES, pd.DataFrame({"code": pd.Series(codes, dtype=object)}))
        try:
            con.execute(f"DELETE FROM {table} WHERE code IN (SELECT code FROM {_CODES})")
            con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM {_FRAME}")
        finally:
            con.unregister(_CODES)
    finally:
        con.unregister(_FRAME)


# --- reads -----------------------------------------------------------------------------------------------------

def _read(con, table: str, code: str | None, year: int | None) -> pd.DataFrame | None:
    if not is_current(con):
        return None
    conds, params = [], []
    if code is not None:
        conds.append("code = ?")
        params.append(code)
    if year is not None:
        conds.append("year = ?")
        params.append(int(year))
    where = ("WHERE " + " AND ".join(conds)) if conds else ""
    return con.execute(f"SELECT * FROM {table} {where} ORDER BY code, year", params).df()


def emission_sums(con, code: str | None = None) -> pd.DataFrame | None:
    """The stored emission sums (all municipalities, or ``code``) as ``data.summary.emission_sums_on`` returns
    them, or None when the aggregates are not current."""
    from data import summary

    df = _read(con, SUMS_TABLE, code, None)
    if df is None:
        return None
    df["code"] = df["code"].astype(object)
    df["year"] = df["year"].astype("Int64")
    for c in summary.SUM_COLUMNS:
        df[c] = df[c].astype("Float64")
    return df[["code", "year", *summary.SUM_COLUMNS]]


def wma_matrix(con, code: str | None = None, year: int | None = None) -> pd.DataFrame | None:
    """The stored Whole-Municipality matrix (as ``indicators.wma.wma_matrix`` returns it), or None when the
    aggregates are not current."""
    from indicators import wma

    df = _read(con, WMA_TABLE, code, year)
    if df is None:
        return None
    if df.empty:
        return pd.DataFrame(columns=wma.MATRIX_COLUMNS)
    df["code"] = df["code"].astype(object)
    df["year"] = df["year"].astype(int)
    df["maturity"] = df["maturity"].astype("Int64")
    df["n_indicators"] = df["n_indicators"].astype("int64")
    return df[wma.MATRIX_COLUMNS]
