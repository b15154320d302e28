"""What the public showcase shows: award list, delivered actions, municipality stories (pure pandas)."""
from __future__ import annotations

import pandas as pd

from indicators.network import DELIVERED


def award_list(figures: pd.DataFrame, munis: pd.DataFrame, year: int, n: int = 8) -> pd.DataFrame:
    """The ``n`` award-eligible LAOs (≥ 5 % below base year) with the largest cuts in ``year``; ties by code."""
    f = figures[(figures["year"] == year) & (figures["award_eligible"] == True)]  # noqa: E712
    f = f.merge(munis, on="code").sort_values(["reduction_pct", "code"], ascending=[False, True])
    return f.head(n).reset_index(drop=True)


def delivered_actions(actions: pd.DataFrame, year: int) -> int:
    """Actions ongoing or completed that started by ``year``."""
    if actions is None or actions.empty:
        return 0
    return int((actions["status"].isin(DELIVERED) & (actions["start_year"] <= year)).sum())


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
        a = actions[actions["status"].isin(DELIVERED) & (actions["start_year"] <= year)]
        a = a.sort_values(["achieved_tco2e", "action_id"], ascending=[False, True]).drop_duplicates("municipality_code")
        a = a.rename(columns={"municipality_code": "code", "title_th": "action_th", "title_en": "action_en"})
        out = out.merge(a[["code", "action_th", "action_en"]], on="code", how="left")
    else:
        out["action_th"] = out["action_en"] = None
    out["role_rank"] = out["role"].map({"pilot": 0, "replicating": 1})
    return out.sort_values(["role_rank", "reduction_pct", "code"], ascending=[True, False, True]).reset_index(drop=True)
