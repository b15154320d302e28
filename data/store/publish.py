"""Published copies of the database, for read-only replicas (docs/deploy.md).

One *editor* instance owns the database file and is the only writer. With ``LCRS_PUBLISH_DIR`` set, it
publishes a consistent copy of the file after every committed write (``db.transaction`` calls
``after_commit``) and when it opens the file. Any number of *replicas* (``LCRS_REPLICA_OF`` = the same
directory) open the newest copy read-only and move to a newer one on their next rerun, without a restart.

The directory holds::

    CURRENT                          the file name of the newest copy (replaced atomically)
    lcrs-v<data_version>-<ns>.duckdb  the copies (each written to a temporary name, fsynced, then renamed);
                                     the newest ``KEEP`` stay, so a replica still reading an older one is
                                     never cut off mid-run

A copy is taken under the write lock (every write path holds it, so no write transaction is open): after a
``CHECKPOINT`` the file holds every committed write and nothing else writes it until the lock is released, so a
byte copy is consistent (~20 ms at national scale). DuckDB checkpoints while reads are running; an open
write transaction stops it (a write path may still hold one on another cursor when it commits), and then the
copy is taken by a background thread as soon as the lock is free and the checkpoint succeeds, never
inconsistent. The thread is not a daemon: a command-line write waits for its copy before the process exits.
"""
from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from pathlib import Path

import duckdb

from data.store.lock import WRITE_LOCK

PUBLISH_ENV = "LCRS_PUBLISH_DIR"
REPLICA_ENV = "LCRS_REPLICA_OF"
POINTER = "CURRENT"
PREFIX = "lcrs-v"
KEEP = 3
CHECKPOINT_TRIES = 3
CHECKPOINT_WAIT_S = 0.02
DEFERRED_WAIT_S = 0.1
DEFERRED_DEADLINE_S = 120.0

log = logging.getLogger(__name__)


class PublishError(Exception):
    """A copy could not be published (the write it follows is committed all the same)."""


def publish_dir() -> Path | None:
    """Where this process publishes copies (``$LCRS_PUBLISH_DIR``), or None: it does not publish."""
    value = os.environ.get(PUBLISH_ENV, "").strip()
    return Path(value) if value else None


def replica_dir() -> Path | None:
    """The publish directory this process serves from (``$LCRS_REPLICA_OF``), or None: not a replica."""
    value = os.environ.get(REPLICA_ENV, "").strip()
    return Path(value) if value else None


def after_commit(con) -> None:
    """Publish a copy when this process is an editor that publishes; called after every committed write. A
    failure is logged, never raised: the write is committed, and the replicas keep the previous copy until
    the next write publishes."""
    dest = publish_dir()
    if dest is None:
        return
    try:
        publish(con, dest)
    except NotCheckpointed:
        _defer(_database_file(con), dest)
    except Exception:  # the data is safe in the editor's file; a stale replica is the lesser harm
        log.exception("publishing a copy of the database to %s failed", dest)


class NotCheckpointed(PublishError):
    """DuckDB refused to checkpoint now (a write transaction is open somewhere)."""


_deferred: dict[Path, threading.Thread] = {}
_deferred_lock = threading.Lock()


def _defer(source: Path, dest: Path) -> None:
    """Publish from a background thread once the checkpoint succeeds; one thread per directory at a time
    (a copy taken later holds every write before it)."""
    with _deferred_lock:
        running = _deferred.get(dest)
        if running is not None and running.is_alive():
            return
        thread = threading.Thread(target=_publish_later, args=(source, dest), name="lcrs-publish", daemon=False)
        _deferred[dest] = thread
        thread.start()


def _publish_later(source: Path, dest: Path) -> None:
    # the caller's cursor closes with its write; in one process DuckDB hands out the same open database for
    # the same file and settings, so this connection sees exactly what the writer committed
    cur = duckdb.connect(str(source))
    deadline = time.monotonic() + DEFERRED_DEADLINE_S
    try:
        while True:
            time.sleep(DEFERRED_WAIT_S)
            try:
                publish(cur, dest)
                return
            except NotCheckpointed:
                if time.monotonic() > deadline:
                    raise
    except Exception:
        log.exception("publishing a copy of the database to %s failed", dest)
    finally:
        cur.close()


def wait_for_deferred(timeout: float = DEFERRED_DEADLINE_S) -> None:
    """Wait until no copy is waiting to be published (tests; a process that must know its copy is out)."""
    with _deferred_lock:
        threads = list(_deferred.values())
    for thread in threads:
        thread.join(timeout)


def publish(con, dest: Path) -> Path:
    """Publish a consistent copy of ``con``'s database file into ``dest``; returns the new copy's path."""
    dest = Path(dest)
    dest.mkdir(parents=True, exist_ok=True)
    with WRITE_LOCK:
        cur = con.cursor()
        try:
            source = _database_file(cur)
            version = _data_version(cur)
            name = f"{PREFIX}{version}-{time.time_ns()}.duckdb"
            tmp = dest / f".{name}.tmp"
            try:
                if not _checkpointed(cur, source):
                    raise NotCheckpointed("the database could not be checkpointed (a write transaction is open)")
                shutil.copyfile(source, tmp)
                _fsync(tmp)
                _verify(tmp, version)
                os.replace(tmp, dest / name)
            finally:
                tmp.unlink(missing_ok=True)
                Path(f"{tmp}.wal").unlink(missing_ok=True)
        finally:
            cur.close()
        _write_pointer(dest, name)
        _prune(dest, keep=name)
    return dest / name


def current_copy(directory: Path) -> Path | None:
    """The newest published copy in ``directory``, or None when nothing is published yet (one small read)."""
    try:
        name = (Path(directory) / POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not name.startswith(PREFIX) or "/" in name or "\\" in name:
        raise PublishError(f"{directory / POINTER} does not name a published copy: {name[:80]!r}")
    return Path(directory) / name


def _database_file(cur) -> Path:
    row = cur.execute("SELECT file FROM pragma_database_list WHERE name = current_database()").fetchall()
    if not row or not row[0][0]:
        raise PublishError("an in-memory database cannot be published")
    return Path(row[0][0])


def _data_version(cur) -> int:
    try:
        row = cur.execute("SELECT data_version FROM dataset_info WHERE id = 1").fetchall()
    except duckdb.CatalogException:   # not migrated yet
        return 0
    return int(row[0][0]) if row else 0


def _checkpointed(cur, source: Path) -> bool:
    """CHECKPOINT (retried while short reads are running); True when the file now holds everything."""
    for _ in range(CHECKPOINT_TRIES):
        try:
            cur.execute("CHECKPOINT")
        except duckdb.TransactionException:
            time.sleep(CHECKPOINT_WAIT_S)
            continue
        wal = Path(f"{source}.wal")
        return not wal.exists() or wal.stat().st_size == 0
    return False


def _verify(path: Path, version: int) -> None:
    """The copy opens and holds the data version it was taken at."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        got = _data_version(con)
    finally:
        con.close()
    if got != version:
        raise PublishError(f"the copy holds data version {got}, the database {version}")


def _write_pointer(dest: Path, name: str) -> None:
    tmp = dest / f".{POINTER}.{os.getpid()}.tmp"
    tmp.write_text(name + "\n", encoding="utf-8")
    _fsync(tmp)
    os.replace(tmp, dest / POINTER)
    _fsync_dir(dest)


def _prune(dest: Path, keep: str) -> None:
    copies = sorted(dest.glob(f"{PREFIX}*.duckdb"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in copies[KEEP:]:
        if old.name != keep:
            old.unlink(missing_ok=True)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
