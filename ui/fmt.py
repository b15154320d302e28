"""Thai/English number and Buddhist-Era year formatting (no Streamlit needed, so it is unit-tested)."""
from __future__ import annotations

import math

from indicators.missing import is_missing  # noqa: F401  (the pages' and reports' name for it)
from indicators.thai_year import be  # noqa: F401

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def year_label(year_ce, lang: str) -> str:
    """A year as shown to the user: 'พ.ศ. 2567' in Thai, '2024' in English; '—' when missing."""
    if year_ce is None or (isinstance(year_ce, float) and math.isnan(year_ce)):
        return "—"
    return f"พ.ศ. {be(year_ce)}" if lang == "th" else str(int(year_ce))


def short_year(year_ce, lang: str) -> str:
    """A year for chart axes: '2567' in Thai (BE), '2024' in English."""
    return str(be(year_ce)) if lang == "th" else str(int(year_ce))


def num(x, digits: int = 0) -> str:
    """A number with thousands separators and fixed decimals; '—' when missing."""
    if is_missing(x):
        return "—"
    return f"{float(x):,.{digits}f}"


def pct(x, digits: int = 1, signed: bool = False) -> str:
    """A percentage such as '5.0 %' (or '+5.0 %' when signed); '—' when missing."""
    if is_missing(x):
        return "—"
    return f"{float(x):{'+' if signed else ''},.{digits}f} %"


def thai_digits(text: str) -> str:
    """Replace Arabic digits by Thai digits ๐-๙ (for formal documents)."""
    return text.translate(THAI_DIGITS)


def year_range(start, end, lang: str) -> str:
    """'2563–2566' (พ.ศ.) in Thai or '2020–2023' in English; an open end shows as '2563–'."""
    if is_missing(start):
        return "—"
    a = short_year(start, lang)
    return f"{a}–{'' if is_missing(end) else short_year(end, lang)}"
