"""Network-level figures for the overview and showcase pages (pure pandas)."""
from __future__ import annotations

import pandas as pd

DELIVERED = ("ongoing", "completed")


def _median(s: pd.Series):
    s = pd.to_numeric(s, errors="coerce").dropna()
    return float(s.median()) if len(s) else None


def network_kpis(figures: pd.DataFrame, wma: pd.DataFrame, actions: pd.DataFrame, munis: pd.DataFrame,
                 year: int) -> dict:
    """Headline KPIs of the network in ``year``.

    - ``cfo_total``: sum of CFO totals of LAOs that have a CFO that year (None when none has);
    - ``per_capita_median``: median of CFO tCO2e/person over those LAOs;
    - ``award_count`` / ``with_base``: LAOs award-eligible (a comparable year with ≥ 5 % cut from their actions)
      / LAOs with a comparable reduction figure; ``not_comparable``: LAOs from their base year on whose year
      cannot be compared like for like (``indicators.like_for_like``);
    - ``lcrs_median``, ``resilience_median``: medians of the overall LCRS index and the resilience theme score
      over the LAOs with enough evidence (scores below the confidence threshold are missing in the matrix);
      ``lcrs_n`` / ``lcrs_laos``: LAOs with an index / LAOs with any evidence that year;
    - ``bike_km``: km of bike lane from actions delivered (ongoing or completed) that started by ``year``;
    - ``ccf_basic_total``: sum of GPC BASIC totals of LAOs with a city inventory.
    """
    f = figures[figures["year"] == year]
    cfo = f["cfo_total"].dropna()
    comparable = f["reduction_comparable"] if "reduction_comparable" in f else f["reduction_pct"].notna()
    comparable = comparable.fillna(False).astype(bool)
    red = f["reduction_pct"][comparable].dropna()
    reasons = f["reduction_reasons"].fillna("") if "reduction_reasons" in f else pd.Series("", index=f.index)
    # from the base year on but not comparable (years before the base year or without a base are not counted)
    general = reasons.isin(["no_base_year", "before_base", "no_cfo"])
    not_comparable = int((~comparable & ~general & f["cfo_total"].notna()).sum()) if "reduction_reasons" in f \
        else 0
    w = wma[wma["year"] == year] if wma is not None and len(wma) else pd.DataFrame(columns=["overall", "resilience"])
    bike = None
    if actions is not None and len(actions):
        a = actions[actions["status"].isin(DELIVERED) & (actions["start_year"] <= year)]
        bike = float(a["bike_lane_km"].fillna(0).sum())
    ccf = f["ccf_basic"].dropna() if "ccf_basic" in f else pd.Series(dtype=float)
    return {
        "laos": int(len(munis)),
        "laos_with_cfo": int(len(cfo)),
        "cfo_total": float(cfo.sum()) if len(cfo) else None,
        "per_capita_median": _median(f["per_capita"]),
        "award_count": int((f["award_eligible"] == True).sum()),  # noqa: E712 (nullable booleans)
        "with_base": int(len(red)),
        "not_comparable": not_comparable,
        "lcrs_median": _median(w["overall"]) if "overall" in w else None,
        "lcrs_n": int(w["overall"].notna().sum()) if "overall" in w else 0,
        "lcrs_laos": int(len(w)),
        "resilience_median": _median(w["resilience"]) if "resilience" in w else None,
        "bike_km": bike,
        "ccf_basic_total": float(ccf.sum()) if len(ccf) else None,
    }


def counts_by_role_type(munis: pd.DataFrame) -> pd.DataFrame:
    """Number of LAOs per role (None → 'none') and type."""
    m = munis.assign(role=munis["role"].fillna("none"))
    return m.groupby(["role", "type"], sort=True).size().rename("count").reset_index()


def year_on_year(figures: pd.DataFrame, year: int) -> pd.DataFrame:
    """CFO change from ``year - 1`` to ``year`` per LAO with both years: change_t and change_pct.

    change_pct = (cfo(year) − cfo(year−1)) / cfo(year−1) × 100.
    """
    cur = figures.loc[figures["year"] == year, ["code", "cfo_total"]].dropna()
    prev = figures.loc[figures["year"] == year - 1, ["code", "cfo_total"]].dropna()
    both = cur.merge(prev, on="code", suffixes=("", "_prev"))
    both = both[both["cfo_total_prev"] > 0]
    both["change_t"] = both["cfo_total"] - both["cfo_total_prev"]
    both["change_pct"] = both["change_t"] / both["cfo_total_prev"] * 100
    return both.reset_index(drop=True)


def peer_group(munis: pd.DataFrame, code: str) -> pd.DataFrame:
    """LAOs of the same type whose population is within a factor of 2 of ``code``'s (including itself)."""
    me = munis[munis["code"] == code]
    if me.empty:
        return munis.iloc[0:0]
    row = me.iloc[0]
    pop = row["population"]
    same = munis[munis["type"] == row["type"]]
    if pd.isna(pop):
        return same
    return same[(same["population"] >= pop / 2) & (same["population"] <= pop * 2)]


MEASURE_COLUMNS = ("cfo_total", "per_capita", "reduction_pct", "activity_effect_pct", "ccf_basic", "ccf_per_capita", "overall",
                   "low_carbon", "bike_walk", "resilience")


def measure_table(figures: pd.DataFrame, wma: pd.DataFrame, munis: pd.DataFrame) -> pd.DataFrame:
    """One row per municipality-year with every mappable measure and the municipality's attributes.

    ``ccf_per_capita`` = GPC BASIC total / population. Municipality-years without a figure keep NaN (never 0);
    a reduction that cannot be compared like for like is left out (NaN) rather than mapped.
    """
    fig_cols = [c for c in ("code", "year", "cfo_total", "per_capita", "reduction_pct", "activity_effect_pct",
                            "ccf_basic") if c in figures.columns]
    f = figures[fig_cols]
    if "reduction_comparable" in figures.columns:
        ok = figures["reduction_comparable"].fillna(False).astype(bool)
        f = f.assign(**{c: f[c].astype("Float64").where(ok) for c in ("reduction_pct", "activity_effect_pct")
                        if c in f.columns})
    w_cols = [c for c in ("code", "year", "overall", "low_carbon", "bike_walk", "resilience", "n_cells")
              if wma is not None and c in wma.columns]
    if wma is not None and len(w_cols) > 2:
        f = f.merge(wma[w_cols], on=["code", "year"], how="outer")
    out = f.merge(munis, on="code", how="inner")
    out["ccf_per_capita"] = out["ccf_basic"] / out["population"]
    return out


def measure_frame(figures: pd.DataFrame, wma: pd.DataFrame, munis: pd.DataFrame, year: int) -> pd.DataFrame:
    """Every municipality (also those without figures) with its measures in ``year``."""
    # the year's rows first: the table is row-wise, and merging all years (~78k rows) only to keep one costs more
    figures = figures[figures["year"] == year]
    wma = wma[wma["year"] == year] if wma is not None and "year" in wma.columns else wma
    table = measure_table(figures, wma, munis)
    year_rows = table[table["year"] == year].drop(columns=list(munis.columns.drop("code")))
    return munis.merge(year_rows, on="code", how="left")
