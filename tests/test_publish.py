"""Published copies for read-only replicas (data.store.publish): every committed write of an editor that publishes
leaves a consistent copy behind an atomically replaced pointer; without the setting nothing is published."""
from __future__ import annotations

import duckdb
import pytest

from data.store import db, publish
from data.write.importer import import_file
from tests.helpers.publish_data import refrigerant_csv, subject


def _real_copy(demo_db_copy):
    """The demo copy marked as real data, so that the importer accepts rows into it."""
    con = duckdb.connect(str(demo_db_copy))
    con.execute("UPDATE dataset_info SET is_demo = FALSE WHERE id = 1")
    con.close()
    return demo_db_copy


def _version_of(path) -> int:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT data_version FROM dataset_info").fetchone()[0]
    finally:
        con.close()


def test_nothing_is_published_without_the_setting(demo_db_copy, tmp_path, monkeypatch):
    monkeypatch.delenv(publish.PUBLISH_ENV, raising=False)
    con = db.connect(_real_copy(demo_db_copy))
    try:
        code, year = subject(con)
        res = import_file(con, refrigerant_csv(code, year, "r22_kg", 10.0), "a.csv", "activities")
        assert res.ok, res.problems
    finally:
        con.close()
    assert publish.publish_dir() is None
    assert list(tmp_path.glob("**/CURRENT")) == []


def test_every_write_publishes_a_copy_with_its_data(demo_db_copy, tmp_path, monkeypatch):
    out = tmp_path / "published"
    monkeypatch.setenv(publish.PUBLISH_ENV, str(out))
    con = db.connect(_real_copy(demo_db_copy))
    try:
        code, year = subject(con)
        before = con.execute("SELECT data_version FROM dataset_info").fetchall()[0][0]
        assert import_file(con, refrigerant_csv(code, year, "r22_kg", 10.0), "a.csv", "activities").ok
        publish.wait_for_deferred()
        first = publish.current_copy(out)
        assert first is not None and first.exists()
        # the import bumped the data version once: the copy holds it, and the new row
        assert _version_of(first) == before + 1
        copy = duckdb.connect(str(first), read_only=True)
        try:
            assert copy.execute("SELECT amount FROM activity WHERE municipality_code = ? AND year = ? AND "
                                "activity = 'r22_kg'", [code, year]).fetchall() == [(10.0,)]
        finally:
            copy.close()
        assert import_file(con, refrigerant_csv(code, year, "r134a_kg", 20.0), "b.csv", "activities").ok
        publish.wait_for_deferred()
        second = publish.current_copy(out)
        assert second != first and _version_of(second) == before + 2
    finally:
        con.close()
    # nothing half-written is left behind
    assert not list(out.glob(".*"))


def test_old_copies_are_pruned_to_the_newest_few(demo_db_copy, tmp_path):
    out = tmp_path / "published"
    con = db.connect(demo_db_copy)
    try:
        paths = [publish.publish(con, out) for _ in range(publish.KEEP + 2)]
    finally:
        con.close()
    kept = sorted(out.glob(f"{publish.PREFIX}*.duckdb"))
    assert len(kept) == publish.KEEP
    assert publish.current_copy(out) == paths[-1] and paths[-1] in kept
    assert not paths[0].exists()


def test_a_failed_write_publishes_nothing(demo_db_copy, tmp_path, monkeypatch):
    out = tmp_path / "published"
    monkeypatch.setenv(publish.PUBLISH_ENV, str(out))
    con = db.connect(demo_db_copy)
    try:
        with pytest.raises(RuntimeError):
            with db.transaction(con):
                con.execute("UPDATE dataset_info SET data_version = data_version + 1")
                raise RuntimeError("boom")
    finally:
        con.close()
    assert publish.current_copy(out) is None


def test_a_pointer_that_names_something_else_is_refused(tmp_path):
    (tmp_path / publish.POINTER).write_text("../../etc/passwd\n", encoding="utf-8")
    with pytest.raises(publish.PublishError):
        publish.current_copy(tmp_path)
