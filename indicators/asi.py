"""A-S-I actions (Avoid / Shift / Improve): counts, reductions, expected vs achieved, cost per tCO2e.

Pure pandas. The action registry is table ``action``; reductions are tCO2e per year. Rules
(docs/methodology_lcrs.md):
- an action *counts for a year* when its status is ongoing or completed and start_year <= year (a completed
  action keeps delivering its annual reduction after it ends, e.g. LED lamps or a bike lane);
- achievement % = achieved / expected × 100 (only where expected > 0 and achieved is known);
- cost per tCO2e = budget_thb / (achieved tCO2e/yr × years of effect), years of effect = end_year − start_year + 1
  when end_year is set, else as_of_year − start_year + 1 (at least 1); for a group, Σ budget / Σ(achieved ×
  years) over actions that have both a budget and an achieved reduction > 0.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.catalogue import THEMES

ASI = ("avoid", "shift", "improve")
# A-S-I classifies mitigation (how an action cuts emissions): Avoid = less need for the activity; Shift = to a
# lower-carbon mode or source; Improve = the same activity, more efficient. Resilience actions are not
# mitigation and are described by their UNDRR essential instead, so the A-S-I summary leaves them out.
ASI_DEFINITIONS = {
    "avoid": ("ลดความจำเป็นของกิจกรรม (กิจกรรมที่ปล่อยก๊าซไม่เกิดขึ้น)", "Less need for the activity"),
    "shift": ("เปลี่ยนไปใช้รูปแบบหรือแหล่งที่ปล่อยก๊าซน้อยกว่า", "Shift to a lower-carbon mode or source"),
    "improve": ("ทำกิจกรรมเดิมด้วยประสิทธิภาพสูงขึ้น", "The same activity, more efficient"),
}
MITIGATION_THEMES = ("low_carbon", "bike_walk")
STATUSES = ("planned", "ongoing", "completed", "cancelled")
COUNTING_STATUSES = ("ongoing", "completed")
# the municipal departments named in the LCRS brochure (dimension 3); keys are stored in action.department
DEPARTMENTS = {
    "clerk": ("สำนักปลัดเทศบาล", "Office of the Municipal Clerk"),
    "finance": ("กองคลัง", "Finance Division"),
    "education": ("กองการศึกษา", "Education Division"),
    "engineering": ("กองช่าง", "Engineering Division"),
    "sanitation": ("กองช่างสุขาภิบาล", "Sanitation Engineering Division"),
    "planning": ("กองวิชาการและแผนงาน", "Planning Division"),
    "social_welfare": ("กองสวัสดิการสังคม", "Social Welfare Division"),
    "public_health": ("กองสาธารณสุขและสิ่งแวดล้อม", "Public Health and Environment Division"),
}


def counts_in_year(actions: pd.DataFrame, year: int) -> pd.Series:
    """Boolean mask: the action counts for ``year`` (status ongoing/completed and start_year <= year)."""
    return actions["status"].isin(COUNTING_STATUSES) & (actions["start_year"] <= int(year))


def years_of_effect(actions: pd.DataFrame, as_of_year: int) -> pd.Series:
    """Years over which an action's annual reduction is counted for its cost (see module docstring)."""
    end = actions["end_year"].astype("Float64").fillna(float(as_of_year))
    years = end - actions["start_year"].astype(float) + 1
    return years.clip(lower=1).astype(float)


def with_metrics(actions: pd.DataFrame, as_of_year: int) -> pd.DataFrame:
    """Actions with achievement_pct, years_of_effect and cost_per_t (THB per tCO2e) per action.

    achievement_pct = achieved / expected × 100; cost_per_t = budget / (achieved × years_of_effect);
    both are missing (never 0) where their inputs are missing or not positive.
    """
    out = actions.copy()
    exp = out["expected_tco2e"].astype(float)
    ach = out["achieved_tco2e"].astype(float)
    bud = out["budget_thb"].astype(float)
    out["years_of_effect"] = years_of_effect(out, as_of_year)
    with np.errstate(divide="ignore", invalid="ignore"):
        out["achievement_pct"] = np.where((exp > 0) & ach.notna(), ach / exp * 100.0, np.nan)
        out["cost_per_t"] = np.where((ach > 0) & (bud > 0), bud / (ach * out["years_of_effect"]), np.nan)
    return out


def _aggregate(df: pd.DataFrame, by: list[str], as_of_year: int) -> pd.DataFrame:
    m = with_metrics(df, as_of_year)
    both = (m["achieved_tco2e"].astype(float) > 0) & (m["budget_thb"].astype(float) > 0)
    m["_cost_budget"] = m["budget_thb"].astype(float).where(both, 0.0)
    m["_cost_t"] = (m["achieved_tco2e"].astype(float) * m["years_of_effect"]).where(both, 0.0)
    m["_exp_paired"] = m["expected_tco2e"].astype(float).where(
        m["achieved_tco2e"].notna() & (m["expected_tco2e"].astype(float) > 0), 0.0)
    m["_ach_paired"] = m["achieved_tco2e"].astype(float).where(m["_exp_paired"] > 0, 0.0)
    g = m.groupby(by, observed=True, dropna=False)
    out = g.agg(actions=("action_id", "size"),
                expected=("expected_tco2e", lambda s: s.sum(min_count=1)),
                achieved=("achieved_tco2e", lambda s: s.sum(min_count=1)),
                budget_thb=("budget_thb", lambda s: s.sum(min_count=1)),
                bike_lane_km=("bike_lane_km", lambda s: s.sum(min_count=1)),
                _exp_paired=("_exp_paired", "sum"), _ach_paired=("_ach_paired", "sum"),
                _cost_budget=("_cost_budget", "sum"), _cost_t=("_cost_t", "sum")).reset_index()
    with np.errstate(divide="ignore", invalid="ignore"):
        # achievement over actions that report both figures, so an unreported result does not count as a miss
        out["achievement_pct"] = np.where(out["_exp_paired"] > 0, out["_ach_paired"] / out["_exp_paired"] * 100,
                                          np.nan)
        out["cost_per_t"] = np.where(out["_cost_t"] > 0, out["_cost_budget"] / out["_cost_t"], np.nan)
    return out.drop(columns=["_exp_paired", "_ach_paired", "_cost_budget", "_cost_t"])


def asi_table(actions: pd.DataFrame, year: int | None = None, as_of_year: int | None = None) -> pd.DataFrame:
    """Counts and reductions by A-S-I × theme: actions, expected, achieved (tCO2e/yr), achievement_pct,
    budget_thb, bike_lane_km, cost_per_t.

    With ``year``, only the actions that count for that year; without it, every action in the registry.
    ``as_of_year`` (default: ``year`` or the latest start year) closes open-ended actions for the cost formula.
    """
    df = actions if year is None else actions[counts_in_year(actions, year)]
    as_of = as_of_year or year or (int(actions["start_year"].max()) if len(actions) else 0)
    return _aggregate(df, ["asi", "theme"], as_of).sort_values(["asi", "theme"], key=_order).reset_index(drop=True)


def by_asi_theme(actions: pd.DataFrame) -> pd.DataFrame:
    """``asi_table`` over every action given (the caller filters), for charts by A-S-I and theme."""
    return asi_table(actions)


def totals(actions: pd.DataFrame, as_of_year: int | None = None) -> dict:
    """Headline figures of a set of actions: actions (count), expected and achieved (tCO2e/yr; 0.0 when no
    action reports one) and cost_per_t (THB per tCO2e over the years of effect, None when not computable)."""
    if actions.empty:
        return {"actions": 0, "expected": 0.0, "achieved": 0.0, "cost_per_t": None}
    as_of = as_of_year or int(actions["start_year"].max())
    g = _aggregate(actions.assign(_all=1), ["_all"], as_of).iloc[0]
    return {"actions": int(g["actions"]),
            "expected": float(0.0 if pd.isna(g["expected"]) else g["expected"]),
            "achieved": float(0.0 if pd.isna(g["achieved"]) else g["achieved"]),
            "cost_per_t": None if pd.isna(g["cost_per_t"]) else float(g["cost_per_t"])}


def by_asi(by_asi_theme: pd.DataFrame) -> pd.DataFrame:
    """Expected and achieved tCO2e/yr per A-S-I category (avoid, shift, improve order), summed over the themes
    of ``by_asi_theme`` rows (as ``by_asi_theme`` returns them)."""
    out = by_asi_theme.groupby("asi", sort=False)[["expected", "achieved"]].sum().reset_index()
    return out.sort_values("asi", key=_order).reset_index(drop=True)


def by_municipality(actions: pd.DataFrame, year: int | None = None, as_of_year: int | None = None) -> pd.DataFrame:
    """Per municipality × A-S-I × theme, the same figures as ``asi_table`` (for network pages and groups)."""
    df = actions if year is None else actions[counts_in_year(actions, year)]
    as_of = as_of_year or year or (int(actions["start_year"].max()) if len(actions) else 0)
    out = _aggregate(df, ["municipality_code", "asi", "theme"], as_of)
    return out.rename(columns={"municipality_code": "code"}).sort_values(
        ["code", "asi", "theme"], key=_order).reset_index(drop=True)


def summary_block(actions: pd.DataFrame, year: int) -> dict | None:
    """The summary-JSON ``asi`` block: per A-S-I, the number of actions counting for ``year`` and their achieved
    reduction (tCO2e/yr, 1 decimal). None when the registry holds no action at all; a category without actions
    is 0 actions and 0.0 t; a category whose actions report no achieved figure has reduction_t null.
    Only mitigation actions count (``MITIGATION_THEMES``, when ``actions`` has a theme column).
    """
    if actions is None or actions.empty:
        return None
    if "theme" in actions.columns:
        actions = actions[actions["theme"].isin(MITIGATION_THEMES)]
    active = actions[counts_in_year(actions, year)]
    block = {}
    for a in ASI:
        sub = active[active["asi"] == a]
        achieved = sub["achieved_tco2e"].astype(float)
        if sub.empty:
            red = 0.0
        elif achieved.notna().any():
            red = round(float(achieved.sum()), 1)
        else:
            red = None
        block[a] = {"actions": int(len(sub)), "reduction_t": red}
    return block


def by_essential(actions: pd.DataFrame) -> pd.DataFrame:
    """Resilience actions grouped by UNDRR essential (1-10, Ten Essentials of the UNDRR Disaster Resilience
    Scorecard for Cities): essential, actions (count), counting (ongoing or completed), budget_thb (sum, missing
    when no action has a budget). Only essentials with at least one action, in essential order. Resilience
    actions are classified by essential instead of A-S-I (the A-S-I figures leave them out)."""
    cols = ["essential", "actions", "counting", "budget_thb"]
    if actions.empty or "undrr_essential" not in actions.columns:
        return pd.DataFrame(columns=cols)
    res = actions[(actions["theme"] == "resilience") & actions["undrr_essential"].notna()]
    if res.empty:
        return pd.DataFrame(columns=cols)
    res = res.assign(essential=res["undrr_essential"].astype(int),
                     _counting=res["status"].isin(COUNTING_STATUSES).astype(int))
    out = res.groupby("essential").agg(actions=("action_id", "size"), counting=("_counting", "sum"),
                                       budget_thb=("budget_thb", lambda s: s.sum(min_count=1))).reset_index()
    return out[cols].sort_values("essential").reset_index(drop=True)


_ORDERS = {"asi": ASI, "status": STATUSES, "theme": THEMES}


def _order(s: pd.Series) -> pd.Series:
    levels = _ORDERS.get(s.name)
    if levels is None:
        return s
    return s.map({v: i for i, v in enumerate(levels)})
