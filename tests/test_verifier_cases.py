"""The cases of issue 13 as a verifier would try them: small files imported through the importer, the summary
JSON read back, each figure worked out by hand in the comments.

Factors (data/reference/emission_factors.csv, AR5): grid electricity 0.4999 kgCO2e/kWh to 2025 and 0.4750 from
2026; diesel on-road 2.7406 kgCO2e/L; MSW to landfill (CFO, scope 3) 0.7933 kgCO2e/kg.
"""
from __future__ import annotations

import pytest

from data.figures import inventories, summary
from data.store import db, reference
from data.write import importer
from data.write.initialise import init_database
from indicators import emissions as em

MUNI_HEADER = "code,name_th,name_en,type,province_code,population,area_km2,base_year"


def _db(tmp_path, munis: list[str], activities: list[str], indicators: list[str] | None = None,
        scorecard: list[str] | None = None):
    path = tmp_path / "case.duckdb"
    init_database(path)
    con = db.connect(path)
    files = [("municipalities", MUNI_HEADER, munis),
             ("activities", "municipality_code,year,inventory,activity,amount,unit,month,gpc_ref", activities)]
    if indicators:
        files.append(("indicators", "municipality_code,year,indicator_code,value", indicators))
    if scorecard:
        files.append(("scorecard", "municipality_code,year,level,essential,question,score", scorecard))
    for kind, header, lines in files:
        f = tmp_path / f"{kind}.csv"
        f.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
        res = importer.import_file(con, f, f.name, kind)
        assert not res.problems, [p.message_en for p in res.problems]
    return con


def test_leaving_out_the_landfill_row_is_not_a_93_percent_cut(tmp_path):
    # base 2020: 120,000 kWh x 0.4999 = 59.988 t; 20,000 L diesel x 2.7406 = 54.812 t;
    #   2,000 t landfilled = 2,000,000 kg x 0.7933 = 1,586.6 t -> 1,701.4 t
    # 2021: the same without the landfill row -> 114.8 t. The old rule: (1,701.4 - 114.8) / 1,701.4 = 93.25 %
    # and the award. Now: "waste" is missing -> not comparable, award null; over the two categories both years
    # report (114.8 t both years) the reduction is 0.00 %.
    rows = []
    for y in (2020, 2021):
        rows += [f"9100001,{y},CFO,electricity_kwh,120000,kWh,,", f"9100001,{y},CFO,diesel_onroad_l,20000,L,,"]
    rows.append("9100001,2020,CFO,msw_landfill_kg,2000000,kg,,")
    con = _db(tmp_path, ["9100001,เทศบาลกรณีหนึ่ง,Case One,mueang,50,10000,10,2020"], rows)
    s = summary.municipality_summary(con, "9100001", 2021)
    assert s["base_total"] == 1701.4 and s["cfo"]["total"] == 114.8
    assert s["reduction"]["comparable"] is False and s["award_eligible"] is None
    assert s["reduction"]["missing"] == ["waste"]
    assert s["reduction"]["reasons"] == ["waste: reported in base year 2020, not in 2021"]
    assert s["reduction_pct"] == 0.0 == s["reduction"]["pct"]
    con.close()


def test_eleven_months_against_twelve(tmp_path):
    # 12 x 10,000 kWh in 2020, months 1-11 in 2021: the old rule gave (120,000 - 110,000) / 120,000 = 8.33 %
    # and the award. Now: month 12 missing -> not comparable; over months 1-11 the reduction is 0.00 %.
    rows = [f"9100002,2020,CFO,electricity_kwh,10000,kWh,{m}," for m in range(1, 13)]
    rows += [f"9100002,2021,CFO,electricity_kwh,10000,kWh,{m}," for m in range(1, 12)]
    con = _db(tmp_path, ["9100002,เทศบาลกรณีสอง,Case Two,mueang,50,10000,10,2020"], rows)
    s = summary.municipality_summary(con, "9100002", 2021)
    assert s["reduction"]["comparable"] is False and s["award_eligible"] is None
    assert s["reduction"]["missing"] == ["electricity:12"] and s["reduction_pct"] == 0.0
    con.close()


def test_the_grid_factor_alone_earns_no_award(tmp_path):
    # 2025: 1,000,000 kWh x 0.4999 = 499.9 t; 2026: 999,700 kWh x 0.4750 = 474.8575 t
    # reduction (499.9 - 474.8575) / 499.9 = 5.0095 -> 5.01 % (the old rule: the award)
    # activity effect at the 2025 factor: 999,700 x 0.4999 = 499.75003 t -> (499.9 - 499.75003) / 499.9 = 0.03 %
    # factor effect 5.01 - 0.03 = 4.98 % -> award false (0.03 < 5.00)
    rows = ["9100003,2025,CFO,electricity_kwh,1000000,kWh,,", "9100003,2026,CFO,electricity_kwh,999700,kWh,,"]
    con = _db(tmp_path, ["9100003,เทศบาลกรณีสาม,Case Three,mueang,50,10000,10,2025"], rows)
    s = summary.municipality_summary(con, "9100003", 2026)
    assert s["reduction"] == {"pct": 5.01, "comparable": True, "reasons": [], "missing": [],
                              "activity_effect_pct": 0.03, "factor_effect_pct": 4.98, "reason_codes": []}
    assert s["reduction_pct"] == 5.01 and s["award_eligible"] is False
    con.close()


def test_one_of_47_undrr_answers_and_one_cell_of_twelve(tmp_path):
    # one preliminary question answered 3/3 = 100 % of what was answered, coverage 1/47 = 0.02 < 0.5 ->
    # no rs_undrr_score (it would have made resilience cell 2 = 100). Evidence left: LED share 100 % (LC3,
    # weight 1 of 3) and the computed CFO per person (LC2, weight 1 of 4): 2 cells of 12.
    # confidence: LC theme (0 + 1/4 + 1/3 + 0) / 4 = 0.1458; overall 0.1458 / 3 = 0.0486 -> 0.05 < 0.5:
    # no index (the old rule showed 100 from these cells)
    con = _db(tmp_path, ["9100004,เทศบาลกรณีสี่,Case Four,mueang,50,10000,10,"],
              ["9100004,2024,CFO,electricity_kwh,1000,kWh,,"],
              indicators=["9100004,2024,lc_led_streetlight_pct,100"],
              scorecard=["9100004,2024,preliminary,1,P1.1,3"])
    s = summary.municipality_summary(con, "9100004", 2024)
    assert s["wma"]["overall"] is None and s["wma"]["resilience"]["2"] is None
    assert s["wma"]["low_carbon"]["3"] == 100.0 and s["wma"]["cells_with_evidence"] == 2
    assert s["wma"]["confidence"] == 0.05
    con.close()


@pytest.mark.parametrize("value, col", [("7", "value"), ("250", "value"), ("-40", "value")])
def test_indicator_values_out_of_range_are_rejected(tmp_path, value, col):
    # a yes/no of 7, 250 % of households, -40 % of the budget: exit 2 with file, row and column
    code = {"7": "rs_drr_plan_adopted", "250": "rs_early_warning_coverage_pct",
            "-40": "lc_climate_budget_pct"}[value]
    path = tmp_path / "db.duckdb"
    init_database(path)
    con = db.connect(path)
    m = tmp_path / "m.csv"
    m.write_text(MUNI_HEADER + "\n9100005,เทศบาลกรณีห้า,Case Five,mueang,50,10000,10,\n", encoding="utf-8")
    assert not importer.import_file(con, m, m.name, "municipalities").problems
    f = tmp_path / "ind.csv"
    f.write_text(f"municipality_code,year,indicator_code,value\n9100005,2024,{code},{value}\n", encoding="utf-8")
    res = importer.import_file(con, f, f.name, "indicators")
    assert res.problems and res.batch_id is None
    p = res.problems[0]
    assert p.row == 2 and p.column == col and p.file == "ind.csv"
    assert value in p.message_en and p.message_th
    assert con.execute("SELECT count(*) FROM indicator_value").fetchone()[0] == 0
    con.close()


def test_constant_landfill_gives_a_steady_sector_iii(tmp_path):
    # 1,500 t (1,500,000 kg) landfilled in the city's own site (III.1.1) every year 2015-2025. With 50 years of
    # estimated history before 2015 sector III is there from 2015: 78.72 t CH4 x 28 = 2,204.2 tCO2e, and
    # 2025 is 80.27 t x 28 = 2,247.7 tCO2e (+2.0 %). The issue saw null, 374, 646, 848 ... without history.
    rows = [f"9100006,{y},CCF,msw_landfill_kg,1500000,kg,,III.1.1" for y in range(2015, 2026)]
    con = _db(tmp_path, ["9100006,เทศบาลกรณีหก,Case Six,mueang,50,10000,10,"], rows)
    iii = [summary.municipality_summary(con, "9100006", y)["ccf"]["by_sector"]["III"] for y in range(2015, 2026)]
    assert None not in iii
    assert iii[0] == pytest.approx(78.72 * 28, rel=1e-3) and iii[-1] == pytest.approx(80.27 * 28, rel=1e-3)
    assert max(iii) / min(iii) - 1 < 0.03
    table = inventories.landfill_table(con, "9100006")
    assert (table["estimated_history_years"] == 50).all()
    con.close()


def test_basic_missing_lists_rows_without_figure_or_key(tmp_path):
    # a city inventory with only residential grid electricity (I.1.2): 31 of the 32 BASIC rows have neither a
    # figure nor a notation key; the JSON lists them in GPC order, starting I.1.1, I.2.1, ...
    con = _db(tmp_path, ["9100007,เทศบาลกรณีเจ็ด,Case Seven,mueang,50,10000,10,"],
              ["9100007,2024,CCF,electricity_kwh,100000,kWh,,I.1.2"])
    s = summary.municipality_summary(con, "9100007", 2024)
    refs = reference.read_reference_csv("gpc_refs.csv")
    basic = refs[refs["reporting_level"] == "B"]["gpc_ref"].tolist()
    assert len(basic) == 32
    assert s["ccf"]["basic_missing"] == sorted([r for r in basic if r != "I.1.2"], key=em.gpc_order)
    assert s["ccf"]["basic_missing"][:2] == ["I.1.1", "I.2.1"]
    # no city inventory in 2023 -> null, not []
    assert summary.municipality_summary(con, "9100007", 2023)["ccf"]["basic_missing"] is None
    con.close()


def test_per_person_uses_the_population_of_the_year(tmp_path):
    # 2024: 100,000 kWh x 0.4999 = 49.99 t; population imported for 2024 = 9,998 -> 0.005 t/person
    # (the municipality's single figure 10,000 would give 0.004999)
    con = _db(tmp_path, ["9100008,เทศบาลกรณีแปด,Case Eight,mueang,50,10000,10,"],
              ["9100008,2024,CFO,electricity_kwh,100000,kWh,,"],
              indicators=["9100008,2024,population,9998"])
    s = summary.municipality_summary(con, "9100008", 2024)
    assert s["per_capita"] == 0.005
    con.close()
