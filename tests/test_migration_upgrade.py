"""A database written at schema version 3 (before the stored aggregates of migration 004) upgrades to the
current version with every row kept, and then gives the same figures as before the upgrade.

The version-3 database is built here by running only migrations 001-003 (``db.migrate(con, up_to=3)``), then
filling it with the synthetic demo rows as an old version of this software would have stored them.
"""
from __future__ import annotations

import json

import pytest

from data.demo import generator
from data.figures import freshness, summary
from data.store import dataset, db, reference, table_writes
from data.write import initialise
from tests.helpers.db_state import table_checksums

OLD_VERSION = 3
CODE = "1401101"        # a pilot city of the demo set: CFO every year, CCF, indicators, actions, scorecards
YEAR = 2022
V3_TABLES = ("import_batch", "import_superseded", "dataset_info", "emission_factor", "gwp", "gpc_ref", "indicator_def",
             "province", "region")


@pytest.fixture(scope="module")
def version3_db(tmp_path_factory):
    """Path of a closed database at schema version 3 holding the demo rows (no agg schema)."""
    path = tmp_path_factory.mktemp("v3") / "v3.duckdb"
    demo_set = generator.generate("demo", generator.DEFAULT_SEED)
    con = db.connect(path)
    try:
        assert db.migrate(con, up_to=OLD_VERSION) == [m.name for m in db.list_migrations()[:OLD_VERSION]]
        with db.transaction(con):
            reference.load_reference(con)
            batch = table_writes.new_batch(con, "demo", "v3-fixture", "0" * 64, 0, who="tests", is_demo=True)
            for table, frame in demo_set.tables().items():
                if table == "action":   # schema 3 requires an A-S-I class on every action
                    frame = frame.assign(asi=frame["asi"].fillna("improve"))
                table_writes.insert_frame(con, table, frame, batch)
            dataset.ensure_dataset_row(con, is_demo=True)
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


def _user_rows(con) -> dict:
    """Row count and content hash of every data table, and the row count of every other table the version-3
    file has (later migrations may add columns to bookkeeping tables such as import_batch, never drop rows)."""
    sums = table_checksums(con)
    # migration 006 classifies resilience actions by UNDRR essential (asi becomes NULL): actions keep their count
    out = {t: (sums[t] if t != "action" else sums[t][0]) for t in table_writes.DATA_TABLES}
    out.update({t: sums[t][0] for t in V3_TABLES if t not in table_writes.DATA_TABLES})
    return out


def test_the_fixture_is_really_version_3(version3_db):
    con = db.connect(version3_db, read_only=True)
    try:
        assert db.stored_schema_version(con) == OLD_VERSION
        assert con.execute("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 'agg'").fetchone()[0] == 0
        assert con.execute("SELECT count(*) FROM activity").fetchone()[0] > 80_000
    finally:
        con.close()


def test_upgrade_keeps_every_row_and_every_figure(version3_db, tmp_path):
    path = tmp_path / "upgraded.duckdb"
    path.write_bytes(version3_db.read_bytes())
    con = db.connect(path)
    try:
        rows_before = _user_rows(con)
        # a version-3 file is read without the stored aggregates: the figures are computed from the rows
        assert not freshness.is_current(con)
        before = json.dumps(summary.municipality_summary(con, CODE, YEAR), sort_keys=True)
        applied = db.migrate(con)
        assert applied == [m.name for m in db.list_migrations()[OLD_VERSION:]]
        assert db.stored_schema_version(con) == db.code_schema_version()
        assert _user_rows(con) == rows_before
        assert json.dumps(summary.municipality_summary(con, CODE, YEAR), sort_keys=True) == before
    finally:
        con.close()
    # `python -m data init` on the upgraded file builds the stored figures; they give the same JSON
    initialise.init_database(path)
    con = db.connect(path, read_only=True)
    try:
        assert freshness.is_current(con)
        assert _user_rows(con) == rows_before
        assert json.dumps(summary.municipality_summary(con, CODE, YEAR), sort_keys=True) == before
    finally:
        con.close()


def test_init_upgrades_a_version_3_file_in_one_step(version3_db, tmp_path):
    path = tmp_path / "by_init.duckdb"
    path.write_bytes(version3_db.read_bytes())
    result = initialise.init_database(path)
    assert result["migrations_applied"] == [m.name for m in db.list_migrations()[OLD_VERSION:]]
    assert result["schema_version"] == db.code_schema_version()
    con = db.connect(path, read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM municipality").fetchone()[0] == 60
        assert freshness.is_current(con)
    finally:
        con.close()
