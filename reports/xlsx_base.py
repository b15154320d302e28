"""Typed Excel tables (xlsxwriter): numbers stay numbers with number formats, missing values stay blank, and
text that a spreadsheet could run as a formula is neutralised.

Formula injection (OWASP "CSV Injection"): a text cell from user data that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return can be evaluated as a formula when the sheet is edited or re-exported to CSV.
Such text is written with ``write_string`` (never as a formula) and prefixed with an apostrophe, as OWASP
recommends, so that it stays inert in any later CSV too.
"""
from __future__ import annotations

import io
import math
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Iterable, Sequence

import xlsxwriter

from indicators.missing import is_missing

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
MAX_SHEET_NAME = 31
_BAD_SHEET_CHARS = set("[]:*?/\\")

# number formats by column kind
NUMBER_FORMATS = {
    "int": "#,##0",
    "year": "0",
    "t": "#,##0.00",            # tCO2e
    "t3": "#,##0.000",
    "pct": '0.00" %"',          # a percentage stored as its number of percent (5.23 means 5.23 %)
    "share": "0.0%",            # a fraction 0-1 shown as a percentage
    "factor": "0.0000##",       # kgCO2e per unit
    "score": "0",
    "num": "#,##0.##",
}


@dataclass(frozen=True)
class XCol:
    """A sheet column: the record key it reads, its heading, its kind (text, bool, date or a NUMBER_FORMATS
    key) and its width in characters."""
    key: str
    heading: str
    kind: str = "text"
    width: float = 14


def neutralise(text: str) -> str:
    """Text safe to put in a spreadsheet cell: a leading formula trigger gets an apostrophe in front."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def safe_sheet_name(name: str, used: set[str]) -> str:
    """A valid, unique worksheet name (31 characters, no []:*?/\\)."""
    clean = "".join("_" if c in _BAD_SHEET_CHARS else c for c in name).strip("'")[:MAX_SHEET_NAME] or "Sheet"
    candidate, n = clean, 2
    while candidate.lower() in {u.lower() for u in used}:
        suffix = f" ({n})"
        candidate = clean[:MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    used.add(candidate)
    return candidate


class Workbook:
    """An in-memory workbook with the report's formats."""

    def __init__(self):
        self._buf = io.BytesIO()
        self.book = xlsxwriter.Workbook(self._buf, {"in_memory": True, "strings_to_formulas": False,
                                                    "strings_to_numbers": False, "strings_to_urls": False,
                                                    "nan_inf_to_errors": False})
        self._used_names: set[str] = set()
        base = {"font_name": "Noto Sans Thai", "font_size": 10, "valign": "top"}
        self.base = base
        self.fmt_text = self.book.add_format({**base, "text_wrap": True})
        self.fmt_head = self.book.add_format({**base, "bold": True, "bg_color": "#DEEBF7", "text_wrap": True,
                                              "border": 1, "border_color": "#9DC3E6"})
        self.fmt_title = self.book.add_format({**base, "bold": True, "font_size": 14, "font_color": "#0072B2"})
        self.fmt_note = self.book.add_format({**base, "italic": True, "font_color": "#595959", "text_wrap": False})
        self.fmt_demo = self.book.add_format({**base, "bold": True, "bg_color": "#FFECB3", "font_color": "#783C00"})
        self.fmt_bool = self.book.add_format({**base, "align": "center"})
        self.fmt_date = self.book.add_format({**base, "num_format": "yyyy-mm-dd hh:mm"})
        self.fmt_num = {k: self.book.add_format({**base, "num_format": v}) for k, v in NUMBER_FORMATS.items()}
        self.fmt_num_bold = {k: self.book.add_format({**base, "num_format": v, "bold": True, "bg_color": "#F2F2F2"})
                             for k, v in NUMBER_FORMATS.items()}
        self.fmt_text_bold = self.book.add_format({**base, "bold": True, "bg_color": "#F2F2F2", "text_wrap": True})

    def sheet(self, name: str):
        """A new worksheet with a safe, unique name."""
        return self.book.add_worksheet(safe_sheet_name(name, self._used_names))

    def write_value(self, ws, row: int, col: int, value: Any, kind: str = "text", bold: bool = False) -> None:
        """One typed cell: numbers as numbers with their format, booleans as booleans, missing as blank."""
        if is_missing(value):
            ws.write_blank(row, col, None, self.fmt_text_bold if bold else self.fmt_text)
            return
        if kind == "text":
            ws.write_string(row, col, neutralise(str(value)), self.fmt_text_bold if bold else self.fmt_text)
        elif kind == "bool":
            ws.write_boolean(row, col, bool(value), self.fmt_bool)
        elif kind == "date":
            v = value if isinstance(value, (date, datetime)) else datetime.fromisoformat(str(value))
            ws.write_datetime(row, col, v, self.fmt_date)
        else:
            number = float(value)
            if math.isinf(number):
                ws.write_blank(row, col, None, self.fmt_text)
                return
            if kind in ("int", "year", "score") and number.is_integer():
                number = int(number)
            ws.write_number(row, col, number, (self.fmt_num_bold if bold else self.fmt_num)[kind])

    def table(self, ws, first_row: int, columns: Sequence[XCol], records: Iterable[dict],
              bold_rows: Sequence[int] = (), filter_: bool = True) -> int:
        """Write a heading row and one row per record; returns the next free row."""
        for j, c in enumerate(columns):
            ws.write_string(first_row, j, c.heading, self.fmt_head)
            ws.set_column(j, j, c.width)
        r = first_row
        for i, rec in enumerate(records):
            r = first_row + 1 + i
            for j, c in enumerate(columns):
                self.write_value(ws, r, j, rec.get(c.key), c.kind, bold=i in bold_rows)
        last = max(r, first_row)
        if filter_ and last > first_row:
            ws.autofilter(first_row, 0, last, len(columns) - 1)
        return last + 2

    def title(self, ws, text: str, row: int = 0) -> int:
        """A sheet title; returns the next row."""
        ws.write_string(row, 0, text, self.fmt_title)
        return row + 1

    def note(self, ws, text: str, row: int) -> int:
        """An italic note line; returns the next row."""
        ws.write_string(row, 0, neutralise(text), self.fmt_note)
        return row + 1

    def demo_banner(self, ws, text: str, row: int) -> int:
        """The synthetic-data label; returns the next row."""
        ws.write_string(row, 0, text, self.fmt_demo)
        return row + 1

    def close(self) -> bytes:
        """Finish the workbook and return the .xlsx bytes."""
        self.book.close()
        return self._buf.getvalue()
