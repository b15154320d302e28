"""Failed sign-ins, remembered by the process (not in a Streamlit cache, which any browser can clear).

Each failure is a time stamp; failures older than ``FAILURE_WINDOW_S`` no longer count. The data page waits
``delay_before_attempt`` seconds before checking a password, so guessing slows down for every session at once.
"""
from __future__ import annotations

import threading
import time

FAILURE_WINDOW_S = 600     # failures older than this no longer slow anyone down
MAX_DELAY_S = 5.0
DELAY_PER_FAILURE_S = 0.5

_times: list[float] = []
_lock = threading.Lock()
# one password check at a time in the process: parallel sessions queue behind each other's delay
CHECK_LOCK = threading.Lock()


def recent_failures() -> int:
    """Failures within the window, across every session of this process."""
    with _lock:
        now = time.monotonic()
        _times[:] = [x for x in _times if now - x < FAILURE_WINDOW_S]
        return len(_times)


def record_failure() -> None:
    """Remember one failed sign-in."""
    with _lock:
        _times.append(time.monotonic())


def delay_before_attempt(session_failures: int) -> float:
    """Seconds to wait before checking a password: grows with failures, capped at ``MAX_DELAY_S``."""
    return min(MAX_DELAY_S, DELAY_PER_FAILURE_S * max(session_failures, recent_failures()))


def reset() -> None:
    """Forget every failure (tests that start a fresh process)."""
    with _lock:
        _times.clear()
