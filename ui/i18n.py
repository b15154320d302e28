"""Translations: one ``t(key)`` catalogue for every label, Thai first, English by toggle.

Strings live in ``ui/strings_*.py`` modules, each defining ``STRINGS = {key: (thai, english)}``; they are
merged here so that a page's strings sit beside the other strings of its capability. Keys must be unique.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import lru_cache
from pathlib import Path

LANGS = ("th", "en")
DEFAULT_LANG = "th"

# Outside a Streamlit script run (CLI, reports, tests) the language is this process-wide value.
# the language outside a Streamlit script run (CLI, reports, tests); inside a run the session's own value rules
_current = {"lang": DEFAULT_LANG}


@lru_cache(maxsize=1)
def catalogue() -> dict[str, tuple[str, str]]:
    """All strings from every ``ui/strings_*.py`` module; raises on a duplicate key."""
    merged: dict[str, tuple[str, str]] = {}
    pkg_dir = Path(__file__).parent
    for info in sorted(pkgutil.iter_modules([str(pkg_dir)]), key=lambda i: i.name):
        if not info.name.startswith("strings_"):
            continue
        module = importlib.import_module(f"ui.{info.name}")
        for key, pair in module.STRINGS.items():
            if key in merged:
                raise KeyError(f"duplicate translation key {key!r} in ui/{info.name}.py")
            merged[key] = pair
    return merged


def set_lang(lang: str) -> None:
    """Set the language used by ``t()`` outside a script run (inside one, ``st.session_state["lang"]`` rules)."""
    lang = lang if lang in LANGS else DEFAULT_LANG
    _current["lang"] = lang


def get_lang() -> str:
    """The language of this script run: 'th' or 'en'.

    Inside a Streamlit script run it is the session's own ``st.session_state["lang"]`` (set by app.py):
    sessions render in parallel threads, so a process-wide value would let one user's language switch leak
    into another user's page mid-render. Outside a script run it is the last value given to ``set_lang``.
    """
    lang = _session_lang()
    return lang if lang in LANGS else _current["lang"]


def _session_lang() -> str | None:
    try:
        from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

        ctx = get_script_run_ctx(suppress_warning=True)
        if ctx is None:
            return None
        return ctx.session_state["lang"] if "lang" in ctx.session_state else None
    except Exception:  # no Streamlit runtime at all
        return None


def t(key: str, lang: str | None = None, **fmt) -> str:
    """The label for ``key`` in the current language, formatted with ``fmt``; the key itself if unknown."""
    pair = catalogue().get(key)
    if pair is None:
        return key
    text = pair[0] if (lang or get_lang()) == "th" else pair[1]
    return text.format(**fmt) if fmt else text
