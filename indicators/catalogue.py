"""The LCRS indicator catalogue: themes, Whole-Municipality dimensions, and how a raw value becomes a 0-100 score.

The catalogue itself is reference data (``data/reference/indicators.csv`` -> table ``indicator_def``); this module
holds the vocabulary, the validation rules and the scoring methods. Method in one place: docs/methodology_lcrs.md.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

THEMES = ("low_carbon", "bike_walk", "resilience")
DIMENSIONS = (1, 2, 3, 4)
# the 12 cells of the Whole-Municipality matrix, in display order; cell index = theme index * 4 + dimension - 1
CELLS = tuple((theme, dim) for theme in THEMES for dim in DIMENSIONS)

THEME_NAMES = {
    "low_carbon": ("เมืองคาร์บอนต่ำ", "Low-carbon city"),
    "bike_walk": ("เมืองเดินและจักรยาน", "Bike-and-walk city"),
    "resilience": ("เมืองรู้สู้ภัยพิบัติ", "Disaster-resilient city"),
}
# Whole Municipality Approach, LCRS brochure 2015
DIMENSION_NAMES = {
    1: ("วิสัยทัศน์และนโยบายของผู้บริหาร", "Vision and policy of the executives"),
    2: ("การบริหารจัดการภายในองค์กร", "Internal management of the organisation"),
    3: ("การให้บริการประจำตามภารกิจของทุกกอง", "Routine services of every department"),
    4: ("โครงการเชิงยุทธศาสตร์ร่วมกับชุมชนและภาคี", "Strategic projects with communities and partners"),
}

METHODS = ("linear", "binary")
DIRECTIONS = ("up", "down")
CATALOGUE_COLUMNS = ["indicator_code", "theme", "dimension", "name_th", "name_en", "definition_th",
                     "definition_en", "unit", "direction", "method", "lo", "hi", "weight", "source"]

# Indicators whose value is computed from other tables rather than typed in. Where a computed value exists it
# takes precedence over an imported one for the same municipality-year, because it stays traceable to its rows.
DERIVED_FROM = {
    "lc_cfo_reduction_pct": "emissions",
    "lc_cfo_per_capita": "emissions",
    "rs_undrr_score": "scorecard",
}
MIN_INDICATORS_PER_THEME = 6

# Context values imported like indicators but not scored (not in the catalogue): the population of a year
# (residents), used for per-person figures of that year instead of the municipality's single figure.
POPULATION_INDICATOR = "population"
CONTEXT_INDICATORS = {POPULATION_INDICATOR: ("จำนวนประชากร (คน)", "Population (residents)", "persons")}
# a reduction against the base year can be negative (an increase) but never above 100 %
SIGNED_PERCENT = {"lc_cfo_reduction_pct"}


def cell_column(theme: str, dimension: int) -> str:
    """Column name of one matrix cell, e.g. ``low_carbon_1``."""
    return f"{theme}_{int(dimension)}"


def validate_catalogue(cat: pd.DataFrame) -> list[str]:
    """Problems that make a catalogue unusable (empty list = valid).

    Rules: unique codes; known theme, dimension, method and direction; positive weight; a source on every row;
    for ``linear``, lo (scores 0) and hi (scores 100) differ and agree with the direction (up: hi > lo,
    down: hi < lo); at least six indicators per theme; every theme covers all four dimensions.
    """
    problems = []
    missing = [c for c in CATALOGUE_COLUMNS if c not in cat.columns]
    if missing:
        return [f"missing columns: {', '.join(missing)}"]
    dup = cat["indicator_code"][cat["indicator_code"].duplicated()]
    problems += [f"{c}: duplicate indicator_code" for c in dup]
    for row in cat.itertuples(index=False):
        code = row.indicator_code
        if row.theme not in THEMES:
            problems.append(f"{code}: unknown theme {row.theme!r}")
        if row.dimension not in DIMENSIONS:
            problems.append(f"{code}: dimension must be 1-4, got {row.dimension!r}")
        if row.method not in METHODS:
            problems.append(f"{code}: unknown method {row.method!r}")
        if row.direction not in DIRECTIONS:
            problems.append(f"{code}: direction must be up or down, got {row.direction!r}")
        if not (pd.notna(row.weight) and row.weight > 0):
            problems.append(f"{code}: weight must be > 0")
        if pd.isna(row.source) or not str(row.source).strip():
            problems.append(f"{code}: source is required")
        if row.method == "linear":
            if pd.isna(row.lo) or pd.isna(row.hi) or row.lo == row.hi:
                problems.append(f"{code}: linear scoring needs lo != hi")
            elif (row.direction == "up") != (row.hi > row.lo):
                problems.append(f"{code}: direction {row.direction} disagrees with lo={row.lo}, hi={row.hi}")
    for theme in THEMES:
        sub = cat[cat["theme"] == theme]
        if len(sub) < MIN_INDICATORS_PER_THEME:
            problems.append(f"{theme}: {len(sub)} indicators, at least {MIN_INDICATORS_PER_THEME} required")
        absent = sorted(set(DIMENSIONS) - set(sub["dimension"]))
        if absent:
            problems.append(f"{theme}: no indicator for dimension(s) {absent}")
    return problems


def score_values(values: pd.Series | np.ndarray, method, lo, hi, direction) -> np.ndarray:
    """0-100 scores for raw values (vectorised; each argument a scalar or an array aligned with ``values``).

    ``linear``: 100 × (value − lo) / (hi − lo), clipped to 0-100; lo is the value scoring 0 and hi the value
    scoring 100, so a "down" indicator has hi < lo and needs no special case.
    ``binary``: a yes/no value (1/0); yes scores 100 for an "up" indicator and 0 for a "down" one.
    A missing value (NaN) scores NaN, never 0.
    """
    v = np.asarray(values, dtype=float)
    method = np.broadcast_to(np.asarray(method, dtype=object), v.shape)
    direction = np.broadcast_to(np.asarray(direction, dtype=object), v.shape)
    lo = np.broadcast_to(np.asarray(lo, dtype=float), v.shape)
    hi = np.broadcast_to(np.asarray(hi, dtype=float), v.shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        linear = np.clip((v - lo) / (hi - lo), 0.0, 1.0) * 100.0
    yes = v >= 0.5  # a 0/1 value; 0.5 splits them without trusting float equality
    binary = np.where(direction == "down", np.where(yes, 0.0, 100.0), np.where(yes, 100.0, 0.0))
    out = np.where(method == "binary", binary, np.where(method == "linear", linear, np.nan))
    return np.where(np.isnan(v), np.nan, out)


def combine_values(imported: pd.DataFrame, derived: pd.DataFrame | None) -> pd.DataFrame:
    """Imported indicator values plus computed ones; a computed value replaces an imported one for the same key.

    Both frames have columns municipality_code, year, indicator_code, value, evidence.
    """
    cols = ["municipality_code", "year", "indicator_code", "value", "evidence"]
    imported = imported.reindex(columns=cols)
    if derived is None or derived.empty:
        return imported.reset_index(drop=True)
    derived = derived.reindex(columns=cols)
    key = ["municipality_code", "year", "indicator_code"]
    both = pd.concat([imported.assign(_pri=0), derived.assign(_pri=1)], ignore_index=True)
    both = both.sort_values("_pri", kind="stable").drop_duplicates(key, keep="last")
    return both.drop(columns="_pri").sort_values(key, kind="stable").reset_index(drop=True)


def emission_indicator_values(figures: pd.DataFrame, with_evidence: bool = True) -> pd.DataFrame:
    """The two CFO indicators from the emissions engine's figures (``data.figures.inventories.network_summary`` rows).

    ``figures`` has code, year, cfo_total, base_year, base_total, reduction_pct, per_capita (tCO2e/person)
    and, from the like-for-like engine, reduction_comparable and per_capita_s12.
    - lc_cfo_reduction_pct = reduction_pct (like for like, docs/methodology_emissions.md §6), only for a year
      comparable with its base year: a missing source is not a cut;
    - lc_cfo_per_capita = CFO scopes 1+2 per resident × 1,000 (kgCO2e/person, ``per_capita_s12``): the
      landfill (scope 3) would otherwise decide the score by whether a municipality runs one; without that
      column, the CFO total per resident.
    Missing figures give no row (never 0). Columns: municipality_code, year, indicator_code, value, evidence
    (the inputs in words; left empty with ``with_evidence=False``, which is faster at national scale).
    """
    cols = ["municipality_code", "year", "indicator_code", "value", "evidence"]
    if figures is None or figures.empty:
        return pd.DataFrame(columns=cols)
    f = figures
    code = f["code"].astype(object).to_numpy()
    year = f["year"].astype("Int64")
    red = f["reduction_pct"].astype("Float64")
    if "reduction_comparable" in f.columns:
        red = red.where(f["reduction_comparable"].fillna(False).astype(bool).to_numpy())
    s12 = "per_capita_s12" in f.columns
    pc = f["per_capita_s12" if s12 else "per_capita"].astype("Float64") * 1000.0
    if with_evidence:
        total = f["cfo_total"].astype("Float64").round(1).astype(str)
        red_ev = ("CFO " + year.astype(str) + " vs base year " + f["base_year"].astype("Int64").astype(str)
                  + ", like for like; base-year total " + f["base_total"].astype("Float64").round(1).astype(str)
                  + " tCO2e").to_numpy(dtype=object)
        what = (f["cfo_scope1"].astype("Float64").fillna(0) + f["cfo_scope2"].astype("Float64").fillna(0)).round(1) \
            .astype(str) + " tCO2e (scopes 1+2)" if s12 and "cfo_scope1" in f.columns else total + " tCO2e"
        pc_ev = ("CFO " + what + " / " + f["population"].astype("Int64").astype(str)
                 + " residents").to_numpy(dtype=object)
    else:
        red_ev = pc_ev = np.full(len(f), None, dtype=object)
    parts = []
    for ind, value, ev in (("lc_cfo_reduction_pct", red, red_ev), ("lc_cfo_per_capita", pc, pc_ev)):
        has = value.notna().to_numpy(dtype=bool)
        parts.append(pd.DataFrame({"municipality_code": code[has], "year": year[has].to_numpy(dtype=int),
                                   "indicator_code": ind, "value": value[has].to_numpy(dtype=float),
                                   "evidence": ev[has]}))
    return pd.concat(parts, ignore_index=True)[cols]


def value_range(unit: str, code: str = "") -> tuple[float, float, str]:
    """The values an indicator can take, from its unit: (lowest, highest, kind) with kind ``yes/no`` (0 or 1),
    ``percent`` (0-100; a signed reduction % may be negative, at most 100) or ``non-negative`` (counts,
    lengths, rates, population: >= 0)."""
    u = str(unit or "").strip().lower()
    if u == "yes/no":
        return 0.0, 1.0, "yes/no"
    if u.startswith("%"):
        return (-np.inf if code in SIGNED_PERCENT else 0.0), 100.0, "percent"
    return 0.0, np.inf, "non-negative"


def out_of_range(values, units, codes=None) -> np.ndarray:
    """Boolean mask of values outside their unit's range (``value_range``): a yes/no other than 0 or 1, a
    share outside 0-100 %, a negative count or length. Missing values are not flagged (they are not evidence)."""
    v = np.asarray(values, dtype=float)
    units = list(units)
    codes = list(codes) if codes is not None else [""] * len(units)
    bad = np.zeros(len(v), dtype=bool)
    for i, (x, u, c) in enumerate(zip(v, units, codes)):
        if np.isnan(x):
            continue
        lo, hi, kind = value_range(u, c)
        bad[i] = (x not in (0.0, 1.0)) if kind == "yes/no" else not (lo <= x <= hi)
    return bad
