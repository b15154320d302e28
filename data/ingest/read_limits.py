"""Limits on the shape of an input file, checked before any reader builds it in memory.

Spreadsheet readers (calamine, pandas) build the whole rectangle from A1 to the last cell: one value at
XFD1048576 in a 5 KB workbook asks for 17 billion cells (512 GB) and ends the process (calamine 0.9 has no
call that reads only the stored cells: ``get_sheet_by_name`` itself builds the rectangle). So the sheet XML is
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


MAX_ROWS = 1_100_000        # rows of a sheet or CSV (Excel holds 1,048,576)
MAX_COLUMNS = 200           # columns of a sheet or CSV (an import template has at most 22)
MAX_CELLS = 20_000_000      # rows × columns of the rectangle a reader builds (~80 bytes a cell: ~1.6 GB)
BYTES_PER_CELL = 80         # what one cell costs once read into a pandas grid of strings (measured)

_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_CELL_REF = re.compile(r"^\$?([A-Za-z]{1,3})\$?(\d{1,7})$")


# openpyxl and defusedxml are imported where an XLSX is measured: the CSV check runs in the isolated reader's
# child process, which starts faster without them (openpyxl alone takes longer to import than pyarrow)
def get_column_letter(index: int) -> str:
    """Excel column letters of a 1-based column number (openpyxl's)."""
    from openpyxl.utils import get_column_letter as letter

    return letter(index)


def column_index_from_string(letters: str) -> int:
    """1-based column number of Excel column letters (openpyxl's)."""
    from openpyxl.utils import column_index_from_string as index

    return index(letters)


def iterparse(source, events):
    """defusedxml's ``iterparse`` (no entity expansion, no external references)."""
    from defusedxml.ElementTree import iterparse as parse

    return parse(source, events=events)


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


_TOKEN = re.compile(rb"<(?:\w+:)?(row|c)\b([^>]*?)(/?)>")
_R_ATTR = re.compile(rb"""\br\s*=\s*["']([^"']*)["']""")
_CHUNK = 4 << 20


def _cell_events(fh):
    """(row, column, reference) of every cell element that is not empty (``<c …/>`` holds no value), streamed
    in 4 MB chunks with a regular expression: about 30 times faster than an XML parser on a large sheet, and
    the reader has already refused entity expansion and bad zips. Cells without ``r`` follow the previous."""
    row_no = 0
    col_no = 0
    tail = b""
    while True:
        chunk = fh.read(_CHUNK)
        buf = tail + chunk
        if not chunk:
            end = len(buf)
        else:
            end = buf.rfind(b">") + 1      # only whole tags; the rest waits for the next chunk
        for m in _TOKEN.finditer(buf, 0, end):
            kind, attrs, empty = m.group(1), m.group(2), m.group(3)
            r = _R_ATTR.search(attrs)
            if kind == b"row":
                row_no = int(r.group(1)) if r and r.group(1).isdigit() else row_no + 1
                col_no = 0
                continue
            ref = r.group(1).decode("ascii", "replace") if r else ""
            cm = _CELL_REF.match(ref)
            if cm:
                col_no = column_index_from_string(cm.group(1).upper())
                row = int(cm.group(2))
            else:
                col_no += 1
                row = row_no
            if not empty:
                yield row, col_no, ref or f"{get_column_letter(min(col_no, 16384))}{row}"
        if not chunk:
            return
        tail = buf[end:]


_FAST_CELL = re.compile(rb'<c r="([A-Z]{1,3})([0-9]{1,7})"[^>]*?(/?)>')   # how Excel and most writers write cells
_ANY_CELL = re.compile(rb"<(?:\w+:)?c[\s/>]")


def _sheet_extent(member: zipfile.ZipExtFile, reopen) -> tuple[int, int, str | None, str | None]:
    """(last row, last column, cell reaching the last row, cell reaching the last column) over the cells
    that hold a value. The common form is matched in bulk; a sheet written another way (prefixed tags,
    cells without ``r``) is scanned again tag by tag (``_cell_events``)."""
    max_row = max_col = 0
    far_row = far_col = None
    fast = total = 0
    tail = b""
    while True:
        chunk = member.read(_CHUNK)
        buf = tail + chunk
        end = len(buf) if not chunk else buf.rfind(b">") + 1
        part = buf[:end]
        cells = _FAST_CELL.findall(part)
        fast += len(cells)
        total += len(_ANY_CELL.findall(part))
        full = [(c, r) for c, r, empty in cells if not empty]
        if full:
            letters = {c for c, _ in full}
            widest = max(letters, key=lambda c: (len(c), c))
            col = column_index_from_string(widest.decode())
            row_bytes = max((r for _, r in full), key=lambda r: (len(r), r))
            row = int(row_bytes)
            if col > max_col:
                max_col = col
                far_col = widest.decode() + next(r for c, r in full if c == widest).decode()
            if row > max_row:
                max_row = row
                far_row = next(c for c, r in full if r == row_bytes).decode() + row_bytes.decode()
        if not chunk:
            break
        tail = buf[end:]
    if fast != total:
        max_row = max_col = 0
        with reopen() as fh:
            for row, col, ref in _cell_events(fh):
                if row > max_row:
                    max_row, far_row = row, ref
                if col > max_col:
                    max_col, far_col = col, ref
    return max_row, max_col, far_row, far_col


def xlsx_breach(data: bytes) -> Breach | None:
    """The first visible worksheet whose cells reach beyond the limits, or None. The zip must already have
    passed the container checks (size, members, CRC)."""
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        for sheet, member, visible in worksheet_parts(zf):
            if not visible or member not in zf.namelist():
                continue
            with zf.open(member) as fh:
                rows, cols, far_row, far_col = _sheet_extent(fh, lambda m=member: zf.open(m))
            ref = far_col if cols > MAX_COLUMNS else far_row if rows > MAX_ROWS else far_col or far_row
            m = _CELL_REF.match(ref or "")
            breach = _too_large(sheet, rows, cols, ref, int(m.group(2)) if m else None,
                                m.group(1).upper() if m else None)
            if breach:
                return breach
    return None


# --- CSV --------------------------------------------------------------------------------------------------

def csv_breach(text: str, delimiter: str) -> Breach | None:
    """Refuse CSV text with more lines than ``MAX_ROWS`` or a first row wider than ``MAX_COLUMNS`` (pandas
    refuses later rows wider than the first), or a rectangle beyond ``MAX_CELLS``."""
    lines = text.count("\n") + 1
    first = next(csv.reader(io.StringIO(text[: 1 << 20], newline=""), delimiter=delimiter), [])
    cols = len(first)
    breach = _too_large(None, lines, cols, None, 1 if cols > MAX_COLUMNS else None,
                        get_column_letter(min(cols, 16384)) if cols > MAX_COLUMNS else None)
    if breach and cols > MAX_COLUMNS:
        return Breach(None, 1, breach.column,
                      f"The first row has {cols:,} fields; at most {MAX_COLUMNS} columns are read. "
                      "Check the delimiter, or delete the extra columns.",
                      f"แถวแรกมี {cols:,} ช่อง อ่านได้ไม่เกิน {MAX_COLUMNS} คอลัมน์ ตรวจเครื่องหมายคั่น หรือลบคอลัมน์ที่เกิน")
    return breach
