"""Reads behind the honest figures: CFO rows by category and month at both factors (like-for-like reduction),
base years, the yearly population and the notation keys of a ``factor_cursor``'s municipalities.

SQL only reads and sums (values bound as parameters; relation names are constants of ``emission_rows``); the
rules are in ``indicators.like_for_like`` and ``indicators.emissions``.
"""
from __future__ import annotations

import pandas as pd

from data.queries import emission_rows as q
from indicators import catalogue as cat_mod
from indicators import like_for_like as lfl

# the factor of the same activity valid in the municipality's base year (unit checked like the row's own)
_BASE_FACTOR_JOIN = (f"LEFT JOIN {q._EF_VIEW} fb ON fb.activity = a.activity "
                     "AND m.base_year BETWEEN fb.from_year AND fb.to_year "
                     "AND lower(trim(a.unit)) = lower(trim(fb.unit))")
LANDFILL_CATEGORY = "waste"


def category_rows_on(cur) -> pd.DataFrame:
    """CFO tCO2e per municipality, year, CFO category and month (NA = annual rows) on a ``factor_cursor``:
    ``tco2e`` at the factor valid in the row's year and ``tco2e_base_factors`` at the factor valid in the
    municipality's base year (its own year's factor where the library had none then). Rows of amount 0 are
    kept: a report of zero is a report (``indicators.like_for_like``). Columns ``lfl.ROW_COLUMNS``."""
    df = cur.execute(
        f"SELECT a.municipality_code AS code, a.year, f.cfo_category AS category, a.month, "
        f"sum(a.amount * f.kgco2e) / 1000.0 AS tco2e, "
        f"sum(a.amount * coalesce(fb.kgco2e, f.kgco2e)) / 1000.0 AS tco2e_base_factors "
        f"FROM {q.ACTIVITY_RELATION} a JOIN municipality m ON m.code = a.municipality_code "
        f"{q._FACTOR_JOIN} {_BASE_FACTOR_JOIN} "
        f"WHERE {q._IS_CFO} AND {q._UNIT_OK} AND f.cfo_scope IN (1, 2, 3) GROUP BY ALL").df()
    df["month"] = df["month"].astype("Int64")
    df["year"] = df["year"].astype(int)
    return df[lfl.ROW_COLUMNS]


def scope_sums_on(cur) -> pd.DataFrame:
    """CFO tCO2e per municipality-year of a ``factor_cursor``: scopes 1+2 (``cfo_s12``) and the CFO waste
    category (``cfo_landfill``: landfill and incineration, shown apart from per-person scores)."""
    df = cur.execute(
        f"SELECT a.municipality_code AS code, a.year, "
        f"sum(a.amount * f.kgco2e) FILTER (WHERE f.cfo_scope IN (1, 2)) / 1000.0 AS cfo_s12, "
        f"sum(a.amount * f.kgco2e) FILTER (WHERE f.cfo_category = ?) / 1000.0 AS cfo_landfill "
        f"FROM {q.ACTIVITY_RELATION} a {q._FACTOR_JOIN} "
        f"WHERE {q._IS_CFO} AND {q._UNIT_OK} AND f.cfo_scope IN (1, 2, 3) GROUP BY ALL",
        [LANDFILL_CATEGORY]).df()
    df["year"] = df["year"].astype(int)
    return df


def base_years_on(cur) -> pd.DataFrame:
    """code, base_year of every municipality (base_year NA where none is set)."""
    df = cur.execute("SELECT code, base_year FROM municipality").df()
    df["base_year"] = df["base_year"].astype("Int64")
    return df


def base_year_of(con, code: str) -> int | None:
    """The base year of one municipality (None when unset or unknown)."""
    row = con.execute("SELECT base_year FROM municipality WHERE code = ?", [code]).fetchone()
    return None if row is None or row[0] is None else int(row[0])


def notation_rows_on(cur) -> pd.DataFrame:
    """Notation keys (municipality_code, year, gpc_ref) of the municipalities of a ``factor_cursor``."""
    return cur.execute(
        "SELECT n.municipality_code, n.year, n.gpc_ref FROM ccf_notation n "
        f"WHERE n.municipality_code IN (SELECT DISTINCT municipality_code FROM {q.ACTIVITY_RELATION})").df()


def population_by_year(con, code: str | None = None) -> pd.DataFrame:
    """Population per municipality and year: code, year, population — the imported ``population`` indicator
    of that year (latest import wins; rolled-back batches ignored). Years without one are not listed (the
    caller falls back to the municipality's single figure)."""
    conds = ["v.indicator_code = ?", "(b.status IS NULL OR b.status = 'active')", "v.value IS NOT NULL"]
    params: list = [cat_mod.POPULATION_INDICATOR]
    if code is not None:
        conds.append("v.municipality_code = ?")
        params.append(code)
    df = con.execute(
        "SELECT v.municipality_code AS code, v.year, v.value AS population FROM indicator_value v "
        "LEFT JOIN import_batch b ON b.batch_id = v.batch_id "
        f"WHERE {' AND '.join(conds)} ORDER BY v.batch_id NULLS FIRST", params).df()
    df = df.drop_duplicates(["code", "year"], keep="last")
    df["year"] = df["year"].astype(int)
    return df.reset_index(drop=True)
