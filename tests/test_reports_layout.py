"""Pure parts of the reports: Thai word breaks, line wrapping, glyph coverage, table arithmetic, Excel safety."""
from __future__ import annotations

from datetime import datetime, timezone

import pandas as pd
import pytest

from reports import pdf as rpdf
from reports import xlsx as rxlsx
from reports.content import MunicipalityReport
from reports.labels import LABELS
from reports.pdf_base import FONT_DIR, ReportPDF
from reports.thai_text import ZWSP, break_thai, strip_breaks
from reports.xlsx_base import neutralise, safe_sheet_name


# --- Thai word breaks ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("ก๊าซเรือนกระจกลดลง", "ก๊าซเรือนกระจก|ลดลง"),
    ("เทศบาลตำบลภาชี", "เทศบาลตำบล|ภาชี"),
    # a domain word kept whole: without it the tokenizer cuts ฟุต|พ|ริ้น|ท์
    ("คาร์บอนฟุตพริ้นท์ขององค์กร", "คาร์บอนฟุตพริ้นท์|ของ|องค์กร"),
    ("ปีฐาน 2559", "ปีฐาน 2559"),        # a space is already a break
    ("Scope 1 total", "Scope 1 total"),  # no Thai: unchanged
])
def test_break_thai_marks_word_boundaries(text, expected):
    assert break_thai(text).replace(ZWSP, "|") == expected


def test_break_thai_never_separates_a_mark_from_its_base():
    text = "ที่นี่น้ำผู้ใหญ่ปั้มกี่ปี่ชั้นคาร์บอนฟุตพริ้นท์"
    out = break_thai(text)
    assert strip_breaks(out) == text
    marks = set("\u0e31\u0e33\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e47\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e30\u0e32\u0e45")
    for i, ch in enumerate(out):
        if ch == ZWSP:
            assert out[i + 1] not in marks


@pytest.fixture(scope="module")
def doc():
    d = ReportPDF(lang="th")
    d.add_page()
    return d


def test_wrap_fits_width_and_keeps_every_character(doc):
    text = ("คุณภาพข้อมูลกิจกรรมตาม GPC: H = ตรวจวัดหรือมิเตอร์ในพื้นที่ (เช่น ใบแจ้งหนี้ค่าไฟฟ้า), "
            "M = ข้อมูลบางส่วนหรือข้อมูลระดับภูมิภาค, L = ค่าเฉลี่ยระดับประเทศหรือการประมาณการ")
    lines = doc.wrap(text, 40.0, size=9)
    assert len(lines) > 3
    for line in lines:
        assert doc.text_width(line, True, False, 9) <= 40.0 + 1e-9
    # joining the lines gives the text back: breaks fall only on spaces or between words
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_breaks_thai_between_words_not_inside(doc):
    lines = doc.wrap("เทศบาลนครพระนครศรีอยุธยา", 25.0, size=10)
    # 25 mm holds "เทศบาลนคร" (the type) but not the whole name: the break falls after a word
    assert lines[0] == "เทศบาลนคร"
    assert "".join(lines) == "เทศบาลนครพระนครศรีอยุธยา"


def test_a_word_wider_than_the_column_is_cut_between_characters(doc):
    lines = doc.wrap("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 10.0, size=10)
    assert len(lines) > 1 and "".join(lines) == "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    assert all(doc.text_width(x, False, False, 10) <= 10.0 for x in lines)


def test_every_report_label_has_glyphs_in_the_fonts():
    from fontTools.ttLib import TTFont

    covered = set()
    for name in ("NotoSans-Regular.ttf", "NotoSansThai-Regular.ttf"):
        covered |= set(TTFont(FONT_DIR / name).getBestCmap())
    missing = {ch for pair in LABELS.values() for text in pair for ch in text
               if ord(ch) not in covered and ch not in "\n"}
    assert not missing, f"characters without a glyph: {sorted(missing)}"


# --- formatting and table arithmetic --------------------------------------------------------------------------------

def test_formatters():
    assert rpdf.fmt_t(5117.263) == "5,117.26"
    assert rpdf.fmt_t(None) == "—"
    assert rpdf.fmt_pct(29.61) == "29.61 %"
    assert rpdf.fmt_share(0.5196) == "52.0 %"  # 51.96 % rounded to one decimal
    assert rpdf.fmt_pct(29.61, lang="th") == "ร้อยละ 29.61"  # Thai documents write ร้อยละ before the number
    assert rpdf.fmt_share(0.5196, "th") == "ร้อยละ 52.0"
    # 10:47 UTC is 17:47 in Bangkok; 2026 + 543 = 2569
    assert rpdf.fmt_generated(datetime(2026, 12, 1, 10, 47, tzinfo=timezone.utc), "th") == \
        "1 ธันวาคม 2569 เวลา 17:47 น."
    assert rpdf.fmt_year(2024, "th") == "พ.ศ. 2567"
    assert rpdf.fmt_year(2024, "en") == "2024"
    assert rpdf.fmt_factor(0.4999) == "0.4999"
    assert rpdf.fmt_factor(2.0) == "2.0"
    assert rpdf.fmt_bool(True, "th") == "ผ่าน" and rpdf.fmt_bool(None, "en") == "—"


def tiny_report(**over) -> MunicipalityReport:
    """A hand-made report: CFO 100 t scope 1 (mobile 60 + stationary 40), 300 t scope 2, no scope 3."""
    summary = {"municipality": "X", "year": 2024,
               "cfo": {"scope1": 100.0, "scope2": 300.0, "scope3": None, "total": 400.0},
               "ccf": {"basic": None, "basic_plus": None, "by_sector": {s: None for s in ("I", "II", "III", "IV", "V")}},
               "base_year": 2020, "base_total": 500.0, "reduction_pct": 20.0, "award_eligible": True,
               "reduction": {"pct": 20.0, "comparable": True, "reasons": [], "missing": [],
                             "activity_effect_pct": 18.0, "factor_effect_pct": 2.0, "reason_codes": []},
               "per_capita": 0.04, "wma": None, "asi": None}
    fields = dict(
        code="X", year=2024, gwp_set="AR5", muni={"name_th": "เทศบาลทดสอบ", "name_en": "Test", "type": "tambon"},
        mentor=None, is_demo=True, generated=datetime(2026, 1, 1), summary=summary,
        cfo=pd.DataFrame({"scope": [1, 1, 2], "category": ["stationary", "mobile", "electricity"],
                          "tco2e": [40.0, 60.0, 300.0], "n_rows": [1, 1, 1]}),
        ccf=pd.DataFrame(), activity=pd.DataFrame(), factors=pd.DataFrame(), actions=pd.DataFrame(),
        # 2025 left its waste category out: not comparable (the 22 % over what both years report is not shown)
        trend=pd.DataFrame({"year": [2020, 2022, 2024, 2025], "cfo_total": [500.0, None, 400.0, 390.0],
                            "reduction_pct": [0.0, None, 20.0, 22.0], "award_eligible": [False, None, True, None],
                            "base_year": [2020] * 4, "reduction_t": [0.0, None, 100.0, 110.0],
                            "reduction_comparable": [True, False, True, False],
                            "activity_effect_pct": [0.0, None, 18.0, 22.0], "factor_effect_pct": [0.0, None, 2.0, 0.0],
                            "reduction_missing": ["", "", "", "waste"],
                            "reduction_reasons": ["", "no_cfo", "", "missing_this_year:waste"]}),
        wma_row=None, wma_explain=pd.DataFrame())
    fields.update(over)
    return MunicipalityReport(**fields)


def test_cfo_rows_shares_and_subtotals():
    rows, bold = rpdf.cfo_table_rows(tiny_report(), "en")
    # shares of the 400 t total: stationary 40/400 = 10.0 %, mobile 60/400 = 15.0 %, scope 1 100/400 = 25.0 %,
    # electricity 300/400 = 75.0 %; scope 3 has no data: its subtotal is '—', not 0
    assert rows == [
        ["Scope 1", "Stationary combustion", "40.00", "10.0 %"],
        ["Scope 1", "Mobile combustion", "60.00", "15.0 %"],
        ["Scope 1 subtotal", "", "100.00", "25.0 %"],
        ["Scope 2", "Purchased electricity", "300.00", "75.0 %"],
        ["Scope 2 subtotal", "", "300.00", "75.0 %"],
        ["Scope 3 subtotal", "", "—", "—"],
        ["Total", "", "400.00", "100.0 %"],
    ]
    assert bold == [2, 4, 5, 6]


def test_trend_rows_change_and_target():
    rows = rpdf.trend_rows(tiny_report(), "en")
    # base 500 t: target = 500 x 0.95 = 475.00; 2024: (400 - 500) / 500 x 100 = -20.00 %; 2025 is after the
    # reporting year and left out; 2022 has no CFO
    assert rows == [["2563", "2020", "500.00", "+0.00 %", "475.00"],
                    ["2565", "2022", "—", "—", "475.00"],
                    ["2567", "2024", "400.00", "-20.00 %", "475.00"]]


def test_less_records_reduction():
    r = tiny_report()
    recs = rxlsx.less_records(r.trend, 2020, 500.0, 2024)
    # reduction_t = 500 - 400 = 100 (like for like), 20 % = 18 % from actions + 2 % from the factor;
    # the year without a CFO keeps None, never 0, and says why
    assert [(x["year"], x["year_be"], x["current_total"], x["reduction_t"], x["reduction_pct"],
             x["activity_effect_pct"], x["factor_effect_pct"], x["award_eligible"]) for x in recs] == [
        (2020, 2563, 500.0, 0.0, 0.0, 0.0, 0.0, False), (2022, 2565, None, None, None, None, None, None),
        (2024, 2567, 400.0, 100.0, 20.0, 18.0, 2.0, True)]
    assert recs[1]["note"] == "no CFO in 2022" and recs[2]["note"] is None
    # 2025 is not comparable: no reduction figure (22 % would mislead), the reason instead
    later = rxlsx.less_records(r.trend, 2020, 500.0, 2025)[-1]
    assert later["reduction_pct"] is None and later["reduction_t"] is None and later["award_eligible"] is None
    assert later["note"] == "Waste: reported in base year 2020, not in 2025"
    assert rxlsx.less_records(r.trend, None, None, 2024) == []


def test_wma_table_shades_only_cells_with_scores():
    block = {"low_carbon": {"1": 100.0, "2": 0.0, "3": None, "4": 50.0}, "bike_walk": {}, "resilience": {},
             "overall": 50.0}
    rows, fills = rpdf.wma_table(block, {"low_carbon": 50.0}, "en")
    assert rows[0] == ["Low carbon", "100.0", "0.0", "—", "50.0", "50.0"]
    # 0 -> white; 100 -> 70 % of the way from white to (0, 158, 115): 255 - 0.7 x 255 = 76.5 -> 76 (banker's
    # rounding of 76.5), 255 - 0.7 x 97 = 187.1 -> 187, 255 - 0.7 x 140 = 157
    assert fills[(0, 2)] == (255, 255, 255)
    assert fills[(0, 1)] == (76, 187, 157)
    assert (0, 3) not in fills and (1, 1) not in fills


def test_summary_records_use_json_keys():
    recs = {r["key"]: r["value"] for r in rxlsx.summary_records(tiny_report(), "en")}
    assert recs["cfo.total"] == 400.0 and recs["cfo.scope3"] is None
    assert recs["base_year"] == 2020 and recs["base_year_be"] == 2563
    assert recs["reduction_pct"] == 20.0 and recs["award_eligible"] is True


# --- Excel safety -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("=1+1", "'=1+1"), ("+66 81", "'+66 81"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("เทศบาล", "เทศบาล"), ("5 %", "5 %"), ("", ""),
])
def test_neutralise_formula_triggers(text, expected):
    assert neutralise(text) == expected


def test_sheet_names_are_valid_and_unique():
    used: set[str] = set()
    a = safe_sheet_name("a/b:c*?[x]" + "y" * 40, used)
    b = safe_sheet_name("a/b:c*?[x]" + "y" * 40, used)
    assert len(a) <= 31 and len(b) <= 31 and a != b
    assert not set("[]:*?/\\") & set(a + b)
