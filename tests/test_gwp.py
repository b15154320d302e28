"""GWP sets (AR4, AR5 default, AR6), refrigerant blends and re-expressing factors under another set."""
from __future__ import annotations

import pytest

from data.store import reference
from indicators import gwp


@pytest.fixture(scope="module")
def gwp_csv():
    return reference.read_reference_csv("gwp.csv")


@pytest.fixture(scope="module")
def factors_csv():
    return reference.read_reference_csv("emission_factors.csv")


def test_ar5_blends_from_components(gwp_csv):
    ar5 = gwp.gwp_values(gwp_csv, "AR5")
    # R-410A = 0.50 x 677 + 0.50 x 3170 = 338.5 + 1585 = 1923.5
    assert gwp.refrigerant_gwp("R-410A", ar5) == pytest.approx(1923.5, abs=1e-9)
    # R-404A = 0.44 x 3170 + 0.52 x 4800 + 0.04 x 1300 = 1394.8 + 2496 + 52 = 3942.8
    assert gwp.refrigerant_gwp("R-404A", ar5) == pytest.approx(3942.8, abs=1e-9)
    # R-407C = 0.23 x 677 + 0.25 x 3170 + 0.52 x 1300 = 155.71 + 792.5 + 676 = 1624.21
    assert gwp.refrigerant_gwp("R-407C", ar5) == pytest.approx(1624.21, abs=1e-9)


def test_ar4_blends_from_components(gwp_csv):
    ar4 = gwp.gwp_values(gwp_csv, "AR4")
    # R-410A = 0.5 x 675 + 0.5 x 3500 = 2087.5 (published ~2,088)
    assert gwp.refrigerant_gwp("R-410A", ar4) == pytest.approx(2087.5)
    assert round(gwp.refrigerant_gwp("R-410A", ar4)) == 2088
    # R-404A = 0.44 x 3500 + 0.52 x 4470 + 0.04 x 1430 = 1540 + 2324.4 + 57.2 = 3921.6 (published ~3,922)
    assert round(gwp.refrigerant_gwp("R-404A", ar4)) == 3922


def test_single_component_refrigerants_use_their_chemical_name(gwp_csv):
    ar5 = gwp.gwp_values(gwp_csv, "AR5")
    assert gwp.refrigerant_gwp("R-22", ar5) == 1760     # HCFC-22
    assert gwp.refrigerant_gwp("R-32", ar5) == 677      # HFC-32
    assert gwp.refrigerant_gwp("R-134a", ar5) == 1300   # HFC-134a


def test_blend_rows_in_csv_equal_their_computation(gwp_csv):
    for gwp_set in gwp.GWP_SETS:
        values = gwp.gwp_values(gwp_csv, gwp_set)
        for blend in gwp.BLENDS:
            assert values[blend] == pytest.approx(gwp.refrigerant_gwp(blend, values), abs=1e-6), (gwp_set, blend)
        for alias, chem in gwp.ALIASES.items():
            assert values[alias] == values[chem]


def test_ch4_n2o_values_per_set(gwp_csv):
    expected = {"AR4": (25, 25, 298), "AR5": (28, 30, 265), "AR6": (27.0, 29.8, 273)}
    for gwp_set, (ch4, fossil, n2o) in expected.items():
        v = gwp.gwp_values(gwp_csv, gwp_set)
        assert (v["CH4"], v["CH4_fossil"], v["N2O"], v["CO2"]) == (ch4, fossil, n2o, 1)


def test_ar6_refrigerants_are_the_table_7sm7_values(gwp_csv):
    # IPCC AR6 WG1 Table 7.SM.7 GWP-100: HCFC-22 1960, HFC-32 771, HFC-125 3740, HFC-134a 1530, HFC-143a 5810
    # blends by mass share: R-410A = 0.5 x 771 + 0.5 x 3740 = 385.5 + 1870 = 2255.5;
    # R-404A = 0.44 x 3740 + 0.52 x 5810 + 0.04 x 1530 = 1645.6 + 3021.2 + 61.2 = 4728.0;
    # R-407C = 0.23 x 771 + 0.25 x 3740 + 0.52 x 1530 = 177.33 + 935 + 795.6 = 1907.93
    ar6 = gwp.gwp_values(gwp_csv, "AR6")
    expected = {"HCFC-22": 1960, "HFC-32": 771, "HFC-125": 3740, "HFC-134a": 1530, "HFC-143a": 5810,
                "R-22": 1960, "R-32": 771, "R-134a": 1530, "R-410A": 2255.5, "R-404A": 4728.0, "R-407C": 1907.93}
    for gas, value in expected.items():
        assert ar6[gas] == pytest.approx(value), gas
        assert gwp.refrigerant_gwp(gas, ar6) == pytest.approx(value, abs=1e-6), gas
    src = gwp_csv[gwp_csv["gwp_set"] == "AR6"]["source"]
    assert not src.str.lower().str.contains("fallback").any()


def test_every_gwp_row_has_a_source(gwp_csv):
    assert gwp_csv["source"].notna().all() and (gwp_csv["source"].str.len() > 5).all()
    assert set(gwp_csv["gwp_set"]) == set(gwp.GWP_SETS)


def test_gwp_switch_recomputes_per_gas_factors(factors_csv, gwp_csv):
    ar4 = gwp.factors_under_gwp(factors_csv, gwp_csv, "AR4").set_index("factor_id")
    ar5 = gwp.factors_under_gwp(factors_csv, gwp_csv, "AR5").set_index("factor_id")
    ar6 = gwp.factors_under_gwp(factors_csv, gwp_csv, "AR6").set_index("factor_id")
    # AR5 = TGO's published total, kept as published
    assert ar5.loc["diesel_onroad_l", "kgco2e"] == 2.7406
    assert ar5.loc["diesel_onroad_l", "gwp_basis"] == gwp.BASIS_PUBLISHED
    # AR4: 2.6987 + 0.000142 x 25 + 0.000142 x 298 = 2.6987 + 0.00355 + 0.042316 = 2.744566
    assert ar4.loc["diesel_onroad_l", "kgco2e"] == pytest.approx(2.744566, abs=1e-9)
    assert ar4.loc["diesel_onroad_l", "gwp_basis"] == gwp.BASIS_RECOMPUTED
    # AR6: 2.6987 + 0.000142 x 29.8 + 0.000142 x 273 = 2.6987 + 0.0042316 + 0.038766 = 2.7416976
    assert ar6.loc["diesel_onroad_l", "kgco2e"] == pytest.approx(2.7416976, abs=1e-9)
    # septic tank CH4 is biogenic: AR4 4.38 x 25 = 109.5; AR6 (non-fossil 27.0) 4.38 x 27.0 = 118.26
    assert ar4.loc["wastewater_septic_person_yr", "kgco2e"] == pytest.approx(109.5)
    assert ar6.loc["wastewater_septic_person_yr", "kgco2e"] == pytest.approx(118.26)
    # refrigerant blend under AR4: 1 kg x 2087.5; under AR6 1 kg x 2255.5; R-22 1 kg x 1960
    assert ar4.loc["r410a_kg", "kgco2e"] == pytest.approx(2087.5)
    assert ar6.loc["r410a_kg", "kgco2e"] == pytest.approx(2255.5)
    assert ar6.loc["r22_kg", "kgco2e"] == pytest.approx(1960.0)


def test_total_only_factors_stay_as_published_under_every_set(factors_csv, gwp_csv):
    for gwp_set in ("AR4", "AR6"):
        f = gwp.factors_under_gwp(factors_csv, gwp_csv, gwp_set).set_index("factor_id")
        for fid, value in [("electricity_kwh@2016-2018", 0.4999), ("tap_water_pwa_m3", 0.541),
                           ("paper_kg", 2.102), ("msw_landfill_kg", 0.7933)]:
            assert f.loc[fid, "kgco2e"] == value
            assert f.loc[fid, "gwp_basis"] == gwp.BASIS_TOTAL_ONLY
        assert (f["gwp_set"] == gwp_set).all()
        assert f.loc["diesel_onroad_l", "published_kgco2e"] == 2.7406


def test_unknown_gwp_set_and_bad_blend_are_rejected(gwp_csv):
    with pytest.raises(gwp.UnknownGwpSet):
        gwp.gwp_values(gwp_csv, "SAR")
    with pytest.raises(ValueError):
        gwp.blend_gwp({"HFC-32": 0.5, "HFC-125": 0.4}, gwp.gwp_values(gwp_csv, "AR5"))


def test_fuel_upstream_per_litre_uses_a_stated_density(factors_csv):
    # per-kg upstream factors (TGO CFP list) x stated density:
    # diesel density 2.6987 kg CO2/L / (74,100 kg/TJ x 43.0 TJ/Gg = 3.1863 kg CO2/kg) = 0.8470 kg/L
    #   -> 0.3522 x 0.8470 = 0.2983 kgCO2e/L
    # gasoline 2.1816 / (69,300 x 44.3 / 1e6 = 3.0700) = 0.7106 kg/L -> 0.4024 x 0.7106 = 0.2859 kgCO2e/L
    # LPG 0.54 kg/L (TGO) -> 0.8582 x 0.54 = 0.4634 kgCO2e/L
    f = factors_csv.set_index("factor_id")
    for key, per_kg, density, per_l in (("diesel", 0.3522, 0.8470, 0.2983), ("gasoline", 0.4024, 0.7106, 0.2859),
                                        ("lpg", 0.8582, 0.54, 0.4634)):
        assert f.loc[f"{key}_upstream_kg", "kgco2e_per_unit"] == per_kg
        assert f.loc[f"{key}_upstream_l", "kgco2e_per_unit"] == pytest.approx(round(per_kg * density, 4))
        assert f.loc[f"{key}_upstream_l", "kgco2e_per_unit"] == per_l
        assert f.loc[f"{key}_upstream_l", "unit"] == "L" and "density" in f.loc[f"{key}_upstream_l", "source"]
    assert 2.6987 / (74_100 * 43.0 / 1e6) == pytest.approx(0.8470, abs=5e-5)
    assert 2.1816 / (69_300 * 44.3 / 1e6) == pytest.approx(0.7106, abs=5e-5)
