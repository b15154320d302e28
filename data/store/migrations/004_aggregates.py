"""004: schema ``agg`` for the pre-aggregated figures (``data.store.aggregates``). The figures themselves are
built by the write that follows every migration (``init``, import, restore refresh them)."""
from data.store import aggregates


def migrate(con):
    aggregates.ensure_schema(con)
