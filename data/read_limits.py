"""Limits on the shape of an input file, checked before any reader builds it in memory.

Spreadsheet readers (calamine, pandas) build the whole rectangle from A1 to the last cell: one value at
XFD1048576 in a 5 KB workbook asks for 17 billion cells (512 GB) and ends the process. So the sheet XML is
streamed first, cell by cell, and a sheet whose rectangle is beyond ``MAX_ROWS`` × ``MAX_COLUMNS`` or
``MAX_CELLS`` is refused up front, naming the sheet and the cell. CSV text is measured the same way (lines
and the fields of the first row) before pandas reads it. See SECURITY.md "Limits".
"""
from __future__ import annotations

import csv
import io
import posixpath
import re
import zipfile
from dataclasses import dataclass

from defusedxml.ElementTree import iterparse
from openpyxl.utils import column_index_from_string, get_column_letter

MAX_ROWS = 1_100_000        # rows of a sheet or CSV (Excel holds 1,048,576)
MAX_COLUMNS = 200           # columns of a sheet or CSV (an import template has at most 22)
MAX_CELLS = 20_000_000      # rows × columns of the rectangle a reader builds (~80 bytes a cell: ~1.6 GB)
BYTES_PER_CELL = 80         # what one cell costs once read into a pandas grid of strings (measured)

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


@dataclass(frozen=True)
class Breach:
    """Why a file's shape is refused: where (sheet, row, cell) and a message in English and Thai."""
    sheet: str | None
    row: int | None
    column: str | None
    message_en: str
    message_th: str


def _too_large(sheet: str | None, rows: int, cols: int, where: str | None, row: int | None,
               col: str | None) -> Breach | None:
    """The Breach for a rectangle of ``rows`` × ``cols`` cells, or None when it is within every limit."""
    at_en = f" (cell {where})" if where else ""
    at_th = f" (เซลล์ {where})" if where else ""
    if rows > MAX_ROWS:
        return Breach(sheet, row, col,
                      f"The data reaches row {rows:,}{at_en}; at most {MAX_ROWS:,} rows are read. "
                      "Delete what lies below the table, or split the file.",
                      f"ข้อมูลยาวถึงแถวที่ {rows:,}{at_th} อ่านได้ไม่เกิน {MAX_ROWS:,} แถว "
                      "ให้ลบสิ่งที่อยู่ใต้ตาราง หรือแบ่งไฟล์")
    if cols > MAX_COLUMNS:
        return Breach(sheet, row, col,
                      f"The data reaches column {get_column_letter(min(cols, 16384))} ({cols:,} columns){at_en}; "
                      f"at most {MAX_COLUMNS} columns are read. Delete what lies right of the table.",
                      f"ข้อมูลกว้างถึงคอลัมน์ {get_column_letter(min(cols, 16384))} ({cols:,} คอลัมน์){at_th} "
                      f"อ่านได้ไม่เกิน {MAX_COLUMNS} คอลัมน์ ให้ลบสิ่งที่อยู่ทางขวาของตาราง")
    if rows * cols > MAX_CELLS:
        need_mb = rows * cols * BYTES_PER_CELL // (1024 * 1024)
        return Breach(sheet, row, col,
                      f"The table spans {rows:,} rows × {cols:,} columns{at_en}, which would need about "
                      f"{need_mb:,} MB of memory to read (limit {MAX_CELLS:,} cells). Split the file.",
                      f"ตารางมี {rows:,} แถว × {cols:,} คอลัมน์{at_th} ต้องใช้หน่วยความจำราว {need_mb:,} MB "
                      f"ในการอ่าน (จำกัด {MAX_CELLS:,} เซลล์) ให้แบ่งไฟล์")
    return None


# --- XLSX -------------------------------------------------------------------------------------------------

def worksheet_parts(zf: zipfile.ZipFile) -> list[tuple[str, str, bool]]:
    """(sheet name, zip member of its XML, visible) for every worksheet listed in xl/workbook.xml."""
    targets = {}
    try:
        with zf.open("xl/_rels/workbook.xml.rels") as fh:
            for _, el in iterparse(fh, events=("end",)):
                if el.tag == f"{_NS_PKG_REL}Relationship":
                    target = el.get("Target", "")
                    member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                        posixpath.join("xl", target))
                    targets[el.get("Id")] = member
    except KeyError:   # no relationships part: calamine will refuse the workbook with its own message
        return []
    out = []
    with zf.open("xl/workbook.xml") as fh:
        for _, el in iterparse(fh, events=("end",)):
            if el.tag == f"{_NS_MAIN}sheet":
                member = targets.get(el.get(f"{_NS_REL}id"))
                if member and member.startswith("xl/worksheets/"):
                    out.append((el.get("name", ""), member, el.get("state", "visible") == "visible"))
    return out


def _cell_events(fh):
    """(row, column, reference) of every cell with content, streamed; elements are freed as they end."""
    row_no = 0
    col_no = 0
    sheet_data = None
    for event, el in iterparse(fh, events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == f"{_NS_MAIN}sheetData":
                sheet_data = el
            elif tag == f"{_NS_MAIN}row":
                r = el.get("r")
                row_no = int(r) if r and r.isdigit() else row_no + 1
                col_no = 0
            continue
        if tag == f"{_NS_MAIN}c":
            ref = el.get("r")
            m = _CELL_REF.match(ref) if ref else None
            if m:
                col_no = column_index_from_string(m.group(1).upper())
                row = int(m.group(2))
            else:
                col_no += 1
                row = row_no
            if len(el):   # a value, an inline string or a formula: calamine keeps it
                yield row, col_no, ref or f"{get_column_letter(min(col_no, 16384))}{row}"
            el.clear()
        elif tag == f"{_NS_MAIN}row" and sheet_data is not None:
            sheet_data.clear()   # finished rows are not kept: memory stays flat however long the sheet


def xlsx_breach(data: bytes) -> Breach | None:
    """The first visible worksheet whose cells reach beyond the limits, or None. The zip must already have
    passed the container checks (size, members, CRC)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for sheet, member, visible in worksheet_parts(zf):
            if not visible:
                continue
            try:
                fh = zf.open(member)
            except KeyError:
                continue
            with fh:
                max_row = max_col = 0
                for row, col, ref in _cell_events(fh):
                    if row > max_row:
                        max_row = row
                    if col > max_col:
                        max_col = col
                    breach = _too_large(sheet, max_row, max_col, ref, row,
                                        get_column_letter(min(col, 16384)))
                    if breach:
                        return breach
    return None


# --- CSV --------------------------------------------------------------------------------------------------

def csv_breach(text: str, delimiter: str) -> Breach | None:
    """Refuse CSV text with more lines than ``MAX_ROWS`` or a first row wider than ``MAX_COLUMNS`` (pandas
    refuses later rows wider than the first), or a rectangle beyond ``MAX_CELLS``."""
    lines = text.count("\n") + 1
    first = next(csv.reader(io.StringIO(text[: 1 << 20]), delimiter=delimiter), [])
    cols = len(first)
    breach = _too_large(None, lines, cols, None, 1 if cols > MAX_COLUMNS else None,
                        get_column_letter(min(cols, 16384)) if cols > MAX_COLUMNS else None)
    if breach and cols > MAX_COLUMNS:
        return Breach(None, 1, breach.column,
                      f"The first row has {cols:,} fields; at most {MAX_COLUMNS} columns are read. "
                      "Check the delimiter, or delete the extra columns.",
                      f"แถวแรกมี {cols:,} ช่อง อ่านได้ไม่เกิน {MAX_COLUMNS} คอลัมน์ ตรวจเครื่องหมายคั่น หรือลบคอลัมน์ที่เกิน")
    return breach
