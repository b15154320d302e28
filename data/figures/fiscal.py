"""Figures by Thai fiscal year (ปีงบประมาณ, 1 Oct – 30 Sep) where monthly activity rows exist.

Each month's emissions are computed as in the calendar figures (the factor valid in that month's calendar
year, so October–December of the year before keep their own year's factors) and then summed over the fiscal
year by ``indicators.fiscal``. Only the organisation's footprint (CFO) is given by fiscal year: the city
inventory (GPC) and its landfill model are annual.
"""
from __future__ import annotations

import pandas as pd

from data.figures import inventories, summary
from data.queries import emission_rows
from indicators import fiscal, gwp as gwp_mod, targets


def _cfo_rows(con, code: str, years: list[int], gwp_set: str) -> pd.DataFrame:
    parts = [inventories.activity_emissions(con, code, y, "CFO", gwp_set) for y in years]
    parts = [p[["year", "month", "scope", "tco2e"]] for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=["year", "month", "scope", "tco2e"])
    return pd.concat(parts, ignore_index=True)


def fiscal_cfo(con, code: str, fy: int, gwp_set: str = gwp_mod.DEFAULT_GWP_SET) -> dict:
    """CFO of one municipality in fiscal year ``fy`` (``indicators.fiscal.cfo_by_period``)."""
    return fiscal.cfo_by_period(_cfo_rows(con, code, [fy - 1, fy], gwp_set), fy)


def municipality_summary(con, code: str, year: int, gwp_set: str = gwp_mod.DEFAULT_GWP_SET,
                         landfill_method: str = emission_rows.DEFAULT_LANDFILL_METHOD, period: str = "calendar") -> dict:
    """The summary JSON for a calendar year (``data.figures.summary.municipality_summary``) or a fiscal year.

    For ``period="fiscal"``: ``year`` is the fiscal year; ``cfo``, ``base_total`` (the base year taken as a
    fiscal year too), ``reduction_pct``, ``award_eligible`` and ``per_capita`` are by fiscal year, null when
    the months do not allow it; ``ccf`` figures are null (annual only); ``"period": "fiscal"`` and a
    ``"fiscal"`` block tell which months were found and why a figure is missing."""
    if period not in fiscal.PERIODS:
        raise ValueError(f"period must be one of {fiscal.PERIODS}, got {period!r}")
    s = summary.municipality_summary(con, code, year, gwp_set, landfill_method)
    if period == "calendar":
        return s  # the contract's JSON, unchanged
    s["period"] = "fiscal"
    cur = fiscal_cfo(con, code, int(year), gwp_set)
    base = fiscal_cfo(con, code, int(s["base_year"]), gwp_set) if s.get("base_year") is not None else None
    r = inventories.TCO2E_DECIMALS
    s["cfo"] = {k: (None if cur[k] is None else round(cur[k], r)) for k in ("scope1", "scope2", "scope3", "total")}
    s["base_total"] = None if base is None or base["total"] is None else round(base["total"], r)
    applicable = s.get("base_year") is not None and int(year) >= int(s["base_year"])
    pct = targets.reduction_pct(s["base_total"], s["cfo"]["total"]) if applicable else None
    s["reduction_pct"] = None if pct is None else round(pct, targets.PCT_DECIMALS)
    s["award_eligible"] = targets.award_eligible(s["reduction_pct"]) if s["reduction_pct"] is not None else None
    if isinstance(s.get("reduction"), dict):
        s["reduction"]["pct"] = s["reduction_pct"]
    pop = (con.execute("SELECT population FROM municipality WHERE code = ?", [code]).fetchone() or [None])[0]
    per = targets.intensity(s["cfo"]["total"], pop)
    s["per_capita"] = None if per is None else round(per, inventories.PER_CAPITA_DECIMALS)
    s["ccf"] = {"basic": None, "basic_plus": None, "by_sector": {k: None for k in s["ccf"]["by_sector"]},
                **{k: v for k, v in s["ccf"].items() if k not in ("basic", "basic_plus", "by_sector")}}
    s["fiscal"] = {"months": cur["months"], "missing_months": cur["missing_months"], "reason": cur["reason"],
                   "base_reason": None if base is None else base["reason"], "ccf": "annual_only"}
    return s
