"""The summary JSON contract, the network table, drill-downs and ``python -m data summary``.

The database is the hand-built one of test_emissions.py; its arithmetic is written out there.
"""
from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from data.store import db
from data.figures import scores
from data.figures import inventories
from data.figures import summary
from tests.helpers.hand_db import LANDFILL_2022, LANDFILL_2024, build_hand_db

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def hand(tmp_path_factory):
    """A read-only connection to the hand-built database (as the app and the CLI open it) and its path."""
    path = tmp_path_factory.mktemp("summary") / "hand.duckdb"
    build_hand_db(path).close()
    con = db.connect(path, read_only=True)
    yield con, path
    con.close()


def test_summary_json_of_the_hand_built_database(hand):
    con, _ = hand
    got = summary.municipality_summary(con, "T1", 2024)
    basic = round(49.99 + 27.406 + LANDFILL_2024 + 12.264, 3)                 # 1,565.995
    expected = {
        "municipality": "T1", "year": 2024,
        "cfo": {"scope1": 9.219, "scope2": 1.5, "scope3": 8.894, "total": 19.613},   # 9.21895, 1.4997, 8.8944
        "ccf": {"basic": basic,
                "basic_plus": round(basic + 2.9994 + 2.0374 + 13.16, 3),           # 1,584.192
                "by_sector": {"I": 52.989, "II": 29.443, "III": round(LANDFILL_2024 + 12.264, 3), "IV": None,
                              "V": 13.16}},
        "base_year": 2023,
        "base_total": 21.925,                      # 8,000 L x 2.7406 = 21.9248 t
        # like for like: the base year reports only "mobile" (diesel); 2024's other categories are new and left
        # out. Mobile 2024 = 2.7406 + 1.0187 = 3.7593 t -> (21.9248 - 3.7593) / 21.9248 x 100 = 82.853 -> 82.85
        # (the old rule compared all of 2024: 10.54 %); no factor changed, so all of it is activity
        "reduction_pct": 82.85,
        "award_eligible": True,
        "reduction": {"pct": 82.85, "comparable": True, "reasons": [], "missing": [],
                      "activity_effect_pct": 82.85, "factor_effect_pct": 0.0, "reason_codes": []},
        "per_capita": 0.001961,                    # 19.61305 / 10,000
        "wma": scores.wma_summary(con, "T1", 2024),
        "asi": scores.asi_summary(con, "T1", 2024),
    }
    assert got["ccf"]["basic"] == pytest.approx(expected["ccf"]["basic"], abs=2e-3)
    assert got["ccf"]["basic_plus"] == pytest.approx(expected["ccf"]["basic_plus"], abs=2e-3)
    assert got["ccf"]["by_sector"]["III"] == pytest.approx(expected["ccf"]["by_sector"]["III"], abs=2e-3)
    for k in ("basic", "basic_plus"):
        got["ccf"][k] = expected["ccf"][k]
    got["ccf"]["by_sector"]["III"] = expected["ccf"]["by_sector"]["III"]
    # BASIC rows with a figure: I.1.2, II.1.1, III.1.1, III.4.1; with a notation key: II.2.1 -> 27 of 32 missing
    missing = got["ccf"].pop("basic_missing")
    assert len(missing) == 27 and not {"I.1.2", "II.1.1", "III.1.1", "III.4.1", "II.2.1"} & set(missing)
    assert missing[:3] == ["I.1.1", "I.2.1", "I.2.2"]
    assert got == expected
    assert list(got) == ["municipality", "year", "cfo", "ccf", "base_year", "base_total", "reduction_pct",
                         "award_eligible", "reduction", "per_capita", "wma", "asi"]
    json.dumps(got)                                # plain JSON types only


def test_base_year_itself_and_years_before_it(hand):
    con, _ = hand
    base = summary.municipality_summary(con, "T1", 2023)
    assert base["cfo"]["total"] == 21.925 and base["reduction_pct"] == 0.0 and base["award_eligible"] is False
    before = summary.municipality_summary(con, "T1", 2022)
    assert before["cfo"] == {"scope1": None, "scope2": None, "scope3": None, "total": None}
    assert before["reduction_pct"] is None and before["award_eligible"] is None
    assert before["base_year"] == 2023 and before["base_total"] == 21.925


def test_municipality_without_base_year_has_null_reduction(hand):
    con, _ = hand
    s = summary.municipality_summary(con, "T2", 2024)
    assert s["cfo"] == {"scope1": None, "scope2": 1.0, "scope3": None, "total": 1.0}    # 2,000 x 0.4999 = 0.9998
    assert s["base_year"] is None and s["base_total"] is None
    assert s["reduction_pct"] is None and s["award_eligible"] is None
    assert s["per_capita"] == 0.0002                                                      # 0.9998 / 5,000
    assert s["ccf"]["basic"] is None and s["ccf"]["by_sector"] == {k: None for k in ["I", "II", "III", "IV", "V"]}


def test_missing_cfo_is_null_never_zero(hand):
    con, _ = hand
    s = summary.municipality_summary(con, "T3", 2024)
    assert s["cfo"]["total"] is None and s["per_capita"] is None
    assert s["base_year"] == 2020 and s["base_total"] is None and s["reduction_pct"] is None
    assert s["ccf"]["basic"] == 2.741                                                     # 1,000 L x 2.7406
    assert summary.municipality_summary(con, "T1", 2031)["cfo"]["total"] is None


def test_unknown_municipality_is_refused(hand):
    con, _ = hand
    with pytest.raises(inventories.UnknownMunicipality) as err:
        summary.municipality_summary(con, "NOPE", 2024)
    assert "NOPE" in err.value.message_en and "NOPE" in err.value.message_th


def test_network_summary_has_every_municipality_year(hand):
    con, _ = hand
    net = inventories.network_summary(con)
    assert list(net.columns) == inventories.NETWORK_COLUMNS
    assert len(net) == 3 * 3                      # T1, T2, T3 x years with data 2022-2024
    t1 = net[(net["code"] == "T1") & (net["year"] == 2024)].iloc[0]
    assert t1["cfo_total"] == pytest.approx(19.61305)
    assert t1["ccf_basic_plus"] == pytest.approx(1584.1918, abs=1e-3)
    assert t1["reduction_pct"] == 82.85 and bool(t1["award_eligible"]) is True   # like for like (see above)
    assert bool(t1["reduction_comparable"]) and t1["reduction_t"] == pytest.approx(18.1655)  # 21.9248 - 3.7593
    assert t1["per_capita"] == pytest.approx(0.001961305)
    # scopes 1+2 per person: (9.21895 + 1.4997) / 10,000; landfill (CFO waste) 7.933 / 10,000 shown apart
    assert t1["per_capita_s12"] == pytest.approx(0.001071865) and t1["landfill_per_capita"] == pytest.approx(7.933e-4)
    assert t1["basic_missing_n"] == 27
    assert t1["per_area"] == pytest.approx(0.9806525)                  # 19.61305 / 20 km2
    t2 = net[net["code"] == "T2"]
    assert t2["reduction_pct"].isna().all() and t2["award_eligible"].isna().all()
    assert (t2["reduction_reasons"] == "no_base_year").all() and not t2["reduction_comparable"].any()
    one_year = inventories.network_summary(con, year=2024)
    assert sorted(one_year["code"]) == ["T1", "T2", "T3"]
    pd.testing.assert_frame_equal(one_year.reset_index(drop=True),
                                  net[net["year"] == 2024].reset_index(drop=True))


def test_ccf_table_lists_every_gpc_row_with_levels_notation_and_quality(hand):
    con, _ = hand
    table = inventories.ccf_table(con, "T1", 2024).set_index("gpc_ref")
    assert len(table) == 53
    assert table.index[0] == "I.1.1" and table.index[-1] == "VI.1"
    assert table.loc["I.4.4", "tco2e"] == pytest.approx(13.539)
    assert not table.loc["I.4.4", "in_basic"] and not table.loc["I.4.4", "in_basic_plus"]
    assert not table.loc["I.1.3", "in_basic"] and table.loc["I.1.3", "in_basic_plus"]
    assert table.loc["II.2.1", "notation_key"] == "NO"
    assert table.loc["II.2.1", "notation_en"] == "Not occurring"
    assert "railway" in table.loc["II.2.1", "explanation"]
    assert table.loc["I.1.3", "data_quality"] == "L"
    assert table.loc["III.1.1", "method"] == "fod"
    assert table.loc["III.1.1", "data_quality"] == "M"
    assert pd.isna(table.loc["I.3.1", "tco2e"])
    assert table.loc[table["in_basic"], "tco2e"].sum() == pytest.approx(1565.995, abs=1e-3)


def test_activity_emissions_drill_down(hand):
    con, _ = hand
    rows = inventories.activity_emissions(con, "T1", 2024)
    cfo = rows[rows["inventory"] == "CFO"]
    assert len(cfo) == 12 and cfo["tco2e"].sum() == pytest.approx(19.61305)
    assert set(cfo["scope"]) == {1, 2, 3}
    assert set(cfo["category"]) <= {"stationary", "mobile", "fugitive", "wastewater", "electricity", "water",
                                    "paper", "waste"}
    ccf = rows[rows["inventory"] == "CCF"].set_index("gpc_ref")
    assert ccf.loc["I.4.4", "level"] == "T" and ccf.loc["I.1.3", "scope"] == 3
    assert ccf.loc["III.1.1", "status"] == "landfill_model" and pd.isna(ccf.loc["III.1.1", "tco2e"])
    assert ccf.loc["III.1.1", "factor_id"] == "IPCC2006-FOD"
    commit = inventories.activity_emissions(con, "T1", 2024, landfill_method="commitment")
    row = commit[(commit["inventory"] == "CCF") & (commit["gpc_ref"] == "III.1.1")].iloc[0]
    assert row["tco2e"] == pytest.approx(1555.867, abs=1e-2)       # 55.5667 t CH4 x 28
    assert len(inventories.activity_emissions(con, "T1", 2024, inventory="CFO")) == 12


def test_cfo_table_landfill_table_quality_and_outlook(hand):
    con, _ = hand
    cfo = inventories.cfo_table(con, "T1", 2024).set_index(["scope", "category"])
    assert cfo.loc[(2, "electricity"), "tco2e"] == pytest.approx(1.4997)
    land = inventories.landfill_table(con, "T1").set_index("year")
    # 2022, the first record, rests on 50 years of estimated history (flagged)
    assert land.loc[2022, "tco2e"] == pytest.approx(LANDFILL_2022, abs=1e-3)
    assert land.loc[2024, "tco2e"] == pytest.approx(LANDFILL_2024, abs=1e-3)
    assert (land["estimated_history_years"] == 50).all()
    shares = inventories.ccf_quality(con, "T1", 2024)
    assert sum(shares.values()) == pytest.approx(1.0)
    out = inventories.target_outlook(con, "T1")
    assert out["base_year"] == 2023 and out["base_total"] == pytest.approx(21.9248)
    assert out["target_total"] == pytest.approx(20.82856)          # 21.9248 x 0.95
    # the latest year (19.613 t) is already below the target (20.829 t): "target met", no path rising to it;
    # the BAU has no pre-base year and no population series: flat at the base-year total
    assert out["latest_year"] == 2024 and out["target_met"] is True and out["trajectory"].empty
    assert (out["bau"]["method"] == "flat_no_trend").all() and out["bau"]["bau_t"].iloc[-1] == pytest.approx(21.9248)
    assert inventories.target_outlook(con, "T2")["base_year"] is None


def test_cli_summary_json(hand):
    from data.cli import main

    con, path = hand
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert main(["summary", "--db", str(path), "--municipality", "T1", "--year", "2567", "--json"]) == 0
    got = json.loads(buf.getvalue())
    assert got["year"] == 2024                                     # 2567 BE = 2024 CE
    assert got == json.loads(json.dumps(summary.municipality_summary(con, "T1", 2024)))


def test_cli_summary_unknown_code_exits_2_naming_it(hand, tmp_path):
    _, path = hand
    res = subprocess.run([sys.executable, "-m", "data", "summary", "--db", str(path), "--municipality", "ZZ99",
                          "--year", "2024", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert res.returncode == 2
    assert "ZZ99" in res.stderr and "Unknown municipality" in res.stderr and "ไม่พบรหัส" in res.stderr
    assert res.stdout == ""


def test_basic_missing_from_the_stored_row_equals_the_computed_list(tmp_path):
    """The summary answers ``ccf.basic_missing`` from the stored network row when its count settles it (none
    missing -> [], no city inventory -> None) and computes the list otherwise: the same answer every year."""
    from data.figures import freshness, reductions, refresh

    con = build_hand_db(tmp_path / "hand.duckdb")
    with db.transaction(con):
        refresh.stored_figures(con)
    stored = freshness.current(con)
    assert stored is not None
    seen = set()
    for code in ("T1", "T2", "T3"):
        frame = inventories.summary_frame(con, code, None, stored=stored)
        for year in range(2018, 2027):
            row = frame[frame["year"] == year]
            r = row.iloc[0] if len(row) else None
            got = summary._basic_missing(con, code, year, r)
            assert got == reductions.basic_missing(con, code, year), (code, year)
            seen.add("none" if got is None else "empty" if got == [] else "list")
    # both the stored answer (no city inventory) and the computed list were exercised
    assert {"none", "list"} <= seen
    # a stored count of 0 settles it without computing: nothing is missing
    assert summary._basic_missing(con, "no-such-code", 2024, {"basic_missing_n": 0}) == []
    con.close()
