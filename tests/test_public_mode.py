"""Public mode: every read page (and the kiosk showcase) works with no account or secrets; nothing can be
written without signing in to an account; failed sign-ins lock that account (not everyone's); the password never
shows on a page, in the session state or in the logs.
"""
from __future__ import annotations

import ast
import logging
import sys
import time

import pytest

from tests.conftest import ROOT
from tests.helpers import apptest as ah

PASSWORD = "Kh0n-Kaen/2567!editor"
WRONG = ["guess-1", "Kh0n-Kaen/2567", "hunter2-guess", "' OR 1=1 --"]
WRITE_WIDGET_KEYS = ("data.upload", "data.commit", "data.rb_do", "data.rb_pick", "data.rb_sure", "data.replace",
                     "data.kind", "data.who")
# functions that change the database; only the data page (and the CLI) may call them
WRITE_FUNCTIONS = {"import_file", "rollback_batch", "restore_database", "restore_into", "init_database", "migrate",
                   "insert_frame", "new_batch", "supersede", "writer", "bump_data_version", "submit_file", "commit",
                   "write_rows", "stage",
                   "submit_edits", "approve", "return_batch", "authenticate", "add_account", "set_password",
                   "disable_account"}
# the pages that write (each through an account: data_admin and review) and the sign-in (failure count)
WRITERS = {"data_admin.py", "review.py", "auth.py"}


@pytest.fixture()
def public_app(app_env, monkeypatch):
    """The demo database, fresh caches, and no secrets file anywhere."""
    ah.reset_app_caches()
    yield app_env
    ah.reset_app_caches()


def _widget_keys(at) -> set[str]:
    keys = set()
    for kind in ("button", "file_uploader", "text_input", "selectbox", "checkbox", "multiselect", "radio",
                 "text_area", "number_input", "toggle", "date_input"):
        for w in getattr(at, kind):
            if getattr(w, "key", None):
                keys.add(w.key)
    return keys


def _assert_no_write_widgets(at) -> None:
    keys = _widget_keys(at)
    assert not keys & set(WRITE_WIDGET_KEYS), keys & set(WRITE_WIDGET_KEYS)
    assert len(at.file_uploader) == 0
    labels = [b.label for b in at.button]
    assert not any(x in " ".join(labels) for x in ("Save to the database", "Roll back", "บันทึกเข้าฐานข้อมูล")), labels


@pytest.mark.parametrize("lang", ["th", "en"])
def test_every_read_page_works_without_any_password(public_app, lang):
    at = ah.new_session(lang)
    at.run()
    for page in ah.READ_PAGES:
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, (page, [e.value for e in at.exception])
        assert not at.error, (page, [e.value for e in at.error])
        assert at.title or page == "showcase", page
        _assert_no_write_widgets(at)


def test_showcase_kiosk_has_nothing_to_click(public_app):
    at = ah.new_session("th")
    at.query_params["lang"] = "th"
    at.run()
    at.switch_page("pages/showcase.py").run()
    assert not at.exception
    bodies = ah.html_bodies(at)
    assert any("kiosk" in b for b in bodies)             # the slides rendered
    assert not _widget_keys(at) - {"lang"}              # no inputs at all (the sidebar is hidden on the kiosk)
    assert len(at.button) == 0 and len(at.text_input) == 0 and len(at.file_uploader) == 0


def test_data_page_without_an_account_is_read_only(public_app):
    """The demo database has no account: no sign-in form, the command that creates the administrator instead."""
    at = ah.new_session("en")
    at.run()
    at.switch_page("pages/data_admin.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("No administrator account yet" in i.value for i in at.info), [i.value for i in at.info]
    assert any("users add NAME --role admin --password-stdin" in c.value for c in at.code)
    _assert_no_write_widgets(at)
    assert len(at.text_input) == 0          # not even a sign-in form: there is nothing to sign in to
    # templates and the history stay available to everyone
    assert len(at.get("download_button")) >= 10
    # a URL or a session flag of the old shared password cannot switch editing on
    at.query_params["data.editor"] = "true"
    at.query_params["editor"] = "1"
    at.session_state["data.editor"] = True
    at.run()
    _assert_no_write_widgets(at)


@pytest.fixture()
def accounts_app(demo_db_copy, monkeypatch):
    """A copy of the demo database with an administrator and an editor account, served by the app."""
    ah.ensure_account(demo_db_copy, PASSWORD)
    ah.ensure_account(demo_db_copy, PASSWORD, name="officer", role="editor", codes=[_a_demo_code(demo_db_copy)])
    monkeypatch.setenv("LCRS_DB", str(demo_db_copy))
    ah.reset_app_caches()
    yield demo_db_copy
    ah.reset_app_caches()


def _a_demo_code(path) -> str:
    from data.store import db

    con = db.connect(path)
    try:
        return con.execute("SELECT min(code) FROM municipality").fetchone()[0]
    finally:
        con.close()


def _session_values(at) -> str:
    return repr(at.session_state.to_dict())


def test_wrong_passwords_lock_the_account_not_everyone(accounts_app, monkeypatch, caplog, capfd):
    """5 wrong passwords lock that account for 15 minutes, said on screen, in every session (the count is in the
    database); other accounts sign in at once; nothing is slowed by sleeping."""
    sleeps = []
    real_sleep = time.sleep

    def recording_sleep(seconds):
        caller = sys._getframe(1).f_code.co_filename
        if str(ROOT / "pages") in caller or str(ROOT / "ui") in caller or str(ROOT / "data") in caller:
            sleeps.append(seconds)          # the app's own code never slows a sign-in
            return
        real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", recording_sleep)
    calls = []
    from data.write import batches, importer, review

    monkeypatch.setattr(importer, "import_file", lambda *a, **k: calls.append("import_file"))
    monkeypatch.setattr(review, "submit_file", lambda *a, **k: calls.append("submit_file"))
    monkeypatch.setattr(batches, "rollback_batch", lambda *a, **k: calls.append("rollback_batch"))
    caplog.set_level(logging.DEBUG)

    at = ah.new_session("en")
    at.run()
    at.switch_page("pages/data_admin.py").run()
    _assert_no_write_widgets(at)
    assert [w.key for w in at.text_input] == ["data.name", "data.password"]
    assert any("locked for 15 minutes" in c.value for c in at.caption)       # the rule is on screen
    for guess in WRONG:
        ah.sign_in(at, guess, name="officer")
        assert not at.exception, [e.value for e in at.exception]
        assert [e.value for e in at.error] == ["Wrong account name or password."]
        _assert_no_write_widgets(at)
    # the 5th failure, from another session: the count is per account, in the database
    other = ah.new_session("en")
    other.run()
    other.switch_page("pages/data_admin.py").run()
    ah.sign_in(other, "another-guess", name="officer")
    assert "locked until" in other.error[0].value
    # now even the right password is refused, in a third session too
    third = ah.new_session("en")
    third.run()
    third.switch_page("pages/data_admin.py").run()
    ah.sign_in(third, PASSWORD, name="officer")
    assert "locked until" in third.error[0].value and len(third.file_uploader) == 0
    # the administrator is not locked out by someone guessing the officer's password
    ah.sign_in(at, PASSWORD)
    assert not at.error
    assert len(at.file_uploader) == 1 and "data.upload" in _widget_keys(at)
    assert calls == [] and sleeps == []                  # nothing written, nobody slowed

    # the password (and the guesses) are nowhere on the page, in the session state, the logs or stdout/stderr
    out, err = capfd.readouterr()
    logs = caplog.text
    for secret in [PASSWORD, *WRONG[:3]]:
        for session in (at, other, third):
            hits = [kind for kind, text in ah.element_texts(session) if secret in text]
            assert not hits, (secret, hits)
            assert secret not in _session_values(session), secret
        assert secret not in logs and secret not in out and secret not in err, secret


def test_signing_out_closes_the_write_path_and_idle_sessions_expire(accounts_app):
    at = ah.new_session("th")
    at.run()
    at.switch_page("pages/data_admin.py").run()
    ah.sign_in(at, PASSWORD)
    assert len(at.file_uploader) == 1
    at.button(key="auth.sign_out").click().run()
    _assert_no_write_widgets(at)
    assert [w.key for w in at.text_input] == ["data.name", "data.password"]
    # signed in again, then idle for 8 hours and a second: the next page load signs the session out
    ah.sign_in(at, PASSWORD)
    assert len(at.file_uploader) == 1
    at.session_state["auth.user"] = {**at.session_state["auth.user"],
                                     "last_seen": at.session_state["auth.user"]["last_seen"] - 8 * 3600 - 1}
    at.run()
    _assert_no_write_widgets(at)
    assert any("8 ชั่วโมง" in i.value for i in at.info)
    assert "auth.user" not in at.session_state


def test_no_page_other_than_the_data_and_review_pages_can_write():
    """Static: app.py, pages/ and ui/ call no database-writing function, except the data and review pages and
    the sign-in (``WRITERS``)."""
    offenders = []
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]
    for path in files:
        if path.name in WRITERS:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            name = None
            if isinstance(node, ast.Call):
                f = node.func
                name = f.attr if isinstance(f, ast.Attribute) else getattr(f, "id", None)
            elif isinstance(node, (ast.ImportFrom,)):
                for alias in node.names:
                    if alias.name in WRITE_FUNCTIONS:
                        offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: imports {alias.name}")
            if name in WRITE_FUNCTIONS and not (path.name == "db.py" and name == "writer"):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: calls {name}()")
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    node.value.lstrip().upper().startswith(("INSERT ", "UPDATE ", "DELETE ", "DROP ", "CREATE ",
                                                            "ALTER ")):
                offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}: SQL write statement")
    assert not offenders, "\n".join(offenders)
    assert (ROOT / "pages" / "data_admin.py").exists()
