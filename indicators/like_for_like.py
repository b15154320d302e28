"""Like-for-like reduction against the base year, split into what the municipality did and what the factors did.

The LCRS award recognises a municipality's *effort* ("ความพยายามในการลด", LCRS brochure 2015), so a year is
compared with its base year only over what both years report (TGO CFO guideline: the same organisational
boundary and sources in both years; GHG Protocol Corporate Standard ch. 5, recalculation of base-year
emissions when the boundary changes):

- the unit of comparison is the CFO *category* of the factor library (stationary, mobile, fugitive,
  wastewater, electricity, water, paper, waste, upstream). A category reported in the base year and absent
  this year makes the year *not comparable*; a row with amount 0 is a report of zero and counts as reported;
  switching R-22 to R-32 stays inside "fugitive" and is comparable;
- a category reported monthly needs the same months: months of the base year missing this year make the year
  not comparable; the reduction is computed over the months both years report. An annual figure covers all
  twelve months, so it cannot be compared with part of a year (status ``months_unmatched``);
- a category new this year is left out of the comparison (it has no base to be reduced from) and does not by
  itself make the year not comparable;
- reduction % = (base − year) / base × 100 over the compared categories and months, each year at its own
  factors; the *activity effect* holds every factor at its base-year value,
  (base − Σ year amount × base-year factor) / base × 100, and the *factor effect* is the rest
  (reduction − activity effect), e.g. a new grid-electricity factor;
- the award needs a comparable year and an activity effect of at least 5.00 % (2 decimals), so a change of
  the grid factor alone never earns it.

Everything here is pure pandas on emission rows that already carry their tCO2e at both factors
(``data`` computes them); ``category_effects`` is the per-category table (also used by the profile's "why"
panel), ``reduction_table`` the per municipality-year figures, ``reduction_block`` the summary-JSON object.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from indicators.targets import AWARD_THRESHOLD_PCT, PCT_DECIMALS

FULL_YEAR = (1 << 12) - 1  # bit m-1 set = month m reported; an annual row covers all twelve

# status of one category in a comparison
COMPARED = "compared"
MISSING = "missing_this_year"           # reported in the base year, not this year -> not comparable
MONTHS_MISSING = "months_missing"       # base-year months absent this year -> not comparable
MONTHS_UNMATCHED = "months_unmatched"   # an annual figure against part of a year -> not comparable
NEW = "new_this_year"                   # not in the base year -> left out, comparable
NOT_COMPARABLE_STATUSES = (MISSING, MONTHS_MISSING, MONTHS_UNMATCHED)

# reasons without a category (token = the code itself)
NO_BASE_YEAR = "no_base_year"
NO_BASE_CFO = "no_base_cfo"
NO_CFO = "no_cfo"
BEFORE_BASE = "before_base"
NOTHING_COMPARABLE = "nothing_comparable"

ROW_COLUMNS = ["code", "year", "category", "month", "tco2e", "tco2e_base_factors"]
EFFECT_COLUMNS = ["code", "year", "base_year", "category", "status", "base_t", "year_t", "change_t",
                  "activity_effect_t", "factor_effect_t", "missing_months"]
TABLE_COLUMNS = ["code", "year", "reduction_t", "reduction_pct", "reduction_comparable", "activity_effect_pct",
                 "factor_effect_pct", "award_eligible", "reduction_missing", "reduction_reasons"]


def _month_bits(month: pd.Series) -> np.ndarray:
    m = pd.to_numeric(month, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    ok = np.isfinite(m) & (m >= 1) & (m <= 12)
    return np.where(ok, np.left_shift(1, np.where(ok, m, 1).astype(np.int64) - 1), FULL_YEAR).astype(np.int64)


def _months(mask: int) -> list[int]:
    return [m for m in range(1, 13) if mask & (1 << (m - 1))]


def category_effects(rows: pd.DataFrame, base_years: pd.DataFrame) -> pd.DataFrame:
    """Per municipality, year (from its base year on) and CFO category: base t, year t, change t, activity
    effect t and factor effect t over the months both years report, with the category's status.

    ``rows``: code, year, category, month (NA for an annual row), tco2e (at the factor valid in the row's
    year) and tco2e_base_factors (at the factor valid in the municipality's base year; where the library had
    no factor for that activity in the base year, its own year's factor). ``base_years``: code, base_year.

    change_t = year_t − base_t = activity_effect_t + factor_effect_t, where activity_effect_t =
    Σ year amount × base-year factor − base_t and factor_effect_t = year_t − Σ year amount × base-year factor.
    For a category missing this year, base_t is the base-year figure and the year columns are NA; for a new
    category, year_t is this year's figure and the base columns are NA; for ``months_unmatched`` both sides
    are the full figures and the effects are NA. ``missing_months``: months of the base year not reported
    this year (empty list otherwise). Columns: ``EFFECT_COLUMNS``.
    """
    if rows.empty:
        return pd.DataFrame(columns=EFFECT_COLUMNS)
    r = rows[ROW_COLUMNS].copy()
    r["year"] = r["year"].astype(int)
    r["bits"] = _month_bits(r["month"])
    r["annual"] = r["bits"] == FULL_YEAR
    by = r.groupby(["code", "year", "category"], sort=False)
    cov = by.agg(mask=("bits", lambda s: int(np.bitwise_or.reduce(s.to_numpy()))),
                 has_annual=("annual", "any")).reset_index()
    bases = base_years[["code", "base_year"]].dropna()
    bases = bases.assign(base_year=bases["base_year"].astype(int))
    cov = cov.merge(bases, on="code", how="inner")
    base_cov = cov[cov["year"] == cov["base_year"]][["code", "category", "mask", "has_annual"]]
    years = cov[cov["year"] >= cov["base_year"]][["code", "year", "base_year"]].drop_duplicates()
    # a year is compared with its base year only when the base year has CFO rows
    years = years[years["code"].isin(base_cov["code"])]
    if years.empty:
        return pd.DataFrame(columns=EFFECT_COLUMNS)
    base_side = years.merge(base_cov, on="code").rename(columns={"mask": "bmask", "has_annual": "bannual"})
    year_side = cov.merge(years, on=["code", "year", "base_year"])[["code", "year", "base_year", "category",
                                                                     "mask", "has_annual"]]
    year_side = year_side.rename(columns={"mask": "ymask", "has_annual": "yannual"})
    pairs = base_side.merge(year_side, on=["code", "year", "base_year", "category"], how="outer")
    in_base, in_year = pairs["bmask"].notna(), pairs["ymask"].notna()
    bmask = pairs["bmask"].fillna(0).astype(np.int64).to_numpy()
    ymask = pairs["ymask"].fillna(0).astype(np.int64).to_numpy()
    common = bmask & ymask
    annual_any = (pairs["bannual"].fillna(False).astype(bool) | pairs["yannual"].fillna(False).astype(bool))
    matchable = (common == FULL_YEAR) | ~annual_any.to_numpy()
    status = np.select(
        [~in_year.to_numpy(), ~in_base.to_numpy(), ~matchable, (bmask & ~ymask) != 0],
        [MISSING, NEW, MONTHS_UNMATCHED, MONTHS_MISSING], COMPARED)
    pairs["status"] = status
    pairs["common"] = np.where(np.isin(status, [COMPARED, MONTHS_MISSING]), common, FULL_YEAR)
    pairs["missing_months"] = [_months(int(b) & ~int(y)) if s == MONTHS_MISSING else []
                               for b, y, s in zip(bmask, ymask, status)]

    # sums over the compared months: a monthly row counts when its month is common, an annual row only when
    # the common coverage is the whole year (then every row of the category counts)
    base_rows = r.merge(bases, on="code").query("year == base_year")[["code", "category", "bits", "tco2e"]]
    base_rows = base_rows.merge(pairs[["code", "year", "category", "common"]], on=["code", "category"])
    base_rows = base_rows[(base_rows["bits"] & base_rows["common"]) == base_rows["bits"]]
    base_sum = base_rows.groupby(["code", "year", "category"])["tco2e"].sum().rename("base_t")
    year_rows = r.merge(pairs[["code", "year", "category", "common"]], on=["code", "year", "category"])
    year_rows = year_rows[(year_rows["bits"] & year_rows["common"]) == year_rows["bits"]]
    ysum = year_rows.groupby(["code", "year", "category"])[["tco2e", "tco2e_base_factors"]].sum()
    ysum = ysum.rename(columns={"tco2e": "year_t", "tco2e_base_factors": "year_at_base_t"})
    out = pairs.join(base_sum, on=["code", "year", "category"]).join(ysum, on=["code", "year", "category"])
    for c in ("base_t", "year_t", "year_at_base_t"):
        out[c] = out[c].astype("Float64")
    out.loc[out["status"] == NEW, "base_t"] = pd.NA
    out.loc[out["status"] == MISSING, ["year_t", "year_at_base_t"]] = pd.NA
    compared = out["status"].isin([COMPARED, MONTHS_MISSING])
    out["change_t"] = (out["year_t"] - out["base_t"]).where(compared)
    out["activity_effect_t"] = (out["year_at_base_t"] - out["base_t"]).where(compared)
    out["factor_effect_t"] = (out["year_t"] - out["year_at_base_t"]).where(compared)
    out["base_year"] = out["base_year"].astype(int)
    return (out[EFFECT_COLUMNS].sort_values(["code", "year", "category"], kind="stable")
            .reset_index(drop=True))


def _pct(base: pd.Series, value: pd.Series) -> pd.Series:
    b = base.astype("Float64")
    return ((b - value.astype("Float64")) / b.where(b > 0) * 100.0).round(PCT_DECIMALS)


def reduction_table(rows: pd.DataFrame, base_years: pd.DataFrame, pairs: pd.DataFrame | None = None
                    ) -> pd.DataFrame:
    """Per municipality-year: like-for-like reduction %, comparable, activity and factor effect % and award.

    ``rows`` and ``base_years`` as in ``category_effects``; ``pairs`` (code, year), when given, are the
    municipality-years to report (also those with no figure: they get the reason why). reduction_pct =
    (Σ base_t − Σ year_t) / Σ base_t × 100 over the compared categories (``COMPARED`` and ``MONTHS_MISSING``:
    the months both years report); activity_effect_pct = (Σ base_t − Σ year amount × base-year factor) /
    Σ base_t × 100; factor_effect_pct = reduction_pct − activity_effect_pct (both rounded to 2 decimals
    first, so the two shown figures add up). award_eligible = NA when not comparable, else activity effect ≥
    5.00. ``reduction_t`` = Σ base_t − Σ year_t over the compared categories (tCO2e, positive = a cut).
    ``reduction_missing`` / ``reduction_reasons``: ";"-joined tokens (``missing_tokens``; reasons are
    ``status:category`` or a general code; render them with ``reason_text``). Columns: ``TABLE_COLUMNS``.
    """
    eff = category_effects(rows, base_years)
    keys = ["code", "year"]
    if pairs is None:
        pairs = rows[keys].drop_duplicates()
    pairs = pairs[keys].drop_duplicates().assign(year=lambda d: d["year"].astype(int))
    bases = base_years[["code", "base_year"]].drop_duplicates("code")
    out = pairs.merge(bases, on="code", how="left")
    compared = eff[eff["status"].isin([COMPARED, MONTHS_MISSING])]
    sums = compared.groupby(keys)[["base_t", "year_t"]].sum(min_count=1)
    sums["year_at_base_t"] = (compared["base_t"] + compared["activity_effect_t"]).groupby(
        [compared["code"], compared["year"]]).sum(min_count=1)
    out = out.join(sums, on=keys)
    out["reduction_t"] = (out["base_t"] - out["year_t"]).astype("Float64")
    out["reduction_pct"] = _pct(out["base_t"], out["year_t"])
    out["activity_effect_pct"] = _pct(out["base_t"], out["year_at_base_t"])
    out["factor_effect_pct"] = (out["reduction_pct"] - out["activity_effect_pct"]).round(PCT_DECIMALS)

    bad = eff[eff["status"].isin(NOT_COMPARABLE_STATUSES)]
    tokens = pd.Series([missing_tokens(s, c, m) for s, c, m in
                        zip(bad["status"], bad["category"], bad["missing_months"])], index=bad.index, dtype=object)
    reasons = pd.Series([f"{s}:{c}" for s, c in zip(bad["status"], bad["category"])], index=bad.index,
                        dtype=object)
    join = ";".join
    miss = tokens.groupby([bad["code"], bad["year"]]).agg(lambda s: join(t for ts in s for t in ts))
    why = reasons.groupby([bad["code"], bad["year"]]).agg(join)
    out = out.join(miss.rename("reduction_missing"), on=keys).join(why.rename("reduction_reasons"), on=keys)

    present = pd.MultiIndex.from_frame(rows[keys].astype({"year": int})) if len(rows) else None
    has_rows = _pairs_in(out["code"], out["year"], present)
    base_has = _pairs_in(out["code"], out["base_year"], present)
    no_base = out["base_year"].isna().to_numpy()
    by = out["base_year"].fillna(-1).astype(int).to_numpy()
    before = ~no_base & (out["year"].to_numpy() < by)
    cat_reasons = out["reduction_reasons"].fillna("").to_numpy(dtype=object)
    nothing = ~(out["base_t"].fillna(0) > 0).to_numpy(dtype=bool)
    general = np.select(
        [no_base, before, ~base_has, ~has_rows, nothing & (cat_reasons == "")],
        [NO_BASE_YEAR, BEFORE_BASE, NO_BASE_CFO, NO_CFO, NOTHING_COMPARABLE], "")
    blocked = general != ""
    for c in ("reduction_t", "reduction_pct", "activity_effect_pct", "factor_effect_pct"):
        out.loc[blocked | nothing, c] = pd.NA
    out["reduction_reasons"] = np.where(blocked, general, cat_reasons)
    out.loc[blocked, "reduction_missing"] = ""
    out["reduction_missing"] = out["reduction_missing"].fillna("")
    out["reduction_comparable"] = pd.array(out["reduction_reasons"] == "", dtype="boolean")
    eligible = (out["activity_effect_pct"] >= AWARD_THRESHOLD_PCT).astype("boolean")
    out["award_eligible"] = eligible.where(out["reduction_comparable"].fillna(False).to_numpy(), pd.NA)
    for c in ("reduction_t", "reduction_pct", "activity_effect_pct", "factor_effect_pct"):
        out[c] = out[c].astype("Float64")
    out["award_eligible"] = out["award_eligible"].astype("boolean")
    return out[TABLE_COLUMNS].sort_values(keys, kind="stable").reset_index(drop=True)


def _pairs_in(code: pd.Series, year: pd.Series, present) -> np.ndarray:
    """Whether each (code, year) is in the MultiIndex ``present`` (False for a missing year)."""
    if present is None:
        return np.zeros(len(code), dtype=bool)
    y = pd.to_numeric(year, errors="coerce").fillna(-1).astype(int)
    return np.asarray(pd.MultiIndex.from_arrays([code.to_numpy(), y.to_numpy()]).isin(present))


def missing_tokens(status: str, category: str, months) -> list[str]:
    """What is missing, as tokens: the category (``waste``), or one ``category:month`` per missing month
    (``electricity:12``); an unmatched annual/monthly category is the category itself."""
    if status == MONTHS_MISSING:
        return [f"{category}:{m}" for m in months]
    return [str(category)]


def split(text) -> list[str]:
    """The tokens of a stored ";"-joined list (empty for NA or "")."""
    if text is None or (isinstance(text, float) and math.isnan(text)) or text is pd.NA:
        return []
    return [t for t in str(text).split(";") if t]


# the sentences of the summary JSON (English); pages and reports translate the same codes through their
# catalogues (``templates``), with the same {cat}, {base}, {year} and {months} fields
REASON_TEMPLATES = {
    MISSING: "{cat}: reported in base year {base}, not in {year}",
    MONTHS_MISSING: "{cat}: months {months} of base year {base} not reported in {year}",
    MONTHS_UNMATCHED: "{cat}: an annual figure cannot be compared with part of a year",
    NO_BASE_YEAR: "no base year set",
    NO_BASE_CFO: "no CFO in base year {base}",
    NO_CFO: "no CFO in {year}",
    BEFORE_BASE: "{year} is before base year {base}",
    NOTHING_COMPARABLE: "no category reported in both {base} and {year}",
}
REASON_CODES = tuple(REASON_TEMPLATES)


def reason_text(token: str, base_year, year, missing: list[str] | None = None, templates=None,
                category_name=None, year_label=None) -> str:
    """A reason token (``status:category`` or a general code) as a sentence.

    ``missing``: the year's missing tokens (for the months of a ``months_missing`` category); ``templates``:
    code -> sentence with {cat}, {base}, {year}, {months} (default ``REASON_TEMPLATES``, English);
    ``category_name(category)`` and ``year_label(year)`` may translate the category and show the year (e.g.
    in พ.ศ.); by default the category key and the CE year are used."""
    code, _, cat = str(token).partition(":")
    months = ", ".join(t.split(":", 1)[1] for t in (missing or []) if t.startswith(f"{cat}:"))
    table = templates or REASON_TEMPLATES
    label = year_label or (lambda y: "—" if y is None or pd.isna(y) else str(int(y)))
    name = category_name(cat) if category_name and cat else cat
    return table.get(code, code).format(cat=name, base=label(base_year), year=label(year), months=months)


def _value(x, decimals=None):
    if x is None or x is pd.NA or (isinstance(x, float) and math.isnan(x)):
        return None
    return round(float(x), decimals) if decimals is not None else x


def reduction_block(row, base_year, year) -> dict:
    """The summary-JSON ``reduction`` object from one ``reduction_table`` row (None: no row):
    {"pct", "comparable", "reasons" (English sentences), "missing" (tokens), "activity_effect_pct",
    "factor_effect_pct", "reason_codes" (the reasons as tokens, for translation)}."""
    if row is None:
        return {"pct": None, "comparable": False, "reasons": [reason_text(NO_CFO, base_year, year)],
                "missing": [], "activity_effect_pct": None, "factor_effect_pct": None, "reason_codes": [NO_CFO]}
    missing = split(row["reduction_missing"])
    comparable = _value(row["reduction_comparable"])
    return {"pct": _value(row["reduction_pct"], PCT_DECIMALS),
            "comparable": bool(comparable) if comparable is not None else False,
            "reasons": [reason_text(t, base_year, year, missing) for t in split(row["reduction_reasons"])],
            "missing": missing,
            "activity_effect_pct": _value(row["activity_effect_pct"], PCT_DECIMALS),
            "factor_effect_pct": _value(row["factor_effect_pct"], PCT_DECIMALS),
            "reason_codes": split(row["reduction_reasons"])}


def why_table(rows: pd.DataFrame, code: str, base_year: int | None, year: int) -> pd.DataFrame:
    """The per-category comparison of one municipality-year with its base year (``category_effects`` for
    that pair): category, status, base_t, year_t, change_t, activity_effect_t, factor_effect_t,
    missing_months. Empty when there is no base year or no comparison."""
    if base_year is None or pd.isna(base_year):
        return pd.DataFrame(columns=EFFECT_COLUMNS)
    sub = rows[rows["code"] == code]
    eff = category_effects(sub, pd.DataFrame({"code": [code], "base_year": [int(base_year)]}))
    return eff[eff["year"] == int(year)].reset_index(drop=True)
