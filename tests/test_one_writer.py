"""One writer for real: the app's hold on the database survives anything a browser can send.

Reproduced first: any anonymous client can send Streamlit's ``clear_cache`` message; it dropped the cached
connection (and with it DuckDB's own file lock), after which a command-line import succeeded while the app
ran. Now the app process holds ``DB.lock`` (``data.store.process_lock``) for its whole life and the CLI
takes the same lock before any write. (The sign-in limits of the same report are per account, stored in the
database: ``tests/test_accounts.py``.)
"""
from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.helpers import apptest as ah
from tests.helpers import sample_data as sd



@pytest.fixture()
def real_app(tmp_path, monkeypatch):
    path = sd.new_real_database(tmp_path / "app.duckdb")
    monkeypatch.setenv("LCRS_DB", str(path))
    ah.reset_app_caches()
    yield path
    ah.reset_app_caches()


def _cli(*args, db=None, timeout=120) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "data", *args] + (["--db", str(db)] if db else [])
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def _counts(path) -> tuple[int, int]:
    from data.store import db

    con = db.connect(path)
    try:
        return (con.execute("SELECT count(*) FROM activity").fetchone()[0],
                con.execute("SELECT count(*) FROM import_batch").fetchone()[0])
    finally:
        con.close()


def _simulate_clear_cache() -> None:
    """What Streamlit does on a client's clear_cache message: both caches cleared in the server process."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()      # the dropped connection is closed now, not at some later collection


def test_cli_import_is_refused_while_the_app_runs_even_after_clear_cache(real_app, tmp_path):
    at = ah.new_session("en")
    at.run()
    assert not at.exception
    _simulate_clear_cache()
    f = tmp_path / "acts.csv"
    f.write_bytes(sd.sample_bytes("activities"))
    r = _cli("import", str(f), "--kind", "activities", db=real_app)
    assert r.returncode == 1, (r.stdout, r.stderr)
    assert "in use" in r.stderr and "กำลังถูกใช้งาน" in r.stderr and "Traceback" not in r.stderr
    # the app still serves pages afterwards (it reopens its connection) and nothing was written
    at.run()
    assert not at.exception
    ah.reset_app_caches()           # the app process ends: its lock goes with it
    assert _counts(real_app) == (0, 1)


@pytest.mark.parametrize("command", ["rollback", "restore", "init"])
def test_every_writing_command_is_refused_while_the_app_runs(real_app, tmp_path, command):
    at = ah.new_session("en")
    at.run()
    _simulate_clear_cache()
    args = {"rollback": ["rollback", "1"], "restore": ["restore", str(tmp_path / "none"), "--force"],
            "init": ["init"]}[command]
    r = _cli(*args, db=real_app)
    assert r.returncode == 1 and "in use" in r.stderr, (command, r.stderr)


def test_the_lock_dies_with_its_process(tmp_path):
    """A crashed app never leaves the database locked: the kernel drops a dead process's flock."""
    path = sd.new_real_database(tmp_path / "k.duckdb")
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from data.store import process_lock; "
         f"process_lock.hold_for_process({str(path)!r}); print('held', flush=True); time.sleep(600)"],
        cwd=ROOT, stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        assert holder.stdout.readline().strip() == "held"
        f = tmp_path / "acts.csv"
        f.write_bytes(sd.sample_bytes("activities"))
        refused = _cli("import", str(f), "--kind", "activities", db=path)
        assert refused.returncode == 1 and "in use" in refused.stderr
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        ok = _cli("import", str(f), "--kind", "activities", db=path)
        assert ok.returncode == 0, ok.stderr
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait()
