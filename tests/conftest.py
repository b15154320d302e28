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
    """Path of a freshly built synthetic demo database (read it; copy it before writing)."""
    from data import store

    path = tmp_path_factory.mktemp("demo") / "demo.duckdb"
    store.init_database(path, demo=True)
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
    from data import db, reference

    con = db.connect(tmp_path / "empty.duckdb")
    db.migrate(con)
    reference.load_reference(con)
    yield con
    con.close()


@pytest.fixture()
def app_env(demo_db_path, monkeypatch):
    """Point the app at the demo database."""
    monkeypatch.setenv("LCRS_DB", str(demo_db_path))
    return demo_db_path
