"""Trends: any measure over the years for a selection of LAOs, with the base year and the 5 % line."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.figures import scores
from data.queries import lookups
from data.figures import inventories
from data.figures import fiscal as fiscal_data
from indicators import network
from indicators.catalogue import THEMES
from ui import charts, fmt, layout, measures, share_panel
from ui.db import q
from ui.downloads import data_downloads
from ui.i18n import get_lang, t
from ui import url_state
from ui.router import ensure_routed

ensure_routed()

lang = get_lang()
layout.header("page.trends")
munis = q(lookups.municipalities)
if munis.empty:
    layout.no_data()
    url_state.stop()
code = layout.select_municipality(munis)
theme = layout.select_theme()

table = measures.measure_table(q(inventories.network_summary), q(scores.network_wma), munis)
options = list(measures.MEASURES)
default_measure = "cfo_total" if theme == "low_carbon" else theme
measure = url_state.widget(st.selectbox, "measure", t("trends.indicator"), options, default=default_measure,
                           format_func=lambda k: t(measures.MEASURES[k].label_key))
labels = layout.muni_labels(munis)
picked = url_state.widget(st.multiselect, "pick", t("trends.pick"), munis["code"].tolist(), multi=True,
                          default=[code] if code else [], max_selections=8, placeholder=t("select.some"),
                          format_func=lambda c: labels.get(c, c))
spec = measures.MEASURES[measure]


def fiscal_series(calendar: pd.DataFrame, munis: pd.DataFrame, measure: str) -> pd.DataFrame:
    """The picked LAOs' CFO total (or per person) by fiscal year, for the years they have figures; a fiscal
    year without all twelve months is left out (``data.figures.fiscal``)."""
    pop = munis.set_index("code")["population"]
    rows = []
    with st.spinner(t("exports.making")):
        for code_, year_ in calendar[["code", "year"]].itertuples(index=False):
            total = q(fiscal_data.fiscal_cfo, code_, int(year_))["total"]
            if total is None:
                continue
            value = total if measure == "cfo_total" else (total / pop[code_] if pop.get(code_) else None)
            if value is not None:
                rows.append({"code": code_, "year": int(year_), measure: value})
    return pd.DataFrame(rows, columns=["code", "year", measure])

period = share_panel.period_switch()
series = table[table["code"].isin(picked)][["code", "year", measure]].dropna()
median = network.yearly_median(table, measure)
if period == "fiscal":
    if measure in ("cfo_total", "per_capita"):
        series = fiscal_series(series, munis, measure)
        median = median.iloc[0:0]  # a network median by fiscal year would need every LAO's monthly rows
        st.caption(t("trends.fiscal_note"))
    else:
        st.info(t("trends.fiscal_cfo_only"))
series["name"] = series["code"].map(labels)
median["name"] = t("trends.network_median")
plot = series.rename(columns={measure: "value"})
if not median.empty:
    plot = pd.concat([plot, median.rename(columns={measure: "value"})], ignore_index=True)

base_year = base_value = None
if len(picked) == 1 and measure in ("cfo_total", "per_capita"):
    m = munis.set_index("code").loc[picked[0]]
    if not fmt.is_missing(m["base_year"]):
        base_year = int(m["base_year"])
        hit = series[series["year"] == base_year]
        base_value = float(hit[measure].iloc[0]) if len(hit) else None
if plot.empty:
    layout.no_data()
else:
    layout.chart_title(t(spec.label_key), measures.HELP[measure])
    layout.chart(charts.trend_figure(plot, lang, value_col="value", name_col="name", base_year=base_year,
                                     base_value=base_value, unit=t(spec.unit_key)), key="trend_chart")
    data_downloads(plot.assign(year_be=plot["year"].map(fmt.be)), f"lcrs_trend_{measure}", "trend_dl",
                   {"code": t("download.col.code"), "name": t("download.col.name"), "year": t("download.col.year"),
                    "year_be": t("download.col.year_be"), "value": f"{t(spec.label_key)} ({t(spec.unit_key)})"})
    st.caption(t("trends.hint"))
    if measure in ("reduction_pct", "activity_effect_pct"):
        st.caption(t("reduction.like_for_like"))
    elif measure in ("overall", *THEMES):
        # scores below the evidence threshold are missing: say how many the median of the latest year covers
        last = table[table["year"] == table["year"].max()]
        st.caption(t("evidence.over_enough", n=int(last[measure].notna().sum()),
                     total=int(last["n_cells"].fillna(0).gt(0).sum()) if "n_cells" in last else len(last)))
