"""The review path from the command line (the CLI contract, README "Command line"): accounts, an officer's
import with a row outside its scope (exit 2, file/row/column, nothing written), the fixed file submitted,
``summary`` unchanged until a mentor approves (``--include-unpublished`` shows it), ``batches --json``,
``review`` refused for an editor and for a return without a comment, approved by the mentor.

Figures: 9000002's 2023 CFO total is 5.225 t (2,300 L gasoline x 2.2719 kg); the officer's row adds
10,000 kWh x 0.4999 kg = 4.999 t -> 10.224 t once published.
"""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from data.store import db
from tests.conftest import ROOT
from tests.helpers import sample_data as sd

PW = {"admin": "Adm1n-Pass/phrase-2567", "officer2": "Ed1tor-Pass/phrase-2567", "mentor1": "Ment0r-Pass/phrase-2567"}
ELEC = ["9000002", "2023", "CFO", "electricity_kwh", "10000", "kWh", "", "", "H", "PEA bill", ""]
OUTSIDE = ["9000003", "2023", "CFO", "electricity_kwh", "1", "kWh", "", "", "H", "", ""]


def cli(db_path, *args, stdin: str = ""):
    return subprocess.run([sys.executable, "-m", "data", *args, "--db", str(db_path)], input=stdin,
                          capture_output=True, text=True, cwd=ROOT, timeout=180)


@pytest.fixture()
def real_db(tmp_path):
    path = sd.new_real_database(tmp_path / "cli.duckdb", kinds=("activities",))
    for name, args in [("admin", ["--role", "admin"]),
                       ("officer2", ["--role", "editor", "--municipality", "9000002"]),
                       ("mentor1", ["--role", "mentor", "--municipality", "9000001"])]:
        r = cli(path, "users", "add", name, *args, "--password-stdin", stdin=PW[name] + "\n")
        assert r.returncode == 0, r.stderr
    return path


def cfo_total(path, *extra) -> float:
    r = cli(path, "summary", "--municipality", "9000002", "--year", "2023", "--json", *extra)
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)["cfo"]["total"]


def test_the_whole_review_path_from_the_command_line(real_db, tmp_path):
    bad = tmp_path / "officer2_2023.csv"
    bad.write_bytes(sd.csv_bytes(sd.ACTIVITY_HEADER, [ELEC, OUTSIDE]))
    con = db.connect(real_db, read_only=True)
    before = db.table_checksums(con)
    con.close()
    r = cli(real_db, "import", str(bad), "--kind", "activities", "--as", "officer2")
    assert r.returncode == 2
    assert "officer2_2023.csv, row 3, column municipality_code" in r.stderr and "9000003" in r.stderr
    assert "แถว 3" in r.stderr
    con = db.connect(real_db, read_only=True)
    assert db.table_checksums(con) == before                  # nothing written, not even a batch
    con.close()

    fixed = tmp_path / "officer2_2023_fixed.csv"
    fixed.write_bytes(sd.csv_bytes(sd.ACTIVITY_HEADER, [ELEC]))
    r = cli(real_db, "import", str(fixed), "--kind", "activities", "--as", "officer2")
    assert r.returncode == 0, r.stderr
    assert "for review as batch 3" in r.stdout and "officer2_2023_fixed.csv" in r.stdout
    assert cfo_total(real_db) == 5.225                        # published figures only
    assert cfo_total(real_db, "--include-unpublished") == 10.224

    listed = json.loads(cli(real_db, "batches", "--json").stdout)
    assert listed[-1] == {"id": 3, "kind": "activities", "status": "submitted", "user": "officer2",
                          "municipalities": ["9000002"], "rows": 1, "created": listed[-1]["created"],
                          "reviewed_by": None}
    assert [b["status"] for b in listed] == ["published", "published", "submitted"]

    refused = cli(real_db, "review", "3", "--as", "officer2", "--approve")
    assert refused.returncode == 2 and "only a mentor or an administrator" in refused.stderr
    no_comment = cli(real_db, "review", "3", "--as", "mentor1", "--return")
    assert no_comment.returncode == 2 and "needs a comment" in no_comment.stderr
    unknown = cli(real_db, "review", "3", "--as", "nobody", "--approve")
    assert unknown.returncode == 2
    assert cfo_total(real_db) == 5.225

    ok = cli(real_db, "review", "3", "--as", "mentor1", "--approve")
    assert ok.returncode == 0, ok.stderr
    assert cfo_total(real_db) == 10.224
    last = json.loads(cli(real_db, "batches", "--json").stdout)[-1]
    assert (last["status"], last["reviewed_by"]) == ("published", "mentor1")
    again = cli(real_db, "review", "3", "--as", "mentor1", "--approve")
    assert again.returncode == 2 and "not waiting for review" in again.stderr


def test_return_and_an_administrators_import(real_db, tmp_path):
    f = tmp_path / "a.csv"
    f.write_bytes(sd.csv_bytes(sd.ACTIVITY_HEADER, [ELEC]))
    assert cli(real_db, "import", str(f), "--kind", "activities", "--as", "officer2").returncode == 0
    r = cli(real_db, "review", "3", "--as", "mentor1", "--return", "--comment", "Bill says 1,000 kWh")
    assert r.returncode == 0, r.stderr
    assert json.loads(cli(real_db, "batches", "--json").stdout)[-1]["status"] == "returned"
    assert cfo_total(real_db) == 5.225
    # the administrator's import (with --as admin, or without --as) is published at once
    g = tmp_path / "b.csv"
    g.write_bytes(sd.csv_bytes(sd.ACTIVITY_HEADER, [ELEC[:4] + ["20000"] + ELEC[5:]]))
    r = cli(real_db, "import", str(g), "--kind", "activities", "--as", "admin")
    assert r.returncode == 0, r.stderr
    # 5.22537 + 20,000 x 0.4999 / 1000 = 15.22337 -> 15.223
    assert cfo_total(real_db) == 15.223
    assert json.loads(cli(real_db, "batches", "--json").stdout)[-1]["status"] == "published"
