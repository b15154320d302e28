"""Showcase: the town-hall wall screen. Read-only, rotates on a timer, legible from three metres on a 1080p or
4K TV (ui/kiosk.py has the layout).

Query options: ``region`` (code or name), ``province`` (DOPA code or name), ``m`` (one municipality's own
screen), ``seconds`` (per slide, default 15), ``theme=dark`` (or light), ``lang``. Streamlit's own chrome is
hidden by supported means: app.py gives this page ``st.navigation(position="hidden")`` (no menu, no sidebar),
and the kiosk URL adds ``embed=true`` (no toolbar or header); see README.

Everything the slides show is read and computed inside the rotating fragment, so a new import shows up at
the next slide change without a reload (reads are cached until the data version changes).
"""
from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
import streamlit as st

from data.figures import inventories, scores
from data.queries import indicator_rows, lookups
from data.write import batches
from geo import layers
from geo.points import municipality_points
from indicators import network, showcase
from ui import fmt, kiosk, layout, verdicts
from ui.share_panel import public_base
from ui.db import q
from ui.i18n import get_lang, t
from ui.router import ensure_routed

ensure_routed()

DEFAULT_SECONDS = 15
MIN_SECONDS = 2
MAX_FEATURED = 6


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
opts = {"region": _param("region"), "province": _param("province"), "m": _param("m")}
SECONDS = _seconds()
layout.guard_database()
st.html(kiosk.css(theme))


def view_url(code: str | None = None) -> str:
    """This screen's own URL with its options (pinned to one municipality for a story slide)."""
    params = {k: v for k, v in {**opts, "seconds": None, "lang": lang,
                                "theme": "dark" if theme == "dark" else None}.items() if v}
    if code:
        params["m"] = code
    return f"{public_base()}/showcase?{urlencode(params)}"


def _data_time(info: dict) -> str:
    hist = q(batches.list_batches)
    when = None
    if hist is not None and len(hist):
        live = hist[hist["rolled_back_at"].isna()] if "rolled_back_at" in hist else hist
        if len(live):
            when = live["imported_at"].max()
    when = when if when is not None and not fmt.is_missing(when) else info.get("built_at")
    return t("kiosk.updated", lang, when=fmt.datetime_label(when, lang, short=True))


def _scope_name(scope: pd.DataFrame) -> str:
    col = "_th" if lang == "th" else "_en"
    if opts["province"] and len(scope):
        return str(scope["province" + col].iloc[0])
    if opts["region"] and len(scope):
        return str(scope["region" + col].iloc[0])
    return t("kiosk.network", lang)


def _name(row) -> str:
    return str(row["name_th"] if lang == "th" else row["name_en"])


def build_slides(munis: pd.DataFrame, figures: pd.DataFrame, wma: pd.DataFrame, acts: pd.DataFrame,
                 year: int) -> tuple[list[tuple[str, str | None]], pd.DataFrame]:
    """The slide list for this screen: (kind, municipality code) pairs, and the municipalities in scope."""
    scope = showcase.in_scope(munis, opts["region"], opts["province"], opts["m"])
    if opts["m"]:
        return ([("story", opts["m"]), ("map", opts["m"]), ("ranking", None)] if len(scope) else []), scope
    stories = showcase.stories(figures, wma, acts, munis, year)
    featured = showcase.featured_codes(stories, scope, MAX_FEATURED)
    slides: list[tuple[str, str | None]] = [("headline", None), ("ranking", None)]
    for code in featured:
        slides += [("story", code), ("map", code)]
    return slides, scope


def draw_headline(scope, figures, acts, year, spark) -> None:
    trend = showcase.network_trend(figures, scope["code"], year)
    change = showcase.trend_change_pct(trend)
    if change is None:
        change_text, caption, values = "—", t("kiosk.no_trend", lang), []
    else:
        sign = "−" if change < 0 else "+"
        change_text = f"{sign}{abs(change):.1f}%" if lang == "th" else f"{sign}{abs(change):.1f} %"
        caption = (t("kiosk.trend", lang, n=fmt.num(trend["laos"].iloc[-1])) + " · "
                   + t("kiosk.trend_change", lang, change=fmt.pct_doc(change, lang, 1, signed=True),
                       since=fmt.year_label(trend["year"].iloc[0], lang)))
        values = trend["cfo_total"].tolist()
    kpis = network.network_kpis(figures[figures["code"].isin(scope["code"])], None,
                                acts[acts["municipality_code"].isin(scope["code"])] if len(acts) else acts,
                                scope, year)
    delivered = showcase.delivered_actions(acts[acts["municipality_code"].isin(scope["code"])]
                                           if len(acts) else acts, year)
    tiles = [(fmt.num(kpis["laos"]), t("kiosk.laos", lang)),
             (fmt.num(kpis["award_count"]), t("kiosk.award", lang)),
             (fmt.num(delivered), t("kiosk.actions", lang)),
             (fmt.num(kpis["bike_km"], 0), t("kiosk.bike", lang))]
    st.html(kiosk.headline_html(f"{_scope_name(scope)} · {fmt.year_label(year, lang)}", tiles, change_text, caption))
    svg = kiosk.sparkline_svg(values, kiosk.THEMES[theme]["good"])
    if svg:
        spark.image(svg)
    else:
        spark.empty()


def draw_ranking(scope, figures, wma, year, scope_name: str | None) -> None:
    top = showcase.ranking(figures, scope, year, wma, n=6)
    rows = [{"name": _name(r), "pct": float(r["reduction_pct"]), "award": r["award_eligible"] == True}  # noqa: E712
            for _, r in top.iterrows()]
    title = t("kiosk.ranking", lang) + (f" · {scope_name}" if scope_name else "")
    st.html(kiosk.ranking_html(title,
                               t("kiosk.ranking_rule", lang, year=fmt.year_label(year, lang)), rows,
                               t("kiosk.ranking_none", lang), lang))


def draw_story(code, munis, figures, wma, acts, year) -> None:
    row = munis[munis["code"] == code].iloc[0]
    place = " · ".join(str(x) for x in ([row["province_th"], row["region_th"]] if lang == "th"
                                        else [row["province_en"], row["region_en"]]))
    fig = figures[(figures["code"] == code) & (figures["year"] == year)]
    comparable = code in set(showcase.rankable(figures, year, wma)["code"])
    pct = None if fig.empty or pd.isna(fig["reduction_pct"].iloc[0]) else float(fig["reduction_pct"].iloc[0])
    base_year = None if fig.empty or pd.isna(fig["base_year"].iloc[0]) else int(fig["base_year"].iloc[0])
    award = None
    if pct is None:
        headline, cls, sub = "—", "big", t("kiosk.no_reduction", lang)
    elif not comparable:
        headline, cls, sub = "—", "big", t("kiosk.not_comparable", lang)
    else:
        headline = (f"−{pct:.1f}%" if pct >= 0 else f"+{-pct:.1f}%") if lang == "th" else \
            (f"−{pct:.1f} %" if pct >= 0 else f"+{-pct:.1f} %")
        cls = "huge good" if pct >= 0 else "huge bad"
        sub = t("kiosk.cut_since" if pct >= 0 else "kiosk.rise_since", lang, base=fmt.year_label(base_year, lang))
        eligible = fig["award_eligible"].iloc[0]
        award = t("kiosk.award_yes" if eligible == True else "kiosk.award_no", lang)  # noqa: E712
    drivers = showcase.scope_drivers(figures, code, year, base_year) if comparable else []
    why = [t("kiosk.why_scope", lang, scope=t(f"kiosk.scope{d['scope']}", lang),
             change=("−" if d["change"] < 0 else "+") + fmt.num(abs(d["change"]), 0)) for d in drivers]
    row_fig = fig.iloc[0].to_dict() if len(fig) else {}
    if comparable:
        # what the municipality did vs what the grid factor did (like-for-like split from the data layer)
        split = verdicts.split_text(row_fig.get("activity_effect_pct"), row_fig.get("factor_effect_pct"), lang)
        why = ([split] if split else []) + why[:2]
    else:
        reasons = verdicts.row_reasons(row_fig, lang) if row_fig and pct is not None else []
        why = reasons[:3] or [t("kiosk.no_reduction", lang) if pct is None else t("kiosk.not_comparable", lang)]
    act = showcase.best_action(acts, code, year)
    if act:
        title = act["title_th"] if lang == "th" else act["title_en"]
        action_lines = [title, t("kiosk.action_result", lang, t=fmt.num(act["achieved_tco2e"], 0)),
                        f"{t('asi.' + str(act['asi']), lang)} · {fmt.year_label(act['start_year'], lang)}"]
    else:
        action_lines = [t("kiosk.no_action", lang)]
    matrix = kiosk.matrix_html(showcase.wma_matrix(wma, code, year), lang, theme)
    st.html(kiosk.story_html(_name(row), place, headline, cls, sub, award,
                             t("kiosk.why" if (pct or 0) >= 0 else "kiosk.why_rise", lang), why,
                             t("kiosk.action", lang), action_lines, matrix,
                             f"{t('kiosk.matrix', lang)} ({fmt.year_label(year, lang)})"))


def draw_map(code, munis, figures, wma, year) -> None:
    row = munis[munis["code"] == code].iloc[0]
    region = munis[munis["region_code"] == row["region_code"]]
    ranked = showcase.rankable(figures, year, wma)[["code", "reduction_pct"]]
    frame = municipality_points(region.merge(ranked, on="code", how="left"))
    label_col = "name_th" if lang == "th" else "name_en"
    values = frame["reduction_pct"].dropna()
    stops = layers.legend_stops(values, n=5, fmt=lambda v: f"{v:.0f}") if len(values) else []
    points = layers.municipality_layer(frame, "reduction_pct", kind="scatter", lang=lang, label_col=label_col,
                                       min_radius_m=4_000, max_radius_m=16_000, opacity=240)
    me = frame[frame["code"] == code]
    ring = layers.pdk.Layer("ScatterplotLayer", data=[{"lon": float(me["lon"].iloc[0]), "lat": float(me["lat"].iloc[0])}]
                            if len(me) and pd.notna(me["lon"].iloc[0]) else [], id="featured",
                            get_position="[lon, lat]", get_radius=22_000, filled=False, stroked=True,
                            get_line_color=[213, 94, 0], line_width_min_pixels=6)
    # the map box is ~1230 x 730 CSS px on a 1920 x 1080 screen (a 4K TV at 200 % shows the same CSS pixels)
    view = layers.fit_view(frame["lon"], frame["lat"], width_px=1100, height_px=600, max_zoom=9)
    deck = layers.make_deck([layers.province_layer(lang=lang, opacity=255), points, ring], view=view, tooltip=False)
    region_name = row["region_th"] if lang == "th" else row["region_en"]
    st.html(f"<div class='k'><h1>{kiosk.esc(t('kiosk.map', lang, region=region_name))}</h1></div>")
    left, right = st.columns([2.1, 1], gap="large")
    with left:
        # CSS pixels: 700 is 65 % of a 1080p screen, and of a 4K TV at its usual 200 % scale
        st.pydeck_chart(deck, height=700, key="kiosk_map")
    with right:
        legend = kiosk.legend_html(stops, lang, layers.MISSING_RGB)
        featured = (f"<div class='txt' style='margin-top:3vh'><span class='sw' style='border:0.6vh solid #D55E00;"
                    f"border-radius:50%;display:inline-block;width:3vh;height:3vh;margin-right:1vw'></span>"
                    f"{kiosk.esc(_name(row))} ({kiosk.esc(t('kiosk.featured', lang))})</div>")
        st.html(f"<div class='k' style='margin-top:14vh'>{legend}{featured}</div>")


@st.fragment(run_every=SECONDS)
def rotate() -> None:
    """One slide per run: reads (cached per data version) and figures are computed here, so each tick sees
    the latest import."""
    info = layout.guard_database()
    munis = q(lookups.municipalities)
    years = q(lookups.activity_years)
    with st.container(key="kiosk"):
        if munis.empty or not years:
            st.html(f"<div class='k'><h1>{kiosk.esc(t('no_data', lang))}</h1></div>")
            return
        year = max(years)
        figures = q(inventories.network_summary)
        wma = q(scores.network_wma)
        acts = q(indicator_rows.actions)
        slides, scope = build_slides(munis, figures, wma, acts, year)
        if not slides:
            st.html(f"<div class='k'><h1>{kiosk.esc(t('kiosk.empty_scope', lang))}</h1></div>")
            return
        i = (st.session_state.get("kiosk_slide", -1) + 1) % len(slides)
        st.session_state["kiosk_slide"] = i
        kind, code = slides[i]
        # the same elements in the same order on every slide (corner QR, footer, sparkline box, then the
        # slide), so that Streamlit replaces them in place instead of showing the last slide's parts mid-change
        with st.container(key="kiosk_qr"):
            st.image(kiosk.qr_png(view_url(code)))
            st.html(kiosk.qr_caption(lang))
        st.html(kiosk.footer_html(lang, bool(info.get("is_demo")), i, len(slides), _data_time(info),
                                  t("source.default", lang)))
        spark = st.container(key="kiosk_spark").empty()  # replaced by the sparkline on the headline slide
        if kind == "headline":
            draw_headline(scope, figures, acts, year, spark)
        elif kind == "ranking":
            if opts["m"]:  # a municipality's own screen ranks its region
                region = munis[munis["region_code"].isin(scope["region_code"])]
                draw_ranking(region, figures, wma, year, str(scope["region_th" if lang == "th" else "region_en"].iloc[0]))
            else:
                draw_ranking(scope, figures, wma, year, _scope_name(scope) if any(opts.values()) else None)
        elif kind == "story":
            draw_story(code, munis, figures, wma, acts, year)
        else:
            draw_map(code, munis, figures, wma, year)

rotate()
