"""Reads of the municipality list and of the reference tables (factor library, GWP sets, GPC numbers): the one
read of each, cached on its content (all values bound as parameters)."""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from data.store import db, reference

MUNICIPALITY_COLUMNS = ("m.code, m.name_th, m.name_en, m.type, m.province_code, p.name_th AS province_th, "
                        "p.name_en AS province_en, p.region_code, r.name_th AS region_th, r.name_en AS region_en, "
                        "population, area_km2, m.lat, m.lon, role, mentor_code, base_year, joined_year")


def municipalities(con) -> pd.DataFrame:
    """Every municipality with its province and region names."""
    return con.execute(
        f"SELECT {MUNICIPALITY_COLUMNS} FROM municipality m "
        "JOIN province p ON p.province_code = m.province_code "
        "JOIN region r ON r.region_code = p.region_code ORDER BY code").df()


def municipality(con, code: str) -> dict | None:
    """One municipality as a dict, or None if the code is unknown."""
    df = con.execute(
        f"SELECT {MUNICIPALITY_COLUMNS} FROM municipality m "
        "JOIN province p ON p.province_code = m.province_code "
        "JOIN region r ON r.region_code = p.region_code WHERE code = ?", [code]).df()
    return None if df.empty else df.iloc[0].to_dict()


def activity_years(con) -> list[int]:
    """Years that have any activity data, ascending."""
    return [r[0] for r in con.execute("SELECT DISTINCT year FROM activity ORDER BY year").fetchall()]


def provinces(con) -> pd.DataFrame:
    """Provinces with region names."""
    return con.execute(
        "SELECT p.*, r.name_th AS region_th, r.name_en AS region_en FROM province p "
        "JOIN region r USING (region_code) ORDER BY province_code").df()


# --- reference tables: the one read of each, cached on its content ---------------------------------------------------------------------------------------

def table_key(con, table: str, csv_name: str) -> tuple:
    """The content of a small reference table as a hashable (columns, rows) pair: from the database, or from
    its CSV when the table is still empty (a database built before the table was filled; ``python -m data init``
    reloads it). Keying caches on the content keeps them right after any reload."""
    cur = con.execute(f"SELECT * FROM {db.duckdb_quote_ident(table)}")  # constant table names
    rows = cur.fetchall()
    cols = tuple(d[0] for d in cur.description)
    if not rows:
        csv = reference.read_reference_csv(csv_name)
        csv = csv.astype(object).where(csv.notna(), None)
        return tuple(csv.columns), tuple(map(tuple, csv.itertuples(index=False)))
    return cols, tuple(rows)


@lru_cache(maxsize=32)
def frame_of(key: tuple) -> pd.DataFrame:
    cols, rows = key
    return pd.DataFrame(list(rows), columns=list(cols)).convert_dtypes(dtype_backend="numpy_nullable")


def factor_library(con) -> pd.DataFrame:
    """The emission-factor library as stored (one row per factor and validity period)."""
    return frame_of(table_key(con, "emission_factor", "emission_factors.csv")).copy()


def gwp_table(con) -> pd.DataFrame:
    """GWP-100 values by set and gas (columns gwp_set, gas, value, source)."""
    return frame_of(table_key(con, "gwp", "gwp.csv")).copy()


def gpc_refs(con) -> pd.DataFrame:
    """GPC v1.1 reference numbers with sector, sub-sector, names, scope and reporting level (``level``)."""
    g = frame_of(table_key(con, "gpc_ref", "gpc_refs.csv"))
    return g.rename(columns={"reporting_level": "level"})
