"""One writer for real: the app's hold on the database survives anything a browser can send.

Reproduced first: any anonymous client can send Streamlit's ``clear_cache`` message; it dropped the cached
connection (and with it DuckDB's own file lock), after which a command-line import succeeded while the app
ran. The same message cleared the record of failed sign-ins, and parallel sessions were not slowed at all.
Now the app process holds ``DB.lock`` (``data.write_lock``) for its whole life, the CLI takes the same lock
before any write, and failed sign-ins live in a module of the process (``ui.sign_in_throttle``), checked one
at a time.
"""
from __future__ import annotations

import gc
import os
import signal
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import ROOT
from tests.helpers import apptest as ah
from tests.helpers import sample_data as sd

PASSWORD = "Udon/2568-editor!"


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


def test_sign_in_delay_survives_clear_cache(real_app, monkeypatch):
    delays = _record_page_sleeps(monkeypatch)
    at = ah.new_session("en", secrets={"editor_password": PASSWORD})
    at.run()
    at.switch_page("pages/data_admin.py").run()
    for guess in ("a", "b", "c"):
        ah.sign_in(at, guess)
    _simulate_clear_cache()
    other = ah.new_session("en", secrets={"editor_password": PASSWORD})
    other.run()
    other.switch_page("pages/data_admin.py").run()
    ah.sign_in(other, "d")
    # 3 failures were recorded before the cache was cleared: the 4th attempt waits 3 × 0.5 s = 1.5 s
    assert delays == [0.0, 0.5, 1.0, 1.5], delays


def _record_page_sleeps(monkeypatch) -> list[float]:
    delays: list[float] = []
    real_sleep = time.sleep

    def recording_sleep(seconds):
        if sys._getframe(1).f_code.co_filename.endswith("data_admin.py"):
            delays.append(seconds)
            return
        real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", recording_sleep)
    return delays


def test_parallel_sessions_are_checked_one_at_a_time(real_app, monkeypatch):
    """Eight sessions guess at once: each check sees every earlier failure, so no two wait the same."""
    import streamlit as st

    delays = _record_page_sleeps(monkeypatch)
    # AppTest swaps the global st.secrets during each run; overlapping runs on threads can leave one
    # session's secrets behind, so the original object is put back when the test ends
    monkeypatch.setattr(st, "secrets", st.secrets)
    sessions = 8
    errors: list = []
    start = threading.Barrier(sessions)
    with ah.concurrent_sessions(monkeypatch):
        def guess(i: int) -> None:
            try:
                ah.harness_language("en")
                at = ah.new_session("en", secrets={"editor_password": PASSWORD})
                at.run()
                at.switch_page("pages/data_admin.py").run()
                start.wait(timeout=120)
                ah.sign_in(at, f"wrong-{i}")
                if at.exception:
                    errors.append([e.value for e in at.exception])
            except Exception as exc:  # reported below
                errors.append(repr(exc))

        threads = [threading.Thread(target=guess, args=(i,)) for i in range(sessions)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(timeout=300)
    assert not errors, errors
    # 0, 0.5, ..., 3.5 s: the k-th check waits for the k failures before it (DELAY_PER_FAILURE_S = 0.5)
    assert sorted(delays) == [0.5 * k for k in range(sessions)], delays
