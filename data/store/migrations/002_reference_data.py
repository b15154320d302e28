"""002: load reference tables (factors, GWP, GPC, indicator catalogue, provinces) from data/reference/."""
from data.store.reference import load_reference


def migrate(con):
    load_reference(con)
