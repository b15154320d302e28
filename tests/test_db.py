"""Migrations, schema version and storage errors."""
from __future__ import annotations

import pytest

from data.store import db


def test_migrations_apply_to_empty_database_and_are_idempotent(tmp_path):
    con = db.connect(tmp_path / "x.duckdb")
    applied = db.migrate(con)
    assert applied == [m.name for m in db.list_migrations()]
    assert db.stored_schema_version(con) == db.code_schema_version()
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    for t in ["municipality", "emission_factor", "activity", "indicator_def", "indicator_value", "action",
              "scorecard", "import_batch", "schema_version", "gpc_ref", "gwp", "ccf_notation"]:
        assert t in tables
    before = db.table_checksums(con)
    assert db.migrate(con) == []          # second run applies nothing
    assert db.table_checksums(con) == before
    con.close()


def test_reference_data_loaded_by_migration(tmp_path):
    con = db.connect(tmp_path / "x.duckdb")
    db.migrate(con)
    n_factors = con.execute("SELECT count(*) FROM emission_factor").fetchone()[0]
    n_prov = con.execute("SELECT count(*) FROM province").fetchone()[0]
    assert n_factors >= 30
    assert n_prov == 77                   # geothai: 77 provinces
    con.close()


def test_newer_schema_is_refused_with_a_clear_message(tmp_path):
    con = db.connect(tmp_path / "x.duckdb")
    db.migrate(con)
    future = db.code_schema_version() + 1
    con.execute("INSERT INTO schema_version (version, name) VALUES (?, 'future')", [future])
    with pytest.raises(db.SchemaTooNew) as err:
        db.check_schema(con)
    assert str(future) in err.value.message_en and "รุ่น" in err.value.message_th
    with pytest.raises(db.SchemaTooNew):
        db.migrate(con)
    con.close()


def test_missing_database_gives_bilingual_message(tmp_path):
    with pytest.raises(db.DatabaseMissing) as err:
        db.connect(tmp_path / "nope.duckdb", must_exist=True)
    assert "init --demo" in err.value.message_en and "ไม่พบ" in err.value.message_th


def test_corrupt_database_gives_bilingual_message(tmp_path):
    bad = tmp_path / "bad.duckdb"
    bad.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(db.DatabaseCorrupt) as err:
        db.connect(bad)
    assert "restore" in err.value.message_en


def test_transaction_rolls_back_on_error(tmp_path):
    con = db.connect(tmp_path / "x.duckdb")
    db.migrate(con)
    before = db.table_checksums(con)
    with pytest.raises(ZeroDivisionError):
        with db.transaction(con):
            con.execute("INSERT INTO region VALUES ('X', 'x', 'x')")
            1 / 0
    assert db.table_checksums(con) == before
    con.close()
