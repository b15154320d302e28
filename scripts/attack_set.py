"""Repeat the hardening issue's attack set and print the figures (not a test: it asserts nothing, it counts).

    .venv/bin/python scripts/attack_set.py [--kills 35] [--readers 25]

* hostile inputs: the bad-file corpus (tests/bad_files), far cells, very wide and very long CSVs, a zip bomb,
  hostile names, damaged exports; each through the command line (exit code must be 0 or 2, in a process
  limited to 2 GB) and through the app's upload path (``staged_import.check``, reading in a child process)
  in this process, which must survive them all;
* SIGKILLs: command-line imports of a large file killed at random moments; the database must hold the rows
  from before or from after, never a part (rows lost counts rows that vanished);
* concurrent sessions: reader threads counting rows while a large file is committed; each must see the count
  from before or after;
* one writer: after clearing every cache, a command-line import must still be refused;
* a live ``streamlit run`` server is polled throughout: server crashes counts the times it stopped answering.
Uses temporary copies only; takes a few minutes on two cores.
"""
from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.helpers import sample_data as sd  # noqa: E402  (the repository's own sample builders)

STATS = {"hostile inputs tried": 0, "cli exit not 0/2": 0, "upload path failures": 0, "SIGKILLs": 0,
         "rows lost": 0, "concurrent sessions": 0, "torn reads": 0, "cli write while app ran": 0,
         "server crashes": 0}


def _limited():
    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def cli(*args, db: Path, limit=True, timeout=300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "data", *args, "--db", str(db)], cwd=ROOT, capture_output=True,
                          text=True, timeout=timeout, preexec_fn=_limited if limit else None,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})


def far_xlsx(ref: str) -> bytes:
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(sd.xlsx_bytes(sd.ACTIVITY_HEADER, sd.ACTIVITIES)))
    wb.active[ref] = "x"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def hostile_inputs() -> list[tuple[str, str, bytes]]:
    """(file name, kind, bytes)."""
    out = []
    for f in sorted((ROOT / "tests" / "bad_files").iterdir()):
        if f.suffix in (".csv", ".xlsx", ".txt", ".xls", ".png") and f.name != "expected.csv":
            kind = "municipalities" if f.name.startswith("municipality") else \
                "actions" if f.name.startswith("action") else \
                "indicators" if f.name.startswith("indicator") else \
                "scorecard" if f.name.startswith("scorecard") else "activities"
            out.append((f.name, kind, f.read_bytes()))
    for ref in ("XFD1048576", "XFD2000", "A1048576", "ZZ10", "GS1"):
        out.append((f"far_{ref}.xlsx", "activities", far_xlsx(ref)))
    for n in (300, 18_300):
        out.append((f"wide_{n}.csv", "activities",
                    (",".join(sd.ACTIVITY_HEADER + [f"x{i}" for i in range(n)]) + "\n1\n").encode()))
    out.append(("long.csv", "activities", b"a,b\n" + b"1,2\n" * 1_200_000))
    out.append(("junk.csv", "activities", os.urandom(200_000)))
    out.append(("zip_header.xlsx", "activities", b"PK\x03\x04" + os.urandom(5000)))
    names = ['<a href="https://evil.example">x</a>', "<script>alert(1)</script>", "=HYPERLINK(\"http://x\")",
             "www.evil.example", "\u202eevil", "x" * 5001, "'; DROP TABLE activity; --"]
    for i, name in enumerate(names):
        row = [f"93{i:05d}", name, name, "nakhon", "50", "1000", "1", "", "", "", "", "", ""]
        out.append((f"names_{i}.csv", "municipalities", sd.csv_bytes(sd.MUNICIPALITY_HEADER, [row])))
    return out


def attack_inputs(work: Path) -> None:
    from data.store import db
    from data.write import staged_import

    target = sd.new_real_database(work / "inputs.duckdb")       # the app's upload path, in this process
    cli_target = sd.new_real_database(work / "inputs_cli.duckdb")   # the command line's own file
    con = db.connect(target)
    try:
        for name, kind, data in hostile_inputs():
            STATS["hostile inputs tried"] += 1
            f = work / name
            f.write_bytes(data)
            r = cli("import", str(f), "--kind", kind, "--dry-run", db=cli_target)
            if r.returncode not in (0, 2) or "Traceback" in r.stderr:
                STATS["cli exit not 0/2"] += 1
                print(f"  cli {name}: exit {r.returncode} {r.stderr[-300:]}")
            try:
                staged_import.check(con, data, name, kind, isolate=True)
            except Exception as exc:  # counted: the upload path must answer with problems, not raise
                STATS["upload path failures"] += 1
                print(f"  upload {name}: {type(exc).__name__}: {exc}")
    finally:
        con.close()


def attack_restore(work: Path) -> None:
    import csv
    import json

    src = sd.new_real_database(work / "rsrc.duckdb", kinds=("activities", "actions"))
    base = work / "export"
    cli("export", str(base), "--format", "csv", db=src)
    cli("export", str(work / "export_pq"), "--format", "parquet", db=src)

    def variant(name, edit, fmt_dir=base):
        d = work / f"r_{name}"
        shutil.copytree(fmt_dir, d)
        edit(d)
        STATS["hostile inputs tried"] += 1
        r = cli("restore", str(d), db=work / f"r_{name}.duckdb")
        if r.returncode != 2 or "Traceback" in r.stderr:
            STATS["cli exit not 0/2"] += 1
            print(f"  restore {name}: exit {r.returncode} {r.stderr[-300:]}")

    def csv_edit(table, fn):
        def edit(d):
            p = d / f"{table}.csv"
            rows = list(csv.reader(open(p, encoding="utf-8", newline="")))
            fn(rows)
            with open(p, "w", encoding="utf-8", newline="") as fh:
                csv.writer(fh, lineterminator="\n").writerows(rows)
        return edit

    variant("cut3", lambda d: (d / "activity.csv").write_bytes((d / "activity.csv").read_bytes()[:-3]))
    for value in ("-5", "NaN", "inf", "x"):
        variant(f"amount_{value}", csv_edit("activity", lambda rows, v=value: rows[1].__setitem__(
            rows[0].index("amount"), v)))
    variant("short", csv_edit("activity", lambda rows: rows[1].pop()))
    variant("orphan", csv_edit("activity", lambda rows: rows[1].__setitem__(rows[0].index("batch_id"), "999")))

    def drop_table(d):
        doc = json.loads((d / "manifest.json").read_text())
        doc["tables"] = [e for e in doc["tables"] if e["name"] != "activity"]
        (d / "manifest.json").write_text(json.dumps(doc))
    variant("dropped_table", drop_table)
    variant("missing_file", lambda d: (d / "action.csv").unlink())
    variant("truncated_parquet", lambda d: (d / "activity.parquet").write_bytes(
        (d / "activity.parquet").read_bytes()[:500]), fmt_dir=work / "export_pq")


def attack_kills(work: Path, kills: int) -> None:
    from data.store import db

    path = sd.new_real_database(work / "kill.duckdb")
    rows = [[code, str(y), "CFO", act, str(100 + m), unit, str(m), "", "H", "", ""]
            for code in ("9000001", "9000002", "9000003") for y in range(1995, 2095)
            for act, unit in (("electricity_kwh", "kWh"), ("diesel_onroad_l", "L")) for m in range(1, 13)]
    big = work / "big.csv"
    big.write_bytes(sd.csv_bytes(sd.ACTIVITY_HEADER, rows))
    rng = random.Random(18)
    for i in range(kills):
        con = db.connect(path)
        before = con.execute("SELECT count(*) FROM activity").fetchone()[0]
        con.close()
        proc = subprocess.Popen([sys.executable, "-m", "data", "import", str(big), "--kind", "activities",
                                 "--replace", "--db", str(path)], cwd=ROOT, stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
        time.sleep(rng.uniform(0.5, 4.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        STATS["SIGKILLs"] += 1
        con = db.connect(path)
        after = con.execute("SELECT count(*) FROM activity").fetchone()[0]
        con.close()
        if after not in (before, len(rows)):
            STATS["rows lost"] += abs(before - after)
            print(f"  kill {i}: {before} -> {after}")


def attack_readers(work: Path, readers: int) -> None:
    from data.store import db
    from data.write import staged_import

    path = sd.new_real_database(work / "readers.duckdb")
    rows = [[code, str(y), "CFO", "electricity_kwh", str(100 + m), "kWh", str(m), "", "H", "", ""]
            for code in ("9000001", "9000002", "9000003") for y in range(1995, 2095) for m in range(1, 13)]
    con = db.connect(path)
    checked = staged_import.check(con, sd.csv_bytes(sd.ACTIVITY_HEADER, rows), "r.csv", "activities")
    stop = threading.Event()
    seen: set[int] = set()

    def read():
        cur = con.cursor()
        while not stop.is_set():
            seen.add(cur.execute("SELECT count(*) FROM activity").fetchone()[0])
        cur.close()

    threads = [threading.Thread(target=read) for _ in range(readers)]
    for th in threads:
        th.start()
    STATS["concurrent sessions"] += readers
    staged_import.commit(con, checked, user="attack")
    time.sleep(0.5)
    stop.set()
    for th in threads:
        th.join()
    torn = seen - {0, len(rows)}
    STATS["torn reads"] += len(torn)
    after = con.execute("SELECT count(*) FROM activity").fetchone()[0]
    STATS["rows lost"] += len(rows) - after
    con.close()


def attack_one_writer(work: Path) -> None:
    """The app's hold survives a cleared cache: simulated in this process, a CLI write must be refused."""
    import gc

    import streamlit as st

    from data.store import db
    from ui import db as uidb

    path = sd.new_real_database(work / "app.duckdb")
    os.environ["LCRS_DB"] = str(path)
    uidb.get_connection()
    st.cache_resource.clear()
    gc.collect()
    f = work / "w.csv"
    f.write_bytes(sd.sample_bytes("activities"))
    r = cli("import", str(f), "--kind", "activities", db=path)
    STATS["hostile inputs tried"] += 1
    if r.returncode == 0:
        STATS["cli write while app ran"] += 1
    del db


def server(work: Path):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = sd.new_real_database(work / "server.duckdb", kinds=("activities", "actions"))
    log = open(work / "server.log", "wb")
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless",
                             "true", "--server.port", str(port), "--server.address", "127.0.0.1"], cwd=ROOT,
                            env={**os.environ, "LCRS_DB": str(path)}, stdout=log, stderr=subprocess.STDOUT)
    return proc, f"http://127.0.0.1:{port}"


def healthy(url: str) -> bool:
    try:
        return urllib.request.urlopen(f"{url}/_stcore/health", timeout=5).read() == b"ok"
    except OSError:
        return False


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--kills", type=int, default=35)
    ap.add_argument("--readers", type=int, default=25)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="lcrs-attack-") as tmp:
        work = Path(tmp)
        proc, url = server(work)
        for _ in range(120):
            if healthy(url):
                break
            time.sleep(0.5)
        stop = threading.Event()

        def watch():
            while not stop.wait(2):
                if not healthy(url):
                    STATS["server crashes"] += 1

        watcher = threading.Thread(target=watch)
        watcher.start()
        t0 = time.time()
        try:
            for step in (attack_inputs, attack_restore, attack_one_writer):
                print(f"{step.__name__} …", flush=True)
                step(work)
            print("attack_kills …", flush=True)
            attack_kills(work, args.kills)
            print("attack_readers …", flush=True)
            attack_readers(work, args.readers)
        finally:
            stop.set()
            watcher.join()
            if proc.poll() is not None:
                STATS["server crashes"] += 1
            proc.terminate()
            proc.wait(timeout=30)
        print(f"\nattack set done in {time.time() - t0:.0f} s")
        for k, v in STATS.items():
            print(f"  {k:28} {v}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
