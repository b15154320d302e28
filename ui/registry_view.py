"""The actions registry as a person reads it at national scale: searched, sorted and shown a page of rows at a
time, with the whole selection offered as a file made when a button is pressed.

A national registry holds ~12,000 actions: drawn as one grid it was 5.5 MB of messages to every visitor of the
actions page (bench/README.md). Search, sorting and paging here work on the whole selection, so nothing the
grid could find or order is lost; the grid still sorts the rows it shows.
"""
from __future__ import annotations

import math

import pandas as pd

PAGE_ROWS = 100
# the registry's own order first, then the figures a reader ranks actions by (largest first)
SORTS = ("registry", "budget_thb", "expected_tco2e", "achieved_tco2e")


def search(frame: pd.DataFrame, text: str, columns: list[str]) -> pd.DataFrame:
    """The rows of ``frame`` where any of ``columns`` contains ``text`` (case-insensitive, as typed: no pattern
    syntax); every row when ``text`` is blank."""
    needle = (text or "").strip().casefold()
    if not needle:
        return frame
    hit = pd.Series(False, index=frame.index)
    for col in columns:
        hit |= frame[col].astype("string").str.casefold().str.contains(needle, regex=False, na=False)
    return frame[hit]


def ordered(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """``frame`` in the registry's order (``by`` = "registry") or by column ``by``, largest first, missing
    values last; ties keep the registry's order."""
    if by == "registry" or by not in frame.columns:
        return frame
    return frame.sort_values(by, ascending=False, na_position="last", kind="stable")


def page_count(rows: int, per_page: int = PAGE_ROWS) -> int:
    """How many pages ``rows`` rows fill (at least one, so an empty selection still has its page)."""
    return max(1, math.ceil(rows / per_page))


def page_of(frame: pd.DataFrame, page: int, per_page: int = PAGE_ROWS) -> pd.DataFrame:
    """Rows of page ``page`` (1-based; a page past the end is the last page)."""
    page = min(max(1, int(page)), page_count(len(frame), per_page))
    return frame.iloc[(page - 1) * per_page: page * per_page]
