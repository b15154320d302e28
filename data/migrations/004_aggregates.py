"""004: schema ``agg`` for the pre-aggregated figures (``data.aggregates``), built for the data already stored."""
from data import aggregates


def migrate(con):
    aggregates.ensure_schema(con)
    aggregates.refresh(con)
