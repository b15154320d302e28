"""Landfill CH4: IPCC 2006 first-order decay (single deposit, multi-year series) and methane commitment."""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from indicators import waste

FOOD = waste.single_type("food", doc=0.15, k=0.40, docf=0.5, mcf=1.0, f=0.5)


def test_single_deposit_reference_case():
    # W = 1,000 t food, DOC 0.15, DOCf 0.5, MCF 1  ->  DDOCm = 1000 x 0.15 x 0.5 x 1 = 75 t C.
    # CH4 in year t = 75 x e^(-0.4 (t-1)) x (1 - e^-0.4) x F 0.5 x 16/12 = 50 x 0.329680 x 0.670320^(t-1)
    #   y1 = 16.484, y2 = 11.050, y3 = 7.407, y4 = 4.965, y5 = 3.328, ..., y10 = 0.450
    ch4 = waste.fod_single_deposit(1000.0, 10, FOOD)
    assert np.round(ch4, 3).tolist()[:5] == [16.484, 11.050, 7.407, 4.965, 3.328]
    assert round(ch4[9], 3) == 0.450
    # cumulative 10 years = 50 x (1 - e^-4) = 50 x 0.981684 = 49.084
    assert round(ch4.sum(), 3) == 49.084
    # as t -> infinity the sum tends to 50 x 1 = 50.000 t = the methane commitment
    # 1000 x 0.15 x 0.5 x 1 x 0.5 x 16/12 = 50.000
    assert waste.fod_single_deposit(1000.0, 300, FOOD).sum() == pytest.approx(50.0, abs=1e-9)
    assert float(waste.methane_commitment(1000.0, FOOD)) == pytest.approx(50.0)
    # in CO2e at AR5 GWP 28: y1 16.484 x 28 = 461.6 t
    assert round(ch4[0] * 28, 1) == 461.6


def test_multi_year_series_superposes_deposits():
    # 1,000 t in 2020 and 2,000 t in 2021 (food): each deposit decays on its own
    #   2021: from 2020 only                      = 16.484
    #   2022: 11.0495 (2020, 2nd yr) + 2 x 16.484 = 44.0175
    #   2023:  7.4066 (2020, 3rd yr) + 2 x 11.0495 = 29.5056
    out = waste.fod_series([2020, 2021, 2022, 2023], [1000.0, 2000.0, 0.0, 0.0], FOOD).set_index("year")
    assert math.isnan(out.loc[2020, "ch4_t"])        # no earlier deposit on record: not estimated
    assert out.loc[2020, "history_years"] == 0
    assert out.loc[2021, "ch4_t"] == pytest.approx(16.484, abs=1e-3)
    assert out.loc[2022, "ch4_t"] == pytest.approx(44.0175, abs=1e-3)
    assert out.loc[2023, "ch4_t"] == pytest.approx(29.5056, abs=1e-3)
    assert out.loc[2023, "history_years"] == 3


def test_default_msw_is_south_east_asian_mix_in_tropical_wet_climate():
    # 1,000 t MSW: decomposable C per type = share x DOC x DOCf 0.5 x MCF 1 x 1000
    #   food 0.43 x 0.15 -> 32.25 t C, paper 0.13 x 0.40 -> 26, wood 0.10 x 0.43 -> 21.5, textiles 0.03 x 0.24 -> 3.6
    # year 1 decomposed = 32.25(1-e^-0.40) + 26(1-e^-0.07) + 21.5(1-e^-0.035) + 3.6(1-e^-0.07)
    #                   = 10.6322 + 1.75776 + 0.73948 + 0.24338 = 13.3728 t C  -> x 0.5 x 16/12 = 8.9152 t CH4
    ch4 = waste.fod_single_deposit(1000.0, 1, waste.LandfillParams())
    assert ch4[0] == pytest.approx(8.9152, abs=1e-3)
    # commitment = 1000 x (0.0645 + 0.052 + 0.043 + 0.0072) x 0.5 x 1 x 0.5 x 16/12 = 1000 x 0.1667 / 3 = 55.567
    assert float(waste.methane_commitment(1000.0, waste.LandfillParams())) == pytest.approx(55.5667, abs=1e-3)
    p = waste.LandfillParams()
    assert p.k["food"] == 0.40 and p.docf == 0.5 and p.f == 0.5 and p.ox == 0.0 and p.mcf == 1.0
    assert sum(p.composition.values()) == pytest.approx(1.0)


def test_oxidation_recovery_and_mcf_are_parameters():
    # OX 0.1 keeps 90 %: 16.484 x 0.9 = 14.836
    assert waste.fod_single_deposit(1000.0, 1, FOOD.with_(ox=0.1))[0] == pytest.approx(14.8356, abs=1e-3)
    # MCF 0.5 (managed semi-aerobic) halves decomposable carbon: 16.484 / 2 = 8.242
    assert waste.fod_single_deposit(1000.0, 1, FOOD.with_(mcf=0.5))[0] == pytest.approx(8.242, abs=1e-3)
    # 5 t CH4 recovered in 2021: (16.484 - 5) x (1 - 0) = 11.484
    out = waste.fod_series([2020, 2021], [1000.0, 0.0], FOOD, recovered_ch4_t=[0.0, 5.0]).set_index("year")
    assert out.loc[2021, "ch4_t"] == pytest.approx(11.484, abs=1e-3)
    # commitment with 25 % recovery: 50 x 0.75 = 37.5
    assert float(waste.methane_commitment(1000.0, FOOD, recovery_fraction=0.25)) == pytest.approx(37.5)


def test_interior_gap_is_interpolated_and_backfill_is_optional():
    out = waste.fod_series([2015, 2017], [100.0, 300.0], FOOD).set_index("year")
    assert out.loc[2016, "msw_t"] == 200.0               # (100 + 300) / 2
    # 2017 = 100 t two years back + 200 t one year back = (11.0495 + 2 x 16.484) / 10 = 4.4018
    assert out.loc[2017, "ch4_t"] == pytest.approx(4.4018, abs=1e-3)
    back = waste.fod_series([2015, 2016], [1000.0, 0.0], FOOD, backfill_years=1).set_index("year")
    # 1,000 t assumed in 2014 too: 2015 = 16.484; 2016 = 11.0495 + 16.484 = 27.5335
    assert back.loc[2015, "ch4_t"] == pytest.approx(16.484, abs=1e-3)
    assert back.loc[2016, "ch4_t"] == pytest.approx(27.5335, abs=1e-3)
    assert back.loc[2015, "history_years"] == 1


def test_frame_of_many_sites_equals_site_by_site():
    deposits = pd.DataFrame({"site": ["a", "a", "a", "b", "b"], "year": [2018, 2019, 2020, 2019, 2020],
                             "msw_t": [100.0, 120.0, 140.0, 500.0, 400.0]})
    many = waste.fod_frame(deposits, ["site"])
    for site, g in deposits.groupby("site"):
        one = waste.fod_series(g["year"], g["msw_t"])
        got = many[many["site"] == site].reset_index(drop=True)
        pd.testing.assert_series_equal(got["ch4_t"], one["ch4_t"], check_names=False)
        assert got["year"].tolist() == one["year"].tolist()


def test_commitment_frame_attributes_each_years_waste_to_that_year():
    deposits = pd.DataFrame({"site": ["a", "a"], "year": [2020, 2021], "msw_t": [1000.0, 2000.0]})
    out = waste.commitment_frame(deposits, ["site"], FOOD).set_index("year")
    assert out.loc[2020, "ch4_t"] == pytest.approx(50.0)
    assert out.loc[2021, "ch4_t"] == pytest.approx(100.0)


def test_running_max_carries_the_weakest_input_forward():
    # quality rank H=0, M=1, L=2: an L deposit in 2019 makes every later year's figure L
    deposits = pd.DataFrame({"site": "a", "year": [2018, 2019, 2020, 2021], "msw_t": [10.0, 10.0, 10.0, 10.0],
                             "rank": [0, 2, 0, 1]})
    out = waste.fod_frame(deposits, ["site"], running_max="rank")
    assert out["rank"].tolist() == [0, 2, 2, 2]


def test_constant_deposits_give_a_steady_sector_iii_from_the_first_year():
    # 1,500 t landfilled every year 2015-2025. Without history the model starts from an empty landfill:
    # no figure in 2015, then a climb (the issue saw 374 -> 646 -> 848 t CO2e). With 50 years estimated at
    # 1,500 t before 2015 (IPCC 2006 Vol.5 s.3.2.2), 2015 already has 50 years behind it and every year is
    # within a few % of the last: the slow wood fraction (k 0.035) is 1 - e^(-0.035 x 50) = 83 % decayed to
    # steady state after 50 years and 1 - e^(-0.035 x 60) = 88 % after 60.
    years = list(range(2015, 2026))
    cold = waste.fod_series(years, [1500.0] * len(years))
    assert np.isnan(cold["ch4_t"].iloc[0]) and cold["ch4_t"].iloc[3] > 1.5 * cold["ch4_t"].iloc[1]
    warm = waste.fod_series(years, [1500.0] * len(years), backfill_years=waste.BACKFILL_YEARS)
    ch4 = warm["ch4_t"].to_numpy()
    assert not np.isnan(ch4).any()
    assert (warm["estimated_history_years"] == 50).all() and warm["history_years"].iloc[0] == 50
    assert ch4.max() / ch4.min() - 1 < 0.03
    # steady state: CH4 generated = deposits x DOCf x MCF x F x 16/12 x sum(share x DOC); with every type in
    # equilibrium it would be 1,500 x 0.5 x 1 x 0.5 x 4/3 x 0.1667 = 83.35 t; wood and paper lag behind
    doc_mix = 0.43 * 0.15 + 0.13 * 0.40 + 0.10 * 0.43 + 0.03 * 0.24
    assert doc_mix == pytest.approx(0.1667)
    assert ch4[-1] < 1500 * 0.5 * 0.5 * 4 / 3 * doc_mix and ch4[-1] > 0.85 * 1500 * 0.5 * 0.5 * 4 / 3 * doc_mix
