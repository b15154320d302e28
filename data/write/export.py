"""Export everything needed to rebuild the database, and restore from such an export.

``python -m data export OUT [--format xlsx|csv|parquet]`` writes every data table, ``import_batch``,
``dataset_info`` (and the ``import_superseded`` bookkeeping when present) plus, for provenance, the
reference tables (factors, GWP, GPC, indicators, provinces). xlsx: one workbook, a sheet per table and a
``_manifest`` sheet; csv and parquet: a directory with one file per table and ``manifest.json``.
``python -m data restore OUT`` rebuilds the data tables from it in one transaction; reference tables come
from the code's CSVs (a note says when the exported ones differ). Export → restore → export is identical.

Restore checks the export like an import before writing anything (``restore_checks``): manifest complete,
files present with the manifest's SHA-256 and row counts, every row's fields, types, finite numbers, ranges
and foreign keys; problems name the file and row (exit 2). Files are written as ``NAME.part`` and renamed
when complete, so a failed export (a full disk) leaves no partial file behind.

Formula-injection guard: in CSV and XLSX, a text cell that starts with = + - @ tab, CR, or an apostrophe,
or is empty, gets an apostrophe in front (OWASP "CSV injection"); restore removes exactly one leading
apostrophe, so the round trip is exact. Numbers are never touched. Parquet is not opened by spreadsheets
and stores text as is. XLSX keeps 16 significant digits of a floating-point number (as Excel does);
CSV and Parquet are exact.
"""
from __future__ import annotations

import csv
import json
import os
from dataclasses import dataclass, field
from data.write.restore_checks import RestoreRejected
from data.write import restore_checks
from data.ingest.read_limits import xlsx_breach
from data.ingest.validate import Problem
from datetime import datetime, timezone
from pathlib import Path

import duckdb
import pandas as pd

from data.figures import refresh
from data.store import action_essential, dataset, db, lock, reference, table_writes
from data.write import batches

EXPORT_VERSION = 1
MANIFEST = "manifest.json"
MANIFEST_SHEET = "_manifest"
FORMATS = ("xlsx", "csv", "parquet")
XLSX_MAX_ROWS = 1_048_576
XLSX_MAX_CHARS = 32_767
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "'")
REFERENCE_TABLE_NAMES = {"region", "province", *reference.REFERENCE_TABLES.values()}
NOT_EXPORTED = {"schema_version"}


class ExportError(db.DatabaseError):
    """An export or restore that cannot be done, with a bilingual reason."""


def neutralise(text: str | None) -> str | None:
    """Prefix an apostrophe to text a spreadsheet could run as a formula (and to '' and leading ')."""
    if text is None:
        return None
    return "'" + text if text == "" or text[0] in FORMULA_TRIGGERS else text


def unneutralise(text: str | None) -> str | None:
    """Inverse of ``neutralise``: drop one leading apostrophe."""
    if text is None:
        return None
    return text[1:] if text.startswith("'") else text


@dataclass
class TableInfo:
    name: str
    role: str                         # data | reference
    columns: list[tuple[str, str]]    # (name, DuckDB type)
    rows: int
    file: str | None = None
    sha256: str | None = None


@dataclass
class ExportResult:
    path: Path
    fmt: str
    tables: dict[str, int]


@dataclass
class RestoreResult:
    tables: dict[str, int]
    notes: list[tuple[str, str]] = field(default_factory=list)   # (en, th)
    moved_corrupt_file: Path | None = None


# --- catalogue --------------------------------------------------------------------------------------------

def _columns(con, table: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = ? "
        "AND table_schema = 'main' AND table_catalog = current_database() ORDER BY ordinal_position",
        [table]).fetchall()]


def _tables(con) -> list[str]:
    return [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_catalog = current_database() AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()
        if r[0] not in NOT_EXPORTED]


def table_infos(con) -> list[TableInfo]:
    """Every exported table with its role, columns and row count, data tables first."""
    out = []
    for t in _tables(con):
        n = con.execute(f"SELECT count(*) FROM {db.duckdb_quote_ident(t)}").fetchall()[0][0]
        out.append(TableInfo(t, "reference" if t in REFERENCE_TABLE_NAMES else "data", _columns(con, t), n))
    return sorted(out, key=lambda i: (i.role != "data", i.name))


def _select_text(table: str, columns: list[tuple[str, str]], neutral: bool) -> str:
    """SELECT every column as text (DuckDB's exact shortest form for doubles), ordered for a stable file."""
    quote = db.duckdb_quote_ident
    parts = []
    for name, typ in columns:
        expr = f"CAST({quote(name)} AS VARCHAR)"
        if neutral and typ == "VARCHAR":
            # the trigger characters are constants of this module, never user values
            expr = (f"CASE WHEN {quote(name)} = '' OR left({quote(name)}, 1) IN ('=', '+', '-', '@', chr(9), chr(13), '''') "
                    f"THEN '''' || {quote(name)} ELSE {quote(name)} END")
        parts.append(f"{expr} AS {quote(name)}")
    order = ", ".join(quote(n) for n, _ in columns)
    return f"SELECT {', '.join(parts)} FROM {quote(table)} ORDER BY {order}"


def _select_typed(table: str, columns: list[tuple[str, str]]) -> str:
    quote = db.duckdb_quote_ident
    cols = ", ".join(quote(n) for n, _ in columns)
    return f"SELECT {cols} FROM {quote(table)} ORDER BY {cols}"


# --- export -----------------------------------------------------------------------------------------------

def export_database(con, out: str | os.PathLike, fmt: str | None = None) -> ExportResult:
    """Write every table to ``out`` as xlsx (one file) or csv/parquet (a directory with manifest.json)."""
    out = Path(out)
    fmt = fmt or ("xlsx" if out.suffix.lower() == ".xlsx" else "csv")
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; use one of {FORMATS}")
    infos = table_infos(con)
    if fmt == "xlsx":
        if out.suffix.lower() != ".xlsx":
            raise ExportError("An xlsx export must be a file name ending in .xlsx.",
                              "ไฟล์ส่งออก xlsx ต้องลงท้ายด้วย .xlsx")
        _export_xlsx(con, out, infos)
    else:
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out} is a file; a {fmt} export is a directory.",
                              f"{out} เป็นไฟล์ การส่งออกแบบ {fmt} ต้องเป็นโฟลเดอร์")
        out.mkdir(parents=True, exist_ok=True)
        parts: list[Path] = []
        try:
            for info in infos:
                info.file = f"{info.name}.{fmt}"
                part = out / (info.file + ".part")
                parts.append(part)
                (_write_csv if fmt == "csv" else _write_parquet)(con, info, part)
                info.sha256 = restore_checks.file_sha256(part)
            part = out / (MANIFEST + ".part")
            parts.append(part)
            part.write_text(_manifest_json(con, infos, fmt), encoding="utf-8")
            for info in infos:
                os.replace(out / (info.file + ".part"), out / info.file)
            os.replace(part, out / MANIFEST)
        except BaseException:
            for part in parts:
                part.unlink(missing_ok=True)
            raise
    return ExportResult(out, fmt, {i.name: i.rows for i in infos})


def _manifest_json(con, infos: list[TableInfo], fmt: str) -> str:
    doc = {"lcrs_export": EXPORT_VERSION, "schema_version": db.stored_schema_version(con), "format": fmt,
           "tables": [{"name": i.name, "role": i.role, "rows": i.rows, "file": i.file,
                       "columns": [list(c) for c in i.columns],
                       **({"sha256": i.sha256} if i.sha256 else {})} for i in infos]}
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


def _write_csv(con, info: TableInfo, path: Path) -> None:
    rows = con.execute(_select_text(info.name, info.columns, neutral=True)).fetchall()
    with open(path, "w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel on Thai Windows reads UTF-8
        w = csv.writer(fh, lineterminator="\n")
        w.writerow([c for c, _ in info.columns])
        w.writerows(rows)


def _write_parquet(con, info: TableInfo, path: Path) -> None:
    import pyarrow.parquet as pq

    table = con.sql(_select_typed(info.name, info.columns)).to_arrow_table()
    pq.write_table(table, path, compression="zstd")


def _export_xlsx(con, out: Path, infos: list[TableInfo]) -> None:
    for info in infos:
        if info.rows + 1 > XLSX_MAX_ROWS:
            raise ExportError(f"Table {info.name} has {info.rows:,} rows, more than a worksheet holds; "
                              "export with --format parquet or csv.",
                              f"ตาราง {info.name} มี {info.rows:,} แถว เกินความจุของแผ่นงาน ให้ส่งออกเป็น parquet หรือ csv")
    created = dataset.dataset_info(con).get("built_at") or datetime(2015, 1, 1)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    try:
        _write_xlsx(con, tmp, infos, created)
        os.replace(tmp, out)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _write_xlsx(con, tmp: Path, infos: list[TableInfo], created) -> None:
    import xlsxwriter

    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True, "strings_to_formulas": False,
                                        "strings_to_numbers": False, "strings_to_urls": False})
    # a fixed creation time keeps export -> restore -> export byte-identical
    wb.set_properties({"title": "LCRS database export", "created": created})
    bold = wb.add_format({"bold": True})
    for info in infos:
        info.file = info.name
        ws = wb.add_worksheet(info.name[:31])
        for j, (name, _) in enumerate(info.columns):
            ws.write_string(0, j, name, bold)
        kinds = [_cell_kind(t) for _, t in info.columns]
        rows = con.execute(_select_text(info.name, info.columns, neutral=True)).fetchall()
        for i, row in enumerate(rows, start=1):
            for j, v in enumerate(row):
                if v is None:
                    continue
                k = kinds[j]
                if k == "number":
                    ws.write_number(i, j, float(v))
                elif k == "bool":
                    ws.write_boolean(i, j, v == "true")
                else:
                    if len(v) > XLSX_MAX_CHARS:
                        wb.close()
                        raise ExportError(f"A text in {info.name}.{info.columns[j][0]} is longer than an Excel "
                                          "cell holds; export with --format parquet or csv.",
                                          "มีข้อความยาวเกินกว่าเซลล์ Excel รองรับ ให้ส่งออกเป็น parquet หรือ csv")
                    ws.write_string(i, j, v)
    man = wb.add_worksheet(MANIFEST_SHEET)
    man.write_string(0, 0, "LCRS export manifest: restore with `python -m data restore FILE` / "
                           "ไฟล์กำกับการส่งออก ใช้กู้คืนด้วยคำสั่ง restore")
    man.write_string(1, 0, _manifest_json(con, infos, "xlsx"))
    wb.close()


def _cell_kind(typ: str) -> str:
    if typ in ("INTEGER", "BIGINT", "SMALLINT", "TINYINT", "DOUBLE", "FLOAT", "REAL", "HUGEINT") \
            or typ.startswith("DECIMAL"):
        return "number"
    if typ == "BOOLEAN":
        return "bool"
    return "text"


# --- reading an export ------------------------------------------------------------------------------------

def read_manifest(path: str | os.PathLike) -> dict:
    """The manifest of an export (xlsx file or csv/parquet directory); raises ExportError if not an export."""
    p = Path(path)
    try:
        if p.is_dir():
            doc = json.loads((p / MANIFEST).read_text(encoding="utf-8"))
        elif p.suffix.lower() == ".xlsx":
            from python_calamine import CalamineWorkbook

            wb = CalamineWorkbook.from_path(str(p))
            doc = json.loads(wb.get_sheet_by_name(MANIFEST_SHEET).to_python(skip_empty_area=False)[1][0])
        else:
            raise FileNotFoundError(p)
        if doc.get("lcrs_export") != EXPORT_VERSION:
            raise ValueError("not an LCRS export")
        return doc
    except Exception as exc:  # any failure here means: not a readable export
        raise ExportError(f"{p} is not a readable LCRS export ({type(exc).__name__}: {exc}).",
                          f"{p} ไม่ใช่ไฟล์ส่งออกของ LCRS ที่อ่านได้ ({type(exc).__name__})") from exc


def _label(path: Path, doc: dict, entry: dict) -> str:
    """How problems name a table's file: ``activity.csv``, or ``export.xlsx`` (the sheet is named apart)."""
    return path.name if doc["format"] == "xlsx" else (entry.get("file") or entry["name"])


def _read_table_frame(path: Path, doc: dict, entry: dict):
    """One exported table: a DataFrame of text values, un-neutralised (csv, xlsx), or of typed values
    (parquet). Raises ``RestoreRejected`` naming the file (and row) when it cannot be read as its manifest
    says."""
    names = [c for c, _ in entry["columns"]]
    types = dict((c, t) for c, t in entry["columns"])
    fmt = doc["format"]
    label = _label(path, doc, entry)
    if fmt == "parquet":
        import pyarrow.parquet as pq

        try:
            table = pq.read_table(path / entry["file"])
        except Exception as exc:  # a cut or damaged file: pyarrow raises several types
            raise RestoreRejected([Problem(label, None, None, None,
                                           f"The Parquet file cannot be read ({type(exc).__name__}: {exc}).",
                                           f"อ่านไฟล์ Parquet ไม่ได้ ({type(exc).__name__})")]) from exc
        if table.column_names != names:
            raise RestoreRejected([Problem(label, None, 1, None,
                                           f"Columns of {entry['name']} do not match the manifest.",
                                           f"คอลัมน์ของ {entry['name']} ไม่ตรงกับไฟล์กำกับ")])
        return table       # loaded typed, as exported; checked through ``to_pandas`` (``_checked_frames``)
    if fmt == "csv":
        try:
            with open(path / entry["file"], encoding="utf-8-sig", newline="") as fh:
                r = csv.reader(fh)
                header = next(r, [])
                raw = list(r)
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise RestoreRejected([Problem(label, None, None, None,
                                           f"The file cannot be read ({type(exc).__name__}: {exc}).",
                                           f"อ่านไฟล์ไม่ได้ ({type(exc).__name__})")]) from exc
        short = restore_checks.row_length_problems(label, header, raw)
        if short:
            raise RestoreRejected(short)
        rows = [[None if v == "" else v for v in row] for row in raw]
    else:
        from python_calamine import CalamineWorkbook

        wb = CalamineWorkbook.from_path(str(path))
        grid = wb.get_sheet_by_name(entry["file"][:31]).to_python(skip_empty_area=False)
        header = [str(h) for h in grid[0]] if grid else names
        rows = [[_xlsx_value(v, types.get(header[j], "VARCHAR")) for j, v in enumerate(row)] for row in grid[1:]]
    if header != names:
        raise RestoreRejected([Problem(label, None, 1, None,
                                       f"Columns of {entry['name']} in the export do not match its manifest.",
                                       f"คอลัมน์ของ {entry['name']} ในไฟล์ส่งออกไม่ตรงกับไฟล์กำกับ")])
    frame = pd.DataFrame(rows, columns=names, dtype=object)
    for c in names:
        if types[c] == "VARCHAR":
            frame[c] = frame[c].map(unneutralise, na_action="ignore")
    return frame.astype(object).where(frame.notna(), None)


def _xlsx_value(v, typ: str):
    if v is None or v == "":
        return None
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float):
        if typ in ("INTEGER", "BIGINT", "SMALLINT", "TINYINT", "HUGEINT") and v.is_integer():
            return str(int(v))
        return repr(v)
    if isinstance(v, int):
        return str(v)
    return v if isinstance(v, str) else str(v)


# --- restore ----------------------------------------------------------------------------------------------

def restore_database(db_path: str | os.PathLike | None, export_path: str | os.PathLike,
                     force: bool = False) -> RestoreResult:
    """Rebuild the database file at ``db_path`` from an export; a corrupt file is moved aside first."""
    _refuse_far_cells(Path(export_path))
    doc = read_manifest(export_path)
    path = Path(db_path) if db_path else db.default_db_path()
    moved = None
    try:
        con = db.connect(path)
    except db.DatabaseCorrupt:
        moved = _move_aside(path)
        con = db.connect(path)
    else:
        damage = _damage(con)
        if damage is not None:
            con.close()
            if not force:
                raise ExportError(
                    f"The database file {path.name} is damaged ({damage}). Run restore again with --force: the "
                    "damaged file is kept beside it and the database is rebuilt from the export.",
                    f"ไฟล์ฐานข้อมูล {path.name} เสียหาย ให้รัน restore อีกครั้งพร้อม --force: "
                    "จะเก็บไฟล์ที่เสียหายไว้ข้าง ๆ แล้วสร้างฐานข้อมูลใหม่จากไฟล์ส่งออก")
            moved = _move_aside(path)
            con = db.connect(path)
    try:
        db.migrate(con)
        with db.transaction(con):
            reference.load_reference(con)
        result = restore_into(con, export_path, force=force, manifest=doc)
    finally:
        con.close()
    result.moved_corrupt_file = moved
    if moved:
        result.notes.insert(0, (f"The unreadable database file was kept as {moved}.",
                                f"เก็บไฟล์ฐานข้อมูลที่อ่านไม่ได้ไว้เป็น {moved}"))
    return result


def _move_aside(path: Path) -> Path:
    """Keep an unreadable database (and its WAL) as NAME.corrupt-TIMESTAMP; return the new name."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    moved = path.with_name(f"{path.name}.corrupt-{stamp}")
    os.replace(path, moved)
    wal = path.with_name(path.name + ".wal")
    if wal.exists():
        os.replace(wal, moved.with_name(moved.name + ".wal"))
    return moved


def _damage(con) -> str | None:
    """Read every table once (DuckDB checks each block's checksum as it reads); the error, or None."""
    try:
        db.table_checksums(con)
    except duckdb.Error as exc:
        return f"{type(exc).__name__}: {str(exc)[:200]}"
    return None


def _refuse_far_cells(path: Path) -> None:
    """An xlsx export is measured like an import before calamine builds any sheet of it."""
    if path.is_file() and path.suffix.lower() == ".xlsx":
        try:
            breach = xlsx_breach(path.read_bytes())
        except Exception:  # not a zip, damaged: read_manifest says so
            return
        if breach:
            raise RestoreRejected([Problem(path.name, breach.sheet, breach.row, breach.column,
                                           breach.message_en, breach.message_th)])


def has_real_data(con) -> bool:
    """True when the database holds imported (non-demo) data that a restore would overwrite."""
    if dataset.is_demo(con):
        return False
    return con.execute("SELECT count(*) FROM import_batch").fetchall()[0][0] > 0 or any(
        con.execute(f"SELECT count(*) FROM {db.duckdb_quote_ident(t)}").fetchall()[0][0] > 0
        for t in table_writes.DATA_TABLES)


def restore_into(con, export_path: str | os.PathLike, force: bool = False, manifest: dict | None = None) -> RestoreResult:
    """Replace every data table of an open, migrated database with the export's, in one transaction."""
    path = Path(export_path)
    doc = manifest or read_manifest(path)
    code_version = db.code_schema_version()
    if doc["schema_version"] > code_version:
        raise ExportError(f"The export has schema version {doc['schema_version']}; this software knows up to "
                          f"{code_version}. Update the software first.",
                          f"ไฟล์ส่งออกใช้โครงสร้างรุ่น {doc['schema_version']} แต่โปรแกรมรู้จักถึงรุ่น {code_version} "
                          "ให้อัปเดตโปรแกรมก่อน")
    if not force and has_real_data(con):
        raise ExportError("The target database already holds real data; restoring would replace it. Export it "
                          "first, then run restore again with --force (or restore into a new --db file).",
                          "ฐานข้อมูลปลายทางมีข้อมูลจริงอยู่แล้ว การกู้คืนจะเขียนทับ ให้ส่งออกสำรองก่อน "
                          "แล้วรัน restore อีกครั้งพร้อม --force (หรือกู้คืนไปยังไฟล์ --db ใหม่)")
    entries = {e["name"]: e for e in doc["tables"]}
    data_entries = [e for e in doc["tables"] if e["role"] == "data"]
    frames = _checked_frames(con, path, doc, data_entries)
    notes: list[tuple[str, str]] = []
    if any(e.get("file") and "sha256" not in e for e in data_entries) and doc["format"] != "xlsx":
        notes.append(("The export has no checksums (made by an older version): rows were checked one by one.",
                      "ไฟล์ส่งออกไม่มีค่าตรวจสอบ (สร้างจากรุ่นเก่า) จึงตรวจทีละแถวแทน"))
    loaded: dict[str, int] = {}
    with lock.WRITE_LOCK, db.transaction(con):
        if batches.SUPERSEDED_TABLE in entries:
            batches.ensure_superseded_table(con)
        current = set(_tables(con))
        for t in sorted(current - REFERENCE_TABLE_NAMES):
            con.execute(f"DELETE FROM {db.duckdb_quote_ident(t)}")
        if batches.SUPERSEDED_TABLE in current and batches.SUPERSEDED_TABLE not in entries:
            con.execute(f"DROP TABLE {batches.SUPERSEDED_TABLE}")
        for e in data_entries:
            if e["name"] not in current and e["name"] != batches.SUPERSEDED_TABLE:
                raise ExportError(f"The export has a table {e['name']} that this database does not know.",
                                  f"ไฟล์ส่งออกมีตาราง {e['name']} ที่ฐานข้อมูลนี้ไม่รู้จัก")
            loaded[e["name"]] = _load_table(con, path, doc, e, e["name"], frames[e["name"]])
        _advance_batch_sequence(con)
        refresh.stored_figures(con)   # derived figures are not exported: rebuilt from the restored rows
        for e in doc["tables"]:
            if e["role"] == "reference" and e["name"] in current and _differs(con, path, doc, e):
                notes.append((f"Reference table {e['name']} in the export differs from this software's; the "
                              "software's version is used.",
                              f"ตารางอ้างอิง {e['name']} ในไฟล์ส่งออกต่างจากของโปรแกรม จะใช้ของโปรแกรม"))
    return RestoreResult(loaded, notes)


def _checked_frames(con, path: Path, doc: dict, entries: list[dict]) -> dict[str, pd.DataFrame]:
    """Every data table of the export read and checked like an import, before anything is written;
    ``RestoreRejected`` with every problem found (file and row named) otherwise."""
    problems = restore_checks.check_manifest(doc, path, path.name)
    if problems:
        raise RestoreRejected(problems)
    frames: dict[str, pd.DataFrame] = {}
    labelled: dict[str, tuple[str, pd.DataFrame]] = {}
    for e in entries:
        label = _label(path, doc, e)
        try:
            frame = _read_table_frame(path, doc, e)
        except RestoreRejected as rej:
            problems.extend(rej.problems)
            continue
        if len(frame) != e["rows"]:
            problems.append(Problem(label, None, None, None,
                                    f"{e['name']}: the export holds {len(frame):,} rows but its manifest says "
                                    f"{e['rows']:,}; the export is incomplete.",
                                    f"{e['name']}: ไฟล์ส่งออกมี {len(frame):,} แถว แต่ไฟล์กำกับระบุ {e['rows']:,} แถว "
                                    "ไฟล์ส่งออกไม่สมบูรณ์"))
            continue
        catalogue = {r[0]: r[1] == "NO" for r in con.execute(
            "SELECT column_name, is_nullable FROM information_schema.columns WHERE table_name = ? "
            "AND table_schema = 'main' AND table_catalog = current_database()", [e["name"]]).fetchall()}
        not_null = {c for c, required in catalogue.items() if required}
        view = frame if isinstance(frame, pd.DataFrame) else frame.to_pandas()   # parquet: an Arrow table
        _, found = restore_checks.check_frame(label, e["name"], view, [tuple(c) for c in e["columns"]], not_null)
        problems.extend(found)
        frames[e["name"]] = frame
        labelled[e["name"]] = (label, view)
    problems.extend(restore_checks.check_foreign_keys(labelled))
    if problems:
        raise RestoreRejected(problems)
    return frames


def _load_table(con, path: Path, doc: dict, entry: dict, target: str, frame: pd.DataFrame | None = None) -> int:
    if frame is None:
        frame = _read_table_frame(path, doc, entry)
    if len(frame) != entry["rows"]:
        raise ExportError(f"{entry['name']}: the export holds {len(frame):,} rows but its manifest says "
                          f"{entry['rows']:,}; the export is incomplete.",
                          f"{entry['name']}: ไฟล์ส่งออกมี {len(frame):,} แถว แต่ไฟล์กำกับระบุ {entry['rows']:,} แถว "
                          "ไฟล์ส่งออกไม่สมบูรณ์")
    target_cols = {c for c, _ in _columns(con, entry["name"])}
    quote = db.duckdb_quote_ident
    names = [c for c, _ in entry["columns"]]
    if entry["name"] == "action" and "undrr_essential" not in names and len(frame):
        # an export from before schema 6: resilience actions get the essential migration 006 would give them
        frame = action_essential.upgrade_action_rows(frame)
        names = list(frame.columns)
    unknown = [c for c in names if c not in target_cols]
    if unknown:
        raise ExportError(f"{entry['name']}: columns {unknown} are not in this database.",
                          f"{entry['name']}: คอลัมน์ {unknown} ไม่มีในฐานข้อมูลนี้")
    if not len(frame):
        return 0
    con.register("_restore_frame", frame)
    try:
        # column names are checked against the catalogue and quoted; the values stay in the registered
        # frame, and DuckDB's assignment cast turns their text into each column's own type
        cols = ", ".join(quote(c) for c in names)
        con.execute(f"INSERT INTO {quote(target)} ({cols}) SELECT {cols} FROM _restore_frame")
    except (duckdb.ConstraintException, duckdb.ConversionException, duckdb.InvalidInputException) as exc:
        # the first error is the real one; anything after it would only say "transaction is aborted"
        label = _label(path, doc, entry)
        raise RestoreRejected([Problem(label, None, None, None,
                                       f"The rows of {entry['name']} break a rule of the database: {exc}",
                                       f"แถวของตาราง {entry['name']} ขัดกับกฎของฐานข้อมูล: {exc}")]) from exc
    finally:
        try:
            con.unregister("_restore_frame")
        except duckdb.Error:  # the transaction is already aborted; the caller rolls back
            pass
    return len(frame)


def _differs(con, path: Path, doc: dict, entry: dict) -> bool:
    tmp = "_restore_ref_cmp"
    cols = [c for c, _ in entry["columns"]]
    current = [c for c, _ in _columns(con, entry["name"])]
    if cols != current:
        return True
    quote = db.duckdb_quote_ident
    con.execute(f"CREATE TEMP TABLE {tmp} AS SELECT * FROM {quote(entry['name'])} LIMIT 0")
    try:
        _load_table(con, path, doc, entry, tmp)
        n = con.execute(f"SELECT (SELECT count(*) FROM (SELECT * FROM {tmp} EXCEPT ALL SELECT * FROM {quote(entry['name'])}))"
                        f" + (SELECT count(*) FROM (SELECT * FROM {quote(entry['name'])} EXCEPT ALL SELECT * FROM {tmp}))"
                        ).fetchall()[0][0]
        return n > 0
    finally:
        con.execute(f"DROP TABLE {tmp}")


def _advance_batch_sequence(con) -> None:
    """Make the next batch id larger than every restored one (a sequence cannot be set with a parameter)."""
    top = con.execute("SELECT coalesce(max(batch_id), 0) FROM import_batch").fetchall()[0][0]
    nxt = con.execute("SELECT nextval('import_batch_seq')").fetchall()[0][0]
    if nxt < top:
        con.execute("SELECT max(nextval('import_batch_seq')) FROM range(?)", [int(top - nxt)]).fetchall()
