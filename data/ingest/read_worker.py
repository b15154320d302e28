"""Child process of ``data.ingest.isolated_read``: limit memory, read one file, write Arrow grids and result.json.

Usage (by the app only): ``python -m data.ingest.read_worker WORKDIR NAME FMT``; the input bytes are WORKDIR/input.
"""
from __future__ import annotations

import os
import resource
import sys


def _limit_memory() -> None:
    limit = int(os.environ.get("LCRS_READ_MEMORY", str(3 * 1024 ** 3)))
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))   # an aborted reader leaves no core file behind


def main(workdir: str, name: str, fmt: str) -> int:
    """Read ``WORKDIR/input`` as ``fmt`` and write the outcome next to it; exit 0 when result.json is written."""
    _limit_memory()
    import json
    from pathlib import Path

    import pyarrow as pa

    from data.ingest import validate

    work = Path(workdir)
    data = (work / "input").read_bytes()
    try:
        if fmt == "csv":
            grid, notes = validate.read_csv_grid(data, name)
            sheets = [(None, grid)]
        else:
            sheets, notes = validate.read_xlsx_grids(data, name), []
    except validate.Rejected as rej:
        p = rej.problem
        doc = {"problem": {"sheet": p.sheet, "row": p.row, "column": p.column,
                           "message_en": p.message_en, "message_th": p.message_th}}
        (work / "result.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
        return 0
    for i, (_, grid) in enumerate(sheets):
        # column by column from pandas (no Python list of every cell: a million-row file has ten million)
        table = pa.table({str(c): pa.array(grid[c].astype(str), pa.string()) for c in grid.columns})
        with pa.OSFile(str(work / f"sheet{i}.arrow"), "wb") as fh, pa.ipc.new_file(fh, table.schema) as w:
            w.write_table(table)
    doc = {"sheets": [s for s, _ in sheets], "notes": [list(n) for n in notes]}
    (work / "result.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
