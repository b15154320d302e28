"""The dataset row (table ``dataset_info``, one row with id 1): what the database holds. The one place it is read."""
from __future__ import annotations

from data.store.table_writes import utc_now

FIELDS = ("is_demo", "scale", "seed", "built_at", "data_version")


def dataset_info(con) -> dict:
    """What the database holds: is_demo, scale, seed, built_at, data_version (empty dict if nothing yet)."""
    # fetchall, not fetchone: a half-read result would block the caller's next statement on this connection
    rows = con.execute("SELECT is_demo, scale, seed, built_at, data_version FROM dataset_info WHERE id = 1").fetchall()
    return dict(zip(FIELDS, rows[0])) if rows else {}


def is_demo(con) -> bool | None:
    """True for the synthetic demo set, False for real data, None for a fresh database with no data yet."""
    info = dataset_info(con)
    return bool(info["is_demo"]) if info else None


def ensure_dataset_row(con, is_demo: bool = False) -> None:
    """Create the dataset_info row for a database that receives its first real data."""
    if not dataset_info(con):
        con.execute("INSERT INTO dataset_info (id, is_demo, scale, seed, built_at, data_version) "
                    "VALUES (1, ?, NULL, NULL, ?, 1)", [is_demo, utc_now()])


def data_version(con) -> int:
    """Counter that increases with every write; 0 when the database has no dataset row yet."""
    return dataset_info(con).get("data_version", 0)


def bump_data_version(con) -> None:
    """Mark that data changed, so cached app queries keyed on the version refresh."""
    con.execute("UPDATE dataset_info SET data_version = data_version + 1 WHERE id = 1")
