"""Two read-only replicas follow the editor's published copies (docs/deploy.md): after each publish, one rerun of
an open page on each replica shows the new figure, with no error and nothing stale.

The editor here is this test process: it owns a real-data copy of the demo database and imports with
``LCRS_PUBLISH_DIR`` set, so each import publishes. The replicas are two ``streamlit run app.py`` servers on
127.0.0.1 with ``LCRS_REPLICA_OF`` pointing at the same directory.
"""
from __future__ import annotations

import shutil
import time

import duckdb
import pytest

from bench import browser as bb
from bench.server import serve
from data.figures.summary import municipality_summary
from data.store import db, publish
from data.write.importer import import_file
from tests.helpers.publish_data import refrigerant_csv, subject
from ui import fmt
from ui.i18n import t

LANG = "en"


def _published_cfo_total(out, code: str, year: int) -> str:
    """The CFO total of the newest published copy, as the profile's first KPI shows it."""
    con = duckdb.connect(str(publish.current_copy(out)), read_only=True)
    try:
        return fmt.num(municipality_summary(con, code, year)["cfo"]["total"], 1)
    finally:
        con.close()


def _shown_cfo_total(page) -> str:
    metric = page.get_by_test_id("stMetric").filter(has_text=t("kpi.cfo_total", LANG)).first
    return metric.get_by_test_id("stMetricValue").inner_text().strip()


def _rerun(page) -> None:
    """One rerun of the open session (Streamlit's R shortcut), waited for until the page is drawn again."""
    page.evaluate(bb.WATCH_RUN_JS, True)
    page.locator("body").press("r")
    bb.wait_drawn(page, bb.PROFILE_KPIS, time.perf_counter(), timeout_ms=60_000)


@pytest.fixture()
def editor(demo_db_path, tmp_path, monkeypatch):
    """A real-data copy of the demo database, publishing into ``tmp_path/published``."""
    path = tmp_path / "editor.duckdb"
    shutil.copy(demo_db_path, path)
    out = tmp_path / "published"
    monkeypatch.setenv(publish.PUBLISH_ENV, str(out))
    con = db.connect(path)
    con.execute("UPDATE dataset_info SET is_demo = FALSE WHERE id = 1")
    publish.publish(con, out)
    yield con, out
    con.close()


def test_two_replicas_follow_each_publish(editor, browser, tmp_path):
    con, out = editor
    code, year = subject(con)
    servers = [serve(bb.ROOT / "app.py", {publish.REPLICA_ENV: str(out), "LCRS_DB": str(tmp_path / "unused.duckdb")},
                     tmp_path / f"replica{i}.log") for i in range(2)]
    with servers[0] as r0, servers[1] as r1:
        pages = []
        for server in (r0, r1):
            page = browser.new_context(**bb.CONTEXT_ARGS).new_page()
            page.goto(f"{server.url}/profile?m={code}&year={year}&lang={LANG}", wait_until="commit")
            bb.wait_drawn(page, bb.PROFILE_KPIS, time.perf_counter(), timeout_ms=90_000)
            assert _shown_cfo_total(page) == _published_cfo_total(out, code, year)
            pages.append(page)
        shown = {_shown_cfo_total(pages[0])}
        for activity, kg in (("r22_kg", 10.0), ("r134a_kg", 20.0)):
            before = publish.current_copy(out)
            res = import_file(con, refrigerant_csv(code, year, activity, kg), f"{activity}.csv", "activities")
            assert res.ok, res.problems
            publish.wait_for_deferred()
            assert publish.current_copy(out) != before
            expected = _published_cfo_total(out, code, year)
            assert expected not in shown          # the import changed the figure
            shown.add(expected)
            for page in pages:
                _rerun(page)
                assert page.get_by_test_id("stException").count() == 0
                assert _shown_cfo_total(page) == expected
    assert not (tmp_path / "unused.duckdb").exists()       # the replicas never opened a database of their own
