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
