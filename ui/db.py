"""The app's one database connection and cached reads keyed on the data version.

The app process owns the DuckDB file (one writer per file): before the first connection it takes the file lock
beside the database (``data.store.process_lock``) for the life of the process, so a command-line write is refused
while the app runs, whatever happens to Streamlit's caches (a browser can clear them). A single connection is
opened with ``st.cache_resource``; every read uses its own ``.cursor()`` (DuckDB's thread-safe pattern) and
every write goes through ``writer()``, which serialises writers inside the process.

A read-only replica (``$LCRS_REPLICA_OF``, docs/deploy.md) serves the newest copy the editor published instead:
each run looks up the newest copy's name (one small file read) and opens it read-only the first time it sees
it, so a new copy is picked up on the next rerun without a restart; cached reads are keyed on the file too.
"""
from __future__ import annotations

import contextlib
import importlib
import re
from pathlib import Path

import streamlit as st
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

from data.store import dataset, db, process_lock, publish
from data.store.lock import WRITE_LOCK
from data.write import review

# the submitted batches this session's figures include (set by ui.auth for a signed-in editor or mentor who
# switched on "include my unpublished data"; empty for everyone else)
OVERLAY_KEY = "auth.overlay"

_ABS_PATH = re.compile(r"(?<![\w.])/(?:[^\s/`'\"]+/)+[^\s/`'\"]*")
# the importer's lock: one writer at a time in this process, whichever path (data page, rollback) writes
_write_lock = WRITE_LOCK
# where cache_key() keeps this run's (path, version) on Streamlit's run context
_RUN_KEY = "_lcrs_cache_key"


def db_path() -> str:
    """The database file the app serves ($LCRS_DB or data/lcrs.duckdb; on a replica the newest published copy)."""
    replica = publish.replica_dir()
    if replica is None:
        return str(db.default_db_path())
    current = publish.current_copy(replica)
    if current is None:
        raise db.DatabaseMissing(
            f"Nothing is published in {replica} yet: start the editor instance with LCRS_PUBLISH_DIR={replica}.",
            f"ยังไม่มีสำเนาฐานข้อมูลที่เผยแพร่ใน {replica} ให้เริ่มเครื่องบรรณาธิการด้วย LCRS_PUBLISH_DIR={replica}")
    return str(current)


# a replica keeps the copies it served last open until every session has moved on (older ones are dropped)
@st.cache_resource(show_spinner=False, max_entries=3)
def _open(path: str):
    replica = publish.replica_dir() is not None
    if not replica and Path(path).exists():
        # held by the process, not by this cached object: clearing the cache does not release it
        process_lock.hold_for_process(path)
    con = db.connect(path, must_exist=True, read_only=replica)
    # on a cursor: a result left pending on the shared connection would hold a snapshot open for the
    # process's life, and DuckDB cannot checkpoint (publish) past an open snapshot
    cur = con.cursor()
    try:
        db.check_schema(cur)
    finally:
        cur.close()
    if not replica:
        publish.after_commit(con)   # an editor that publishes gives the replicas their first copy
    return con


def get_connection():
    """The shared connection (raises data.store.db.DatabaseError with a bilingual message when unusable)."""
    return _open(db_path())


@contextlib.contextmanager
def reader():
    """A cursor for one read, closed afterwards."""
    cur = get_connection().cursor()
    try:
        yield cur
    finally:
        cur.close()


@contextlib.contextmanager
def writer():
    """A cursor for one write transaction; one writer at a time in this process."""
    with _write_lock:
        cur = get_connection().cursor()
        try:
            yield cur
        finally:
            cur.close()


def public_text(message: str) -> str:
    """A message fit for any visitor: every absolute file path is cut to its last part (the database's
    location on the server is nobody's business)."""
    return _ABS_PATH.sub(lambda m: m.group(0).rstrip("/").rsplit("/", 1)[-1], message)


def data_version() -> int:
    """The stored data version (increases with every import or rollback)."""
    with reader() as cur:
        return dataset.data_version(cur)


def cache_key() -> tuple[str, int]:
    """(database path, data version): the key for a page's own ``st.cache_data`` of something built from the
    data, so that it is rebuilt when the data (or the database file) change.

    Read once per script run (a page makes ~20 cached reads, and each read of the version is a query): kept on
    the run's context beside the run's own ``cursors``, which Streamlit makes anew for every run, so the next
    run, and so the next rerun after a write or a publish, reads it again."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None:
        return db_path(), data_version()
    memo = getattr(ctx, _RUN_KEY, None)
    if memo is not None and memo[0] is ctx.cursors:
        return memo[1]
    key = (db_path(), data_version())
    setattr(ctx, _RUN_KEY, (ctx.cursors, key))
    return key


def on_data_changed() -> None:
    """Forget cached query results after a write, so every session sees the new data without a restart."""
    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is not None:
        setattr(ctx, _RUN_KEY, None)   # this run's later reads see the new version too
    st.cache_data.clear()


@st.cache_data(show_spinner=False, max_entries=256)
def _cached_call(func_path: str, version: tuple[str, int], args: tuple, kwargs: tuple):
    module_name, name = func_path.rsplit(".", 1)
    func = getattr(importlib.import_module(module_name), name)
    with reader() as cur:
        return func(cur, *args, **dict(kwargs))


def overlay_batches() -> tuple[int, ...]:
    """The submitted batches included in this session's figures (empty: published figures only)."""
    try:
        return tuple(st.session_state.get(OVERLAY_KEY, ()) or ())
    except Exception:  # no session (bare mode)
        return ()


@st.cache_resource(show_spinner=False, max_entries=4)
def _overlay_db(path: str, version: int, batch_ids: tuple[int, ...]):
    """An in-memory copy of the data with the submitted batches applied (``data.review.overlay``)."""
    with reader() as cur:
        return review.overlay(cur, list(batch_ids))


@st.cache_data(show_spinner=False, max_entries=128)
def _cached_overlay_call(func_path: str, version: int, batch_ids: tuple[int, ...], args: tuple, kwargs: tuple):
    module_name, name = func_path.rsplit(".", 1)
    func = getattr(importlib.import_module(module_name), name)
    cur = _overlay_db(db_path(), version, batch_ids).cursor()
    try:
        return func(cur, *args, **dict(kwargs))
    finally:
        cur.close()


def q(func, *args, **kwargs):
    """Call ``func(cursor, *args, **kwargs)`` from the data layer, cached until the data changes. In a session
    that includes its unpublished data (``overlay_batches``), the call reads a copy with those batches applied."""
    batches = overlay_batches()
    if batches:
        return _cached_overlay_call(f"{func.__module__}.{func.__qualname__}", cache_key()[1], batches, args,
                                    tuple(sorted(kwargs.items())))
    return _cached_call(f"{func.__module__}.{func.__qualname__}", cache_key(), args,
                        tuple(sorted(kwargs.items())))
