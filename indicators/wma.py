"""Whole-Municipality matrix: a 0-100 score per theme × dimension (12 cells), theme scores, LCRS index, maturity.

Pure pandas/numpy. Method (docs/methodology_lcrs.md):
- an indicator's score comes from the catalogue (``catalogue.score_values``);
- cell score = Σ(weight × score) / Σ(weight) over the cell's indicators that have a value;
- cell confidence = Σ(weight of indicators with a value) / Σ(weight of all the cell's catalogue indicators);
  a cell with no evidence has score NaN and confidence 0 — missing evidence is never scored as zero;
- theme score = unweighted mean of the theme's cells that have a score (each dimension counts equally);
  theme confidence = mean of its four cell confidences;
- overall LCRS index = mean of the theme scores that have evidence; overall confidence = mean of the three
  theme confidences;
- an index that does not know says so: a theme score is missing (NaN) when its confidence is below 0.5 and
  the overall index when the overall confidence is below 0.5 (``MIN_CONFIDENCE``: half the catalogue's
  weight has evidence); the matrix keeps the confidences and ``n_cells`` (cells with evidence, of 12), so a
  page can say "not enough evidence (n of 12 cells)"; rankings and medians then use only municipalities
  above the threshold;
- maturity level from the overall index: 1 Starting < 25 ≤ 2 Developing < 50 ≤ 3 Established < 75 ≤ 4 Leading,
  given only when the overall index is.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from indicators.catalogue import CELLS, DIMENSIONS, THEMES, cell_column, score_values

MATURITY_LEVELS = {
    1: ("เริ่มต้น", "Starting"),
    2: ("กำลังพัฒนา", "Developing"),
    3: ("เป็นระบบ", "Established"),
    4: ("เป็นผู้นำ", "Leading"),
}
MATURITY_THRESHOLDS = (25.0, 50.0, 75.0)  # lower bounds of levels 2, 3, 4
MIN_CONFIDENCE = 0.5
MATURITY_MIN_CONFIDENCE = MIN_CONFIDENCE

CELL_COLUMNS = [cell_column(t, d) for t, d in CELLS]
CONF_CELL_COLUMNS = [f"conf_{c}" for c in CELL_COLUMNS]
CONF_THEME_COLUMNS = [f"conf_{t}" for t in THEMES]
MATRIX_COLUMNS = (["code", "year"] + CELL_COLUMNS + CONF_CELL_COLUMNS + list(THEMES) + CONF_THEME_COLUMNS
                  + ["overall", "confidence", "maturity", "n_indicators", "n_cells"])


def _cell_index(catalogue: pd.DataFrame) -> np.ndarray:
    theme_idx = catalogue["theme"].map({t: i for i, t in enumerate(THEMES)}).to_numpy()
    return theme_idx * len(DIMENSIONS) + catalogue["dimension"].to_numpy(dtype=int) - 1


def scored_values(values: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Indicator values with their catalogue attributes and 0-100 score.

    Rows whose indicator is not in the catalogue, or whose value is missing, are dropped (they are not
    evidence). If a municipality-year has the same indicator twice, the last row wins (the data layer orders
    rows by import batch, so the latest import wins).
    """
    key = ["municipality_code", "year", "indicator_code"]
    cat = catalogue.reset_index(drop=True)
    df = values[values["indicator_code"].isin(cat["indicator_code"]) & values["value"].notna()]
    df = df.drop_duplicates(key, keep="last")
    idx = pd.Index(cat["indicator_code"]).get_indexer(df["indicator_code"])
    out = pd.DataFrame({
        "municipality_code": df["municipality_code"].to_numpy(),
        "year": df["year"].to_numpy(dtype=int),
        "indicator_code": df["indicator_code"].to_numpy(),
        "value": df["value"].to_numpy(dtype=float),
        "evidence": df["evidence"].to_numpy() if "evidence" in df.columns else None,
    })
    for col in ("theme", "dimension", "method", "direction", "lo", "hi", "weight", "unit", "name_th", "name_en"):
        out[col] = cat[col].to_numpy()[idx]
    out["cell"] = _cell_index(cat)[idx]
    out["score"] = score_values(out["value"].to_numpy(), out["method"].to_numpy(), out["lo"].to_numpy(float),
                                out["hi"].to_numpy(float), out["direction"].to_numpy())
    return out


def maturity_level(overall) -> pd.Series | int | None:
    """Maturity level 1-4 from the overall LCRS index (NaN -> missing); thresholds in MATURITY_THRESHOLDS."""
    if np.isscalar(overall) or overall is None:
        if overall is None or pd.isna(overall):
            return None
        return 1 + int(np.searchsorted(MATURITY_THRESHOLDS, float(overall), side="right"))
    s = pd.Series(overall, dtype=float)
    levels = 1 + np.searchsorted(MATURITY_THRESHOLDS, s.fillna(0).to_numpy(), side="right")
    return pd.Series(pd.array(np.where(s.isna(), pd.NA, levels), dtype="Int64"), index=s.index)


def _evidence_arrays(values: pd.DataFrame, catalogue: pd.DataFrame):
    """Integer-keyed evidence for the matrix: (code labels, years, group id per row, catalogue index per row,
    scores), with unknown indicators and missing values dropped and the last of duplicates kept — the same rules
    as ``scored_values``, without building string columns (national scale: ~250k rows)."""
    cat = catalogue.reset_index(drop=True)
    ind = pd.Index(cat["indicator_code"]).get_indexer(values["indicator_code"])
    val = values["value"].to_numpy(dtype=float, na_value=np.nan)
    ok = (ind >= 0) & ~np.isnan(val)
    code_id, code_labels = pd.factorize(values["municipality_code"].to_numpy(dtype=object)[ok], sort=True)
    years = values["year"].to_numpy(dtype=np.int64)[ok]
    ind, val = ind[ok], val[ok]
    if len(val) == 0:
        return None
    ymin = int(years.min())
    span = int(years.max()) - ymin + 1
    my = code_id.astype(np.int64) * span + (years - ymin)
    key = my * len(cat) + ind
    _, first_from_end = np.unique(key[::-1], return_index=True)
    keep = np.sort(len(key) - 1 - first_from_end)
    my, ind, val = my[keep], ind[keep], val[keep]
    groups, gid = np.unique(my, return_inverse=True)
    score = score_values(val, cat["method"].to_numpy(dtype=object)[ind], cat["lo"].to_numpy(float)[ind],
                         cat["hi"].to_numpy(float)[ind], cat["direction"].to_numpy(dtype=object)[ind])
    codes = np.asarray(code_labels, dtype=object)[groups // span]
    return codes, (groups % span + ymin).astype(int), gid, ind, score


def wma_matrix(values: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """The Whole-Municipality matrix for every municipality-year that has at least one indicator value.

    ``values``: municipality_code, year, indicator_code, value[, evidence]. ``catalogue``: table indicator_def.
    Returns one row per (code, year) with the columns in MATRIX_COLUMNS (cells ``low_carbon_1`` …, confidences
    ``conf_low_carbon_1`` … as shares 0-1, theme scores, ``overall``, ``confidence``, ``maturity`` — missing
    when the confidence is below MATURITY_MIN_CONFIDENCE — and ``n_indicators`` with a value).
    """
    cat = catalogue.reset_index(drop=True)
    n_cells = len(CELLS)
    cat_cell = _cell_index(cat)
    cat_w = cat["weight"].to_numpy(dtype=float)
    total_w = np.bincount(cat_cell, weights=cat_w, minlength=n_cells)
    arrays = _evidence_arrays(values, cat)
    if arrays is None:
        return pd.DataFrame(columns=MATRIX_COLUMNS)
    codes, years, gid, ind, s = arrays
    n = len(codes)
    flat = gid * n_cells + cat_cell[ind]
    w = cat_w[ind]
    sum_w = np.bincount(flat, weights=w, minlength=n * n_cells).reshape(n, n_cells)
    sum_ws = np.bincount(flat, weights=w * s, minlength=n * n_cells).reshape(n, n_cells)
    n_ind = np.bincount(gid, minlength=n)
    with np.errstate(divide="ignore", invalid="ignore"):
        cell_score = np.where(sum_w > 0, sum_ws / sum_w, np.nan)
        conf = np.where(total_w > 0, sum_w / total_w, 0.0)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # mean of an all-NaN slice is NaN on purpose
        theme_score = np.nanmean(cell_score.reshape(n, len(THEMES), len(DIMENSIONS)), axis=2)
        theme_conf = conf.reshape(n, len(THEMES), len(DIMENSIONS)).mean(axis=2)
        overall = np.nanmean(theme_score, axis=1)
    data = {"code": codes, "year": years}
    data.update(dict(zip(CELL_COLUMNS, cell_score.T)))
    data.update(dict(zip(CONF_CELL_COLUMNS, conf.T)))
    confidence = theme_conf.mean(axis=1)
    # below the threshold there is not enough evidence for a score (a rounding guard keeps 0.5 itself in)
    data.update(dict(zip(THEMES, np.where(theme_conf.round(9) >= MIN_CONFIDENCE, theme_score, np.nan).T)))
    data.update(dict(zip(CONF_THEME_COLUMNS, theme_conf.T)))
    data["overall"] = np.where(confidence.round(9) >= MIN_CONFIDENCE, overall, np.nan)
    data["confidence"] = confidence
    out = pd.DataFrame(data)
    out["maturity"] = maturity_level(out["overall"])
    out["n_indicators"] = n_ind
    out["n_cells"] = (sum_w > 0).sum(axis=1)
    return out[MATRIX_COLUMNS]


def explain(values: pd.DataFrame, catalogue: pd.DataFrame, code: str, year: int) -> pd.DataFrame:
    """How every cell of one municipality-year was derived: one row per catalogue indicator.

    Columns: theme, dimension, indicator_code, names, unit, method, lo, hi, direction, weight, value, evidence,
    score (NaN when there is no value), status ('scored' | 'missing'), contribution (points this indicator adds
    to its cell score = weight × score / Σ weight of the cell's scored indicators), cell_score and
    confidence (of the cell: Σ weight with a value / Σ weight of the cell).
    """
    sub = values[(values["municipality_code"] == code) & (values["year"] == int(year))]
    sv = scored_values(sub, catalogue)[["indicator_code", "value", "evidence", "score"]]
    cat = catalogue.reset_index(drop=True)
    cols = ["theme", "dimension", "indicator_code", "name_th", "name_en", "unit", "method", "lo", "hi",
            "direction", "weight"]
    out = cat[cols].merge(sv, on="indicator_code", how="left")
    out["status"] = np.where(out["score"].notna(), "scored", "missing")
    present_w = out["weight"].where(out["score"].notna(), 0.0)
    grp = [out["theme"], out["dimension"]]
    cell_w = present_w.groupby(grp).transform("sum")
    cell_total = out["weight"].groupby(grp).transform("sum")
    ws = (present_w * out["score"].fillna(0.0))
    with np.errstate(divide="ignore", invalid="ignore"):
        out["contribution"] = np.where(out["score"].notna(), ws / cell_w, np.nan)
        out["cell_score"] = np.where(cell_w > 0, ws.groupby(grp).transform("sum") / cell_w, np.nan)
    out["confidence"] = cell_w / cell_total
    order = {t: i for i, t in enumerate(THEMES)}
    out = out.sort_values(["theme", "dimension", "indicator_code"],
                          key=lambda s: s.map(order) if s.name == "theme" else s, kind="stable")
    return out.reset_index(drop=True)


def rank(matrix: pd.DataFrame, by: str = "overall") -> pd.DataFrame:
    """Rank municipalities within each year on column ``by`` (highest first).

    Ties share the best rank (pandas method 'min': 1, 2, 2, 4) and are listed by code; a municipality without
    a score gets no rank and is listed last.
    """
    out = matrix.copy()
    out["rank"] = out.groupby("year")[by].rank(method="min", ascending=False).astype("Int64")
    out = out.sort_values(["year", "rank", "code"], na_position="last", kind="stable")
    return out.reset_index(drop=True)


def summary_block(row: pd.Series | None) -> dict | None:
    """The summary-JSON ``wma`` block from one matrix row: cells rounded to 1 decimal, null without evidence;
    ``overall`` null below ``MIN_CONFIDENCE``; ``confidence`` (0-1, 2 decimals) and ``cells_with_evidence``
    (of 12)."""
    if row is None:
        return None

    def _round1(x):
        return None if pd.isna(x) else round(float(x), 1)

    block = {t: {str(d): _round1(row[cell_column(t, d)]) for d in DIMENSIONS} for t in THEMES}
    block["overall"] = _round1(row["overall"])
    block["confidence"] = None if pd.isna(row["confidence"]) else round(float(row["confidence"]), 2)
    block["cells_with_evidence"] = int(row["n_cells"]) if "n_cells" in row and not pd.isna(row["n_cells"]) \
        else None
    return block


def enough_evidence(matrix: pd.DataFrame, column: str = "overall") -> pd.DataFrame:
    """The matrix rows whose ``column`` (overall or a theme) is shown, i.e. has enough evidence."""
    return matrix[matrix[column].notna()] if column in matrix else matrix.iloc[0:0]
