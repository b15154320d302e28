"""What a database holds, to prove in a test that an operation changed nothing (or exactly what it should)."""
from __future__ import annotations

from data.store.db import table_checksums  # noqa: F401  (the tests' name for it; restore uses it too)
