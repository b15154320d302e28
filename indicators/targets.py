"""Base-year targets: reduction against the base year, the 5 % award rule, intensities, BAU and trajectories.

The LCRS award rule (project brochure, 2015): a municipality that cuts its emissions by at least 5 % against
its base year is eligible. Reduction % = (base - current) / base x 100 on the CFO total. The percentage is
rounded to 2 decimals before it is compared with 5, so that 5.00 % shown to a council is 5.00 % decided
(without rounding, (3 - 2.85) / 3 x 100 = 4.999999999999992 in floating point would fail the rule).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from indicators.missing import is_missing

AWARD_THRESHOLD_PCT = 5.0
PCT_DECIMALS = 2
DEFAULT_TARGET_YEAR = 2030


def award_line(base_total: float | None, threshold: float = AWARD_THRESHOLD_PCT) -> float | None:
    """The emissions level that earns the award: the base-year total less the threshold,
    base x (1 - 5/100); None when the base is missing."""
    if is_missing(base_total):
        return None
    return float(base_total) * (1.0 - threshold / 100.0)


def reduction_pct(base_total: float | None, current_total: float | None) -> float | None:
    """Reduction against the base year in %, (base - current) / base x 100, rounded to 2 decimals;
    None when either total is missing or the base is not positive."""
    if is_missing(base_total) or is_missing(current_total) or base_total <= 0:
        return None
    return round((base_total - current_total) / base_total * 100.0, PCT_DECIMALS)


def award_eligible(pct: float | None, threshold: float = AWARD_THRESHOLD_PCT) -> bool | None:
    """True when the (2-decimal) reduction is at least the threshold (5 %); None when the reduction is unknown."""
    if is_missing(pct):
        return None
    return bool(round(pct, PCT_DECIMALS) >= threshold)


def reduction_frame(current: pd.Series, base: pd.Series, threshold: float = AWARD_THRESHOLD_PCT) -> pd.DataFrame:
    """Vectorised ``reduction_pct`` and ``award_eligible``: columns reduction_pct (Float64), award_eligible
    (boolean); NA where either total is missing or the base is not positive."""
    cur = pd.to_numeric(current, errors="coerce").astype("Float64")
    bas = pd.to_numeric(base, errors="coerce").astype("Float64")
    bas = bas.where(bas > 0)
    pct = ((bas - cur) / bas * 100.0).round(PCT_DECIMALS)
    eligible = (pct >= threshold).astype("boolean")
    return pd.DataFrame({"reduction_pct": pct, "award_eligible": eligible}, index=current.index)


def intensity(total: float | None, denominator: float | None) -> float | None:
    """A total divided by population (tCO2e/person) or area (tCO2e/km2); None if either is missing or the
    denominator is not positive."""
    if is_missing(total) or is_missing(denominator) or denominator <= 0:
        return None
    return total / denominator


def intensity_series(total: pd.Series, denominator: pd.Series) -> pd.Series:
    """Vectorised ``intensity`` (Float64, NA where undefined)."""
    den = pd.to_numeric(denominator, errors="coerce").astype("Float64")
    return pd.to_numeric(total, errors="coerce").astype("Float64") / den.where(den > 0)


def log_linear_growth(years, totals) -> float | None:
    """Annual growth rate g of a log-linear (exponential) trend fitted by least squares to ln(total) ~ year;
    total(t) = a x (1 + g)^t. None with fewer than 2 positive points."""
    y = np.asarray(years, dtype=float)
    v = np.asarray(totals, dtype=float)
    ok = np.isfinite(v) & (v > 0)
    if ok.sum() < 2 or np.unique(y[ok]).size < 2:
        return None
    slope = np.polyfit(y[ok], np.log(v[ok]), 1)[0]
    return float(np.expm1(slope))


def bau_projection(history: pd.Series, base_year: int, end_year: int = DEFAULT_TARGET_YEAR,
                   growth_rate: float | None = None, driver: str = "population_growth") -> pd.DataFrame:
    """Business-as-usual projection from the base year to ``end_year``: what would have happened without the
    municipality's actions, so it never uses the years after the base year (their cuts are the actions).

    ``history`` maps year -> total (tCO2e). The BAU starts at the base-year total and grows at a constant
    rate: the log-linear trend of the years up to and including the base year (method ``pre_base_trend``, at
    least 2 years), else ``growth_rate`` — a stated driver such as the population growth (method ``driver``,
    e.g. ``population_growth``) — else flat (``flat_no_trend``: no pre-base years and no driver). Returns
    columns year, bau_t, growth_rate, method; empty when no base-year total exists.
    """
    hist = history.dropna()
    if base_year not in hist.index:
        return pd.DataFrame(columns=["year", "bau_t", "growth_rate", "method"])
    pre = hist[hist.index <= base_year]
    g = log_linear_growth(pre.index, pre.values)
    method = "pre_base_trend"
    if g is None and growth_rate is not None and np.isfinite(growth_rate):
        g, method = float(growth_rate), driver
    if g is None:
        g, method = 0.0, "flat_no_trend"
    years = np.arange(base_year, end_year + 1)
    bau = float(hist[base_year]) * (1.0 + g) ** (years - base_year)
    return pd.DataFrame({"year": years, "bau_t": bau, "growth_rate": g, "method": method})


def population_growth(population: pd.Series) -> float | None:
    """Annual growth rate of a population series (year -> residents), log-linear fit (``log_linear_growth``);
    None with fewer than 2 years. A stated BAU driver: emissions growing with the number of residents."""
    p = population.dropna()
    return log_linear_growth(p.index, p.values)


def target_met(latest_total: float | None, target_total_t: float | None) -> bool | None:
    """True when the latest total is already at or below the target level (then there is no path to draw:
    a path from below the target up to it would ask for an increase); None when either is missing."""
    if is_missing(latest_total) or is_missing(target_total_t):
        return None
    return bool(latest_total <= target_total_t)


def target_trajectory(start_year: int, start_total: float, target_year: int, target_total: float) -> pd.DataFrame:
    """Linear path from (start_year, start_total) to (target_year, target_total): columns year, target_t and
    the constant annual cut ``annual_cut_t`` needed to get there."""
    if target_year <= start_year:
        raise ValueError("target year must be after the start year")
    years = np.arange(start_year, target_year + 1)
    step = (target_total - start_total) / (target_year - start_year)
    return pd.DataFrame({"year": years, "target_t": start_total + step * (years - start_year),
                         "annual_cut_t": -step})


def target_total(base_total: float, reduction_target_pct: float = AWARD_THRESHOLD_PCT) -> float:
    """The emissions level that meets a reduction target: base x (1 - target / 100)."""
    return base_total * (1.0 - reduction_target_pct / 100.0)
