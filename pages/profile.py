"""Municipality profile: where emissions come from, the trend against the base year, the 12-cell matrix,
actions, scorecard and data quality, with a drill-down to the rows and factors behind every total."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.figures import scores
from data.queries import indicator_rows
from data.queries import lookups
from data.figures import inventories
from data.figures import reductions, summary
from data.figures import fiscal as fiscal_data
from geo import mobility
from indicators import change
from ui import charts, fmt, layout, report_cache, share_panel, tables, url_state
from ui import profile_tables as prof
from ui import verdict_widgets as vw
from ui.db import cache_key, overlay_batches, public_text, q, reader
from ui.downloads import data_downloads
from ui.i18n import get_lang, t
from ui.router import ensure_routed

ensure_routed()

lang = get_lang()
layout.header("page.profile")
munis = q(lookups.municipalities)
years = q(lookups.activity_years)
code = layout.select_municipality(munis)
year = layout.select_year(years)
if year is None:
    layout.no_data()
    url_state.stop()

figures = q(inventories.network_summary)


@st.cache_data(show_spinner=False, max_entries=256)
def _peer_line(key: tuple, code: str, year: int, lang: str) -> str | None:
    """``profile_tables.peer_line``, kept until the data change (ranks over the national frame: ~30-60 ms on
    every rerun otherwise); ``key`` holds the data version and the session's unpublished batches."""
    return prof.peer_line(q(inventories.network_summary), q(lookups.municipalities), q(lookups.municipality, code),
                          year, lang)

if code is None:
    st.info(t("profile.choose"))
    table = prof.network_table(figures, munis, year, lang)
    st.dataframe(table.rename(columns=lambda c: t(c)), hide_index=True, placeholder=tables.MISSING, width="stretch",
                 column_config={t("ind.reduction_pct"): st.column_config.NumberColumn(format="%+.1f %%"),
                                t("ind.cfo_total"): st.column_config.NumberColumn(format="%,.1f"),
                                t("ind.per_capita"): st.column_config.NumberColumn(format="%.3f")})
    url_state.stop()

m = q(lookups.municipality, code)
if m is None:
    st.error(f"{t('profile.unknown')}: {layout.plain(code)}")
    url_state.stop()
s = q(summary.municipality_summary, code, year)

name = m["name_th"] if lang == "th" else m["name_en"]
st.subheader(layout.plain(name))  # imported text: shown as typed, never as markup
mentor = munis.loc[munis["code"] == m["mentor_code"]]
meta = [f"{t('profile.province')}: {m['province_th'] if lang == 'th' else m['province_en']}",
        t(f"type.{m['type']}"), t(f"role.{m['role']}") if m["role"] else t("role.none"),
        f"{t('profile.population')}: {fmt.num(m['population'])}",
        f"{t('profile.area')}: {fmt.num(m['area_km2'], 1)}",
        f"{t('trend.base_year')}: {fmt.year_label(m['base_year'], lang) if not fmt.is_missing(m['base_year']) else '—'}"]
if len(mentor):
    meta.append(f"{t('profile.mentor')}: {layout.muni_label(mentor.iloc[0])}")
st.caption(" · ".join(layout.plain(x) for x in meta))

with layout.filter_box():  # beside the year: on a phone, out of the way of the answer
    period = share_panel.period_switch()
if period == "fiscal":
    s = q(fiscal_data.municipality_summary, code, year, period="fiscal")
    st.caption(t("period.fiscal_note", fy=fmt.year_label(year, lang), prev=fmt.short_year(year - 1, lang),
                 cur=fmt.short_year(year, lang)))
    if s["fiscal"]["reason"]:
        st.info(t(f"period.{s['fiscal']['reason']}", months=", ".join(s["fiscal"]["missing_months"][:6])))
# --- the answer first: reduction and award in words, the trend beside the figures (on a phone: stacked) ------
cfo, ccf = s["cfo"], s["ccf"]
red, award = s["reduction_pct"], s["award_eligible"]
hist = figures[(figures["code"] == code)][["year", "cfo_total"]].dropna().rename(columns={"cfo_total": "value"})
hist["value"] = hist["value"].astype(float)
st.markdown(f"#### {layout.plain(prof.answer_line(s, lang))}")
peer_line = _peer_line((cache_key(), overlay_batches()), code, year, lang)
if peer_line:
    st.caption(layout.plain(peer_line))
left, right = st.columns([2, 3])
with left:
    if hist.empty:
        layout.no_data()
    else:
        layout.chart_title(t("profile.mini_trend"), "help.reduction")
        layout.chart(charts.trend_figure(hist, lang, base_year=s["base_year"], base_value=s["base_total"],
                                         unit=t("unit.tco2e"), height=240),
                     key="mini_trend")
with right:
    c = st.columns(3)
    layout.kpi(c[0], f"{t('kpi.cfo_total')} ({t('unit.tco2e')})", fmt.num(cfo["total"], 1),
               help_text=t("help.cfo"))
    vw.reduction_kpi(c[1], s)
    layout.kpi(c[2], t("kpi.award"), "—" if award is None else (t("kpi.yes") if award else t("kpi.no")),
               help_text=t("help.award"))
    c = st.columns(3)
    layout.kpi(c[0], f"{t('kpi.per_capita')} ({t('unit.tco2e_pc')})", fmt.num(s["per_capita"], 3),
               help_text=t("help.per_capita"))
    vw.index_kpi(c[1], s.get("wma"), t("kpi.lcrs_index"))
    layout.kpi(c[2], f"{t('kpi.ccf_basic')} ({t('unit.tco2e')})", fmt.num(ccf["basic"], 0), help_text=t("help.basic"))
    c = st.columns(3)
    for i, scope in enumerate(("scope1", "scope2", "scope3")):
        layout.kpi(c[i], f"{t(f'scope.{i + 1}')} ({t('unit.tco2e')})", fmt.num(cfo[scope], 1),
                   help_text=t(f"help.scope{i + 1}"))
refs = q(lookups.gpc_refs)
vw.completeness(st, ccf.get("basic_missing"), int((refs["level"] == "B").sum()))

TABS = ("why", "cfo", "ccf", "trend", "wma", "actions", "resilience", "data")
# Only the open tab is computed and sent: the tabs keep the open tab in the address, so a click on another one
# reruns the page anyway, and the eight tabs' charts and tables on every run made each change of year,
# municipality or tab wait for all of them (bench/README.md). A link with ``tab=`` opens any tab directly.
tabs = url_state.tabs("tab", TABS, [f"profile.tab.{x}" for x in TABS])


def activity_rows():
    """The year's activity rows with their labels and factors (the CFO and data-quality tabs)."""
    return prof.label_rows(q(inventories.activity_emissions, code, year), q(lookups.factor_library), lang)


def _tab_why() -> None:
    base_year = s["base_year"]
    if base_year is None or fmt.is_missing(base_year):
        st.info(t("answer.no_base"))
    elif int(base_year) == year:
        st.info(t("why.is_base"))
    else:
        base_year = int(base_year)
        st.caption(t("why.intro", year=fmt.year_label(year, lang), base=fmt.year_label(base_year, lang)))
        split = s.get("reduction") or {}
        if split.get("activity_effect_pct") is not None:
            st.caption(t("why.split", activity=fmt.pct(split["activity_effect_pct"], signed=True),
                         factor=fmt.pct(split.get("factor_effect_pct"), signed=True)))
        # like for like, with each category's change split into activity and emission-factor effects
        cfo_change = change.with_contributions(q(reductions.category_effects, code, year))
        cat_labels = {c: t(f"cat.{c}") for c in cfo_change["group"]}
        unit = t("unit.tco2e")
        layout.chart_title(t("why.cfo_title", unit=unit), "help.cfo")
        if cfo_change.empty:
            st.info(t("profile.no_cfo"))
        else:
            shown = cfo_change.assign(label=cfo_change["group"].map(cat_labels))
            layout.chart(charts.change_bars(shown, "label", lang, unit), key="why_cfo")
            cfo_table = prof.change_display(cfo_change, cat_labels, lang)
            st.table(tables.styled(cfo_table).hide(axis="index"))
            data_downloads(cfo_table, f"lcrs_why_cfo_{code}_{year}", "why_cfo_dl")
        gpc_now, gpc_base = q(inventories.ccf_table, code, year), q(inventories.ccf_table, code, base_year)
        sector_change = change.change_by_group(gpc_base[gpc_base["in_basic_plus"]],
                                               gpc_now[gpc_now["in_basic_plus"]], "sector")
        sector_change = sector_change.dropna(subset=["base_t", "year_t"], how="all")
        layout.chart_title(t("why.gpc_title", unit=unit), "help.gpc")
        if sector_change.empty:
            st.info(t("why.no_ccf"))
        else:
            sec_labels = {g: f"{g} {t(f'gpc.sector.{g}')}" for g in sector_change["group"]}
            shown = sector_change.assign(label=sector_change["group"].map(sec_labels))
            layout.chart(charts.change_bars(shown, "label", lang, unit), key="why_gpc")
            gpc_table = prof.change_display(sector_change, sec_labels, lang)
            st.table(tables.styled(gpc_table).hide(axis="index"))
            data_downloads(gpc_table, f"lcrs_why_gpc_{code}_{year}", "why_gpc_dl")
        st.caption(t("why.one_year"))

def _tab_cfo() -> None:
    rows = activity_rows()
    cfo_rows = rows[rows["inventory"] == "CFO"]
    if cfo_rows.empty:
        st.info(t("profile.no_cfo"))
    else:
        left, right = st.columns([3, 2])
        layout.chart_title(t("profile.cfo_chart"), "help.scopes", box=left)
        layout.chart(charts.cfo_sunburst(cfo_rows, lang), key="sunburst", box=left)
        by_cat = prof.cfo_by_category(q(inventories.cfo_table, code, year))
        right.dataframe(tables.styled(by_cat, {t("col.tco2e"): 2, t("col.share_pct"): 1}), hide_index=True,
                        placeholder=tables.MISSING,
                        width="stretch")
        data_downloads(by_cat, f"lcrs_cfo_{code}_{year}", "cfo_dl")

def _tab_ccf() -> None:
    gpc = q(inventories.ccf_table, code, year)
    if gpc.empty or gpc["tco2e"].isna().all():
        st.info(t("profile.no_ccf"))
    else:
        k = st.columns(2)
        layout.kpi(k[0], f"{t('kpi.ccf_basic')} ({t('unit.tco2e')})", fmt.num(ccf["basic"], 0),
                   help_text=t("help.basic"))
        layout.kpi(k[1], f"{t('kpi.ccf_basic_plus')} ({t('unit.tco2e')})", fmt.num(ccf["basic_plus"], 0),
                   help_text=t("help.basic"))
        gpc = gpc.assign(name=gpc["name_th" if lang == "th" else "name_en"],
                         notation=gpc["notation_th" if lang == "th" else "notation_en"])
        layout.chart_title(t("profile.ccf_chart"), "help.ccf")
        layout.chart(charts.ccf_treemap(gpc[gpc["in_basic_plus"]], lang), key="treemap")
        st.markdown(f"**{t('profile.gpc_table')}**")
        st.dataframe(tables.styled(prof.gpc_display(gpc, lang), 1), hide_index=True, placeholder=tables.MISSING,
                     width="stretch")
        data_downloads(prof.gpc_display(gpc, lang), f"lcrs_ccf_{code}_{year}", "ccf_dl")

def _tab_trend() -> None:
    if hist.empty:
        layout.no_data()
    else:
        base_year, base_total = s["base_year"], s["base_total"]
        outlook = q(inventories.target_outlook, code)
        # no path up to the target when the latest year is already below it
        traj = outlook["trajectory"].rename(columns={"target_t": "value"}) \
            if len(outlook["trajectory"]) and not outlook.get("target_met") else None
        bau = outlook["bau"].rename(columns={"bau_t": "value"}) if len(outlook["bau"]) else None
        layout.chart_title(t("kpi.cfo_total"), "help.reduction")
        layout.chart(charts.trend_figure(hist, lang, base_year=base_year, base_value=base_total,
                                         trajectory=traj, bau=bau, unit=t("unit.tco2e")), key="trend")
        data_downloads(hist.assign(year_be=hist["year"].map(fmt.be)), f"lcrs_trend_{code}", "trend_dl",
                       {"year": t("download.col.year"), "year_be": t("download.col.year_be"),
                        "value": f"{t('kpi.cfo_total')} ({t('unit.tco2e')})"})
        if base_year is None:
            st.info(t("profile.flag_no_base"))
        elif len(outlook["bau"]):
            method = outlook["bau"]["method"].iloc[0]
            st.caption(t("profile.bau_note", rate=fmt.pct(float(outlook["bau"]["growth_rate"].iloc[0]) * 100, 2),
                         method=t(f"outlook.bau.{method}")))
        if outlook.get("target_met"):
            st.success(t("outlook.target_met"))

def _tab_wma() -> None:
    wma = s.get("wma")
    if not wma:
        layout.no_data()
    else:
        cells = q(scores.wma_explain, code, year)
        grid = prof.wma_cells(wma, cells)
        layout.chart_title(t("wma.title"), "help.wma")
        layout.chart(charts.wma_heatmap(grid, lang), key="wma")
        data_downloads(prof.wma_download(grid), f"lcrs_wma_{code}_{year}", "wma_dl")
        with st.expander(t("wma.explain")):
            st.dataframe(tables.styled(prof.explain_display(cells, lang), 2), hide_index=True,
                         placeholder=tables.MISSING, width="stretch")
    with st.expander(t("bike.title")):
        st.caption(t("bike.help"))
        net_file = st.file_uploader(t("bike.upload"), type=["geojson", "json"], key="bike_net")
        pop_file = st.file_uploader(t("bike.population"), type=["geojson", "json"], key="bike_pop")
        if net_file is not None:
            try:
                boundary = mobility.equivalent_circle(float(m["lon"]), float(m["lat"]), float(m["area_km2"]))
                network = net_file.getvalue()
                length_m = mobility.network_length_m(network, boundary)
                share = (mobility.population_share_within(network, pop_file.getvalue(), boundary=boundary)
                         if pop_file is not None else None)
                by_class = mobility.length_by_class(network, boundary)
            except mobility.GeoInputError as exc:
                st.error(f"{layout.plain(public_text(exc.message_th))}\n\n{layout.plain(public_text(exc.message_en))}")
            else:
                b = st.columns(3)
                layout.kpi(b[0], t("bike.length"), fmt.num(length_m / 1000, 2), help_text=t("help.bike_length"))
                layout.kpi(b[1], t("bike.per_10k"),
                           fmt.num(mobility.bike_lane_km_per_10k(length_m, m["population"]), 2),
                           help_text=t("help.bike_length"))
                layout.kpi(b[2], t("bike.share_300"), "—" if share is None else fmt.pct(share * 100),
                           help_text=t("help.bike_share_300"))
                if by_class is not None:
                    lanes = pd.DataFrame({t("col.class"): by_class["class"],
                                          t("col.length_km"): by_class["length_m"] / 1000,
                                          t("col.share_pct"): by_class["share"] * 100})
                    st.dataframe(tables.styled(lanes, {t("col.length_km"): 3, t("col.share_pct"): 1}),
                                 hide_index=True, placeholder=tables.MISSING)

def _tab_actions() -> None:
    acts = q(indicator_rows.actions, code)
    if acts.empty:
        st.info(t("profile.no_actions"))
    else:
        st.dataframe(tables.styled(prof.actions_display(acts, lang), {t("actions.col.budget"): 0}),
                     hide_index=True, placeholder=tables.MISSING, width="stretch")

def _tab_resilience() -> None:
    sc = q(scores.scorecard, code, year)
    if sc is None or len(sc) == 0:
        st.info(t("profile.no_scorecard"))
    else:
        ess = prof.essentials_display(sc)
        layout.chart_title(t("profile.essentials"), "help.undrr")
        layout.chart(charts.grouped_bar(ess, x="label", y="score_pct", colour=None, lang=lang,
                                        y_title=t("unit.score"), orientation="h"), key="essentials")
        data_downloads(prof.essentials_download(ess), f"lcrs_resilience_{code}_{year}", "ess_dl")

def _tab_data() -> None:
    rows = activity_rows()
    st.markdown(f"**{t('profile.dq_flags')}**")
    for flag in prof.data_flags(rows, s):
        st.markdown(f"- {flag}")
    st.caption(t("profile.dq_note"))
    st.markdown(f"**{t('profile.drill')}**")
    groups = prof.drill_groups(rows)
    pick = st.selectbox(t("profile.drill_filter"), ["*"] + list(groups), key="drill",
                        format_func=lambda g: t("actions.all") if g == "*" else g)
    st.dataframe(tables.styled(prof.drill_rows(rows, pick, lang), {t("drill.month"): 0, t("drill.amount"): 2,
                                                                  t("col.ef"): 4, t("col.tco2e"): 3}),
                 hide_index=True, placeholder=tables.MISSING, width="stretch")

for tab, draw in zip(tabs, (_tab_why, _tab_cfo, _tab_ccf, _tab_trend, _tab_wma, _tab_actions, _tab_resilience,
                            _tab_data)):
    if tab.open:
        with tab:
            draw()

st.divider()
st.markdown(f"**{t('profile.report')}**")
st.caption(t("profile.boundary"))
rc = st.columns(3)
if rc[0].button(t("profile.report_prepare"), key="prep_report"):
    from reports import build_municipality_pdf, build_municipality_xlsx

    def _build() -> tuple[bytes, bytes]:
        with reader() as cur:
            return (build_municipality_pdf(cur, code, year, lang=lang),
                    build_municipality_xlsx(cur, code, year, lang=lang))

    try:
        with st.spinner("…"):
            # built once per municipality, year, language and data version, a few at a time per process
            pdf, xlsx = report_cache.get_reports((*cache_key(), code, year, lang), _build)
        st.session_state["report_pdf"] = (code, year, lang, pdf)
        st.session_state["report_xlsx"] = (code, year, lang, xlsx)
    except report_cache.Busy:
        st.warning(t("profile.report_busy"))
for i, (key, label, mime, ext) in enumerate([
        ("report_pdf", "profile.report_pdf", "application/pdf", "pdf"),
        ("report_xlsx", "profile.report_xlsx",
         "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")]):
    ready = st.session_state.get(key)
    if ready and ready[:3] == (code, year, lang):
        rc[i + 1].download_button(t(label), ready[3], file_name=f"lcrs_{code}_{year}_{lang}.{ext}", mime=mime,
                                  key=f"dl_{key}")
st.divider()
share_panel.share_card(code, year, lang)
