"""Problems found in an uploaded file, as an officer reads them: where (row, column), what was typed, what is
wrong and how to fix it. No Streamlit here, so it is tested directly."""
from __future__ import annotations

import pandas as pd

from ui.i18n import t

# a hint for each column an officer types into; the message itself says what is wrong
HINT_COLUMNS = ("amount", "activity", "unit", "year", "month", "municipality_code", "inventory", "gpc_ref",
                "data_quality", "code", "type", "province_code", "population", "area_km2", "lat", "lon", "role",
                "mentor_code", "base_year", "indicator_code", "value", "asi", "status", "theme")


def hint(column: str | None, message_en: str = "", lang: str | None = None) -> str:
    """How to fix a problem in ``column`` (a general hint for problems of the whole file or a row)."""
    if "already" in message_en.lower() or "stored" in message_en.lower():
        return t("fix.conflict", lang)
    if "is not on account" in message_en:        # data.write.review.scope_problems
        return t("fix.scope", lang)
    if column in HINT_COLUMNS:
        return t(f"fix.{column}", lang)
    return t("fix.general", lang)


def problems_frame(problems, lang: str, typed: dict | None = None) -> pd.DataFrame:
    """One line per problem: row, column, the value as typed (when known), the problem, how to fix it.
    The value is the problem's own (``Problem.value``) unless ``typed`` maps its (row, column) to a text."""
    typed = typed or {}
    rows = []
    for p in problems:
        value = typed.get((p.row, p.column), getattr(p, "value", None))
        rows.append({t("data.col.row", lang): "—" if p.row is None else str(p.row),
                     t("data.col.column", lang): p.column or "—",
                     t("data.col.typed", lang): "—" if value in (None, "") else str(value),
                     t("data.col.message", lang): p.message_th if lang == "th" else p.message_en,
                     t("data.col.fix", lang): hint(p.column, p.message_en, lang)})
    return pd.DataFrame(rows)
