"""Debian's chromium for Playwright (never `playwright install`): where it is and how it is launched."""
from __future__ import annotations

import shutil

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# headless on a CI machine without a GPU, a sandbox or the network beyond the test server
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--enable-unsafe-swiftshader"]


def launch_args(base: dict) -> dict:
    """pytest-playwright's launch arguments with Debian's chromium and the flags above."""
    return {**base, "executable_path": CHROMIUM, "args": ARGS}
