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


LOCAL_TZ = "Asia/Bangkok"
THAI_MONTHS = ("มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน",
               "ตุลาคม", "พฤศจิกายน", "ธันวาคม")
THAI_MONTHS_SHORT = ("ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.", "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December")


def local_time(when):
    """``when`` (a datetime, pandas Timestamp or ISO string; naive values are UTC, as DuckDB stores them) in
    Thailand's local time (Asia/Bangkok, UTC+7); None when missing."""
    import datetime as dt
    from zoneinfo import ZoneInfo

    if is_missing(when):
        return None
    if isinstance(when, str):
        when = dt.datetime.fromisoformat(when)
    if hasattr(when, "to_pydatetime"):
        when = when.to_pydatetime()
    if not isinstance(when, dt.datetime):  # a date: midnight
        when = dt.datetime(when.year, when.month, when.day)
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.timezone.utc)
    return when.astimezone(ZoneInfo(LOCAL_TZ))


def datetime_label(when, lang: str, short: bool = False) -> str:
    """A timestamp for people in Thailand: '1 ธันวาคม 2569 เวลา 17:47 น.' (พ.ศ., Thai month, local time) or
    '1 December 2026, 17:47 (UTC+7)'; with ``short`` '1 ธ.ค. 2569 17:47 น.' / '1 Dec 2026 17:47'. '—' when
    missing."""
    local = local_time(when)
    if local is None:
        return "—"
    hm = f"{local.hour:02d}:{local.minute:02d}"
    if lang == "th":
        if short:
            return f"{local.day} {THAI_MONTHS_SHORT[local.month - 1]} {be(local.year)} {hm} น."
        return f"{local.day} {THAI_MONTHS[local.month - 1]} {be(local.year)} เวลา {hm} น."
    if short:
        return f"{local.day} {EN_MONTHS[local.month - 1][:3]} {local.year} {hm}"
    return f"{local.day} {EN_MONTHS[local.month - 1]} {local.year}, {hm} (UTC+7)"


def date_label(when, lang: str) -> str:
    """A date: '1 ธันวาคม 2569' (พ.ศ.) or '1 December 2026'; '—' when missing. Dates are calendar dates, not
    converted between time zones."""
    if is_missing(when):
        return "—"
    import datetime as dt

    if isinstance(when, str):
        when = dt.date.fromisoformat(when[:10])
    if lang == "th":
        return f"{when.day} {THAI_MONTHS[when.month - 1]} {be(when.year)}"
    return f"{when.day} {EN_MONTHS[when.month - 1]} {when.year}"


def pct_doc(x, lang: str, digits: int = 2, signed: bool = False) -> str:
    """A percentage as an official Thai document writes it: 'ร้อยละ 29.61' in Thai, '29.61 %' in English;
    '—' when missing."""
    if is_missing(x):
        return "—"
    if lang == "th":
        return f"ร้อยละ {float(x):{'+' if signed else ''},.{digits}f}"
    return pct(x, digits, signed)
