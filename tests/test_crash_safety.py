"""Crash safety: an import killed with SIGKILL half-way leaves the database exactly as before; the app starts
cleanly afterwards; a missing, corrupt or too-new database file gives a clear bilingual message with the way
to restore it, never a traceback.

The kills run ``python -m data import`` in subprocesses on copies of one real-data database, in parallel:

* ``during_insert`` — killed the moment the import starts its bulk insert (inside its transaction);
* ``before_commit`` — killed after every row is in the open transaction, before COMMIT;
* ``at_commit`` — the unmodified CLI, killed as soon as the database file or its WAL changes on disk (the
  commit being written); all or nothing: the file holds either the old state or the complete import.

``tests/helpers/interrupted_import.py`` is the real CLI with a print before and after the insert.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.helpers import apptest as ah
from tests.helpers import sample_data as sd

HELPER = ROOT / "tests" / "helpers" / "interrupted_import.py"
YEARS = range(2030, 2086)      # after the sample activities (2023): no key conflicts
ACTIVITIES = {"electricity_kwh": "kWh", "diesel_onroad_l": "L", "gasoline_onroad_l": "L",
              "lpg_stationary_kg": "kg", "tap_water_pwa_m3": "m3", "paper_kg": "kg"}
CODES = ["9000001", "9000002", "9000003"]
# 3 municipalities x 56 years x 6 activities x 12 months = 12,096 rows
BIG_ROWS = len(CODES) * len(YEARS) * len(ACTIVITIES) * 12
THAI = re.compile("[\u0e00-\u0e7f]")
CRASHES_SURVIVED = []
OUTCOMES: dict[str, str] = {}


def _big_rows() -> list[list[str]]:
    return [[code, str(year), "CFO", act, f"{1000 + month}.5", unit, str(month), "", "M", "meter", ""]
            for code in CODES for year in YEARS for act, unit in ACTIVITIES.items() for month in range(1, 13)]


@pytest.fixture(scope="module")
def crash_base(tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    base = sd.new_real_database(root / "base.duckdb", kinds=("activities", "actions"))
    big = root / "big_activities.csv"
    big.write_bytes(sd.csv_bytes(sd.ACTIVITY_HEADER, _big_rows()))
    return root, base, big


def _checksums(path: Path):
    from data.store import db

    con = db.connect(path)
    try:
        db.check_schema(con)
        return db.table_checksums(con)
    finally:
        con.close()


def _start(args: list[str], env_extra: dict | None = None) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env_extra or {})}
    return subprocess.Popen([sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env)


def _wait_for_line(proc: subprocess.Popen, wanted: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if line.strip() == wanted:
            return
        if not line and proc.poll() is not None:
            raise AssertionError(f"import ended before {wanted}: {proc.returncode} {proc.stderr.read()[-2000:]}")
    raise AssertionError(f"no {wanted} within {timeout} s")


def _file_state(path: Path) -> tuple:
    wal = path.with_name(path.name + ".wal")
    st = path.stat()
    return (st.st_mtime_ns, st.st_size, wal.exists() and wal.stat().st_size)


@pytest.fixture(scope="module")
def killed_imports(crash_base):
    """Three imports killed at three points, run side by side; returns {scenario: (path, before, outcome)}."""
    root, base, big = crash_base
    runs = {}
    for scenario in ("during_insert", "before_commit", "at_commit"):
        path = sd.copy_database(base, root / f"{scenario}.duckdb")
        before = _checksums(path)
        cli = ["import", str(big), "--kind", "activities", "--db", str(path)]
        proc = _start(["-m", "data", *cli]) if scenario == "at_commit" else \
            _start([str(HELPER), *cli], {"HOLD_SECONDS": "120"})
        runs[scenario] = (path, before, proc, _file_state(path))
    outcomes = {}

    def kill(scenario):
        path, before, proc, state0 = runs[scenario]
        if scenario == "during_insert":
            _wait_for_line(proc, "WRITING")
        elif scenario == "before_commit":
            _wait_for_line(proc, "WRITTEN")
        else:
            # the unmodified CLI: kill at the first sign of the commit reaching the disk
            deadline = time.monotonic() + 120
            while proc.poll() is None and _file_state(path) == state0 and time.monotonic() < deadline:
                time.sleep(0.0005)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
        proc.stderr.close()
        outcomes[scenario] = (path, before, proc.returncode)
        if proc.returncode == -signal.SIGKILL:
            CRASHES_SURVIVED.append(scenario)

    watchers = [threading.Thread(target=kill, args=(s,)) for s in runs]
    for w in watchers:
        w.start()
    for w in watchers:
        w.join()
    assert set(outcomes) == set(runs)
    return outcomes


def test_import_killed_before_commit_leaves_database_exactly_as_before(killed_imports):
    for scenario in ("during_insert", "before_commit"):
        path, before, rc = killed_imports[scenario]
        assert rc == -signal.SIGKILL, f"{scenario}: the import was not killed (exit {rc})"
        assert _checksums(path) == before, f"{scenario}: the database changed"


def test_import_killed_at_commit_is_all_or_nothing(killed_imports):
    from data.store import db

    path, before, rc = killed_imports["at_commit"]
    after = _checksums(path)
    if after == before:
        OUTCOMES["at_commit"] = "nothing imported"
        return
    OUTCOMES["at_commit"] = "the whole file imported"
    # the commit made it to disk before the kill: then the whole file is in, exactly once
    con = db.connect(path, read_only=True)
    try:
        n = con.execute("SELECT count(*) FROM activity").fetchone()[0]
        batch = con.execute("SELECT rows, status FROM import_batch WHERE kind = 'activities' "
                            "ORDER BY batch_id").fetchall()
    finally:
        con.close()
    assert n == BIG_ROWS + len(sd.ACTIVITIES), (rc, n)
    assert batch == [(len(sd.ACTIVITIES), "active"), (BIG_ROWS, "active")], (rc, batch)
    assert {t: v for t, v in after.items() if t not in ("activity", "import_batch", "dataset_info")} == \
        {t: v for t, v in before.items() if t not in ("activity", "import_batch", "dataset_info")}


def test_database_opens_and_takes_the_import_after_a_kill(killed_imports, crash_base):
    from data.store import db
    from data.write.importer import import_file

    _, _, big = crash_base
    path, before, _ = killed_imports["before_commit"]
    con = db.connect(path)
    try:
        assert db.check_schema(con) == db.code_schema_version()
        # nothing of the killed batch is left behind: no batch row blocks the same file
        assert con.execute("SELECT count(*) FROM import_batch WHERE kind = 'activities'").fetchone()[0] == 1
        result = import_file(con, big, None, "activities", user="after-crash")
        assert result.ok and result.rows == BIG_ROWS, [str(p) for p in result.problems[:3]]
        assert con.execute("SELECT count(*) FROM activity").fetchone()[0] == BIG_ROWS + len(sd.ACTIVITIES)
    finally:
        con.close()


def test_app_starts_cleanly_after_a_killed_import(killed_imports, monkeypatch):
    path, _, _ = killed_imports["during_insert"]
    monkeypatch.setenv("LCRS_DB", str(path))
    ah.reset_app_caches()
    try:
        at = ah.new_session("en")
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert not at.error, [e.value for e in at.error]
        assert at.title and at.title[0].value == "Network overview"
        with_cfo = next(m for m in at.metric if m.label == "LAOs with a CFO")
        # of the three sample municipalities, 9000001 and 9000002 have CFO rows for 2023; the killed
        # import's years 2030-2085 never arrived, so the latest year is still 2023
        assert with_cfo.value == "2 / 3"
    finally:
        ah.reset_app_caches()
    print(f"\ncrash safety: {len(CRASHES_SURVIVED)} SIGKILLed imports survived ({', '.join(CRASHES_SURVIVED)}); "
          f"killed at commit: {OUTCOMES.get('at_commit', 'not checked')}")


# --- a damaged or missing database file --------------------------------------------------------------------

def _make_bad_database(kind: str, tmp_path: Path, demo_db_path: Path) -> Path:
    import duckdb

    path = tmp_path / f"{kind}.duckdb"
    if kind == "missing":
        return path
    if kind == "garbage":
        path.write_bytes(os.urandom(256 * 1024))
    elif kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_bytes(demo_db_path.read_bytes()[:1_000_000])
    elif kind == "newer":
        sd.copy_database(demo_db_path, path)
        con = duckdb.connect(str(path))
        con.execute("INSERT INTO schema_version (version, name) VALUES (99, 'from_the_future')")
        con.close()
    return path


@pytest.mark.parametrize("kind, lang", [("missing", "th"), ("garbage", "en"), ("empty", "th"),
                                        ("truncated", "en"), ("newer", "th")])
def test_bad_database_file_gives_a_bilingual_message_not_a_traceback(kind, lang, tmp_path, demo_db_path,
                                                                     monkeypatch):
    path = _make_bad_database(kind, tmp_path, demo_db_path)
    monkeypatch.setenv("LCRS_DB", str(path))
    ah.reset_app_caches()
    try:
        at = ah.new_session(lang)
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert len(at.error) == 1, [e.value for e in at.error]
        text = at.error[0].value
        assert THAI.search(text) and re.search(r"[A-Za-z]{4,} [a-z]+ [a-z]+", text), text   # Thai and English
        assert "Traceback" not in text and "File \"" not in text
        if kind == "newer":
            assert "99" in text and "Update the software" in text
        else:
            assert "python -m data restore" in text, text
        assert not at.metric and not at.title      # the page stopped after the message
    finally:
        ah.reset_app_caches()


def test_every_page_stops_with_the_message_on_a_corrupt_file(tmp_path, demo_db_path, monkeypatch):
    path = _make_bad_database("garbage", tmp_path, demo_db_path)
    monkeypatch.setenv("LCRS_DB", str(path))
    ah.reset_app_caches()
    try:
        at = ah.new_session("en")
        at.run()
        for page in ah.READ_PAGES + ["data_admin"]:
            at.switch_page(f"pages/{page}.py").run()
            assert not at.exception, (page, [e.value for e in at.exception])
            errors = [e.value for e in at.error]
            assert errors and "python -m data restore" in errors[0], (page, errors)
    finally:
        ah.reset_app_caches()


def test_restore_from_an_export_brings_a_corrupt_database_back(tmp_path, crash_base, monkeypatch):
    """The way out the message names: ``python -m data restore EXPORT --db FILE`` (same code, in process)."""
    from data.store import db
    from data.cli import main

    source = sd.copy_database(crash_base[1], tmp_path / "source.duckdb")
    export = tmp_path / "backup"
    assert main(["export", str(export), "--format", "csv", "--db", str(source)]) == 0
    path = _make_bad_database("garbage", tmp_path, source)
    assert main(["restore", str(export), "--db", str(path)]) == 0
    kept = [p.name for p in tmp_path.iterdir() if p.name.startswith("garbage.duckdb.corrupt")]
    assert kept, "the unreadable file is kept aside, not deleted"
    con = db.connect(path, read_only=True)
    src = db.connect(source, read_only=True)
    try:
        for table in ("municipality", "activity", "action", "scorecard", "indicator_value"):
            assert db.table_checksums(con)[table] == db.table_checksums(src)[table], table
    finally:
        con.close()
        src.close()
    monkeypatch.setenv("LCRS_DB", str(path))
    ah.reset_app_caches()
    try:
        at = ah.new_session("th")
        at.run()
        assert not at.exception and not at.error
        assert at.title and THAI.search(at.title[0].value)
        assert next(m for m in at.metric if m.label == "อปท. ที่มี CFO").value == "2 / 3"
    finally:
        ah.reset_app_caches()
