"""Like-for-like reduction: the cases of issue 13, each with its arithmetic (pure, no database)."""
from __future__ import annotations

import pandas as pd
import pytest

from indicators import like_for_like as lfl

GRID_OLD, GRID_NEW = 0.4999, 0.4750     # kgCO2e/kWh, TGO grid 2016-2018 (to 2025) / 2022-2024 (from 2026)
DIESEL = 2.7406                         # kgCO2e/L, diesel on-road
LANDFILL_CFO = 0.7933                   # kgCO2e/kg, MSW to sanitary landfill (CFO scope 3)
R22, R32 = 1760.0, 677.0                # kgCO2e/kg, AR5


def row(code, year, category, amount, factor, base_factor=None, month=None):
    base_factor = factor if base_factor is None else base_factor
    return {"code": code, "year": year, "category": category, "month": month,
            "tco2e": amount * factor / 1000.0, "tco2e_base_factors": amount * base_factor / 1000.0}


def frame(rows):
    df = pd.DataFrame(rows)
    df["month"] = df["month"].astype("Int64")
    return df


def table(rows, base_year, code="A"):
    return lfl.reduction_table(frame(rows), pd.DataFrame({"code": [code], "base_year": [base_year]}))


def test_leaving_the_landfill_row_out_is_not_comparable():
    # base 2020: electricity 120,000 kWh x 0.4999 = 59.988 t; diesel 20,000 L x 2.7406 = 54.812 t;
    #            landfill 2,000 t = 2,000,000 kg x 0.7933 = 1,586.6 t; total 1,701.4 t
    # 2021: the same without the landfill row. Old rule: (1,701.4 - 114.8) / 1,701.4 = 93.25 % and the award.
    # Like for like: "waste" is missing -> not comparable, no award; over electricity + mobile
    # (114.8 t both years) the reduction is 0.00 %.
    rows = [row("A", 2020, "electricity", 120_000, GRID_OLD), row("A", 2020, "mobile", 20_000, DIESEL),
            row("A", 2020, "waste", 2_000_000, LANDFILL_CFO),
            row("A", 2021, "electricity", 120_000, GRID_OLD), row("A", 2021, "mobile", 20_000, DIESEL)]
    t = table(rows, 2020).set_index("year").loc[2021]
    assert t["reduction_comparable"] is False or not bool(t["reduction_comparable"])
    assert t["reduction_pct"] == 0.0
    assert pd.isna(t["award_eligible"])
    assert t["reduction_missing"] == "waste"
    block = lfl.reduction_block(t, 2020, 2021)
    assert block["comparable"] is False and block["missing"] == ["waste"]
    assert block["reasons"] == ["waste: reported in base year 2020, not in 2021"]
    assert block["pct"] == 0.0 and block["activity_effect_pct"] == 0.0 and block["factor_effect_pct"] == 0.0


def test_eleven_months_against_twelve_is_not_comparable():
    # 12 x 10,000 kWh in 2020, the same 11 months in 2021 (December missing).
    # Old rule: 120,000 -> 110,000 kWh = 8.33 % and the award. Like for like: month 12 missing -> not
    # comparable; over months 1-11 both years have 110,000 kWh x 0.4999 = 54.989 t -> 0.00 %.
    rows = [row("A", 2020, "electricity", 10_000, GRID_OLD, month=m) for m in range(1, 13)]
    rows += [row("A", 2021, "electricity", 10_000, GRID_OLD, month=m) for m in range(1, 12)]
    t = table(rows, 2020).set_index("year").loc[2021]
    assert not bool(t["reduction_comparable"]) and pd.isna(t["award_eligible"])
    assert t["reduction_missing"] == "electricity:12"
    assert t["reduction_pct"] == 0.0
    eff = lfl.why_table(frame(rows), "A", 2020, 2021).iloc[0]
    assert eff["status"] == lfl.MONTHS_MISSING and eff["missing_months"] == [12]
    assert eff["base_t"] == pytest.approx(54.989) and eff["year_t"] == pytest.approx(54.989)
    block = lfl.reduction_block(t, 2020, 2021)
    assert block["reasons"] == ["electricity: months 12 of base year 2020 not reported in 2021"]


def test_grid_factor_change_alone_earns_no_award():
    # 2025: 1,000,000 kWh x 0.4999 = 499.9 t; 2026: 999,700 kWh x 0.4750 = 474.8575 t
    # reduction = (499.9 - 474.8575) / 499.9 x 100 = 5.0095 -> 5.01 % (the old rule gave the award)
    # activity effect (factor held at 0.4999): 999,700 x 0.4999 = 499.75003 t;
    #   (499.9 - 499.75003) / 499.9 x 100 = 0.0300 -> 0.03 %; factor effect = 5.01 - 0.03 = 4.98 %
    rows = [row("A", 2025, "electricity", 1_000_000, GRID_OLD),
            row("A", 2026, "electricity", 999_700, GRID_NEW, base_factor=GRID_OLD)]
    t = table(rows, 2025).set_index("year").loc[2026]
    assert bool(t["reduction_comparable"])
    assert t["reduction_pct"] == 5.01 and t["reduction_t"] == pytest.approx(25.0425)
    assert t["activity_effect_pct"] == 0.03
    assert t["factor_effect_pct"] == 4.98
    assert t["award_eligible"] == False  # noqa: E712 (nullable boolean)
    eff = lfl.why_table(frame(rows), "A", 2025, 2026).iloc[0]
    # change 474.8575 - 499.9 = -25.0425 t = activity -0.14997 t + factor -24.89253 t
    assert eff["change_t"] == pytest.approx(-25.0425)
    assert eff["activity_effect_t"] == pytest.approx(-0.14997)
    assert eff["factor_effect_t"] == pytest.approx(-24.89253)


def test_real_cut_earns_the_award_at_exactly_five_percent():
    # 1,000,000 -> 950,000 kWh at 0.4999 both years: (499.9 - 474.905) / 499.9 = 5.00 % from activity
    rows = [row("A", 2020, "electricity", 1_000_000, GRID_OLD), row("A", 2022, "electricity", 950_000, GRID_OLD)]
    t = table(rows, 2020).set_index("year").loc[2022]
    assert t["activity_effect_pct"] == 5.0 and t["factor_effect_pct"] == 0.0
    assert t["award_eligible"] == True  # noqa: E712


def test_refrigerant_switch_stays_in_one_category_and_is_comparable():
    # base 2019: 10 kg R-22 x 1,760 = 17.6 t; 2021: 10 kg R-32 x 677 = 6.77 t (same category "fugitive")
    # reduction (17.6 - 6.77) / 17.6 = 61.53 %; the R-32 factor is the same in 2019, so all of it is activity
    rows = [row("A", 2019, "fugitive", 10, R22), row("A", 2021, "fugitive", 10, R32)]
    t = table(rows, 2019).set_index("year").loc[2021]
    assert bool(t["reduction_comparable"])
    assert t["reduction_pct"] == 61.53 and t["activity_effect_pct"] == 61.53 and t["award_eligible"] == True  # noqa


def test_a_zero_row_is_a_report_of_zero():
    # base: electricity 100 t + paper 10 t; year: electricity 100 t + paper reported as 0 kg
    # paper is reported, so comparable; reduction = (110 - 100) / 110 = 9.09 %
    rows = [row("A", 2020, "electricity", 200_000, 0.5), row("A", 2020, "paper", 10_000, 1.0),
            row("A", 2021, "electricity", 200_000, 0.5), row("A", 2021, "paper", 0, 1.0)]
    t = table(rows, 2020).set_index("year").loc[2021]
    assert bool(t["reduction_comparable"]) and t["reduction_pct"] == 9.09


def test_a_new_category_is_left_out_and_stays_comparable():
    # base: electricity 100 t; year: electricity 90 t + paper 50 t (new) -> over electricity (100 - 90) / 100
    rows = [row("A", 2020, "electricity", 200_000, 0.5),
            row("A", 2021, "electricity", 180_000, 0.5), row("A", 2021, "paper", 50_000, 1.0)]
    t = table(rows, 2020).set_index("year").loc[2021]
    assert bool(t["reduction_comparable"]) and t["reduction_pct"] == 10.0
    eff = lfl.why_table(frame(rows), "A", 2020, 2021).set_index("category")
    assert eff.loc["paper", "status"] == lfl.NEW and pd.isna(eff.loc["paper", "base_t"])


def test_extra_months_this_year_are_left_out():
    # base: months 1-6 of 10,000 kWh; year: 12 months of 9,000 kWh -> compared over months 1-6:
    # (60,000 - 54,000) / 60,000 = 10.00 %, comparable
    rows = [row("A", 2020, "electricity", 10_000, 0.5, month=m) for m in range(1, 7)]
    rows += [row("A", 2021, "electricity", 9_000, 0.5, month=m) for m in range(1, 13)]
    t = table(rows, 2020).set_index("year").loc[2021]
    assert bool(t["reduction_comparable"]) and t["reduction_pct"] == 10.0


def test_annual_against_part_of_a_year_cannot_be_matched():
    # base: annual 120,000 kWh; year: 11 monthly rows -> the annual figure cannot be cut to 11 months
    rows = [row("A", 2020, "electricity", 120_000, 0.5)]
    rows += [row("A", 2021, "electricity", 10_000, 0.5, month=m) for m in range(1, 12)]
    t = table(rows, 2020).set_index("year").loc[2021]
    assert not bool(t["reduction_comparable"]) and t["reduction_reasons"] == "months_unmatched:electricity"
    # nothing else to compare: no figure
    assert pd.isna(t["reduction_pct"]) or t["reduction_reasons"]


def test_annual_against_twelve_months_is_comparable():
    # base annual 120,000 kWh = 12 months of 10,000 kWh this year -> 0.00 %
    rows = [row("A", 2020, "electricity", 120_000, 0.5)]
    rows += [row("A", 2021, "electricity", 10_000, 0.5, month=m) for m in range(1, 13)]
    t = table(rows, 2020).set_index("year").loc[2021]
    assert bool(t["reduction_comparable"]) and t["reduction_pct"] == 0.0


def test_general_reasons_without_a_figure():
    rows = [row("A", 2019, "electricity", 100_000, 0.5), row("A", 2021, "electricity", 90_000, 0.5)]
    pairs = pd.DataFrame({"code": ["A", "A", "A"], "year": [2019, 2021, 2022]})
    t = lfl.reduction_table(frame(rows), pd.DataFrame({"code": ["A"], "base_year": [2020]}), pairs)
    t = t.set_index("year")
    assert t.loc[2019, "reduction_reasons"] == lfl.BEFORE_BASE
    assert t.loc[2021, "reduction_reasons"] == lfl.NO_BASE_CFO
    assert t.loc[2022, "reduction_reasons"] == lfl.NO_BASE_CFO
    assert t["reduction_pct"].isna().all() and t["award_eligible"].isna().all()
    t2 = lfl.reduction_table(frame(rows), pd.DataFrame({"code": ["A"], "base_year": [None]}), pairs)
    assert (t2["reduction_reasons"] == lfl.NO_BASE_YEAR).all()
    t3 = lfl.reduction_table(frame(rows), pd.DataFrame({"code": ["A"], "base_year": [2019]}), pairs)
    assert t3.set_index("year").loc[2022, "reduction_reasons"] == lfl.NO_CFO
    assert lfl.reason_text(lfl.NO_CFO, 2019, 2022) == "no CFO in 2022"
    assert lfl.reason_text("missing_this_year:waste", 2019, 2022, templates={"missing_this_year": "{cat} {year}"},
                           category_name=str.upper, year_label=lambda y: str(y + 543)) == "WASTE 2565"


def test_base_year_itself_is_zero_and_comparable():
    rows = [row("A", 2020, "electricity", 100_000, 0.5)]
    t = table(rows, 2020).iloc[0]
    assert t["reduction_pct"] == 0.0 and bool(t["reduction_comparable"]) and t["award_eligible"] == False  # noqa


def test_many_municipalities_at_once_match_one_by_one():
    rows = [row("A", 2020, "electricity", 100_000, 0.5), row("A", 2021, "electricity", 90_000, 0.5),
            row("B", 2020, "electricity", 100_000, 0.5), row("B", 2020, "waste", 1000, 1.0),
            row("B", 2021, "electricity", 50_000, 0.5)]
    bases = pd.DataFrame({"code": ["A", "B"], "base_year": [2020, 2020]})
    both = lfl.reduction_table(frame(rows), bases).set_index(["code", "year"])
    # A: (50 - 45) / 50 = 10 %; B: waste missing, over electricity (50 - 25) / 50 = 50 %, not comparable
    assert both.loc[("A", 2021), "reduction_pct"] == 10.0 and bool(both.loc[("A", 2021), "reduction_comparable"])
    assert both.loc[("B", 2021), "reduction_pct"] == 50.0 and not bool(both.loc[("B", 2021), "reduction_comparable"])
    one = table([r for r in rows if r["code"] == "B"], 2020, "B").set_index("year")
    assert one.loc[2021, "reduction_pct"] == 50.0
