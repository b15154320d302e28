"""Network overview for executives: is the network on track, where, and what changed since last year."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.figures import scores
from data.queries import indicator_rows
from data.queries import lookups
from data.figures import inventories
from indicators import network
from indicators.targets import AWARD_THRESHOLD_PCT
from ui import charts, fmt, layout, tables
from ui.db import q
from ui.downloads import data_downloads
from ui.i18n import get_lang, t
from ui import url_state
from ui.router import ensure_routed

ensure_routed()

lang = get_lang()
layout.header("page.overview")
munis = q(lookups.municipalities)
years = q(lookups.activity_years)
if munis.empty or not years:
    layout.no_data()
    url_state.stop()
year = layout.select_year(years)

# the page shows the selected year and its change from the year before: reading those two years of the
# network tables is a fifth of reading all ten
figures = pd.concat([q(inventories.network_summary, y) for y in (year - 1, year)], ignore_index=True)
wma_years = [w for w in (q(scores.network_wma, year - 1), q(scores.network_wma, year)) if len(w)]
wma = pd.concat(wma_years, ignore_index=True) if wma_years else q(scores.network_wma, year)
acts = q(indicator_rows.actions)
kpis = network.network_kpis(figures, wma, acts, munis, year)
prev = network.network_kpis(figures, wma, acts, munis, year - 1) if (year - 1) in years else None


def _delta(key: str, digits: int = 0, suffix: str = ""):
    if prev is None or fmt.is_missing(kpis[key]) or fmt.is_missing(prev[key]):
        return None
    return f"{kpis[key] - prev[key]:+,.{digits}f}{suffix} {t('kpi.vs_last_year')}"


c = st.columns(4)
layout.kpi(c[0], t("kpi.with_cfo"), f"{kpis['laos_with_cfo']:,} / {kpis['laos']:,}", help_text=t("help.with_cfo"))
layout.kpi(c[1], f"{t('kpi.cfo_network')} ({t('unit.tco2e')})", fmt.num(kpis["cfo_total"]),
           _delta("cfo_total"), delta_color="inverse", help_text=t("help.cfo_network"))
layout.kpi(c[2], f"{t('kpi.per_capita_median')} ({t('unit.tco2e_pc')})", fmt.num(kpis["per_capita_median"], 3),
           _delta("per_capita_median", 3), delta_color="inverse", help_text=t("help.per_capita_median"))
layout.kpi(c[3], t("kpi.award_count"), f"{kpis['award_count']:,} / {kpis['with_base']:,}", _delta("award_count"),
           help_text=f'{t("help.award_count")} {t("reduction.award_note", n=kpis["not_comparable"])}')
c = st.columns(4)
layout.kpi(c[0], t("kpi.lcrs_median"), fmt.num(kpis["lcrs_median"], 1), _delta("lcrs_median", 1),
           help_text=f'{t("help.lcrs")} {t("evidence.over_enough", n=kpis["lcrs_n"], total=kpis["lcrs_laos"])}')
layout.kpi(c[1], t("kpi.bike_km"), fmt.num(kpis["bike_km"], 1), _delta("bike_km", 1), help_text=t("help.bike_km"))
layout.kpi(c[2], t("kpi.resilience"), fmt.num(kpis["resilience_median"], 1), _delta("resilience_median", 1),
           help_text=t("help.resilience_median") + t("help.undrr"))
layout.kpi(c[3], t("kpi.ccf_basic"), fmt.num(kpis["ccf_basic_total"]), _delta("ccf_basic_total"),
           delta_color="inverse", help_text=t("help.ccf"))


left, right = st.columns([3, 2])
with left:
    st.subheader(t("overview.map"), help=t("help.per_capita"))
    map_rows = figures[figures["year"] == year].merge(munis, on="code", how="right")
    map_rows["name"] = map_rows["name_th" if lang == "th" else "name_en"]
    # points on longitude and latitude (ECharts) rather than the map page's deck.gl: the overview then loads
    # one chart library instead of two (bench/README.md); the map page keeps the provinces and the layers
    layout.chart(charts.point_map(map_rows, "per_capita", "name", t("unit.tco2e_pc")), key="per_capita_map")
    data_downloads(map_rows, f"lcrs_map_per_capita_{year}", "ov_map_dl",
                   {"code": t("download.col.code"), "name": t("download.col.name"), "lat": t("download.col.lat"),
                    "lon": t("download.col.lon"), "per_capita": f"{t('ind.per_capita')} ({t('unit.tco2e_pc')})"})
with right:
    st.subheader(t("overview.by_role_type"), help=t("help.roles"))
    counts = network.counts_by_role_type(munis)
    counts["role_label"] = counts["role"].map(lambda r: t(f"role.{r}"))
    counts["type_label"] = counts["type"].map(lambda r: t(f"type.{r}"))
    layout.chart(charts.grouped_bar(counts, x="role_label", y="count", colour="type_label", lang=lang,
                                    y_title=t("unit.count"), barmode="stack"), key="roles")
    data_downloads(counts, "lcrs_roles_types", "roles_dl", {"role_label": t("download.col.role"),
                   "type_label": t("download.col.type"), "count": t("download.col.count")})
    layout.chart_title(t("overview.lcrs_dist"), "help.lcrs")
    layout.chart(charts.histogram(wma.loc[wma["year"] == year, "overall"], lang, t("kpi.lcrs_index")),
                 key="lcrs_hist")
    lcrs_rows = wma.loc[wma["year"] == year, ["code", "overall"]].merge(munis, on="code")
    lcrs_rows["name"] = lcrs_rows["name_th" if lang == "th" else "name_en"]
    data_downloads(lcrs_rows, f"lcrs_index_{year}", "lcrs_dl", {"code": t("download.col.code"),
                   "name": t("download.col.name"), "overall": t("kpi.lcrs_index")})

st.subheader(t("overview.changes"))
changes = network.year_on_year(figures, year)
if changes.empty:
    st.info(t("overview.no_previous"))
else:
    changes = changes.merge(munis[["code", "name_th", "name_en"]], on="code")
    changes["name"] = changes["name_th" if lang == "th" else "name_en"]
    show = {"name": t("municipality"), "cfo_total": t("ind.cfo_total"), "change_t": t("overview.change_t"),
            "change_pct": t("overview.change_pct")}
    a, b = st.columns(2)
    # five rows each, already in order: static tables, which need none of the data grid's JavaScript
    # (~0.6 MB that a first-time visitor loaded for these two alone; bench/README.md)
    formats = {show["change_pct"]: "{:+.1f} %", show["change_t"]: "{:+,.1f}", show["cfo_total"]: "{:,.1f}"}
    for box, title_key, rows in ((a, "overview.top_cut", changes.nsmallest(5, "change_pct")),
                                 (b, "overview.top_rise", changes.nlargest(5, "change_pct"))):
        box.markdown(f"**{t(title_key)}**")
        # st.table reads its cells as Markdown: imported names go in escaped, to show as typed
        rows = rows.assign(name=rows["name"].map(layout.plain))
        box.table(rows[list(show)].rename(columns=show).style.format(formats, na_rep=tables.MISSING),
                  hide_index=True)
    # the grid's own download button went with it: every LAO's change as files instead
    data_downloads(changes.sort_values("change_pct"), f"lcrs_changes_{year}", "changes_dl",
                   {"code": t("download.col.code"), **show})
# only years comparable like for like with their base year (a missing source is not a cut)
this_year = figures[figures["year"] == year]
red = this_year["reduction_pct"].where(this_year["reduction_comparable"].fillna(False).astype(bool)) \
    if "reduction_comparable" in this_year else this_year["reduction_pct"]
layout.chart_title(t("overview.reduction_dist"), "help.award")
layout.chart(charts.histogram(red, lang, t("ind.reduction_pct"), vline=AWARD_THRESHOLD_PCT,
                              vline_label=t("overview.on_track")), key="red_hist")
red_rows = figures.loc[figures["year"] == year, ["code", "reduction_pct"]].merge(munis, on="code")
red_rows["name"] = red_rows["name_th" if lang == "th" else "name_en"]
data_downloads(red_rows, f"lcrs_reduction_{year}", "red_dl", {"code": t("download.col.code"),
               "name": t("download.col.name"), "reduction_pct": f"{t('ind.reduction_pct')} (%)"})
