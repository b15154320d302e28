"""Map: provinces drawn offline from geo/, municipalities as points (ECharts, flat: the default) or as 3-D columns
(deck.gl, on request) coloured by an indicator, with a colour legend in the indicator's unit; a click on a
municipality opens its profile."""
from __future__ import annotations

import html

import streamlit as st

from data.figures import scores
from data.queries import lookups
from data.figures import inventories
from geo import layers
from ui import layout, map_chart, measures, url_state
from ui.db import cache_key, q
from ui.downloads import data_downloads
from ui.i18n import get_lang, t
from ui.router import ensure_routed

ensure_routed()

lang = get_lang()
munis, year = layout.year_page("page.map")

ROLES = ["pilot", "replicating", "network", "none"]
MAP_HEIGHT = 480

c1, c2, c3 = st.columns([2, 1, 2])
measure = url_state.widget(c1.selectbox, "measure", t("map.indicator"), measures.MEASURES, default="per_capita",
                           format_func=lambda k: t(measures.MEASURES[k].label_key))
# points by default: deck.gl's JavaScript and 7,850 extruded columns in software WebGL took 6.7-9 s in a fresh
# browser, the flat ECharts map a fraction of it (bench/README.md); the columns stay one click away
kind = url_state.widget(c2.radio, "kind", t("map.kind"), ["scatter", "column"], default="scatter", horizontal=True,
                        format_func=lambda k: t(f"map.kind.{k}"))
roles = url_state.widget(c3.multiselect, "roles", t("map.filter_role"), ROLES, default=ROLES, multi=True,
                         placeholder=t("select.some"), format_func=lambda r: t(f"role.{r}"))

spec = measures.MEASURES[measure]
# one layer id per style: deck.gl keeps a layer's state by id, and a column layer's state given to a point layer
# breaks its drawing ("accessor getElevation is not a function")
LAYER_ID = f"municipalities-{kind}"


@st.cache_data(show_spinner=False, max_entries=32)
def measure_view(key: tuple, year: int, measure: str, kind: str, roles: tuple, lang: str, unit: str, heading: str):
    """The map (the deck spec of the columns, or the point map), whether any point has a value, and the legend;
    kept until the data change (7,850 points take ~0.2 s to select, build and serialise)."""
    munis = q(lookups.municipalities)
    frame = measures.measure_frame(q(inventories.network_summary), q(scores.network_wma), munis, year)
    frame = frame[frame["role"].fillna("none").isin(roles)]
    points = frame.dropna(subset=[measure])
    legend = layers.legend_stops(points[measure]) if not points.empty else []
    label_col = "name_th" if lang == "th" else "name_en"
    if kind == "scatter":
        return map_chart.municipality_point_map(frame, measure, label_col=label_col, lang=lang,
                                                series_name=heading, height=MAP_HEIGHT), points.empty, legend
    muni_layer = layers.municipality_layer(frame, value_col=measure, kind=kind, lang=lang, label_col=label_col,
                                           unit=unit, layer_id=LAYER_ID)
    view = layers.thailand_view(kind, height_px=MAP_HEIGHT)
    deck = layers.make_deck([layers.province_layer(lang=lang), muni_layer], view=view)
    return deck.to_json(), points.empty, legend


figure = f"{t(spec.label_key)} ({t(spec.unit_key)})"
# the point map's tooltip heading: the figure with its unit (most labels carry it already)
heading = t(spec.label_key) if t(spec.unit_key) in t(spec.label_key) else figure
drawn, no_points, legend = measure_view(cache_key(), year, measure, kind, tuple(roles), lang, t(spec.unit_key),
                                        heading)
if no_points:
    st.info(t("map.no_points"))
if legend:
    swatches = " ".join(f"<span style='white-space:nowrap'><span style='color:rgb{tuple(rgb)};font-size:1.3em'>●"
                        f"</span> {html.escape(label)}</span>" for label, rgb in legend)
    st.markdown(f"**{html.escape(t(spec.label_key))}**: {swatches} "
                f"<span style='white-space:nowrap'><span style='color:#BDBDBD;font-size:1.3em'>●</span> "
                f"{html.escape(t('map.no_value'))}</span> · <small>{html.escape(t('map.click_hint'))}</small>",
                unsafe_allow_html=True, help=t(measures.HELP[measure]))
else:
    st.caption(t("map.click_hint"))
    layout.chart_title(figure, measures.HELP[measure])
if kind == "scatter":
    event = st.echarts_chart(drawn.option, height=drawn.height, on_select="rerun", key="map_points",
                             alt=t("map.alt").format(figure=heading))
    picked = [drawn.codes[g["series_index"]][g["data_indices"][0]] for g in event.selection.selected
              if g["series_index"] in drawn.codes and g["data_indices"]]
else:
    event = st.pydeck_chart(layers.SpecDeck(drawn), height=MAP_HEIGHT, on_select="rerun",
                            selection_mode="single-object", key=f"map_deck_{kind}")
    picked = [str(o["code"]) for o in
              (getattr(getattr(event, "selection", None), "objects", None) or {}).get(LAYER_ID) or []]
map_rows = measures.measure_frame(q(inventories.network_summary), q(scores.network_wma), munis, year)
map_rows["name"] = map_rows["name_th" if lang == "th" else "name_en"]
data_downloads(map_rows, f"lcrs_map_{measure}_{year}", "map_dl",
               {"code": t("download.col.code"), "name": t("download.col.name"), "lat": t("download.col.lat"),
                "lon": t("download.col.lon"), measure: f"{t(spec.label_key)} ({t(spec.unit_key)})"})

if picked:
    url_state.switch_page("pages/profile.py", {"lang": lang, "m": picked[0], "year": str(year)})
