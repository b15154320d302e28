"""Emission reads: activity rows joined to the emission-factor library in DuckDB, aggregated for CFO and CCF.

The heavy joins and sums run in SQL (national scale: ~900k activity rows); the factor library under the chosen
GWP set (``indicators.gwp``), the landfill model (``indicators.waste``) and the GPC inclusion rules
(``indicators.emissions``) are pure Python. Every value is bound as a parameter; the only names put into SQL
text are this module's constants.

Factor choice: an activity row of year Y uses the factor of the same activity key whose validity period
contains Y (year of ``valid_from`` <= Y <= year of ``valid_to``), and only when the row's unit equals the
factor's unit (case-insensitive). Rows with no such factor get no tCO2e and status ``no_factor`` /
``unit_mismatch``; they are listed by ``unmatched_rows`` and never counted as zero.
"""
from __future__ import annotations

import contextlib
from functools import lru_cache
from typing import Iterable, Iterator

import pandas as pd

from data.store import db
from data.store import reference
from indicators import emissions as em
from indicators import gwp as gwp_mod
from indicators import waste

LANDFILL_ACTIVITY = "msw_landfill_kg"
LANDFILL_REFS = ("III.1.1", "III.1.2", "III.1.3")
LANDFILL_DEFAULT_REF = "III.1.1"
LANDFILL_METHODS = ("fod", "commitment")
DEFAULT_LANDFILL_METHOD = "fod"
OPEN_END_YEAR = 9999

# registered per request on a cursor of the caller's connection (names are constants, never user input)
_EF_VIEW = "_lcrs_factors"
_ACT = "_lcrs_activity"
_CODES = "_lcrs_codes"
ACTIVITY_RELATION = _ACT  # for other modules querying a factor_cursor

# the factor join shared by every query: same activity, year inside the validity period
_FACTOR_JOIN = (f"LEFT JOIN {_EF_VIEW} f ON f.activity = a.activity "
                "AND a.year BETWEEN f.from_year AND f.to_year")
_IS_CCF = "a.inventory = 'CCF'"
_IS_CFO = "a.inventory = 'CFO'"
_UNIT_OK = "lower(trim(a.unit)) = lower(trim(f.unit))"
_QUALITY_RANK = "CASE a.data_quality WHEN 'H' THEN 0 WHEN 'M' THEN 1 WHEN 'L' THEN 2 END"
_WORST_QUALITY = f"CASE max({_QUALITY_RANK}) WHEN 0 THEN 'H' WHEN 1 THEN 'M' WHEN 2 THEN 'L' END"


_QUALITY_BY_RANK = {float(v): k for k, v in em.QUALITY_ORDER.items()}


class FactorLibraryError(db.DatabaseError):
    """The emission-factor library is unusable (e.g. two factors valid for the same activity and year)."""


class UnknownLandfillMethod(ValueError):
    """A landfill method other than 'fod' or 'commitment'."""


# --- reference tables ---------------------------------------------------------------------------------------

def _table_key(con, table: str, csv_name: str) -> tuple:
    """The content of a small reference table as a hashable (columns, rows) pair: from the database, or from
    its CSV when the table is still empty (a database built before the CSV existed; ``python -m data init``
    reloads it). Keying caches on the content keeps them right after any reload."""
    cur = con.execute(f"SELECT * FROM {db.duckdb_quote_ident(table)}")  # constant table names
    rows = cur.fetchall()
    cols = tuple(d[0] for d in cur.description)
    if not rows:
        csv = reference.read_reference_csv(csv_name)
        if csv is not None:
            csv = csv.astype(object).where(csv.notna(), None)
            return tuple(csv.columns), tuple(map(tuple, csv.itertuples(index=False)))
    return cols, tuple(rows)


@lru_cache(maxsize=32)
def _frame(key: tuple) -> pd.DataFrame:
    cols, rows = key
    return pd.DataFrame(list(rows), columns=list(cols)).convert_dtypes(dtype_backend="numpy_nullable")


def factor_library(con) -> pd.DataFrame:
    """The emission-factor library as stored (one row per factor and validity period)."""
    return _frame(_table_key(con, "emission_factor", "emission_factors.csv")).copy()


def gwp_table(con) -> pd.DataFrame:
    """GWP-100 values by set and gas (columns gwp_set, gas, value, source)."""
    return _frame(_table_key(con, "gwp", "gwp.csv")).copy()


def gwp_values(con, gwp_set: str = gwp_mod.DEFAULT_GWP_SET) -> dict[str, float]:
    """GWP-100 by gas for one set (see ``indicators.gwp.gwp_values``)."""
    return gwp_mod.gwp_values(_frame(_table_key(con, "gwp", "gwp.csv")), gwp_set)


def gpc_refs(con) -> pd.DataFrame:
    """GPC v1.1 reference numbers with sector, sub-sector, names, scope and reporting level (``level``)."""
    g = _frame(_table_key(con, "gpc_ref", "gpc_refs.csv"))
    return g.rename(columns={"reporting_level": "level"})


def resolved_factors(con, gwp_set: str = gwp_mod.DEFAULT_GWP_SET) -> pd.DataFrame:
    """The factor library of the database under ``gwp_set`` (see ``resolve_library``)."""
    return _resolved(_table_key(con, "emission_factor", "emission_factors.csv"),
                     _table_key(con, "gwp", "gwp.csv"), gwp_set).copy()


@lru_cache(maxsize=16)
def _resolved(lib_key: tuple, gwp_key: tuple, gwp_set: str) -> pd.DataFrame:
    return resolve_library(_frame(lib_key), _frame(gwp_key), gwp_set)


def resolve_library(lib: pd.DataFrame, gwp: pd.DataFrame, gwp_set: str = gwp_mod.DEFAULT_GWP_SET) -> pd.DataFrame:
    """A factor library under ``gwp_set`` (``indicators.gwp.factors_under_gwp``) with integer validity years
    ``from_year``/``to_year``; raises ``FactorLibraryError`` if two factors of one activity overlap in time."""
    out = gwp_mod.factors_under_gwp(lib, gwp, gwp_set)
    out["from_year"] = pd.to_datetime(out["valid_from"]).dt.year.astype(int)
    out["to_year"] = pd.to_datetime(out["valid_to"]).dt.year.fillna(OPEN_END_YEAR).astype(int)
    _check_no_overlap(out)
    return out


def _check_no_overlap(f: pd.DataFrame) -> None:
    for activity, g in f.sort_values("from_year").groupby("activity"):
        if (g["from_year"].to_numpy()[1:] <= g["to_year"].to_numpy()[:-1]).any():
            raise FactorLibraryError(
                f"Emission factors for activity {activity!r} have overlapping validity years; "
                "fix data/reference/emission_factors.csv so one factor applies per year.",
                f"ค่าการปล่อยของกิจกรรม {activity!r} มีช่วงปีที่ใช้ได้ซ้อนกัน "
                "ให้แก้ไข data/reference/emission_factors.csv ให้มีค่าเดียวต่อปี")


_VIEW_COLS = ["factor_id", "activity", "unit", "kgco2e", "published_kgco2e", "gwp_set", "gwp_basis", "source",
              "cfo_scope", "cfo_category", "gpc_ref_default", "from_year", "to_year"]


@lru_cache(maxsize=16)
def _factor_view(lib_key: tuple, gwp_key: tuple, gwp_set: str) -> pd.DataFrame:
    v = _resolved(lib_key, gwp_key, gwp_set)[_VIEW_COLS].copy()
    v["cfo_scope"] = pd.to_numeric(v["cfo_scope"], errors="coerce").astype("Int64")
    for c in ("kgco2e", "published_kgco2e"):
        v[c] = v[c].astype(float)
    return v


@contextlib.contextmanager
def factor_cursor(con, gwp_set: str = gwp_mod.DEFAULT_GWP_SET, code: str | None = None,
                  codes: Iterable[str] | None = None, shared: bool = False) -> Iterator:
    """A cursor of ``con`` prepared for emission queries, closed on exit: the factor library under ``gwp_set``
    registered as ``_EF_VIEW`` and the activity rows as ``_ACT`` (a temporary table of one municipality's rows
    when ``code`` is given, or of the municipalities in ``codes``, so that several queries of one request scan
    them once; else a view of the whole table). Temporary objects belong to the cursor, so concurrent requests
    do not see each other's.

    ``shared=True`` prepares ``con`` itself instead of a new cursor (and removes the temporary objects on exit):
    a cursor is a connection of its own and would not see the rows of a write transaction still open on
    ``con``, which the aggregate refresh (``data.aggregates``) must read."""
    view = _factor_view(_table_key(con, "emission_factor", "emission_factors.csv"),
                        _table_key(con, "gwp", "gwp.csv"), gwp_set)
    cur = con if shared else con.cursor()
    try:
        cur.register(_EF_VIEW, view)
        if codes is not None:
            cur.register(_CODES, pd.DataFrame({"code": pd.Series(list(codes), dtype=object)}))
            cur.execute(f"CREATE OR REPLACE TEMP TABLE {_ACT} AS SELECT * FROM activity "
                        f"WHERE municipality_code IN (SELECT code FROM {_CODES})")
        elif code is None:
            cur.execute(f"CREATE OR REPLACE TEMP VIEW {_ACT} AS SELECT * FROM activity")
        else:
            cur.execute(f"CREATE OR REPLACE TEMP TABLE {_ACT} AS SELECT * FROM activity "
                        "WHERE municipality_code = ?", [code])
        yield cur
    finally:
        if shared:
            _drop_temporaries(cur, codes is None and code is None)
        else:
            cur.close()


def _drop_temporaries(cur, is_view: bool) -> None:
    # each step on its own: after a failed statement the caller rolls back, which removes what is left
    with contextlib.suppress(Exception):
        cur.execute(f"DROP VIEW IF EXISTS {_ACT}" if is_view else f"DROP TABLE IF EXISTS {_ACT}")
    for name in (_EF_VIEW, _CODES):
        with contextlib.suppress(Exception):  # not registered on every path
            cur.unregister(name)


def _filters(code: str | None, year: int | None, alias: str = "a") -> tuple[list[str], list]:
    conds, params = [], []
    if code is not None:
        conds.append(f"{alias}.municipality_code = ?")
        params.append(code)
    if year is not None:
        conds.append(f"{alias}.year = ?")
        params.append(int(year))
    return conds, params


def _where(conds: list[str]) -> str:
    return ("WHERE " + " AND ".join(conds)) if conds else ""


def _check_method(landfill_method: str) -> None:
    if landfill_method not in LANDFILL_METHODS:
        raise UnknownLandfillMethod(f"landfill method must be one of {LANDFILL_METHODS}, got {landfill_method!r}")


# --- CFO ------------------------------------------------------------------------------------------------------

def cfo_rows(con, code: str | None = None, year: int | None = None,
             gwp_set: str = gwp_mod.DEFAULT_GWP_SET) -> pd.DataFrame:
    """CFO tCO2e summed in SQL per municipality, year, scope and category (monthly rows sum to the year;
    annual rows count as they are). Columns municipality_code, year, scope, category, tco2e, n_rows."""
    with factor_cursor(con, gwp_set, code) as cur:
        return cfo_rows_on(cur, code, year)


def cfo_rows_on(cur, code: str | None = None, year: int | None = None) -> pd.DataFrame:
    """``cfo_rows`` on a ``factor_cursor``."""
    conds, params = _filters(code, year)
    conds = [_IS_CFO, _UNIT_OK, "f.cfo_scope IS NOT NULL", *conds]
    return cur.execute(
        f"SELECT a.municipality_code, a.year, f.cfo_scope AS scope, f.cfo_category AS category, "
        f"sum(a.amount * f.kgco2e) / 1000.0 AS tco2e, count(*) AS n_rows "
        f"FROM {_ACT} a {_FACTOR_JOIN} {_where(conds)} GROUP BY ALL", params).df()


def cfo_scope_sums_on(cur, code: str | None = None, year: int | None = None) -> pd.DataFrame:
    """CFO tCO2e per municipality and year by scope, pivoted in SQL on a ``factor_cursor``: columns
    municipality_code, year, scope1, scope2, scope3, total (Float64; NA for a scope with no row, total NA only
    when no scope has one). The same figures as ``indicators.emissions.cfo_scope_totals`` over ``cfo_rows_on``
    (category sums first, then their sum per scope), without moving the category rows to pandas."""
    conds, params = _filters(code, year)
    conds = [_IS_CFO, _UNIT_OK, "f.cfo_scope IN (1, 2, 3)", *conds]
    df = cur.execute(
        "SELECT municipality_code, year, "
        "sum(tco2e) FILTER (WHERE scope = 1) AS scope1, sum(tco2e) FILTER (WHERE scope = 2) AS scope2, "
        "sum(tco2e) FILTER (WHERE scope = 3) AS scope3, sum(tco2e) AS total "
        f"FROM (SELECT a.municipality_code, a.year, f.cfo_scope AS scope, f.cfo_category AS category, "
        f"sum(a.amount * f.kgco2e) / 1000.0 AS tco2e FROM {_ACT} a {_FACTOR_JOIN} {_where(conds)} GROUP BY ALL) "
        "WHERE tco2e IS NOT NULL AND NOT isnan(tco2e) GROUP BY ALL", params).df()
    for c in ("scope1", "scope2", "scope3", "total"):
        df[c] = df[c].astype("Float64")
    return df


# --- CCF ------------------------------------------------------------------------------------------------------

def _ccf_factor_rows(cur, code, year) -> pd.DataFrame:
    """CCF tCO2e per municipality, year and GPC reference from activity x factor (landfill excluded)."""
    conds, params = _filters(code, year)
    ref = "coalesce(a.gpc_ref, f.gpc_ref_default)"
    conds = [_IS_CCF, _UNIT_OK,
             f"NOT (a.activity = ? AND {ref} IN ({', '.join('?' for _ in LANDFILL_REFS)}))", *conds]
    params = [LANDFILL_ACTIVITY, *LANDFILL_REFS, *params]
    return cur.execute(
        f"SELECT a.municipality_code, a.year, {ref} AS gpc_ref, sum(a.amount * f.kgco2e) / 1000.0 AS tco2e, "
        f"count(*) AS n_rows, {_WORST_QUALITY} AS data_quality "
        f"FROM {_ACT} a {_FACTOR_JOIN} {_where(conds)} GROUP BY ALL", params).df()


def landfill_deposits(con, code: str | None = None) -> pd.DataFrame:
    """Municipal solid waste sent to landfill, CCF inventory, per municipality, GPC reference (III.1.x) and
    year, in tonnes (all years: the FOD model needs the history). Columns municipality_code, gpc_ref, year,
    msw_t, n_rows, data_quality."""
    with factor_cursor(con, code=code) as cur:
        return landfill_deposits_on(cur, code)


def landfill_deposits_on(cur, code: str | None = None) -> pd.DataFrame:
    """``landfill_deposits`` on a ``factor_cursor``."""
    conds, params = _filters(code, None)
    ref = "coalesce(a.gpc_ref, ?)"
    conds = [_IS_CCF, "a.activity = ?", "lower(trim(a.unit)) = 'kg'",
             f"{ref} IN ({', '.join('?' for _ in LANDFILL_REFS)})", *conds]
    params = [LANDFILL_DEFAULT_REF, LANDFILL_ACTIVITY, LANDFILL_DEFAULT_REF, *LANDFILL_REFS, *params]
    return cur.execute(
        f"SELECT a.municipality_code, {ref} AS gpc_ref, a.year, sum(a.amount) / 1000.0 AS msw_t, "
        f"count(*) AS n_rows, {_WORST_QUALITY} AS data_quality "
        f"FROM {_ACT} a {_where(conds)} GROUP BY ALL ORDER BY 1, 2, 3", params).df()


def landfill_emissions(deposits: pd.DataFrame, gwp: dict[str, float],
                       landfill_method: str = DEFAULT_LANDFILL_METHOD,
                       params: waste.LandfillParams | None = None) -> pd.DataFrame:
    """Landfill CH4 and tCO2e per municipality, GPC reference and year from a deposits frame
    (``landfill_deposits``): IPCC 2006 FOD (default) or GPC methane commitment. CH4 from waste is biogenic,
    so the non-fossil CH4 GWP applies. Under FOD the ``waste.BACKFILL_YEARS`` years before a series' first
    record are estimated at its first recorded amount (IPCC 2006 Vol.5 §3.2.2; ``estimated_history_years``).
    Columns municipality_code, gpc_ref, year, msw_t, history_years, ch4_t, tco2e, data_quality, method,
    estimated_history_years."""
    _check_method(landfill_method)
    keys = ["municipality_code", "gpc_ref"]
    cols = keys + ["year", "msw_t", "history_years", "ch4_t", "tco2e", "data_quality", "method",
                   "estimated_history_years"]
    if deposits.empty:
        return pd.DataFrame(columns=cols)
    if landfill_method == "fod":
        # a year's figure rests on all earlier deposits: carry the weakest data quality so far
        ranked = deposits[keys + ["year", "msw_t"]].assign(rank=deposits["data_quality"].map(em.QUALITY_ORDER))
        out = waste.fod_frame(ranked, keys, params, backfill_years=waste.BACKFILL_YEARS, running_max="rank")
        out["data_quality"] = out["rank"].map(_QUALITY_BY_RANK)
    else:
        out = waste.commitment_frame(deposits[keys + ["year", "msw_t"]], keys, params)
        out = out.merge(deposits[keys + ["year", "data_quality"]], on=keys + ["year"], how="left")
        out["history_years"] = pd.NA
        out["estimated_history_years"] = 0
    out["tco2e"] = out["ch4_t"] * gwp["CH4"]
    out["method"] = landfill_method
    return out[cols].reset_index(drop=True)


def ccf_rows(con, code: str | None = None, year: int | None = None, gwp_set: str = gwp_mod.DEFAULT_GWP_SET,
             landfill_method: str = DEFAULT_LANDFILL_METHOD,
             landfill_params: waste.LandfillParams | None = None) -> pd.DataFrame:
    """CCF tCO2e per municipality, year and GPC reference, factor rows and the landfill model together, with
    the GPC sector, scope and reporting level. Landfill figures are kept only for years in which the
    municipality has a CCF inventory. Columns municipality_code, year, gpc_ref, tco2e, n_rows, data_quality,
    method, sector, scope, level."""
    with factor_cursor(con, gwp_set, code) as cur:
        return ccf_rows_on(cur, code, year, gwp_set, landfill_method, landfill_params)


def ccf_rows_on(cur, code: str | None = None, year: int | None = None, gwp_set: str = gwp_mod.DEFAULT_GWP_SET,
                landfill_method: str = DEFAULT_LANDFILL_METHOD,
                landfill_params: waste.LandfillParams | None = None) -> pd.DataFrame:
    """``ccf_rows`` on a ``factor_cursor`` opened with the same ``gwp_set``."""
    _check_method(landfill_method)
    rows = _ccf_factor_rows(cur, code, year)
    rows["method"] = "factor"
    conds, params = _filters(code, year)
    inv_years = cur.execute(f"SELECT DISTINCT a.municipality_code, a.year FROM {_ACT} a "
                            f"{_where([_IS_CCF, *conds])}", params).df()
    land = landfill_emissions(landfill_deposits_on(cur, code), gwp_values(cur, gwp_set), landfill_method,
                              landfill_params)
    pair = ["municipality_code", "year"]
    in_inventory = pd.MultiIndex.from_frame(land[pair]).isin(pd.MultiIndex.from_frame(inv_years[pair]))
    land = land[land["tco2e"].notna() & in_inventory]
    land = land.assign(n_rows=pd.NA)[pair + ["gpc_ref", "tco2e", "n_rows", "data_quality", "method"]]
    parts = [df for df in (rows, land) if not df.empty]
    both = pd.concat(parts, ignore_index=True) if parts else rows
    refs = gpc_refs(cur).set_index("gpc_ref")
    for col in ("sector", "scope", "level"):
        both[col] = both["gpc_ref"].map(refs[col])
    return both


def notation_keys(con, code: str | None = None, year: int | None = None) -> pd.DataFrame:
    """GPC notation keys (NO, IE, NE, C) with their explanations."""
    conds, params = _filters(code, year, alias="n")
    return con.execute(
        f"SELECT n.municipality_code, n.year, n.gpc_ref, n.notation_key, n.explanation FROM ccf_notation n "
        f"{_where(conds)} ORDER BY 1, 2, 3", params).df()


# --- detail -----------------------------------------------------------------------------------------------------

def activity_rows(con, code: str | None = None, year: int | None = None, inventory: str | None = None,
                  gwp_set: str = gwp_mod.DEFAULT_GWP_SET) -> pd.DataFrame:
    """Every activity row with the factor it uses (id, value under ``gwp_set``, unit, basis, source), its
    tCO2e, CFO scope/category, effective GPC reference, and a status (ok, no_factor, unit_mismatch)."""
    conds, params = _filters(code, year)
    if inventory is not None:
        conds.append("a.inventory = ?")
        params.append(inventory)
    with factor_cursor(con, gwp_set, code) as cur:
        return cur.execute(
            f"SELECT a.municipality_code, a.year, a.month, a.inventory, a.activity, "
            f"CASE WHEN {_IS_CCF} THEN coalesce(a.gpc_ref, f.gpc_ref_default) ELSE a.gpc_ref END AS gpc_ref, "
            f"a.amount, a.unit, a.data_quality, a.source, a.note, a.batch_id, "
            f"f.factor_id, f.unit AS factor_unit, f.kgco2e AS kgco2e_per_unit, f.published_kgco2e, "
            f"f.gwp_set, f.gwp_basis, f.source AS factor_source, f.cfo_scope, f.cfo_category, "
            f"CASE WHEN f.factor_id IS NULL THEN 'no_factor' WHEN NOT ({_UNIT_OK}) THEN 'unit_mismatch' "
            f"ELSE 'ok' END AS status, "
            f"CASE WHEN f.factor_id IS NOT NULL AND {_UNIT_OK} THEN a.amount * f.kgco2e / 1000.0 END AS tco2e "
            f"FROM {_ACT} a {_FACTOR_JOIN} {_where(conds)} "
            f"ORDER BY a.inventory DESC, a.year, a.activity, a.gpc_ref, a.month", params).df()


def unmatched_rows(con, code: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Activity rows that get no emission: no factor valid in their year, a unit that differs from the
    factor's, or (CFO) a factor without a CFO scope."""
    df = activity_rows(con, code, year)
    bad = (df["status"] != "ok") | ((df["inventory"] == "CFO") & df["cfo_scope"].isna())
    return df[bad].reset_index(drop=True)
