"""The bad-file corpus (tests/bad_files/, built by make_corpus.py): every file is refused with the expected
row and column, and the database is left exactly as it was."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from data.store import db
from data.write.importer import import_file
from tests.test_import import make_db

BAD = Path(__file__).resolve().parent / "bad_files"
CASES = list(csv.DictReader(open(BAD / "expected.csv", encoding="utf-8")))


def test_corpus_has_one_file_per_problem():
    assert len(CASES) >= 25
    assert len({c["file"] for c in CASES}) == len(CASES)
    assert all((BAD / c["file"]).is_file() for c in CASES)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    c = make_db(tmp_path_factory.mktemp("corpus") / "corpus.duckdb")
    yield c
    c.close()


@pytest.mark.parametrize("case", CASES, ids=[c["file"] for c in CASES])
def test_bad_file_is_refused_with_row_and_column(con, case):
    before = db.table_checksums(con)
    result = import_file(con, BAD / case["file"], None, case["kind"], "test")
    assert not result.ok and result.batch_id is None
    row = int(case["row"]) if case["row"] else None
    matches = [p for p in result.problems
               if p.row == row
               and ((case["column"] in (p.column or "")) if case["column"] else p.column is None)
               and case["contains"].lower() in p.message_en.lower()]
    assert matches, [(p.row, p.column, p.message_en) for p in result.problems[:5]]
    p = matches[0]
    assert p.file == case["file"] and p.message_th  # every problem also speaks Thai
    assert db.table_checksums(con) == before
