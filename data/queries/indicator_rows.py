"""Reads of the LCRS rows: the indicator catalogue, imported indicator values, UNDRR scorecard answers and the
A-S-I action registry (values bound as parameters, identifiers from constants; no scoring here).

Rows of rolled-back import batches are left out; indicator values come oldest batch first, so that the scoring
(``indicators.wma.scored_values``) keeps the latest of duplicates.
"""
from __future__ import annotations

import contextlib
from functools import lru_cache
from typing import Iterator

import pandas as pd

from data.store import reference
from indicators import catalogue as cat_mod

# rows of an active (or batch-less) import only
_ACTIVE = "(b.status IS NULL OR b.status = 'active')"
_CODES = "_lcrs_wma_codes"   # a registered frame of municipality codes (aggregate refresh)
_VALUE_COLUMNS = "v.municipality_code, v.year, v.indicator_code, v.value, v.evidence"
_SCORECARD_COLUMNS = "s.municipality_code, s.year, s.level, s.essential, s.question, s.score"
_ACTION_COLUMNS = ", ".join(f"a.{c}" for c in [
    "action_id", "municipality_code", "title_th", "title_en", "theme", "dimension", "asi", "undrr_essential",
    "gpc_sector", "department", "status", "start_year", "end_year", "budget_thb", "expected_tco2e", "achieved_tco2e",
    "bike_lane_km", "co_benefits"])


def _filters(alias: str, code: str | None, year: int | None, codes: bool = False) -> tuple[str, list]:
    conds, params = [_ACTIVE], []
    if code is not None:
        conds.append(f"{alias}.municipality_code = ?")
        params.append(code)
    if codes:
        conds.append(f"{alias}.municipality_code IN (SELECT code FROM {_CODES})")
    if year is not None:
        conds.append(f"{alias}.year = ?")
        params.append(int(year))
    return " AND ".join(conds), params


def catalogue(con) -> pd.DataFrame:
    """The indicator catalogue (table indicator_def) in theme, dimension, code order."""
    df = con.execute("SELECT * FROM indicator_def ORDER BY indicator_code").df()
    order = {t: i for i, t in enumerate(cat_mod.THEMES)}
    df = df.sort_values(["theme", "dimension", "indicator_code"], kind="stable",
                        key=lambda s: s.map(order) if s.name == "theme" else s)
    return df.reset_index(drop=True)


def indicator_values(con, code: str | None = None, year: int | None = None, words: bool = True,
                     codes: bool = False) -> pd.DataFrame:
    """Imported indicator values (municipality_code, year, indicator_code, value, evidence), oldest batch
    first so that ``wma.scored_values`` keeps the latest of duplicates. Without ``words`` the evidence column
    is left empty (the network matrix does not show it, and moving ~150k texts to pandas is most of the read);
    ``codes``: only the municipalities of the frame registered by ``only_codes``."""
    where, params = _filters("v", code, year, codes)
    cols = _VALUE_COLUMNS if words else _VALUE_COLUMNS.replace("v.evidence", "CAST(NULL AS VARCHAR) AS evidence")
    return con.execute(
        f"SELECT {cols} FROM indicator_value v LEFT JOIN import_batch b ON b.batch_id = v.batch_id "
        f"WHERE {where} ORDER BY v.batch_id NULLS FIRST", params).df()


def scorecard_rows(con, code: str | None = None, year: int | None = None, codes: bool = False) -> pd.DataFrame:
    """UNDRR scorecard answers (municipality_code, year, level, essential, question, score); ``codes``: only the
    municipalities of the frame registered by ``only_codes``."""
    where, params = _filters("s", code, year, codes)
    return con.execute(
        f"SELECT {_SCORECARD_COLUMNS} FROM scorecard s LEFT JOIN import_batch b ON b.batch_id = s.batch_id "
        f"WHERE {where} ORDER BY s.municipality_code, s.year, s.level, s.essential, s.question", params).df()


@contextlib.contextmanager
def only_codes(con, codes: list[str] | None) -> Iterator[bool]:
    """Register ``codes`` for the reads above (``codes=True``) while the block runs; yields whether it did
    (nothing is registered when ``codes`` is None)."""
    if codes is None:
        yield False
        return
    con.register(_CODES, pd.DataFrame({"code": pd.Series(list(codes), dtype=object)}))
    try:
        yield True
    finally:
        con.unregister(_CODES)


def actions(con, code: str | None = None) -> pd.DataFrame:
    """The A-S-I action registry (every municipality, or one), ordered by municipality and action id."""
    conds, params = [_ACTIVE], []
    if code is not None:
        conds.append("a.municipality_code = ?")
        params.append(code)
    return con.execute(
        f"SELECT {_ACTION_COLUMNS} FROM action a LEFT JOIN import_batch b ON b.batch_id = a.batch_id "
        f"WHERE {' AND '.join(conds)} ORDER BY a.municipality_code, a.action_id", params).df()


def action_status_rows(con, code: str) -> pd.DataFrame:
    """The columns the summary's A-S-I block uses (asi, status, start_year, achieved_tco2e) of one
    municipality's actions, in registry order."""
    # only these columns: this is part of every summary JSON
    where, params = _filters("a", code, None)
    return con.execute(
        "SELECT a.asi, a.theme, a.status, a.start_year, a.achieved_tco2e FROM action a "
        f"LEFT JOIN import_batch b ON b.batch_id = a.batch_id WHERE {where} "
        "ORDER BY a.municipality_code, a.action_id", params).df()


@lru_cache(maxsize=1)
def undrr_questions() -> pd.DataFrame:
    """The preliminary-level question list (level, essential, question, title_th, title_en) from
    data/reference/undrr_questions.csv; short titles paraphrased by this project."""
    return reference.read_reference_csv("undrr_questions.csv")
