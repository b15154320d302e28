"""Writing to the database: building it (init), bulk inserts of whole tables, batch bookkeeping."""
from __future__ import annotations

import getpass
import hashlib
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd

from data import aggregates, db, reference

# tables that hold user data (as opposed to reference data), in dependency order
DATA_TABLES = ["municipality", "activity", "ccf_notation", "indicator_value", "action", "scorecard"]


def init_database(path: str | Path | None = None, demo: bool = False, scale: str = "demo",
                  seed: int | None = None, progress=None) -> dict:
    """Create or migrate the database; with ``demo`` replace its data with the synthetic set.

    Refuses to load demo data into a database that already holds real (non-demo) data, so that real data
    never mixes with synthetic data.
    """
    from data import demo as demo_mod

    say = progress or (lambda msg: None)
    con = db.connect(path)
    try:
        applied = db.migrate(con)
        with db.transaction(con):
            reference.load_reference(con)
            if not demo:
                # the factor library may have changed; the demo path below rebuilds everything anyway
                aggregates.refresh(con)
        result = {"migrations_applied": applied, "schema_version": db.stored_schema_version(con)}
        if not demo:
            return result
        info = con.execute("SELECT is_demo FROM dataset_info WHERE id = 1").fetchone()
        has_rows = con.execute("SELECT count(*) FROM municipality").fetchone()[0] > 0
        if has_rows and (info is None or not info[0]):
            raise db.DatabaseError(
                "This database holds real data; demo data is never mixed with it. Use another --db path.",
                "ฐานข้อมูลนี้มีข้อมูลจริงอยู่แล้ว จะไม่ผสมข้อมูลสาธิตลงไป ให้ใช้ไฟล์อื่น (--db)",
            )
        say(f"generating {scale} data")
        data = demo_mod.generate(scale, seed if seed is not None else demo_mod.DEFAULT_SEED)
        say("writing tables")
        with db.transaction(con):
            for t in reversed(DATA_TABLES):
                con.execute(f"DELETE FROM {t}")  # constant table names
            con.execute("DELETE FROM import_batch")
            batch_id = new_batch(con, "demo", f"synthetic-{scale}-seed{data.seed}", _demo_digest(data),
                                 sum(len(df) for df in data.tables().values()), is_demo=True)
            for table, df in data.tables().items():
                insert_frame(con, table, df, batch_id)
                say(f"  {table}: {len(df):,} rows")
            con.execute("DELETE FROM dataset_info")
            con.execute("INSERT INTO dataset_info (id, is_demo, scale, seed, built_at, data_version) "
                        "VALUES (1, TRUE, ?, ?, ?, 1)", [scale, data.seed, _now()])
            say("pre-aggregating figures")
            aggregates.refresh(con)
        result.update({"scale": scale, "seed": data.seed,
                       "rows": {t: len(df) for t, df in data.tables().items()}})
        return result
    finally:
        con.close()


def ensure_dataset_row(con, is_demo: bool = False) -> None:
    """Create the dataset_info row for a database that receives its first real data."""
    if con.execute("SELECT count(*) FROM dataset_info").fetchone()[0] == 0:
        con.execute("INSERT INTO dataset_info (id, is_demo, scale, seed, built_at, data_version) "
                    "VALUES (1, ?, NULL, NULL, ?, 1)", [is_demo, _now()])


def new_batch(con, kind: str, file_name: str, sha256: str, rows: int, who: str | None = None,
              is_demo: bool = False) -> int:
    """Record an import batch and return its id."""
    batch_id = con.execute("SELECT nextval('import_batch_seq')").fetchone()[0]
    con.execute(
        "INSERT INTO import_batch (batch_id, kind, file_name, sha256, rows, imported_at, imported_by, is_demo) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        [batch_id, kind, file_name, sha256, rows, _now(), who or _user(), is_demo])
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


def _demo_digest(data) -> str:
    """SHA-256 over the generated tables' content (pandas' per-row hashes of every column, in table order)."""
    h = hashlib.sha256()
    for name, df in data.tables().items():
        h.update(name.encode())
        h.update(",".join(df.columns).encode())
        # hashing the columns as they are (not as text) is ~10x faster on the 1.2 M national rows
        h.update(pd.util.hash_pandas_object(df, index=False).values.tobytes())
    return h.hexdigest()


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "unknown"
