"""Sharing on the profile: the share card (preview and PNG download), the public address links point to, and
the calendar / fiscal-year switch (query parameter ``period``)."""
from __future__ import annotations

import io
import os
from urllib.parse import urlsplit

import streamlit as st

import reports
from indicators.fiscal import PERIODS
from ui.db import cache_key, reader
from ui.i18n import t


def public_base() -> str:
    """Where phones should open links: $LCRS_PUBLIC_URL, else the address this page was opened with (without
    the page's own path), else http://localhost:8501."""
    base = os.environ.get("LCRS_PUBLIC_URL", "").strip()
    if base:
        return base.rstrip("/")
    parts = urlsplit(st.context.url or "")
    if not parts.netloc:
        return "http://localhost:8501"
    path = parts.path.rstrip("/")
    path = path.rsplit("/", 1)[0] if "/" in path.strip("/") or path.count("/") == 1 else path
    return f"{parts.scheme}://{parts.netloc}{path}"


@st.cache_data(show_spinner=False, max_entries=64)
def _card(key: tuple, code: str, year: int, lang: str, base: str) -> bytes:
    with reader() as cur:
        return reports.build_card(cur, code, year, lang, base_url=base)


PREVIEW_PX = 600


@st.cache_data(show_spinner=False, max_entries=64)
def _preview(png: bytes) -> bytes:
    """The card at ``PREVIEW_PX`` wide as a JPEG (quality 90), made once: what ``st.image(png, width=600)``
    made from the PNG on every run of the profile (bilinear resize, JPEG for an image without transparency)."""
    from PIL import Image

    img = Image.open(io.BytesIO(png))
    if img.width > PREVIEW_PX:
        img = img.resize((PREVIEW_PX, int(1.0 * img.height * PREVIEW_PX / img.width)), resample=Image.BILINEAR)
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="JPEG", quality=90)
    return buf.getvalue()


def share_card(code: str, year: int, lang: str) -> None:
    """The card of a municipality-year: a preview and the PNG download (made from the data, cached until the
    data change)."""
    st.markdown(f"**{t('card.download')}**")
    st.caption(t("card.help"))
    png = _card(cache_key(), code, int(year), lang, public_base())
    st.image(_preview(png), width=PREVIEW_PX)
    st.download_button(t("card.download"), png, file_name=f"lcrs_card_{code}_{year}_{lang}.png", mime="image/png",
                       key="dl_card", icon=":material/share:")


def period_switch() -> str:
    """Calendar year (default, as TGO's CFO form) or fiscal year (ปีงบประมาณ), bound to ``?period=``."""
    wanted = st.query_params.get("period")
    default = wanted if wanted in PERIODS else st.session_state.get("_chosen_period", "calendar")
    value = st.segmented_control(t("period.label"), list(PERIODS), key="period", bind="query-params",
                                 default=default, format_func=lambda p: t(f"period.{p}"), required=True)
    st.session_state["_chosen_period"] = value
    return value or "calendar"
