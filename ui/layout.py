"""Page furniture shared by every page: header, demo badge, source line, shared selectors bound to the URL.

Shareable state lives in query parameters (contract): ``lang`` (th|en), ``m`` (municipality code),
``year`` (CE) and ``theme`` (low_carbon|bike_walk|resilience).
"""
from __future__ import annotations

import threading

import pandas as pd
import streamlit as st

from data.queries import lookups
from data.store import dataset, db
from ui import fmt, url_state
from ui.db import overlay_batches, public_text, q
from ui.i18n import get_lang, t
from indicators.catalogue import THEMES
from indicators.thai_year import to_ce
from ui.safe_text import markdown_text

_slot = threading.local()


def set_filter_box(box) -> None:
    """Where this run's shared selectors go (app.py puts a box at the top of the sidebar)."""
    _slot.box = box


def filter_box():
    """The sidebar box of the shared selectors, for a page's own secondary choices (out of a phone's first
    screen)."""
    return _filter_box(True)


def _filter_box(sidebar: bool):
    if not sidebar:
        return st
    return getattr(_slot, "box", None) or st.sidebar


def guard_database() -> dict:
    """Open the database or stop the page with a clear bilingual message and what to do."""
    try:
        return q(dataset.dataset_info)
    except db.DatabaseError as exc:
        st.error(f"**{public_text(exc.message_th)}**\n\n{public_text(exc.message_en)}")
        url_state.stop()
    except Exception as exc:  # a corrupt file can fail in many ways; never show a traceback
        name = type(exc).__name__
        st.error(f"**{t('db.unreadable', 'th', error=name)}**\n\n{t('db.unreadable', 'en', error=name)}")
        url_state.stop()


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
        url_state.stop()
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
    """The year selector; the address holds the CE year (``year=2024``), the screen พ.ศ. in Thai."""
    if not years:
        return None
    years = sorted(int(y) for y in years)
    value = url_state.resolve(key, years, parse=_year_ce, default=years[-1])
    wkey = url_state.prepare(key, value)
    box = _filter_box(sidebar)
    box.selectbox(t(label_key), years, key=wkey, on_change=url_state.on_change(key),
                  format_func=lambda y: fmt.year_label(y, get_lang()))
    url_state.show_notices()
    return value


def _year_ce(text: str) -> int:
    """A year from the address: CE, or พ.ศ. (>= 2400) turned into CE."""
    return to_ce(int(text))


def select_municipality(munis: pd.DataFrame, key: str = "m", sidebar: bool = True,
                        allow_none: bool = True) -> str | None:
    """The municipality selector; the address holds its code (``m=1401101``); None when nothing is chosen."""
    codes = munis["code"].astype(str).tolist()
    labels = muni_labels(munis)
    value = url_state.resolve(key, codes, default=None if allow_none else codes[0])
    wkey = url_state.prepare(key, value)
    box = _filter_box(sidebar)
    box.selectbox(t("municipality"), codes, key=wkey, index=None, on_change=url_state.on_change(key),
                  placeholder=t("select.municipality"), format_func=lambda c: labels.get(c, c))
    url_state.show_notices()
    return value


def select_theme(key: str = "theme", sidebar: bool = True) -> str:
    """The theme selector; the address holds its code (``theme=bike_walk``)."""
    value = url_state.resolve(key, list(THEMES), default=THEMES[0])
    wkey = url_state.prepare(key, value)
    box = _filter_box(sidebar)
    box.selectbox(t("theme.label"), list(THEMES), key=wkey, on_change=url_state.on_change(key),
                  format_func=lambda th: t(f"theme.{th}"))
    url_state.show_notices()
    return value


def uploader_in_language() -> None:
    """Streamlit's file drop zones carry English words of their own ("Upload", "50MB per file • CSV"): show the
    page language's words in their place."""
    drop, browse = (t("upload.drop").replace('"', "'"), t("upload.browse").replace('"', "'"))
    zone = "[data-testid='stFileUploaderDropzone']"
    st.html(f"<style>{zone} [data-testid='stFileUploaderDropzoneInstructions'] span{{font-size:0}}"
            f"{zone} [data-testid='stFileUploaderDropzoneInstructions'] span::after{{content:\"{drop}\";"
            f"font-size:.875rem}}{zone} button p{{font-size:0}}"
            f"{zone} button p::after{{content:\"{browse}\";font-size:.875rem}}</style>")


def chart_title(text: str, help_key: str | None = None, box=None) -> None:
    """A chart's title above it, with the glossary's explanation as its help (figures carry no title of their
    own, so the title reads the same in every chart and can say what its terms mean)."""
    (box or st).markdown(f"**{plain(text)}**", help=t(help_key) if help_key else None)


def chart(figure, key: str, box=None) -> None:
    """Draw a ``ui.charts.Chart`` in ``box`` (the page by default): its title as page text above it
    (``chart_title``), then the ECharts chart at its height."""
    if figure.title:
        chart_title(figure.title, box=box)
    (box or st).echarts_chart(figure.option, height=figure.height, key=key)


def kpi(col, label: str, value: str, delta: str | None = None, help_text: str | None = None,
        delta_color: str = "normal") -> None:
    """One KPI tile."""
    col.metric(label, value, delta=delta, help=help_text, delta_color=delta_color)


def no_data(to_data: bool | None = None, key: str = "no_data") -> None:
    """The standard message for an empty selection (``key``: a more precise one); when the database holds
    nothing to show (no municipalities or no activity years; ``to_data`` True says so for the page's own table)
    it points to the data page, where data is imported."""
    st.info(t(key), icon=":material/info:")
    if to_data is None:
        to_data = q(lookups.municipalities).empty or not q(lookups.activity_years)
    if to_data:
        lang = get_lang()
        try:
            st.page_link("pages/data_admin.py", label=t("data.go_to_data"), icon=":material/upload_file:",
                         query_params={"lang": lang})
        except st.errors.StreamlitAPIException:   # a page run on its own, outside the app's menu
            st.markdown(f"[{t('data.go_to_data')}](/data?lang={lang})")
