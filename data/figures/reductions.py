"""The honest figures of a municipality-year: the like-for-like reduction against the base year with its
split (``indicators.like_for_like``), CFO scopes 1+2 and landfill apart for per-person figures, the yearly
population, and the BASIC rows of a city inventory with neither a figure nor a notation key."""
from __future__ import annotations

import pandas as pd

from data.queries import emission_rows as q
from data.queries import reduction_rows as rr
from indicators import emissions as em
from indicators import like_for_like as lfl

# the like-for-like and completeness columns added to the emission sums of ``inventories`` (stored with them)
EXTRA_SUM_COLUMNS = ["reduction_t", "reduction_pct", "reduction_comparable", "activity_effect_pct",
                     "factor_effect_pct", "award_eligible", "reduction_missing", "reduction_reasons",
                     "cfo_s12", "cfo_landfill", "basic_missing_n"]


def extra_sums_on(cur, pairs: pd.DataFrame, ccf_rows: pd.DataFrame, ccf_year: int | None = None) -> pd.DataFrame:
    """Per municipality-year of ``pairs`` (code, year) on a ``factor_cursor``: the like-for-like reduction
    (``indicators.like_for_like.reduction_table``), CFO scopes 1+2 (``cfo_s12``), the CFO waste category
    (``cfo_landfill``) and the number of BASIC rows with neither a figure nor a notation key
    (``basic_missing_n``, from ``ccf_rows`` — ``emission_rows.ccf_rows_on`` of the same cursor, of
    ``ccf_year`` only when given — and the notation keys of the same years). Columns code, year and
    ``EXTRA_SUM_COLUMNS``."""
    pairs = pairs[["code", "year"]].drop_duplicates().astype({"year": int})
    red = lfl.reduction_table(rr.category_rows_on(cur), rr.base_years_on(cur), pairs)
    scopes = rr.scope_sums_on(cur)
    keys = ["municipality_code", "year"]
    notation = rr.notation_rows_on(cur)
    if ccf_year is not None:
        notation = notation[notation["year"] == int(ccf_year)]
    basic = em.basic_missing_frame(ccf_rows, notation, q.gpc_refs(cur), tuple(keys))
    basic = basic.rename(columns={"municipality_code": "code"})[["code", "year", "basic_missing_n"]]
    basic["year"] = basic["year"].astype(int)
    out = red.merge(scopes, on=["code", "year"], how="left").merge(basic, on=["code", "year"], how="left")
    for c in ("cfo_s12", "cfo_landfill"):
        out[c] = out[c].astype("Float64")
    out["basic_missing_n"] = out["basic_missing_n"].astype("Int64")
    return out[["code", "year", *EXTRA_SUM_COLUMNS]]


def category_effects(con, code: str, year: int, gwp_set: str = "AR5") -> pd.DataFrame:
    """Per CFO category of one municipality-year against its base year: category, status, base_t, year_t,
    change_t, activity_effect_t, factor_effect_t, missing_months (``indicators.like_for_like.why_table``,
    documented there); empty without a base year or a comparison. For the profile's "why" panel."""
    with q.factor_cursor(con, gwp_set, code) as cur:
        rows = rr.category_rows_on(cur)
    return lfl.why_table(rows, code, rr.base_year_of(con, code), int(year))


def yearly_population(con, muni: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """code, year, population for every municipality of ``muni`` (code, population) and year: the imported
    population of that year where there is one, else the municipality's figure."""
    grid = muni[["code", "population"]].merge(pd.DataFrame({"year": [int(y) for y in years]}), how="cross")
    per_year = rr.population_by_year(con)
    out = grid.merge(per_year.rename(columns={"population": "p_year"}), on=["code", "year"], how="left")
    out["population"] = out["p_year"].astype("Float64").fillna(out["population"].astype("Float64"))
    return out[["code", "year", "population"]]


def basic_missing(con, code: str, year: int, ccf_rows: pd.DataFrame | None = None) -> list[str] | None:
    """The BASIC GPC reference numbers of one municipality-year with neither a figure nor a notation key
    (``indicators.emissions.basic_missing``); None when the municipality has no city inventory that year
    (no CCF figure and no notation key). ``ccf_rows``: the year's ``emission_rows.ccf_rows`` if at hand."""
    if ccf_rows is None:
        ccf_rows = q.ccf_rows(con, code, int(year))
    with_figure = ccf_rows.loc[ccf_rows["tco2e"].notna(), "gpc_ref"].astype(str).tolist() if len(ccf_rows) else []
    keys = q.notation_keys(con, code, int(year))
    if not with_figure and keys.empty:
        return None
    return em.basic_missing(q.gpc_refs(con), with_figure, keys["gpc_ref"].astype(str).tolist())
