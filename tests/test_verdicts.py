"""The texts that replace a misleading figure: reasons in Thai and English, split, index evidence, BASIC."""
from __future__ import annotations

import pandas as pd

from indicators import like_for_like as lfl
from ui import i18n, verdicts


def _row(reasons, missing, base=2020, year=2021):
    return {"reduction_reasons": reasons, "reduction_missing": missing, "base_year": base, "year": year}


def test_reasons_in_both_languages_with_buddhist_years():
    i18n.set_lang("en")
    assert verdicts.row_reasons(_row("missing_this_year:waste", "waste"), "en") == [
        "Waste: reported in base year 2020, not in 2021"]
    assert verdicts.row_reasons(_row("months_missing:electricity", "electricity:11;electricity:12"), "en") == [
        "Purchased electricity: months 11, 12 of base year 2020 not reported in 2021"]
    i18n.set_lang("th")
    # 2020 + 543 = 2563, 2021 + 543 = 2564
    assert verdicts.row_reasons(_row("missing_this_year:waste", "waste"), "th") == [
        "ขยะ: มีในปีฐาน พ.ศ. 2563 แต่ไม่มีในปี พ.ศ. 2564"]
    i18n.set_lang("en")


def test_summary_block_reasons_and_split():
    i18n.set_lang("en")
    row = pd.Series({"reduction_pct": 5.01, "reduction_comparable": True, "activity_effect_pct": 0.03,
                     "factor_effect_pct": 4.98, "award_eligible": False, "reduction_missing": "",
                     "reduction_reasons": ""})
    block = lfl.reduction_block(row, 2025, 2026)
    assert verdicts.reduction_value(block["pct"], block["comparable"]) == "+5.01 %"
    assert verdicts.split_text(block["activity_effect_pct"], block["factor_effect_pct"]) == \
        "from your actions +0.03 % · from the grid factor +4.98 %"
    bad = lfl.reduction_block(pd.Series({**row, "reduction_comparable": False, "reduction_missing": "waste",
                                         "reduction_reasons": "missing_this_year:waste"}), 2020, 2021)
    assert verdicts.reduction_value(bad["pct"], bad["comparable"]) == "Not comparable"
    assert verdicts.block_reasons({"reduction": bad, "base_year": 2020, "year": 2021}, "en") == [
        "Waste: reported in base year 2020, not in 2021"]


def test_index_and_completeness_texts():
    i18n.set_lang("en")
    assert verdicts.index_text(47.59, 8) == "47.6"
    assert verdicts.index_text(None, 1) == "not enough evidence (1 of 12 cells)"
    assert verdicts.index_text(None, 0) == "—"
    assert verdicts.completeness_text([]) == "every BASIC row has a figure or a notation key"
    assert verdicts.completeness_text(["I.3.2", "I.4.1"]).startswith("incomplete: 2 BASIC rows")
    assert verdicts.completeness_text(None) == ""
