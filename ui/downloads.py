"""Downloads of the table on screen: CSV (UTF-8 with BOM, so Excel on Thai Windows shows Thai) and Excel."""
from __future__ import annotations

import io

import pandas as pd
import streamlit as st

from ui.i18n import t


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as CSV, UTF-8 with a byte-order mark."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def xlsx_bytes(frame: pd.DataFrame, sheet: str = "data") -> bytes:
    """The frame as one Excel sheet."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as xl:
        frame.to_excel(xl, sheet_name=sheet[:31], index=False)
    return buf.getvalue()


def buttons(frame: pd.DataFrame, name: str, key: str) -> None:
    """An Excel and a CSV button for ``frame`` (what the page shows), side by side."""
    a, b, _ = st.columns([1, 1, 4])
    a.download_button(t("download.xlsx"), xlsx_bytes(frame), f"{name}.xlsx", key=f"dl_{key}_xlsx",
                      mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      icon=":material/download:")
    b.download_button(t("download.csv"), csv_bytes(frame), f"{name}.csv", key=f"dl_{key}_csv", mime="text/csv",
                      icon=":material/download:")
