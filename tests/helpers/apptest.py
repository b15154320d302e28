"""AppTest helpers: a fresh app session, all text a page shows, and running sessions on threads.

``AppTest`` was written for one session at a time: each run installs a mock ``Runtime`` as a process global
and removes it when the run ends, it calls the app's ``format_func``s from the calling thread, it compiles
every page on every run, and it patches a config getter around each run. To hold many sessions on threads
(``concurrent_sessions``) the mock runtime is kept available to every running script, the language the
harness thread sees is per thread, compiled scripts are shared (as in a real server) and the config patch
is applied once for the whole block. None of these patches touches app code.
"""
from __future__ import annotations

import contextlib
import os
import threading
from pathlib import Path
from typing import Iterator

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app.py"
READ_PAGES = ["overview", "profile", "compare", "map", "trends", "actions", "showcase", "methodology"]
# the profile's tabs (``tab=`` in the address); the page computes only the open one, so a test reads each
PROFILE_TABS = ["why", "cfo", "ccf", "trend", "wma", "actions", "resilience", "data"]


def new_session(lang: str = "th", secrets: dict | None = None, timeout: float = 120) -> AppTest:
    """A new browser session of the whole app (navigation, sidebar, pages) in ``lang``."""
    at = AppTest.from_file(str(APP), default_timeout=timeout)
    at.query_params["lang"] = lang
    if secrets:
        for k, v in secrets.items():
            at.secrets[k] = v
    return at


def reset_app_caches() -> None:
    """Forget cached connections and query results, and the language last used outside a session (as a fresh
    app process would start), so that tests running after these ones see the defaults."""
    import gc

    import streamlit as st

    from data.store import process_lock
    from ui import i18n

    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()                       # the cached connection closes, as when the app process ends
    process_lock.release_all()           # what the process held dies with it
    i18n.set_lang(i18n.DEFAULT_LANG)


def element_texts(at: AppTest) -> list[tuple[str, str]]:
    """(element type, text) for every element of the last run, including widget labels, values and options."""
    out = []

    def walk(node):
        proto = getattr(node, "proto", None)
        kind = getattr(node, "type", type(node).__name__)
        if proto is not None:
            out.append((kind, str(proto)))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return out


def html_bodies(at: AppTest) -> list[str]:
    """Bodies that the browser renders as HTML: st.html and markdown with unsafe_allow_html=True."""
    bodies = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            name = type(proto).__name__
            if name == "Html":
                bodies.append(proto.body)
            elif name == "Markdown" and getattr(proto, "allow_html", False):
                bodies.append(proto.body)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return bodies


def markdown_bodies(at: AppTest) -> list[str]:
    """Every markdown-rendered body (markdown, caption, title, header, subheader, error, info, …)."""
    bodies = []

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None:
            name = type(proto).__name__
            if name in ("Markdown", "Heading", "Alert", "Caption", "Toast"):
                bodies.append(getattr(proto, "body", ""))
            elif name in ("Metric",):
                bodies.append(proto.label)
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return bodies


class _PerThreadLanguage(dict):
    """Stand-in for ``ui.i18n._current``: the harness thread of each session sees its own language."""

    def __init__(self, default: str):
        super().__init__()
        self._local = threading.local()
        self._default = default

    def __getitem__(self, key):
        return getattr(self._local, "lang", self._default)

    def __setitem__(self, key, value):
        self._local.lang = value


@contextlib.contextmanager
def concurrent_sessions(monkeypatch) -> Iterator[None]:
    """Allow AppTest sessions to run on several threads at once (see the module docstring)."""
    from streamlit.runtime.runtime import Runtime

    from ui import i18n

    sticky: list = [None]

    def instance(cls):
        if cls._instance is not None:
            sticky[0] = cls._instance
            return cls._instance
        if sticky[0] is None:
            raise RuntimeError("Runtime hasn't been created!")
        return sticky[0]

    def exists(cls):
        return cls._instance is not None or sticky[0] is not None

    # one compiled-script cache for all sessions, as a real server has (CPython 3.11's compiler is not safe
    # to run on many threads at once, and AppTest otherwise compiles every page on every run)
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    compiled: dict = {}
    compile_lock = threading.Lock()
    original = ScriptCache.get_bytecode

    def get_bytecode(self, script_path):
        key = os.path.abspath(script_path)
        with compile_lock:
            if key not in compiled:
                compiled[key] = original(self, script_path)
            return compiled[key]

    monkeypatch.setattr(ScriptCache, "get_bytecode", get_bytecode)
    # AppTest switches "global.appTest" on around each run by patching config.get_option; overlapping runs
    # on threads would undo each other's patch mid-run, so switch it on once for the whole block
    from streamlit import config
    from streamlit.testing.v1 import app_test, util

    monkeypatch.setattr(config, "get_option", util.build_mock_config_get_option({"global.appTest": True}))
    monkeypatch.setattr(app_test, "patch_config_options", lambda overrides: contextlib.nullcontext())
    monkeypatch.setattr(Runtime, "instance", classmethod(instance))
    monkeypatch.setattr(Runtime, "exists", classmethod(exists))
    monkeypatch.setattr(i18n, "_current", _PerThreadLanguage(i18n.DEFAULT_LANG))
    yield


def harness_language(lang: str) -> None:
    """Inside ``concurrent_sessions``: the language this thread's AppTest harness formats widget options in."""
    from ui import i18n

    i18n._current["lang"] = lang


ADMIN = "admin"


def ensure_account(db_path, password: str, name: str = ADMIN, role: str = "admin", codes=()) -> None:
    """Create the account ``name`` in the database file (if missing); the app may hold the file already (same
    process, same configuration: one shared database)."""
    from data.write import accounts
    from data.queries import accounts as account_rows
    from data.store import db

    con = db.connect(db_path)
    try:
        db.migrate(con)
        if account_rows.get_account(con, name) is None:
            accounts.add_account(con, name, role, list(codes), password, "tests")
    finally:
        con.close()


def sign_in(at: AppTest, password: str, name: str = ADMIN, prefix: str = "data") -> AppTest:
    """On the data page (or the review page, ``prefix="review"``): type account name and password, Sign in."""
    at.text_input(key=f"{prefix}.name").input(name)
    at.text_input(key=f"{prefix}.password").input(password)
    at.button(key=f"{prefix}.login").click().run()
    return at


def upload(at: AppTest, kind: str, file_name: str, data: bytes) -> AppTest:
    """On the data page, signed in: choose the kind and upload a file (the page checks it: a dry run)."""
    at.selectbox(key="data.kind").select(kind)
    mime = "text/csv" if file_name.endswith(".csv") else \
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    at.file_uploader(key="data.upload").upload(file_name, data, mime)
    at.run()
    return at


def editor_import(at: AppTest, password: str, kind: str, file_name: str, data: bytes,
                  name: str = ADMIN) -> AppTest:
    """Sign in on the data page, upload, press Save: the editor's whole path through the app."""
    at.switch_page("pages/data_admin.py").run()
    sign_in(at, password, name)
    upload(at, kind, file_name, data)
    assert not at.error, [e.value for e in at.error]
    at.button(key="data.commit").click().run()
    return at


def run_page(page: str, lang: str = "en", **params) -> AppTest:
    """One page of a fresh session in ``lang`` with ``params`` in the address; fails on any exception shown."""
    at = AppTest.from_file(str(APP), default_timeout=90)
    at.query_params["lang"] = lang
    for k, v in params.items():
        at.query_params[k] = str(v)
    at.run()
    if page != "overview":
        at.switch_page(f"pages/{page}.py").run()
    assert not at.exception, [e.value for e in at.exception]
    return at
