"""What changed since the base year, group by group (CFO category or GPC sector): the answer to "why is my
city on or off track?".

Pure pandas. The totals of each side are the sums of that year's rows (each at the factor valid in its own
year); a group reported in only one year shows the other side as missing, and its change is not computed
(a source that appears or disappears is a change of what is reported, not a reduction).
"""
from __future__ import annotations

import pandas as pd

COLUMNS = ["group", "base_t", "year_t", "change_t", "change_pct", "contribution_pts"]


def change_by_group(base: pd.DataFrame, year: pd.DataFrame, group_col: str, value_col: str = "tco2e") -> pd.DataFrame:
    """Per group: base-year total, this year's total, change t = year − base, change % = change ÷ base × 100
    and contribution = the group's change ÷ the base total of the groups reported in both years × 100, in
    percentage points: the contributions add up to the change % of those groups together, so a row says how
    much of the overall change it explains. Sorted by the size of the change, largest first; groups reported
    in one year only come last."""
    b = base.groupby(group_col)[value_col].sum(min_count=1).rename("base_t")
    y = year.groupby(group_col)[value_col].sum(min_count=1).rename("year_t")
    out = pd.concat([b, y], axis=1).rename_axis("group").reset_index()
    if out.empty:
        return pd.DataFrame(columns=COLUMNS)
    out["base_t"] = pd.to_numeric(out["base_t"], errors="coerce")
    out["year_t"] = pd.to_numeric(out["year_t"], errors="coerce")
    out["change_t"] = out["year_t"] - out["base_t"]
    out["change_pct"] = (out["change_t"] / out["base_t"] * 100).where(out["base_t"] > 0)
    compared_base = out.loc[out["change_t"].notna(), "base_t"].sum()
    out["contribution_pts"] = out["change_t"] / compared_base * 100 if compared_base > 0 else float("nan")
    out["_order"] = out["change_t"].abs().fillna(-1)
    return out.sort_values("_order", ascending=False, kind="stable")[COLUMNS].reset_index(drop=True)


def peer_rank(values: pd.DataFrame, code: str, value_col: str, higher_is_better: bool = True) -> tuple[int, int] | None:
    """(rank, n) of ``code`` among the rows of ``values`` that have ``value_col`` (1 = best; ties share the
    best rank); None when ``code`` has no value."""
    have = values.dropna(subset=[value_col])
    if code not in set(have["code"]):
        return None
    ranks = have[value_col].rank(method="min", ascending=not higher_is_better)
    return int(ranks[have["code"] == code].iloc[0]), len(have)


def with_contributions(effects: pd.DataFrame) -> pd.DataFrame:
    """The per-category comparison of ``indicators.like_for_like.category_effects`` (base_t, year_t, change_t,
    activity_effect_t, factor_effect_t per ``category``) in the shape of ``change_by_group`` plus the two
    effects: change % and contribution in percentage points of the compared base total, largest change first."""
    if effects.empty:
        return pd.DataFrame(columns=COLUMNS + ["activity_effect_t", "factor_effect_t", "status"])
    out = effects.rename(columns={"category": "group"}).copy()
    for c in ("base_t", "year_t", "change_t", "activity_effect_t", "factor_effect_t"):
        out[c] = pd.to_numeric(out[c], errors="coerce").astype(float)
    out["change_pct"] = (out["change_t"] / out["base_t"] * 100).where(out["base_t"] > 0)
    compared_base = out.loc[out["change_t"].notna(), "base_t"].sum()
    out["contribution_pts"] = out["change_t"] / compared_base * 100 if compared_base > 0 else float("nan")
    out["_order"] = out["change_t"].abs().fillna(-1)
    out = out.sort_values("_order", ascending=False, kind="stable").reset_index(drop=True)
    return out[COLUMNS + ["activity_effect_t", "factor_effect_t", "status"]]
