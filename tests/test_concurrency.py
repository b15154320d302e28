"""One writer, many readers: the app process owns the DuckDB file.

* 20 browser sessions (AppTest, one thread each) render the read pages while an editor imports a file
  through the data page in the same process: no errors, every row arrives exactly once, readers only ever
  see the database before or after the import, and every reader sees the new data afterwards;
* a command-line import while the app holds the file fails with exit 1 and the "database in use" message,
  and changes nothing;
* the app shows new data after an import without a restart;
* the language is per session: one user switching language never changes another user's page.
"""
from __future__ import annotations

import re
import subprocess
import sys
import threading
import time

import pytest

from tests.conftest import ROOT
from tests.helpers import apptest as ah
from tests.helpers import sample_data as sd
from tests.helpers.db_state import table_checksums

SESSIONS = 20
PASSWORD = "correct horse battery staple 9"
THAI = re.compile("[\u0e00-\u0e7f]")
# 3 municipalities x 20 years (2030-2049) x 6 activities x 12 months = 4,320 rows
NEW_YEARS = range(2030, 2050)
ACTIVITIES = {"electricity_kwh": "kWh", "diesel_onroad_l": "L", "gasoline_onroad_l": "L",
              "lpg_stationary_kg": "kg", "tap_water_pwa_m3": "m3", "paper_kg": "kg"}
NEW_ROWS = [[code, str(y), "CFO", act, f"{100 + m}", unit, str(m), "", "H", "", ""]
            for code in ("9000001", "9000002", "9000003") for y in NEW_YEARS
            for act, unit in ACTIVITIES.items() for m in range(1, 13)]
ACTIVITY_KEY = ("municipality_code", "year", "inventory", "activity", "month", "gpc_ref")
STATS: dict = {}


@pytest.fixture()
def app_db(tmp_path, monkeypatch):
    """A real-data database the app serves (demo databases refuse real imports)."""
    path = sd.new_real_database(tmp_path / "app.duckdb", kinds=("activities", "actions"))
    ah.ensure_account(path, PASSWORD)          # the programme team's account: its imports publish at once
    monkeypatch.setenv("LCRS_DB", str(path))
    ah.reset_app_caches()
    yield path
    ah.reset_app_caches()


def _activity_count(cur) -> int:
    return cur.execute("SELECT count(*) FROM activity").fetchone()[0]


def test_twenty_sessions_read_while_the_data_page_imports(app_db, monkeypatch):
    from data.write import staged_import
    from ui import db as uidb

    with uidb.reader() as cur:
        rows_before = _activity_count(cur)
    # when the save runs (the data page's commit of the checked file, under the write lock)
    import_window = {}
    real_commit = staged_import.commit

    def timed_commit(*args, **kwargs):
        t0 = time.monotonic()
        try:
            return real_commit(*args, **kwargs)
        finally:
            import_window["start"], import_window["end"] = t0, time.monotonic()

    monkeypatch.setattr(staged_import, "commit", timed_commit)

    failures: list[str] = []
    renders: list[tuple[int, float, float]] = []
    seen_counts: set[int] = set()
    first_round = threading.Barrier(SESSIONS + 1)
    saving = threading.Event()                 # the editor is about to press Save
    import_done = threading.Event()

    def session(i: int) -> None:
        lang = "th" if i % 2 else "en"
        ah.harness_language(lang)
        page_no = i
        try:
            at = ah.new_session(lang)
            first_round.wait(timeout=300)      # all sessions are open
            saving.wait(timeout=300)
            # open the app, then keep rendering pages until the import is over, and once more after it
            first = True
            while True:
                done = import_done.is_set()
                page = ah.READ_PAGES[page_no % len(ah.READ_PAGES)] if not done else "overview"
                page_no += 1
                t0 = time.monotonic()
                if first:
                    at.run()                   # the app's default page: the overview
                    first = False
                else:
                    at.switch_page(f"pages/{page}.py").run()
                renders.append((i, t0, time.monotonic()))
                problems = [e.value for e in at.exception] + [e.value for e in at.error]
                if problems:
                    failures.append(f"session {i} {page}: {problems[0][:300]}")
                if at.title and bool(THAI.search(at.title[0].value)) != (lang == "th"):
                    failures.append(f"session {i} {page}: title in the wrong language {at.title[0].value!r}")
                if not done:
                    time.sleep(0.5)            # a viewer clicks now and then; leave the editor some CPU
                    continue
                options = at.selectbox(key=f"w_year.{lang}").options
                # every new year (CE in English, BE = CE + 543 in Thai) is offered without a restart
                newest = "2049" if lang == "en" else "2592"
                if not any(newest in o for o in options):
                    failures.append(f"session {i}: new years not shown after the import: {options}")
                break
        except Exception as exc:  # the harness itself must not fail either
            import traceback

            failures.append(f"session {i}: {type(exc).__name__}: {exc}\n{traceback.format_exc()[-1500:]}")
            try:
                first_round.abort()
            except threading.BrokenBarrierError:
                pass

    def counter() -> None:
        while not import_done.is_set():
            with uidb.reader() as cur:
                seen_counts.add(_activity_count(cur))
            time.sleep(0.005)

    with ah.concurrent_sessions(monkeypatch):
        threads = [threading.Thread(target=session, args=(i,), daemon=True) for i in range(SESSIONS)]
        for th in threads:
            th.start()
        first_round.wait(timeout=300)          # 20 sessions open
        ah.harness_language("en")
        editor = ah.new_session("en")
        editor.run()
        editor.switch_page("pages/data_admin.py").run()
        ah.sign_in(editor, PASSWORD)
        ah.upload(editor, "activities", "new_years.csv", sd.csv_bytes(sd.ACTIVITY_HEADER, NEW_ROWS))
        assert not editor.error and editor.button(key="data.commit"), [e.value for e in editor.error]
        watcher = threading.Thread(target=counter, daemon=True)
        watcher.start()
        saving.set()
        try:
            editor.button(key="data.commit").click().run()
        finally:
            import_done.set()
        for th in threads:
            th.join(timeout=600)
        watcher.join(timeout=60)

    assert not editor.exception, [e.value for e in editor.exception]
    assert any("4,320" in s.value for s in editor.success), [s.value for s in editor.success]
    assert not failures, "\n".join(failures[:20])
    assert "start" in import_window
    during = [r for r in renders if r[1] < import_window["end"] and r[2] > import_window["start"]]
    assert during, "no page was rendering while the import ran"
    with uidb.reader() as cur:
        rows_after = _activity_count(cur)
        dupes = cur.execute(
            "SELECT count(*) FROM (SELECT 1 FROM activity GROUP BY ALL_KEYS HAVING count(*) > 1)".replace(
                "ALL_KEYS", ", ".join(ACTIVITY_KEY))).fetchone()[0]
        batch = cur.execute("SELECT rows FROM import_batch WHERE file_name = 'new_years.csv' "
                            "AND status = 'active'").fetchall()
    # 5 sample rows + 4,320 imported = 4,325; nothing lost, nothing twice
    assert rows_before == len(sd.ACTIVITIES) and rows_after == rows_before + len(NEW_ROWS) == 4325
    assert dupes == 0 and batch == [(len(NEW_ROWS),)]
    assert seen_counts <= {rows_before, rows_after}, f"a reader saw a half-done import: {seen_counts}"
    STATS.update(sessions=SESSIONS, renders=len(renders), renders_during_import=len(during),
                 rows_lost=rows_before + len(NEW_ROWS) - rows_after, duplicated_keys=dupes)
    print(f"\nconcurrency: {SESSIONS} sessions held, {len(renders)} renders, {len(during)} during the import, "
          f"rows lost {STATS['rows_lost']}, duplicated {dupes}, reader counts seen {sorted(seen_counts)}")


def test_cli_import_while_the_app_holds_the_file_is_refused(app_db, tmp_path):
    from ui import db as uidb

    at = ah.new_session("en")
    at.run()                                   # the app has opened the database, as a running server does
    assert not at.exception
    with uidb.reader() as cur:
        before = table_checksums(cur)
    f = tmp_path / "more.csv"
    f.write_bytes(sd.csv_bytes(sd.ACTIVITY_HEADER, NEW_ROWS[:50]))
    proc = subprocess.run([sys.executable, "-m", "data", "import", str(f), "--kind", "activities",
                           "--db", str(app_db)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, (proc.returncode, proc.stderr)
    assert "in use by another process" in proc.stderr and "กำลังถูกใช้งาน" in proc.stderr, proc.stderr
    assert "Nothing was changed" in proc.stderr and "Traceback" not in proc.stderr
    with uidb.reader() as cur:
        assert table_checksums(cur) == before
    at.run()                                   # and the app carries on
    assert not at.exception and not at.error


def test_app_shows_new_data_after_an_import_without_a_restart(app_db):
    viewer = ah.new_session("en")
    viewer.run()
    assert next(m for m in viewer.metric if m.label == "LAOs with a CFO").value == "2 / 3"
    viewer.run()                               # served from the cache: still the same
    assert next(m for m in viewer.metric if m.label == "LAOs with a CFO").value == "2 / 3"

    editor = ah.new_session("en")
    editor.run()
    new_muni = [["9100009", "เทศบาลตำบลใหม่", "New Subdistrict", "tambon", "50", "4200", "5.5", "", "", "network",
                 "", "", ""]]
    ah.editor_import(editor, PASSWORD, "municipalities", "one_more.csv",
                     sd.csv_bytes(sd.MUNICIPALITY_HEADER, new_muni))
    assert any("Saved: 1 rows" in s.value for s in editor.success), [s.value for s in editor.success]

    viewer.run()                               # same session, same process: the fourth LAO is there
    assert not viewer.exception
    assert next(m for m in viewer.metric if m.label == "LAOs with a CFO").value == "2 / 4"
    viewer.switch_page("pages/profile.py").run()
    assert any("9100009" in o for o in viewer.selectbox(key="w_m.en").options)

    # a write that does not clear the caches (no on_data_changed) is still seen: cached reads are keyed on
    # dataset_info.data_version, which every write increases
    from data.write.importer import import_file
    from ui import db as uidb

    one_more = [["9100010", "เทศบาลตำบลอีกแห่ง", "Another Subdistrict", "tambon", "34", "3100", "4", "", "",
                 "network", "", "", ""]]
    r = import_file(uidb.get_connection(), sd.csv_bytes(sd.MUNICIPALITY_HEADER, one_more), "another.csv",
                    "municipalities", user="direct")
    assert r.ok, [str(p) for p in r.problems]
    viewer.switch_page("pages/overview.py").run()
    assert next(m for m in viewer.metric if m.label == "LAOs with a CFO").value == "2 / 5"


def test_language_belongs_to_the_session_not_the_process():
    """Another session switching language mid-render must not change this session's labels."""
    from streamlit.testing.v1 import AppTest

    def script():
        import threading

        import streamlit as st

        from ui.i18n import get_lang, set_lang, t

        st.session_state["lang"] = "en"
        set_lang("en")
        # another user's session (another thread) switches to Thai while this page renders
        other = threading.Thread(target=set_lang, args=("th",))
        other.start()
        other.join()
        st.write(get_lang())
        st.write(t("page.overview"))

    at = AppTest.from_function(script)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.value for m in at.markdown] == ["en", "Network overview"]
