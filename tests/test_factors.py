"""The emission-factor library and GPC reference table (data/reference/*.csv) and ``python -m data factors``."""
from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from data.queries import emission_rows
from data.store import reference
from indicators import emissions as em
from indicators import gwp

ROOT = Path(__file__).resolve().parent.parent

CANONICAL_KEYS = ["electricity_kwh", "diesel_onroad_l", "diesel_stationary_l", "diesel_offroad_l",
                  "gasoline_onroad_l", "lpg_stationary_kg", "lpg_onroad_kg", "cng_onroad_kg", "r22_kg", "r32_kg",
                  "r410a_kg", "r134a_kg", "tap_water_pwa_m3", "paper_kg", "msw_landfill_kg"]
ISSUE_KEYS = ["gasohol_e10_onroad_l", "gasohol_e20_onroad_l", "diesel_b7_onroad_l", "lpg_stationary_l",
              "lpg_onroad_l", "r404a_kg", "r407c_kg"]


@pytest.fixture(scope="module")
def factors():
    return reference.read_reference_csv("emission_factors.csv")


@pytest.fixture(scope="module")
def gwp_csv():
    return reference.read_reference_csv("gwp.csv")


@pytest.fixture(scope="module")
def gpc():
    return reference.read_reference_csv("gpc_refs.csv")


def test_canonical_and_issue_activity_keys_exist(factors):
    missing = set(CANONICAL_KEYS + ISSUE_KEYS) - set(factors["activity"])
    assert not missing


def test_every_factor_has_source_unit_validity_and_gwp_set(factors):
    for col in ["factor_id", "activity", "unit", "kgco2e_per_unit", "gwp_set", "valid_from", "source", "version"]:
        assert factors[col].notna().all(), col
    assert factors["factor_id"].is_unique
    assert set(factors["gwp_set"]) == {"AR5"}
    assert set(factors["cfo_category"].dropna()) <= set(em.CFO_CATEGORIES)
    assert set(factors["cfo_scope"].dropna().astype(int)) <= {1, 2, 3}


def test_published_totals_match_their_ar5_per_gas_recomputation(factors, gwp_csv):
    ar5 = gwp.gwp_values(gwp_csv, "AR5")
    per_gas = gwp.per_gas_total(factors, ar5)
    has = per_gas.notna()
    assert has.sum() >= 25                      # every fuel, refrigerant, wastewater and livestock factor
    diff = (per_gas - factors["kgco2e_per_unit"]).abs()[has]
    assert (diff <= 0.001).all(), list(factors.loc[diff[diff > 0.001].index, "factor_id"])
    by_id = dict(zip(factors["factor_id"], per_gas))
    # diesel on-road: 2.6987 + 0.000142 x 30 + 0.000142 x 265 = 2.6987 + 0.00426 + 0.03763 = 2.74059 (TGO 2.7406)
    assert by_id["diesel_onroad_l"] == pytest.approx(2.74059, abs=1e-9)
    # diesel off-road: 2.6987 + 0.000151 x 30 + 0.00104 x 265 = 2.6987 + 0.00453 + 0.2756 = 2.97883;
    # TGO publishes 2.9793, 0.00047 more (the reference notes it)
    assert by_id["diesel_offroad_l"] == pytest.approx(2.97883, abs=1e-9)
    assert 2.9793 - by_id["diesel_offroad_l"] == pytest.approx(0.00047, abs=1e-9)
    # LPG cooking: 3.1106 + 0.0000493 x 30 + 0.00000493 x 265 = 3.1106 + 0.001479 + 0.00130645 = 3.11338545
    assert by_id["lpg_stationary_kg"] == pytest.approx(3.11338545, abs=1e-9)
    # septic tank: 4.38 kg CH4 x 28 = 122.64
    assert by_id["wastewater_septic_person_yr"] == pytest.approx(122.64)


def test_refrigerant_gas_names_exist_in_every_gwp_set(factors, gwp_csv):
    for gwp_set in gwp.GWP_SETS:
        values = gwp.gwp_values(gwp_csv, gwp_set)
        assert set(factors["ghg_gas"].dropna()) <= set(values)


def test_grid_electricity_vintages_switch_between_2025_and_2026(factors, gwp_csv):
    lib = emission_rows.resolve_library(factors, gwp_csv, "AR5")
    elec = lib[lib["activity"] == "electricity_kwh"]

    def factor_for(year):
        hit = elec[(elec["from_year"] <= year) & (year <= elec["to_year"])]
        assert len(hit) == 1
        return float(hit["kgco2e"].iloc[0])

    assert factor_for(2016) == 0.4999
    assert factor_for(2025) == 0.4999
    assert factor_for(2026) == 0.4750
    assert factor_for(2030) == 0.4750


def test_overlapping_validity_is_refused(factors, gwp_csv):
    bad = pd.concat([factors, factors[factors["factor_id"] == "paper_kg"].assign(factor_id="paper_kg@dup")])
    with pytest.raises(emission_rows.FactorLibraryError) as err:
        emission_rows.resolve_library(bad, gwp_csv)
    assert "paper_kg" in err.value.message_en and "paper_kg" in err.value.message_th


def test_default_gpc_refs_exist(factors, gpc):
    assert set(factors["gpc_ref_default"].dropna()) <= set(gpc["gpc_ref"])


def test_gpc_table_follows_gpc_v1_1(gpc):
    g = gpc.set_index("gpc_ref")
    assert len(g) == 53 and g.index.is_unique
    for sub in ["I.1", "I.2", "I.3", "I.4", "I.5", "I.6"]:
        assert (g.loc[f"{sub}.1", "scope"], g.loc[f"{sub}.1", "reporting_level"]) == (1, "B")
        assert (g.loc[f"{sub}.2", "scope"], g.loc[f"{sub}.2", "reporting_level"]) == (2, "B")
        assert (g.loc[f"{sub}.3", "scope"], g.loc[f"{sub}.3", "reporting_level"]) == (3, "B+")
    assert (g.loc["I.4.4", "scope"], g.loc["I.4.4", "reporting_level"]) == (1, "T")
    for sub in ["II.1", "II.2", "II.3", "II.4"]:
        assert (g.loc[f"{sub}.3", "scope"], g.loc[f"{sub}.3", "reporting_level"]) == (3, "B+")
    for sub in ["III.1", "III.2", "III.3", "III.4"]:
        assert (g.loc[f"{sub}.1", "scope"], g.loc[f"{sub}.1", "reporting_level"]) == (1, "B")
        assert (g.loc[f"{sub}.2", "scope"], g.loc[f"{sub}.2", "reporting_level"]) == (3, "B")
        assert (g.loc[f"{sub}.3", "scope"], g.loc[f"{sub}.3", "reporting_level"]) == (1, "T")
    for ref in ["IV.1", "IV.2", "V.1", "V.2", "V.3"]:
        assert g.loc[ref, "reporting_level"] == "B+"
    assert (g.loc["VI.1", "scope"], g.loc["VI.1", "reporting_level"]) == (3, "O")
    assert g["name_th"].notna().all() and g["name_en"].notna().all()
    assert (g["sector"] == g.index.str.split(".").str[0]).all()


def _run_cli(*args):
    return subprocess.run([sys.executable, "-m", "data", *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)


def test_cli_factors_prints_the_library_as_csv(empty_db, tmp_path):
    from data.cli import main
    import contextlib

    path = empty_db.execute("PRAGMA database_list").fetchall()[0][2]
    empty_db.close()
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["factors", "--db", path]) == 0
    out = pd.read_csv(io.StringIO(buf.getvalue()))
    for col in ["activity", "unit", "kgco2e_per_unit", "gwp_set", "valid_from", "valid_to", "source"]:
        assert col in out.columns
    assert set(CANONICAL_KEYS) <= set(out["activity"])
    assert (out["gwp_set"] == "AR5").all()
    elec = out[out["activity"] == "electricity_kwh"].set_index("valid_from")["kgco2e_per_unit"]
    assert elec["2000-01-01"] == 0.4999 and elec["2026-01-01"] == 0.475


def test_cli_factors_gwp_set_without_a_database(tmp_path):
    res = _run_cli("factors", "--gwp-set", "AR4", "--db", str(tmp_path / "none.duckdb"))
    assert res.returncode == 0, res.stderr
    out = pd.read_csv(io.StringIO(res.stdout)).set_index("factor_id")
    assert (out["gwp_set"] == "AR4").all()
    assert out.loc["r410a_kg", "kgco2e_per_unit"] == pytest.approx(2087.5)      # 0.5 x 675 + 0.5 x 3500
    assert out.loc["r410a_kg", "published_kgco2e"] == 1923.5
    assert not (tmp_path / "none.duckdb").exists()
