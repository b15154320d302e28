"""Make every page go through app.py's navigation (language, sidebar, titles).

Streamlit still routes a deep link such as ``/showcase`` to ``pages/showcase.py`` by the legacy pages-folder
rule while no session of a freshly started server has called ``st.navigation`` yet; the page would then run
without app.py. Each page calls ``ensure_routed()`` first: when it was not started by app.py's router it runs
app.py (whose ``st.navigation`` takes over from then on) and stops the stray run.
"""
from __future__ import annotations

import contextlib
import runpy
import threading
from pathlib import Path

import streamlit as st

APP_PATH = Path(__file__).resolve().parent.parent / "app.py"
_state = threading.local()


@contextlib.contextmanager
def routing():
    """Mark the pages run inside this block as started by app.py's navigation."""
    _state.active = True
    try:
        yield
    finally:
        _state.active = False


def ensure_routed() -> None:
    """Run app.py instead when the app's server started this page directly (see module docstring).

    A page served as its own main script (``streamlit run pages/x.py``, or a test harness) is left alone.
    """
    if getattr(_state, "active", False):
        return
    from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

    ctx = get_script_run_ctx(suppress_warning=True)
    if ctx is None or Path(ctx.main_script_path).resolve() != APP_PATH:
        return
    runpy.run_path(str(APP_PATH), run_name="__main__")
    st.stop()
