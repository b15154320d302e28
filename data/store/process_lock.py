"""The one-writer rule, enforced by the operating system: a lock file beside the database.

The running app takes an exclusive ``flock`` on ``DB.lock`` when it first opens the database and keeps it
until the process ends. The lock belongs to the process (a module-level file descriptor), not to any cached
object, so nothing a browser can trigger (Streamlit's "clear cache") releases it. A command-line write takes
the same lock without waiting; when the app (or another write) holds it, the command stops with "database in
use" and changes nothing. The kernel drops the lock when its holder dies, so a crash never leaves it stuck.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from pathlib import Path
from typing import Iterator

from data.store.db import DatabaseInUse

_held: dict[str, int] = {}        # lock-file path -> open descriptor, for the life of the process
_guard = threading.Lock()


def lock_path(db_path: str | os.PathLike) -> Path:
    """The lock file of a database: ``NAME.lock`` in the same directory."""
    p = Path(db_path).resolve()
    return p.with_name(p.name + ".lock")


def _in_use(db_path) -> DatabaseInUse:
    return DatabaseInUse(
        f"Database {Path(db_path).name} is in use by another process (is the dashboard running?). "
        "Import from the app's data page, or stop the app first. Nothing was changed.",
        f"ฐานข้อมูล {Path(db_path).name} กำลังถูกใช้งานโดยโปรแกรมอื่น (แดชบอร์ดเปิดอยู่หรือไม่) "
        "ให้นำเข้าผ่านหน้าข้อมูลของแอป หรือปิดแอปก่อน ไม่มีการเปลี่ยนแปลงข้อมูล")


def _try_lock(path: Path) -> int | None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    return fd


def hold_for_process(db_path: str | os.PathLike) -> None:
    """Take the database's lock for the rest of this process (the app calls this); idempotent.

    Raises ``DatabaseInUse`` when another process holds it."""
    key = str(lock_path(db_path))
    with _guard:
        if key in _held:
            return
        fd = _try_lock(Path(key))
        if fd is None:
            raise _in_use(db_path)
        _held[key] = fd


def held_by_this_process(db_path: str | os.PathLike) -> bool:
    """True when this process holds the database's lock."""
    return str(lock_path(db_path)) in _held


def release(db_path: str | os.PathLike) -> None:
    """Give the lock back (tests that simulate a new app process; the app itself never calls this)."""
    key = str(lock_path(db_path))
    with _guard:
        fd = _held.pop(key, None)
        if fd is not None:
            os.close(fd)


def release_all() -> None:
    """Give back every lock this process holds (tests that simulate the end of an app process)."""
    with _guard:
        while _held:
            os.close(_held.popitem()[1])


@contextlib.contextmanager
def exclusive(db_path: str | os.PathLike) -> Iterator[None]:
    """Hold the database's lock for one command-line write; ``DatabaseInUse`` at once if anyone else has it.
    Inside a process that already holds it (the app), this is a no-op."""
    key = str(lock_path(db_path))
    if key in _held:
        yield
        return
    fd = _try_lock(Path(key))
    if fd is None:
        raise _in_use(db_path)
    try:
        yield
    finally:
        os.close(fd)
