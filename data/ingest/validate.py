"""Reading and checking import files (CSV, XLSX) before anything is written.

``validate_file`` turns an uploaded file into typed rows ready for the database, or into a list of
``Problem``s, each naming the file, sheet, row (as Excel shows it: header = row 1) and column, in Thai and
English. Checks are vectorised pandas operations so that 100,000-row files validate in about a second.

What is checked (README "Import"): file size and type (the bytes, not only the extension), XLSX zip size
(zip-bomb guard), text encoding (UTF-8, UTF-8 with BOM, TIS-620/cp874), the sheet and its header row,
required/unknown/duplicate columns, types, Thai digits and thousands separators, years in BE or CE,
months, coded values, units against the emission-factor library, per-unit upper bounds, codes that must
exist in the database, and duplicate keys inside the file.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd
from xlsxwriter.utility import xl_col_to_name

from indicators.thai_year import BE_OFFSET
from data.ingest import thai_text
from data.ingest.templates import ACTIVITY_UNIT_ALIASES, KINDS, MONTHS, UNIT_MAX, Column, KindSpec, month_number
from data.ingest import csv_text, isolated_read, read_limits
from indicators import catalogue as cat_mod
from indicators.asi import MITIGATION_THEMES

MAX_FILE_BYTES = 50 * 1024 * 1024               # upload / file cap
MAX_XLSX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024   # zip-bomb guard: sum of unpacked members (SECURITY.md)
MAX_XLSX_MEMBERS = 5_000
MAX_TEXT_CHARS = 5_000                           # longer text cells are refused (likely pasted by mistake)
MAX_PROBLEMS = 2_000                             # past this, one summary problem says how many more
WIDE_TOTAL_ALIASES = ("total", "รวม", "ยอดรวม", "รวมทั้งปี", "annual_total")
HEADER_SEARCH_ROWS = 10                          # the header may sit below a few title rows
PREVIEW_ROWS = 20

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$")
_SPACES = re.compile(r"[\s\u00a0\u2009\u202f]+")

# Accepted CE range, and the BE range converted by subtracting 543 (a year >= 2400 is BE).
CE_MIN, CE_MAX = 1990, 2100
BE_MIN, BE_MAX = 2500, 2600


@dataclass(frozen=True)
class Problem:
    """One reason a file is refused. ``row`` is the Excel row number (header = 1); None for the whole file.
    ``value``: the cell's text as typed in the file, where the problem is about one cell (else None)."""
    file: str
    sheet: str | None
    row: int | None
    column: str | None
    message_en: str
    message_th: str
    value: str | None = None

    def where_en(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def where_th(self) -> str:
        parts = [self.file]
        if self.sheet:
            parts.append(f"แผ่นงาน {self.sheet}")
        if self.row is not None:
            parts.append(f"แถว {self.row}")
        if self.column:
            parts.append(f"คอลัมน์ {self.column}")
        return " ".join(parts)

    def __str__(self) -> str:
        return f"{self.where_en()}: {self.message_en}\n  {self.where_th()}: {self.message_th}"


@dataclass
class ValidationResult:
    """Typed rows (columns of the target table, plus ``excel_row``), problems, and a preview of the rows."""
    rows_df: pd.DataFrame
    problems: list[Problem]
    preview: pd.DataFrame
    sheet: str | None = None
    layout: str = "long"             # long | wide (activities only)
    header_row: int | None = None
    notes: list[tuple[str, str]] = field(default_factory=list)  # (en, th) remarks that are not problems

    @property
    def ok(self) -> bool:
        return not self.problems


class Rejected(Exception):
    """Raised inside the reader to stop at a file-level problem."""

    def __init__(self, problem: Problem):
        super().__init__(problem.message_en)
        self.problem = problem


# --- bytes in ---------------------------------------------------------------------------------------------

def read_input(path_or_bytes, file_name: str | None = None) -> tuple[bytes, str]:
    """The file's bytes and display name, refusing anything larger than ``MAX_FILE_BYTES``."""
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        data = bytes(path_or_bytes)
        name = file_name or "upload"
    else:
        p = Path(path_or_bytes)
        name = file_name or p.name
        if not p.is_file():
            raise Rejected(Problem(name, None, None, None, f"File {p} not found.", f"ไม่พบไฟล์ {p}"))
        size = p.stat().st_size
        if size > MAX_FILE_BYTES:
            raise Rejected(_too_big(name, size))
        data = p.read_bytes()
    if len(data) > MAX_FILE_BYTES:
        raise Rejected(_too_big(name, len(data)))
    return data, name


def _too_big(name: str, size: int) -> Problem:
    mb = MAX_FILE_BYTES // (1024 * 1024)
    return Problem(name, None, None, None,
                   f"The file is {size / 1048576:.1f} MB; the limit is {mb} MB. Split it by year or municipality.",
                   f"ไฟล์มีขนาด {size / 1048576:.1f} MB เกินขีดจำกัด {mb} MB ให้แบ่งไฟล์ตามปีหรือตาม อปท.")


_MAGIC = [
    (b"PK\x03\x04", "zip"), (b"PK\x05\x06", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),
    (b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpeg"), (b"GIF8", "gif"), (b"%PDF", "pdf"),
    (b"\x1f\x8b", "gzip"), (b"Rar!", "rar"), (b"7z\xbc\xaf", "7z"), (b"PAR1", "parquet"),
]
_WHAT = {"zip": ("a ZIP archive or XLSX workbook", "ไฟล์ ZIP หรือสมุดงาน XLSX"),
         "ole": ("an old Excel 97-2003 (.xls) or other Office file", "ไฟล์ Excel รุ่นเก่า (.xls) หรือไฟล์ Office อื่น"),
         "png": ("a PNG image", "รูปภาพ PNG"), "jpeg": ("a JPEG image", "รูปภาพ JPEG"),
         "gif": ("a GIF image", "รูปภาพ GIF"), "pdf": ("a PDF document", "เอกสาร PDF"),
         "gzip": ("a gzip archive", "ไฟล์บีบอัด gzip"), "rar": ("a RAR archive", "ไฟล์บีบอัด RAR"),
         "7z": ("a 7-Zip archive", "ไฟล์บีบอัด 7-Zip"), "parquet": ("a Parquet file", "ไฟล์ Parquet"),
         "text": ("plain text (CSV)", "ข้อความธรรมดา (CSV)"), "binary": ("binary data", "ข้อมูลไบนารี"),
         "empty": ("empty", "ว่างเปล่า")}


def sniff_content(data: bytes) -> str:
    """What the bytes are, whatever the file name says: zip, ole, png, pdf, …, text, binary or empty."""
    if not data:
        return "empty"
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return what
    head = data[:4096]
    if b"\x00" in head:
        return "binary"
    return "text"


def file_format(data: bytes, name: str) -> str:
    """'csv' or 'xlsx' when the extension and the content agree; otherwise raise ``Rejected``."""
    ext = Path(name).suffix.lower()
    content = sniff_content(data)
    if content == "empty":
        raise Rejected(Problem(name, None, None, None, "The file is empty.", "ไฟล์ว่างเปล่า"))
    if ext in (".csv", ".txt"):
        expected = "text"
    elif ext in (".xlsx", ".xlsm"):
        expected = "zip"
    elif ext == ".xls":
        raise Rejected(Problem(name, None, None, None,
                               "Old .xls workbooks are not accepted: open it in Excel and save as .xlsx.",
                               "ไม่รับไฟล์ .xls รุ่นเก่า ให้เปิดใน Excel แล้วบันทึกเป็น .xlsx"))
    else:
        raise Rejected(Problem(name, None, None, None,
                               f"Unsupported file type {ext or '(none)'}: use .xlsx or .csv.",
                               f"ไม่รองรับไฟล์ชนิด {ext or '(ไม่มีนามสกุล)'} ให้ใช้ .xlsx หรือ .csv"))
    if content != expected:
        is_en, is_th = _WHAT.get(content, _WHAT["binary"])
        raise Rejected(Problem(
            name, None, None, None,
            f"The file is named {ext} but its content is {is_en}. Save it again as {ext} from Excel.",
            f"ไฟล์ใช้นามสกุล {ext} แต่เนื้อหาเป็น{is_th} ให้บันทึกใหม่เป็น {ext} จาก Excel"))
    return "csv" if expected == "text" else "xlsx"


# --- CSV --------------------------------------------------------------------------------------------------

def decode_text(data: bytes, name: str) -> tuple[str, str]:
    """Decode CSV bytes as UTF-8 (with or without BOM) or else TIS-620/cp874; return (text, encoding)."""
    try:
        return data.decode("utf-8-sig"), ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        # cp874 is the Windows superset of TIS-620 (adds a few punctuation marks); Thai Excel saves CSV in it
        return data.decode("cp874"), "cp874"
    except UnicodeDecodeError:
        pass
    line = data[:utf8_error.start].count(b"\n") + 1
    raise Rejected(Problem(
        name, None, line, None,
        f"The text cannot be decoded as UTF-8 or Thai TIS-620/cp874 (first bad byte at offset "
        f"{utf8_error.start}). Save the CSV as 'CSV UTF-8' from Excel.",
        f"ถอดรหัสข้อความไม่ได้ทั้งแบบ UTF-8 และ TIS-620/cp874 (ไบต์ผิดตำแหน่ง {utf8_error.start}) "
        "ให้บันทึกเป็น 'CSV UTF-8' จาก Excel"))


def read_csv_grid(data: bytes, name: str) -> tuple[pd.DataFrame, list[tuple[str, str]]]:
    """The CSV as a header-less grid of strings ('' for empty); grid row i is Excel row i + 1."""
    text, encoding = decode_text(data, name)
    notes = [] if encoding.startswith("utf-8") else [
        ("Read as Thai TIS-620/cp874 text.", "อ่านเป็นข้อความภาษาไทยรหัส TIS-620/cp874")]
    delimiter = csv_text.delimiter_of(text)
    breach = read_limits.csv_breach(text, delimiter)
    if breach:
        raise Rejected(_breach_problem(name, breach))
    try:
        grid = _arrow_csv_grid(text, delimiter)
        if grid is None:
            grid = _pandas_csv_grid(text, delimiter)
    except pd.errors.EmptyDataError:
        grid = pd.DataFrame()
    except (pd.errors.ParserError, ValueError) as exc:
        m = re.search(r"line (\d+)", str(exc))
        raise Rejected(Problem(
            name, None, int(m.group(1)) if m else None, None,
            f"The CSV is malformed ({exc}). Check for a row with more cells than the header, or an unclosed quote.",
            f"รูปแบบ CSV ไม่ถูกต้อง ({exc}) ตรวจแถวที่มีจำนวนช่องมากกว่าหัวตาราง หรือเครื่องหมายคำพูดที่ไม่ปิด"))
    grid.columns = range(grid.shape[1])
    return grid, notes


def _pandas_csv_grid(text: str, delimiter: str) -> pd.DataFrame:
    """The reference reading of CSV text: every cell a string, '' for empty, blank lines kept as empty rows,
    rows shorter than the first padded with ''; a row longer than the first is an error naming its line."""
    return pd.read_csv(io.StringIO(text), header=None, dtype=str, keep_default_na=False, na_filter=False,
                       skip_blank_lines=False, sep=delimiter, engine="c", quoting=csv.QUOTE_MINIMAL)


def _arrow_csv_grid(text: str, delimiter: str) -> pd.DataFrame | None:
    """``_pandas_csv_grid`` read by Arrow (``csv_text.arrow_table``), or None where Arrow cannot stand in."""
    table = csv_text.arrow_table(text, delimiter)
    if table is None:
        return None
    dtype = pd.StringDtype("pyarrow", na_value=np.nan)
    return pd.DataFrame({i: pd.Series(pd.array(table.column(i), dtype=dtype)) for i in range(table.num_columns)})


# --- XLSX -------------------------------------------------------------------------------------------------

def check_xlsx_container(data: bytes, name: str) -> None:
    """Zip-bomb and type guard: read the zip directory, then stream every member counting real bytes.

    Refuses a workbook whose members would unpack to more than ``MAX_XLSX_UNCOMPRESSED_BYTES`` (declared
    or actual), a zip that is not a workbook, and a damaged zip (bad CRC), all before any XML is parsed.
    """
    limit_mb = MAX_XLSX_UNCOMPRESSED_BYTES // (1024 * 1024)
    bomb = Problem(name, None, None, None,
                   f"The workbook unpacks to more than {limit_mb} MB: refused (possible zip bomb). "
                   "Split the data over several files.",
                   f"สมุดงานเมื่อแตกไฟล์มีขนาดเกิน {limit_mb} MB จึงปฏิเสธ (อาจเป็น zip bomb) ให้แบ่งข้อมูลเป็นหลายไฟล์")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if len(infos) > MAX_XLSX_MEMBERS or sum(i.file_size for i in infos) > MAX_XLSX_UNCOMPRESSED_BYTES:
                raise Rejected(bomb)
            if "xl/workbook.xml" not in names and "xl/workbook.bin" not in names:
                raise Rejected(Problem(name, None, None, None,
                                       "The zip file is not an Excel workbook (no xl/workbook.xml).",
                                       "ไฟล์ zip นี้ไม่ใช่สมุดงาน Excel (ไม่มี xl/workbook.xml)"))
            if "xl/workbook.bin" in names:
                raise Rejected(Problem(name, None, None, None,
                                       "Binary workbooks (.xlsb) are not accepted: save as .xlsx.",
                                       "ไม่รับสมุดงานไบนารี (.xlsb) ให้บันทึกเป็น .xlsx"))
            total = 0
            for info in infos:
                # the directory can lie about sizes: count what actually comes out, and stop early
                with zf.open(info) as member:
                    while chunk := member.read(1 << 20):
                        total += len(chunk)
                        if total > MAX_XLSX_UNCOMPRESSED_BYTES:
                            raise Rejected(bomb)
    except Rejected:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, NotImplementedError,
            ValueError) as exc:  # zlib.error: a damaged deflate stream inside an intact zip directory
        raise Rejected(Problem(name, None, None, None,
                               f"The workbook is damaged or encrypted and cannot be read ({exc}).",
                               f"สมุดงานเสียหายหรือถูกเข้ารหัส อ่านไม่ได้ ({exc})"))


def read_xlsx_grids(data: bytes, name: str) -> list[tuple[str, pd.DataFrame]]:
    """Every visible worksheet as (sheet name, grid of strings); grid row i is Excel row i + 1."""
    from python_calamine import CalamineWorkbook

    check_xlsx_container(data, name)
    breach = read_limits.xlsx_breach(data)   # before calamine builds any sheet (it builds the whole rectangle)
    if breach:
        raise Rejected(_breach_problem(name, breach))
    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
        out = []
        for meta in wb.sheets_metadata:
            is_sheet = str(meta.typ).endswith(".WorkSheet")
            if not is_sheet or not str(meta.visible).endswith(".Visible"):  # charts, hidden helper sheets
                continue
            rows = wb.get_sheet_by_name(meta.name).to_python(skip_empty_area=False)
            out.append((meta.name, _grid_from_rows(rows)))
        return out
    except Rejected:
        raise
    except Exception as exc:  # calamine raises several error types for damaged XML
        raise Rejected(Problem(name, None, None, None,
                               f"The workbook cannot be read ({type(exc).__name__}: {exc}).",
                               f"อ่านสมุดงานไม่ได้ ({type(exc).__name__}: {exc})"))


def _breach_problem(name: str, breach) -> Problem:
    return Problem(name, breach.sheet, breach.row, breach.column, breach.message_en, breach.message_th)


def read_grids(data: bytes, name: str, fmt: str, isolate: bool = False):
    """(sheets, notes) of a csv or xlsx file; with ``isolate`` the reading runs in a child process with a
    memory and time limit (``isolated_read``), so a reader failure cannot end the calling process."""
    if isolate:
        outcome = isolated_read.read_isolated(data, name, fmt)
        if outcome.problem:
            raise Rejected(Problem(name, **outcome.problem))
        return outcome.sheets, outcome.notes
    if fmt == "csv":
        grid, notes = read_csv_grid(data, name)
        return [(None, grid)], notes
    return read_xlsx_grids(data, name), []


def _grid_from_rows(rows: list[list]) -> pd.DataFrame:
    if not rows:
        return pd.DataFrame()
    width = max(len(r) for r in rows)
    if any(len(r) != width for r in rows):    # calamine gives a rectangle; pad anything else with ''
        rows = [r + [""] * (width - len(r)) for r in rows]
    frame = pd.DataFrame(rows, dtype=object)
    for c in frame.columns:
        frame[c] = _column_text(frame[c].to_numpy(dtype=object))
    return frame


_STR, _FLOAT, _OTHER = 0, 1, 2
_TYPE_CODE = {str: _STR, float: _FLOAT}


def _column_text(values: np.ndarray) -> np.ndarray:
    """``cell_text`` for a whole column; strings pass through, whole floats are formatted in bulk."""
    kind = pd.api.types.infer_dtype(values, skipna=False)   # C speed: most columns are all text or all numbers
    if kind == "string":
        return values
    if kind == "floating":
        code = np.full(len(values), _FLOAT, dtype=np.int8)
    else:
        code = np.fromiter((_TYPE_CODE.get(type(v), _OTHER) for v in values), dtype=np.int8, count=len(values))
    if not (code != _STR).any():
        return values
    out = values.copy()
    floats = code == _FLOAT
    if floats.any():
        f = values[floats].astype("float64")
        whole = np.isfinite(f) & (f == np.floor(f)) & (np.abs(f) < 1e15)
        text = np.empty(len(f), dtype=object)
        text[whole] = list(map(str, f[whole].astype(np.int64).tolist()))
        text[~whole] = list(map(repr, f[~whole].tolist()))
        out[floats] = text
    for i in np.flatnonzero(code == _OTHER):
        out[i] = cell_text(values[i])
    return out


def cell_text(value) -> str:
    """A spreadsheet cell as the text a user would type: 1401101.0 -> '1401101', dates ISO, '' for empty."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            return str(value)
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


# --- header and sheet -------------------------------------------------------------------------------------

def _norm(token: str) -> str:
    return _SPACES.sub("_", token.strip().casefold()).replace("-", "_")


def header_aliases(spec: KindSpec) -> dict[str, str]:
    """Every accepted spelling of a header cell -> canonical column name."""
    out = {}
    for col in spec.columns:
        for alias in (col.name, col.label_th, col.name.replace("_", " "), *col.aliases):
            out[_norm(alias)] = col.name
    if spec.allows_wide:
        for alias in WIDE_TOTAL_ALIASES:
            out[_norm(alias)] = "total"
    return out


def canonical_header(cell: str, aliases: dict[str, str], allow_months: bool) -> str | None:
    """Canonical name of a header cell such as 'amount', 'ปริมาณ' or 'amount / ปริมาณ'; months as 'm01'…"""
    text = cell.strip()
    if not text:
        return None
    candidates = [text]
    if "/" in text:
        first, _, rest = text.partition("/")
        candidates += [first, rest]
    for cand in candidates:
        key = _norm(cand)
        if key in aliases:
            return aliases[key]
        if allow_months:
            m = month_number(cand)
            if m is not None:
                return f"m{m:02d}"
    return None


@dataclass
class _Table:
    sheet: str | None
    header_row: int              # Excel row number of the header
    columns: dict[int, str]      # grid column index -> canonical name
    unknown: dict[int, str]      # grid column index -> header text not recognised
    data: pd.DataFrame           # grid rows below the header (index = grid row)
    layout: str


def _find_header(grid: pd.DataFrame, spec: KindSpec) -> tuple[int, dict[int, str], dict[int, str], set[str], str]:
    """Best header row in the first rows: (grid row, mapped, unknown, missing required, layout)."""
    aliases = header_aliases(spec)
    best = None
    for r in range(min(HEADER_SEARCH_ROWS, len(grid))):
        cells = grid.iloc[r].tolist()
        mapped, unknown = {}, {}
        for c, cell in enumerate(cells):
            if not str(cell).strip():
                continue
            canon = canonical_header(str(cell), aliases, allow_months=spec.allows_wide)
            if canon is None:
                unknown[c] = str(cell).strip()
            else:
                mapped[c] = canon
        names = set(mapped.values())
        layout = "wide" if spec.allows_wide and any(n.startswith("m") and n[1:].isdigit() for n in names) \
            and "amount" not in names and "month" not in names else "long"
        required = spec.required_columns(layout)
        missing = required - names
        score = (len(required) - len(missing), len(mapped))
        if best is None or score > best[0]:
            best = (score, r, mapped, unknown, missing, layout)
        if not missing:
            return r, mapped, unknown, missing, layout
    if best is None:
        return 0, {}, {}, spec.required_columns("long"), "long"
    _, r, mapped, unknown, missing, layout = best
    return r, mapped, unknown, missing, layout


def _select_table(sheets: list[tuple[str | None, pd.DataFrame]], spec: KindSpec, file_name: str) -> _Table:
    """The sheet named like the kind, else the first sheet whose header has every required column."""
    def nonempty(g):
        return g.shape[0] > 0 and g.shape[1] > 0 and (g != "").to_numpy().any()

    if not any(nonempty(g) for _, g in sheets):
        sheet = sheets[0][0] if sheets else None
        raise Rejected(Problem(file_name, sheet, None, None, "The file has no data: every sheet is empty.",
                               "ไฟล์ไม่มีข้อมูล ทุกแผ่นงานว่างเปล่า"))
    named = [s for s in sheets if s[0] is not None and _norm(s[0]) in spec.sheet_names()]
    ordered = named + [s for s in sheets if s not in named]
    tried = []
    for sheet, grid in ordered:
        if not nonempty(grid):
            tried.append((sheet, None))
            continue
        r, mapped, unknown, missing, layout = _find_header(grid, spec)
        if not missing:
            return _Table(sheet, r + 1, mapped, unknown, grid.iloc[r + 1:], layout)
        tried.append((sheet, (r, missing)))
    # nothing fits: report the closest sheet (named like the kind, else the first non-empty one)
    sheet, info = next(((s, i) for s, i in tried if i is not None), tried[0])
    if info is None:
        raise Rejected(Problem(file_name, sheet, None, None, "The sheet is empty.", "แผ่นงานว่างเปล่า"))
    r, missing = info
    cols = ", ".join(sorted(missing, key=spec.column_order))
    others = ", ".join(str(s) for s, _ in tried if s != sheet)
    also_en = f" (also looked at sheets: {others})" if others else ""
    also_th = f" (ตรวจแผ่นงานอื่นแล้ว: {others})" if others else ""
    raise Rejected(Problem(
        file_name, sheet, r + 1, cols,
        f"No header row with the columns of a '{spec.kind}' file; missing required column(s): {cols}"
        f"{also_en}. Is this the right file and sheet? Start from `python -m data template --kind {spec.kind}`.",
        f"ไม่พบแถวหัวตารางของไฟล์ประเภท '{spec.kind}' ขาดคอลัมน์ที่ต้องมี: {cols}{also_th} "
        f"ตรวจว่าเลือกไฟล์และแผ่นงานถูกต้อง หรือเริ่มจากแม่แบบ (template)"))


# --- value parsing (vectorised) ---------------------------------------------------------------------------

class _Collector:
    """Gathers problems for one file/sheet, capped at ``MAX_PROBLEMS``."""

    def __init__(self, file_name: str, sheet: str | None):
        self.file, self.sheet = file_name, sheet
        self.items: list[Problem] = []
        self.dropped = 0

    def add(self, row, column, en, th):
        if len(self.items) >= MAX_PROBLEMS:
            self.dropped += 1
            return
        self.items.append(Problem(self.file, self.sheet, None if row is None else int(row), column, en, th))

    def each(self, mask: pd.Series, excel_row: pd.Series, column, en, th, values: pd.Series | None = None,
             columns: pd.Series | None = None, extra: pd.Series | None = None):
        """One problem per True in ``mask``; ``en``/``th`` may use {value} and {extra}; ``columns`` per row."""
        idx = mask[mask.fillna(False).astype(bool)].index
        for n, i in enumerate(idx):
            if len(self.items) >= MAX_PROBLEMS:
                self.dropped += len(idx) - n
                return
            v = _show(None if values is None else values.at[i])
            x = _show(None if extra is None else extra.at[i])
            col = columns.at[i] if columns is not None else column
            self.add(excel_row.at[i], col, en.format(value=v, extra=x), th.format(value=v, extra=x))

    def result(self) -> list[Problem]:
        items = sorted(self.items, key=lambda p: (p.row is not None, p.row or 0))
        if self.dropped:
            return items + [Problem(self.file, self.sheet, None, None,
                                         f"... and {self.dropped:,} more problems not listed.",
                                         f"... และปัญหาอื่นอีก {self.dropped:,} รายการที่ไม่ได้แสดง")]
        return items


def _show(v) -> str:
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return ""
    if isinstance(v, float) and v.is_integer() and abs(v) < 1e15:
        return str(int(v))
    s = str(v)
    return s if len(s) <= 60 else s[:57] + "..."


def parse_numbers(raw: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Strings to floats: Thai digits, thousands separators '1,234.5'; returns (values, bad mask).

    Empty cells give NaN and are not bad; 'nan', 'inf', '1,2' and text are bad.
    """
    s = _arabic_digits(raw.astype(str)).str.strip()
    s = s.str.replace("\u00a0", "", regex=False)
    has_comma = s.str.contains(",", regex=False)
    bad_commas = has_comma & ~s.str.match(_THOUSANDS)
    cleaned = s.where(~has_comma, s.str.replace(",", "", regex=False))
    values = _to_float(cleaned)
    empty = s == ""
    finite = np.isfinite(values.to_numpy(dtype="float64", na_value=np.nan))
    # to_numeric accepts 'nan' and 'inf'; those are not figures anyone should import
    bad = (~empty & (~pd.Series(finite, index=s.index) | bad_commas))
    values = values.where(~bad)
    return values, bad


_PLAIN_DECIMAL = r"-?[0-9]+(\.[0-9]+)?"


def _to_float(cleaned: pd.Series) -> pd.Series:
    """``pd.to_numeric(errors="coerce")`` as float64, empty cells NaN. When every other cell is a plain decimal
    ('1234.5', '-3': nearly every file), Arrow casts them in bulk instead: both round each to the nearest
    double, so the values are the same."""
    blank = cleaned == ""
    text = cleaned[~blank]
    if len(text) and text.str.fullmatch(_PLAIN_DECIMAL).all():
        import pyarrow as pa
        import pyarrow.compute as pc

        out = np.full(len(cleaned), np.nan)
        out[~blank.to_numpy(dtype=bool)] = pc.cast(pa.array(text), pa.float64()).to_numpy(zero_copy_only=False)
        return pd.Series(out, index=cleaned.index, dtype="float64")
    return pd.to_numeric(cleaned.where(~blank, None), errors="coerce").astype("float64")


def _arabic_digits(s: pd.Series) -> pd.Series:
    """Thai digits ๐-๙ as 0-9; only rows that contain one are touched (str.translate is per-row Python)."""
    has_thai = s.str.contains("[๐-๙]", regex=True)
    if not has_thai.any():
        return s
    return s.where(~has_thai, s[has_thai].str.translate(THAI_DIGITS))


def _text(raw: pd.Series) -> pd.Series:
    """Free text exactly as typed; empty or blank cells become None (missing)."""
    blank = raw.astype(str).str.strip() == ""
    return raw.astype(object).where(~blank, None)


def _code(raw: pd.Series) -> pd.Series:
    """A code: trimmed, Thai digits made Arabic; None when empty."""
    s = _arabic_digits(raw.astype(str)).str.strip()
    return s.astype(object).where(s != "", None)


# --- the checks -------------------------------------------------------------------------------------------

@dataclass
class _Lookups:
    municipalities: set
    provinces: set
    factor_units: dict
    gpc_refs: set
    indicators: set
    indicator_units: dict = field(default_factory=dict)

    @classmethod
    def load(cls, con) -> "_Lookups":
        if con is None:
            return cls(set(), set(), {}, set(), set())
        cur = con.cursor()
        try:
            def col(sql):
                return {r[0] for r in cur.execute(sql).fetchall()}

            units = dict(cur.execute("SELECT activity, min(unit) FROM emission_factor GROUP BY activity").fetchall())
            ind_units = dict(cur.execute("SELECT indicator_code, unit FROM indicator_def").fetchall())
            # context values imported like indicators (population of a year), not scored
            ind_units.update({c: u for c, (_th, _en, u) in cat_mod.CONTEXT_INDICATORS.items()})
            return cls(col("SELECT code FROM municipality"), col("SELECT province_code FROM province"), units,
                       col("SELECT gpc_ref FROM gpc_ref"), set(ind_units), ind_units)
        finally:
            cur.close()


def _parse_columns(spec: KindSpec, frame: pd.DataFrame, rows: pd.Series, out: _Collector,
                   amount_cols: pd.Series | None) -> pd.DataFrame:
    """Parse every column by its type; return typed columns (bad values become missing)."""
    typed = {}
    for col in spec.columns:
        if col.name not in frame.columns:
            typed[col.name] = pd.Series([None] * len(frame), index=frame.index, dtype=col.pandas_dtype)
            continue
        raw = frame[col.name].astype(str)
        typed[col.name] = _parse_distinct(col, raw, rows, out,
                                          amount_cols if (col.name == "amount" and amount_cols is not None)
                                          else None)
    return pd.DataFrame(typed, index=frame.index)


def _parse_distinct(col: Column, raw: pd.Series, rows: pd.Series, out: _Collector, per_row_col) -> pd.Series:
    """``_parse_one`` of a column, run once per distinct text when the column repeats its values (codes, years,
    months, units: a 100,000-row file has a few hundred distinct texts there). ``_parse_one`` looks at each cell
    alone, so the typed values and the problems are exactly those of parsing every cell: both are spread back
    to the rows through the factorised codes, in row order."""
    codes, uniques = pd.factorize(raw)
    if per_row_col is not None or 2 * len(uniques) > len(raw) or (codes < 0).any():
        return _parse_one(col, raw, rows, out, per_row_col)
    distinct = pd.Series(uniques, dtype=raw.dtype)
    values = _parse_one(col, distinct, distinct.index.to_series(), _Spread(out, codes, rows), None)
    return _take(values, codes, raw.index)


def _take(per_value: pd.Series, codes: np.ndarray, index: pd.Index) -> pd.Series:
    """``per_value[codes]`` with ``index``, keeping the dtype (an object column stays object, not text)."""
    if per_value.dtype == object:
        return pd.Series(per_value.to_numpy(dtype=object)[codes], index=index, dtype=object)
    return pd.Series(per_value.array.take(codes), index=index)


class _Spread:
    """A ``_Collector`` seen from the distinct values of one column: a problem of a distinct value becomes one
    problem for every row that holds it (``codes``: each row's distinct value; ``rows``: the Excel rows)."""

    def __init__(self, out: _Collector, codes: np.ndarray, rows: pd.Series):
        self.out, self.codes, self.rows = out, codes, rows

    def _rows(self, per_value: pd.Series) -> pd.Series:
        return _take(per_value, self.codes, self.rows.index)

    def each(self, mask: pd.Series, excel_row: pd.Series, column, en, th, values: pd.Series | None = None,
             columns: pd.Series | None = None, extra: pd.Series | None = None):
        hit = mask.fillna(False).astype(bool)
        if not hit.any():
            return
        if columns is not None:
            raise ValueError("per-row columns are not spread from distinct values")
        self.out.each(self._rows(hit), self.rows, column, en, th,
                      values=None if values is None else self._rows(values),
                      extra=None if extra is None else self._rows(extra))


def _parse_one(col: Column, raw: pd.Series, rows: pd.Series, out: _Collector, per_row_col) -> pd.Series:
    """Typed values of one column's texts; a problem for each bad cell. Each cell is parsed by its text alone
    (no look at other rows), which ``_parse_distinct`` relies on."""
    name = col.name
    empty = raw.str.strip() == ""
    if col.required:
        out.each(empty, rows, name, f"A value is required in column {name}.", f"ต้องกรอกค่าในคอลัมน์ {name}",
                 columns=per_row_col)
    if col.kind == "text":
        values = _text(raw)
        too_long = raw.str.len() > MAX_TEXT_CHARS
        out.each(too_long, rows, name, f"Text longer than {MAX_TEXT_CHARS:,} characters.",
                 f"ข้อความยาวเกิน {MAX_TEXT_CHARS:,} ตัวอักษร")
        return values.where(~too_long, None)
    if col.kind == "code":
        values = _code(raw)
        if col.pattern:
            bad = values.notna() & ~values.fillna("").str.fullmatch(col.pattern)
            out.each(bad, rows, name, f"'{{value}}' is not a valid {name} ({col.pattern_hint_en}).",
                     f"'{{value}}' ไม่ใช่ {name} ที่ถูกต้อง ({col.pattern_hint_th})", values=raw)
            values = values.where(~bad, None)
        return values
    if col.kind == "choice":
        key = raw.str.strip().str.casefold()
        table = {c.casefold(): c for c in col.choices}
        table.update({a.casefold(): c for a, c in col.choice_aliases.items()})
        values = key.map(table).astype(object)
        bad = ~empty & values.isna()
        allowed = ", ".join(col.choices)
        out.each(bad, rows, name, f"'{{value}}' is not allowed in {name}; use one of: {allowed}.",
                 f"ค่า '{{value}}' ใช้ในคอลัมน์ {name} ไม่ได้ ให้ใช้ค่าใดค่าหนึ่ง: {allowed}", values=raw)
        return values.where(~bad, None)
    if col.kind == "month":
        num, bad_num = parse_numbers(raw)
        names = raw[bad_num].map(month_number)
        num = num.copy()
        num.loc[names.index] = names.astype("float64")
        bad = ~empty & (num.isna() | (num % 1 != 0) | (num < 1) | (num > 12))
        out.each(bad, rows, name, "Month '{value}' must be 1-12 (or Jan…Dec, ม.ค.…ธ.ค.).",
                 "เดือน '{value}' ต้องเป็น 1-12 (หรือ ม.ค.…ธ.ค., Jan…Dec)", values=raw)
        return num.where(~bad).round().astype("Int64")
    # numbers: int, float, year
    num, bad = parse_numbers(raw)
    out.each(bad, rows, name, f"'{{value}}' in {name} is not a number.", f"ค่า '{{value}}' ใน {name} ไม่ใช่ตัวเลข",
             values=raw, columns=per_row_col)
    if col.kind in ("int", "year"):
        frac = num.notna() & (num % 1 != 0)
        out.each(frac, rows, name, f"{name} must be a whole number, not {{value}}.",
                 f"{name} ต้องเป็นจำนวนเต็ม ไม่ใช่ {{value}}", values=raw)
        num = num.where(~frac)
    if col.kind == "year":
        be = num >= 2400
        bad_year = num.notna() & ~(((num >= CE_MIN) & (num <= CE_MAX)) | ((num >= BE_MIN) & (num <= BE_MAX)))
        out.each(bad_year, rows, name,
                 f"Year {{value}} is out of range: use {CE_MIN}-{CE_MAX} (CE) or {BE_MIN}-{BE_MAX} (BE, พ.ศ.).",
                 f"ปี {{value}} อยู่นอกช่วง ให้ใช้ ค.ศ. {CE_MIN}-{CE_MAX} หรือ พ.ศ. {BE_MIN}-{BE_MAX}", values=raw)
        num = num.where(~bad_year)
        num = num.where(~be, num - BE_OFFSET)
        return num.round().astype("Int64")
    if col.lo is not None or col.hi is not None:
        lo = -np.inf if col.lo is None else col.lo
        hi = np.inf if col.hi is None else col.hi
        out_of = num.notna() & ((num < lo) | (num > hi))
        if col.lo == 0 and col.hi is None:
            en, th = f"{name} must not be negative ({{value}}).", f"{name} ต้องไม่ติดลบ ({{value}})"
        else:
            en = f"{name} {{value}} is outside the plausible range {_fmt(lo)} to {_fmt(hi)}."
            th = f"ค่า {name} {{value}} อยู่นอกช่วงที่เป็นไปได้ {_fmt(lo)} ถึง {_fmt(hi)}"
        out.each(out_of, rows, name, en, th, values=raw, columns=per_row_col)
        num = num.where(~out_of)
    if col.kind == "int":
        return num.round().astype("Int64")
    return num.astype("Float64")


def _fmt(x: float) -> str:
    if x in (np.inf, -np.inf):
        return "∞" if x > 0 else "-∞"
    return f"{x:,.0f}" if abs(x) >= 1 else f"{x:g}"


def _check_exists(values: pd.Series, known: set, rows: pd.Series, out: _Collector, column: str,
                  what_en: str, what_th: str, hint_en: str = "", hint_th: str = "") -> pd.Series:
    bad = values.notna() & ~values.isin(known)
    out.each(bad, rows, column, f"Unknown {what_en} '{{value}}'.{hint_en}", f"ไม่รู้จัก{what_th} '{{value}}'{hint_th}",
             values=values)
    return bad


def _check_duplicates(df: pd.DataFrame, key: list[str], rows: pd.Series, out: _Collector,
                      columns: pd.Series | None = None) -> None:
    """Rows sharing the key with an earlier row of the file: one problem each, naming the first row."""
    if not len(df):
        return
    k = pd.Series(_key_ids(df, key), index=df.index)
    dup = k.duplicated(keep=False)
    if not dup.any():
        return
    first_row = rows[dup].groupby(k[dup], sort=False).transform("min")
    later = dup & k.duplicated(keep="first")
    label = ", ".join(key)
    out.each(later, rows, key[0],
             f"Duplicate row: same {label} as row {{value}}. Combine them into one row (add the amounts) "
             "or correct the key.",
             f"แถวซ้ำ: {label} เหมือนกับแถว {{value}} ให้รวมเป็นแถวเดียว (บวกปริมาณ) หรือแก้ไขค่า",
             values=first_row.reindex(df.index), columns=columns)


_MISSING_KEY = "\x00"     # a missing key value groups with the others missing (and with this text)


def _key_ids(df: pd.DataFrame, key: list[str]) -> np.ndarray:
    """One integer per row for its values of the ``key`` columns: rows with equal keys get equal numbers,
    0, 1, 2, … in the order the keys first appear. Missing values are equal to each other, as if they were the text ``_MISSING_KEY``."""
    ids = np.zeros(len(df), dtype=np.int64)
    for c in key:
        codes, uniques = pd.factorize(df[c])          # missing -> -1
        codes = codes.astype(np.int64) + 1             # missing -> 0
        if uniques.dtype == object or pd.api.types.is_string_dtype(uniques.dtype):
            codes[np.isin(codes, 1 + np.flatnonzero(pd.Series(uniques, dtype=object) == _MISSING_KEY))] = 0
        ids = pd.factorize(ids * (len(uniques) + 1) + codes)[0].astype(np.int64)
    return ids


def _by_distinct(values: pd.Series, fn) -> pd.Series:
    """``fn(values)`` for a function that looks at each value alone, run once per distinct value."""
    codes, uniques = pd.factorize(values, use_na_sentinel=False)
    if 2 * len(uniques) > len(values):
        return fn(values)
    distinct = pd.Series(uniques, dtype=values.dtype)
    return _take(fn(distinct), codes, values.index)


def _check_activities(t: pd.DataFrame, rows: pd.Series, lk: _Lookups, out: _Collector, raw_unit: pd.Series,
                      amount_cols: pd.Series | None) -> pd.DataFrame:
    _check_exists(t["municipality_code"], lk.municipalities, rows, out, "municipality_code",
                  "municipality code", "รหัส อปท.",
                  " Import the municipality first (kind municipalities).", " ให้นำเข้าข้อมูล อปท. ก่อน (municipalities)")
    t["activity"] = _by_distinct(t["activity"], _lower)
    unknown_act = _check_exists(t["activity"], set(lk.factor_units), rows, out, "activity", "activity key",
                                "รหัสกิจกรรม", " See the 'lists' sheet of the template.",
                                " ดูรายการในแผ่นงาน 'lists' ของแม่แบบ")
    if lk.gpc_refs:
        t["gpc_ref"] = _by_distinct(t["gpc_ref"], lambda v: _lower(v, upper=True))
        _check_exists(t["gpc_ref"], lk.gpc_refs, rows, out, "gpc_ref", "GPC reference", "รหัส GPC")
    # unit must be the factor's unit (no silent conversion); a few spellings are accepted
    expected, given, ok = _units(t["activity"], raw_unit, lk.factor_units)
    bad_unit = ~unknown_act & t["activity"].notna() & (given != "") & ~ok
    out.each(bad_unit, rows, "unit", "Unit '{value}' does not match the activity's unit '{extra}' "
             "(convert the amount, e.g. MWh × 1000 = kWh; see the lists sheet).",
             "หน่วย '{value}' ไม่ตรงกับหน่วยของกิจกรรม '{extra}' (แปลงปริมาณ เช่น MWh × 1000 = kWh ดูแผ่นงาน lists)",
             values=given, extra=expected)
    t["unit"] = expected.where(ok, None)
    # absurd amounts: per-unit upper bound for a single row (a month or a year)
    bound = _by_distinct(t["unit"], lambda u: u.map(UNIT_MAX).astype("float64"))
    amt = t["amount"].astype("float64")
    too_big = amt.notna() & bound.notna() & (amt > bound)
    out.each(too_big, rows, "amount",
             "Amount {value} is implausibly large for one row (check the unit and decimal point).",
             "ปริมาณ {value} มากเกินจริงสำหรับหนึ่งแถว (ตรวจหน่วยและจุดทศนิยม)", values=t["amount"],
             columns=amount_cols)
    # an annual row and monthly rows for the same item would count the year twice
    item = ["municipality_code", "year", "inventory", "activity", "gpc_ref"]
    groups = _key_ids(t, item)
    annual = t["month"].isna()
    has_annual = annual.groupby(groups, sort=False).transform("any")
    has_month = (~annual).groupby(groups, sort=False).transform("any")
    mixed = has_annual & has_month & annual
    out.each(mixed, rows, "month",
             "This annual row (no month) and monthly rows for the same item would count the year twice; "
             "use either one annual row or monthly rows.",
             "แถวรายปี (ไม่ระบุเดือน) และแถวรายเดือนของรายการเดียวกันจะนับซ้ำ ให้ใช้แบบรายปีหรือรายเดือนอย่างใดอย่างหนึ่ง")
    return t


def _units(activity: pd.Series, raw_unit: pd.Series, factor_units: dict) -> tuple[pd.Series, pd.Series, pd.Series]:
    """(the activity's unit in the factor library, the unit as typed and trimmed, whether they agree) for each
    row; worked out once per distinct (activity, unit) pair."""
    pair = _key_ids(pd.DataFrame({"a": activity, "u": raw_unit}), ["a", "u"])
    first = np.unique(pair, return_index=True)[1]      # the row where each pair first appears, in id order
    if 2 * len(first) > len(pair):
        first, pair = np.arange(len(pair)), None
    act, unit = activity.iloc[first], raw_unit.iloc[first]
    expected = act.map(factor_units)
    given = unit.astype(str).str.strip()
    alias = given.str.casefold().map(ACTIVITY_UNIT_ALIASES)
    canon = alias.where(alias.notna(), given)
    ok = canon.str.casefold() == expected.fillna("").str.casefold()
    if pair is None:
        return expected, given, ok
    return _take(expected, pair, activity.index), _take(given, pair, activity.index), _take(ok, pair, activity.index)


def _lower(values: pd.Series, upper: bool = False) -> pd.Series:
    """Case-normalise a code column vectorised; missing stays None."""
    s = values.astype("str")
    s = s.str.upper() if upper else s.str.lower()
    return s.astype(object).where(values.notna(), None)


def _check_municipalities(t: pd.DataFrame, rows: pd.Series, lk: _Lookups, out: _Collector) -> pd.DataFrame:
    _check_exists(t["province_code"], lk.provinces, rows, out, "province_code", "province code (DOPA)",
                  "รหัสจังหวัด (กรมการปกครอง)")
    lat_only = t["lat"].notna() ^ t["lon"].notna()
    out.each(lat_only, rows, "lat", "Give both lat and lon, or neither.", "ต้องกรอกทั้ง lat และ lon หรือไม่กรอกทั้งคู่")
    known = lk.municipalities | set(t["code"].dropna())
    _check_exists(t["mentor_code"], known, rows, out, "mentor_code", "mentor municipality code",
                  "รหัส อปท. พี่เลี้ยง", " The mentor must be in this file or already imported.",
                  " อปท. พี่เลี้ยงต้องอยู่ในไฟล์นี้หรือนำเข้าไว้แล้ว")
    self_mentor = t["mentor_code"].notna() & (t["mentor_code"] == t["code"])
    out.each(self_mentor, rows, "mentor_code", "A municipality cannot be its own mentor.",
             "อปท. เป็นพี่เลี้ยงของตัวเองไม่ได้")
    return t


def _check_municipality_ref(t, rows, lk, out):
    _check_exists(t["municipality_code"], lk.municipalities, rows, out, "municipality_code",
                  "municipality code", "รหัส อปท.",
                  " Import the municipality first (kind municipalities).", " ให้นำเข้าข้อมูล อปท. ก่อน (municipalities)")


def _check_indicators(t, rows, lk, out):
    _check_municipality_ref(t, rows, lk, out)
    hint_en = "" if lk.indicators else " (the indicator catalogue is empty)"
    hint_th = "" if lk.indicators else " (ยังไม่มีรายการตัวชี้วัดในฐานข้อมูล)"
    _check_exists(t["indicator_code"], lk.indicators, rows, out, "indicator_code", "indicator code",
                  "รหัสตัวชี้วัด", hint_en, hint_th)
    # a value must fit its unit: yes/no 0 or 1, a share 0-100 %, a count or length >= 0
    units = t["indicator_code"].map(lk.indicator_units)
    known = units.notna()
    if known.any():
        vals = pd.to_numeric(t["value"], errors="coerce")
        bad = pd.Series(cat_mod.out_of_range(vals[known].to_numpy(dtype=float), units[known].tolist(),
                                             t["indicator_code"][known].tolist()), index=t.index[known])
        ranges = units[known].map(lambda u: _RANGE_TEXT[cat_mod.value_range(u)[2]])
        out.each(bad.reindex(t.index, fill_value=False), rows, "value",
                 "Value {value} is outside the range of its unit ({extra}).",
                 "ค่า {value} อยู่นอกช่วงของหน่วย ({extra})", values=t["value"],
                 extra=ranges.reindex(t.index))
    return t


_RANGE_TEXT = {"yes/no": "yes/no: 0 or 1 / ใช่-ไม่ใช่: 0 หรือ 1", "percent": "0-100 %",
               "non-negative": ">= 0"}


def _check_actions(t, rows, lk, out):
    _check_municipality_ref(t, rows, lk, out)
    before = t["end_year"].notna() & t["start_year"].notna() & (t["end_year"] < t["start_year"])
    out.each(before.astype(bool), rows, "end_year", "end_year is before start_year.", "ปีสิ้นสุดอยู่ก่อนปีเริ่มต้น")
    # A-S-I classifies mitigation; resilience actions are classified by UNDRR essential instead (migration 006)
    mitigation = t["theme"].isin(MITIGATION_THEMES)
    resilience = t["theme"] == "resilience"
    has_asi, has_ess = t["asi"].notna(), t["undrr_essential"].notna()
    out.each(mitigation & ~has_asi, rows, "asi",
             "A {value} action needs an A-S-I type (avoid, shift or improve) in column asi.",
             "โครงการด้าน {value} ต้องกรอกประเภท A-S-I (avoid, shift หรือ improve) ในคอลัมน์ asi", values=t["theme"])
    out.each(mitigation & has_ess, rows, "undrr_essential",
             "A {value} action is classified by A-S-I, not by UNDRR essential: leave undrr_essential empty.",
             "โครงการด้าน {value} จัดประเภทด้วย A-S-I ไม่ใช่ 10 ประการของ UNDRR ให้เว้นว่างคอลัมน์ undrr_essential",
             values=t["theme"])
    out.each(resilience & ~has_ess, rows, "undrr_essential",
             "A resilience action needs its UNDRR essential (1-10) in column undrr_essential.",
             "โครงการด้านเมืองรู้สู้ภัยพิบัติต้องกรอกข้อที่ (1-10) ของ 10 ประการ UNDRR ในคอลัมน์ undrr_essential")
    out.each(resilience & has_asi, rows, "asi",
             "A resilience action is classified by UNDRR essential, not A-S-I: leave asi empty ('{value}' given).",
             "โครงการด้านเมืองรู้สู้ภัยพิบัติจัดประเภทด้วย 10 ประการของ UNDRR ไม่ใช่ A-S-I ให้เว้นว่างคอลัมน์ asi "
             "(กรอกไว้ '{value}')", values=t["asi"])
    return t


def _check_scorecard(t, rows, lk, out):
    _check_municipality_ref(t, rows, lk, out)
    cap = t["level"].map({"preliminary": 3, "detailed": 5}).astype("float64")
    over = t["score"].notna() & cap.notna() & (t["score"].astype("float64") > cap)
    out.each(over.astype(bool), rows, "score",
             "Score {value} is above the maximum for this level (preliminary 0-3, detailed 0-5).",
             "คะแนน {value} เกินค่าสูงสุดของระดับนี้ (ขั้นต้น 0-3, ละเอียด 0-5)", values=t["score"])
    return t


_KIND_CHECKS = {"municipalities": _check_municipalities, "indicators": _check_indicators,
                "actions": _check_actions, "scorecard": _check_scorecard}


# --- the whole file ---------------------------------------------------------------------------------------

def validate_file(path_or_bytes, file_name: str | None, kind: str, con, isolate: bool = False,
                  progress=None, more_checks=None) -> ValidationResult:
    """Read and check an import file of ``kind``; nothing is written.

    Returns the typed rows (the target table's columns plus ``excel_row``), every problem found (empty when
    the file can be imported), and a preview of the first rows. ``isolate`` reads the file in a child process
    with a memory limit (the app does, for uploads); ``progress(fraction)`` is told how far the check is.
    ``more_checks(rows, problems, sheet)`` adds the caller's problems (the data page: rows already in the
    database, rows outside an account's scope) in the same pass; it gets the typed rows and the problems found
    so far. Every problem about one cell carries the cell's text as typed (``Problem.value``).
    """
    say = progress or (lambda fraction: None)
    spec = KINDS.get(kind)
    if spec is None:
        raise ValueError(f"unknown kind {kind!r}; use one of {', '.join(KINDS)}")
    empty = spec.empty_frame()
    try:
        data, name = read_input(path_or_bytes, file_name)
        fmt = file_format(data, name)
        sheets, notes = read_grids(data, name, fmt, isolate)
        say(0.4)
        if fmt == "xlsx":
            if not sheets:
                raise Rejected(Problem(name, None, None, None, "The workbook has no worksheet.",
                                       "สมุดงานไม่มีแผ่นงาน"))
        sheets = [(sheet, thai_text.normalise_grid(grid)) for sheet, grid in sheets]
        table = _select_table(sheets, spec, name)
    except Rejected as rej:
        return ValidationResult(empty, [rej.problem], empty.head(0))
    out = _Collector(name, table.sheet)
    frame, rows, amount_cols = _structure(spec, table, out)
    if not len(frame) and not out.items:
        out.add(None, None, "The sheet has a header but no data rows.", "แผ่นงานมีหัวตารางแต่ไม่มีแถวข้อมูล")
    raw_unit = frame["unit"] if "unit" in frame.columns else None
    say(0.5)
    typed = _parse_columns(spec, frame, rows, out, amount_cols)
    say(0.7)
    lk = _Lookups.load(con)
    if kind == "activities":
        typed = _check_activities(typed, rows, lk, out, raw_unit, amount_cols)
        _check_duplicates(typed, list(spec.key), rows, out,
                          columns=None if amount_cols is None else amount_cols)
    else:
        typed = _KIND_CHECKS[kind](typed, rows, lk, out)
        _check_duplicates(typed, list(spec.key), rows, out)
    typed["excel_row"] = rows.astype("int64")
    typed = typed.reset_index(drop=True)
    problems = out.result()
    if more_checks is not None:
        say(0.8)
        extra = more_checks(typed, problems, table.sheet)
        if extra:
            problems = sorted(problems + list(extra), key=lambda p: (p.row is not None, p.row or 0))
    problems = typed_values(problems, frame, rows, amount_cols, table.layout == "wide")
    return ValidationResult(typed, problems, typed.head(PREVIEW_ROWS), table.sheet, table.layout,
                            table.header_row, notes)


def typed_values(problems: list[Problem], frame: pd.DataFrame, rows: pd.Series, amount_cols: pd.Series | None,
                 wide: bool) -> list[Problem]:
    """``problems`` with ``value`` set to the text typed in their cell (row, column) of the file's ``frame``
    (one entry per data row, ``rows`` its Excel row numbers; wide files: ``amount_cols`` names each amount's
    month column)."""
    wanted = {(p.row, p.column) for p in problems if p.row is not None and p.column and p.value is None}
    if not wanted or not len(frame):
        return problems
    where = np.flatnonzero(rows.isin({r for r, _ in wanted}).to_numpy())
    cells: dict[tuple[int, str], str] = {}
    columns = list(frame.columns)
    for i in where:
        r = int(rows.iat[i])
        for j, col in enumerate(columns):
            if wide and col == "month":          # made from the month column's name, not typed
                continue
            name = str(amount_cols.iat[i]) if amount_cols is not None and col == "amount" else col
            if (r, name) in wanted and (r, name) not in cells:
                text = frame.iat[i, j]
                cells[(r, name)] = "" if text is None else str(text)
    return [replace(p, value=cells[(p.row, p.column)]) if (p.row, p.column) in cells else p for p in problems]


def _structure(spec: KindSpec, table: _Table, out: _Collector):
    """Header problems, empty-row removal and (activities) wide-to-long; returns (frame, excel rows, amount col)."""
    seen: dict[str, int] = {}
    for c, canon in sorted(table.columns.items()):
        if canon in seen:
            out.add(table.header_row, canon, f"Column {canon} appears twice in the header (columns "
                    f"{xl_col_to_name(seen[canon])} and {xl_col_to_name(c)}).",
                    f"คอลัมน์ {canon} ซ้ำกันในหัวตาราง (คอลัมน์ {xl_col_to_name(seen[canon])} และ {xl_col_to_name(c)})")
        else:
            seen[canon] = c
    unknown = dict(table.unknown)
    if table.layout == "long" and "total" in seen:
        unknown[seen.pop("total")] = "total"
    for c, text in sorted(unknown.items()):
        out.add(table.header_row, text,
                f"Unknown column '{text}' (column {xl_col_to_name(c)}). Accepted columns: {spec.column_list()}. "
                "Rename or delete it so that no data is silently ignored.",
                f"ไม่รู้จักคอลัมน์ '{text}' (คอลัมน์ {xl_col_to_name(c)}) คอลัมน์ที่รับได้: {spec.column_list()} "
                "ให้เปลี่ยนชื่อหรือลบออก เพื่อไม่ให้ข้อมูลถูกละเลย")
    data = table.data
    data = data[(data != "").any(axis=1)] if len(data) else data
    used = set(table.columns) | set(table.unknown)
    for c in [c for c in data.columns if c not in used]:
        nonblank = data[c].astype(str).str.strip() != ""
        if nonblank.any():
            r = int(nonblank.idxmax()) + 1
            out.add(r, xl_col_to_name(c), f"Values in column {xl_col_to_name(c)}, which has no header.",
                    f"มีค่าในคอลัมน์ {xl_col_to_name(c)} ซึ่งไม่มีหัวตาราง")
    frame = pd.DataFrame({seen_name: data[c] for seen_name, c in seen.items()}, index=data.index)
    rows = pd.Series(data.index + 1, index=data.index, dtype="int64")
    if table.layout != "wide":
        return frame, rows, None
    return _wide_to_long(frame, rows, out)


def _wide_to_long(frame: pd.DataFrame, rows: pd.Series, out: _Collector):
    """TGO-calculator layout (one row per item, a column per month) to long rows with month and amount."""
    month_cols = sorted(c for c in frame.columns if c.startswith("m") and c[1:].isdigit())
    base_cols = [c for c in frame.columns if c not in month_cols and c != "total"]
    values = {}
    for c in month_cols:
        num, bad = parse_numbers(frame[c])
        out.each(bad, rows, MONTHS[int(c[1:]) - 1], "'{value}' is not a number.", "ค่า '{value}' ไม่ใช่ตัวเลข",
                 values=frame[c])
        values[c] = num
    filled = pd.DataFrame({c: frame[c].astype(str).str.strip() != "" for c in month_cols}, index=frame.index)
    none_filled = ~filled.any(axis=1)
    out.each(none_filled, rows, MONTHS[0] if month_cols else "month",
             "The item has no monthly amount; enter the months (0 where nothing was used) or delete the row.",
             "รายการนี้ไม่มีปริมาณรายเดือน ให้กรอกเดือน (ใส่ 0 ถ้าไม่มีการใช้) หรือลบแถว")
    if "total" in frame.columns:
        total, bad_total = parse_numbers(frame["total"])
        out.each(bad_total, rows, "total", "'{value}' is not a number.", "ค่า '{value}' ไม่ใช่ตัวเลข",
                 values=frame["total"])
        month_sum = pd.DataFrame(values).sum(axis=1, min_count=1)
        off = total.notna() & month_sum.notna() & ((total - month_sum).abs() > np.maximum(0.01, total.abs() * 1e-9))
        out.each(off, rows, "total", "The total {value} is not the sum of the months.",
                 "ยอดรวม {value} ไม่เท่ากับผลรวมรายเดือน", values=frame["total"].astype(str)
                 + month_sum.map(lambda v: f" ≠ {v:,.2f}"))
    parts = []
    for c in month_cols:
        keep = filled[c]
        part = frame.loc[keep, base_cols].copy()
        part["month"] = str(int(c[1:]))
        part["amount"] = frame.loc[keep, c]
        part["_row"] = rows[keep]
        part["_col"] = MONTHS[int(c[1:]) - 1]
        part["_order"] = part.index * 100 + int(c[1:])
        parts.append(part)
    if not parts:
        long = pd.DataFrame(columns=base_cols + ["month", "amount", "_row", "_col", "_order"])
    else:
        long = pd.concat(parts).sort_values("_order")
    long = long.reset_index(drop=True)
    rows_long = long["_row"].astype("int64")
    cols_long = long["_col"].astype(object)
    return long.drop(columns=["_row", "_col", "_order"]), rows_long, cols_long
