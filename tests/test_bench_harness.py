"""The benchmark harness prints well-formed figures. Nothing here measures or asserts on time."""
from __future__ import annotations

import io
import json

import pandas as pd
import pytest

from bench import __main__ as bench_main
from bench import baseline, common, pages

REQUIRED = {"name": str, "unit": str, "scale": str, "ok": bool}


def _check_record(rec: dict) -> None:
    for key, typ in REQUIRED.items():
        assert isinstance(rec[key], typ), key
    assert "value" in rec and "target" in rec
    assert rec["unit"] in common.LOWER_IS_BETTER | common.HIGHER_IS_BETTER
    if rec["value"] is None:
        assert rec["ok"] is False
        assert "error" in rec or "skipped" in rec
    else:
        assert rec["ok"] == common.is_ok(rec["value"], rec["unit"], rec["target"])


def test_ok_follows_the_direction_of_the_unit():
    assert common.is_ok(0.9, "s", 1.0) and not common.is_ok(1.1, "s", 1.0)
    assert common.is_ok(3_000_000, "bytes", 3_000_000)                  # equal to the target meets it
    assert common.is_ok(60_000, "rows/s", 50_000) and not common.is_ok(40_000, "rows/s", 50_000)
    assert not common.is_ok(4.9, "x", 5.0)
    assert not common.is_ok(None, "ms", 50.0)
    with pytest.raises(ValueError):
        common.is_ok(1.0, "furlongs", 2.0)


def test_failures_become_error_and_skipped_lines():
    def broken():
        raise ZeroDivisionError("boom")

    def absent():
        raise common.Missing("data.nothing is not written yet")

    err = common.measured("x.broken", "s", 1.0, "demo", broken)
    skip = common.measured("x.absent", "ms", 50.0, "demo", absent)
    good = common.measured("x.good", "x", 5.0, "demo", lambda: {"value": 6.0, "runs": 5})
    for rec in (err, skip, good):
        _check_record(rec)
    assert err["error"] == "ZeroDivisionError: boom"
    assert skip["skipped"] == "data.nothing is not written yet"
    assert good == {"name": "x.good", "value": 6.0, "unit": "x", "target": 5.0, "scale": "demo", "ok": True,
                    "runs": 5}


def test_require_tells_a_missing_module_from_a_missing_function():
    with pytest.raises(common.Missing, match="not written yet"):
        common.require("data.no_such_module_here")
    with pytest.raises(common.Missing, match="data.store.db.no_such_function"):
        common.require("data.store.db", "no_such_function")
    assert common.require("data.store.db", "connect") is not None


def test_pages_are_discovered_from_the_pages_dict(tmp_path):
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.py").write_text("")
    (tmp_path / "pages" / "c.py").write_text("")
    (tmp_path / "app.py").write_text(
        "import streamlit as st\n"
        "PAGES = {'s1': [('pages/a.py', 't.a', 'alpha', 'i'), ('pages/b.py', 't.b', 'beta', 'i')],\n"
        "         's2': [('pages/c.py', 't.c', 'gamma', 'i')]}\n")
    # b.py does not exist yet: skipped; menu order kept
    assert pages.discover_pages(tmp_path / "app.py") == [("pages/a.py", "alpha"), ("pages/c.py", "gamma")]


def test_tiny_run_prints_one_json_line_per_figure(tmp_path):
    out = io.StringIO()
    assert bench_main.main(["--scale", "demo", "--only", "build", "--runs", "1", "--out", str(tmp_path)],
                           stream=out) == 0
    lines = out.getvalue().splitlines()
    assert len(lines) == 1
    rec = json.loads(lines[0])
    _check_record(rec)
    assert rec["name"] == "build.db_init" and rec["unit"] == "s" and rec["scale"] == "demo"
    assert rec["runs"] == 1 and rec["target"] == 120.0
    # the build is kept as the benchmark database, recognised as current
    assert common.db_is_current(tmp_path / "demo.duckdb", "demo", 20151)[0]


def test_unknown_group_is_refused():
    with pytest.raises(SystemExit):
        bench_main.parse_args(["--only", "build,nonsense"])


def test_pandas_baseline_on_a_hand_worked_case():
    lib = pd.DataFrame({
        "activity": ["electricity_kwh", "electricity_kwh", "diesel_onroad_l"],
        "unit": ["kWh", "kWh", "L"],
        "co2": [None, None, None], "ch4": [None, None, None], "n2o": [None, None, None],
        "ch4_fossil": [None, None, None], "ghg_gas": [None, None, None], "ghg_kg": [None, None, None],
        "kgco2e_per_unit": [0.5, 0.4, 2.7], "gwp_set": ["AR5"] * 3, "cfo_scope": [2, 2, 1],
        "valid_from": ["2000-01-01", "2021-01-01", "2000-01-01"], "valid_to": ["2020-12-31", None, None]})
    gwp = pd.DataFrame({"gwp_set": ["AR5"] * 4, "gas": ["CO2", "CH4", "CH4_fossil", "N2O"],
                        "value": [1.0, 28.0, 30.0, 265.0]})
    act = pd.DataFrame({
        "municipality_code": ["M1"] * 7,
        "year": [2019, 2019, 2020, 2020, 2021, 2021, 2021],
        "activity": ["electricity_kwh", "diesel_onroad_l"] * 3 + ["electricity_kwh"],
        "amount": [12_000.0, 1_000.0, 10_000.0, 1_000.0, 10_000.0, 1_000.0, 5.0],
        "unit": ["kWh", "L", "kWh", "L", "kWh", "L", "MWh"]})   # the MWh row matches no factor unit
    muni = pd.DataFrame({"code": ["M1"], "base_year": [2020]})
    out = baseline.network_cfo(act, lib, gwp, muni).set_index("year")
    # 2020: 10,000 kWh x 0.5 kg / 1000 = 5.0 t (scope 2) + 1,000 L x 2.7 / 1000 = 2.7 t (scope 1) = 7.7 t
    # 2021: 10,000 x 0.4 / 1000 = 4.0 t (the factor valid from 2021) + 2.7 t = 6.7 t
    # reduction 2021 = (7.7 - 6.7) / 7.7 x 100 = 12.987 -> 12.99 %, >= 5 % -> award
    assert out.loc[2020, "scope2"] == pytest.approx(5.0) and out.loc[2020, "scope1"] == pytest.approx(2.7)
    assert out.loc[2021, "total"] == pytest.approx(6.7)
    assert out.loc[2021, "reduction_pct"] == pytest.approx(12.99)
    assert bool(out.loc[2021, "award_eligible"]) is True
    assert out.loc[2020, "reduction_pct"] == pytest.approx(0.0)
    # 2019 is before the base year: 12,000 x 0.5 / 1000 + 2.7 = 8.7 t, but no reduction is computed
    assert out.loc[2019, "total"] == pytest.approx(8.7)
    assert pd.isna(out.loc[2019, "reduction_pct"])


def test_waits_group_prints_its_four_figures_on_the_demo_database(tmp_path):
    """The in-process waits (report PDF/Excel, check and save of a 1,000-row file) measure something real on
    the demo database: well-formed lines, no error, the rows the file holds."""
    out = io.StringIO()
    assert bench_main.main(["--scale", "demo", "--only", "waits", "--runs", "1", "--quick", "--out", str(tmp_path)],
                           stream=out) == 0
    recs = {r["name"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert set(recs) == {"report.pdf_s", "report.xlsx_s", "import.check_1000_rows_s", "import.save_1000_rows_s"}
    for rec in recs.values():
        _check_record(rec)
        assert rec["value"] is not None, rec
    assert recs["report.pdf_s"]["bytes"] > 0 and recs["report.pdf_s"]["target"] == 3.0
    assert recs["import.check_1000_rows_s"]["rows"] == 1000 and recs["import.save_1000_rows_s"]["rows"] == 1000


def test_browser_group_is_left_out_on_request():
    groups = lambda *argv: bench_main.selected_groups(bench_main.parse_args(list(argv)))  # noqa: E731
    assert groups() == set(bench_main.GROUPS) and "browser" in groups()
    assert groups("--no-browser") == set(bench_main.GROUPS) - {"browser"}
    assert groups("--only", "waits,browser", "--no-browser") == {"waits"}
    assert groups("--only", "browser", "--no-browser") == set()


def test_capacity_level_p95_and_verdict():
    from bench.capacity import Level

    level = Level(clients=3, times=[0.1 * i for i in range(1, 21)], seconds=10.0, sessions=3)
    s = level.summary()
    # 20 runs of 0.1 .. 2.0 s: p95 is the value at index round(0.95 x 19) = 18 -> 1.9 s; 20 runs / 10 s = 2.0/s
    assert s["p95_s"] == pytest.approx(1.9) and s["runs_per_s"] == 2.0 and s["p50_s"] == pytest.approx(1.05)
    assert level.holds()
    assert not Level(clients=3, times=[4.0] * 20, seconds=10.0).holds()          # p95 4 s > 3 s
    assert not Level(clients=3, times=[0.1], errors=["boom"], seconds=1.0).holds()
