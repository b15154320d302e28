"""Showcase: the town-hall wall screen. Read-only, rotates on a timer, legible from three metres on a 1080p or
4K TV (ui/kiosk.py has the layout, ui/kiosk_slides.py makes the slides from data).

Query options: ``region`` (code or name), ``province`` (DOPA code or name), ``m`` (one municipality's own
screen), ``seconds`` (per slide, default 15), ``theme=dark`` (or light), ``lang``. Streamlit's own chrome is
hidden by supported means: app.py gives this page ``st.navigation(position="hidden")`` (no menu, no sidebar),
and the kiosk URL adds ``embed=true`` (no toolbar or header); see README.

The rotating fragment looks up the data version on every tick, so a new import shows up at the next slide
change without a reload. What does not change between data versions — the slide list and each finished slide
(HTML, sparkline, the region map's deck JSON with its thousands of points, the QR code) — is made once per data
version, language and theme and kept for every screen (``st.cache_resource``); a tick only draws it.
"""
from __future__ import annotations

import streamlit as st

from data.figures import inventories, scores
from data.queries import indicator_rows, lookups
from data.write import batches
from geo import layers
from ui import fmt, kiosk, layout
from ui import kiosk_slides as ks
from ui.db import cache_key, q
from ui.i18n import get_lang, t
from ui.router import ensure_routed
from ui.share_panel import public_base

ensure_routed()

DEFAULT_SECONDS = 15
MIN_SECONDS = 2


def _param(name: str) -> str | None:
    value = st.query_params.get(name)
    return value.strip() if isinstance(value, str) and value.strip() else None


def _seconds() -> int:
    try:
        return max(MIN_SECONDS, min(600, int(_param("seconds") or DEFAULT_SECONDS)))
    except ValueError:
        return DEFAULT_SECONDS


lang = get_lang()
theme = "dark" if _param("theme") == "dark" else "light"
OPTS = (_param("region"), _param("province"), _param("m"))
SECONDS = _seconds()
layout.guard_database()
st.html(kiosk.css(theme))


# one data version at a time (plus the one before, while sessions move over)
@st.cache_resource(show_spinner=False, max_entries=2)
def _frames(key: tuple):
    """The frames every slide reads, for the data version ``key``."""
    return (q(lookups.municipalities), q(lookups.activity_years), q(inventories.network_summary),
            q(scores.network_wma), q(indicator_rows.actions), q(batches.list_batches))


@st.cache_resource(show_spinner=False, max_entries=32)
def _plan(key: tuple, opts: tuple) -> ks.Plan:
    munis, years, figures, wma, acts, history = _frames(key)
    return ks.plan(munis, years, figures, wma, acts, ks.Options(*opts), history)


@st.cache_resource(show_spinner=False, max_entries=192)
def _slide(key: tuple, opts: tuple, lang: str, theme: str, base: str, kind: str, code: str | None) -> ks.Slide:
    munis, _years, figures, wma, acts, _history = _frames(key)
    year = _plan(key, opts).year
    return ks.make_slide(kind, code, munis, figures, wma, acts, year, ks.Options(*opts), lang, theme, base)


@st.fragment(run_every=SECONDS)
def rotate() -> None:
    """One slide per tick: the data version is read on every tick (a new import is seen at once); the slides
    of that version are made once and then only drawn."""
    info = layout.guard_database()
    key = cache_key()
    plan = _plan(key, OPTS)
    with st.container(key="kiosk"):
        if plan.year is None:
            st.html(f"<div class='k'><h1>{kiosk.esc(t('no_data', lang))}</h1></div>")
            return
        if not plan.slides:
            st.html(f"<div class='k'><h1>{kiosk.esc(t('kiosk.empty_scope', lang))}</h1></div>")
            return
        i = (st.session_state.get("kiosk_slide", -1) + 1) % len(plan.slides)
        st.session_state["kiosk_slide"] = i
        kind, code = plan.slides[i]
        slide = _slide(key, OPTS, lang, theme, public_base(), kind, code)
        updated = plan.updated if plan.updated is not None else info.get("built_at")
        # the same elements in the same order on every slide (corner QR, footer, sparkline box, then the
        # slide), so that Streamlit replaces them in place instead of showing the last slide's parts mid-change
        with st.container(key="kiosk_qr"):
            st.image(slide.qr)
            st.html(kiosk.qr_caption(lang))
        st.html(kiosk.footer_html(lang, bool(info.get("is_demo")), i, len(plan.slides),
                                  t("kiosk.updated", lang, when=fmt.datetime_label(updated, lang, short=True)),
                                  t("source.default", lang)))
        spark = st.container(key="kiosk_spark").empty()  # the headline's trend sparkline, empty otherwise
        if slide.spark:
            spark.image(slide.spark)
        st.html(slide.html)
        if slide.deck is not None:
            left, right = st.columns([2.1, 1], gap="large")
            # CSS pixels: 700 is 65 % of a 1080p screen, and of a 4K TV at its usual 200 % scale; a screen with
            # more CSS pixels (a 4K TV at 100 %) zooms the map box (ui/kiosk.py's style sheet)
            with left, st.container(key="kiosk_mapbox"):
                st.pydeck_chart(layers.SpecDeck(slide.deck, tooltip=False), height=700, key="kiosk_map")
            with right:
                st.html(slide.side)


rotate()
