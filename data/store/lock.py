"""The write lock: one writer at a time per process (the app shares one connection between sessions)."""
from __future__ import annotations

import contextlib
import threading

# every write path (import, rollback, restore, the app's writer()) takes it, whichever one runs first
WRITE_LOCK = threading.RLock()


@contextlib.contextmanager
def own_cursor(con):
    """A separate DuckDB connection handle on the same database, closed afterwards."""
    cur = con.cursor()
    try:
        yield cur
    finally:
        cur.close()
