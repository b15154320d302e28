"""Showcase selections against hand-picked expectations."""
from __future__ import annotations

import pandas as pd

from indicators import showcase

FIG = pd.DataFrame({"code": ["A", "B", "C", "D"], "year": [2024] * 4,
                    "reduction_pct": [12.0, 5.0, 4.99, 20.0], "award_eligible": [True, True, False, True],
                    "base_year": [2018, 2019, 2019, 2020]})
MUNIS = pd.DataFrame({"code": ["A", "B", "C", "D"], "role": ["pilot", "replicating", "pilot", "network"],
                      "name_th": list("กขคง"), "name_en": list("abcd")})
ACTS = pd.DataFrame({"action_id": ["1", "2", "3", "4"], "municipality_code": ["A", "A", "B", "C"],
                     "status": ["completed", "ongoing", "planned", "completed"], "start_year": [2020, 2023, 2024, 2025],
                     "achieved_tco2e": [5.0, 9.0, 0.0, 3.0], "title_th": ["ก1", "ก2", "ข1", "ค1"],
                     "title_en": ["a1", "a2", "b1", "c1"]})


def test_award_list_sorted_by_cut():
    assert list(showcase.award_list(FIG, MUNIS, 2024)["code"]) == ["D", "A", "B"]   # 20 > 12 > 5; C below 5 %
    assert list(showcase.award_list(FIG, MUNIS, 2024, n=1)["code"]) == ["D"]


def test_delivered_actions_counts_started_ongoing_or_completed():
    assert showcase.delivered_actions(ACTS, 2024) == 2     # 1 (completed 2020) and 2 (ongoing 2023)
    assert showcase.delivered_actions(ACTS.iloc[0:0], 2024) == 0


def test_stories_pilots_first_with_best_action():
    s = showcase.stories(FIG, None, ACTS, MUNIS, 2024)
    assert list(s["code"]) == ["A", "C", "B"]              # pilots (A 12 %, C 4.99 %), then replicating B; D is network
    assert s.loc[0, "action_en"] == "a2"                   # A's delivered action with the largest achieved cut (9 t)
    assert pd.isna(s.loc[1, "action_en"])                  # C's only action starts in 2025


def test_stories_and_map_leave_out_years_that_are_not_comparable():
    # C's 2024 left a category out (not comparable): it tells no story and is not mapped; A keeps its split
    fig = FIG.assign(reduction_comparable=[True, True, False, True], activity_effect_pct=[11.0, 5.0, None, 20.0],
                     factor_effect_pct=[1.0, 0.0, None, 0.0], cfo_total=1.0, per_capita=1.0, ccf_basic=None)
    s = showcase.stories(fig, None, ACTS, MUNIS, 2024)
    assert list(s["code"]) == ["A", "B"] and s.loc[0, "activity_effect_pct"] == 11.0
    from indicators import network
    frame = network.measure_table(fig, None, MUNIS.assign(population=1000)).set_index("code")
    assert pd.isna(frame.loc["C", "reduction_pct"]) and frame.loc["A", "reduction_pct"] == 12.0


# --- the wall screen ------------------------------------------------------------------------------------------

TREND = pd.DataFrame({
    "code": ["A", "A", "A", "B", "B", "C"], "year": [2022, 2023, 2024, 2022, 2024, 2024],
    "cfo_total": [100.0, 90.0, 80.0, 50.0, 40.0, 7.0],
    "cfo_scope1": [60.0, 55.0, 40.0, None, None, None], "cfo_scope2": [30.0, 30.0, 35.0, None, None, None],
    "cfo_scope3": [10.0, 5.0, 5.0, None, None, None],
})


def test_rankable_keeps_comparable_evidence_backed_reductions():
    fig = pd.DataFrame({"code": ["A", "B", "C", "D", "E"], "year": [2024] * 5,
                        "reduction_pct": [12.0, 30.0, 8.0, 6.0, None],
                        "award_eligible": [True, None, True, True, None],   # B not comparable (null)
                        "base_year": [2018, 2019, 2024, 2020, 2019], "base_total": [10.0, 10.0, 10.0, 10.0, 10.0]})
    wma = pd.DataFrame({"code": ["A", "D"], "year": [2024, 2024], "confidence": [0.9, 0.4]})
    # A kept; B not comparable; C's base year is the year itself; D's evidence below 0.5; E has no figure
    assert showcase.rankable(fig, 2024, wma)["code"].tolist() == ["A"]
    assert showcase.rankable(fig, 2024)["code"].tolist() == ["A", "D"]
    # once the summary says so explicitly, its comparable flag decides
    flagged = fig.assign(reduction_comparable=[False, True, True, True, False])
    assert showcase.rankable(flagged, 2024)["code"].tolist() == ["B", "D"]


def test_ranking_largest_cut_first():
    fig = pd.DataFrame({"code": ["A", "B", "D"], "year": [2024] * 3, "reduction_pct": [12.0, 5.0, 20.0],
                        "award_eligible": [True, True, True], "base_year": [2018, 2019, 2020],
                        "base_total": [1.0, 1.0, 1.0]})
    r = showcase.ranking(fig, MUNIS, 2024, n=2)
    assert r["code"].tolist() == ["D", "A"] and r["rank"].tolist() == [1, 2]


def test_network_trend_like_for_like():
    # window 2022-2024: only A reports all three years (B misses 2023, C reports 2024 only)
    t = showcase.network_trend(TREND, ["A", "B", "C"], 2024)
    assert t["year"].tolist() == [2022, 2023, 2024] and t["cfo_total"].tolist() == [100.0, 90.0, 80.0]
    assert showcase.trend_change_pct(t) == -20.0            # (80 - 100) / 100 * 100
    # a one-year window (2024 only) has all three
    assert showcase.network_trend(TREND, ["A", "B", "C"], 2024, years=1)["cfo_total"].tolist() == [127.0]  # 80+40+7
    assert showcase.trend_change_pct(showcase.network_trend(TREND, ["C"], 2024)) is None


def test_scope_drivers_largest_cut_first():
    d = showcase.scope_drivers(TREND, "A", 2024, 2022)
    # scope 1: 40 - 60 = -20; scope 3: 5 - 10 = -5; scope 2: 35 - 30 = +5
    assert [(x["scope"], x["change"]) for x in d] == [(1, -20.0), (3, -5.0), (2, 5.0)]
    assert showcase.scope_drivers(TREND, "A", 2024, 2019) == []
    assert showcase.scope_drivers(TREND, "A", 2024, None) == []


def test_best_action_needs_a_measured_result():
    acts = ACTS.assign(asi="avoid", expected_tco2e=1.0, budget_thb=None)
    assert showcase.best_action(acts, "A", 2024)["action_id"] == "2"     # 9 t > 5 t
    assert showcase.best_action(acts, "A", 2022)["action_id"] == "1"     # 2 starts in 2023
    assert showcase.best_action(acts, "B", 2024) is None                 # planned only


def test_wma_matrix_withholds_overall_below_half_confidence():
    row = {"code": "A", "year": 2024, "overall": 61.0, "confidence": 0.4}
    row.update({f"{th}_{d}": 10.0 * d for th in ("low_carbon", "bike_walk", "resilience") for d in range(1, 5)})
    m = showcase.wma_matrix(pd.DataFrame([row]), "A", 2024)
    assert m["low_carbon"]["3"] == 30.0 and m["overall"] is None and m["confidence"] == 0.4
    assert showcase.wma_matrix(pd.DataFrame([{**row, "confidence": 0.5}]), "A", 2024)["overall"] == 61.0
    assert showcase.wma_matrix(pd.DataFrame([row]), "B", 2024) is None


def test_in_scope_by_region_province_or_code():
    m = pd.DataFrame({"code": ["1", "2", "3"], "province_code": ["14", "14", "50"],
                      "province_th": ["พระนครศรีอยุธยา", "พระนครศรีอยุธยา", "เชียงใหม่"],
                      "province_en": ["Phra Nakhon Si Ayutthaya"] * 2 + ["Chiang Mai"],
                      "region_code": ["C", "C", "N"], "region_th": ["ภาคกลาง", "ภาคกลาง", "ภาคเหนือ"],
                      "region_en": ["Central", "Central", "North"]})
    assert showcase.in_scope(m, region="N")["code"].tolist() == ["3"]
    assert showcase.in_scope(m, region="central")["code"].tolist() == ["1", "2"]
    assert showcase.in_scope(m, province="เชียงใหม่")["code"].tolist() == ["3"]
    assert showcase.in_scope(m, province="14", code="3")["code"].tolist() == ["3"]
    assert showcase.in_scope(m, region="X").empty
