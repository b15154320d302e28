"""CFO (organisation, TGO) and CCF (city, GPC v1.1) totals from emission rows.

Emissions = activity amount x emission factor (GPC v1.1 Eq. 5.1; TGO CFO guideline), in tCO2e = amount x
kgCO2e/unit / 1000. The functions here aggregate rows that already carry their tCO2e; rows come from
``data.emissions`` (which joins activity and factors in SQL). Missing figures are NA, never 0: a scope, sector or
total with no contributing row is NA.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

SCOPES = (1, 2, 3)
SECTORS = ("I", "II", "III", "IV", "V")
CFO_CATEGORIES = ("stationary", "mobile", "fugitive", "wastewater", "electricity", "water", "paper", "waste",
                  "upstream")

# GPC v1.1 reporting levels (gpc_refs.csv): B counts in BASIC and BASIC+, B+ only in BASIC+,
# T (territorial: e.g. grid generation I.4.4, waste imported for treatment III.x.3) in neither, so that
# emissions are not counted twice; O (other scope 3, VI.1) in neither.
LEVEL_BASIC, LEVEL_BASIC_PLUS, LEVEL_TERRITORIAL, LEVEL_OTHER = "B", "B+", "T", "O"
BASIC_LEVELS = (LEVEL_BASIC,)
BASIC_PLUS_LEVELS = (LEVEL_BASIC, LEVEL_BASIC_PLUS)

# GPC notation keys (GPC v1.1 ch. 2, reporting requirements); an explanation is required with each.
NOTATION_KEYS = {
    "NO": ("ไม่เกิดขึ้น", "Not occurring"),
    "IE": ("รวมไว้ในรายการอื่น", "Included elsewhere"),
    "NE": ("ไม่ได้ประเมิน", "Not estimated"),
    "C": ("ข้อมูลปกปิด", "Confidential"),
}
QUALITY_ORDER = {"H": 0, "M": 1, "L": 2}


def tco2e(amount, kgco2e_per_unit):
    """tCO2e of an activity: amount x kgCO2e per unit / 1000 (GPC v1.1 Eq. 5.1)."""
    return amount * kgco2e_per_unit / 1000.0


def _group_sums(rows: pd.DataFrame, keys: list[str], columns: dict[str, np.ndarray]) -> pd.DataFrame:
    """Sum ``rows["tco2e"]`` per group of ``keys`` for each boolean mask in ``columns``; NA where a group has no
    row in the mask (a missing figure, not zero). numpy instead of pandas groupby: one municipality's summary
    must stay fast."""
    groups = rows.groupby(keys, sort=True, dropna=False)
    codes = groups.ngroup().to_numpy()
    index = groups.size().index
    n = len(index)
    values = rows["tco2e"].to_numpy(dtype=float)
    out = {}
    for name, mask in columns.items():
        total = np.zeros(n)
        count = np.zeros(n, dtype=int)
        np.add.at(total, codes[mask], values[mask])
        np.add.at(count, codes[mask], 1)
        out[name] = pd.array(np.where(count > 0, total, np.nan), dtype="Float64")
        out[name][count == 0] = pd.NA
    frame = index.to_frame(index=False) if isinstance(index, pd.MultiIndex) else pd.DataFrame({keys[0]: index})
    return frame.assign(**out)


def cfo_scope_totals(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """CFO totals by scope: keys + scope1, scope2, scope3, total (Float64).

    ``rows`` has the ``keys`` columns, ``scope`` (1-3) and ``tco2e``. Monthly rows are simply more rows of the
    same year, so they sum to the year. A scope with no row is NA; the total is the sum of the scopes that have
    data and NA only when none does.
    """
    cols = keys + ["scope1", "scope2", "scope3", "total"]
    r = rows[rows["scope"].isin(SCOPES) & rows["tco2e"].notna()]
    if r.empty:
        return pd.DataFrame(columns=cols)
    scope = pd.to_numeric(r["scope"]).to_numpy()
    masks = {f"scope{s}": scope == s for s in SCOPES}
    masks["total"] = np.ones(len(r), dtype=bool)
    return _group_sums(r, keys, masks)[cols]


def cfo_category_totals(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """CFO tCO2e by scope and category (stationary, mobile, fugitive, wastewater, electricity, ...)."""
    r = rows[rows["tco2e"].notna()]
    return (r.groupby(keys + ["scope", "category"], dropna=False, as_index=False)["tco2e"].sum()
            .sort_values(keys + ["scope", "category"]).reset_index(drop=True))


def ccf_totals(rows: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """CCF totals under GPC v1.1 inclusion rules: keys + basic, basic_plus, I, II, III, IV, V (Float64).

    ``rows`` has the ``keys`` columns, ``sector`` (I..VI), ``level`` (B, B+, T, O) and ``tco2e``.
    BASIC = rows at level B; BASIC+ = rows at B or B+; by sector = the BASIC+ rows of each sector.
    Territorial-only (T) and other-scope-3 (O) rows count in none of them. NA where no row contributes.
    """
    cols = keys + ["basic", "basic_plus", *SECTORS]
    r = rows[rows["tco2e"].notna()]
    if r.empty:
        return pd.DataFrame(columns=cols)
    level = r["level"].to_numpy(dtype=object)
    sector = r["sector"].to_numpy(dtype=object)
    in_bp = np.isin(level, BASIC_PLUS_LEVELS)
    masks = {"basic": np.isin(level, BASIC_LEVELS), "basic_plus": in_bp}
    masks.update({s: in_bp & (sector == s) for s in SECTORS})
    return _group_sums(r, keys, masks)[cols]


def worst_quality(qualities: pd.Series) -> str | None:
    """The lowest data quality among rows (L < M < H), None when no row has one: a figure is only as good as
    its weakest input."""
    q = [x for x in qualities.dropna().unique() if x in QUALITY_ORDER]
    return max(q, key=QUALITY_ORDER.get) if q else None


def quality_shares(rows: pd.DataFrame) -> dict[str, float | None]:
    """Share (0-1) of tCO2e by data quality H / M / L / unknown, from rows with ``data_quality`` and
    ``tco2e``; None for every key when there is no emission."""
    r = rows[rows["tco2e"].notna()]
    total = r["tco2e"].sum()
    keys = ["H", "M", "L", "unknown"]
    if r.empty or total == 0:
        return {k: None for k in keys}
    q = r["data_quality"].where(r["data_quality"].isin(list(QUALITY_ORDER)), "unknown")
    by = r["tco2e"].groupby(q).sum()
    return {k: float(by.get(k, 0.0) / total) for k in keys}


def notation_label(key: str | None, lang: str = "en") -> str | None:
    """The meaning of a GPC notation key (NO, IE, NE, C) in Thai or English."""
    if key is None or key not in NOTATION_KEYS:
        return None
    th, en = NOTATION_KEYS[key]
    return th if lang == "th" else en


_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6}


def gpc_order(ref: str) -> tuple:
    """Sort key of a GPC reference number as in the GPC tables: I.1.1 < I.1.2 < ... < II.1.1 < ... < VI.1."""
    parts = str(ref).split(".")
    return (_ROMAN.get(parts[0], 99), *[int(p) if p.isdigit() else 99 for p in parts[1:]])


def basic_missing(refs: pd.DataFrame, with_figure, with_key) -> list[str]:
    """The BASIC reference numbers (GPC v1.1 level B) that have neither a figure nor a notation key, in GPC
    order: an inventory is complete at BASIC only when every B row is either estimated or explained by NO, IE,
    NE or C (GPC v1.1 ch. 2 and Table 4.x reporting requirements). ``refs``: gpc_ref, level;
    ``with_figure`` / ``with_key``: reference numbers that have a tCO2e figure / a notation key."""
    basic = refs.loc[refs["level"].isin(BASIC_LEVELS), "gpc_ref"].astype(str)
    covered = set(map(str, with_figure)) | set(map(str, with_key))
    return sorted((r for r in basic if r not in covered), key=gpc_order)


def basic_coverage(n_missing: int, n_basic: int) -> float | None:
    """Share (0-1) of the BASIC rows covered by a figure or a notation key (the completeness bar)."""
    if not n_basic:
        return None
    return (n_basic - n_missing) / n_basic


def basic_missing_frame(ccf_rows: pd.DataFrame, notation: pd.DataFrame, refs: pd.DataFrame,
                        keys: tuple[str, str] = ("municipality_code", "year")) -> pd.DataFrame:
    """Per municipality-year with a city inventory (a CCF figure or a notation key): the number of BASIC rows
    with neither (``basic_missing_n``) of ``basic_rows`` — ``basic_missing`` counted for many at once.
    ``ccf_rows``: keys, gpc_ref, tco2e; ``notation``: keys, gpc_ref; ``refs``: gpc_ref, level."""
    k = list(keys)
    basic = set(refs.loc[refs["level"].isin(BASIC_LEVELS), "gpc_ref"].astype(str))
    fig = ccf_rows.loc[ccf_rows["tco2e"].notna(), k + ["gpc_ref"]] if len(ccf_rows) else pd.DataFrame(
        columns=k + ["gpc_ref"])
    both = pd.concat([fig, notation[k + ["gpc_ref"]]], ignore_index=True)
    cols = k + ["basic_missing_n", "basic_rows"]
    if both.empty:
        return pd.DataFrame(columns=cols)
    both["gpc_ref"] = both["gpc_ref"].astype(str)
    pairs = both[k].drop_duplicates()
    covered = both[both["gpc_ref"].isin(basic)].drop_duplicates().groupby(k).size().rename("covered")
    out = pairs.join(covered, on=k)
    out["basic_rows"] = len(basic)
    out["basic_missing_n"] = (len(basic) - out["covered"].fillna(0)).astype(int)
    return out[cols].reset_index(drop=True)
