"""Anonymous visitors cannot exhaust the server (issue: 12 report clicks took 51 s and slowed every page;
the upload endpoint stored any number of 50 MB files for a page without an uploader; database errors showed
the server's absolute path).

* reports are built once per (database, data version, municipality, year, language), one build per key at a
  time, at most ``MAX_CONCURRENT_BUILDS`` builds in the process (``ui.report_cache``);
* uploads are stored only for signed-in sessions, within a per-session and a process budget
  (``ui.upload_guard``), and the server's cap equals the reader's;
* no page shows an absolute path.
"""
from __future__ import annotations

import threading
import tomllib

import pytest

from tests.conftest import ROOT
from tests.helpers import apptest as ah


@pytest.fixture(autouse=True)
def _fresh_reports():
    from ui import report_cache

    report_cache.clear()
    yield
    report_cache.clear()


def test_one_build_per_key_however_many_ask_at_once():
    from ui import report_cache

    builds = []
    release = threading.Event()

    def build():
        builds.append(1)
        release.wait(timeout=60)
        return b"pdf", b"xlsx"

    results = []
    threads = [threading.Thread(target=lambda: results.append(report_cache.get_reports(("db", 1, "X", 2023, "th"),
                                                                                     build)))
               for _ in range(12)]
    for th in threads:
        th.start()
    release.set()
    for th in threads:
        th.join(timeout=60)
    assert len(builds) == 1 and results == [(b"pdf", b"xlsx")] * 12
    # a new data version is a new key: built again
    report_cache.get_reports(("db", 2, "X", 2023, "th"), build)
    assert len(builds) == 2


def test_concurrent_builds_are_capped_for_the_whole_process():
    from ui import report_cache

    running = 0
    peak = 0
    guard = threading.Lock()
    entered = threading.Semaphore(0)
    release = threading.Event()

    def build():
        nonlocal running, peak
        with guard:
            running += 1
            peak = max(peak, running)
        entered.release()
        release.wait(timeout=60)
        with guard:
            running -= 1
        return b"p", b"x"

    keys = [("db", 1, f"M{i}", 2023, "en") for i in range(6)]
    threads = [threading.Thread(target=report_cache.get_reports, args=(k, build)) for k in keys]
    for th in threads:
        th.start()
    for _ in range(report_cache.MAX_CONCURRENT_BUILDS):
        assert entered.acquire(timeout=60)
    release.set()
    for th in threads:
        th.join(timeout=60)
    assert peak == report_cache.MAX_CONCURRENT_BUILDS == 2


def test_profile_page_builds_a_report_once_for_many_visitors(app_env, demo_db_path, monkeypatch):
    import duckdb

    import reports

    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        code, year = con.execute("SELECT municipality_code, max(year) FROM activity GROUP BY 1 ORDER BY 1 "
                                 "LIMIT 1").fetchone()
    finally:
        con.close()

    calls = []
    monkeypatch.setattr(reports, "build_municipality_pdf", lambda *a, **k: calls.append("pdf") or b"%PDF-1.4")
    monkeypatch.setattr(reports, "build_municipality_xlsx", lambda *a, **k: calls.append("xlsx") or b"PK")
    ah.reset_app_caches()
    try:
        for _ in range(3):
            at = ah.new_session("en")
            at.query_params["m"] = code
            at.query_params["year"] = str(year)
            at.run()
            at.switch_page("pages/profile.py").run()
            at.button(key="prep_report").click().run()
            assert not at.exception, [e.value for e in at.exception]
            assert len(at.get("download_button")) >= 2
        assert calls == ["pdf", "xlsx"]
    finally:
        ah.reset_app_caches()


class _File:
    def __init__(self, file_id: str, size: int):
        self.file_id, self.name, self.type, self.data = file_id, "f.csv", "text/csv", b"x" * size


def test_uploads_are_stored_only_for_signed_in_sessions_within_a_budget():
    from starlette.exceptions import HTTPException
    from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager

    from ui import upload_guard

    mgr = MemoryUploadedFileManager("/_stcore/upload_file")
    states = {"visitor": {}, "editor": {"auth.user": {"name": "officer"}}, "editor2": {"auth.user": {"name": "admin"}}}
    upload_guard.guard(mgr, states.get)
    upload_guard.guard(mgr, states.get)          # idempotent: installing twice wraps once
    with pytest.raises(HTTPException) as refused:
        mgr.add_file(session_id="visitor", file=_File("a", 1000))
    assert refused.value.status_code == 403 and mgr._total_bytes == 0
    with pytest.raises(HTTPException):
        mgr.add_file(session_id="gone", file=_File("a", 10))      # an unknown session: nothing stored
    mgr.add_file(session_id="editor", file=_File("a", 50 * 1024 * 1024))
    with pytest.raises(HTTPException) as over:   # 50 MB + 20 MB > the 60 MB a session may hold
        mgr.add_file(session_id="editor", file=_File("b", 20 * 1024 * 1024))
    assert over.value.status_code == 413
    mgr.add_file(session_id="editor", file=_File("a", 1024))        # replacing a file frees its bytes
    assert mgr._total_bytes == 1024
    monkey_total = upload_guard.MAX_TOTAL_BYTES
    mgr._total_bytes = monkey_total - 10
    with pytest.raises(HTTPException):          # the process budget counts every session's files
        mgr.add_file(session_id="editor2", file=_File("c", 100))


def test_server_upload_cap_equals_the_reader_cap():
    from data.ingest.validate import MAX_FILE_BYTES

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["server"]["maxUploadSize"] * 1024 * 1024 == MAX_FILE_BYTES


def test_no_page_shows_the_servers_absolute_path(tmp_path, monkeypatch):
    path = tmp_path / "secret-place" / "lcrs.duckdb"
    path.parent.mkdir()
    path.write_bytes(b"\x00garbage" * 4096)
    monkeypatch.setenv("LCRS_DB", str(path))
    ah.reset_app_caches()
    try:
        at = ah.new_session("en")
        at.run()
        for page in ah.READ_PAGES + ["data_admin"]:
            at.switch_page(f"pages/{page}.py").run()
            assert not at.exception
            texts = " ".join(text for _, text in ah.element_texts(at))
            assert "lcrs.duckdb" in texts                   # the message names the file ...
            assert str(tmp_path) not in texts and "secret-place" not in texts, page   # ... not where it is
    finally:
        ah.reset_app_caches()
