"""The bulk import path reads and checks exactly as the reference path it speeds up.

- CSV text is read by Arrow's reader only where it gives the grid the pandas reference reader gives (every
  cell a string, nothing converted); otherwise pandas reads it as before (short rows padded, errors worded
  by pandas). Each case the brief of the speed-up names is pinned here: BOM, cp874, quoted newlines, Thai
  text, thousands separators, empty cells, leading zeros, CR and CRLF line ends, a quote left open.
- A column is parsed once per distinct text and spread back to the rows: the typed values and the problems
  (row, column, value as typed) are those of parsing every cell.
- Keys are compared as integer ids: rows with equal keys (missing values equal to each other) share an id.
- Plain decimals are cast by Arrow: the same doubles as ``pd.to_numeric``.
"""
from __future__ import annotations

import csv
import io
import os
import random
import tempfile

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir

from data.ingest import validate
from data.ingest.templates import KINDS
from data.write.importer import import_file
from tests.helpers.import_db import GOOD, make_db

# hypothesis caches go to the temp dir: running the tests changes no repo file
set_hypothesis_home_dir(os.path.join(tempfile.gettempdir(), "lcrs-hypothesis"))
FUZZ = dict(deadline=None, derandomize=True, database=None, max_examples=400,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HEADER = ["municipality_code", "year", "inventory", "activity", "amount", "unit", "month", "data_quality", "source"]


def reference_grid(data: bytes) -> pd.DataFrame:
    """The grid the pandas reference reader makes of CSV bytes (the reader before the Arrow fast path)."""
    text, _ = validate.decode_text(data, "f.csv")
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first.count)
    grid = validate._pandas_csv_grid(text, delimiter if first.count(delimiter) else ",")
    grid.columns = range(grid.shape[1])
    return grid


def assert_same_grid(got: pd.DataFrame, want: pd.DataFrame) -> None:
    assert got.shape == want.shape
    assert list(got.dtypes) == list(want.dtypes)
    assert got.values.tolist() == want.values.tolist()


# --- CSV: Arrow reads exactly what pandas reads ------------------------------------------------------------

def _csv(rows, delimiter=",", newline="\n", quoting=csv.QUOTE_MINIMAL) -> str:
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=newline, quoting=quoting).writerows(rows)
    return buf.getvalue()


NAMED = {
    "utf8_bom_thai": ("\ufeff" + _csv([HEADER, ["1401101", "2567", "CFO", "electricity_kwh", "10000.5", "kWh", "1",
                                                "H", "ใบแจ้งหนี้ กฟภ."]])).encode("utf-8"),
    "cp874_thai": _csv([HEADER, ["1401101", "2567", "CFO", "electricity_kwh", "5", "kWh", "1", "H",
                                 "ใบแจ้งหนี้"]]).encode("cp874"),
    "quoted_newline": _csv([HEADER, ["1401101", "2567", "CFO", "electricity_kwh", "5", "kWh", "1", "H",
                                     "line one\nline two"]]).encode("utf-8"),
    "thousands_separator": _csv([HEADER, ["1401101", "2567", "CFO", "electricity_kwh", "1,234,567.5", "kWh", "1",
                                          "H", ""]]).encode("utf-8"),
    "empty_cells": _csv([HEADER, ["1401101", "", "", "electricity_kwh", "", "kWh", "", "", ""]]).encode("utf-8"),
    "leading_zeros": _csv([["code", "name"], ["0012", "00"], ["007", "1e3"]]).encode("utf-8"),
    "cr_line_ends": _csv([HEADER, ["1401101", "2567", "CFO", "electricity_kwh", "5", "kWh", "1", "H", "x"]],
                         newline="\r").encode("utf-8"),
    "crlf_line_ends": _csv([HEADER, ["1401101", "2567", "CFO", "electricity_kwh", "5", "kWh", "1", "H", "x"]],
                           newline="\r\n").encode("utf-8"),
    "quote_all_semicolon": _csv([HEADER, ["1401101", "2567", "CFO", "electricity_kwh", "5", "kWh", "1", "H", ""]],
                                delimiter=";", quoting=csv.QUOTE_ALL).encode("utf-8"),
    "tab_blank_lines": ("a\tb\n\n1\t2\n\n").encode("utf-8"),
    "short_row_padded": b"a,b,c\n1,2\n",
    "zero_width_and_sara_am": "a,b\nก\u200bข,น\u0e4d\u0e32\n".encode("utf-8"),
}


@pytest.mark.parametrize("case", sorted(NAMED))
def test_named_csv_cases_read_as_the_reference_reader(case):
    grid, _ = validate.read_csv_grid(NAMED[case], "f.csv")
    assert_same_grid(grid, reference_grid(NAMED[case]))


@pytest.mark.parametrize("case", ["utf8_bom_thai", "cp874_thai", "quoted_newline", "cr_line_ends",
                                  "short_row_padded", "thousands_separator"])
def test_isolated_reader_gives_the_in_process_grid(case):
    # the child reads an ordinary UTF-8 CSV without pandas (csv_text); the others as before (cp874, short rows)
    from data.ingest.isolated_read import read_isolated

    here, notes = validate.read_csv_grid(NAMED[case], "f.csv")
    there = read_isolated(NAMED[case], "f.csv", "csv")
    assert there.problem is None and there.notes == notes
    assert_same_grid(there.sheets[0][1], here)


def test_the_child_reads_an_ordinary_csv_without_pandas():
    from data.ingest import read_worker

    table = read_worker._plain_csv(NAMED["utf8_bom_thai"])
    assert table is not None and table.num_rows == 2 and table.column(8).to_pylist()[1] == "ใบแจ้งหนี้ กฟภ."
    assert read_worker._plain_csv(NAMED["cp874_thai"]) is None          # read by validate: it adds a note
    assert read_worker._plain_csv(NAMED["short_row_padded"]) is None    # pandas pads the short row


def test_a_quote_left_open_is_refused_as_before():
    # Arrow would close the quote at the end of the text; pandas refuses the file, naming the problem
    data = b'a,b\n1,"2\n3,4\n'
    assert validate._arrow_csv_grid(data.decode(), ",") is None
    with pytest.raises(validate.Rejected) as err:
        validate.read_csv_grid(data, "open_quote.csv")
    assert "malformed" in err.value.problem.message_en and err.value.problem.message_th


def test_an_ordinary_file_takes_the_arrow_reader():
    text = _csv([HEADER] + [["1401101", "2567", "CFO", "electricity_kwh", f"{i}.5", "kWh", str(i % 12 + 1), "H", ""]
                            for i in range(50)])
    grid = validate._arrow_csv_grid(text, ",")
    assert grid is not None and grid.shape == (51, 9)
    assert_same_grid(grid, validate._pandas_csv_grid(text, ","))


CELL = st.lists(st.sampled_from(list('ab1 0,;\t"\r\nกํา\u200b.-') + ["\r\n", '""']), max_size=5).map("".join)


@st.composite
def csv_texts(draw):
    ncol, nrow = draw(st.integers(2, 5)), draw(st.integers(1, 6))
    rows = [[draw(CELL) for _ in range(ncol)] for _ in range(nrow)]
    text = _csv(rows, draw(st.sampled_from([",", ";", "\t"])), draw(st.sampled_from(["\n", "\r\n", "\r"])),
                draw(st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL])))
    # damage: a stray character (often a quote or a line end) somewhere, or no line end at the end
    for _ in range(draw(st.integers(0, 2))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(['"', "\n", "\r", ",", ";", "a"])) + text[at:]
    return text.rstrip("\r\n") if draw(st.booleans()) else text


@settings(**FUZZ)
@given(csv_texts())
def test_arrow_reader_reads_as_pandas_or_steps_aside(text):
    first = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first.count)
    got = validate._arrow_csv_grid(text, delimiter)
    if got is None:
        return
    want = validate._pandas_csv_grid(text, delimiter)   # raises if pandas would refuse what Arrow read
    want.columns = range(want.shape[1])
    assert_same_grid(got, want)


def test_cr_line_ends_import_like_lf(tmp_path):
    # old Mac line ends used to stop the importer with a csv error before it read the file
    lf = (GOOD / "activities_long.csv").read_bytes()
    con = make_db(tmp_path / "cr.duckdb")
    try:
        cr = import_file(con, lf.replace(b"\r\n", b"\n").replace(b"\n", b"\r"), "cr.csv", "activities",
                         dry_run=True)
        same = import_file(con, lf, "lf.csv", "activities", dry_run=True)
    finally:
        con.close()
    assert cr.ok and same.ok and cr.rows == same.rows > 0


# --- parsing once per distinct text ------------------------------------------------------------------------

@pytest.mark.parametrize("column", ["municipality_code", "year", "inventory", "month", "amount", "source"])
def test_distinct_parse_equals_parsing_every_cell(column):
    spec = KINDS["activities"]
    col = spec.column(column)
    rng = random.Random(5)
    texts = ["1401101", " 1401101 ", "๑๔๐๑๑๐๑", "", "2567", "2024", "1800", "2024.5", "cfo", "CCF", "x", "ม.ค.",
             "13", "1,234.5", "1,2", "-4", "nan", "ก" * 5001, "00012"]
    raw = pd.Series([rng.choice(texts) for _ in range(400)], dtype="str", index=range(10, 410))
    rows = pd.Series(np.arange(12, 412), index=raw.index, dtype="int64")
    one, spread = validate._Collector("f.csv", None), validate._Collector("f.csv", None)
    want = validate._parse_one(col, raw, rows, one, None)
    got = validate._parse_distinct(col, raw, rows, spread, None)
    assert got.dtype == want.dtype and got.index.equals(want.index)
    assert got.astype(object).where(got.notna(), None).tolist() == want.astype(object).where(want.notna(),
                                                                                              None).tolist()
    assert spread.result() == one.result()
    assert len(one.items) > 0 or column == "source"


def test_a_repeated_bad_value_is_one_problem_per_row(tmp_path):
    # data rows i = 0..299 are Excel rows 2..301; every third (i % 3 == 0: rows 2, 5, ..., 299) has year 1800,
    # out of range -> 100 problems; the others a distinct year and month each, so only the year is wrong
    body = [["1401101", "1800" if i % 3 == 0 else str(2000 + i // 12), "CFO", "electricity_kwh", "5", "kWh",
             str(i % 12 + 1), "H", ""] for i in range(300)]
    data = _csv([HEADER] + body).encode("utf-8")
    con = make_db(tmp_path / "rep.duckdb")
    try:
        res = validate.validate_file(data, "rep.csv", "activities", con)
    finally:
        con.close()
    years = [p for p in res.problems if p.column == "year"]
    assert [p.row for p in years] == list(range(2, 302, 3))
    assert {p.value for p in years} == {"1800"} and all("1800" in p.message_en for p in years)


# --- keys and numbers --------------------------------------------------------------------------------------

def test_key_ids_equal_for_equal_keys_missing_equal_to_missing():
    df = pd.DataFrame({"a": ["x", "x", None, None, "y", "\x00", "x"],
                       "b": pd.array([1, 1, 2, 2, pd.NA, 2, pd.NA], dtype="Int64")})
    ids = validate._key_ids(df, ["a", "b"]).tolist()
    # (x,1) (x,1) (-,2) (-,2) (y,-) (\x00 = missing, 2) (x,-): first appearances numbered 0, 1, 2, ...
    assert ids == [0, 0, 1, 1, 2, 1, 3]


def test_plain_decimals_cast_by_arrow_equal_to_numeric():
    rng = random.Random(3)
    texts = [f"{rng.randrange(10 ** rng.randrange(1, 16))}.{rng.randrange(10 ** 11):011d}"[: rng.randrange(1, 28)]
             .rstrip(".") for _ in range(20_000)] + ["0", "-0", "00012", "9007199254740993", "0.1", ""]
    raw = pd.Series(texts, dtype="str")
    got = validate._to_float(raw).to_numpy()
    want = pd.to_numeric(raw.where(raw != "", None), errors="coerce").astype("float64").to_numpy()
    assert np.array_equal(got, want, equal_nan=True)
