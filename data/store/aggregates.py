"""The ``agg`` schema: pre-aggregated figures stored per municipality-year, so that a page or a summary reads a few
rows instead of recomputing ~900k activity rows. This module stores and reads them; what they hold and when
they may be used is decided in ``data.figures`` (``freshness``: the fingerprint's code part; ``refresh``: the
computation).

What is stored (schema ``agg``, outside the exported ``main`` schema, because it is derived data):
- ``agg.network_rows``: the network table (``data.figures.inventories.NETWORK_COLUMNS``) of every
  municipality-year with activity rows, under the default GWP set and landfill method;
- ``agg.wma_matrix``: the Whole-Municipality matrix (``data.figures.scores.network_wma`` without ``figures``);
- ``agg.refresh_state``: the fingerprint of the data (and code) the two were computed from.

The fingerprint joins the data version (every write bumps it), the row counts of the source tables and a
text given by the figures (GWP set, landfill method, digest of the computation's source); a stored copy is
used only while it still matches. A direct ``table_writes.insert_frame`` marks them stale.
"""
from __future__ import annotations

import warnings

import duckdb
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from data.store import db

ROWS_TABLE = "agg.network_rows"
WMA_TABLE = "agg.wma_matrix"
STATE_TABLE = "agg.refresh_state"
_CODES = "_agg_codes"
_FRAME = "_agg_frame"

# one statement: the data version (every write bumps it) and the row counts a write that bypassed the data
# layer would most likely change; reference tables change only through `init`, which refreshes
_FINGERPRINT_SQL = (
    "SELECT (SELECT coalesce(max(data_version), 0) FROM dataset_info), (SELECT count(*) FROM municipality), "
    "(SELECT count(*) FROM activity), (SELECT count(*) FROM indicator_value), (SELECT count(*) FROM scorecard), "
    "(SELECT count(*) FROM import_batch WHERE status = 'active')")


def fingerprint(con, computed_with: str) -> str:
    """What the stored aggregates must have been computed from to be used (a few ms at national scale):
    the state of the data plus ``computed_with`` (how the figures compute, given by ``data.figures``)."""
    return _fingerprint_text(con.execute(_FINGERPRINT_SQL).fetchone(), computed_with)


def _fingerprint_text(values, computed_with: str) -> str:
    return "|".join(str(v) for v in values) + f"|{computed_with}"


AGG_MIGRATION = 4     # data/store/migrations/004_aggregates.sql defines the schema and the state table


def ensure_schema(con) -> None:
    """Make sure the ``agg`` schema and its state table exist (migration 004, run again; idempotent): a file
    opened by the app without migrating may predate it."""
    db.reapply_migration(con, AGG_MIGRATION)


def has_table(con, qualified: str) -> bool:
    """True when the ``schema.table`` exists in the database of ``con``."""
    schema, name = qualified.split(".")
    return con.execute("SELECT count(*) FROM duckdb_tables() WHERE schema_name = ? AND table_name = ? "
                       "AND database_name = current_database()", [schema, name]).fetchone()[0] > 0


def matches(con, computed_with: str) -> bool:
    """True when the stored aggregates match the data they would be computed from now and ``computed_with``."""
    try:
        row = con.execute(f"SELECT (SELECT max(fingerprint) FROM {STATE_TABLE}), {_FINGERPRINT_SQL[7:]}").fetchone()
    except duckdb.CatalogException:  # no agg schema: a database of schema version 3 opened without migrating
        return False
    return row[0] is not None and row[0] == _fingerprint_text(row[1:], computed_with)


def mark_stale(con) -> None:
    """Forget the fingerprint, so reads compute from the rows until the next refresh (inside the caller's
    transaction; a database without the agg schema has nothing to forget)."""
    if has_table(con, STATE_TABLE):
        con.execute(f"DELETE FROM {STATE_TABLE}")


def record_fingerprint(con, computed_with: str) -> None:
    """Record that the stored aggregates now match the data and ``computed_with`` (after a refresh)."""
    con.execute(f"DELETE FROM {STATE_TABLE}")
    con.execute(f"INSERT INTO {STATE_TABLE} (id, fingerprint) VALUES (1, ?)", [fingerprint(con, computed_with)])


def store_network_rows(con, frame: pd.DataFrame, codes: list[str] | None) -> None:
    """Replace the stored network-table rows of ``codes`` (every row when None) by ``frame``."""
    _replace_rows(con, ROWS_TABLE, frame, codes)


def store_wma_matrix(con, frame: pd.DataFrame, codes: list[str] | None) -> None:
    """Replace the stored Whole-Municipality matrix rows of ``codes`` (every row when None) by ``frame``."""
    _replace_rows(con, WMA_TABLE, frame, codes)


def _replace_rows(con, table: str, frame: pd.DataFrame, codes: list[str] | None) -> None:
    """Replace the rows of ``codes`` (every row when None) in ``table`` (one of this module's constants)."""
    con.register(_FRAME, frame)
    try:
        if codes is None:
            # text columns as VARCHAR even when the frame is empty (an empty object column has DuckDB type
            # NULL, and the next import's INSERT into it would fail); names are the figures' own constants
            text = [c for c in frame.columns if pd.api.types.is_string_dtype(frame[c])]
            casts = ", ".join(f'CAST("{c}" AS VARCHAR) AS "{c}"' for c in text)
            con.execute(f"CREATE OR REPLACE TABLE {table} AS SELECT * REPLACE ({casts}) "
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
            return _sorted(_frame(self.con.execute(f"SELECT * FROM {table}").to_arrow_table(), nullable))
        where = "WHERE " + " AND ".join(conds)
        return _frame(self.con.execute(f"SELECT * FROM {table} {where} ORDER BY code, year", params)
                      .to_arrow_table(), nullable)

    def network_rows(self, code: str | None = None, year: int | None = None) -> pd.DataFrame:
        """The stored network-table rows (all municipalities, or ``code``) with pandas' nullable types, in
        stored column order; with ``year`` only that year's rows and each municipality's base-year row."""
        return self._read(ROWS_TABLE, code, year, nullable=True, with_base_year=True)

    def wma_matrix(self, code: str | None = None, year: int | None = None) -> pd.DataFrame:
        """The stored Whole-Municipality matrix rows (numpy types, NaN for NULL), in stored column order."""
        return self._read(WMA_TABLE, code, year)


_STR = pd.StringDtype(na_value=np.nan)   # pandas' default "str"

# ``execute(...).to_arrow_table()`` warns that it copies the rows once more; ``con.sql`` would not, but it
# refuses to run while the connection holds an unfinished ``execute`` result, which a caller may leave
warnings.filterwarnings("ignore", message="Arrow output on a DB-API result", category=UserWarning)


def _sorted(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` ordered by code and year (as ``ORDER BY code, year``), sorting only when it is not already."""
    if len(df) < 2:
        return df
    code = pa.array(df["code"].array)       # compared in Arrow: no Python string per row
    year = df["year"].to_numpy(dtype="int64", na_value=0)
    after, before = code[1:], code[:-1]
    same = pc.fill_null(pc.equal(after, before), False).to_numpy(zero_copy_only=False)
    ordered = pc.fill_null(pc.greater(after, before), False).to_numpy(zero_copy_only=False) \
        | (same & (year[1:] >= year[:-1]))
    if ordered.all():
        return df
    return df.sort_values(["code", "year"], kind="stable").reset_index(drop=True)


def _frame(table: pa.Table, nullable: bool) -> pd.DataFrame:
    """A DataFrame from a DuckDB result as Arrow (text stays in Arrow: no Python string per value): text as
    "str"; with ``nullable`` numbers and booleans as pandas' masked types (Float64, Int64, boolean: NULL and NaN
    become NA, as ``astype("Float64")`` does), else as numpy types with NaN for NULL."""
    out = {}
    for name, col in zip(table.column_names, table.columns):
        kind = col.type
        if pa.types.is_string(kind) or pa.types.is_large_string(kind):
            out[name] = pd.array(col, dtype=_STR)
            continue
        mask = col.is_null().to_numpy(zero_copy_only=False) if col.null_count else np.zeros(len(col), dtype=bool)
        if pa.types.is_floating(kind):
            data = col.to_numpy(zero_copy_only=False)
        elif pa.types.is_integer(kind):
            data = pc.fill_null(col, 0).to_numpy(zero_copy_only=False)
        elif pa.types.is_boolean(kind):
            data = pc.fill_null(col, False).to_numpy(zero_copy_only=False)
        else:
            raise TypeError(f"stored aggregate column {name!r} has an unexpected type {kind}")
        if nullable and data.dtype.kind == "f":
            data = data.astype("float64")
            out[name] = pd.arrays.FloatingArray(data, mask | np.isnan(data))
        elif nullable and data.dtype.kind in "iu":
            out[name] = pd.arrays.IntegerArray(data.astype("int64"), mask)
        elif nullable:
            out[name] = pd.arrays.BooleanArray(data.astype(bool), mask)
        elif mask.any():
            values = data.astype("float64")
            values[mask] = np.nan
            out[name] = values
        else:
            out[name] = data
    return pd.DataFrame(out)
