"""The CFO and CCF inventories per municipality and year: the network table, a municipality's trend, and the
drill-down tables (activity rows with their factors, CFO by category, the GPC table, landfill, target outlook).

``network_summary`` computes every municipality-year at once (DuckDB does the joins and sums in
``data.queries.emission_rows``, pandas the GPC rules and the landfill model); ``municipality_trend`` runs the
same path for one municipality, so the figures on a municipality page and on the network map cannot disagree.
Both read the stored copy (``data.store.aggregates``) instead when ``freshness`` finds it current.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from data.figures import freshness, reductions
from data.queries import emission_rows, reduction_rows
from data.store import aggregates, db
from indicators import emissions as em
from indicators import gwp as gwp_mod
from indicators import like_for_like as lfl
from indicators import targets
from indicators import waste

TCO2E_DECIMALS = 3       # kg precision in the summary JSON and reports
PER_CAPITA_DECIMALS = 6

NETWORK_COLUMNS = (["code", "year", "cfo_scope1", "cfo_scope2", "cfo_scope3", "cfo_total",
                    "ccf_basic", "ccf_basic_plus"] + [f"ccf_{s}" for s in em.SECTORS]
                   + ["base_year", "base_total", "reduction_pct", "award_eligible", "per_capita", "population",
                      "per_area", "area_km2",
                      # like for like (indicators.like_for_like), per person apart from landfill, completeness
                      "reduction_t", "reduction_comparable", "activity_effect_pct", "factor_effect_pct",
                      "reduction_missing", "reduction_reasons", "cfo_s12", "cfo_landfill", "per_capita_s12",
                      "landfill_per_capita", "basic_missing_n"])
# the emission figures stored per municipality-year in data.store.aggregates
SUM_COLUMNS = (["cfo_scope1", "cfo_scope2", "cfo_scope3", "cfo_total", "ccf_basic", "ccf_basic_plus"]
               + [f"ccf_{s}" for s in em.SECTORS] + reductions.EXTRA_SUM_COLUMNS)
_TEXT_COLUMNS = ("reduction_missing", "reduction_reasons")
_BOOL_COLUMNS = ("reduction_comparable", "award_eligible")
_INT_COLUMNS = ("basic_missing_n",)


class UnknownMunicipality(db.DatabaseError):
    """No municipality with this code in the database."""

    def __init__(self, code: str):
        super().__init__(f"Unknown municipality code {code!r}: no such LAO in the database.",
                         f"ไม่พบรหัส อปท. {code!r} ในฐานข้อมูล")
        self.code = code


def optional_int(x) -> int | None:
    """``x`` as an int, None when it is missing (None, NA or NaN)."""
    return None if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)) else int(x)


# --- the network table ------------------------------------------------------------------------------------------

def municipality_rows(con, code: str | None) -> pd.DataFrame:
    conds, params = (["code = ?"], [code]) if code is not None else ([], [])
    where = ("WHERE " + conds[0]) if conds else ""
    return con.execute(f"SELECT code, population, area_km2, base_year FROM municipality {where} ORDER BY code",
                       params).df()


def _years(con, code: str | None, year: int | None) -> list[int]:
    if year is not None:
        return [int(year)]
    conds, params = (["municipality_code = ?"], [code]) if code is not None else ([], [])
    where = ("WHERE " + conds[0]) if conds else ""
    # emission_rows.ACTIVITY_RELATION is the cursor's (possibly per-municipality) activity relation
    return [int(r[0]) for r in con.execute(f"SELECT DISTINCT year FROM {emission_rows.ACTIVITY_RELATION} {where} ORDER BY 1",
                                           params).fetchall()]


def emission_sums_on(cur, gwp_set: str = gwp_mod.DEFAULT_GWP_SET,
                     landfill_method: str = emission_rows.DEFAULT_LANDFILL_METHOD, ccf_year: int | None = None) -> pd.DataFrame:
    """The emission figures of every municipality-year with activity rows in a ``factor_cursor`` (all of them,
    or the municipalities it was opened for): code, year and ``SUM_COLUMNS`` (CFO by scope and total, CCF
    BASIC / BASIC+ and by sector; Float64, NA where missing; the like-for-like reduction and its split,
    scopes 1+2, landfill and BASIC completeness of ``reductions.extra_sums_on``). ``ccf_year`` limits the city
    inventory to one year. This is what ``data.store.aggregates`` stores; ``_assemble`` adds the base year and
    the intensities."""
    pairs = cur.execute(f"SELECT DISTINCT municipality_code AS code, year FROM {emission_rows.ACTIVITY_RELATION}").df()
    pairs["year"] = pairs["year"].astype("Int64")
    keys = ["municipality_code", "year"]
    cfo = emission_rows.cfo_scope_sums_on(cur).rename(columns={"municipality_code": "code", "scope1": "cfo_scope1",
                                                   "scope2": "cfo_scope2", "scope3": "cfo_scope3",
                                                   "total": "cfo_total"})
    ccf_rows = emission_rows.ccf_rows_on(cur, None, ccf_year, gwp_set, landfill_method)
    ccf = em.ccf_totals(ccf_rows, keys)
    extra = reductions.extra_sums_on(cur, pairs, ccf_rows, ccf_year)
    ccf = ccf.rename(columns={"municipality_code": "code", "basic": "ccf_basic", "basic_plus": "ccf_basic_plus",
                              **{s: f"ccf_{s}" for s in em.SECTORS}})
    for part in (cfo, ccf):
        part["year"] = part["year"].astype("Int64")
    extra["year"] = extra["year"].astype("Int64")
    out = pairs.merge(cfo, on=["code", "year"], how="left").merge(ccf, on=["code", "year"], how="left")
    out = out.merge(extra, on=["code", "year"], how="left")
    return _typed(out[["code", "year", *SUM_COLUMNS]]).sort_values(["code", "year"]).reset_index(drop=True)


def _typed(df: pd.DataFrame) -> pd.DataFrame:
    """The sum columns with their types: text (";"-joined tokens, "" when none, pandas' default "str" as the
    stored aggregates read it back), boolean, Int64, Float64."""
    for c in SUM_COLUMNS:
        if c not in df:
            continue
        if c in _TEXT_COLUMNS:
            df[c] = df[c].astype(object).where(df[c].notna(), "").astype(pd.StringDtype(na_value=np.nan))
        elif c in _BOOL_COLUMNS:
            df[c] = df[c].astype("boolean")
        elif c in _INT_COLUMNS:
            df[c] = df[c].astype("Int64")
        else:
            df[c] = df[c].astype("Float64")
    return df


def _assemble(muni: pd.DataFrame, years: list[int], sums: pd.DataFrame,
              population: pd.DataFrame | None = None) -> pd.DataFrame:
    """The network table from municipalities (code, population, area_km2, base_year), the years of the grid,
    the emission sums (``emission_sums_on``, which carry the like-for-like reduction, its split and the award
    of ``indicators.like_for_like``) and the population of each year (``population``: code, year,
    population; the municipality's figure where absent): base year total, CFO per capita (total and scopes
    1+2), landfill per capita and CFO per km2."""
    grid = muni.merge(pd.DataFrame({"year": pd.array(years, dtype="Int64")}), how="cross")
    if population is not None and len(population):
        pop = population.assign(year=population["year"].astype("Int64")).rename(columns={"population": "_pop"})
        grid = grid.merge(pop, on=["code", "year"], how="left")
        grid["population"] = grid["_pop"].astype("Float64").fillna(grid["population"].astype("Float64"))
        grid = grid.drop(columns="_pop")
    out = _typed(grid.merge(sums, on=["code", "year"], how="left"))
    cfo = sums[sums["cfo_total"].notna()]
    base = cfo[["code", "year", "cfo_total"]].rename(columns={"year": "base_year", "cfo_total": "base_total"})
    out["base_year"] = out["base_year"].astype("Int64")
    out = out.merge(base, on=["code", "base_year"], how="left")
    # a municipality-year without activity rows has no comparison: say why
    no_rows = out["reduction_reasons"].eq("") & out["reduction_comparable"].isna()
    before = (out["year"] < out["base_year"]).fillna(False).astype(bool)
    out.loc[no_rows, "reduction_reasons"] = np.where(out.loc[no_rows, "base_year"].isna(), lfl.NO_BASE_YEAR,
                                                     np.where(before[no_rows], lfl.BEFORE_BASE, lfl.NO_CFO))
    out["per_capita"] = targets.intensity_series(out["cfo_total"], out["population"])
    out["per_capita_s12"] = targets.intensity_series(out["cfo_s12"], out["population"])
    out["landfill_per_capita"] = targets.intensity_series(out["cfo_landfill"], out["population"])
    out["per_area"] = targets.intensity_series(out["cfo_total"], out["area_km2"])
    out["population"] = out["population"].astype("Float64").round().astype("Int64")
    float_cols = [c for c in NETWORK_COLUMNS if c.startswith(("cfo_", "ccf_")) or c in
                  ("base_total", "reduction_pct", "per_capita", "per_area", "area_km2", "reduction_t",
                   "activity_effect_pct", "factor_effect_pct", "per_capita_s12", "landfill_per_capita")]
    out[float_cols] = out[float_cols].astype("Float64")
    out["award_eligible"] = out["award_eligible"].astype("boolean")
    out["reduction_comparable"] = out["reduction_comparable"].astype("boolean")
    out["basic_missing_n"] = out["basic_missing_n"].astype("Int64")
    return out[NETWORK_COLUMNS].sort_values(["code", "year"]).reset_index(drop=True)


def figures_from_sums(con, sums: pd.DataFrame, codes: list[str] | None = None) -> pd.DataFrame:
    """The network table (``NETWORK_COLUMNS``) of the municipalities in ``codes`` (all when None) from their
    emission sums, over the years those sums have: for every municipality the same rows as
    ``network_summary`` wherever a figure exists."""
    muni = municipality_rows(con, None)
    if codes is not None:
        muni = muni[muni["code"].isin(codes)].reset_index(drop=True)
    years = sorted(int(y) for y in sums["year"].dropna().unique())
    return _assemble(muni, years, sums, reductions.yearly_population(con, muni, years))


def summary_frame(con, code: str | None = None, year: int | None = None,
                  gwp_set: str = gwp_mod.DEFAULT_GWP_SET, landfill_method: str = emission_rows.DEFAULT_LANDFILL_METHOD,
                  ccf_year: int | None = None, stored: aggregates.Stored | None = None) -> pd.DataFrame:
    """The network table for all municipalities or one (``code``), all years or one (``year``); ``ccf_year``
    limits the city inventory to one year when only that year is wanted. Read from the stored aggregates
    (``data.aggregates``; ``stored`` when the caller already checked them) when they are current for the
    default GWP set and landfill method, else computed from the activity rows."""
    if stored is None and freshness.uses_defaults(gwp_set, landfill_method):
        stored = freshness.current(con)
    if stored is not None:
        # one year of the table needs that year's rows and the base-year rows its reductions are against
        rows = stored.network_rows(code, year)[NETWORK_COLUMNS]
        if code is not None and year is None and len(rows):
            return rows.reset_index(drop=True)  # a trend: exactly the stored rows
        muni = municipality_rows(con, code)
        if code is not None and muni.empty:
            raise UnknownMunicipality(code)
        if year is not None:
            years = [int(year)]
        elif code is not None:
            years = []
        else:
            years = [int(r[0]) for r in con.execute("SELECT DISTINCT year FROM activity ORDER BY 1").fetchall()]
            if len(rows) == len(muni) * len(years):
                # every municipality has activity every year: the stored rows are the whole table
                return rows.reset_index(drop=True)
        return _assemble(muni, years, rows[["code", "year", *SUM_COLUMNS]],
                         reductions.yearly_population(con, muni, years))
    emission_rows._check_method(landfill_method)
    with emission_rows.factor_cursor(con, gwp_set, code) as cur:
        muni = municipality_rows(cur, code)
        if code is not None and muni.empty:
            raise UnknownMunicipality(code)
        years = _years(cur, code, year)
        # CFO: all years, because the base year differs between municipalities
        sums = emission_sums_on(cur, gwp_set, landfill_method, year if year is not None else ccf_year)
    return _assemble(muni, years, sums, reductions.yearly_population(con, muni, years))


def network_summary(con, year: int | None = None, gwp_set: str = gwp_mod.DEFAULT_GWP_SET,
                    landfill_method: str = emission_rows.DEFAULT_LANDFILL_METHOD) -> pd.DataFrame:
    """One row per municipality and year for every municipality (all years with activity data, or ``year``):
    CFO by scope and total, CCF BASIC / BASIC+ and by sector (BASIC+), base year and its CFO total, the
    like-for-like reduction (t, %, comparable, activity and factor effect, award, missing and reasons as
    tokens: ``indicators.like_for_like``), CFO per capita (total and scopes 1+2) and landfill per capita over
    the population of the year, CFO per km2, BASIC rows missing. NA where data are missing, never 0.
    Columns: ``NETWORK_COLUMNS``."""
    return summary_frame(con, None, year, gwp_set, landfill_method)


def municipality_trend(con, code: str, gwp_set: str = gwp_mod.DEFAULT_GWP_SET,
                       landfill_method: str = emission_rows.DEFAULT_LANDFILL_METHOD) -> pd.DataFrame:
    """The ``network_summary`` rows of one municipality, every year with data (for trend charts)."""
    return summary_frame(con, code, None, gwp_set, landfill_method)


# --- drill-down ----------------------------------------------------------------------------------------------------

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}


def gpc_sort_key(ref: str) -> tuple:
    """Order GPC reference numbers as in the GPC tables: I.1.1 < I.1.2 < ... < II.1.1 < ... < VI.1."""
    parts = str(ref).split(".")
    return (_ROMAN.get(parts[0], 99), *[int(p) if p.isdigit() else 99 for p in parts[1:]])


def _landfill_source(method: str) -> tuple[str, str]:
    if method == "fod":
        return ("IPCC2006-FOD", "IPCC 2006 Vol.5 Ch.3 first-order decay; tropical wet; SE-Asia MSW composition; "
                "DOCf 0.5, MCF 1.0, F 0.5, OX 0; figure over the disposal history (see ccf_table / landfill_table), "
                f"with {waste.BACKFILL_YEARS} years of estimated history before the first record "
                "(IPCC 2006 Vol.5 s.3.2.2)")
    return ("GPC-methane-commitment", "GPC v1.1 methane commitment: W x MCF x DOC x DOCf x F x 16/12 x (1-R)(1-OX); "
            "tropical wet; SE-Asia MSW composition; DOCf 0.5, MCF 1.0, F 0.5, OX 0")


def activity_emissions(con, code: str, year: int, inventory: str | None = None,
                       gwp_set: str = gwp_mod.DEFAULT_GWP_SET,
                       landfill_method: str = emission_rows.DEFAULT_LANDFILL_METHOD) -> pd.DataFrame:
    """Each activity row of one municipality-year with its factor (id, value under ``gwp_set``, source), tCO2e,
    scope, category (CFO category, or GPC reference for CCF), GPC level, method and status.

    CCF landfill rows (msw_landfill_kg, III.1.x) are computed by the landfill model: under FOD a year's figure
    comes from the whole disposal history, so the row carries no tCO2e of its own (status ``landfill_model``;
    see ``landfill_table``); under methane commitment the row's own commitment is shown."""
    emission_rows._check_method(landfill_method)
    df = emission_rows.activity_rows(con, code, year, inventory, gwp_set)
    refs = emission_rows.gpc_refs(con)[["gpc_ref", "scope", "level"]].rename(columns={"scope": "gpc_scope"})
    df = df.merge(refs, on="gpc_ref", how="left")
    is_ccf = df["inventory"] == "CCF"
    df["scope"] = df["cfo_scope"].astype("Int64").where(~is_ccf, df["gpc_scope"].astype("Int64"))
    df["category"] = df["cfo_category"].where(~is_ccf, df["gpc_ref"])
    df["level"] = df["level"].where(is_ccf)
    df["method"] = "factor"
    land = is_ccf & (df["activity"] == emission_rows.LANDFILL_ACTIVITY) & df["gpc_ref"].isin(emission_rows.LANDFILL_REFS)
    if land.any():
        fid, src = _landfill_source(landfill_method)
        df.loc[land, ["factor_id", "factor_source", "method", "status"]] = [fid, src, landfill_method,
                                                                             "landfill_model"]
        df.loc[land, ["kgco2e_per_unit", "published_kgco2e", "gwp_basis"]] = [np.nan, np.nan, None]
        if landfill_method == "commitment":
            ch4_per_t = float(waste.methane_commitment(1.0, waste.LandfillParams()))
            g = emission_rows.gwp_values(con, gwp_set)["CH4"]
            df.loc[land, "kgco2e_per_unit"] = ch4_per_t * g  # t CH4 per t waste x GWP = kgCO2e per kg
            df.loc[land, "tco2e"] = df.loc[land, "amount"] / 1000.0 * ch4_per_t * g
        else:
            df.loc[land, "tco2e"] = np.nan
    return df.drop(columns=["gpc_scope", "cfo_scope", "cfo_category"])


def cfo_table(con, code: str, year: int, gwp_set: str = gwp_mod.DEFAULT_GWP_SET) -> pd.DataFrame:
    """CFO tCO2e of one municipality-year by scope and category (stationary, mobile, fugitive, wastewater,
    electricity, water, paper, waste, upstream), with the number of activity rows."""
    rows = emission_rows.cfo_rows(con, code, year, gwp_set)
    if rows.empty:
        return pd.DataFrame(columns=["scope", "category", "tco2e", "n_rows"])
    out = rows.groupby(["scope", "category"], as_index=False).agg(tco2e=("tco2e", "sum"), n_rows=("n_rows", "sum"))
    return out.sort_values(["scope", "category"]).reset_index(drop=True)


def ccf_table(con, code: str, year: int, gwp_set: str = gwp_mod.DEFAULT_GWP_SET,
              landfill_method: str = emission_rows.DEFAULT_LANDFILL_METHOD) -> pd.DataFrame:
    """The GPC v1.1 reporting table of one municipality-year: every reference number (I.1.1 ... VI.1) with
    sector, sub-sector, names, scope, reporting level, tCO2e, method, notation key (NO/IE/NE/C) with its meaning
    and explanation, the weakest data quality of its inputs, and whether it counts in BASIC / BASIC+.
    Reference numbers found in the data but not in the GPC table are listed with no level (counted nowhere)."""
    refs = emission_rows.gpc_refs(con)
    rows = emission_rows.ccf_rows(con, code, year, gwp_set, landfill_method)
    if not rows.empty:
        rows = rows.groupby("gpc_ref", as_index=False).agg(
            tco2e=("tco2e", lambda s: s.sum(min_count=1)),
            method=("method", lambda s: "+".join(sorted(set(s)))),
            data_quality=("data_quality", em.worst_quality))
    else:
        rows = pd.DataFrame(columns=["gpc_ref", "tco2e", "method", "data_quality"])
    notes = emission_rows.notation_keys(con, code, year)[["gpc_ref", "notation_key", "explanation"]]
    notes = notes.groupby("gpc_ref", as_index=False).agg(
        notation_key=("notation_key", "first"), explanation=("explanation", " / ".join))
    table = refs.merge(rows, on="gpc_ref", how="outer").merge(notes, on="gpc_ref", how="left")
    for lang in ("th", "en"):
        table[f"notation_{lang}"] = table["notation_key"].map(
            lambda k, lang=lang: em.notation_label(k, lang) if isinstance(k, str) else None)
    table["tco2e"] = table["tco2e"].astype("Float64")
    table["in_basic"] = table["level"].isin(em.BASIC_LEVELS) & table["tco2e"].notna()
    table["in_basic_plus"] = table["level"].isin(em.BASIC_PLUS_LEVELS) & table["tco2e"].notna()
    table["_k"] = table["gpc_ref"].astype(object).map(gpc_sort_key)  # object: arrow cannot sort tuples
    cols = ["gpc_ref", "sector", "subsector", "name_th", "name_en", "scope", "level", "tco2e", "method",
            "notation_key", "notation_th", "notation_en", "explanation", "data_quality", "in_basic",
            "in_basic_plus"]
    return table.sort_values("_k")[cols].reset_index(drop=True)


def ccf_quality(con, code: str, year: int, gwp_set: str = gwp_mod.DEFAULT_GWP_SET,
                landfill_method: str = emission_rows.DEFAULT_LANDFILL_METHOD) -> dict[str, float | None]:
    """Share of the BASIC+ tCO2e of one municipality-year by data quality H / M / L / unknown."""
    rows = emission_rows.ccf_rows(con, code, year, gwp_set, landfill_method)
    return em.quality_shares(rows[rows["level"].isin(em.BASIC_PLUS_LEVELS)])


def landfill_table(con, code: str, gwp_set: str = gwp_mod.DEFAULT_GWP_SET,
                   landfill_method: str = emission_rows.DEFAULT_LANDFILL_METHOD,
                   params: waste.LandfillParams | None = None) -> pd.DataFrame:
    """Landfill CH4 of one municipality by GPC reference (III.1.x) and year over its whole disposal history:
    msw_t deposited, history_years, ch4_t, tco2e, data_quality, method."""
    deposits = emission_rows.landfill_deposits(con, code)
    return emission_rows.landfill_emissions(deposits, emission_rows.gwp_values(con, gwp_set), landfill_method, params)


def target_outlook(con, code: str, target_year: int = targets.DEFAULT_TARGET_YEAR,
                   reduction_target_pct: float = targets.AWARD_THRESHOLD_PCT,
                   gwp_set: str = gwp_mod.DEFAULT_GWP_SET, growth_rate: float | None = None) -> dict:
    """Base year, base CFO total, the BAU projection to ``target_year`` (``targets.bau_projection``: the trend
    before the base year, else ``growth_rate`` or the municipality's population growth, else flat — never the
    years after the base year), ``target_met`` (the latest CFO year already at or below the target level
    base x (1 - target %)) and, when not met, the linear trajectory from the latest CFO year to that level.
    Values are None / empty frames when the municipality has no base year or no CFO in it."""
    trend = municipality_trend(con, code, gwp_set)
    base_year = optional_int((trend if len(trend) else municipality_rows(con, code))["base_year"].iloc[0])
    history = trend.set_index("year")["cfo_total"].astype(float)
    history.index = history.index.astype(int)
    out = {"base_year": base_year, "base_total": None, "target_total": None, "latest_year": None,
           "latest_total": None, "target_met": None, "bau": pd.DataFrame(), "trajectory": pd.DataFrame()}
    if base_year is None or base_year not in history.dropna().index:
        return out
    base_total = float(history[base_year])
    goal = targets.target_total(base_total, reduction_target_pct)
    latest = history.dropna()
    latest_year = int(latest.index.max())
    if growth_rate is None:
        pop = reduction_rows.population_by_year(con, code).set_index("year")["population"]
        growth_rate = targets.population_growth(pop)
    met = targets.target_met(float(latest[latest_year]), goal)
    out.update(base_total=base_total, target_total=goal, latest_year=latest_year,
               latest_total=float(latest[latest_year]), target_met=met,
               bau=targets.bau_projection(history, base_year, target_year, growth_rate))
    if latest_year < target_year and not met:
        out["trajectory"] = targets.target_trajectory(latest_year, float(latest[latest_year]), target_year, goal)
    return out


def be_to_ce(year: int) -> int:
    """A year in CE; a year >= 2400 is read as Buddhist Era (CE + 543)."""
    return year - 543 if year >= 2400 else year

