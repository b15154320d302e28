"""Generic writes: bulk inserts of whole tables, the import-batch row and the dataset row."""
from __future__ import annotations

import getpass
from datetime import datetime, timezone

import pandas as pd

from data.store import aggregates
from data.store import db

# tables that hold user data (as opposed to reference data), in dependency order
DATA_TABLES = ["municipality", "activity", "ccf_notation", "indicator_value", "action", "scorecard"]


def ensure_dataset_row(con, is_demo: bool = False) -> None:
    """Create the dataset_info row for a database that receives its first real data."""
    if con.execute("SELECT count(*) FROM dataset_info").fetchone()[0] == 0:
        con.execute("INSERT INTO dataset_info (id, is_demo, scale, seed, built_at, data_version) "
                    "VALUES (1, ?, NULL, NULL, ?, 1)", [is_demo, utc_now()])


def new_batch(con, kind: str, file_name: str, sha256: str, rows: int, who: str | None = None,
              is_demo: bool = False) -> int:
    """Record an import batch and return its id."""
    batch_id = con.execute("SELECT nextval('import_batch_seq')").fetchone()[0]
    con.execute(
        "INSERT INTO import_batch (batch_id, kind, file_name, sha256, rows, imported_at, imported_by, is_demo) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [batch_id, kind, file_name, sha256, rows, utc_now(), who or _user(), is_demo])
    return batch_id


def insert_frame(con, table: str, df: pd.DataFrame, batch_id: int | None) -> int:
    """Insert a DataFrame into ``table`` by column name (bulk, through a registered view). The stored
    aggregates become stale until the caller refreshes them (``data.aggregates.refresh``)."""
    if df is None or len(df) == 0:
        return 0
    aggregates.mark_stale(con)
    cols = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]
    frame = df.copy()
    if "batch_id" in cols:
        frame["batch_id"] = batch_id
    use = [c for c in cols if c in frame.columns]
    con.register("_insert_frame", frame[use])
    try:
        col_list = ", ".join(db.duckdb_quote_ident(c) for c in use)
        con.execute(f"INSERT INTO {db.duckdb_quote_ident(table)} ({col_list}) "
                    f"SELECT {col_list} FROM _insert_frame")
    finally:
        try:
            con.unregister("_insert_frame")
        except Exception:  # the transaction is already aborted; the caller rolls back
            pass
    return len(frame)


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"
