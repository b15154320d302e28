"""The view in the address bar: every choice that matters is a query parameter holding a code, so a copied link
reopens the same view (contract: ``lang`` th|en, ``m`` municipality code, ``year`` CE, ``theme``; plus page
parameters such as ``tab``).

Streamlit's own ``bind="query-params"`` writes a widget's *display label* to the address (``m=เทศบาล… (1401101)``,
``year=พ.ศ. 2567``, ``lang=English``) and forbids changing a bound parameter from code, so links broke when the
language changed and a stale value crashed the page. Here the address is kept by hand instead:

- on each run the value comes from the address when it is valid, else from the choice remembered in this session
  (widgets belong to one page, the municipality and year follow the user across pages), else a default;
  an invalid value is replaced by that fallback with a short notice, never an error;
- the widget is given that value through ``st.session_state`` before it is drawn;
- a change in the widget writes the code back to the address in its ``on_change`` callback (callbacks run before
  the script, so the next run already reads the new address).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from ui.i18n import get_lang, t

_MISSING = object()
NOTICE_KEY = "_url_notices"
PENDING_KEY = "_url_pending"


def widget_key(param: str) -> str:
    """Session-state key of the widget that shows ``param`` (never the parameter name itself). It includes the
    language: a select box keeps showing the label it was given, so after a language switch it must be a new
    widget to show the new language's labels."""
    return "w_lang" if param == "lang" else f"w_{param}.{get_lang()}"


def _remember_key(param: str) -> str:
    return f"_chosen_{param}"


def resolve(param: str, options: Sequence, *, parse: Callable[[str], Any] = str, default=None,
            remember: bool = True, multi: bool = False):
    """The value of ``param`` for this run: the address's (when valid), else the remembered choice, else
    ``default``. An invalid address value adds a notice (see ``show_notices``) and is dropped."""
    pending = st.session_state.get(PENDING_KEY, {})
    raw = pending[param] if param in pending else st.query_params.get(param)
    if raw is not None and raw != "":
        value = _parse(raw, options, parse, multi)
        if value is not _MISSING:
            return value
        _notice(param, raw)
    if remember:
        kept = st.session_state.get(_remember_key(param), _MISSING)
        if kept is not _MISSING and _valid(kept, options, multi):
            return kept
    return default


def _parse(raw: str, options: Sequence, parse, multi: bool):
    try:
        value = [parse(x) for x in raw.split(",") if x != ""] if multi else parse(raw)
    except (TypeError, ValueError):
        return _MISSING
    return value if _valid(value, options, multi) else _MISSING


def _valid(value, options: Sequence, multi: bool) -> bool:
    if multi:
        return isinstance(value, list) and all(v in options for v in value)
    return value in options


def _notice(param: str, raw: str) -> None:
    shown = raw if len(raw) <= 40 else raw[:40] + "…"
    st.session_state.setdefault(NOTICE_KEY, []).append(t("url.invalid", param=param, value=shown))


def show_notices() -> None:
    """Show (once) the notices about address values that were replaced by a default."""
    for text in st.session_state.pop(NOTICE_KEY, []):
        st.warning(text, icon=":material/link_off:")


def serialise(value, multi: bool = False) -> str | None:
    """A value as written in the address (codes; lists comma-separated); None means no parameter."""
    if value is None:
        return None
    if multi:
        return ",".join(str(v) for v in value) or None
    return str(value)


def write(param: str, value, multi: bool = False) -> None:
    """Put ``value`` in the address (or take the parameter out for None) when the run ends (``flush``)."""
    st.session_state.setdefault(PENDING_KEY, {})[param] = serialise(value, multi)


def flush() -> None:
    """Write this run's changes to the address in one step. Each change of the address is one browser-history
    entry, so Back undoes one choice (several writes in a run would make Back step through half-made views)."""
    pending = st.session_state.pop(PENDING_KEY, {})
    current = {k: st.query_params.get(k) for k in st.query_params}
    wanted = {**current, **pending}
    wanted = {k: v for k, v in wanted.items() if v is not None}
    if wanted != current:
        st.query_params.from_dict(wanted)


def link_params(params: Sequence[str]) -> dict[str, str]:
    """The remembered choices among ``params`` as query parameters for a link to another page."""
    out = {}
    for param in params:
        value = st.session_state.get(_remember_key(param))
        if value is not None:
            out[param] = serialise(value)
    return out


def prepare(param: str, value, *, remember: bool = True, multi: bool = False) -> str:
    """Give the widget of ``param`` its value before it is drawn, write the address and remember the choice;
    returns the widget key."""
    key = widget_key(param)
    # assigned on every run, even when equal: a widget met for the first time on a page (same key, new page)
    # would otherwise show its first option while the server holds this value
    st.session_state[key] = list(value) if multi else value
    write(param, value, multi)
    if remember:
        st.session_state[_remember_key(param)] = value
    return key


def on_change(param: str, *, remember: bool = True, multi: bool = False,
              to_value: Callable[[Any], Any] | None = None) -> Callable[[], None]:
    """A widget callback writing the widget's new value to the address (and the remembered choice)."""
    def _store() -> None:
        value = st.session_state.get(widget_key(param))
        if to_value is not None:
            value = to_value(value)
        write(param, value, multi)
        if remember:
            st.session_state[_remember_key(param)] = value
    return _store


def tabs(param: str, codes: Sequence[str], label_keys: Sequence[str]):
    """``st.tabs`` whose open tab is the ``param`` code in the address (tab labels are translated, so the address
    holds the code and the widget the label)."""
    labels = [t(k) for k in label_keys]
    code = resolve(param, list(codes), default=codes[0], remember=False)
    key = widget_key(param)
    label = labels[list(codes).index(code)]
    st.session_state[key] = label
    write(param, code)
    by_label = dict(zip(labels, codes))
    return st.tabs(labels, key=key, on_change=on_change(param, remember=False, to_value=by_label.get))


def stop() -> None:
    """``st.stop()`` after writing this run's address changes (once a stop is requested nothing more reaches the
    browser, so app.py's closing ``flush`` would come too late)."""
    flush()
    st.stop()


def widget(draw: Callable, param: str, label: str, options: Sequence, *, default, remember: bool = False,
           multi: bool = False, parse: Callable[[str], Any] = str, **kwargs):
    """Draw ``draw`` (``st.selectbox``, ``st.radio``, ``st.multiselect``, or the same on a container) for the
    address parameter ``param`` and return its value (see the module docstring)."""
    options = list(options)
    value = resolve(param, options, parse=parse, default=default, remember=remember, multi=multi)
    key = prepare(param, value, remember=remember, multi=multi)
    draw(label, options, key=key, on_change=on_change(param, remember=remember, multi=multi), **kwargs)
    show_notices()
    return value


def switch_page(page: str, params: dict[str, str]) -> None:
    """Open another page at exactly ``params`` (this page's unwritten changes are dropped, not carried over)."""
    st.session_state.pop(PENDING_KEY, None)
    st.switch_page(page, query_params=params)
