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
