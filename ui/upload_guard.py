"""Uploads only from signed-in editors, within a per-session and a process-wide budget.

Streamlit's upload endpoint (``/_stcore/upload_file/SESSION/FILE``) stores any file of up to
``server.maxUploadSize`` MB for any live session, whether or not its page shows an uploader, and keeps it in
memory until the session ends: one anonymous page could fill the server's memory. ``install`` wraps the
runtime's upload store so that a file is kept only when the session is signed in as an editor (the only
page with an uploader is the data page, after sign-in), at most ``MAX_SESSION_BYTES`` per session and
``MAX_TOTAL_BYTES`` in the process; otherwise the request is answered 403/413 and nothing is stored.
See SECURITY.md "Limits".
"""
from __future__ import annotations

from typing import Any, Callable

MAX_SESSION_BYTES = 60 * 1024 * 1024      # one file at the 50 MB cap, plus a small one
MAX_TOTAL_BYTES = 250 * 1024 * 1024       # all sessions together
# session-state keys that mark a session allowed to upload (ui.auth sets it on sign-in)
SIGNED_IN_KEYS = ("auth.user",)


class UploadRefused(Exception):
    """Raised inside the upload store; carries the HTTP status the endpoint answers with."""

    def __init__(self, status: int, reason: str):
        super().__init__(reason)
        self.status = status


def may_upload(state: Any) -> bool:
    """True when a session's state says it is signed in (``SIGNED_IN_KEYS``)."""
    if state is None:
        return False
    for key in SIGNED_IN_KEYS:
        try:
            if key in state and state[key]:
                return True
        except Exception:  # a session torn down while we look: not signed in
            return False
    return False


def guard(manager, state_of: Callable[[str], Any]) -> None:
    """Wrap ``manager.add_file`` (a Streamlit ``MemoryUploadedFileManager``); idempotent."""
    if getattr(manager, "_lcrs_guarded", False):
        return
    original = manager.add_file

    def add_file(session_id: str, file) -> None:
        if not may_upload(state_of(session_id)):
            raise _http(403, "uploads need an editor's sign-in")
        size = len(file.data)
        with manager._lock:
            mine = sum(len(f.data) for fid, f in manager.file_storage.get(session_id, {}).items()
                       if fid != file.file_id)
            total = manager._total_bytes
        if mine + size > MAX_SESSION_BYTES or total + size > MAX_TOTAL_BYTES:
            raise _http(413, "upload budget exhausted")
        original(session_id=session_id, file=file)

    manager.add_file = add_file
    manager._lcrs_guarded = True


def _http(status: int, reason: str) -> Exception:
    try:
        from starlette.exceptions import HTTPException

        return HTTPException(status_code=status, detail=reason)
    except ImportError:  # the tornado server: any exception refuses the upload
        return UploadRefused(status, reason)


def install() -> None:
    """Guard the running server's upload store (called by app.py on every run; cheap after the first)."""
    from streamlit.runtime import Runtime

    if not Runtime.exists():
        return
    runtime = Runtime.instance()
    manager = runtime.uploaded_file_mgr
    if manager is None or not hasattr(manager, "file_storage"):
        return

    def state_of(session_id: str):
        info = runtime._session_mgr.get_active_session_info(session_id)
        return None if info is None else info.session.session_state

    guard(manager, state_of)
