"""Network KPIs, year-on-year changes and peer groups, against hand-worked values."""
from __future__ import annotations

import pandas as pd
import pytest

from indicators import network

FIG = pd.DataFrame({
    "code":          ["A", "B", "C", "A", "B", "C"],
    "year":          [2023, 2023, 2023, 2024, 2024, 2024],
    "cfo_total":     [100.0, 200.0, None, 90.0, 210.0, 50.0],
    "per_capita":    [0.10, 0.20, None, 0.09, 0.21, 0.05],
    "reduction_pct": [0.0, -1.0, None, 10.0, -5.0, None],
    "award_eligible": [False, False, None, True, False, None],
    "ccf_basic":     [None, 1000.0, None, None, 1100.0, 300.0],
})
WMA = pd.DataFrame({"code": ["A", "B", "C"], "year": [2024] * 3, "overall": [40.0, 60.0, None],
                    "resilience": [30.0, 50.0, 70.0]})
ACTIONS = pd.DataFrame({"status": ["completed", "ongoing", "planned", "completed"],
                        "start_year": [2020, 2024, 2024, 2025],
                        "bike_lane_km": [3.5, 1.5, 10.0, 7.0]})
MUNIS = pd.DataFrame({"code": ["A", "B", "C"], "type": ["mueang", "mueang", "tambon"],
                      "role": ["pilot", "replicating", None], "population": [1000, 1900, 500]})


def test_network_kpis_2024():
    k = network.network_kpis(FIG, WMA, ACTIONS, MUNIS, 2024)
    assert k["laos"] == 3
    assert k["laos_with_cfo"] == 3
    assert k["cfo_total"] == pytest.approx(350.0)           # 90 + 210 + 50
    assert k["per_capita_median"] == pytest.approx(0.09)    # median of 0.05, 0.09, 0.21
    assert k["award_count"] == 1                            # only A (10 % >= 5 %)
    assert k["with_base"] == 2                              # A and B have a reduction figure
    assert k["lcrs_median"] == pytest.approx(50.0)          # median of 40, 60 (C has no evidence)
    assert k["resilience_median"] == pytest.approx(50.0)    # median of 30, 50, 70
    assert k["bike_km"] == pytest.approx(5.0)               # 3.5 (completed 2020) + 1.5 (ongoing 2024); planned and 2025 excluded
    assert k["ccf_basic_total"] == pytest.approx(1400.0)    # 1100 + 300


def test_network_kpis_missing_year_is_none_not_zero():
    k = network.network_kpis(FIG, WMA, ACTIONS, MUNIS, 2030)
    assert k["cfo_total"] is None and k["per_capita_median"] is None and k["lcrs_median"] is None


def test_year_on_year_changes():
    yoy = network.year_on_year(FIG, 2024).set_index("code")
    assert set(yoy.index) == {"A", "B"}                     # C had no 2023 CFO
    assert yoy.loc["A", "change_t"] == pytest.approx(-10.0)  # 90 - 100
    assert yoy.loc["A", "change_pct"] == pytest.approx(-10.0)  # -10 / 100 x 100
    assert yoy.loc["B", "change_pct"] == pytest.approx(5.0)    # +10 / 200 x 100


def test_counts_by_role_type():
    c = network.counts_by_role_type(MUNIS)
    assert c.set_index(["role", "type"])["count"].to_dict() == {
        ("none", "tambon"): 1, ("pilot", "mueang"): 1, ("replicating", "mueang"): 1}


def test_peer_group_same_type_within_factor_two():
    assert set(network.peer_group(MUNIS, "A")["code"]) == {"A", "B"}   # 1900 <= 2 x 1000
    assert set(network.peer_group(MUNIS, "C")["code"]) == {"C"}
    assert network.peer_group(MUNIS, "Z").empty


def test_measure_frame_keeps_municipalities_without_figures():
    munis = MUNIS.assign(name_th=["ก", "ข", "ค"], name_en=["a", "b", "c"], lat=1.0, lon=100.0)
    fig = FIG.assign()
    wma = WMA.assign(low_carbon=[1.0, 2.0, 3.0], bike_walk=None)
    out = network.measure_frame(fig, wma, munis, 2024).set_index("code")
    assert len(out) == 3
    assert out.loc["C", "ccf_per_capita"] == pytest.approx(0.6)    # 300 tCO2e / 500 people
    assert out.loc["B", "ccf_per_capita"] == pytest.approx(1100 / 1900)
    assert pd.isna(out.loc["A", "ccf_per_capita"])                 # no city inventory: missing, not 0
    assert out.loc["A", "overall"] == 40.0
    none_year = network.measure_frame(fig, wma, munis, 2031)
    assert none_year["cfo_total"].isna().all() and len(none_year) == 3


def test_network_kpis_count_only_comparable_years_and_confident_indices():
    # 2024: A comparable 10 % (award), B not comparable (its landfill row is missing: 93 % would have been
    # shown), C before its base year. The award count is 1, the reduction figure count 1, not comparable 1.
    fig = FIG.assign(reduction_comparable=[True, True, None, True, False, None],
                     reduction_reasons=["", "", "no_base_year", "", "missing_this_year:waste", "before_base"])
    fig.loc[4, ["reduction_pct", "award_eligible"]] = [93.0, None]
    k = network.network_kpis(fig, WMA, ACTIONS, MUNIS, 2024)
    assert k["award_count"] == 1 and k["with_base"] == 1 and k["not_comparable"] == 1
    # the index of C is missing (not enough evidence): the median is over 2 of the 3 LAOs with evidence
    assert k["lcrs_median"] == pytest.approx(50.0) and k["lcrs_n"] == 2 and k["lcrs_laos"] == 3
