"""Whole-Municipality matrix: scoring methods, cells, confidence, themes, index, maturity, ties, explanation."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from data.store import reference
from indicators import catalogue as cat_mod
from indicators import wma


def toy_catalogue() -> pd.DataFrame:
    """One indicator per cell, except low_carbon dimension 2 which has two (weights 2 and 1)."""
    rows = [
        ("lc1a", "low_carbon", 1, "binary", "up", 0, 1, 1.0),
        ("lc2a", "low_carbon", 2, "linear", "up", 0, 20, 2.0),
        ("lc2b", "low_carbon", 2, "linear", "down", 250, 25, 1.0),
        ("lc3a", "low_carbon", 3, "linear", "up", 0, 50, 1.0),
        ("lc4a", "low_carbon", 4, "linear", "up", 0, 10, 1.0),
    ]
    for theme, p in (("bike_walk", "bw"), ("resilience", "rs")):
        rows += [(f"{p}{d}a", theme, d, "linear", "up", 0, 100, 1.0) for d in (1, 2, 3, 4)]
    df = pd.DataFrame(rows, columns=["indicator_code", "theme", "dimension", "method", "direction", "lo", "hi",
                                     "weight"])
    for col in ("name_th", "name_en", "definition_th", "definition_en", "unit", "source"):
        df[col] = "x"
    return df[cat_mod.CATALOGUE_COLUMNS]


def values(rows) -> pd.DataFrame:
    return pd.DataFrame([(c, y, i, v, "test") for c, y, i, v in rows],
                        columns=["municipality_code", "year", "indicator_code", "value", "evidence"])


A_2024 = [("A", 2024, "lc1a", 1), ("A", 2024, "lc2a", 5), ("A", 2024, "lc2b", 137.5), ("A", 2024, "lc3a", 60),
          ("A", 2024, "bw1a", 40), ("A", 2024, "bw2a", 50), ("A", 2024, "bw3a", 60), ("A", 2024, "bw4a", 70),
          ("A", 2024, "rs1a", 10)]


# --- catalogue and scoring ---------------------------------------------------------------------------------

def test_shipped_catalogue_is_valid_and_covers_every_cell():
    cat = reference.read_reference_csv("indicators.csv")
    assert cat_mod.validate_catalogue(cat) == []
    per_theme = cat.groupby("theme").size()
    assert (per_theme >= 6).all() and set(per_theme.index) == set(cat_mod.THEMES)
    assert set(map(tuple, cat[["theme", "dimension"]].drop_duplicates().to_numpy())) == set(cat_mod.CELLS)
    assert set(cat_mod.DERIVED_FROM) <= set(cat["indicator_code"])


def test_validation_reports_broken_rows():
    cat = toy_catalogue()
    cat.loc[cat["indicator_code"] == "lc2b", "direction"] = "up"      # but hi < lo
    cat = cat[cat["indicator_code"] != "rs4a"]                        # resilience loses dimension 4
    problems = cat_mod.validate_catalogue(cat)
    assert any(p.startswith("lc2b: direction up disagrees") for p in problems)
    assert "resilience: no indicator for dimension(s) [4]" in problems


def test_linear_scores_clip_and_respect_direction():
    # up, lo 0 hi 20: 5 -> 25; 30 -> 100 (clipped); -3 -> 0 (clipped)
    assert list(cat_mod.score_values([5, 30, -3], "linear", 0, 20, "up")) == [25.0, 100.0, 0.0]
    # down, lo 250 hi 25: 137.5 -> (137.5 - 250) / (25 - 250) = 0.5 -> 50; 10 -> 100; 400 -> 0
    assert list(cat_mod.score_values([137.5, 10, 400], "linear", 250, 25, "down")) == [50.0, 100.0, 0.0]


def test_binary_scores_and_missing_values():
    assert list(cat_mod.score_values([1, 0], "binary", 0, 1, "up")) == [100.0, 0.0]
    assert list(cat_mod.score_values([1, 0], "binary", 0, 1, "down")) == [0.0, 100.0]
    assert np.isnan(cat_mod.score_values([np.nan], "linear", 0, 20, "up")[0])  # missing is not 0


# --- the matrix ---------------------------------------------------------------------------------------------

def test_hand_computed_matrix():
    m = wma.wma_matrix(values(A_2024), toy_catalogue()).iloc[0]
    assert m["low_carbon_1"] == 100.0                                   # binary yes
    # LC2 = (2 x 25 + 1 x 50) / (2 + 1) = 100 / 3
    assert m["low_carbon_2"] == pytest.approx(100 / 3)
    assert m["low_carbon_3"] == 100.0                                   # 60 on 0..50, clipped
    assert math.isnan(m["low_carbon_4"]) and m["conf_low_carbon_4"] == 0.0   # no evidence: NaN, not 0
    # LC theme = mean(100, 33.333, 100) = 77.778; BW = mean(40, 50, 60, 70) = 55; RS would be 10 from one
    # cell, but its confidence 1/4 = 0.25 < 0.5: not enough evidence, no theme score
    assert m["low_carbon"] == pytest.approx((100 + 100 / 3 + 100) / 3)
    assert m["bike_walk"] == pytest.approx(55.0)
    assert math.isnan(m["resilience"]) and m["n_cells"] == 8
    # overall = mean of the theme scores with evidence (77.778 + 55 + 10) / 3 = 47.593, shown because the
    # overall confidence 0.667 >= 0.5
    assert m["overall"] == pytest.approx(((100 + 100 / 3 + 100) / 3 + 55 + 10) / 3)
    # confidence: LC (1+1+1+0)/4 = 0.75, BW 1, RS 0.25 -> (0.75 + 1 + 0.25) / 3 = 0.667
    assert m["conf_low_carbon"] == 0.75 and m["conf_resilience"] == 0.25
    assert m["confidence"] == pytest.approx(2 / 3)
    assert m["maturity"] == 2                                           # 25 <= 47.6 < 50: Developing
    assert m["n_indicators"] == 9


def test_missing_indicator_lowers_confidence_not_score():
    # B has only lc2b = 25 -> 100 in LC2: the cell is 100 (not dragged to 0 by the missing lc2a)
    # and its confidence is weight present / weight of the cell = 1 / (2 + 1)
    m = wma.wma_matrix(values([("B", 2024, "lc2b", 25)]), toy_catalogue()).iloc[0]
    assert m["low_carbon_2"] == 100.0
    assert m["conf_low_carbon_2"] == pytest.approx(1 / 3)
    assert math.isnan(m["bike_walk"]) and math.isnan(m["resilience"])
    # one cell of 12 (confidence (1/3 / 4) / 3 = 1/36 = 0.028) would give an index of 100: below 0.5 there
    # is not enough evidence, so neither the index, the theme score nor a maturity level is given
    assert m["confidence"] == pytest.approx(1 / 36)
    assert math.isnan(m["overall"]) and math.isnan(m["low_carbon"]) and pd.isna(m["maturity"])
    assert m["n_cells"] == 1
    block = wma.summary_block(m)
    assert block["overall"] is None and block["confidence"] == 0.03 and block["cells_with_evidence"] == 1
    assert block["low_carbon"]["2"] == 100.0         # the cell itself is still shown


def test_latest_duplicate_wins_and_unknown_codes_are_ignored():
    rows = [("A", 2024, "lc3a", 10), ("A", 2024, "lc3a", 25), ("A", 2024, "not_in_catalogue", 99)]
    m = wma.wma_matrix(values(rows), toy_catalogue()).iloc[0]
    assert m["low_carbon_3"] == 50.0                 # 25 on 0..50, the later row
    assert m["n_indicators"] == 1


def test_maturity_boundaries():
    assert [wma.maturity_level(x) for x in (0, 24.99, 25, 49.99, 50, 74.99, 75, 100)] == [1, 1, 2, 2, 3, 3, 4, 4]
    assert wma.maturity_level(float("nan")) is None


FULL = ["lc1a", "lc2a", "lc2b", "lc3a", "lc4a", "bw1a", "bw2a", "bw3a", "bw4a", "rs1a", "rs2a", "rs3a", "rs4a"]


def test_ties_share_the_best_rank_and_are_listed_by_code():
    # C and A score 100 on every indicator (lc2b down: 25 -> 100) -> overall 100; B scores 40 -> rank 3;
    # D has one cell of 12 (confidence 1/12 < 0.5): no index, no rank, listed last
    def full(code, v):
        return [(code, 2024, i, 1 if i == "lc1a" else (25 if i == "lc2b" else v)) for i in FULL]
    rows = full("C", 100) + full("A", 100) + [(c, y, i, 40 if i not in ("lc1a", "lc2b") else v)
                                              for c, y, i, v in full("B", 40)] + [("D", 2024, "lc1a", 1)]
    ranked = wma.rank(wma.wma_matrix(values(rows), toy_catalogue()))
    assert list(ranked["code"]) == ["A", "C", "B", "D"]
    assert list(ranked["rank"])[:3] == [1, 1, 3] and pd.isna(ranked["rank"].iloc[3])


def test_explain_shows_every_indicator_and_adds_up():
    ex = wma.explain(values(A_2024), toy_catalogue(), "A", 2024)
    assert len(ex) == len(toy_catalogue())
    lc2 = ex[(ex["theme"] == "low_carbon") & (ex["dimension"] == 2)].set_index("indicator_code")
    # contributions: lc2a 2 x 25 / 3 = 16.667, lc2b 1 x 50 / 3 = 16.667; they sum to the cell score 33.333
    assert lc2.loc["lc2a", "contribution"] == pytest.approx(50 / 3)
    assert lc2["contribution"].sum() == pytest.approx(lc2["cell_score"].iloc[0])
    lc4 = ex[ex["indicator_code"] == "lc4a"].iloc[0]
    assert lc4["status"] == "missing" and math.isnan(lc4["score"]) and lc4["confidence"] == 0


def test_summary_block_shape_and_nulls():
    m = wma.wma_matrix(values(A_2024), toy_catalogue()).iloc[0]
    block = wma.summary_block(m)
    assert list(block) == ["low_carbon", "bike_walk", "resilience", "overall", "confidence", "cells_with_evidence"]
    assert block["low_carbon"] == {"1": 100.0, "2": 33.3, "3": 100.0, "4": None}
    assert block["overall"] == 47.6                  # 47.593 rounded to 1 decimal


def test_empty_values_give_an_empty_matrix():
    empty = values([])
    assert wma.wma_matrix(empty, toy_catalogue()).empty
    assert list(wma.wma_matrix(empty, toy_catalogue()).columns) == wma.MATRIX_COLUMNS


def test_indicator_values_are_range_checked_against_their_unit():
    # a yes/no of 7, 250 % of households, -40 % of the budget, a negative count: all out of range;
    # a reduction of -12 % (an increase) is a valid signed percentage; 0, 1, 100 % and 3 drills are fine
    values = [7, 250, -40, -1, -12, 1, 0, 100, 3]
    units = ["yes/no", "% of households", "% of budget", "drills/yr", "%", "yes/no", "yes/no", "% of area",
             "drills/yr"]
    codes = ["rs_drr_plan_adopted", "rs_early_warning_coverage_pct", "lc_climate_budget_pct", "rs_drills_held",
             "lc_cfo_reduction_pct", "bw_plan_adopted", "bw_plan_adopted", "rs_natural_buffers_pct",
             "rs_drills_held"]
    assert cat_mod.out_of_range(values, units, codes).tolist() == [True] * 4 + [False] * 5
    assert cat_mod.value_range("% of budget") == (0.0, 100.0, "percent")
