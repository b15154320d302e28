"""The wall screen's slides made from data: which slides a screen rotates through (``plan``) and what each one
shows (``make_slide``), as finished HTML, SVG and map spec (pages/showcase.py keeps them per data version and
only draws them on each tick; ui/kiosk.py has the HTML builders).

No Streamlit here: frames in, strings out, so a test can build every slide of a database directly.
"""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from geo import layers
from geo.points import municipality_points
from indicators import network, showcase
from ui import fmt, kiosk, verdicts
from ui.i18n import t

MAX_FEATURED = 6
# the map box is ~1230 x 730 CSS px on a 1920 x 1080 screen (a 4K TV at 200 % shows the same CSS pixels)
MAP_BOX_PX = (1100, 600)


@dataclass(frozen=True)
class Options:
    """A screen's query options: ``region``, ``province``, ``m`` (one municipality's own screen)."""
    region: str | None = None
    province: str | None = None
    m: str | None = None

    def any(self) -> bool:
        """Whether the screen is narrowed to part of the network."""
        return bool(self.region or self.province or self.m)


@dataclass(frozen=True)
class Plan:
    """What a screen rotates through for one data version: the year shown, (kind, code) per slide, the codes
    in scope and the time of the newest live import."""
    year: int | None
    slides: tuple[tuple[str, str | None], ...]
    scope: tuple[str, ...]
    updated: object = None


@dataclass(frozen=True)
class Slide:
    """One finished slide: ``html`` (the slide, or the map's title), ``spark`` (SVG of the headline trend or
    ""), ``deck`` (a map's deck JSON or None), ``side`` (the map legend), ``qr`` (PNG of the slide's link)."""
    kind: str
    code: str | None
    html: str
    qr: bytes
    spark: str = ""
    deck: str | None = None
    side: str = ""


def view_url(base: str, opts: Options, lang: str, theme: str, code: str | None = None) -> str:
    """The screen's own address with its options (pinned to one municipality for a story or map slide), so a
    phone that scans the QR code opens the same view."""
    params = {"region": opts.region, "province": opts.province, "m": code or opts.m, "lang": lang,
              "theme": "dark" if theme == "dark" else None}
    return f"{base}/showcase?{urlencode({k: v for k, v in params.items() if v})}"


def last_import(history: pd.DataFrame | None):
    """When the newest import that is still live was made (None without one)."""
    if history is None or not len(history):
        return None
    live = history[history["rolled_back_at"].isna()] if "rolled_back_at" in history else history
    when = live["imported_at"].max() if len(live) else None
    return None if when is None or fmt.is_missing(when) else when


def plan(munis: pd.DataFrame, years, figures: pd.DataFrame, wma: pd.DataFrame, acts: pd.DataFrame,
         opts: Options, history: pd.DataFrame | None = None) -> Plan:
    """The slides of a screen: headline and ranking, then a story and a map for each featured municipality
    (up to ``MAX_FEATURED``); on a municipality's own screen its story, its map and its region's ranking."""
    updated = last_import(history)
    if munis.empty or not years:
        return Plan(None, (), (), updated)
    year = int(max(years))
    scope = showcase.in_scope(munis, opts.region, opts.province, opts.m)
    codes = tuple(scope["code"].astype(str))
    if opts.m:
        slides = (("story", opts.m), ("map", opts.m), ("ranking", None)) if len(scope) else ()
        return Plan(year, slides, codes, updated)
    stories = showcase.stories(figures, wma, acts, munis, year)
    featured = showcase.featured_codes(stories, scope, MAX_FEATURED)
    slides = [("headline", None), ("ranking", None)]
    for code in featured:
        slides += [("story", code), ("map", code)]
    return Plan(year, tuple(slides), codes, updated)


def _name(row, lang: str) -> str:
    return str(row["name_th"] if lang == "th" else row["name_en"])


def scope_name(scope: pd.DataFrame, opts: Options, lang: str) -> str:
    """The screen's area: the province, the region or the whole network."""
    col = "_th" if lang == "th" else "_en"
    if opts.province and len(scope):
        return str(scope["province" + col].iloc[0])
    if opts.region and len(scope):
        return str(scope["region" + col].iloc[0])
    return t("kiosk.network", lang)


def headline(scope, figures, acts, year, opts: Options, lang: str, theme: str) -> tuple[str, str]:
    """The network headline's HTML and its trend sparkline (SVG, "" without a trend)."""
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
    in_scope_acts = acts[acts["municipality_code"].isin(scope["code"])] if len(acts) else acts
    kpis = network.network_kpis(figures[figures["code"].isin(scope["code"])], None, in_scope_acts, scope, year)
    tiles = [(fmt.num(kpis["laos"]), t("kiosk.laos", lang)),
             (fmt.num(kpis["award_count"]), t("kiosk.award", lang)),
             (fmt.num(showcase.delivered_actions(in_scope_acts, year)), t("kiosk.actions", lang)),
             (fmt.num(kpis["bike_km"], 0), t("kiosk.bike", lang))]
    html = kiosk.headline_html(f"{scope_name(scope, opts, lang)} · {fmt.year_label(year, lang)}", tiles,
                               change_text, caption)
    return html, kiosk.sparkline_svg(values, kiosk.THEMES[theme]["good"])


def ranking(scope, figures, wma, year, title_scope: str | None, lang: str) -> str:
    """The ranking's HTML: who cut most since the base year, comparable evidence-backed figures only."""
    top = showcase.ranking(figures, scope, year, wma, n=6)
    rows = [{"name": _name(r, lang), "pct": float(r["reduction_pct"]), "award": r["award_eligible"] == True}  # noqa: E712
            for _, r in top.iterrows()]
    title = t("kiosk.ranking", lang) + (f" · {title_scope}" if title_scope else "")
    return kiosk.ranking_html(title, t("kiosk.ranking_rule", lang, year=fmt.year_label(year, lang)), rows,
                              t("kiosk.ranking_none", lang), lang)


def story(code, munis, figures, wma, acts, year, lang: str, theme: str) -> str:
    """One municipality's story: the reduction (or why there is none), the why, one action with its result and
    the Whole-Municipality mini-matrix."""
    row = munis[munis["code"] == code].iloc[0]
    place = " · ".join(str(x) for x in ([row["province_th"], row["region_th"]] if lang == "th"
                                        else [row["province_en"], row["region_en"]]))
    fig = figures[(figures["code"] == code) & (figures["year"] == year)]
    comparable = code in set(showcase.rankable(figures, year, wma)["code"])
    pct = None if fig.empty or pd.isna(fig["reduction_pct"].iloc[0]) else float(fig["reduction_pct"].iloc[0])
    base_year = None if fig.empty or pd.isna(fig["base_year"].iloc[0]) else int(fig["base_year"].iloc[0])
    award = None
    if pct is None:
        big, cls, sub = "—", "big", t("kiosk.no_reduction", lang)
    elif not comparable:
        big, cls, sub = "—", "big", t("kiosk.not_comparable", lang)
    else:
        big = (f"−{pct:.1f}%" if pct >= 0 else f"+{-pct:.1f}%") if lang == "th" else \
            (f"−{pct:.1f} %" if pct >= 0 else f"+{-pct:.1f} %")
        cls = "huge good" if pct >= 0 else "huge bad"
        sub = t("kiosk.cut_since" if pct >= 0 else "kiosk.rise_since", lang, base=fmt.year_label(base_year, lang))
        award = t("kiosk.award_yes" if fig["award_eligible"].iloc[0] == True else "kiosk.award_no", lang)  # noqa: E712
    row_fig = fig.iloc[0].to_dict() if len(fig) else {}
    if comparable:
        why = why_lines(row_fig, showcase.scope_drivers(figures, code, year, base_year), lang)
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
    return kiosk.story_html(_name(row, lang), place, big, cls, sub, award,
                            t("kiosk.why" if (pct or 0) >= 0 else "kiosk.why_rise", lang), why,
                            t("kiosk.action", lang), action_lines, matrix,
                            f"{t('kiosk.matrix', lang)} ({fmt.year_label(year, lang)})")


def why_lines(row: dict, drivers: list[dict], lang: str, n: int = 3) -> list[str]:
    """At most ``n`` short lines saying why the total changed: the part due to the LAO's own activity and the
    part due to the grid electricity factor (like-for-like split; the factor line left out when it moved the
    total by less than 0.05 %), then the CFO scopes that changed most (tCO2e, largest cut first)."""
    lines = []
    own, grid = row.get("activity_effect_pct"), row.get("factor_effect_pct")
    if not fmt.is_missing(own):
        lines.append(t("kiosk.why_own", lang, change=kiosk.cut_text(float(own), lang)))
    if not fmt.is_missing(grid) and abs(float(grid)) >= 0.05:
        lines.append(t("kiosk.why_grid", lang, change=kiosk.cut_text(float(grid), lang)))
    lines += [t("kiosk.why_scope", lang, scope=t(f"kiosk.scope{d['scope']}", lang),
                change=("−" if d["change"] < 0 else "+") + fmt.num(abs(d["change"]), 0)) for d in drivers]
    return lines[:n]


def region_map(code, munis, figures, wma, year, lang: str, theme: str = "light") -> tuple[str, str, str]:
    """The map of the featured municipality's region: its title (HTML), the deck JSON (comparable reductions
    coloured on viridis over the theme's land colour, the featured municipality ringed) and the legend (HTML)."""
    row = munis[munis["code"] == code].iloc[0]
    region = munis[munis["region_code"] == row["region_code"]]
    ranked = showcase.rankable(figures, year, wma)[["code", "reduction_pct"]]
    frame = municipality_points(region.merge(ranked, on="code", how="left"))
    values = frame["reduction_pct"].dropna()
    stops = layers.legend_stops(values, n=5, fmt=lambda v: f"{v:.0f}") if len(values) else []
    points = layers.municipality_layer(frame, "reduction_pct", kind="scatter", lang=lang,
                                       label_col="name_th" if lang == "th" else "name_en",
                                       min_radius_m=4_000, max_radius_m=16_000, opacity=240)
    points.line_width_min_pixels = 2   # a white rim keeps the dark end of viridis visible on dark land
    me = frame[frame["code"] == code]
    ring = layers.pdk.Layer("ScatterplotLayer", data=[{"lon": float(me["lon"].iloc[0]), "lat": float(me["lat"].iloc[0])}]
                            if len(me) and pd.notna(me["lon"].iloc[0]) else [], id="featured",
                            get_position="[lon, lat]", get_radius=22_000, filled=False, stroked=True,
                            get_line_color=[213, 94, 0], line_width_min_pixels=6)
    view = layers.fit_view(frame["lon"], frame["lat"], width_px=MAP_BOX_PX[0], height_px=MAP_BOX_PX[1], max_zoom=9)
    colours = kiosk.THEMES.get(theme, kiosk.THEMES["light"])
    land = layers.province_layer(lang=lang, opacity=255, base_rgb=colours["land"], line_rgb=colours["border"])
    deck = layers.make_deck([land, points, ring], view=view, tooltip=False)
    region_name = row["region_th"] if lang == "th" else row["region_en"]
    title = f"<div class='k'><h1>{kiosk.esc(t('kiosk.map', lang, region=region_name))}</h1></div>"
    legend = kiosk.legend_html(stops, lang, layers.MISSING_RGB)
    featured = (f"<div class='txt' style='margin-top:3vh'><span class='sw' style='border:0.6vh solid #D55E00;"
                f"border-radius:50%;display:inline-block;width:3vh;height:3vh;margin-right:1vw'></span>"
                f"{kiosk.esc(_name(row, lang))} ({kiosk.esc(t('kiosk.featured', lang))})</div>")
    return title, deck.to_json(), f"<div class='k' style='margin-top:14vh'>{legend}{featured}</div>"


def make_slide(kind: str, code: str | None, munis, figures, wma, acts, year: int, opts: Options, lang: str,
               theme: str, base_url: str) -> Slide:
    """One slide of ``plan`` finished for ``lang`` and ``theme``, with the QR code of its own link."""
    qr = kiosk.qr_png(view_url(base_url, opts, lang, theme, code))
    scope = showcase.in_scope(munis, opts.region, opts.province, opts.m)
    if kind == "headline":
        html, spark = headline(scope, figures, acts, year, opts, lang, theme)
        return Slide(kind, code, html, qr, spark=spark)
    if kind == "ranking":
        if opts.m:  # a municipality's own screen ranks its region
            region = munis[munis["region_code"].isin(scope["region_code"])]
            title_scope = str(scope["region_th" if lang == "th" else "region_en"].iloc[0])
            return Slide(kind, code, ranking(region, figures, wma, year, title_scope, lang), qr)
        return Slide(kind, code, ranking(scope, figures, wma, year,
                                         scope_name(scope, opts, lang) if opts.any() else None, lang), qr)
    if kind == "story":
        return Slide(kind, code, story(code, munis, figures, wma, acts, year, lang, theme), qr)
    title, deck, side = region_map(code, munis, figures, wma, year, lang, theme)
    return Slide(kind, code, title, qr, deck=deck, side=side)
