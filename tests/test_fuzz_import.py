"""Bad input never crashes the importer or corrupts the database (property-based, hypothesis).

Valid CSV/XLSX files are mutated — random bytes, truncation, damaged workbook XML, swapped/dropped/duplicated
columns, huge numbers, NaN/inf, very long strings, HTML and formulas in text cells, mixed encodings — and every
import must either

* succeed, storing exactly the rows the validator accepted (for files equivalent to the original: exactly the
  original rows), or
* return problems with an English and a Thai message, leaving every table byte-for-byte as before
  (``data.db.table_checksums``).

Any other exception fails the test. Runs are derandomised (stable in CI) and use no example database, so
nothing is written to the repository. The number of inputs tried is printed at the end of the module and
written to ``<pytest basetemp>/fuzz_stats*.json``.
"""
from __future__ import annotations

import functools
import io
import json
import math
import os
import subprocess
import sys
import tempfile
import zipfile
from collections import Counter

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

# hypothesis caches (constants, unicode tables) go to the temp dir: running the tests changes no repo file
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "lcrs-hypothesis"))

from tests.conftest import ROOT
from tests.helpers import sample_data as sd

FUZZ = dict(deadline=None, derandomize=True, database=None, print_blob=True,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
STATS: Counter = Counter()

# Fresh codes (91…) so that a fuzzed municipalities file can really be imported into the base database.
NEW_MUNICIPALITIES = [
    ["9100001", "เทศบาลตำบล<b>ใหม่</b>", "New =1+2 Subdistrict", "tambon", "50", "5,100", "3.5", "18.5", "98.9",
     "replicating", "9000001", "2563", ""],
    ["9100002", "เทศบาลเมืองใหม่", "New Town", "mueang", "10", "30000", "9.75", "", "", "", "", "2020", "2021"],
]
FUZZ_SAMPLES = {
    "municipalities": (sd.MUNICIPALITY_HEADER, NEW_MUNICIPALITIES),
    "activities": (sd.ACTIVITY_HEADER, sd.ACTIVITIES),
    "actions": (sd.ACTION_HEADER, sd.ACTIONS),
}
KINDS = list(FUZZ_SAMPLES)
TEXT_COLUMNS = {"name_th", "name_en", "source", "note", "title_th", "title_en", "co_benefits"}
NUMBER_COLUMNS = {"population", "area_km2", "lat", "lon", "amount", "budget_thb", "expected_tco2e",
                  "bike_lane_km", "year", "base_year", "joined_year", "start_year", "end_year", "dimension"}

HOSTILE_NUMBERS = ["1e308", "1e400", "-1e400", "9" * 400, "NaN", "nan", "inf", "-inf", "Infinity", "-1",
                   "1,2", "1.2.3", "0x1F", "1e-400", "๑๒๓", "12,345.5", " 42 ", "", "-0"]
HOSTILE_TEXT = ["<script>alert(1)</script><b>x</b>", "<img src=x onerror=alert(1)>", "=1+2", "=HYPERLINK(\"http://x\")",
                "+cmd|' /C calc'!A0", "-2+3", "@SUM(1,2)", "'; DROP TABLE activity; --", "x" * 5001,
                "ก" * 6000, "a\u200bb\u202ec", "emoji 🚲🌏", "tab\there", "line\nbreak", "\"quoted, \"\"comma\"\"\"",
                "   ", "null", "None", "#N/A"]


# --- database harness -----------------------------------------------------------------------------------------

class Harness:
    """One open real-data database; every import is checked, accepted batches are rolled back afterwards."""

    def __init__(self, path):
        from data.store import db

        self.db = db
        self.con = db.connect(path)

    def table_rows(self, kind: str, batch_id: int) -> list[tuple]:
        from data.ingest.templates import KINDS as SPECS

        spec = SPECS[kind]
        cols = ", ".join(self.db.duckdb_quote_ident(c.name) for c in spec.columns)
        table = self.db.duckdb_quote_ident(spec.table)
        rows = self.con.execute(f"SELECT {cols} FROM {table} WHERE batch_id = ? ORDER BY rowid", [batch_id]).fetchall()
        return [tuple(_norm(v) for v in r) for r in rows]

    def attempt(self, data: bytes, name: str, kind: str, expect_rows: list[tuple] | None = None,
                must_reject: bool = False, test: str = "fuzz"):
        """Import ``data``; assert the all-or-nothing contract; return the result."""
        from data.write import batches
        from data.write.importer import import_file
        from data.ingest.validate import validate_file

        STATS[f"{test}.tried"] += 1
        STATS["inputs_tried"] += 1
        before = self.db.table_checksums(self.con)
        try:
            result = import_file(self.con, data, name, kind, user="fuzz")
        except Exception as exc:  # the property: nothing but a result with problems
            STATS["crashes"] += 1
            raise AssertionError(f"import_file raised {type(exc).__name__}: {exc}") from exc
        if result.problems:
            STATS[f"{test}.rejected"] += 1
            STATS["rejected"] += 1
            for p in result.problems:
                assert p.message_en.strip() and p.message_th.strip(), p
                assert p.file == name
            after = self.db.table_checksums(self.con)
            assert after == before, "a rejected import changed the database"
            assert expect_rows is None, f"an equivalent file was refused: {[str(p) for p in result.problems[:3]]}"
            return result
        assert not must_reject, f"accepted although it must be refused ({name})"
        assert not result.skipped_as_duplicate_file, "every accepted batch is rolled back, so no file repeats"
        STATS[f"{test}.accepted"] += 1
        STATS["accepted"] += 1
        stored = self.table_rows(kind, result.batch_id)
        assert len(stored) == result.rows
        n_batch = self.con.execute("SELECT rows FROM import_batch WHERE batch_id = ?", [result.batch_id]).fetchone()[0]
        assert n_batch == result.rows
        batches.rollback_batch(self.con, result.batch_id)
        STATS["rows_checked"] += len(stored)
        if expect_rows is not None:
            assert stored == expect_rows
        else:
            # the stored rows are exactly what the validator made of the file (nothing added, lost or altered)
            check = validate_file(data, name, kind, self.con)
            assert check.ok
            from data.ingest.templates import KINDS as SPECS

            cols = [c.name for c in SPECS[kind].columns]
            expected = [tuple(_norm(v) for v in r) for r in check.rows_df[cols].itertuples(index=False)]
            assert stored == expected
        return result


def _norm(v):
    """Comparable cell: missing -> None, numpy/pandas scalars -> Python."""
    if v is None or v is pd.NA:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "item"):
        v = v.item()
    return v


@pytest.fixture(scope="module")
def harness(tmp_path_factory):
    path = tmp_path_factory.mktemp("fuzz") / "real.duckdb"
    sd.new_real_database(path)
    h = Harness(path)
    yield h
    h.con.close()


@pytest.fixture(scope="module")
def canonical_rows(harness):
    """The typed rows of each unmutated sample, as the database stores them (checked once, then reused)."""
    out = {}
    for kind in KINDS:
        header, rows = FUZZ_SAMPLES[kind]
        from data.write.importer import import_file

        r = import_file(harness.con, sd.csv_bytes(header, rows), f"canonical_{kind}.csv", kind, user="fuzz")
        assert r.ok, [str(p) for p in r.problems]
        out[kind] = harness.table_rows(kind, r.batch_id)
        from data.write import batches

        batches.rollback_batch(harness.con, r.batch_id)
    # hand-checked anchors: population '5,100' -> 5100; base_year 2563 BE -> 2563 - 543 = 2020 CE
    from data.ingest.templates import KINDS as SPECS

    muni = dict(zip([c.name for c in SPECS["municipalities"].columns], out["municipalities"][0]))
    assert muni["population"] == 5100 and muni["base_year"] == 2020
    assert muni["name_th"] == "เทศบาลตำบล<b>ใหม่</b>" and muni["name_en"] == "New =1+2 Subdistrict"
    return out


@pytest.fixture(scope="module", autouse=True)
def report_stats(tmp_path_factory):
    yield
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    out = tmp_path_factory.getbasetemp() / f"fuzz_stats_{worker}.json"
    out.write_text(json.dumps(dict(sorted(STATS.items())), indent=2), encoding="utf-8")
    print(f"\nfuzz import statistics ({out}): " + ", ".join(f"{k}={v}" for k, v in sorted(STATS.items())))


# --- file builders --------------------------------------------------------------------------------------------

def build(header, rows, fmt: str, encoding: str = "utf-8", delimiter: str = ",", newline: str = "\n") -> bytes:
    if fmt == "xlsx":
        return sd.xlsx_bytes(header, rows)
    return sd.csv_bytes(header, rows, encoding=encoding, delimiter=delimiter, newline=newline)


@functools.lru_cache(maxsize=None)
def sample_file(kind: str, fmt: str) -> bytes:
    """The unmutated sample of ``kind`` as CSV or XLSX (built once: the same bytes every time)."""
    header, rows = FUZZ_SAMPLES[kind]
    return build(header, rows, fmt)


def damage_xlsx_xml(data: bytes, pos: int, junk: bytes) -> bytes:
    """Rewrite the workbook with bytes of the first worksheet's XML replaced (valid zip, damaged content)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml" and body:
                i = pos % len(body)
                body = body[:i] + junk + body[i + len(junk):]
            dst.writestr(info.filename, body)
    return out.getvalue()


# --- 1. damaged bytes ---------------------------------------------------------------------------------------

@st.composite
def damaged_files(draw):
    kind = draw(st.sampled_from(KINDS))
    fmt = draw(st.sampled_from(["csv", "xlsx"]))
    header, rows = FUZZ_SAMPLES[kind]
    data = sample_file(kind, fmt)
    how = draw(st.sampled_from(["truncate", "flip", "insert", "delete", "random", "xml", "rename", "mixed"]))
    n = len(data)
    if how == "truncate":
        data = data[:draw(st.integers(0, n - 1))]
    elif how == "flip":
        b = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            b[draw(st.integers(0, n - 1))] = draw(st.integers(0, 255))
        data = bytes(b)
    elif how == "insert":
        i = draw(st.integers(0, n))
        data = data[:i] + draw(st.binary(min_size=1, max_size=64)) + data[i:]
    elif how == "delete":
        i = draw(st.integers(0, n - 1))
        data = data[:i] + data[i + draw(st.integers(1, 200)):]
    elif how == "random":
        prefix = draw(st.sampled_from([b"", b"PK\x03\x04", b"\xef\xbb\xbf", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"]))
        data = prefix + draw(st.binary(max_size=3000))
    elif how == "xml":
        if fmt != "xlsx":
            fmt, data = "xlsx", sample_file(kind, "xlsx")
        data = damage_xlsx_xml(data, draw(st.integers(0, 10_000)),
                               draw(st.sampled_from([b"<", b"&", b"\x00", b"</row>", b"<c r=\"ZZZ99999999\"><v>1",
                                                     b"\xff\xfe", b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]>"])))
    elif how == "rename":
        fmt = "xlsx" if fmt == "csv" else "csv"      # content and extension disagree
    else:  # mixed encodings: one row UTF-8, the next TIS-620/cp874, a stray Latin-1 byte
        head = sd.csv_bytes(header, rows[:1])
        tail = sd.csv_bytes(header, rows[1:]).split(b"\n", 1)[1].decode("utf-8").encode("cp874", errors="replace")
        data = head + tail + draw(st.sampled_from([b"", b"\xe9", b"\x81"]))
        fmt = "csv"
    STATS[f"damage.{how}"] += 1
    return kind, f"damaged_{kind}.{fmt}", data


@settings(max_examples=80, **FUZZ)
@given(case=damaged_files())
def test_damaged_files_never_crash_or_corrupt(harness, case):
    kind, name, data = case
    harness.attempt(data, name, kind, test="damaged")


# --- 2. hostile values and broken structure ------------------------------------------------------------------

@st.composite
def mutated_tables(draw):
    kind = draw(st.sampled_from(KINDS))
    header, rows = FUZZ_SAMPLES[kind]
    header, rows = list(header), [list(r) for r in rows]
    # about half the cases put one hostile value in a cell; the rest break the table's structure
    how = draw(st.sampled_from(["cell"] * 9 + ["swap_data", "swap_header", "drop_col", "dup_col", "unknown_col",
                                              "blank_header", "dup_row", "drop_rows", "ragged"]))
    must_reject = False
    expect_text = None
    if how == "cell":
        j = draw(st.integers(0, len(header) - 1))
        i = draw(st.integers(0, len(rows) - 1))
        col = header[j]
        pool = HOSTILE_TEXT if col in TEXT_COLUMNS else HOSTILE_NUMBERS + HOSTILE_TEXT[:4]
        value = draw(st.one_of(st.sampled_from(pool),
                               st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)))
        rows[i][j] = value
        low = value.strip().lower()
        if col in NUMBER_COLUMNS and low in ("nan", "inf", "-inf", "infinity", "1e400", "-1e400", "9" * 400,
                                              "1e308"):
            must_reject = True       # not a figure, or absurdly large for any column
        if col in TEXT_COLUMNS and len(value) > 5000:
            must_reject = True       # MAX_TEXT_CHARS
        if col in TEXT_COLUMNS and value in HOSTILE_TEXT[:8]:
            expect_text = (i, col, value)   # stored verbatim if the row is accepted
    elif how == "swap_data":
        a, b = draw(st.lists(st.integers(0, len(header) - 1), min_size=2, max_size=2, unique=True))
        for r in rows:
            r[a], r[b] = r[b], r[a]
    elif how == "swap_header":
        a, b = draw(st.lists(st.integers(0, len(header) - 1), min_size=2, max_size=2, unique=True))
        header[a], header[b] = header[b], header[a]
    elif how == "drop_col":
        j = draw(st.integers(0, len(header) - 1))
        header.pop(j)
        for r in rows:
            r.pop(j)
    elif how == "dup_col":
        j = draw(st.integers(0, len(header) - 1))
        header.append(header[j])
        for r in rows:
            r.append(r[j])
        must_reject = True            # a column named twice is refused
    elif how == "unknown_col":
        header.append(draw(st.sampled_from(["<b>extra</b>", "=SUM(A1)", "comment", "ปริมาณรวม"])))
        for r in rows:
            r.append("1")
        must_reject = True            # unknown columns are refused so that no data is silently ignored
    elif how == "blank_header":
        j = draw(st.integers(0, len(header) - 1))
        header[j] = ""
    elif how == "dup_row":
        rows.append(list(rows[draw(st.integers(0, len(rows) - 1))]))
        must_reject = True            # duplicate key inside the file
    elif how == "drop_rows":
        rows = []
        must_reject = True            # header but no data
    else:  # ragged: one row longer than the header
        rows[draw(st.integers(0, len(rows) - 1))].append("surplus")
        must_reject = True
    fmt = draw(st.sampled_from(["csv", "xlsx"]))
    if fmt == "xlsx" and any(_xml_illegal(v) for r in rows for v in r) or \
            fmt == "xlsx" and any(_xml_illegal(h) for h in header):
        fmt = "csv"                   # XLSX cannot hold control characters at all
    STATS[f"mutation.{how}"] += 1
    return kind, fmt, header, rows, must_reject, expect_text


def _xml_illegal(s: str) -> bool:
    return any((ord(ch) < 32 and ch not in "\t\n\r") or 0xFFFE <= ord(ch) <= 0xFFFF for ch in str(s))


@settings(max_examples=40, **FUZZ)
@given(case=mutated_tables())
def test_hostile_values_and_broken_structure_are_refused_or_stored_exactly(harness, case):
    kind, fmt, header, rows, must_reject, expect_text = case
    name = f"mutated_{kind}.{fmt}"
    data = build(header, rows, fmt)
    result = harness.attempt(data, name, kind, must_reject=must_reject, test="mutated")
    if result.ok and expect_text is not None:
        # HTML, formulas and SQL-looking text are data: kept exactly as typed, never interpreted
        i, col, value = expect_text
        stored = result.preview.iloc[i][col]
        assert stored == value


# --- 3. equivalent files: same data, different shape --------------------------------------------------------

THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


@st.composite
def equivalent_files(draw):
    from data.ingest.templates import KINDS as SPECS

    kind = draw(st.sampled_from(KINDS))
    spec = SPECS[kind]
    header, rows = FUZZ_SAMPLES[kind]
    order = draw(st.permutations(range(len(header))))
    style = draw(st.sampled_from(["name", "thai", "template", "spaced"]))

    def head(h):
        col = spec.column(h)
        return {"name": h, "thai": col.label_th, "template": col.header(), "spaced": f"  {h.upper()} "}[style]

    new_header = [head(header[j]) for j in order]
    be_years = draw(st.booleans())
    thai_digits = draw(st.booleans())
    new_rows = []
    for r in rows:
        out = []
        for j in order:
            v, col = r[j], spec.column(header[j])
            if v and col.kind == "year" and be_years and int(v) < 2400:
                v = str(int(v) + 543)            # 2023 CE = 2566 BE
            if v and col.kind in ("int", "float", "year") and thai_digits:
                v = v.translate(THAI_DIGITS)
            out.append(v)
        new_rows.append(out)
    new_rows += [[""] * len(header)] * draw(st.integers(0, 2))     # trailing blank rows are ignored
    fmt = draw(st.sampled_from(["csv", "xlsx"]))
    if fmt == "xlsx":
        data = sd.xlsx_bytes(new_header, new_rows)
    else:
        encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "cp874"]))
        delimiter = draw(st.sampled_from([",", ";", "\t"]))
        newline = draw(st.sampled_from(["\n", "\r\n"]))
        data = sd.csv_bytes(new_header, new_rows, encoding=encoding, delimiter=delimiter, newline=newline)
    STATS[f"equivalent.{fmt}"] += 1
    return kind, f"equivalent_{kind}.{fmt}", data


@settings(max_examples=10, **FUZZ)
@given(case=equivalent_files())
def test_equivalent_files_import_exactly_the_original_rows(harness, canonical_rows, case):
    kind, name, data = case
    harness.attempt(data, name, kind, expect_rows=canonical_rows[kind], test="equivalent")


# --- the command line: exit 2, a message naming the file, nothing changed ------------------------------------

def test_cli_refuses_a_hostile_file_with_exit_2(tmp_path):
    """``python -m data import``: exit 2, every problem on stderr with file and row, nothing changed."""
    from data.store import db

    path = sd.new_real_database(tmp_path / "cli.duckdb")
    con = db.connect(path)
    before = db.table_checksums(con)
    con.close()
    header, rows = FUZZ_SAMPLES["activities"]
    bad_rows = [list(r) for r in rows]
    bad_rows[1][header.index("amount")] = "NaN"
    bad_rows[2][header.index("note")] = "x" * 5001
    f = tmp_path / "hostile.csv"
    f.write_bytes(sd.csv_bytes(header, bad_rows))
    proc = subprocess.run([sys.executable, "-m", "data", "import", str(f), "--kind", "activities",
                           "--db", str(path)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    STATS["cli.tried"] += 1
    STATS["inputs_tried"] += 1
    assert proc.returncode == 2, proc.stderr
    assert "hostile.csv" in proc.stderr and "ไม่ได้นำเข้า" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    # Excel numbering (header = row 1): the second and third data rows are rows 3 and 4
    assert "row 3" in proc.stderr and "row 4" in proc.stderr, proc.stderr
    con = db.connect(path, read_only=True)
    try:
        assert db.table_checksums(con) == before
    finally:
        con.close()
