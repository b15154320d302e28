"""Thai fiscal year (ปีงบประมาณ): 1 October of the year before to 30 September (Budget Procedures Act
B.E. 2561, s. 4: "ปีงบประมาณ" runs from 1 October to 30 September of the following year and is named after
that following year). Fiscal year 2024 (ปีงบประมาณ พ.ศ. 2567) = October 2023 – September 2024.

Totals by fiscal year need monthly rows: a fiscal year is summed only when every one of its twelve months has
rows and none of the two calendar years involved carries an annual-only row (month empty), which cannot be
split between fiscal years.
"""
from __future__ import annotations

import pandas as pd

PERIODS = ("calendar", "fiscal")
FIRST_MONTH = 10   # October


def fiscal_year(year: int, month: int) -> int:
    """The fiscal year a calendar month belongs to: October–December count towards the next year."""
    return int(year) + 1 if int(month) >= FIRST_MONTH else int(year)


def fiscal_months(fy: int) -> list[tuple[int, int]]:
    """The twelve (calendar year, month) pairs of fiscal year ``fy``, October of ``fy − 1`` first."""
    return [(fy - 1, m) for m in range(10, 13)] + [(fy, m) for m in range(1, 10)]


def cfo_by_period(rows: pd.DataFrame, fy: int) -> dict:
    """CFO of fiscal year ``fy`` from activity rows with their emissions (columns year, month, scope,
    tco2e), as {"scope1", "scope2", "scope3", "total", "months", "missing_months", "reason"}.

    The totals are None (and ``reason`` says why: "annual_rows" or "missing_months") unless the rule in the
    module docstring holds. ``months`` counts the fiscal year's months that have rows."""
    wanted = fiscal_months(fy)
    r = rows[rows["year"].isin([fy - 1, fy])]
    out = {"scope1": None, "scope2": None, "scope3": None, "total": None}
    present = {(int(y), int(m)) for y, m in zip(r["year"], r["month"]) if pd.notna(m)}
    missing = [f"{y}-{m:02d}" for y, m in wanted if (y, m) not in present]
    out["months"] = 12 - len(missing)
    out["missing_months"] = missing
    if r["month"].isna().any():
        out["reason"] = "annual_rows"
        return out
    if missing:
        out["reason"] = "missing_months"
        return out
    keep = r[[(int(y), int(m)) in set(wanted) for y, m in zip(r["year"], r["month"])]]
    for s in (1, 2, 3):
        out[f"scope{s}"] = float(keep.loc[keep["scope"] == s, "tco2e"].sum())
    out["total"] = out["scope1"] + out["scope2"] + out["scope3"]
    out["reason"] = None
    return out
