"""Peak memory of a process serving the benchmark database: a fresh Python process renders every page of the
app once with AppTest (as a server does for its first visitors) and reports its peak resident set size
(``ru_maxrss``). ``python -m bench.memory DB`` is that child process."""
from __future__ import annotations

import json
import resource
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from bench.common import ROOT, Context, measured, scratch_dir

TARGET_MB = 1000.0  # issue 16: serving memory <= 1 GB (MB = 10^6 bytes)


def serve_all_pages(db_path: Path) -> dict:
    """Render every existing page once against ``db_path``; the peak RSS in MB and the pages that raised."""
    import os

    os.environ["LCRS_DB"] = str(db_path)
    from bench.pages import discover_pages, open_page, page_error, quiet_streamlit

    quiet_streamlit()
    pages, errors = discover_pages(), {}
    for path, url in pages:
        at = open_page(path)
        at.run()
        err = page_error(at)
        if err:
            errors[url] = err[:200]
    # ru_maxrss is in KiB on Linux
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 / 1e6
    return {"peak_mb": peak_mb, "pages": len(pages), "page_errors": errors}


def measure(db_path: Path, runs: int) -> dict:
    """Median peak MB over ``runs`` child processes."""
    peaks, last = [], {}
    for _ in range(max(1, runs)):
        proc = subprocess.run([sys.executable, "-m", "bench.memory", str(db_path)], cwd=ROOT,
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError(f"child exited {proc.returncode}: {proc.stderr.strip()[-300:]}")
        last = json.loads(proc.stdout.strip().splitlines()[-1])
        peaks.append(last["peak_mb"])
    return {"value": statistics.median(peaks), "runs": len(peaks), "pages": last.get("pages"),
            "page_errors": last.get("page_errors") or None}


def run(ctx: Context, db_path: Path):
    """Yield ``memory.serving_peak`` (MB)."""
    with scratch_dir(ctx) as work:
        # a private copy: this process may still hold the benchmark database open
        copy = work / "serve.duckdb"
        shutil.copy(db_path, copy)
        yield measured("memory.serving_peak", "MB", TARGET_MB, ctx.scale, lambda: measure(copy, ctx.runs))


if __name__ == "__main__":
    print(json.dumps(serve_all_pages(Path(sys.argv[1]))))
