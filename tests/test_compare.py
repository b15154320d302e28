"""Pilot vs replicating: group statistics, mentor-pair gaps, progress since joining, who improved most."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from indicators import compare

MUNI = pd.DataFrame({
    "code": ["P", "R1", "R2", "N", "O"],
    "role": ["pilot", "replicating", "replicating", "network", None],
    "mentor_code": [None, "P", "P", None, None],
    "joined_year": pd.array([2015, 2017, 2018, None, None], dtype="Int64"),
})


def matrix(rows) -> pd.DataFrame:
    """rows: (code, year, {measure: score}); every other measure is missing."""
    out = []
    for code, year, scores in rows:
        r = {"code": code, "year": year, **{m: np.nan for m in compare.MEASURES}}
        r.update(scores)
        out.append(r)
    return pd.DataFrame(out)


M = matrix([
    ("P", 2015, {"overall": 60}),
    ("P", 2024, {"overall": 80, "low_carbon_1": 90, "low_carbon": 85}),
    ("R1", 2016, {"overall": 10}),                    # before joining (2017): not the baseline
    ("R1", 2017, {"overall": 30}),
    ("R1", 2024, {"overall": 50, "low_carbon_1": 60, "low_carbon": 55}),
    ("R2", 2019, {"overall": 40}),                    # joined 2018 but first data 2019
    ("R2", 2024, {"overall": 70}),
    ("N", 2020, {"overall": 25}),
    ("N", 2024, {"overall": 30}),
    ("O", 2024, {"overall": 20}),
])


def test_group_mean_and_median():
    g = compare.group_summary(M[M["year"] == 2024], MUNI)
    ov = g[g["measure"] == "overall"].set_index("group")
    # replicating: R1 50, R2 70 -> mean 60, median 60; all five: (80 + 50 + 70 + 30 + 20) / 5 = 50, median 50
    assert ov.loc["replicating", "mean"] == 60 and ov.loc["replicating", "n"] == 2
    assert ov.loc["all", "mean"] == 50 and ov.loc["all", "median"] == 50
    assert ov.loc["none", "mean"] == 20                  # outside the programme
    # missing scores are left out: low_carbon_1 only P (90) and R1 (60) -> all mean 75 over n = 2
    lc = g[(g["measure"] == "low_carbon_1") & (g["group"] == "all")].iloc[0]
    assert lc["mean"] == 75 and lc["n"] == 2


def test_group_comparison_wide():
    g = compare.group_comparison(M[M["year"] == 2024], MUNI).set_index("role")
    assert list(g.index) == ["pilot", "replicating", "network", "none"]
    assert g.loc["replicating", "overall"] == 60 and g.loc["replicating", "n"] == 2


def test_mentor_pair_gaps():
    gaps = compare.mentor_pair_gaps(M, MUNI)
    r1 = gaps[(gaps["code"] == "R1") & (gaps["year"] == 2024)].set_index("measure")
    assert r1.loc["low_carbon_1", "gap"] == -30          # replicating 60 - pilot 90
    assert r1.loc["overall", "gap"] == -30               # 50 - 80
    r2 = gaps[(gaps["code"] == "R2") & (gaps["year"] == 2024)].set_index("measure")
    assert r2.loc["overall", "gap"] == -10               # 70 - 80
    assert math.isnan(r2.loc["low_carbon_1", "gap"])     # R2 has no evidence there: no gap, not -90


def test_gap_cells_for_the_heat_map():
    rows = compare.mentor_gaps(M[M["year"] == 2024], MUNI, "P")
    assert list(rows["code"]) == ["P", "R1", "R2"]
    cells = compare.gap_cells(rows, "P", "R1").set_index(["theme", "dimension"])
    assert len(cells) == 12 and cells.loc[("low_carbon", 1), "score"] == -30


def test_progress_since_joining_and_ranking_with_a_tie():
    prog = compare.progress_since_joining(M, MUNI)
    ov = prog[prog["measure"] == "overall"].set_index("code")
    assert ov.loc["R1", "baseline_year"] == 2017 and ov.loc["R1", "progress"] == 20    # 50 - 30
    assert ov.loc["R2", "baseline_year"] == 2019 and ov.loc["R2", "progress"] == 30    # 70 - 40
    assert ov.loc["P", "progress"] == 20                                               # 80 - 60
    assert ov.loc["N", "progress"] == 5                                                # 30 - 25, no joined_year
    assert "O" not in ov.index                                                         # one year only
    ranked = compare.most_improved(prog)
    # R2 +30 first; P and R1 tie at +20 -> both rank 2, listed by code; N +5 rank 4
    assert list(ranked["code"]) == ["R2", "P", "R1", "N"]
    assert list(ranked["rank"]) == [1, 2, 2, 4]


def test_improvement_ranking_up_to_a_year():
    ranked = compare.improvement_ranking(M, MUNI, 2024)
    assert ranked.iloc[0]["code"] == "R2" and ranked.iloc[0]["progress"] == pytest.approx(30)
    # in 2017 nobody has both a score and an earlier baseline: P has no 2017 row, 2017 is R1's baseline
    assert compare.improvement_ranking(M, MUNI, 2017).empty
