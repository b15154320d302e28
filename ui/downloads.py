"""Data behind a chart or map as files people open in Excel: CSV (UTF-8 with BOM, so Excel on Thai Windows reads
the Thai correctly instead of guessing a code page) and XLSX, with headers in the chosen language.

Text that a spreadsheet could run as a formula (=, +, -, @ first) is neutralised with a leading apostrophe,
as in the full export (``data.write.export.neutralise``).

The files are made when a button is pressed (Streamlit calls the function then), not on every run of the
page: at national scale the four downloads of the overview took 4 of its 4.6 s to build (bench/README.md).
"""
from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from data.write.export import neutralise
from ui.i18n import t

BOM = "\ufeff"


def _safe(df: pd.DataFrame) -> pd.DataFrame:
    out = df.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: neutralise(v) if isinstance(v, str) else v)
    return out


# column names that charts commonly carry, with their label keys (used when a page gives no headers)
KNOWN = {"code": "download.col.code", "name": "download.col.name", "year": "download.col.year",
         "year_be": "download.col.year_be", "value": "download.col.value", "count": "download.col.count",
         "scope": "scope.label", "theme": "theme.label", "theme_label": "theme.label", "score": "unit.score",
         "group": "download.col.group", "label": "download.col.name", "lat": "download.col.lat",
         "lon": "download.col.lon", "dimension": "download.col.dimension"}


def with_headers(df: pd.DataFrame, headers: dict[str, str] | None = None) -> pd.DataFrame:
    """``df`` with columns renamed by ``headers`` (column -> label already in the user's language) and only
    those columns, in that order; without ``headers`` every column, the common ones (``KNOWN``) translated."""
    if not headers:
        return df.rename(columns={c: t(KNOWN[c]) for c in df.columns if c in KNOWN}).reset_index(drop=True)
    cols = [c for c in headers if c in df.columns]
    return df[cols].rename(columns=headers).reset_index(drop=True)


def csv_bytes(df: pd.DataFrame) -> bytes:
    """CSV in UTF-8 with a byte-order mark (Excel on Thai Windows opens it as UTF-8)."""
    return (BOM + _safe(df).to_csv(index=False, lineterminator="\r\n")).encode("utf-8")


def xlsx_bytes(df: pd.DataFrame, sheet: str = "data") -> bytes:
    """A one-sheet workbook of ``df`` (header row bold and frozen)."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="xlsxwriter") as xw:
        _safe(df).to_excel(xw, index=False, sheet_name=sheet[:31])
        ws = xw.sheets[sheet[:31]]
        ws.freeze_panes(1, 0)
        for i, col in enumerate(df.columns):
            ws.set_column(i, i, min(40, max(10, len(str(col)) + 2)))
    return buf.getvalue()


MIME = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _file(make, *args):
    """A download's contents as Streamlit's deferred data: ``make(*args)``, called when the button is pressed."""
    return lambda: make(*args)


def _button(box, ext: str, data, name: str, key: str) -> None:
    """One download button: ``data`` (deferred) saved as ``name.ext``, labelled in the chosen language.

    ``on_click="ignore"``: a download changes nothing on the page, so it starts no rerun; a rerun would also
    replace the deferred files while a person reaches for the next button (CSV then Excel), and a click on the
    replaced one then downloads nothing."""
    box.download_button(t(f"download.{ext}"), data, f"{name}.{ext}", key=key, mime=MIME[ext],
                        icon=":material/download:", on_click="ignore")


def data_downloads(df: pd.DataFrame, name: str, key: str, headers: dict[str, str] | None = None,
                   container=None) -> None:
    """Two small buttons under a chart or map: its data as CSV and as Excel."""
    box = container or st
    table = with_headers(df, headers)
    c1, c2, _ = box.columns([1, 1, 4])
    _button(c1, "csv", _file(csv_bytes, table), name, f"{key}.csv")
    _button(c2, "xlsx", _file(xlsx_bytes, table, name), name, f"{key}.xlsx")


def buttons(frame: pd.DataFrame, name: str, key: str) -> None:
    """An Excel and a CSV button for ``frame`` (the table the page shows), side by side."""
    a, b, _ = st.columns([1, 1, 4])
    _button(a, "xlsx", _file(xlsx_bytes, frame), name, f"dl_{key}_xlsx")
    _button(b, "csv", _file(csv_bytes, frame), name, f"dl_{key}_csv")


def _made(to_bytes, make, *args) -> bytes:
    return to_bytes(make(), *args)


def buttons_made(make, name: str, key: str) -> None:
    """``buttons`` for a table that is itself built only when a button is pressed (``make()`` returns it): a
    national selection is thousands of labelled rows that most visitors never download."""
    a, b, _ = st.columns([1, 1, 4])
    _button(a, "csv", _file(_made, csv_bytes, make), name, f"dl_{key}_csv")
    _button(b, "xlsx", _file(_made, xlsx_bytes, make), name, f"dl_{key}_xlsx")
