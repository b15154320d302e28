"""Reads behind the honest figures: CFO rows by category and month at both factors (like-for-like reduction),
the yearly population, and which BASIC rows of a city inventory have neither a figure nor a notation key.

SQL only reads and sums (values bound as parameters; relation names are constants of ``data.emissions``);
the rules are in ``indicators.like_for_like`` and ``indicators.emissions``.
"""
from __future__ import annotations

import pandas as pd

from data import emissions as q
from indicators import catalogue as cat_mod
from indicators import emissions as em
from indicators import like_for_like as lfl

# the factor of the same activity valid in the municipality's base year (unit checked like the row's own)
_BASE_FACTOR_JOIN = (f"LEFT JOIN {q._EF_VIEW} fb ON fb.activity = a.activity "
                     "AND m.base_year BETWEEN fb.from_year AND fb.to_year "
                     "AND lower(trim(a.unit)) = lower(trim(fb.unit))")


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


def base_years_on(cur) -> pd.DataFrame:
    """code, base_year of every municipality (base_year NA where none is set)."""
    df = cur.execute("SELECT code, base_year FROM municipality").df()
    df["base_year"] = df["base_year"].astype("Int64")
    return df


def reduction_table_on(cur, pairs: pd.DataFrame) -> pd.DataFrame:
    """The like-for-like reduction (``indicators.like_for_like.reduction_table``) of the municipality-years
    in ``pairs`` (code, year), from the rows of a ``factor_cursor``."""
    return lfl.reduction_table(category_rows_on(cur), base_years_on(cur), pairs)


def category_effects(con, code: str, year: int, gwp_set: str = "AR5") -> pd.DataFrame:
    """Per CFO category of one municipality-year against its base year: category, status, base_t, year_t,
    change_t, activity_effect_t, factor_effect_t, missing_months (``indicators.like_for_like.why_table``);
    empty without a base year or a comparison. For the profile's "why" panel."""
    with q.factor_cursor(con, gwp_set, code) as cur:
        rows = category_rows_on(cur)
        base = cur.execute("SELECT base_year FROM municipality WHERE code = ?", [code]).fetchone()
    base_year = None if base is None or base[0] is None else int(base[0])
    return lfl.why_table(rows, code, base_year, int(year))


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


def basic_missing(con, code: str, year: int, ccf_rows: pd.DataFrame | None = None) -> list[str] | None:
    """The BASIC GPC reference numbers of one municipality-year with neither a figure nor a notation key
    (``indicators.emissions.basic_missing``); None when the municipality has no city inventory that year
    (no CCF row and no notation key). ``ccf_rows``: the year's ``data.emissions.ccf_rows`` if at hand."""
    if ccf_rows is None:
        ccf_rows = q.ccf_rows(con, code, int(year))
    with_figure = ccf_rows.loc[ccf_rows["tco2e"].notna(), "gpc_ref"].astype(str).tolist() if len(ccf_rows) else []
    keys = q.notation_keys(con, code, int(year))
    if not with_figure and keys.empty:
        return None
    return em.basic_missing(q.gpc_refs(con), with_figure, keys["gpc_ref"].astype(str).tolist())


def notation_rows_on(cur) -> pd.DataFrame:
    """Notation keys (municipality_code, year, gpc_ref) of the municipalities of a ``factor_cursor``."""
    return cur.execute(
        "SELECT n.municipality_code, n.year, n.gpc_ref FROM ccf_notation n "
        f"WHERE n.municipality_code IN (SELECT DISTINCT municipality_code FROM {q.ACTIVITY_RELATION})").df()


# the like-for-like and completeness columns added to the emission sums of ``data.summary`` (stored with them
# by ``data.aggregates``)
EXTRA_SUM_COLUMNS = ["reduction_t", "reduction_pct", "reduction_comparable", "activity_effect_pct",
                     "factor_effect_pct", "award_eligible", "reduction_missing", "reduction_reasons",
                     "cfo_s12", "cfo_landfill", "basic_missing_n"]
LANDFILL_CATEGORY = "waste"


def extra_sums_on(cur, pairs: pd.DataFrame, ccf_rows: pd.DataFrame) -> pd.DataFrame:
    """Per municipality-year of ``pairs`` (code, year) on a ``factor_cursor``: the like-for-like reduction
    (``indicators.like_for_like.reduction_table``), CFO scopes 1+2 (``cfo_s12``), the CFO waste category
    (``cfo_landfill``: landfill and incineration, shown apart from per-person scores) and the number of
    BASIC rows with neither a figure nor a notation key (``basic_missing_n``, from ``ccf_rows`` — the
    ``data.emissions.ccf_rows_on`` of the same cursor — and the notation keys). Columns code, year and
    ``EXTRA_SUM_COLUMNS``."""
    rows = category_rows_on(cur)
    pairs = pairs[["code", "year"]].drop_duplicates().astype({"year": int})
    red = lfl.reduction_table(rows, base_years_on(cur), pairs)
    scopes = cur.execute(
        f"SELECT a.municipality_code AS code, a.year, "
        f"sum(a.amount * f.kgco2e) FILTER (WHERE f.cfo_scope IN (1, 2)) / 1000.0 AS cfo_s12, "
        f"sum(a.amount * f.kgco2e) FILTER (WHERE f.cfo_category = ?) / 1000.0 AS cfo_landfill "
        f"FROM {q.ACTIVITY_RELATION} a {q._FACTOR_JOIN} "
        f"WHERE {q._IS_CFO} AND {q._UNIT_OK} AND f.cfo_scope IN (1, 2, 3) GROUP BY ALL",
        [LANDFILL_CATEGORY]).df()
    scopes["year"] = scopes["year"].astype(int)
    keys = ["municipality_code", "year"]
    basic = em.basic_missing_frame(ccf_rows, notation_rows_on(cur), q.gpc_refs(cur), tuple(keys))
    basic = basic.rename(columns={"municipality_code": "code"})[["code", "year", "basic_missing_n"]]
    basic["year"] = basic["year"].astype(int)
    out = red.merge(scopes, on=["code", "year"], how="left").merge(basic, on=["code", "year"], how="left")
    for c in ("cfo_s12", "cfo_landfill"):
        out[c] = out[c].astype("Float64")
    out["basic_missing_n"] = out["basic_missing_n"].astype("Int64")
    out["reduction_missing"] = out["reduction_missing"].astype(object)
    out["reduction_reasons"] = out["reduction_reasons"].astype(object)
    return out[["code", "year", *EXTRA_SUM_COLUMNS]]


def yearly_population(con, muni: pd.DataFrame, years: list[int]) -> pd.DataFrame:
    """code, year, population for every municipality of ``muni`` (code, population) and year: the imported
    population of that year where there is one, else the municipality's figure."""
    grid = muni[["code", "population"]].merge(pd.DataFrame({"year": [int(y) for y in years]}), how="cross")
    per_year = population_by_year(con)
    out = grid.merge(per_year.rename(columns={"population": "p_year"}), on=["code", "year"], how="left")
    out["population"] = out["p_year"].astype("Float64").fillna(out["population"].astype("Float64"))
    return out[["code", "year", "population"]]
