"""How many people one server holds: ``python -m bench.capacity [--db PATH] [--viewers 1,2,4,...]
[--screens 4,8,...] [--seconds S] [--think S]``.

Clients speak Streamlit's own websocket protocol (what the browser sends: a ``rerun_script`` with the page and
its query string, and the hashes of the large messages it already holds, so that the server sends references
for those as it does to a browser) against a ``streamlit run app.py`` on 127.0.0.1 serving a copy of the
benchmark database. A page's time is from the request until the server's ``script_finished``: what the
server makes a person wait, before the browser draws (``bench.browser`` measures the drawing).

- *Viewers*: each keeps one session and opens pages one after another in a fixed tour (overview, profile,
  compare, map, trends, actions, methodology), reading each for ``--think`` seconds (default 10) before the
  next. For each number of viewers: sessions, page runs per second, p50/p95/max page time, errors.
  ``capacity.viewers`` is the largest number whose p95 stays within 3 s.
- *Town-hall screens*: each opens the showcase and then reruns its rotating fragment whenever the server asks
  (``auto_rerun``, every 12 s), as the browser's timer does. ``capacity.screens`` is the largest number of
  screens whose rotations keep a p95 within 3 s.

Bounded: every level runs for ``--seconds`` (default 45) after a warm-up tour, the levels stop at the first
one that fails, and only servers this script starts on 127.0.0.1 are contacted. Prints JSON lines as
``python -m bench`` does; not part of ``make bench`` (it loads the machine for minutes).
"""
from __future__ import annotations

import argparse
import asyncio
import json
import shutil
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench import common
from bench.server import rss_mb, serve

P95_TARGET_S = 3.0
VIEWERS_TARGET = 20     # docs/deploy.md: a province's offices and the public on one server
SCREENS_TARGET = 10
TOUR = ["overview", "profile", "compare", "map", "trends", "actions", "methodology"]


@dataclass
class Level:
    """What one load level measured."""
    clients: int
    times: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    sessions: int = 0
    seconds: float = 0.0

    def summary(self) -> dict:
        t = sorted(self.times)
        p95 = t[min(len(t) - 1, int(round(0.95 * (len(t) - 1))))] if t else None
        return {"clients": self.clients, "sessions": self.sessions, "runs": len(t),
                "runs_per_s": round(len(t) / self.seconds, 2) if self.seconds else 0.0,
                "p50_s": round(statistics.median(t), 3) if t else None,
                "p95_s": round(p95, 3) if p95 is not None else None,
                "max_s": round(t[-1], 3) if t else None, "errors": len(self.errors),
                "first_error": self.errors[0][:200] if self.errors else None}

    def holds(self) -> bool:
        s = self.summary()
        return bool(s["runs"]) and not s["errors"] and s["p95_s"] <= P95_TARGET_S


class Session:
    """One Streamlit session over a websocket, as a browser tab holds it."""

    def __init__(self, ws, query: str):
        self.ws, self.query, self.cached = ws, query, set()
        self.page_hash = ""
        self.fragment_id = None
        self.interval = None

    async def run(self, page: str = "", fragment_id: str | None = None) -> float:
        """Request one run (a page, or a fragment rerun) and wait for its end; seconds taken."""
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query
        state.page_name = page
        if fragment_id:
            state.fragment_id = fragment_id
            state.is_auto_rerun = True
            state.page_script_hash = self.page_hash
        state.cached_message_hashes.extend(self.cached)
        t0 = time.perf_counter()
        await self.ws.send(msg.SerializeToString())
        while True:
            fwd = ForwardMsg()
            fwd.ParseFromString(await self.ws.recv())
            kind = fwd.WhichOneof("type")
            if fwd.metadata.cacheable and fwd.hash:
                self.cached.add(fwd.hash)
            if kind == "new_session":
                self.page_hash = fwd.new_session.page_script_hash
            elif kind == "auto_rerun":
                self.fragment_id, self.interval = fwd.auto_rerun.fragment_id, fwd.auto_rerun.interval
            elif kind == "delta" and fwd.delta.WhichOneof("type") == "new_element" \
                    and fwd.delta.new_element.WhichOneof("type") == "exception":
                raise RuntimeError(f"{page or 'fragment'}: {fwd.delta.new_element.exception.message[:200]}")
            elif kind == "script_finished":
                if fwd.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                    raise RuntimeError(f"{page}: compile error")
                return time.perf_counter() - t0


async def _connect(url: str):
    import websockets

    return await websockets.connect(url.replace("http://", "ws://") + "/_stcore/stream", subprotocols=["streamlit"],
                                    max_size=None, origin=url, open_timeout=60, ping_interval=None)


async def viewer(url: str, query: str, level: Level, deadline: float, think: float, offset: int,
                 record_after: float) -> None:
    """One person touring the pages until ``deadline``; runs that start before ``record_after`` warm up."""
    try:
        ws = await _connect(url)
    except Exception as exc:
        level.errors.append(f"connect: {type(exc).__name__}: {exc}")
        return
    level.sessions += 1
    session = Session(ws, query)
    i = offset
    try:
        while time.perf_counter() < deadline:
            page = TOUR[i % len(TOUR)]
            start = time.perf_counter()
            try:
                took = await asyncio.wait_for(session.run(page), timeout=60)
            except Exception as exc:
                level.errors.append(f"{page}: {type(exc).__name__}: {exc}")
                return
            if start >= record_after:
                level.times.append(took)
            i += 1
            await asyncio.sleep(max(0.0, think - took))
    finally:
        await ws.close()


async def screen(url: str, level: Level, deadline: float, record_after: float) -> None:
    """One town-hall screen: the showcase, then a rotation whenever its timer comes round."""
    try:
        ws = await _connect(url)
        session = Session(ws, "lang=th")
        await asyncio.wait_for(session.run("showcase"), timeout=60)
    except Exception as exc:
        level.errors.append(f"showcase: {type(exc).__name__}: {exc}")
        return
    level.sessions += 1
    try:
        if not session.fragment_id:
            level.errors.append("the showcase asked for no rotation (no auto_rerun)")
            return
        while True:
            await asyncio.sleep(session.interval)
            if time.perf_counter() >= deadline:
                return
            start = time.perf_counter()
            try:
                took = await asyncio.wait_for(session.run(fragment_id=session.fragment_id), timeout=60)
            except Exception as exc:
                level.errors.append(f"rotation: {type(exc).__name__}: {exc}")
                return
            if start >= record_after:
                level.times.append(took)
    finally:
        await ws.close()


async def run_level(url: str, query: str, clients: int, seconds: float, think: float, kind: str) -> Level:
    """``clients`` viewers (or screens) at once for a warm-up plus ``seconds``; their page times."""
    level = Level(clients)
    warmup = think if kind == "viewers" else 13.0
    start = time.perf_counter()
    record_after, deadline = start + warmup, start + warmup + seconds
    if kind == "viewers":
        # spread the starts over one think time, as people do not click in step
        tasks = []
        for i in range(clients):
            tasks.append(asyncio.create_task(viewer(url, query, level, deadline, think, i, record_after)))
            await asyncio.sleep(think / max(clients, 1))
    else:
        tasks = []
        for _ in range(clients):
            tasks.append(asyncio.create_task(screen(url, level, deadline, record_after)))
            await asyncio.sleep(12.0 / max(clients, 1))
    await asyncio.gather(*tasks)
    level.seconds = max(1e-9, min(time.perf_counter(), deadline) - record_after)
    return level


async def warm(url: str, query: str) -> None:
    """One untimed tour and one showcase, so that every level starts with the server's caches filled (as
    after its first visitors)."""
    ws = await _connect(url)
    try:
        session = Session(ws, query)
        for page in TOUR:
            await asyncio.wait_for(session.run(page), timeout=300)
    finally:
        await ws.close()
    ws = await _connect(url)
    try:
        await asyncio.wait_for(Session(ws, "lang=th").run("showcase"), timeout=300)
    finally:
        await ws.close()


def profile_query(db_path: Path) -> str:
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        code = con.execute("SELECT code FROM municipality ORDER BY role = 'pilot' DESC, code LIMIT 1").fetchall()[0][0]
        year = con.execute("SELECT max(year) FROM activity").fetchall()[0][0]
    finally:
        con.close()
    return f"m={code}&year={year}&lang=th"


def measure(db_path: Path, work: Path, viewers: list[int], screens: list[int], seconds: float, think: float,
            scale: str, say) -> list[dict]:
    """Every level of viewers, then of screens, on one server; the figures and one line per level."""
    copy = work / "capacity.duckdb"
    shutil.copy(db_path, copy)
    out = []
    with serve(common.ROOT / "app.py", {"LCRS_DB": str(copy)}, work / "capacity.log") as server:
        query = profile_query(db_path)
        asyncio.run(warm(server.url, query))
        best = {"viewers": 0, "screens": 0}
        peak_rss = 0.0
        for kind, levels in (("viewers", viewers), ("screens", screens)):
            for n in levels:
                say(f"{kind}: {n} for {seconds:.0f} s")
                level = asyncio.run(run_level(server.url, query, n, seconds, think, kind))
                peak_rss = max(peak_rss, rss_mb(server.pid))
                line = {"name": f"capacity.{kind}.level", **level.summary(), "think_s": think if kind == "viewers"
                        else None, "server_rss_mb": round(rss_mb(server.pid), 1), "scale": scale}
                out.append({k: v for k, v in line.items() if v is not None})
                if not level.holds():
                    break
                best[kind] = n
        out.append(common.figure("capacity.viewers", best["viewers"], "sessions", VIEWERS_TARGET, scale,
                                 p95_target_s=P95_TARGET_S, think_s=think, tried=viewers))
        out.append(common.figure("capacity.screens", best["screens"], "sessions", SCREENS_TARGET, scale,
                                 p95_target_s=P95_TARGET_S, rotation_s=12, tried=screens))
        out.append(common.figure("capacity.server_rss", peak_rss, "MB", 1000.0, scale))
    return out


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.capacity", description=__doc__.splitlines()[0])
    p.add_argument("--scale", choices=["national", "demo"], default="national")
    p.add_argument("--db", type=Path, default=None)
    p.add_argument("--viewers", default="1,5,10,20,40,80")
    p.add_argument("--screens", default="5,10,20,40,80")
    p.add_argument("--seconds", type=float, default=45.0)
    p.add_argument("--think", type=float, default=10.0)
    args = p.parse_args(argv)
    ctx = common.Context(scale=args.scale, db_path=args.db)

    def say(msg: str) -> None:
        print(f"[capacity {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    db_path = common.ensure_db(ctx, log=say)
    ints = lambda s: [int(x) for x in s.split(",") if x.strip()]  # noqa: E731
    with common.scratch_dir(ctx) as work:
        for rec in measure(db_path, work, ints(args.viewers), ints(args.screens), args.seconds, args.think,
                           args.scale, say):
            print(json.dumps(rec, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
