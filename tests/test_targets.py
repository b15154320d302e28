"""Base-year targets: reduction %, the 5 % award rule, intensities, BAU and trajectories."""
from __future__ import annotations

import pandas as pd
import pytest

from indicators import targets


@pytest.mark.parametrize("current, pct, eligible", [
    (95.01, 4.99, False),   # (100 - 95.01) / 100 x 100 = 4.99  -> below 5
    (95.00, 5.00, True),    # (100 - 95.00) / 100 x 100 = 5.00  -> exactly 5 counts
    (94.99, 5.01, True),    # (100 - 94.99) / 100 x 100 = 5.01
])
def test_five_percent_rule(current, pct, eligible):
    got = targets.reduction_pct(100.0, current)
    assert got == pct
    assert targets.award_eligible(got) is eligible


def test_five_percent_rule_is_not_fooled_by_floating_point():
    # (3 - 2.85) / 3 x 100 = 4.999999999999992 in binary floating point; a council sees 5.00 %, so it counts
    assert (3 - 2.85) / 3 * 100 < 5
    assert targets.reduction_pct(3.0, 2.85) == 5.0
    assert targets.award_eligible(targets.reduction_pct(3.0, 2.85)) is True


def test_no_base_year_or_no_data_gives_none():
    assert targets.reduction_pct(None, 90.0) is None
    assert targets.reduction_pct(100.0, None) is None
    assert targets.reduction_pct(0.0, 10.0) is None          # a zero base cannot be reduced against
    assert targets.award_eligible(None) is None
    # an increase is a negative reduction: (100 - 120) / 100 x 100 = -20
    assert targets.reduction_pct(100.0, 120.0) == -20.0
    assert targets.award_eligible(-20.0) is False


def test_reduction_frame_matches_scalar_rule():
    current = pd.Series([95.01, 95.0, 94.99, 2.85, 90.0, None])
    base = pd.Series([100.0, 100.0, 100.0, 3.0, None, 100.0])
    out = targets.reduction_frame(current, base)
    assert out["reduction_pct"].tolist()[:4] == [4.99, 5.0, 5.01, 5.0]
    assert out["award_eligible"].tolist()[:4] == [False, True, True, True]
    assert out["reduction_pct"].isna().tolist()[4:] == [True, True]
    assert out["award_eligible"].isna().tolist()[4:] == [True, True]


def test_intensities():
    # 19.61305 tCO2e / 10,000 people = 0.001961305 t/person; / 20 km2 = 0.9806525 t/km2
    assert targets.intensity(19.61305, 10_000) == pytest.approx(0.001961305)
    assert targets.intensity(19.61305, 20.0) == pytest.approx(0.9806525)
    assert targets.intensity(19.6, None) is None and targets.intensity(None, 10) is None
    assert targets.intensity(19.6, 0) is None
    s = targets.intensity_series(pd.Series([10.0, None, 5.0]), pd.Series([2.0, 4.0, 0.0]))
    assert s.iloc[0] == 5.0 and s.isna().tolist()[1:] == [True, True]


def test_bau_from_pre_base_trend():
    # totals grow 10 %/yr up to the base year 2018: 100, 110, 121 -> log-linear slope ln(1.1), g = 0.10
    history = pd.Series({2016: 100.0, 2017: 110.0, 2018: 121.0, 2019: 115.0})
    bau = targets.bau_projection(history, base_year=2018, end_year=2030).set_index("year")
    assert bau["method"].iloc[0] == "pre_base_trend"
    assert bau["growth_rate"].iloc[0] == pytest.approx(0.10)
    # 2030 = 121 x 1.1^12 = 121 x 3.138428 = 379.75
    assert bau.loc[2030, "bau_t"] == pytest.approx(379.75, abs=0.01)
    assert bau.loc[2018, "bau_t"] == 121.0


def test_bau_never_uses_post_base_cuts():
    # base year 2020 is the first year; the later years fall 100 -> 90 -> 81 because of the municipality's
    # actions. The old fallback fitted that fall (g = -0.10) and put the BAU at 81 t in 2022, below a 5 %
    # target of 95 t. Now: no pre-base years and no driver -> flat at the base-year total (100 t).
    history = pd.Series({2020: 100.0, 2021: 90.0, 2022: 81.0})
    bau = targets.bau_projection(history, base_year=2020, end_year=2022).set_index("year")
    assert bau["method"].iloc[0] == "flat_no_trend"
    assert bau.loc[2022, "bau_t"] == pytest.approx(100.0) and bau["bau_t"].min() >= targets.target_total(100.0)
    # a stated driver, population growth 2 %/yr: 100 x 1.02^2 = 104.04 in 2022
    given = targets.bau_projection(history, base_year=2020, end_year=2022, growth_rate=0.02).set_index("year")
    assert given["method"].iloc[0] == "population_growth"
    assert given.loc[2022, "bau_t"] == pytest.approx(104.04)
    assert targets.bau_projection(history, base_year=2015).empty        # no total in the base year
    # population 10,000 -> 10,100 -> 10,201 grows 1 %/yr
    assert targets.population_growth(pd.Series({2020: 10_000, 2021: 10_100, 2022: 10_201})) == pytest.approx(0.01)


def test_target_met_instead_of_a_rising_path():
    # base 1,000 t, 5 % target = 950 t; latest 900 t is already below: target met, no path up to 950 t
    assert targets.target_met(900.0, targets.target_total(1000.0, 5.0)) is True
    assert targets.target_met(960.0, 950.0) is False and targets.target_met(None, 950.0) is None


def test_trajectory_to_target():
    # base 1,000 t, 5 % target -> 950 t; from 1,000 t in 2024 to 950 t in 2030: cut 50 / 6 = 8.333 t a year
    goal = targets.target_total(1000.0, 5.0)
    assert goal == 950.0
    traj = targets.target_trajectory(2024, 1000.0, 2030, goal).set_index("year")
    assert traj.loc[2027, "target_t"] == pytest.approx(975.0)            # 1000 - 3 x 8.333
    assert traj.loc[2030, "target_t"] == pytest.approx(950.0)
    assert traj["annual_cut_t"].iloc[0] == pytest.approx(50 / 6)
    with pytest.raises(ValueError):
        targets.target_trajectory(2030, 1.0, 2030, 1.0)


def test_award_line_is_the_base_less_five_percent():
    # 2,000 t in the base year: 2,000 x (1 - 5/100) = 1,900 t earns the award
    assert targets.award_line(2000.0) == pytest.approx(1900.0)
    # a stricter programme threshold of 10 %: 2,000 x 0.90 = 1,800 t
    assert targets.award_line(2000.0, threshold=10.0) == pytest.approx(1800.0)
    assert targets.award_line(None) is None
