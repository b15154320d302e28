"""LCRS figures read from the database for the summary JSON and the pages (Whole-Municipality, A-S-I)."""
from __future__ import annotations


def wma_summary(con, code: str, year: int) -> dict | None:
    """The summary-JSON ``wma`` block for one municipality-year, or None when there is no evidence."""
    return None


def asi_summary(con, code: str, year: int) -> dict | None:
    """The summary-JSON ``asi`` block for one municipality-year, or None when there are no actions."""
    return None
