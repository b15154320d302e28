"""Pre-aggregated figures: the network table's emission sums and the Whole-Municipality matrix, stored per
municipality-year so that a page or a summary reads a few rows instead of recomputing ~900k activity rows.

What is stored (schema ``agg``, outside the exported ``main`` schema, because it is derived data):
- ``agg.network_rows``: the network table (``data.summary.NETWORK_COLUMNS``: CFO by scope, CCF BASIC /
  BASIC+ / by sector, base year, reduction, award, intensities) of every municipality-year with activity rows,
  under the default GWP set and landfill method;
- ``agg.wma_matrix``: the Whole-Municipality matrix (``data.lcrs.network_wma`` without ``figures``);
- ``agg.refresh_state``: the fingerprint of the data the two were computed from.

Every write path refreshes them inside its own transaction (``refresh``): ``init``, import (only the
municipalities it touched), rollback, restore. Reads use them only while the fingerprint still matches —
data version, row counts of the source tables and the source code of the computation — and otherwise compute
from the rows, so a stale aggregate is never shown: it only costs time. A direct ``store.insert_frame`` (tests,
the demo builder) marks them stale; ``python -m data init`` refreshes them.
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import duckdb
import numpy as np
import pandas as pd

from data import db
from data import emissions as q
from indicators import gwp as gwp_mod

SCHEMA = "agg"
ROWS_TABLE = "agg.network_rows"
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

# one statement: the data version (every write bumps it) and the row counts a write that bypassed the data
# layer would most likely change; reference tables change only through `init`, which refreshes
_FINGERPRINT_SQL = (
    "SELECT (SELECT coalesce(max(data_version), 0) FROM dataset_info), (SELECT count(*) FROM municipality), "
    "(SELECT count(*) FROM activity), (SELECT count(*) FROM indicator_value), (SELECT count(*) FROM scorecard), "
    "(SELECT count(*) FROM import_batch WHERE status = 'active')")


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
    return _fingerprint_text(con.execute(_FINGERPRINT_SQL).fetchone())


def _fingerprint_text(values) -> str:
    return "|".join(str(v) for v in values) + f"|{GWP_SET}|{LANDFILL_METHOD}|{code_digest()}"


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
    try:
        row = con.execute(f"SELECT (SELECT max(fingerprint) FROM {STATE_TABLE}), {_FINGERPRINT_SQL[7:]}").fetchone()
    except duckdb.CatalogException:  # no agg schema: a database of schema version 3 opened without migrating
        return False
    return row[0] is not None and row[0] == _fingerprint_text(row[1:])


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
    if codes is not None and not (_has_table(con, ROWS_TABLE) and _has_table(con, WMA_TABLE)):
        codes = None
    codes = None if codes is None else sorted({str(c) for c in codes if c is not None})
    if codes is None or codes:
        with q.factor_cursor(con, GWP_SET, codes=codes, shared=True) as cur:
            sums = summary.emission_sums_on(cur, GWP_SET, LANDFILL_METHOD)
        figures = summary.figures_from_sums(con, sums, codes)
        matrix = lcrs.wma_from_figures(con, figures, codes)
        # the network table's rows where there is activity: every row of a municipality's trend
        pairs = figures.merge(sums[["code", "year"]], on=["code", "year"], how="inner")
        _store(con, ROWS_TABLE, _rows_for_storage(pairs), codes)
        _store(con, WMA_TABLE, _matrix_for_storage(matrix), codes)
    con.execute(f"DELETE FROM {STATE_TABLE}")
    con.execute(f"INSERT INTO {STATE_TABLE} (id, fingerprint) VALUES (1, ?)", [fingerprint(con)])


def _rows_for_storage(rows: pd.DataFrame) -> pd.DataFrame:
    """Network-table rows with plain column types (NA as NULL)."""
    from data import summary

    out = pd.DataFrame({"code": pd.Series(rows["code"].to_numpy(dtype=object), dtype=object)})
    for c in summary.NETWORK_COLUMNS[1:]:
        dtype = rows[c].dtype
        if str(dtype) == "Float64":
            out[c] = rows[c].to_numpy(dtype="float64", na_value=float("nan"))
        else:  # Int64 / boolean: their masked arrays become BIGINT / BOOLEAN with NULL
            out[c] = rows[c].array
    return out


def _matrix_for_storage(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix with storable column types (an empty matrix has object columns, which carry no type)."""
    from indicators import wma

    out = pd.DataFrame({"code": pd.Series(matrix["code"].to_numpy(dtype=object), dtype=object),
                        "year": matrix["year"].to_numpy(dtype="int64")})
    for c in wma.MATRIX_COLUMNS[2:]:
        kind = "Int64" if c in ("maturity", "n_indicators") else "float64"
        out[c] = pd.array(matrix[c].to_numpy(dtype=object), dtype=kind).astype(kind) if kind == "Int64" \
            else matrix[c].to_numpy(dtype="float64")
    return out


def _store(con, table: str, frame: pd.DataFrame, codes: list[str] | None) -> None:
    """Replace the rows of ``codes`` (every row when None) in ``table`` by ``frame``."""
    con.register(_FRAME, frame)
    try:
        if codes is None:
            # code as VARCHAR even when the frame is empty (an empty object column has DuckDB type NULL, and
            # the next import's INSERT into it would fail)
            con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * REPLACE (CAST(code AS VARCHAR) AS code) "
                        f"FROM {_FRAME} ORDER BY code, year")
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

class Stored:
    """Reads of aggregates found current (``current``); one check serves several reads of one request."""

    def __init__(self, con):
        self.con = con

    def _read(self, table: str, code: str | None, year: int | None, nullable: bool = False,
              with_base_year: bool = False) -> pd.DataFrame:
        conds, params = [], []
        if code is not None:
            conds.append("code = ?")
            params.append(code)
        if year is not None:
            # with_base_year: each municipality's base-year row too, which its reduction is measured against
            conds.append("(year = ? OR year = base_year)" if with_base_year else "year = ?")
            params.append(int(year))
        if not conds:
            # the whole table: DuckDB keeps insertion order, which a full refresh leaves sorted; sorting 78k
            # wide rows in SQL costs more than checking the order here
            return _sorted(_frame(self.con.execute(f"SELECT * FROM {table}").fetchnumpy(), nullable))
        where = "WHERE " + " AND ".join(conds)
        cols = self.con.execute(f"SELECT * FROM {table} {where} ORDER BY code, year", params).fetchnumpy()
        return _frame(cols, nullable)

    def network_rows(self, code: str | None = None, year: int | None = None) -> pd.DataFrame:
        """The stored network-table rows (all municipalities, or ``code``): municipality-years with activity,
        typed as ``data.summary.network_summary`` returns them; with ``year`` only that year's rows and each
        municipality's base-year row."""
        from data import summary

        return self._read(ROWS_TABLE, code, year, nullable=True, with_base_year=True)[summary.NETWORK_COLUMNS]

    def wma_matrix(self, code: str | None = None, year: int | None = None) -> pd.DataFrame:
        """The stored Whole-Municipality matrix (as ``indicators.wma.wma_matrix`` returns it)."""
        from indicators import wma

        df = self._read(WMA_TABLE, code, year)
        if df.empty:
            return pd.DataFrame(columns=wma.MATRIX_COLUMNS)
        df["maturity"] = df["maturity"].astype("Int64")
        return df[wma.MATRIX_COLUMNS]


_STR = pd.StringDtype(na_value=np.nan)   # pandas' default "str"


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` ordered by code and year (as ``ORDER BY code, year``), sorting only when it is not already."""
    if len(df) < 2:
        return df
    code = df["code"].to_numpy(dtype=object)
    year = df["year"].to_numpy(dtype="int64", na_value=0)
    ordered = (code[1:] > code[:-1]) | ((code[1:] == code[:-1]) & (year[1:] >= year[:-1]))
    if ordered.all():
        return df
    return df.sort_values(["code", "year"], kind="stable").reset_index(drop=True)


def _frame(cols: dict, nullable: bool) -> pd.DataFrame:
    """A DataFrame from DuckDB's ``fetchnumpy`` columns (masked arrays where there are NULLs): text as "str";
    with ``nullable`` numbers and booleans as pandas' masked types (Float64, Int64, boolean: NULL and NaN become
    NA, as ``astype("Float64")`` does), else as numpy types with NaN for NULL."""
    out = {}
    for name, arr in cols.items():
        mask = np.ma.getmaskarray(arr)
        data = np.ma.getdata(arr)
        kind = data.dtype.kind
        if kind == "O":
            out[name] = pd.array(data, dtype=_STR)
        elif nullable and kind == "f":
            out[name] = pd.arrays.FloatingArray(data.astype("float64"), mask | np.isnan(data))
        elif nullable and kind in "iu":
            out[name] = pd.arrays.IntegerArray(data.astype("int64"), mask.copy())
        elif nullable and kind == "b":
            out[name] = pd.arrays.BooleanArray(data.astype(bool), mask.copy())
        elif mask.any():
            values = data.astype("float64")
            values[mask] = np.nan
            out[name] = values
        else:
            out[name] = data
    return pd.DataFrame(out)


def current(con) -> Stored | None:
    """A reader of the stored aggregates when they are current (``is_current``), else None."""
    return Stored(con) if is_current(con) else None


def wma_matrix(con, code: str | None = None, year: int | None = None) -> pd.DataFrame | None:
    """``Stored.wma_matrix``, or None when the aggregates are not current."""
    stored = current(con)
    return None if stored is None else stored.wma_matrix(code, year)
