"""Shared fixtures: a demo database built once per test session (per xdist worker)."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


@pytest.fixture(scope="session")
def demo_db_path(tmp_path_factory) -> Path:
    """Path of a freshly built synthetic demo database. Open it read-only in this process (never read-write:
    DuckDB refuses two configurations for one file in a process), or copy it (``demo_db_copy``) to write."""
    from data.write import initialise

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    initialise.init_database(path, demo=True)
    return path


@pytest.fixture()
def demo_db_copy(demo_db_path, tmp_path) -> Path:
    """A private, writable copy of the demo database."""
    import shutil

    dst = tmp_path / "demo_copy.duckdb"
    shutil.copy(demo_db_path, dst)
    return dst


@pytest.fixture()
def empty_db(tmp_path):
    """A migrated database with reference data and no municipality data; yields an open connection."""
    from data.store import db
    from data.store import reference

    con = db.connect(tmp_path / "empty.duckdb")
    db.migrate(con)
    reference.load_reference(con)
    yield con
    con.close()


@pytest.fixture(scope="session")
def app_db_path(demo_db_path, tmp_path_factory) -> Path:
    """The app's own copy of the demo database: the app keeps a read-write connection open for the whole
    process (its cached resource), so it must not share a file with tests that open the pristine copy."""
    import shutil

    dst = tmp_path_factory.mktemp("app") / "app_demo.duckdb"
    shutil.copy(demo_db_path, dst)
    return dst


@pytest.fixture()
def app_env(app_db_path, monkeypatch):
    """Point the app at its copy of the demo database."""
    monkeypatch.setenv("LCRS_DB", str(app_db_path))
    return app_db_path
