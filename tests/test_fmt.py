"""Thai/English formatting: Buddhist Era, numbers, missing values."""
from __future__ import annotations

import math

from ui import fmt


def test_buddhist_era():
    assert fmt.be(2024) == 2567                      # 2024 + 543
    assert fmt.year_label(2024, "th") == "พ.ศ. 2567"
    assert fmt.year_label(2024, "en") == "2024"
    assert fmt.short_year(2015, "th") == "2558"
    assert fmt.year_label(None, "th") == "—"


def test_year_range():
    assert fmt.year_range(2020, 2023, "th") == "2563–2566"
    assert fmt.year_range(2020, None, "en") == "2020–"
    assert fmt.year_range(None, None, "en") == "—"


def test_numbers_and_missing():
    assert fmt.num(1234567.891, 1) == "1,234,567.9"
    assert fmt.num(None) == "—" and fmt.num(math.nan) == "—"
    assert fmt.pct(5.0, signed=True) == "+5.0 %"
    assert fmt.pct(-12.345, 2) == "-12.35 %"
    assert fmt.thai_digits("2567") == "๒๕๖๗"


def test_local_datetime_in_thai_and_english():
    import datetime as dt

    # stored 2026-12-01 10:47 UTC; Bangkok is UTC+7 -> 17:47; 2026 + 543 = 2569
    utc = dt.datetime(2026, 12, 1, 10, 47)
    assert fmt.datetime_label(utc, "th") == "1 ธันวาคม 2569 เวลา 17:47 น."
    assert fmt.datetime_label(utc, "en") == "1 December 2026, 17:47 (UTC+7)"
    assert fmt.datetime_label("2026-12-31T20:05:00", "th", short=True) == "1 ม.ค. 2570 03:05 น."  # next day
    assert fmt.datetime_label(None, "th") == "—"
    assert fmt.date_label(dt.date(2025, 10, 1), "th") == "1 ตุลาคม 2568"


def test_percent_in_thai_documents():
    assert fmt.pct_doc(29.6149, "th") == "ร้อยละ 29.61"
    assert fmt.pct_doc(29.6149, "en") == "29.61 %"
    assert fmt.pct_doc(-3.0, "th", 1, signed=True) == "ร้อยละ -3.0"
    assert fmt.pct_doc(None, "th") == "—"
