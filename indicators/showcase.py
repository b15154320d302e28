"""What the public showcase shows: award list, delivered actions, municipality stories (pure pandas)."""
from __future__ import annotations

import pandas as pd

from indicators import asi


def award_list(figures: pd.DataFrame, munis: pd.DataFrame, year: int, n: int = 8) -> pd.DataFrame:
    """The ``n`` award-eligible LAOs (≥ 5 % below base year) with the largest cuts in ``year``; ties by code."""
    f = figures[(figures["year"] == year) & (figures["award_eligible"] == True)]  # noqa: E712
    f = f.merge(munis, on="code").sort_values(["reduction_pct", "code"], ascending=[False, True])
    return f.head(n).reset_index(drop=True)


def delivered_actions(actions: pd.DataFrame, year: int) -> int:
    """Actions that count in ``year`` (``indicators.asi.counts_in_year``: ongoing or completed, started by then)."""
    if actions is None or actions.empty:
        return 0
    return int(asi.counts_in_year(actions, year).sum())


def stories(figures: pd.DataFrame, wma: pd.DataFrame, actions: pd.DataFrame, munis: pd.DataFrame,
            year: int) -> pd.DataFrame:
    """Programme LAOs (pilot first, then replicating) with a comparable reduction figure in ``year`` (a year
    that cannot be compared like for like tells no story): their reduction with its split (activity and
    factor effect), LCRS index and the delivered action with the largest achieved cut; best reductions first."""
    cols = ["code", "reduction_pct", "base_year"] + [c for c in ("activity_effect_pct", "factor_effect_pct")
                                                     if c in figures.columns]
    f = figures.loc[figures["year"] == year]
    if "reduction_comparable" in f.columns:
        f = f[f["reduction_comparable"].fillna(False).astype(bool)]
    f = f[cols].dropna(subset=["reduction_pct"])
    m = munis[munis["role"].isin(["pilot", "replicating"])]
    out = f.merge(m, on="code", suffixes=("", "_m"))
    if wma is not None and len(wma):
        out = out.merge(wma.loc[wma["year"] == year, ["code", "overall"]], on="code", how="left")
    else:
        out["overall"] = None
    if actions is not None and len(actions):
        a = actions[asi.counts_in_year(actions, year)]
        a = a.sort_values(["achieved_tco2e", "action_id"], ascending=[False, True]).drop_duplicates("municipality_code")
        a = a.rename(columns={"municipality_code": "code", "title_th": "action_th", "title_en": "action_en"})
        out = out.merge(a[["code", "action_th", "action_en"]], on="code", how="left")
    else:
        out["action_th"] = out["action_en"] = None
    out["role_rank"] = out["role"].map({"pilot": 0, "replicating": 1})
    return out.sort_values(["role_rank", "reduction_pct", "code"], ascending=[True, False, True]).reset_index(drop=True)


# --- the wall screen (pages/showcase.py) ------------------------------------------------------------------------

SCOPES = ("cfo_scope1", "cfo_scope2", "cfo_scope3")
MIN_WMA_CONFIDENCE = 0.5   # below this share of indicators with evidence the LCRS index is not shown (contract)


def rankable(figures: pd.DataFrame, year: int, wma: pd.DataFrame | None = None) -> pd.DataFrame:
    """The rows of ``year`` whose reduction since the base year may be ranked in public: the one selection rule.

    A reduction is ranked when it is comparable with the base year and backed by evidence:

    - ``reduction_pct`` is known, the base year is before ``year`` and its total is above zero;
    - comparable: the summary's ``reduction_comparable`` flag where the data layer provides it (like for like
      categories and months); until then an ``award_eligible`` that is not null, which the contract leaves null
      exactly when the years are not comparable;
    - evidence: where the WMA ``confidence`` (share of indicators with evidence, 0–1) is known it is at least
      ``MIN_WMA_CONFIDENCE``, the level under which the summary withholds the LCRS index.
    """
    f = figures[(figures["year"] == year)].copy()
    f = f[f["reduction_pct"].notna() & f["base_year"].notna() & (f["base_year"] < year)]
    if "base_total" in f.columns:
        f = f[f["base_total"].fillna(0) > 0]
    if "reduction_comparable" in f.columns:
        f = f[f["reduction_comparable"] == True]  # noqa: E712 (nullable booleans)
    else:
        f = f[f["award_eligible"].notna()]
    if wma is not None and len(wma) and "confidence" in wma.columns:
        conf = wma.loc[wma["year"] == year, ["code", "confidence"]]
        f = f.merge(conf, on="code", how="left")
        f = f[f["confidence"].isna() | (f["confidence"] >= MIN_WMA_CONFIDENCE)]
    return f.reset_index(drop=True)


def summary_comparable(summary: dict) -> bool:
    """The ``rankable`` rule for one summary JSON (share card, profile): the reduction is known, and comparable
    by ``reduction.comparable`` where given, else by ``award_eligible`` not being null; when the WMA block
    carries a ``confidence`` it is at least ``MIN_WMA_CONFIDENCE``."""
    if summary.get("reduction_pct") is None:
        return False
    block = summary.get("reduction")
    if isinstance(block, dict) and "comparable" in block:
        ok = bool(block["comparable"])
    else:
        ok = summary.get("award_eligible") is not None
    conf = (summary.get("wma") or {}).get("confidence")
    return ok and (conf is None or conf >= MIN_WMA_CONFIDENCE)


def ranking(figures: pd.DataFrame, munis: pd.DataFrame, year: int, wma: pd.DataFrame | None = None,
            n: int = 8) -> pd.DataFrame:
    """Who cut most since their base year: the ``n`` largest reductions among ``rankable`` rows of the
    municipalities in ``munis``; ties by code. Columns of ``munis`` plus reduction_pct, base_year,
    award_eligible, rank (1 = largest cut)."""
    f = rankable(figures, year, wma)
    cols = ["code", "reduction_pct", "base_year", "award_eligible"]
    out = f[cols].merge(munis, on="code", suffixes=("", "_m"))
    out = out.sort_values(["reduction_pct", "code"], ascending=[False, True]).head(n).reset_index(drop=True)
    out["rank"] = range(1, len(out) + 1)
    return out


def network_trend(figures: pd.DataFrame, codes, last_year: int, years: int = 8) -> pd.DataFrame:
    """The network's CFO total per year, like for like: over the municipalities (of ``codes``) that report a CFO
    in every year of the window (up to ``years`` years ending at ``last_year``, starting at the first year any
    of them reports). Columns year, cfo_total, laos; empty when no municipality reports every year."""
    f = figures[figures["code"].isin(list(codes)) & (figures["year"] <= last_year)
                & (figures["year"] > last_year - years)]
    f = f[f["cfo_total"].notna()]
    if f.empty:
        return pd.DataFrame(columns=["year", "cfo_total", "laos"])
    window = sorted(f["year"].unique())
    counts = f.groupby("code")["year"].nunique()
    panel = counts[counts == len(window)].index
    p = f[f["code"].isin(panel)]
    if p.empty:
        return pd.DataFrame(columns=["year", "cfo_total", "laos"])
    out = p.groupby("year").agg(cfo_total=("cfo_total", "sum"), laos=("code", "nunique")).reset_index()
    return out.sort_values("year").reset_index(drop=True)


def trend_change_pct(trend: pd.DataFrame) -> float | None:
    """(last − first) / first × 100 of a ``network_trend``; None with fewer than two years or a zero start."""
    if len(trend) < 2 or not trend["cfo_total"].iloc[0]:
        return None
    first, last = float(trend["cfo_total"].iloc[0]), float(trend["cfo_total"].iloc[-1])
    return (last - first) / first * 100


def scope_drivers(figures: pd.DataFrame, code: str, year: int, base_year) -> list[dict]:
    """The "why" of a reduction: each CFO scope's change from the base year to ``year`` (tCO2e, current − base),
    largest cut first; [] when either year has no CFO. Scope totals as the summary reports them."""
    if base_year is None or pd.isna(base_year):
        return []
    rows = figures[figures["code"] == code].set_index("year")
    if int(year) not in rows.index or int(base_year) not in rows.index:
        return []
    cur, base = rows.loc[int(year)], rows.loc[int(base_year)]
    out = []
    for col in SCOPES:
        if col in rows.columns and pd.notna(cur[col]) and pd.notna(base[col]):
            out.append({"scope": int(col[-1]), "base": float(base[col]), "current": float(cur[col]),
                        "change": float(cur[col]) - float(base[col])})
    return sorted(out, key=lambda d: (d["change"], d["scope"]))


def best_action(actions: pd.DataFrame, code: str, year: int) -> dict | None:
    """The municipality's delivered action (ongoing or completed, started by ``year``) with the largest achieved
    cut (tCO2e/year), ties by id; None when it has none with a measured result."""
    if actions is None or actions.empty:
        return None
    a = actions[(actions["municipality_code"] == code) & asi.counts_in_year(actions, year)
                & actions["achieved_tco2e"].notna()]
    if a.empty:
        return None
    row = a.sort_values(["achieved_tco2e", "action_id"], ascending=[False, True]).iloc[0]
    return {k: (None if pd.isna(row[k]) else row[k]) for k in
            ("action_id", "title_th", "title_en", "asi", "status", "start_year", "achieved_tco2e",
             "expected_tco2e", "budget_thb")}


def wma_matrix(wma: pd.DataFrame | None, code: str, year: int) -> dict | None:
    """The municipality's Whole-Municipality scores as {theme: {dimension: score 0–100 or None}}, with
    ``overall`` and ``confidence``; None when there is no row. ``overall`` is None when the confidence is
    below ``MIN_WMA_CONFIDENCE`` (too little evidence to show an index)."""
    if wma is None or wma.empty:
        return None
    r = wma[(wma["code"] == code) & (wma["year"] == year)]
    if r.empty:
        return None
    r = r.iloc[0]
    out = {th: {str(d): (None if pd.isna(r.get(f"{th}_{d}")) else float(r[f"{th}_{d}"])) for d in range(1, 5)}
           for th in ("low_carbon", "bike_walk", "resilience")}
    conf = r.get("confidence")
    conf = None if conf is None or pd.isna(conf) else float(conf)
    overall = r.get("overall")
    overall = None if overall is None or pd.isna(overall) else float(overall)
    if conf is not None and conf < MIN_WMA_CONFIDENCE:
        overall = None
    out["overall"], out["confidence"] = overall, conf
    return out


def in_scope(munis: pd.DataFrame, region: str | None = None, province: str | None = None,
             code: str | None = None) -> pd.DataFrame:
    """The municipalities a screen is about: one municipality (``code``), a province (DOPA code or name), a
    region (code or name, Thai or English), or all; a filter that matches nothing gives an empty frame."""
    m = munis
    if code:
        return m[m["code"] == str(code)]
    if province:
        p = str(province)
        m = m[(m["province_code"].astype(str) == p) | (m["province_th"] == p)
              | (m["province_en"].str.lower() == p.lower())]
    if region:
        r = str(region)
        m = m[(m["region_code"].astype(str) == r) | (m["region_th"] == r) | (m["region_en"].str.lower() == r.lower())]
    return m


def featured_codes(stories_frame: pd.DataFrame, scope: pd.DataFrame, n: int = 6) -> list[str]:
    """The municipalities whose stories the screen rotates through: story rows within ``scope``, best first."""
    s = stories_frame[stories_frame["code"].isin(scope["code"])]
    return s["code"].head(n).tolist()
