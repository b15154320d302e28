"""Reports for visitors: built once per (database, data version, municipality, year, language), a few at a time.

Building a PDF and a workbook takes seconds of CPU. Anyone may ask for one, so without limits twelve clicks
would slow every other page down. Here each report is built at most once at a time per key (later askers
wait for that build and share its result), at most ``MAX_CONCURRENT_BUILDS`` builds run in the whole process,
and the last ``MAX_CACHED`` results are kept. The state belongs to the process, not to a Streamlit cache, so
a browser's "clear cache" cannot force rebuilds. See SECURITY.md "Limits".
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable

MAX_CONCURRENT_BUILDS = 2      # of 2 cores: pages stay responsive while reports build
MAX_CACHED = 32                # ~0.3 MB a report pair: ~10 MB at most
WAIT_FOR_SLOT_S = 90           # past this a visitor is told the server is busy (try again)

_slots = threading.BoundedSemaphore(MAX_CONCURRENT_BUILDS)
_guard = threading.Lock()
_done: OrderedDict[tuple, tuple[bytes, bytes]] = OrderedDict()
_key_locks: dict[tuple, threading.Lock] = {}


class Busy(Exception):
    """Every build slot stayed taken for ``WAIT_FOR_SLOT_S``: ask the visitor to try again shortly."""


def get_reports(key: tuple, build: Callable[[], tuple[bytes, bytes]]) -> tuple[bytes, bytes]:
    """(pdf, xlsx) for ``key`` (database, data version, code, year, language), from ``build()`` once."""
    with _guard:
        if key in _done:
            _done.move_to_end(key)
            return _done[key]
        lock = _key_locks.setdefault(key, threading.Lock())
    with lock:                          # one build per key; the others wait here and take its result
        with _guard:
            if key in _done:
                return _done[key]
        if not _slots.acquire(timeout=WAIT_FOR_SLOT_S):
            raise Busy()
        try:
            result = build()
        finally:
            _slots.release()
        with _guard:
            _done[key] = result
            while len(_done) > MAX_CACHED:
                _done.popitem(last=False)
            _key_locks.pop(key, None)
        return result


def clear() -> None:
    """Forget every built report (tests)."""
    with _guard:
        _done.clear()
        _key_locks.clear()
