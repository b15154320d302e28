"""Map: provinces drawn offline from geo/, municipalities as columns or points coloured by an indicator;
click a municipality to open its profile."""
from __future__ import annotations

import streamlit as st

from data import lcrs, queries, summary
from geo import layers
from ui import layout, measures, url_state
from ui.db import cache_key, q
from ui.i18n import get_lang, t
from ui.router import ensure_routed

ensure_routed()

lang = get_lang()
munis, year = layout.year_page("page.map")

c1, c2, c3 = st.columns([2, 1, 2])
ROLES = ["pilot", "replicating", "network", "none"]
measure = url_state.widget(c1.selectbox, "measure", t("map.indicator"), measures.MEASURES, default="per_capita",
                           format_func=lambda k: t(measures.MEASURES[k].label_key))
kind = url_state.widget(c2.radio, "kind", t("map.kind"), ["column", "scatter"], default="column", horizontal=True,
                        format_func=lambda k: t(f"map.kind.{k}"))
roles = url_state.widget(c3.multiselect, "roles", t("map.filter_role"), ROLES, default=ROLES, multi=True,
                         placeholder=t("select.some"), format_func=lambda r: t(f"role.{r}"))

spec = measures.MEASURES[measure]


@st.cache_data(show_spinner=False, max_entries=32)
def measure_view(key: tuple, year: int, measure: str, kind: str, roles: tuple, lang: str, unit: str):
    """The map's deck spec, whether any point has a value, and the legend; kept until the data change
    (7,850 points take ~0.2 s to select, build and serialise)."""
    munis = q(queries.municipalities)
    frame = measures.measure_frame(q(summary.network_summary), q(lcrs.network_wma), munis, year)
    frame = frame[frame["role"].fillna("none").isin(roles)]
    points = frame.dropna(subset=[measure])
    legend = layers.legend_stops(points[measure]) if not points.empty else []
    label_col = "name_th" if lang == "th" else "name_en"
    muni_layer = layers.municipality_layer(frame, value_col=measure, kind=kind, lang=lang, label_col=label_col,
                                           unit=unit)
    deck = layers.make_deck([layers.province_layer(lang=lang), muni_layer],
                            view=layers.view_state(pitch=45 if kind == "column" else 0))
    return deck.to_json(), points.empty, legend


deck_json, no_points, legend = measure_view(cache_key(), year, measure, kind, tuple(roles), lang, t(spec.unit_key))
if no_points:
    st.info(t("map.no_points"))
event = st.pydeck_chart(layers.SpecDeck(deck_json), height=620, on_select="rerun", selection_mode="single-object",
                        key="map_deck")

if legend:
    st.caption(t("map.legend") + ": " + "  ".join(
        f"<span style='color:rgb{tuple(rgb)}'>●</span> {label}" for label, rgb in legend), unsafe_allow_html=True)
st.caption(t("map.click_hint"))

picked = (getattr(getattr(event, "selection", None), "objects", None) or {}).get("municipalities") or []
if picked:
    obj = picked[0]
    st.page_link("pages/profile.py", label=t("map.open_profile", name=obj.get("label", obj.get("code"))),
                 icon=":material/location_city:", query_params={"m": obj["code"], "year": year, "lang": lang})
