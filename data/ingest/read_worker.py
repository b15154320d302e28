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

    work = Path(workdir)
    data = (work / "input").read_bytes()
    table = _plain_csv(data) if fmt == "csv" else None
    if table is not None:
        _write_arrow(work / "sheet0.arrow", table)
        (work / "result.json").write_text(json.dumps({"sheets": [None], "notes": []}), encoding="utf-8")
        return 0
    from data.ingest import validate

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
        _write_arrow(work / f"sheet{i}.arrow", table)
    doc = {"sheets": [s for s, _ in sheets], "notes": [list(n) for n in notes]}
    (work / "result.json").write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return 0


def _plain_csv(data: bytes):
    """A UTF-8 CSV within the limits that Arrow reads as the reference reader does, as an Arrow table of text
    columns named "0", "1", …; None for anything else (another encoding, a breach of the limits, a row of
    another width…), which ``validate.read_csv_grid`` then reads or refuses with its own words. No pandas
    is loaded for the common case: the child starts in a fraction of the time."""
    from data.ingest import csv_text, read_limits

    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    delimiter = csv_text.delimiter_of(text)
    if read_limits.csv_breach(text, delimiter):
        return None
    return csv_text.arrow_table(text, delimiter)


def _write_arrow(path, table) -> None:
    import pyarrow as pa

    with pa.OSFile(str(path), "wb") as fh, pa.ipc.new_file(fh, table.schema) as w:
        w.write_table(table)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
