"""The synthetic LCRS evidence: deterministic, complete where it must be, plausible, and scoring as intended."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from data.demo import generator
from data.demo import indicator_records
from data.store import reference
from indicators import asi, resilience, wma


@pytest.fixture(scope="module")
def demo_set():
    return generator.generate("demo")


@pytest.fixture(scope="module")
def matrix(demo_set):
    """The matrix from the generated values and the scorecard roll-up (emissions-derived indicators aside)."""
    from indicators import catalogue as cat_mod

    vals = cat_mod.combine_values(demo_set.indicator_value,
                                  resilience.undrr_indicator_values(demo_set.scorecard))
    return wma.wma_matrix(vals, reference.read_reference_csv("indicators.csv"))


def small_muni() -> pd.DataFrame:
    return pd.DataFrame({
        "code": ["P1", "R1", "N1", "X1"], "type": ["nakhon", "mueang", "tambon", "sao"],
        "role": ["pilot", "replicating", "network", None], "mentor_code": [None, "P1", None, None],
        "population": [100_000, 20_000, 8_000, 4_000], "area_km2": [50.0, 20.0, 10.0, 80.0],
        "base_year": pd.array([2016, 2018, None, None], dtype="Int64"),
        "joined_year": pd.array([2015, 2018, None, None], dtype="Int64")})


def test_same_seed_gives_identical_tables():
    years = list(range(2015, 2026))
    a = indicator_records.generate_lcrs(small_muni(), years, np.random.default_rng(5))
    b = indicator_records.generate_lcrs(small_muni(), years, np.random.default_rng(5))
    c = indicator_records.generate_lcrs(small_muni(), years, np.random.default_rng(6))
    for name in a:
        pd.testing.assert_frame_equal(a[name], b[name])
    assert not a["indicator_value"]["value"].equals(c["indicator_value"]["value"])


def test_columns_match_the_tables(demo_set):
    assert list(demo_set.indicator_value.columns) == indicator_records.INDICATOR_VALUE_COLUMNS
    assert list(demo_set.action.columns) == indicator_records.ACTION_COLUMNS
    assert list(demo_set.scorecard.columns) == indicator_records.SCORECARD_COLUMNS


def test_every_member_has_data_and_every_typed_indicator_appears(demo_set):
    members = set(demo_set.municipality.loc[demo_set.municipality["role"].notna(), "code"])
    assert members <= set(demo_set.indicator_value["municipality_code"])
    cat = reference.read_reference_csv("indicators.csv")
    typed = set(cat["indicator_code"]) - indicator_records.COMPUTED
    # plus the population of every year (a context value, not scored)
    assert set(demo_set.indicator_value["indicator_code"]) == typed | {"population"}
    assert not set(demo_set.indicator_value["indicator_code"]) & indicator_records.COMPUTED


def test_some_evidence_is_missing_on_purpose(matrix):
    assert (matrix["confidence"] < 1).any()
    conf_cols = [c for c in matrix.columns if c.startswith("conf_") and c[-1].isdigit()]
    assert (matrix[conf_cols] == 0).any().any()             # some cells have no evidence at all


def test_pilots_score_higher_and_improve(demo_set, matrix):
    role = demo_set.municipality.set_index("code")["role"]
    last = matrix[matrix["year"] == 2025].assign(role=lambda d: d["code"].map(role))
    by_role = last.groupby("role")["overall"].mean()
    assert by_role["pilot"] > by_role["replicating"] > by_role["network"]
    pilots = matrix[matrix["code"].map(role) == "pilot"].groupby("year")["overall"].mean()
    assert pilots[2025] > pilots[2016] + 15


def test_values_are_within_their_units(demo_set):
    iv = demo_set.indicator_value
    cat = reference.read_reference_csv("indicators.csv").set_index("indicator_code")
    unit = iv["indicator_code"].map(cat["unit"])
    assert iv.loc[unit.str.startswith("%"), "value"].between(0, 100).all()
    assert (iv["value"] >= 0).all()
    binary = iv["indicator_code"].map(cat["method"]) == "binary"
    assert set(iv.loc[binary, "value"]) <= {0.0, 1.0}


def test_actions_are_plausible(demo_set):
    act = demo_set.action
    role = demo_set.municipality.set_index("code")["role"]
    per = act.groupby("municipality_code").size()
    pilots = per[per.index.map(role) == "pilot"]
    reps = per[per.index.map(role) == "replicating"]
    assert pilots.between(6, 12).all() and reps.between(3, 6).all()
    assert act["action_id"].is_unique
    mitigation = act["theme"].isin(asi.MITIGATION_THEMES)
    assert set(act.loc[mitigation, "asi"]) == set(asi.ASI) and set(act["status"]) <= set(asi.STATUSES)
    assert act.loc[mitigation, "undrr_essential"].isna().all()
    # resilience actions carry an UNDRR essential (1-10) and no A-S-I type
    assert act.loc[~mitigation, "asi"].isna().all()
    assert act.loc[~mitigation, "undrr_essential"].notna().all()
    assert act.loc[~mitigation, "undrr_essential"].between(1, 10).all()
    assert set(act["department"]) <= set(asi.DEPARTMENTS)
    assert act.loc[act["bike_lane_km"].notna(), "theme"].eq("bike_walk").all()
    # a reduction is achieved only by actions that count (ongoing or completed)
    assert act.loc[act["achieved_tco2e"].notna(), "status"].isin(["ongoing", "completed"]).all()
    assert (act["end_year"].dropna() >= act.loc[act["end_year"].notna(), "start_year"]).all()


def test_bike_lane_indicator_follows_the_actions():
    """The km per 10,000 residents never falls, and rises in the year a counted bike action starts."""
    years = list(range(2015, 2026))
    out = indicator_records.generate_lcrs(small_muni(), years, np.random.default_rng(11))
    lanes = out["indicator_value"].query("indicator_code == 'bw_bike_lane_km_per_10k'")
    lanes = lanes.set_index(["municipality_code", "year"])["value"]
    for _, g in lanes.groupby(level=0):
        assert g.sort_index().diff().dropna().ge(0).all()
    bike = out["action"][out["action"]["bike_lane_km"].notna() & out["action"]["status"].isin(
        ["ongoing", "completed"])]
    checked = 0
    for code, start in zip(bike["municipality_code"], bike["start_year"]):
        if (code, start) in lanes.index and (code, start - 1) in lanes.index:
            assert lanes[(code, start)] > lanes[(code, start - 1)]
            checked += 1
    assert checked >= 1


def test_scorecards_are_valid_and_pilots_go_detailed(demo_set):
    sc = demo_set.scorecard
    assert resilience.validate_scorecard(sc) == []
    role = demo_set.municipality.set_index("code")["role"]
    detailed = sc[sc["level"] == "detailed"]
    assert set(detailed["municipality_code"].map(role)) == {"pilot"}
    per = sc.groupby(["municipality_code", "year", "level"]).size()
    prelim = per.xs("preliminary", level="level")
    assert prelim.max() == 47 and prelim.min() >= 46               # one assessment in ten skips a question
