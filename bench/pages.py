"""Render time of every page with ``streamlit.testing.v1.AppTest`` against the benchmark database.

Pages are discovered from ``app.PAGES`` (read from the source, not imported: importing app.py would run it);
a page whose file does not exist yet is skipped. "First render" is a new session opening the page with
empty ``st.cache_data`` / ``st.cache_resource`` (as right after the server starts or the data changed);
"warm rerun" is the next run of the same session (an interaction), caches filled.
"""
from __future__ import annotations

import ast
import gc
import logging
import statistics
import time
from pathlib import Path

from bench.common import ROOT, Context, env, error_figure, figure

APP = ROOT / "app.py"
FIRST_RENDER_TARGET_S = 0.5   # issue 16: AppTest first render <= 0.5 s, warm <= 0.15 s
WARM_RERUN_TARGET_S = 0.15
TIMEOUT_S = 600


def discover_pages(app: Path = APP) -> list[tuple[str, str]]:
    """(page file relative to app.py, url_path) of every page in ``PAGES`` whose file exists, in menu order."""
    tree = ast.parse(app.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PAGES" for t in node.targets):
            pages = ast.literal_eval(node.value)
            return [(path, url) for section in pages.values() for path, _title, url, _icon in section
                    if (app.parent / path).exists()]
    raise RuntimeError(f"no PAGES dict in {app}")


def quiet_streamlit() -> None:
    """Show full error details to the test (so a failing page reports its real error) and silence
    Streamlit's own logging of it."""
    from streamlit import config

    config.set_option("client.showErrorDetails", "full")
    for name in list(logging.root.manager.loggerDict):
        if name.startswith("streamlit"):
            logging.getLogger(name).setLevel(logging.CRITICAL)


def clear_caches() -> None:
    """Forget every st.cache_data / st.cache_resource entry (the cached connection included)."""
    import streamlit as st

    st.cache_data.clear()
    st.cache_resource.clear()
    gc.collect()


def page_error(at) -> str | None:
    """The first exception a run raised, as 'Type: message (file:line)', or None."""
    if not len(at.exception):
        return None
    p = at.exception[0].proto
    where = p.stack_trace[-1].splitlines()[0].strip() if p.stack_trace else ""
    return f"{p.type}: {p.message} {where}".strip()


def open_page(path: str, lang: str = "th"):
    """A new AppTest session positioned on ``path`` (not yet run)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.query_params["lang"] = lang
    if Path(path).stem != _url_of(path):
        # switch_page before the first run matches by file stem only; other pages need one run first
        at.run()
    at.switch_page(path)
    return at


_URLS: dict[str, str] = {}


def _url_of(path: str) -> str:
    if not _URLS:
        _URLS.update(dict(discover_pages()))
    return _URLS.get(path, Path(path).stem)


def time_page(path: str, runs: int) -> dict:
    """Median first-render and warm-rerun seconds of one page over ``runs`` new sessions."""
    first, warm = [], []
    for _ in range(runs):
        at = open_page(path)
        clear_caches()
        t0 = time.perf_counter()
        at.run()
        first.append(time.perf_counter() - t0)
        err = page_error(at)
        if err:
            raise PageError(err)
        t0 = time.perf_counter()
        at.run()
        warm.append(time.perf_counter() - t0)
        err = page_error(at)
        if err:
            raise PageError(f"on rerun: {err}")
    return {"first": statistics.median(first), "warm": statistics.median(warm), "runs": runs}


class PageError(Exception):
    """A page raised while rendering."""


def run(ctx: Context, db_path: Path):
    """Yield two figures per page: ``page.<url>.first_render`` and ``page.<url>.warm_rerun``."""
    quiet_streamlit()
    try:
        pages = discover_pages()
    except Exception as exc:
        yield error_figure("page.discovery", "s", FIRST_RENDER_TARGET_S, ctx.scale, exc)
        return
    with env(LCRS_DB=str(db_path)):
        try:
            for path, url in pages:
                first_name, warm_name = f"page.{url}.first_render", f"page.{url}.warm_rerun"
                try:
                    res = time_page(path, ctx.runs)
                except Exception as exc:  # a page that raises is a reported error, not a crash
                    yield error_figure(first_name, "s", FIRST_RENDER_TARGET_S, ctx.scale, exc)
                    yield error_figure(warm_name, "s", WARM_RERUN_TARGET_S, ctx.scale, exc)
                    continue
                yield figure(first_name, res["first"], "s", FIRST_RENDER_TARGET_S, ctx.scale, runs=res["runs"])
                yield figure(warm_name, res["warm"], "s", WARM_RERUN_TARGET_S, ctx.scale, runs=res["runs"])
        finally:
            clear_caches()  # release the database file for the benchmarks run in other processes
