"""Reference data: emission factors, GWP sets, GPC reference numbers, indicator catalogue, provinces.

Reference tables are replaced as a whole from the CSV files in ``data/reference/`` (the versioned source of
truth, reviewed in git) and from the offline gazetteer packages. Loading is idempotent.
"""
from __future__ import annotations

import dataclasses
import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pandas as pd

REFERENCE_DIR = Path(__file__).resolve().parent.parent / "reference"

# CSV file -> table. A file that is not there yet is skipped (its table stays empty).
REFERENCE_TABLES = {
    "emission_factors.csv": "emission_factor",
    "gwp.csv": "gwp",
    "gpc_refs.csv": "gpc_ref",
    "indicators.csv": "indicator_def",
}

# Thailand's six geographic regions (National Geographical Committee, 1977) keyed by DOPA province code.
REGIONS = {
    "N": ("ภาคเหนือ", "North"),
    "NE": ("ภาคตะวันออกเฉียงเหนือ", "Northeast"),
    "C": ("ภาคกลาง", "Central"),
    "E": ("ภาคตะวันออก", "East"),
    "W": ("ภาคตะวันตก", "West"),
    "S": ("ภาคใต้", "South"),
}
_REGION_BY_PROVINCE = {
    **{c: "C" for c in ["10", "11", "12", "13", "14", "15", "16", "17", "18", "19", "26", "60", "61",
                         "62", "64", "66", "67", "72", "73", "74", "75"]},
    **{c: "E" for c in ["20", "21", "22", "23", "24", "25", "27"]},
    **{c: "NE" for c in ["30", "31", "32", "33", "34", "35", "36", "37", "38", "39", "40", "41", "42", "43",
                          "44", "45", "46", "47", "48", "49"]},
    **{c: "N" for c in ["50", "51", "52", "53", "54", "55", "56", "57", "58", "65"]},
    **{c: "W" for c in ["63", "70", "71", "76", "77"]},
    **{c: "S" for c in ["80", "81", "82", "83", "84", "85", "86", "90", "91", "92", "93", "94", "95", "96"]},
}


def region_of(province_code: str) -> str:
    """Region code (N, NE, C, E, W, S) of a DOPA province code."""
    return _REGION_BY_PROVINCE[province_code]


@lru_cache(maxsize=1)
def provinces() -> pd.DataFrame:
    """The 77 provinces from ``geothai`` with region and a representative point (countrystatecity, ODbL)."""
    import geothai

    df = pd.DataFrame([dataclasses.asdict(p) for p in geothai.provinces()])
    df = df.rename(columns={"code": "province_code"})
    states_path = files("countrystatecity_countries") / "data" / "by-country" / "TH" / "states.json"
    states = pd.DataFrame(json.loads(states_path.read_text(encoding="utf-8")))
    states = states[["state_code", "latitude", "longitude"]].rename(
        columns={"state_code": "province_code", "latitude": "lat", "longitude": "lon"})
    df = df.merge(states, on="province_code", how="left")
    df["lat"] = pd.to_numeric(df["lat"])
    df["lon"] = pd.to_numeric(df["lon"])
    df["region_code"] = df["province_code"].map(_REGION_BY_PROVINCE)
    return df[["province_code", "name_th", "name_en", "region_code", "lat", "lon"]]


@lru_cache(maxsize=1)
def districts() -> pd.DataFrame:
    """All 928 districts from ``geothai`` (code, name_th, name_en, province_code)."""
    import geothai

    return pd.DataFrame([dataclasses.asdict(d) for p in geothai.provinces() for d in geothai.districts(p.code)])


def read_reference_csv(name: str) -> pd.DataFrame | None:
    """One reference CSV as strings-and-numbers DataFrame, or None if the file does not exist."""
    path = REFERENCE_DIR / name
    if not path.exists():
        return None
    return pd.read_csv(path, dtype_backend="numpy_nullable", keep_default_na=True)


def load_reference(con) -> dict[str, int]:
    """Replace every reference table from its source; return rows loaded per table."""
    loaded = {}
    reg = pd.DataFrame([(k, th, en) for k, (th, en) in REGIONS.items()],
                       columns=["region_code", "name_th", "name_en"])
    for table, df in [("region", reg), ("province", provinces())]:
        _replace(con, table, df)
        loaded[table] = len(df)
    for csv_name, table in REFERENCE_TABLES.items():
        df = read_reference_csv(csv_name)
        if df is None:
            continue
        _replace(con, table, df)
        loaded[table] = len(df)
    return loaded


def _replace(con, table: str, df: pd.DataFrame) -> None:
    cols = [r[0] for r in con.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = ? ORDER BY ordinal_position",
        [table]).fetchall()]
    missing = [c for c in cols if c not in df.columns]
    for c in missing:
        df = df.assign(**{c: None})
    frame = df[cols]
    con.register("_ref_frame", frame)
    try:
        # table and column names come from this module's constants and the catalogue, never from user input
        from data.store.db import duckdb_quote_ident as q

        col_list = ", ".join(q(c) for c in cols)
        con.execute(f"DELETE FROM {q(table)}")
        con.execute(f"INSERT INTO {q(table)} ({col_list}) SELECT {col_list} FROM _ref_frame")
    finally:
        con.unregister("_ref_frame")
