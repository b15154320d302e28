"""UNDRR scorecard: essentials, scorecard percent, level choice, validation, and the roll-up to the RS theme."""
from __future__ import annotations

import math

import pandas as pd
import pytest

from data.store import reference
from indicators import catalogue as cat_mod
from indicators import resilience, wma


def answers(rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["municipality_code", "year", "level", "essential", "question", "score"])


PRELIM = answers([("X", 2024, "preliminary", 1, "P1.1", 3), ("X", 2024, "preliminary", 1, "P1.2", 2),
                  ("X", 2024, "preliminary", 1, "P1.3", 1), ("X", 2024, "preliminary", 2, "P2.1", 0)])
# 24 of the 47 preliminary questions (coverage 24/47 = 0.51, enough for the RS indicator): 12 answered 3 and
# 12 answered 0 -> 36 points of 24 x 3 = 72 -> 50 %
HALF = answers([("X", 2024, "preliminary", 1 + i % 10, f"P{i}", 3 if i < 12 else 0) for i in range(24)])
DETAILED = answers([("X", 2025, "detailed", 1, "D1.1", 5), ("X", 2025, "detailed", 1, "D1.2", 4),
                    ("X", 2025, "detailed", 9, "D9.1", 2)])


def test_preliminary_essentials_and_total():
    es = resilience.essential_scores(PRELIM).set_index("essential")
    # essential 1: (3 + 2 + 1) / (3 questions x 3) = 6 / 9 = 66.67 %; essential 2: 0 / 3 = 0 %
    assert es.loc[1, "score_pct"] == pytest.approx(600 / 9)
    assert es.loc[2, "score_pct"] == 0.0
    tot = resilience.scorecard_totals(PRELIM).iloc[0]
    # all questions: 6 points of 4 x 3 = 12 -> 50 %; 4 of the 47 preliminary questions answered
    assert tot["percent"] == pytest.approx(50.0)
    assert tot["coverage"] == pytest.approx(4 / 47)


def test_detailed_level_uses_0_to_5():
    tot = resilience.scorecard_totals(DETAILED).iloc[0]
    # (5 + 4 + 2) / (3 x 5) = 11 / 15 = 73.33 %
    assert tot["percent"] == pytest.approx(1100 / 15)
    es = resilience.essential_scores(DETAILED).set_index("essential")
    assert es.loc[1, "score_pct"] == pytest.approx(90.0)          # (5 + 4) / 10
    assert es.loc[9, "score_pct"] == pytest.approx(40.0)          # 2 / 5


def test_detailed_level_wins_when_a_year_has_both():
    # preliminary: 24 questions answered 3 (100 %); detailed: 60 of 117 questions (coverage 0.51) answered 1
    # -> 60 points of 60 x 5 = 300 -> 20 %: the detailed level is used
    both = answers([("X", 2026, "preliminary", 1 + i % 10, f"P{i}", 3) for i in range(24)]
                   + [("X", 2026, "detailed", 1 + i % 10, f"D{i}", 1) for i in range(60)])
    ind = resilience.undrr_indicator_values(both).iloc[0]
    assert ind["indicator_code"] == "rs_undrr_score"
    assert ind["value"] == pytest.approx(20.0)
    assert ind["evidence"] == "UNDRR scorecard detailed: 60/117 questions, 60/300 points"


def test_invalid_answers_are_rejected():
    bad = answers([("X", 2024, "preliminary", 1, "P1.1", 4)])    # preliminary is scored 0-3
    assert resilience.validate_scorecard(bad) == ["row 0: score 4 outside 0-3 for level preliminary"]
    with pytest.raises(ValueError):
        resilience.essential_scores(bad)
    dup = pd.concat([PRELIM, PRELIM.iloc[[0]]], ignore_index=True)
    assert resilience.validate_scorecard(dup) == ["row 4: question P1.1 answered twice"]


def test_essential_profile_lists_all_ten():
    prof = resilience.essential_profile(PRELIM, "X", 2024)
    assert list(prof["essential"]) == list(range(1, 11))
    assert prof.loc[0, "score_pct"] == pytest.approx(600 / 9)
    assert math.isnan(prof.loc[4, "score_pct"]) and prof.loc[4, "questions"] == 0   # essential 5 unanswered


def test_roll_up_to_the_resilience_theme():
    """Scorecard 50 % -> rs_undrr_score 50 -> linear 0..100 score 50 in RS dimension 2 (weight 2 of 4)."""
    cat = reference.read_reference_csv("indicators.csv")
    derived = resilience.undrr_indicator_values(HALF)
    vals = cat_mod.combine_values(pd.DataFrame(columns=["municipality_code", "year", "indicator_code", "value",
                                                        "evidence"]), derived)
    m = wma.wma_matrix(vals, cat).iloc[0]
    assert m["resilience_2"] == pytest.approx(50.0)
    # RS dimension 2 weights: rs_undrr_score 2, rs_drills_held 1, rs_continuity_plan 1 -> confidence 2 / 4
    assert m["conf_resilience_2"] == pytest.approx(0.5)
    # the theme has one half-covered cell of four: confidence 0.5 / 4 = 0.125 < 0.5 -> no theme score yet
    assert m["conf_resilience"] == pytest.approx(0.125) and math.isnan(m["resilience"])


def test_computed_value_replaces_an_imported_one():
    imported = pd.DataFrame([("X", 2024, "rs_undrr_score", 99.0, "typed in")],
                            columns=["municipality_code", "year", "indicator_code", "value", "evidence"])
    out = cat_mod.combine_values(imported, resilience.undrr_indicator_values(HALF))
    assert len(out) == 1 and out.loc[0, "value"] == pytest.approx(50.0)


def test_question_list_has_the_47_preliminary_questions():
    q = reference.read_reference_csv("undrr_questions.csv")
    assert len(q) == resilience.QUESTIONS_PER_LEVEL["preliminary"] == 47
    assert set(q["essential"]) == set(range(1, 11)) and q["question"].is_unique


def test_one_question_of_47_gives_no_indicator_value():
    # 1 of 47 preliminary questions answered 3/3: percent 3 / 3 = 100 %, coverage 1/47 = 0.021 < 0.5 -> no
    # rs_undrr_score (it would score 100); 24 of 47 answered (coverage 0.511 >= 0.5) -> the percent counts:
    # 24 x 2 points / (24 x 3) = 66.7 %
    one = pd.DataFrame({"municipality_code": "A", "year": 2024, "level": "preliminary", "essential": [1],
                        "question": ["P1.1"], "score": [3]})
    assert resilience.scorecard_totals(one)["percent"].iloc[0] == 100.0
    assert resilience.undrr_indicator_values(one).empty
    many = pd.DataFrame({"municipality_code": "B", "year": 2024, "level": "preliminary",
                         "essential": [1 + i % 10 for i in range(24)], "question": [f"Q{i}" for i in range(24)],
                         "score": [2] * 24})
    got = resilience.undrr_indicator_values(many)
    assert got["value"].iloc[0] == pytest.approx(200 / 3)
