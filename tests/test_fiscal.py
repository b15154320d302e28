"""Fiscal year (ปีงบประมาณ, 1 Oct – 30 Sep) against sums worked out by hand."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from indicators import fiscal

ROOT = Path(__file__).resolve().parents[1]
GOOD = ROOT / "tests" / "good_files"
CODE = "1401101"        # base year พ.ศ. 2559 = 2016 in the good municipalities file


def test_fiscal_year_of_a_month():
    assert fiscal.fiscal_year(2023, 10) == 2024 and fiscal.fiscal_year(2023, 12) == 2024
    assert fiscal.fiscal_year(2024, 9) == 2024 and fiscal.fiscal_year(2024, 1) == 2024
    assert fiscal.fiscal_months(2024)[0] == (2023, 10) and fiscal.fiscal_months(2024)[-1] == (2024, 9)


def test_cfo_by_period_needs_all_twelve_months():
    rows = pd.DataFrame({"year": [2023] * 12 + [2024] * 12, "month": list(range(1, 13)) * 2,
                         "scope": [2] * 24, "tco2e": [1.0] * 12 + [2.0] * 12})
    r = fiscal.cfo_by_period(rows, 2024)
    assert r["total"] == 3 * 1.0 + 9 * 2.0 == r["scope2"] and r["months"] == 12 and r["reason"] is None
    short = fiscal.cfo_by_period(rows[~((rows["year"] == 2023) & (rows["month"] == 11))], 2024)
    assert short["total"] is None and short["missing_months"] == ["2023-11"] and short["reason"] == "missing_months"
    annual = pd.concat([rows, pd.DataFrame({"year": [2024], "month": [None], "scope": [1], "tco2e": [5.0]})])
    assert fiscal.cfo_by_period(annual, 2024)["reason"] == "annual_rows"


@pytest.fixture(scope="module")
def monthly_db(tmp_path_factory):
    """A real database: the good-file municipalities and grid electricity for 1401101, monthly, 2015–2016
    (its base year 2016 as fiscal year needs Oct–Dec 2015) and 2023–2024: 1,000 kWh a month in 2015 and 2023,
    2,000 kWh a month in 2016 and 2024."""
    tmp = tmp_path_factory.mktemp("fiscal")
    db_path = tmp / "fiscal.duckdb"
    csv = tmp / "electricity.csv"
    lines = ["municipality_code,year,month,inventory,activity,amount,unit"]
    for year, kwh in ((2015, 1000), (2016, 2000), (2023, 1000), (2024, 2000)):
        lines += [f"{CODE},{year},{m},CFO,electricity_kwh,{kwh},kWh" for m in range(1, 13)]
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def cli(*args):
        done = subprocess.run([sys.executable, "-m", "data", *args, "--db", str(db_path)], cwd=ROOT,
                              capture_output=True, text=True)
        assert done.returncode == 0, done.stderr
        return done.stdout

    cli("init")
    cli("import", str(GOOD / "municipalities.csv"), "--kind", "municipalities")
    cli("import", str(csv), "--kind", "activities")
    return db_path, cli


def test_summary_period_fiscal_against_a_hand_worked_sum(monthly_db):
    _, cli = monthly_db
    fiscal_s = json.loads(cli("summary", "--municipality", CODE, "--year", "2024", "--json", "--period", "fiscal"))
    calendar_s = json.loads(cli("summary", "--municipality", CODE, "--year", "2024", "--json"))
    # ปีงบประมาณ 2567 (FY2024) = Oct–Dec 2023 + Jan–Sep 2024 = 3 x 1,000 + 9 x 2,000 = 21,000 kWh
    # x 0.4999 kgCO2e/kWh (TGO grid factor valid to 31 Dec 2025) = 10,497.9 kg = 10.4979 t
    assert fiscal_s["period"] == "fiscal"
    assert fiscal_s["cfo"]["scope2"] == pytest.approx(10.498, abs=1e-3)
    assert fiscal_s["cfo"]["total"] == pytest.approx(10.498, abs=1e-3)
    # calendar 2024 = 12 x 2,000 = 24,000 kWh x 0.4999 = 11.9976 t
    assert calendar_s["cfo"]["total"] == pytest.approx(11.998, abs=1e-3)
    # base year 2016 as a fiscal year: Oct–Dec 2015 + Jan–Sep 2016 = 21,000 kWh too -> 10.4979 t, so 0 % cut
    assert fiscal_s["base_total"] == pytest.approx(10.498, abs=1e-3)
    assert fiscal_s["reduction_pct"] == 0.0 and fiscal_s["award_eligible"] is False
    assert fiscal_s["ccf"]["basic"] is None and fiscal_s["fiscal"]["ccf"] == "annual_only"


def test_fiscal_year_without_its_october_is_null_with_the_reason(monthly_db):
    _, cli = monthly_db
    # FY2023 needs Oct–Dec 2022, which has no rows
    s = json.loads(cli("summary", "--municipality", CODE, "--year", "2023", "--json", "--period", "fiscal"))
    assert s["cfo"]["total"] is None and s["reduction_pct"] is None
    assert s["fiscal"]["reason"] == "missing_months" and s["fiscal"]["missing_months"][:3] == \
        ["2022-10", "2022-11", "2022-12"]
