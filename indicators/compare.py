"""Pilot vs replicating cities: group comparisons, mentor pairs, progress since joining, who improved most.

Pure pandas, on the Whole-Municipality matrix (``wma.wma_matrix``) and the municipality table (code, role,
mentor_code, joined_year). Measures are the 12 cells, the 3 theme scores and ``overall``.
"""
from __future__ import annotations

import pandas as pd

from indicators.catalogue import THEMES
from indicators.wma import CELL_COLUMNS

MEASURES = CELL_COLUMNS + list(THEMES) + ["overall"]
GROUPS = ("pilot", "replicating", "network", "none")


def _long(matrix: pd.DataFrame, measures=None) -> pd.DataFrame:
    measures = list(measures or MEASURES)
    return matrix.melt(id_vars=["code", "year"], value_vars=measures, var_name="measure", value_name="score")


def group_summary(matrix: pd.DataFrame, muni: pd.DataFrame, measures=None) -> pd.DataFrame:
    """Per year, group and measure: n (municipalities with a score), mean and median.

    Groups: the municipality role (pilot, replicating, network), 'none' for LAOs outside the programme,
    and 'all' for everyone in the matrix. Missing scores are left out, never counted as 0.
    """
    role = muni.set_index("code")["role"]
    long = _long(matrix, measures).dropna(subset=["score"])
    long["group"] = long["code"].map(role).fillna("none")
    per_group = long.groupby(["year", "group", "measure"])["score"].agg(["size", "mean", "median"]).reset_index()
    everyone = long.groupby(["year", "measure"])["score"].agg(["size", "mean", "median"]).reset_index()
    everyone["group"] = "all"
    out = pd.concat([per_group, everyone], ignore_index=True).rename(columns={"size": "n"})
    order = {g: i for i, g in enumerate(GROUPS + ("all",))}
    morder = {m: i for i, m in enumerate(MEASURES)}
    out = out.sort_values(["year", "group", "measure"], kind="stable",
                          key=lambda s: s.map(order) if s.name == "group" else
                          (s.map(morder) if s.name == "measure" else s))
    return out[["year", "group", "measure", "n", "mean", "median"]].reset_index(drop=True)


def mentor_pairs(muni: pd.DataFrame) -> pd.DataFrame:
    """Pilot → replicating pairs from municipality.mentor_code: columns mentor_code, code."""
    reps = muni[muni["role"].eq("replicating") & muni["mentor_code"].notna()]
    return reps[["mentor_code", "code"]].sort_values(["mentor_code", "code"]).reset_index(drop=True)


def mentor_pair_gaps(matrix: pd.DataFrame, muni: pd.DataFrame, measures=None) -> pd.DataFrame:
    """Per pair, year and measure: pilot score, replicating score and gap = replicating − pilot.

    A negative gap means the replicating city is behind its mentor. The gap is missing when either side has
    no score that year.
    """
    pairs = mentor_pairs(muni)
    long = _long(matrix, measures)
    rep = pairs.merge(long, on="code")
    pil = long.rename(columns={"code": "mentor_code", "score": "pilot"})
    out = rep.rename(columns={"score": "replicating"}).merge(pil, on=["mentor_code", "year", "measure"],
                                                             how="left")
    out["gap"] = out["replicating"] - out["pilot"]
    morder = {m: i for i, m in enumerate(MEASURES)}
    out = out.sort_values(["mentor_code", "code", "year", "measure"], kind="stable",
                          key=lambda s: s.map(morder) if s.name == "measure" else s)
    return out[["mentor_code", "code", "year", "measure", "pilot", "replicating", "gap"]].reset_index(drop=True)


def progress_since_joining(matrix: pd.DataFrame, muni: pd.DataFrame, year: int | None = None,
                           measures=None) -> pd.DataFrame:
    """Per municipality and measure: score in ``year`` − score in its baseline year.

    Baseline year = the first year with data that is not before joined_year (or the first year with data
    when joined_year is unknown). ``year`` defaults to each municipality's latest year with data. Progress is
    missing where either score is missing, or where the baseline is the year itself.
    """
    joined = muni.set_index("code")["joined_year"]
    m = matrix.copy()
    m["_joined"] = m["code"].map(joined).astype("Float64")
    eligible = m[m["_joined"].isna() | (m["year"] >= m["_joined"])]
    base_year = eligible.groupby("code")["year"].min()
    if year is None:
        cur_year = eligible.groupby("code")["year"].max()
    else:
        has = eligible[eligible["year"] == int(year)]
        cur_year = pd.Series(int(year), index=pd.Index(has["code"].unique(), name="code"))
    years = pd.DataFrame({"baseline_year": base_year}).join(pd.DataFrame({"year": cur_year}), how="inner")
    years = years[years["year"] > years["baseline_year"]].reset_index()
    long = _long(matrix, measures)
    base = long.rename(columns={"year": "baseline_year", "score": "baseline"})
    cur = long.rename(columns={"score": "current"})
    out = years.merge(base, on=["code", "baseline_year"]).merge(cur, on=["code", "year", "measure"])
    out["progress"] = out["current"] - out["baseline"]
    out["role"] = out["code"].map(muni.set_index("code")["role"])
    return out[["code", "role", "measure", "baseline_year", "year", "baseline", "current",
                "progress"]].reset_index(drop=True)


def most_improved(progress: pd.DataFrame, measure: str = "overall", role: str | None = None) -> pd.DataFrame:
    """Ranking by progress on one measure (largest gain first).

    Ties share the best rank (method 'min': 1, 2, 2, 4) and are listed by code; municipalities without a
    progress figure are left out.
    """
    sub = progress[(progress["measure"] == measure) & progress["progress"].notna()]
    if role is not None:
        sub = sub[sub["role"] == role]
    sub = sub.copy()
    sub["rank"] = sub["progress"].rank(method="min", ascending=False).astype(int)
    return sub.sort_values(["rank", "code"]).reset_index(drop=True)


# --- frames shaped for the compare page (one row per group or municipality, measures as columns) -----------------

def group_comparison(matrix: pd.DataFrame, muni: pd.DataFrame, stat: str = "mean") -> pd.DataFrame:
    """One row per role group (pilot, replicating, network, none) with n and the ``stat`` ('mean' or 'median')
    of every measure over the rows given (filter ``matrix`` to one year first); missing scores are left out."""
    g = group_summary(matrix, muni)
    g = g[g["group"] != "all"]
    if g.empty:
        return pd.DataFrame(columns=["role", "n"] + MEASURES)
    wide = g.pivot_table(index="group", columns="measure", values=stat, aggfunc="first")
    wide = wide.reindex(columns=MEASURES)
    role = muni.set_index("code")["role"].reindex(matrix["code"]).fillna("none")
    wide.insert(0, "n", role.value_counts().reindex(wide.index).fillna(0).astype(int))
    wide = wide.reindex([r for r in GROUPS if r in wide.index])
    return wide.rename_axis("role").reset_index().rename_axis(None, axis=1)


def mentor_gaps(matrix: pd.DataFrame, muni: pd.DataFrame, pilot: str) -> pd.DataFrame:
    """The pilot's row and its replicating cities' rows of ``matrix`` (filter to one year first): code, role and
    every measure as a score; ``gap_cells`` turns a pair into gaps."""
    pairs = mentor_pairs(muni)
    members = [pilot] + list(pairs.loc[pairs["mentor_code"] == pilot, "code"])
    rows = matrix[matrix["code"].isin(members)].copy()
    rows["role"] = rows["code"].map(lambda c: "pilot" if c == pilot else "replicating")
    rows["_o"] = rows["code"].map({c: i for i, c in enumerate(members)})
    cols = ["code", "role"] + [c for c in MEASURES if c in rows.columns]
    return rows.sort_values("_o")[cols].reset_index(drop=True)


def gap_cells(gaps: pd.DataFrame, pilot: str, code: str) -> pd.DataFrame:
    """Long frame theme, dimension, score for a heat map, where score = replicating − pilot for each of the 12
    cells (NaN where either side has no evidence)."""
    p = gaps[gaps["code"] == pilot]
    r = gaps[gaps["code"] == code]
    rows = []
    for col in CELL_COLUMNS:
        theme, dim = col.rsplit("_", 1)
        pv = p[col].iloc[0] if len(p) else float("nan")
        rv = r[col].iloc[0] if len(r) else float("nan")
        rows.append({"theme": theme, "dimension": int(dim), "score": rv - pv})
    return pd.DataFrame(rows)


def improvement_ranking(matrix: pd.DataFrame, muni: pd.DataFrame, year: int, measure: str = "overall") -> pd.DataFrame:
    """Who improved most on ``measure`` from their baseline year (see ``progress_since_joining``) up to
    ``year``: columns rank, code, role, baseline_year, year, baseline, current, progress."""
    prog = progress_since_joining(matrix, muni, year=year, measures=[measure])
    return most_improved(prog, measure)


def weakest_cells(rows: pd.DataFrame) -> pd.Series:
    """For each row of ``rows`` (one municipality, the 12 cell columns as scores), the cell column with the
    lowest score — where that municipality should look first. Cells without evidence (NaN) are left out; a row
    with no scored cell gets None; ties go to the first cell in matrix order (theme, then dimension)."""
    cells = [c for c in CELL_COLUMNS if c in rows.columns]
    scores = rows[cells].apply(pd.to_numeric, errors="coerce")
    has_any = scores.notna().any(axis=1)
    weakest = scores.fillna(float("inf")).idxmin(axis=1).astype(object)
    weakest[~has_any] = None
    return weakest
