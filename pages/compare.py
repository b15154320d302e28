"""Compare (mentors): pilot vs replicating groups, a pilot with its replicating cities, any 2-5 LAOs, and
a peer group of the same type and size; gaps per Whole-Municipality cell highlighted."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.figures import scores
from data.queries import lookups
from data.figures import inventories
from indicators import catalogue, compare, network
from ui import cell_grid, charts, downloads, layout, measures, tables, url_state
from ui.db import cache_key, q
from ui.downloads import data_downloads
from ui.i18n import get_lang, t
from ui.router import ensure_routed

ensure_routed()

lang = get_lang()
munis, year = layout.year_page("page.compare")
wma = q(scores.network_wma)
labels = layout.muni_labels(munis)
CELLS = [catalogue.cell_column(theme, dim) for theme, dim in catalogue.CELLS]


def cell_table(frame, name_col):
    """Rows = LAOs or groups, columns = the 12 cells + themes + overall, as a readable table."""
    cols = {c: f"{t('theme.' + c.rsplit('_', 1)[0])} · {c.rsplit('_', 1)[1]}" for c in CELLS}
    cols.update({th: t(f"theme.{th}") for th in charts.THEMES})
    cols["overall"] = t("wma.overall")
    keep = [name_col] + [c for c in cols if c in frame.columns]
    return frame[keep].rename(columns={**cols, name_col: t("municipality")})


# print without the sidebar and the toolbar: app.py's print style; the page itself is laid out top to bottom
PHONE_STYLE = ("<style>[class*='st-key-cells_phone_']{display:none}@media (max-width:640px){"
               "[class*='st-key-cells_wide_']{display:none}[class*='st-key-cells_phone_']{display:block}}</style>")
st.html(PHONE_STYLE)
TABS = ("groups", "pair", "any", "peer")
# the sidebar's municipality (the peer tab's subject) stays on every tab, as on the other pages
code = layout.select_municipality(munis)
# Only the open tab is computed and sent (the tabs keep the open tab in the address, so a click on another one
# reruns the page): the four tabs' charts, tables and the 7,850-name picker of "any" were sent on every run
# (bench/README.md). A link with ``tab=`` opens any tab directly.
tab_groups, tab_pair, tab_any, tab_peer = url_state.tabs("tab", TABS, [f"compare.{x}" for x in TABS])


def side_by_side(rows, title: str, file_name: str, key: str) -> None:
    """Each city's own 12 cells side by side with its weakest cell marked, the same as a table, and the table
    as Excel and CSV."""
    rows = rows.reset_index(drop=True)
    weakest = compare.weakest_cells(rows)
    names = rows["name"].tolist()
    layout.chart_title(title, "help.wma")
    # a 12-column heatmap on a wide screen; on a phone each city's 3 × 4 grid (PHONE_STYLE swaps them)
    layout.chart(charts.cells_side_by_side(rows, names, weakest.tolist(), lang), key=f"cells_{key}",
                 box=st.container(key=f"cells_wide_{key}"))
    st.container(key=f"cells_phone_{key}").html(cell_grid.grids_html(rows, names, weakest.tolist()))
    st.caption(t("compare.weakest_note"))
    table = cell_table(rows, "name").round(1)
    table.insert(1, t("compare.weakest"), [cell_name(w) for w in weakest])
    st.dataframe(tables.styled(table), hide_index=True, placeholder=tables.MISSING, width="stretch",
                 column_config={t("municipality"): st.column_config.TextColumn(pinned=True)})
    downloads.buttons(table, file_name, key)


def cell_name(col) -> str:
    if col is None:
        return "—"
    theme, dim = col.rsplit("_", 1)
    return f"{t('theme.' + theme)} · {t('dim.' + dim)}"


@st.cache_data(show_spinner=False, max_entries=32)
def group_tables(key: tuple, year: int):
    """Role-group means and the improvement ranking of ``year``, kept until the data change (~0.1 s of pandas
    over the national matrix on every rerun otherwise)."""
    matrix, municipalities = q(scores.network_wma), q(lookups.municipalities)
    return (compare.group_comparison(matrix[matrix["year"] == year], municipalities),
            compare.improvement_ranking(matrix, municipalities, year))


def _groups() -> None:
    groups, improved = group_tables(cache_key(), year)
    if groups.empty:
        layout.no_data()
    else:
        groups["group"] = groups["role"].map(lambda r: t(f"role.{r}"))
        long = groups.melt(id_vars=["group"], value_vars=[th for th in charts.THEMES if th in groups],
                           var_name="theme", value_name="score")
        long["theme_label"] = long["theme"].map(lambda x: t(f"theme.{x}"))
        layout.chart_title(t("compare.group_mean"), "help.lcrs")
        layout.chart(charts.grouped_bar(long, x="theme_label", y="score", colour="group", lang=lang,
                                        y_title=t("unit.score")), key="groups")
        data_downloads(long[["group", "theme_label", "score"]], f"lcrs_groups_{year}", "groups_dl")
        group_cells = cell_table(groups, "group").round(1)
        st.dataframe(tables.styled(group_cells, 1), hide_index=True, placeholder=tables.MISSING, width="stretch")
        downloads.buttons(group_cells, f"lcrs_group_cells_{year}", "group_cells")
        if not improved.empty:
            st.markdown(f"**{t('compare.improved')}**")
            improved["name"] = improved["code"].map(labels)
            st.dataframe(tables.styled(improved[["rank", "name", "progress"]].head(10).rename(
                columns={"rank": t("col.rank"), "name": t("municipality"), "progress": t("compare.progress")}), 1),
                hide_index=True, placeholder=tables.MISSING, width="stretch")



def _pair() -> None:
    pilots = munis[munis["role"] == "pilot"]
    if pilots.empty:
        layout.no_data()
    else:
        c1, c2 = st.columns([3, 2])
        pilot = url_state.widget(c1.selectbox, "pilot", t("compare.pick_pilot"), pilots["code"].tolist(),
                                 default=pilots["code"].iloc[0], format_func=lambda c: labels.get(c, c))
        view = url_state.widget(c2.radio, "view", t("compare.view"), ["cells", "gaps"], default="cells",
                                horizontal=True, format_func=lambda v: t(f"compare.view.{v}"))
        gaps = compare.mentor_gaps(wma[wma["year"] == year], munis, pilot)
        if gaps.empty:
            layout.no_data()
        elif view == "cells":
            gaps["name"] = gaps["code"].map(labels)
            side_by_side(gaps, t("compare.own_cells"), f"lcrs_pilot_{pilot}_{year}", "pair")
        else:
            gaps["name"] = gaps["code"].map(labels)
            rows = []
            for code, g in gaps[gaps["code"] != pilot].groupby("code", sort=False):
                cells = compare.gap_cells(gaps, pilot, code)
                layout.chart_title(f"{t('compare.gap')}: {labels[code]}", "help.gap")
                layout.chart(charts.wma_heatmap(cells, lang, zmin=-50, zmax=50, diverging=True),
                             key=f"gap_{code}")
                rows.append({"name": labels[code], **{f"{r.theme}_{r.dimension}": r.score
                                                     for r in cells.itertuples()}})
            if rows:
                table = cell_table(pd.DataFrame(rows), "name").round(1)
                st.dataframe(tables.styled(table), hide_index=True, placeholder=tables.MISSING, width="stretch")
                downloads.buttons(table, f"lcrs_gaps_{pilot}_{year}", "gaps")



def _any() -> None:
    picked = url_state.widget(st.multiselect, "pick", t("compare.pick_many"), munis["code"].tolist(), default=[],
                              multi=True, max_selections=5, placeholder=t("select.some"),
                              format_func=lambda c: labels.get(c, c))
    if len(picked) < 2:
        st.info(t("compare.pick_two"))
    else:
        table = measures.measure_frame(q(inventories.network_summary), wma, munis, year)
        sel = table[table["code"].isin(picked)].copy()
        sel["name"] = sel["code"].map(labels)
        show = {k: t(v.label_key) for k, v in measures.MEASURES.items()}
        figures_table = sel[["name"] + list(show)].rename(columns={"name": t("municipality"), **show}).round(3)
        st.dataframe(tables.styled(figures_table, {show[k]: v.digits for k, v in measures.MEASURES.items()}),
                     hide_index=True, placeholder=tables.MISSING, width="stretch")
        downloads.buttons(figures_table, f"lcrs_compare_{year}", "any_figures")
        w = wma[(wma["year"] == year) & wma["code"].isin(picked)].copy()
        if not w.empty:
            w["name"] = w["code"].map(labels)
            w = w.set_index("code").loc[[c for c in picked if c in set(w["code"])]].reset_index()
            side_by_side(w, t("compare.own_cells"), f"lcrs_cells_{year}", "any")



def _peer() -> None:
    if code is None:
        st.info(t("select.municipality"))
    else:
        peers = network.peer_group(munis, code)
        table = measures.measure_frame(q(inventories.network_summary), wma, peers, year)
        table["name"] = table["code"].map(labels)
        show = {k: t(v.label_key) for k, v in measures.MEASURES.items()}
        st.caption(f"{t('overview.type')}: {t('type.' + str(peers.iloc[0]['type']))} · "
                   f"{t('compare.size_band')}: ×½ – ×2 · n = {len(peers)}")
        out = table[["name"] + list(show)].rename(columns={"name": t("municipality"), **show}).reset_index(drop=True)
        own = (table["code"] == code).tolist()  # the chosen LAO's row, highlighted
        digits = {show[k]: v.digits for k, v in measures.MEASURES.items()}
        st.dataframe(tables.styled(out, digits).apply(
            lambda r: ["background-color: #FFF3CD" if own[r.name] else "" for _ in r], axis=1),
            hide_index=True, placeholder=tables.MISSING, width="stretch")
        downloads.buttons(out, f"lcrs_peers_{code}_{year}", "peers")


for tab, draw in zip((tab_groups, tab_pair, tab_any, tab_peer), (_groups, _pair, _any, _peer)):
    if tab.open:
        with tab:
            draw()
