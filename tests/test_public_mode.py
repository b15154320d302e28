"""Public mode: every read page (and the kiosk showcase) works with no password or secrets; nothing can be
written without the editor password; failed sign-ins are slowed; the password never shows on a page or in
the logs.
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
                   "insert_frame", "new_batch", "supersede", "writer", "bump_data_version"}


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


def test_data_page_without_a_configured_password_is_read_only(public_app):
    at = ah.new_session("en")
    at.run()
    at.switch_page("pages/data_admin.py").run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("editor_password" in i.value for i in at.info), [i.value for i in at.info]
    _assert_no_write_widgets(at)
    assert len(at.text_input) == 0          # not even a sign-in form: there is nothing to sign in to
    # templates and the history stay available to everyone
    assert len(at.get("download_button")) >= 10
    # a URL cannot switch editing on
    at.query_params["data.editor"] = "true"
    at.query_params["editor"] = "1"
    at.run()
    _assert_no_write_widgets(at)


def test_wrong_passwords_never_open_the_write_path_and_are_slowed(public_app, monkeypatch, caplog, capfd):
    """Delays are read from what the page asks ``time.sleep`` for (not measured on the clock)."""
    delays: list[float] = []
    real_sleep = time.sleep

    def recording_sleep(seconds):
        caller = sys._getframe(1).f_code.co_filename
        if caller.endswith("data_admin.py"):
            delays.append(seconds)           # the page's anti-guessing delay: recorded, not waited
            return
        real_sleep(seconds)

    monkeypatch.setattr(time, "sleep", recording_sleep)
    calls = []
    from data.write import batches
    from data.write import importer

    monkeypatch.setattr(importer, "import_file", lambda *a, **k: calls.append("import_file"))
    monkeypatch.setattr(batches, "rollback_batch", lambda *a, **k: calls.append("rollback_batch"))
    caplog.set_level(logging.DEBUG)

    at = ah.new_session("en", secrets={"editor_password": PASSWORD})
    at.run()
    at.switch_page("pages/data_admin.py").run()
    _assert_no_write_widgets(at)
    assert [w.key for w in at.text_input] == ["data.password"]
    failures_seen = []
    for guess in WRONG:
        ah.sign_in(at, guess)
        assert not at.exception, [e.value for e in at.exception]
        assert [e.value for e in at.error] == ["Wrong password"]
        _assert_no_write_widgets(at)
        failures_seen.append(at.session_state["data.failures"])
    assert failures_seen == [1, 2, 3, 4]
    # each attempt waits longer than the one before: 0.5 s per earlier failure (data_admin.DELAY_PER_FAILURE_S)
    assert len(delays) == len(WRONG)
    assert all(b > a for a, b in zip(delays, delays[1:])), delays
    assert delays == sorted(delays) and delays[-1] >= 1.5

    # a new browser session does not start from zero: failures are also counted per process
    other = ah.new_session("en", secrets={"editor_password": PASSWORD})
    other.run()
    other.switch_page("pages/data_admin.py").run()
    ah.sign_in(other, "another-guess")
    assert other.session_state["data.failures"] == 1
    assert delays[-1] >= delays[-2], delays            # 0 failures in this session, 4 in the process

    # the right password opens the editor's widgets (so the assertions above could fail)
    ah.sign_in(at, PASSWORD)
    assert not at.error
    assert at.session_state["data.editor"] is True and at.session_state["data.failures"] == 0
    assert len(at.file_uploader) == 1 and "data.upload" in _widget_keys(at)
    assert calls == []                                   # nothing was written on the way

    # the password (and the guesses) are nowhere on the page, in the logs or on stdout/stderr
    out, err = capfd.readouterr()
    logs = caplog.text
    for secret in [PASSWORD, *WRONG[:3]]:
        for session in (at, other):
            hits = [kind for kind, text in ah.element_texts(session) if secret in text]
            assert not hits, (secret, hits)
        assert secret not in logs and secret not in out and secret not in err, secret


def test_signing_out_closes_the_write_path(public_app):
    at = ah.new_session("th", secrets={"editor_password": PASSWORD})
    at.run()
    at.switch_page("pages/data_admin.py").run()
    ah.sign_in(at, PASSWORD)
    assert len(at.file_uploader) == 1
    at.button(key="data.logout").click().run()
    _assert_no_write_widgets(at)
    assert [w.key for w in at.text_input] == ["data.password"]


def test_no_page_other_than_the_data_page_can_write():
    """Static: app.py, pages/ and ui/ call no database-writing function, except pages/data_admin.py."""
    offenders = []
    files = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py")), *sorted((ROOT / "ui").glob("*.py"))]
    for path in files:
        if path.name == "data_admin.py":
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
