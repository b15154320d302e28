"""A fresh, non-demo database with the municipalities of tests/good_files/, for the import tests."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from data.store import db
from data.write.importer import import_file

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "tests" / "good_files"
BAD = ROOT / "tests" / "bad_files"


def make_db(path: Path, municipalities: bool = True):
    """A fresh (non-demo) migrated database, with the three good-file municipalities if asked."""
    con = db.connect(path)
    db.migrate(con)
    if municipalities:
        r = import_file(con, GOOD / "municipalities.csv", None, "municipalities", "test")
        assert r.ok, r.problems
    return con


def _cli(*args, env_db=None):
    """``python -m data ARGS`` in a child process from the repository root."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "data", *args], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)
