"""A ``streamlit run`` server on a free 127.0.0.1 port, for the browser, capacity and replica measurements.

Started the way ``tests/browser/conftest.py`` starts one (headless, no file watcher, no usage statistics), with
its own environment (``LCRS_DB``, ``LCRS_REPLICA_OF``, ...), and stopped by its own process id afterwards.
"""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from dataclasses import dataclass
from typing import Iterator

from bench.common import ROOT

START_TIMEOUT_S = 120


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def streamlit_command(script: Path, port: int, extra: tuple[str, ...] = ()) -> list[str]:
    """The command line of a headless server for ``script`` on 127.0.0.1:``port`` (``extra``: more options)."""
    return [sys.executable, "-m", "streamlit", "run", str(script), "--server.headless", "true",
            "--server.port", str(port), "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            "--server.fileWatcherType", "none", "--server.runOnSave", "false", *extra]


@dataclass(frozen=True)
class Server:
    """A running server: its base URL and process id."""
    url: str
    pid: int


@contextlib.contextmanager
def serve(script: Path, env: dict[str, str], log: Path, extra: tuple[str, ...] = ()) -> Iterator[Server]:
    """Run ``streamlit run script`` with ``env`` added to the environment until the block ends; yields the
    server once ``/_stcore/health`` answers. The server's output goes to ``log``; ``extra``: more options."""
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log.parent.mkdir(parents=True, exist_ok=True)
    with open(log, "wb") as out:
        proc = subprocess.Popen(streamlit_command(script, port, extra), cwd=ROOT, env={**os.environ, **env},
                                stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while True:
            if proc.poll() is not None:
                raise RuntimeError(f"streamlit exited {proc.returncode}: {_tail(log)}")
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not answer within {START_TIMEOUT_S} s: {_tail(log)}")
            time.sleep(0.3)
        yield Server(url, proc.pid)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def rss_mb(pid: int) -> float:
    """Resident set size of process ``pid`` in MB (10^6 bytes), from /proc."""
    with open(f"/proc/{pid}/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024 / 1e6
    raise RuntimeError(f"no VmRSS for pid {pid}")


def _tail(log: Path, n: int = 1500) -> str:
    try:
        return log.read_text(errors="replace")[-n:]
    except OSError:
        return "(no log)"
