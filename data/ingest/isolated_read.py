"""Read an uploaded file in a separate process with a memory and time limit.

A reader that runs out of memory (calamine aborts the whole process on a failed allocation) or hangs must
never take the app down with it: the app hands the bytes to ``python -m data.ingest.read_worker``, which limits its
own address space (``RLIMIT_AS``) before reading and sends the grids back as Arrow IPC files (data only: no
pickle, so even a compromised reader cannot run code in the app). See SECURITY.md "Limits".
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

READ_MEMORY_BYTES = 3 * 1024 ** 3   # address space of the reading process (its libraries take ~0.4 GB)
READ_TIMEOUT_S = 300                # a 50 MB CSV reads in ~20 s on one slow core
_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ReadOutcome:
    """Grids (sheet name or None, header-less grid of strings) and notes, or the reason the file was refused:
    ``problem`` holds the fields of a ``data.ingest.validate.Problem`` (sheet, row, column, message_en, message_th)."""
    sheets: list[tuple[str | None, pd.DataFrame]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    problem: dict | None = None


def read_isolated(data: bytes, name: str, fmt: str, memory_bytes: int = READ_MEMORY_BYTES,
                  timeout_s: float = READ_TIMEOUT_S) -> ReadOutcome:
    """Read ``data`` (``fmt`` csv or xlsx) in a child process limited to ``memory_bytes`` and ``timeout_s``."""
    import pyarrow as pa

    with tempfile.TemporaryDirectory(prefix="lcrs-read-") as tmp:
        work = Path(tmp)
        (work / "input").write_bytes(data)
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "LANG", "LC_ALL", "HOME", "TMPDIR")}
        env.update(PYTHONPATH=str(_ROOT), MALLOC_ARENA_MAX="2", OMP_NUM_THREADS="1",
                   LCRS_READ_MEMORY=str(memory_bytes))
        cmd = [sys.executable, "-m", "data.ingest.read_worker", str(work), name, fmt]
        try:
            proc = subprocess.run(cmd, env=env, cwd=str(_ROOT), capture_output=True, timeout=timeout_s,
                                  stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return ReadOutcome(problem=_limit_problem(
                f"Reading the file took longer than {timeout_s:.0f} s and was stopped. Split the file.",
                f"การอ่านไฟล์ใช้เวลาเกิน {timeout_s:.0f} วินาทีจึงหยุด ให้แบ่งไฟล์"))
        result_path = work / "result.json"
        if proc.returncode != 0 or not result_path.exists():
            mb = memory_bytes // (1024 * 1024)
            return ReadOutcome(problem=_limit_problem(
                f"The file could not be read within the memory limit ({mb:,} MB); nothing was changed. "
                "Split the file or delete unused rows and columns.",
                f"อ่านไฟล์ไม่ได้ภายในหน่วยความจำที่กำหนด ({mb:,} MB) ไม่มีการเปลี่ยนแปลงข้อมูล "
                "ให้แบ่งไฟล์ หรือลบแถวและคอลัมน์ที่ไม่ใช้"))
        doc = json.loads(result_path.read_text(encoding="utf-8"))
        if doc.get("problem"):
            return ReadOutcome(problem=doc["problem"])
        sheets = []
        for i, sheet in enumerate(doc["sheets"]):
            with pa.OSFile(str(work / f"sheet{i}.arrow"), "rb") as fh:
                table = pa.ipc.open_file(fh).read_all()
            grid = table.to_pandas()
            grid.columns = range(grid.shape[1])
            # text columns as the in-process reader gives them (pandas' string dtype): no Python object per cell
            sheets.append((sheet, grid.astype("str") if grid.shape[1] else pd.DataFrame()))
        return ReadOutcome(sheets, [tuple(n) for n in doc["notes"]])


def _limit_problem(en: str, th: str) -> dict:
    return {"sheet": None, "row": None, "column": None, "message_en": en, "message_th": th}
