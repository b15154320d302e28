"""UNDRR Disaster Resilience Scorecard for Cities (2017): Ten Essentials, rolled up to the resilience theme.

Pure pandas. Level 1 (preliminary) has 47 questions scored 0-3; level 2 (detailed) has 117 indicators scored
0-5 (https://mcr2030.undrr.org/disaster-resilience-scorecard-cities; domain-facts §5).
- essential score (0-100) = mean question score / level maximum × 100;
- scorecard percent (0-100) = Σ scores / (answered questions × level maximum) × 100, every question weighing
  the same, as when the scorecard's points are added up;
- coverage = answered questions / the level's published number of questions;
- when a municipality-year has both levels, the detailed one is used for the RS indicator ``rs_undrr_score``;
- the indicator needs at least half of the level's questions answered (``MIN_COVERAGE`` = 0.5): one question
  of 47 answered 3/3 is 100 % of what was answered but says nothing about the city, so below that coverage
  the indicator has no value (the scorecard itself is still shown with its coverage).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

LEVELS = ("preliminary", "detailed")
MAX_SCORE = {"preliminary": 3, "detailed": 5}
QUESTIONS_PER_LEVEL = {"preliminary": 47, "detailed": 117}
UNDRR_INDICATOR = "rs_undrr_score"
MIN_COVERAGE = 0.5

ESSENTIALS = {
    1: ("จัดองค์กรเพื่อความพร้อมรับมือภัยพิบัติ", "Organise for disaster resilience"),
    2: ("ระบุ ทำความเข้าใจ และใช้ฉากทัศน์ความเสี่ยงปัจจุบันและอนาคต",
        "Identify, understand and use current and future risk scenarios"),
    3: ("เสริมสร้างศักยภาพทางการเงินเพื่อความพร้อมรับมือ", "Strengthen financial capacity for resilience"),
    4: ("ส่งเสริมการพัฒนาและออกแบบเมืองที่พร้อมรับมือ", "Pursue resilient urban development and design"),
    5: ("ปกป้องพื้นที่กันชนทางธรรมชาติ", "Safeguard natural buffers"),
    6: ("เสริมสร้างขีดความสามารถของสถาบัน", "Strengthen institutional capacity for resilience"),
    7: ("ทำความเข้าใจและเสริมสร้างขีดความสามารถของสังคม", "Understand and strengthen societal capacity"),
    8: ("เพิ่มความพร้อมรับมือของโครงสร้างพื้นฐาน", "Increase infrastructure resilience"),
    9: ("สร้างความมั่นใจในการตอบสนองต่อภัยพิบัติอย่างมีประสิทธิภาพ", "Ensure effective disaster response"),
    10: ("เร่งการฟื้นฟูและสร้างใหม่ให้ดีกว่าเดิม", "Expedite recovery and build back better"),
}

_KEY = ["municipality_code", "year", "level"]


def validate_scorecard(sc: pd.DataFrame) -> list[str]:
    """Problems in scorecard rows: unknown level, essential outside 1-10, score outside the level's range,
    a question answered twice. Empty list = valid."""
    problems = []
    bad_level = ~sc["level"].isin(LEVELS)
    problems += [f"row {i}: unknown level {v!r}" for i, v in sc.loc[bad_level, "level"].items()]
    bad_ess = ~sc["essential"].between(1, 10)
    problems += [f"row {i}: essential must be 1-10, got {v}" for i, v in sc.loc[bad_ess, "essential"].items()]
    mx = sc["level"].map(MAX_SCORE)
    bad_score = (~bad_level) & ((sc["score"] < 0) | (sc["score"] > mx))
    problems += [f"row {i}: score {sc.at[i, 'score']} outside 0-{int(mx[i])} for level {sc.at[i, 'level']}"
                 for i in sc.index[bad_score]]
    dup = sc.duplicated(_KEY + ["question"])
    problems += [f"row {i}: question {sc.at[i, 'question']} answered twice" for i in sc.index[dup]]
    return problems


def _checked(sc: pd.DataFrame) -> pd.DataFrame:
    problems = validate_scorecard(sc)
    if problems:
        raise ValueError("invalid scorecard rows: " + "; ".join(problems[:5]))
    return sc


def essential_scores(sc: pd.DataFrame) -> pd.DataFrame:
    """Per municipality, year, level and essential: questions, points, max_points, score_pct (0-100).

    score_pct = mean question score / level maximum × 100 (= points / max_points × 100).
    """
    sc = _checked(sc)
    g = sc.groupby(_KEY + ["essential"], observed=True)
    out = g.agg(questions=("score", "size"), points=("score", "sum")).reset_index()
    out["max_points"] = out["questions"] * out["level"].map(MAX_SCORE)
    out["score_pct"] = out["points"] / out["max_points"] * 100.0
    return out


def scorecard_totals(sc: pd.DataFrame) -> pd.DataFrame:
    """Per municipality, year and level: questions answered, coverage (share of the level's published
    questions), essentials covered, points, max_points and percent (0-100)."""
    sc = _checked(sc)
    g = sc.groupby(_KEY, observed=True)
    out = g.agg(questions=("score", "size"), points=("score", "sum"),
                essentials=("essential", "nunique")).reset_index()
    out["max_points"] = out["questions"] * out["level"].map(MAX_SCORE)
    out["percent"] = out["points"] / out["max_points"] * 100.0
    out["coverage"] = (out["questions"] / out["level"].map(QUESTIONS_PER_LEVEL)).clip(upper=1.0)
    return out


def undrr_indicator_values(sc: pd.DataFrame, with_evidence: bool = True) -> pd.DataFrame:
    """The RS indicator ``rs_undrr_score`` per municipality-year, rolled up from the scorecard rows.

    value = scorecard percent of the detailed level where the year has one, else of the preliminary level;
    no row when that level's coverage is below ``MIN_COVERAGE``. Columns: municipality_code, year, indicator_code, value, evidence (level, questions and points in words;
    empty with ``with_evidence=False``).
    """
    cols = ["municipality_code", "year", "indicator_code", "value", "evidence"]
    if sc is None or sc.empty:
        return pd.DataFrame(columns=cols)
    tot = scorecard_totals(sc)
    tot["_pri"] = tot["level"].map({"preliminary": 0, "detailed": 1})
    best = tot.sort_values(["municipality_code", "year", "_pri"]).drop_duplicates(
        ["municipality_code", "year"], keep="last")
    best = best[best["coverage"] >= MIN_COVERAGE]
    if best.empty:
        return pd.DataFrame(columns=cols)
    evidence = None
    if with_evidence:
        evidence = ("UNDRR scorecard " + best["level"] + ": " + best["questions"].astype(str) + "/"
                    + best["level"].map(QUESTIONS_PER_LEVEL).astype(str) + " questions, "
                    + best["points"].astype(int).astype(str) + "/" + best["max_points"].astype(int).astype(str)
                    + " points")
    out = pd.DataFrame({"municipality_code": best["municipality_code"].to_numpy(),
                        "year": best["year"].to_numpy(dtype=int),
                        "indicator_code": UNDRR_INDICATOR,
                        "value": best["percent"].to_numpy(dtype=float),
                        "evidence": None if evidence is None else evidence.to_numpy()})
    return out.reset_index(drop=True)


def essential_profile(sc: pd.DataFrame, code: str, year: int) -> pd.DataFrame:
    """All Ten Essentials for one municipality-year (the level used for the RS indicator), with names;
    an essential without answers has score_pct NaN."""
    sub = sc[(sc["municipality_code"] == code) & (sc["year"] == int(year))]
    cols = ["essential", "name_th", "name_en", "level", "questions", "points", "max_points", "score_pct"]
    if sub.empty:
        return pd.DataFrame(columns=cols)
    level = "detailed" if (sub["level"] == "detailed").any() else "preliminary"
    es = essential_scores(sub[sub["level"] == level])
    base = pd.DataFrame({"essential": list(ESSENTIALS),
                         "name_th": [v[0] for v in ESSENTIALS.values()],
                         "name_en": [v[1] for v in ESSENTIALS.values()]})
    out = base.merge(es.drop(columns=["municipality_code", "year", "level"]), on="essential", how="left")
    out["level"] = level
    out["questions"] = out["questions"].fillna(0).astype(int)
    out["points"] = out["points"].astype(float)
    out["max_points"] = out["max_points"].astype(float)
    out["score_pct"] = out["score_pct"].astype(float).where(out["questions"] > 0, np.nan)
    return out[cols]
