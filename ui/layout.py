"""Page furniture shared by every page: header, demo badge, source line, shared selectors bound to the URL.

Shareable state lives in query parameters (contract): ``lang`` (th|en), ``m`` (municipality code),
``year`` (CE) and ``theme`` (low_carbon|bike_walk|resilience).
"""
from __future__ import annotations


import pandas as pd
import streamlit as st

from data.store import db
from data.queries import lookups
from ui import fmt
from ui.db import overlay_batches, public_text, q
from ui.i18n import get_lang, t
from ui.safe_text import markdown_text

THEMES = ("low_carbon", "bike_walk", "resilience")


def guard_database() -> dict:
    """Open the database or stop the page with a clear bilingual message and what to do."""
    try:
        return q(lookups.dataset_info)
    except db.DatabaseError as exc:
        st.error(f"**{public_text(exc.message_th)}**\n\n{public_text(exc.message_en)}")
        st.stop()
    except Exception as exc:  # a corrupt file can fail in many ways; never show a traceback
        name = type(exc).__name__
        st.error(f"**{t('db.unreadable', 'th', error=name)}**\n\n{t('db.unreadable', 'en', error=name)}")
        st.stop()


def header(title_key: str, source_key: str = "source.default") -> dict:
    """Title, the synthetic-data badge and the source line; returns the dataset info."""
    info = guard_database()
    st.title(t(title_key))
    if info.get("is_demo"):
        st.warning(t("demo.badge"), icon=":material/science:")
    if pending := overlay_batches():
        # the session includes its own unpublished data: said on every page, above every figure
        st.warning(t("auth.unpublished_banner", batches=", ".join(str(b) for b in pending)),
                   icon=":material/pending:")
    st.caption(f"{t('source.label')}: {t(source_key)}")
    return info


def year_page(title_key: str):
    """Header, municipalities and the shared year selector of a page that needs both; stops the page with the
    no-data message when the database has neither. Returns (municipalities, year)."""
    header(title_key)
    munis = q(lookups.municipalities)
    year = select_year(q(lookups.activity_years))
    if year is None or munis.empty:
        no_data()
        st.stop()
    return munis, year


def plain(text) -> str:
    """User data made safe for markdown/HTML display: no markup, no HTML, no live links
    (``ui.safe_text.markdown_text``)."""
    return markdown_text(text)


def muni_label(row, lang: str | None = None) -> str:
    """'name (code)' in the current language."""
    lang = lang or get_lang()
    return f"{row['name_th'] if lang == 'th' else row['name_en']} ({row['code']})"


def muni_labels(munis: pd.DataFrame, lang: str | None = None) -> dict[str, str]:
    """``muni_label`` of every row, code -> 'name (code)' (vectorised: 7,850 rows in a few ms, where a loop over
    the rows takes ~0.4 s on every rerun)."""
    lang = lang or get_lang()
    names = munis["name_th" if lang == "th" else "name_en"].astype(str)
    codes = munis["code"].astype(str)
    return dict(zip(codes.tolist(), (names + " (" + codes + ")").tolist()))


def translated(values: pd.Series, prefix: str) -> pd.Series:
    """``t(f"{prefix}.{value}")`` for every value, translating each distinct value once (a registry of 12,000
    actions would otherwise call ``t`` 36,000 times on every rerun)."""
    lookup = {v: t(f"{prefix}.{v}") for v in values.unique()}
    return values.map(lookup)


def select_year(years: list[int], key: str = "year", label_key: str = "year", sidebar: bool = True) -> int | None:
    """A year selector bound to the ``year`` query parameter (CE in the URL, พ.ศ. on screen in Thai)."""
    if not years:
        return None
    years = sorted(int(y) for y in years)
    box = st.sidebar if sidebar else st
    value = box.selectbox(t(label_key), years, key=key, bind="query-params",
                          index=_initial_index(key, years, int, default=years[-1]),
                          format_func=lambda y: fmt.year_label(y, get_lang()))
    return _remember(key, value)


def select_municipality(munis: pd.DataFrame, key: str = "m", sidebar: bool = True,
                        allow_none: bool = True) -> str | None:
    """A municipality selector bound to the ``m`` query parameter; None when nothing is chosen."""
    codes = munis["code"].tolist()
    labels = muni_labels(munis)
    box = st.sidebar if sidebar else st
    value = box.selectbox(t("municipality"), codes, key=key, bind="query-params",
                          index=_initial_index(key, codes, str, default=None if allow_none else codes[0]),
                          placeholder=t("select.municipality"), format_func=lambda c: labels.get(c, c))
    return _remember(key, value)


def select_theme(key: str = "theme", sidebar: bool = True) -> str:
    """A theme selector bound to the ``theme`` query parameter."""
    box = st.sidebar if sidebar else st
    value = box.selectbox(t("theme.label"), list(THEMES), key=key, bind="query-params",
                          index=_initial_index(key, list(THEMES), str, default=THEMES[0]),
                          format_func=lambda th: t(f"theme.{th}"))
    return _remember(key, value)


def _initial_index(key: str, options: list, cast, default) -> int | None:
    """Which option a shared selector starts on: the URL value if valid, else the choice remembered from
    another page (widgets are per page, the choice is per session), else ``default``."""
    wanted = None
    raw = st.query_params.get(key)
    if raw is not None:
        try:
            wanted = cast(raw)
        except (TypeError, ValueError):
            wanted = None
        if wanted not in options:
            del st.query_params[key]
            wanted = None
    if wanted is None:
        wanted = st.session_state.get(f"_chosen_{key}")
    if wanted not in options:
        wanted = default
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
    return None if wanted is None else options.index(wanted)


def _remember(key: str, value):
    st.session_state[f"_chosen_{key}"] = value
    return value


def kpi(col, label: str, value: str, delta: str | None = None, help_text: str | None = None,
        delta_color: str = "normal") -> None:
    """One KPI tile."""
    col.metric(label, value, delta=delta, help=help_text, delta_color=delta_color)


def no_data() -> None:
    """The standard message for an empty selection."""
    st.info(t("no_data"), icon=":material/info:")
