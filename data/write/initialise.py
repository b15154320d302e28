"""Building the database: create or migrate it, load the reference tables, optionally the synthetic demo set."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd

from data.demo import generator
from data.figures import refresh
from data.store import db, reference
from data.store.table_writes import DATA_TABLES, insert_frame, new_batch, utc_now


def init_database(path: str | Path | None = None, demo: bool = False, scale: str = "demo",
                  seed: int | None = None, progress=None) -> dict:
    """Create or migrate the database; with ``demo`` replace its data with the synthetic set.

    Refuses to load demo data into a database that already holds real (non-demo) data, so that real data
    never mixes with synthetic data.
    """
    say = progress or (lambda msg: None)
    con = db.connect(path)
    try:
        applied = db.migrate(con)
        with db.transaction(con):
            reference.load_reference(con)
            if not demo:
                # the factor library may have changed; the demo path below rebuilds everything anyway
                refresh.stored_figures(con)
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
        data = generator.generate(scale, seed if seed is not None else generator.DEFAULT_SEED)
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
                        "VALUES (1, TRUE, ?, ?, ?, 1)", [scale, data.seed, utc_now()])
            say("pre-aggregating figures")
            refresh.stored_figures(con)
        result.update({"scale": scale, "seed": data.seed,
                       "rows": {t: len(df) for t, df in data.tables().items()}})
        return result
    finally:
        con.close()


def _demo_digest(data) -> str:
    """SHA-256 over the generated tables' content (pandas' per-row hashes of every column, in table order)."""
    h = hashlib.sha256()
    for name, df in data.tables().items():
        h.update(name.encode())
        h.update(",".join(df.columns).encode())
        # hashing the columns as they are (not as text) is ~10x faster on the 1.2 M national rows
        h.update(pd.util.hash_pandas_object(df, index=False).values.tobytes())
    return h.hexdigest()
