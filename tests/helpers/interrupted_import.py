"""``python -m data import ...`` that says on stdout when it writes, so that a test can SIGKILL it half-way.

Run as ``python tests/helpers/interrupted_import.py import FILE --kind KIND --db PATH``. The real CLI runs
unchanged, except that ``data.store.insert_frame`` (the one bulk write of an import, inside its transaction)
prints ``WRITING`` before it starts, ``WRITTEN`` when every row is in the open transaction, and then waits
``HOLD_SECONDS`` (default 60) before returning — so the process can be killed before the COMMIT.
"""
from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from data import cli as cli  # noqa: E402
from data.store import table_writes  # noqa: E402

_real_insert = table_writes.insert_frame


def _announced_insert(con, table, df, batch_id):
    print("WRITING", flush=True)
    n = _real_insert(con, table, df, batch_id)
    con.execute("CHECKPOINT") if os.environ.get("FORCE_CHECKPOINT") else None
    print("WRITTEN", flush=True)
    time.sleep(float(os.environ.get("HOLD_SECONDS", "60")))
    return n


table_writes.insert_frame = _announced_insert

if __name__ == "__main__":
    sys.exit(cli.main(sys.argv[1:]))
