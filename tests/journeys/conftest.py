"""Journeys: four people use the dashboard in Debian chromium against `streamlit run`, clicking as they would.

Each journey gets a server of its own on a free 127.0.0.1 port and its own copy of a database, so the officer's
save never reaches the other journeys. Figures expected on screen come from the CLI (`python -m data summary`)
on an identical copy of the same database.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from playwright.sync_api import expect

from bench.server import serve
from tests.helpers import chromium
from tests.helpers.chromium import CHROMIUM

# the machine may be busy (a cold server's first page takes seconds): wait for what a person waits for, long
expect.set_options(timeout=30_000)

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots" / "journeys"
DESKTOP = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(config, items):
    if not os.path.exists(CHROMIUM):
        skip = pytest.mark.skip(reason="Debian chromium is not installed (apt-get install chromium)")
        for item in items:
            if "journeys" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return chromium.launch_args(browser_type_launch_args)


class Server:
    """A running `streamlit run app.py` on ``db`` (optionally with a secrets file); ``url`` is its base URL."""

    def __init__(self, db: Path, workdir: Path, secrets: dict | None = None):
        self.db = db
        extra: tuple[str, ...] = ()
        if secrets is not None:
            path = workdir / "secrets.toml"
            path.write_text("".join(f'{k} = "{v}"\n' for k, v in secrets.items()), encoding="utf-8")
            extra = ("--secrets.files", str(path))
        self._running = contextlib.ExitStack()
        self.url = self._running.enter_context(serve(ROOT / "app.py", {"LCRS_DB": str(db)},
                                                     workdir / "streamlit.log", extra)).url

    def stop(self) -> None:
        self._running.close()


def cli_summary(db: Path, code: str, year: int) -> dict:
    """`python -m data summary --municipality CODE --year YEAR --json` on ``db`` (a copy nobody else holds)."""
    out = subprocess.run([sys.executable, "-m", "data", "summary", "--municipality", code, "--year", str(year),
                          "--json", "--db", str(db)], cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def demo_server(demo_db_path, tmp_path_factory):
    """A server on its own copy of the demo database; yields (server, path of an untouched copy for the CLI)."""
    work = tmp_path_factory.mktemp("journey_server")
    served = shutil.copy(demo_db_path, work / "served.duckdb")
    for_cli = shutil.copy(demo_db_path, work / "cli.duckdb")
    server = Server(Path(served), work)
    try:
        yield server, Path(for_cli)
    finally:
        server.stop()


@pytest.fixture(scope="session")
def demo_facts(demo_db_path, tmp_path_factory):
    """Codes the journeys use, read from the demo database: the first pilot city, one of its replicating
    cities, and the latest year."""
    import duckdb

    copy = shutil.copy(demo_db_path, tmp_path_factory.mktemp("facts") / "facts.duckdb")
    con = duckdb.connect(str(copy), read_only=True)
    try:
        pilot, name_th, name_en, lon, lat = con.execute(
            "SELECT code, name_th, name_en, lon, lat FROM municipality WHERE role = 'pilot' ORDER BY code "
            "LIMIT 1").fetchone()
        rep = con.execute("SELECT code FROM municipality WHERE mentor_code = ? ORDER BY code LIMIT 1",
                          [pilot]).fetchone()[0]
        latest = con.execute("SELECT max(year) FROM activity").fetchone()[0]
        n_laos = con.execute("SELECT count(*) FROM municipality").fetchone()[0]
    finally:
        con.close()
    return {"pilot": pilot, "pilot_th": name_th, "pilot_en": name_en, "pilot_lonlat": (lon, lat), "replicating": rep, "latest": int(latest),
            "n_laos": int(n_laos)}


@pytest.fixture(scope="session")
def demo_names(demo_db_path, tmp_path_factory) -> dict[str, str]:
    """Thai and English municipality names of the demo database -> code."""
    import duckdb

    copy = shutil.copy(demo_db_path, tmp_path_factory.mktemp("names") / "names.duckdb")
    con = duckdb.connect(str(copy), read_only=True)
    try:
        rows = con.execute("SELECT code, name_th, name_en FROM municipality").fetchall()
    finally:
        con.close()
    return {name: code for code, th, en in rows for name in (th, en)}
