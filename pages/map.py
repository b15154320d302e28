"""Map: provinces drawn offline from geo/, municipalities as columns or points coloured by an indicator;
click a municipality to open its profile."""
from __future__ import annotations

import streamlit as st

from data.figures import scores
from data.queries import lookups
from data.figures import inventories
from geo import layers
from ui import layout, measures
from ui.db import cache_key, q
from ui.downloads import data_downloads
from ui.i18n import get_lang, t
from ui.router import ensure_routed

ensure_routed()

lang = get_lang()
munis, year = layout.year_page("page.map")

c1, c2, c3 = st.columns([2, 1, 2])
measure = c1.selectbox(t("map.indicator"), list(measures.MEASURES), key="map_measure",
                       format_func=lambda k: t(measures.MEASURES[k].label_key))
kind = c2.radio(t("map.kind"), ["column", "scatter"], key="map_kind", horizontal=True,
                format_func=lambda k: t(f"map.kind.{k}"))
roles = c3.multiselect(t("map.filter_role"), ["pilot", "replicating", "network", "none"], key="map_roles", placeholder=t("select.some"),
                       default=["pilot", "replicating", "network", "none"], format_func=lambda r: t(f"role.{r}"))

spec = measures.MEASURES[measure]


@st.cache_data(show_spinner=False, max_entries=32)
def measure_view(key: tuple, year: int, measure: str, kind: str, roles: tuple, lang: str, unit: str):
    """The map's deck spec, whether any point has a value, and the legend; kept until the data change
    (7,850 points take ~0.2 s to select, build and serialise)."""
    munis = q(lookups.municipalities)
    frame = measures.measure_frame(q(inventories.network_summary), q(scores.network_wma), munis, year)
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
map_rows = measures.measure_frame(q(inventories.network_summary), q(scores.network_wma), munis, year)
map_rows["name"] = map_rows["name_th" if lang == "th" else "name_en"]
data_downloads(map_rows, f"lcrs_map_{measure}_{year}", "map_dl",
               {"code": t("download.col.code"), "name": t("download.col.name"), "lat": t("download.col.lat"),
                "lon": t("download.col.lon"), measure: f"{t(spec.label_key)} ({t(spec.unit_key)})"})

picked = (getattr(getattr(event, "selection", None), "objects", None) or {}).get("municipalities") or []
if picked:
    obj = picked[0]
    st.page_link("pages/profile.py", label=t("map.open_profile", name=obj.get("label", obj.get("code"))),
                 icon=":material/location_city:", query_params={"m": obj["code"], "year": year, "lang": lang})
