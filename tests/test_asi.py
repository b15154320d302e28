"""A-S-I actions: which actions count for a year, sums by A-S-I and theme, achievement, cost per tCO2e."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from indicators import asi

NA = np.nan


def registry() -> pd.DataFrame:
    rows = [
        # id,  asi,       theme,       status,      start, end,  budget,    expected, achieved, km
        ("a1", "avoid", "low_carbon", "completed", 2020, 2021, 1_000_000, 100, 80, NA),
        ("a2", "avoid", "bike_walk", "ongoing", 2023, None, 500_000, 50, NA, NA),
        ("a3", "shift", "bike_walk", "ongoing", 2022, 2024, 3_000_000, 40, 50, 5.0),
        ("a4", "improve", "low_carbon", "planned", 2026, 2026, 200_000, 10, NA, NA),
        ("a5", "improve", "resilience", "cancelled", 2021, 2021, 100_000, NA, NA, NA),
        ("a6", "shift", "low_carbon", "completed", 2025, 2025, 600_000, 30, 20, NA),
    ]
    df = pd.DataFrame(rows, columns=["action_id", "asi", "theme", "status", "start_year", "end_year", "budget_thb",
                                     "expected_tco2e", "achieved_tco2e", "bike_lane_km"])
    df["end_year"] = pd.array(df["end_year"], dtype="Int64")
    df["municipality_code"] = "M1"
    return df


def test_which_actions_count_for_a_year():
    # ongoing/completed and started by 2024: a1, a2, a3 (a6 starts 2025, a4 planned, a5 cancelled)
    assert list(registry()[asi.counts_in_year(registry(), 2024)]["action_id"]) == ["a1", "a2", "a3"]


def test_summary_block_sums():
    block = asi.summary_block(registry(), 2024)
    # avoid: a1 + a2 = 2 actions; achieved 80 + (a2 not measured) = 80.0
    assert block["avoid"] == {"actions": 2, "reduction_t": 80.0}
    assert block["shift"] == {"actions": 1, "reduction_t": 50.0}      # a3 only
    assert block["improve"] == {"actions": 0, "reduction_t": 0.0}     # a4 planned, a5 cancelled
    # 2025: a6 counts too -> shift 50 + 20 = 70
    assert asi.summary_block(registry(), 2025)["shift"] == {"actions": 2, "reduction_t": 70.0}


def test_unmeasured_reduction_is_null_and_no_registry_is_none():
    only_a2 = registry().query("action_id == 'a2'")
    assert asi.summary_block(only_a2, 2024)["avoid"] == {"actions": 1, "reduction_t": None}
    assert asi.summary_block(registry().iloc[0:0], 2024) is None


def test_cost_per_tonne_per_action():
    m = asi.with_metrics(registry(), as_of_year=2024).set_index("action_id")
    # a1: years of effect 2021 - 2020 + 1 = 2 -> 1,000,000 / (80 x 2) = 6,250 THB/t
    assert m.loc["a1", "cost_per_t"] == pytest.approx(6_250)
    # a3: 2024 - 2022 + 1 = 3 years -> 3,000,000 / (50 x 3) = 20,000 THB/t; achieved 50 of 40 = 125 %
    assert m.loc["a3", "cost_per_t"] == pytest.approx(20_000)
    assert m.loc["a3", "achievement_pct"] == pytest.approx(125.0)
    # a2: open-ended, counted to 2024: 2 years, but no achieved figure -> no cost (not 0)
    assert m.loc["a2", "years_of_effect"] == 2 and math.isnan(m.loc["a2", "cost_per_t"])


def test_asi_table_for_a_year():
    t = asi.asi_table(registry(), year=2024).set_index(["asi", "theme"])
    assert t.loc[("avoid", "low_carbon"), "achievement_pct"] == pytest.approx(80.0)   # 80 / 100
    assert t.loc[("avoid", "low_carbon"), "cost_per_t"] == pytest.approx(6_250)
    assert math.isnan(t.loc[("avoid", "bike_walk"), "achieved"])                       # a2 not measured
    assert t.loc[("shift", "bike_walk"), "bike_lane_km"] == 5.0
    assert t["actions"].sum() == 3


def test_totals_and_group_cost():
    tot = asi.totals(registry())
    # expected 100 + 50 + 40 + 10 + 30 = 230 (a5 has none); achieved 80 + 50 + 20 = 150
    assert tot["actions"] == 6 and tot["expected"] == 230 and tot["achieved"] == 150
    # cost over actions with budget and achieved: (1.0M + 3.0M + 0.6M) / (80x2 + 50x3 + 20x1) = 4.6M / 330
    assert tot["cost_per_t"] == pytest.approx(4_600_000 / 330)


def test_by_status_and_achievement_ignores_unreported_results():
    s = asi.by_status(registry()).set_index("status")
    assert list(s.index) == ["planned", "ongoing", "completed", "cancelled"]
    assert s.loc["completed", "actions"] == 2 and s.loc["completed", "achieved"] == 100   # a1 80 + a6 20
    # ongoing: a2 (50 expected, not measured) and a3 (40 -> 50): achievement over paired actions = 50 / 40
    assert s.loc["ongoing", "achievement_pct"] == pytest.approx(125.0)


def test_resilience_actions_are_not_counted_as_avoid_shift_improve():
    # a7 is an ongoing resilience action (flood warning, "improve" in the registry) with 5 t achieved: it is
    # not mitigation, so the A-S-I block of 2024 still has improve = 0 actions, 0.0 t (a4 planned, a5 cancelled)
    extra = registry().iloc[[0]].assign(action_id="a7", asi="improve", theme="resilience", status="ongoing",
                                        start_year=2022, achieved_tco2e=5.0)
    block = asi.summary_block(pd.concat([registry(), extra], ignore_index=True), 2024)
    assert block["improve"] == {"actions": 0, "reduction_t": 0.0}
    assert set(asi.ASI_DEFINITIONS) == set(asi.ASI)
