"""What a database holds, to prove in a test that an operation changed nothing (or exactly what it should)."""
from __future__ import annotations

from data.store.db import duckdb_quote_ident


def table_checksums(con) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent content hash of every user table (to prove nothing changed)."""
    out = {}
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
    for t in tables:
        # table names come from the catalogue, not from user input; identifiers cannot be bound parameters
        quoted = duckdb_quote_ident(t)
        n, h = con.execute(f"SELECT count(*), coalesce(sum(hash(x)), 0)::VARCHAR FROM {quoted} AS x").fetchone()
        out[t] = (n, h)
    return out
