"""Showcase: a read-only kiosk for a public screen. Large type, no sidebar, rotates on a timer through network
highlights and municipality stories (``st.fragment(run_every=...)``)."""
from __future__ import annotations

import html

import streamlit as st

from data.figures import scores
from data.queries import indicator_rows
from data.queries import lookups
from data.figures import inventories
from geo import layers
from indicators import network, showcase
from ui import fmt, layout, verdicts
from ui.db import q
from ui.i18n import get_lang, t
from ui import url_state
from ui.router import ensure_routed

ensure_routed()

ROTATE_SECONDS = 12
lang = get_lang()
info = layout.guard_database()

st.html("""<style>
.kiosk h1 {font-size: 3.2rem; line-height: 1.2; margin: 0 0 .5rem 0;}
.kiosk .big {font-size: 6rem; font-weight: 700; line-height: 1.05; color: #0F766E;}
.kiosk .label {font-size: 2rem; color: #333;}
.kiosk .tile {padding: 1rem 1.5rem; border-radius: 1rem; background: #F1F5F4; margin-bottom: 1rem;}
.kiosk .story {font-size: 2.4rem; line-height: 1.35;}
.kiosk .foot {font-size: 1.2rem; color: #555;}
.kiosk .demo {font-size: 1.3rem; background:#FFF3CD; padding:.3rem .8rem; border-radius:.5rem; display:inline-block;}
</style>""")

munis = q(lookups.municipalities)
years = q(lookups.activity_years)
if munis.empty or not years:
    layout.no_data()
    url_state.stop()
year = max(years)
figures = q(inventories.network_summary)
wma = q(scores.network_wma)
acts = q(indicator_rows.actions)
kpis = network.network_kpis(figures, wma, acts, munis, year)
stories = showcase.stories(figures, wma, acts, munis, year)
SLIDES = ["headline", "awards", "map"] + ["story"] * min(3, len(stories))


def esc(x) -> str:
    return html.escape(str(x))


def foot(i: int) -> str:
    demo = f"<span class='demo'>{esc(t('demo.badge'))}</span> " if info.get("is_demo") else ""
    return (f"<p class='foot'>{demo}{esc(t('showcase.slide', i=i + 1, n=len(SLIDES)))} · "
            f"{esc(fmt.year_label(year, lang))} · {esc(t('source.label'))}: {esc(t('source.default'))}</p>")


def draw(slide: int, story_no: int) -> None:
    kind = SLIDES[slide % len(SLIDES)]
    name_col = "name_th" if lang == "th" else "name_en"
    if kind == "headline":
        tiles = [(fmt.num(kpis["laos"]), t("showcase.laos")),
                 (fmt.num(kpis["award_count"]), t("showcase.cut")),
                 (fmt.num(kpis["bike_km"], 0), t("showcase.bike")),
                 (fmt.num(showcase.delivered_actions(acts, year)), t("showcase.actions")),
                 # the median index only over LAOs with enough evidence, and how many they are
                 (fmt.num(kpis["lcrs_median"], 0), f"{t('kpi.lcrs_median')} "
                  f"{t('evidence.over_enough', n=kpis['lcrs_n'], total=kpis['lcrs_laos'])}")]
        body = "".join(f"<div class='tile'><div class='big'>{esc(v)}</div><div class='label'>{esc(lbl)}</div></div>"
                       for v, lbl in tiles)
        st.html(f"<div class='kiosk'><h1>{esc(t('showcase.headline'))}</h1>{body}{foot(slide)}</div>")
    elif kind == "awards":
        top = showcase.award_list(figures, munis, year, n=8)
        rows = "".join(f"<div class='tile story'>{esc(r[name_col])} — <b>{esc(fmt.pct(r['reduction_pct']))}</b></div>"
                       for _, r in top.iterrows())
        st.html(f"<div class='kiosk'><h1>{esc(t('showcase.awards'))}</h1>{rows or esc(t('no_data'))}{foot(slide)}</div>")
    elif kind == "map":
        frame = network.measure_frame(figures, wma, munis, year)
        st.html(f"<div class='kiosk'><h1>{esc(t('ind.reduction_pct'))}</h1></div>")
        deck = layers.make_deck([layers.province_layer(lang=lang),
                                 layers.municipality_layer(frame, "reduction_pct", kind="column", lang=lang,
                                                           label_col=name_col, unit="%")],
                                view=layers.view_state(pitch=45), tooltip=False)
        st.pydeck_chart(deck, height=640, key=f"kiosk_map_{slide}")
        st.html(f"<div class='kiosk'>{foot(slide)}</div>")
    else:
        s = stories.iloc[story_no % len(stories)]
        pct = fmt.pct(abs(s["reduction_pct"]))
        base = fmt.year_label(s["base_year"], lang)
        line = t("showcase.story_cut" if s["reduction_pct"] >= 0 else "showcase.story_rise", pct=pct, base=base)
        split = verdicts.split_text(s.get("activity_effect_pct"), s.get("factor_effect_pct"))
        line = f"{line} ({split})" if split else line
        extra = f"<br>{esc(t('showcase.index'))}: <b>{esc(fmt.num(s['overall'], 0))}</b>" \
            if not fmt.is_missing(s["overall"]) else ""
        action = f"<br>“{esc(s['action_th'] if lang == 'th' else s['action_en'])}”" \
            if not fmt.is_missing(s.get("action_th")) else ""
        st.html(f"<div class='kiosk'><h1>{esc(t('showcase.story'))}: {esc(s[name_col])}</h1>"
                f"<div class='tile story'>{esc(line)}{extra}{action}</div>{foot(slide)}</div>")


@st.fragment(run_every=ROTATE_SECONDS)
def rotate() -> None:
    i = st.session_state.get("slide", -1) + 1
    st.session_state["slide"] = i
    story_no = st.session_state.get("story", 0)
    if SLIDES[i % len(SLIDES)] == "story":
        st.session_state["story"] = story_no + 1
    draw(i % len(SLIDES), story_no)


rotate()
