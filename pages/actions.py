"""A-S-I actions: the registry with filters, reductions by Avoid/Shift/Improve and theme, expected vs achieved."""
from __future__ import annotations

import functools

import streamlit as st

from data.queries import indicator_rows
from data.queries import lookups
from indicators import asi
from ui import action_labels, charts, downloads, fmt, layout, registry_view, tables
from ui.db import q
from ui.downloads import data_downloads
from ui.i18n import get_lang, t
from ui import url_state
from ui.router import ensure_routed

ensure_routed()

lang = get_lang()
layout.header("page.actions")
munis = q(lookups.municipalities)
acts = q(indicator_rows.actions)
if acts.empty:
    layout.no_data(to_data=True, key="profile.no_actions")
    url_state.stop()
code = layout.select_municipality(munis)

st.markdown(f"**{t('actions.filters')}**")
f1, f2, f3 = st.columns(3)
themes = f1.multiselect(t("actions.col.theme"), list(charts.THEMES), key="act_theme", placeholder=t("select.any"),
                        format_func=lambda x: t(f"theme.{x}"))
kinds = f2.multiselect(t("actions.col.asi"), ["avoid", "shift", "improve"], key="act_asi", placeholder=t("select.any"),
                       format_func=lambda x: t(f"asi.{x}"))
statuses = f3.multiselect(t("actions.col.status"), ["planned", "ongoing", "completed", "cancelled"],
                          key="act_status", placeholder=t("select.any"), format_func=lambda x: t(f"status.{x}"))
sel = acts
if code:
    sel = sel[sel["municipality_code"] == code]
if themes:
    sel = sel[sel["theme"].isin(themes)]
if kinds:
    sel = sel[sel["asi"].isin(kinds)]
if statuses:
    sel = sel[sel["status"].isin(statuses)]
if sel.empty:
    layout.no_data()
    url_state.stop()

c = st.columns(4)
totals = asi.totals(sel)
layout.kpi(c[0], t("asi.actions"), f"{totals['actions']:,}", help_text=t("help.actions_count") + t("help.asi"))
layout.kpi(c[1], f"{t('asi.expected')} ({t('unit.tco2e_per_year')})", f"{totals['expected']:,.1f}",
           help_text=t("help.expected"))
layout.kpi(c[2], f"{t('asi.achieved')} ({t('unit.tco2e_per_year')})", f"{totals['achieved']:,.1f}",
           help_text=t("help.achieved"))
layout.kpi(c[3], t("asi.cost_per_t"),
           "—" if totals["cost_per_t"] is None else f"{totals['cost_per_t']:,.0f}", help_text=t("help.cost_per_t"))

st.caption(t("actions.asi_mitigation_only"))
mitigation = sel[sel["theme"].isin(asi.MITIGATION_THEMES)]
if mitigation.empty:
    st.info(t("actions.no_mitigation"))
else:
    by = asi.by_asi_theme(mitigation)
    by["asi_label"] = by["asi"].map(lambda x: t(f"asi.{x}"))
    by["theme_label"] = by["theme"].map(lambda x: t(f"theme.{x}"))
    left, right = st.columns(2)
    layout.chart_title(t("actions.by_asi"), "help.asi", box=left)
    layout.chart(charts.grouped_bar(by, x="asi_label", y="achieved", colour="theme_label", lang=lang,
                                    y_title=t("unit.tco2e_per_year"),
                                    colour_map={t(f"theme.{k}"): v for k, v in charts.THEME_COLOURS.items()},
                                    barmode="stack"), key="by_asi", box=left)
    ea = asi.by_asi(by)
    ea["asi_label"] = ea["asi"].map(lambda x: t(f"asi.{x}"))
    layout.chart_title(t("actions.exp_vs_ach"), "help.achieved", box=right)
    layout.chart(charts.expected_vs_achieved(ea, "asi_label", lang), key="exp_ach", box=right)
    data_downloads(by, "lcrs_actions_by_asi", "by_asi_dl", {"asi_label": t("actions.col.asi"),
                   "theme_label": t("actions.col.theme"),
                   "expected": f"{t('asi.expected')} ({t('unit.tco2e_per_year')})",
                   "achieved": f"{t('asi.achieved')} ({t('unit.tco2e_per_year')})"})

st.markdown(f"**{t('actions.by_essential')}**")
ess = asi.by_essential(sel)
if ess.empty:
    st.info(t("actions.no_resilience"))
else:
    ess_table = action_labels.essentials_table(ess)
    st.dataframe(ess_table, hide_index=True, placeholder=tables.MISSING, width="stretch",
                 column_config={t("actions.col.budget"): st.column_config.NumberColumn(format="%,.0f")})
    data_downloads(ess_table, "lcrs_actions_by_undrr_essential", "by_essential_dl")

st.markdown(f"**{t('actions.registry')}**")
names = munis.set_index("code")["name_th" if lang == "th" else "name_en"]
found = sel.assign(
    municipality=sel["municipality_code"].map(names),
    title=sel["title_th"] if lang == "th" else sel["title_en"].fillna(sel["title_th"]),
    department=tables.department_names(sel["department"]),
)
s1, s2 = st.columns([2, 1])
query = s1.text_input(t("actions.search"), key="act_search", placeholder=t("actions.search_hint"))
order = s2.selectbox(t("actions.sort"), registry_view.SORTS, key="act_sort",
                     format_func=lambda c: t(f"actions.sort.{c}"))
found = registry_view.ordered(registry_view.search(found, query, ["municipality", "title", "department",
                                                                   "municipality_code"]), order)
cols = {"municipality": "actions.col.municipality", "title": "actions.col.title", "theme": "actions.col.theme",
        "asi": "actions.col.class", "status": "actions.col.status", "department": "actions.col.department",
        "years": "actions.col.years", "budget_thb": "actions.col.budget", "expected_tco2e": "actions.col.expected",
        "achieved_tco2e": "actions.col.achieved", "bike_lane_km": "actions.col.bike_km"}


def registry_table(rows):
    """The registry's rows as the page shows and downloads them: labels in the page language, headers
    translated (built for the shown page on every run, for the whole selection when a download is pressed)."""
    year_range = functools.lru_cache(maxsize=None)(lambda a, b: fmt.year_range(a, b, lang))  # few distinct pairs
    out = rows.assign(
        theme=layout.translated(rows["theme"], "theme"),
        asi=action_labels.class_labels(rows),
        status=layout.translated(rows["status"], "status"),
        years=[year_range(a, b) for a, b in zip(rows["start_year"].tolist(), rows["end_year"].tolist())],
    )
    return out[list(cols)].rename(columns={k: t(v) for k, v in cols.items()})


if found.empty:
    st.info(t("actions.no_match"), icon=":material/search_off:")
else:
    pages = registry_view.page_count(len(found))
    page = 1
    p1, p2 = st.columns([1, 3], vertical_alignment="bottom")
    if pages > 1:
        if st.session_state.get("act_page", 1) > pages:   # a narrower search left fewer pages
            st.session_state["act_page"] = pages
        page = p1.number_input(t("actions.page", pages=pages), min_value=1, max_value=pages, step=1,
                               key="act_page")
    shown = registry_view.page_of(found, page)
    first = (min(max(1, int(page)), pages) - 1) * registry_view.PAGE_ROWS + 1
    p2.caption(t("actions.showing", first=f"{first:,}", last=f"{first + len(shown) - 1:,}",
                 total=f"{len(found):,}"))
    # a Styler would take ~5 s over a national registry: formats and "—" are given to the grid instead
    st.dataframe(registry_table(shown), hide_index=True, placeholder=tables.MISSING, width="stretch",
                 column_config={t("actions.col.budget"): st.column_config.NumberColumn(format="%,.0f"),
                                t("actions.col.expected"): st.column_config.NumberColumn(format="%,.1f"),
                                t("actions.col.achieved"): st.column_config.NumberColumn(format="%,.1f"),
                                t("actions.col.bike_km"): st.column_config.NumberColumn(format="%,.1f")})
    downloads.buttons_made(lambda: registry_table(found), "lcrs_actions_registry", "registry")
