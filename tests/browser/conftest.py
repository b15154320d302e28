"""Real-browser tests: Debian chromium driven by Playwright against `streamlit run` (never `playwright install`)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bench.server import serve
from tests.helpers import chromium
from tests.helpers.chromium import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "tests" / "screenshots"


def pytest_collection_modifyitems(config, items):
    if not os.path.exists(CHROMIUM):
        skip = pytest.mark.skip(reason="Debian chromium is not installed (apt-get install chromium)")
        for item in items:
            if "browser" in str(item.fspath):
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return chromium.launch_args(browser_type_launch_args)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}, "locale": "th-TH",
            "timezone_id": "Asia/Bangkok"}


@pytest.fixture(scope="session")
def app_url(demo_db_path, tmp_path_factory):
    """A live `streamlit run app.py` on its own copy of the demo database (the server holds the write lock for
    its whole life, so it must not share a file with other tests); yields its base URL."""
    server_dir = tmp_path_factory.mktemp("server")
    db_copy = server_dir / "server_demo.duckdb"
    shutil.copy(demo_db_path, db_copy)
    with serve(ROOT / "app.py", {"LCRS_DB": str(db_copy)}, server_dir / "streamlit.log") as server:
        yield server.url


@pytest.fixture()
def screenshots_dir() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
