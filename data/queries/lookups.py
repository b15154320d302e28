"""Read queries used by the pages (all values bound as parameters)."""
from __future__ import annotations

import pandas as pd

MUNICIPALITY_COLUMNS = ("m.code, m.name_th, m.name_en, m.type, m.province_code, p.name_th AS province_th, "
                        "p.name_en AS province_en, p.region_code, r.name_th AS region_th, r.name_en AS region_en, "
                        "population, area_km2, m.lat, m.lon, role, mentor_code, base_year, joined_year")


def dataset_info(con) -> dict:
    """What the database holds: is_demo, scale, seed, built_at, data_version (empty dict if nothing yet)."""
    row = con.execute("SELECT is_demo, scale, seed, built_at, data_version FROM dataset_info WHERE id = 1").fetchone()
    if row is None:
        return {}
    return dict(zip(["is_demo", "scale", "seed", "built_at", "data_version"], row))


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


def emission_factors(con) -> pd.DataFrame:
    """The emission-factor library as stored."""
    return con.execute("SELECT * FROM emission_factor ORDER BY activity, valid_from").df()


def provinces(con) -> pd.DataFrame:
    """Provinces with region names."""
    return con.execute(
        "SELECT p.*, r.name_th AS region_th, r.name_en AS region_en FROM province p "
        "JOIN region r USING (region_code) ORDER BY province_code").df()


def gwp_table(con) -> pd.DataFrame:
    """GWP values by set and gas, with sources."""
    return con.execute("SELECT gwp_set, gas, value, source FROM gwp ORDER BY gas, gwp_set").df()


def gpc_refs(con) -> pd.DataFrame:
    """GPC v1.1 reference numbers with scope and reporting level."""
    return con.execute("SELECT * FROM gpc_ref ORDER BY gpc_ref").df()


def indicator_catalogue(con) -> pd.DataFrame:
    """The LCRS indicator catalogue."""
    return con.execute("SELECT * FROM indicator_def ORDER BY theme, dimension, indicator_code").df()
