"""Plotly figure builders (pure: DataFrame in, figure out; no Streamlit), tested directly.

Colours: Okabe-Ito, a colour-blind-safe palette; sequential scales use cividis. Units are always on the axes.
In Thai, years on axes are พ.ศ.
"""
from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from ui import fmt
from ui.i18n import t
from indicators.catalogue import THEMES
from ui.safe_text import safe_figure

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SCOPE_COLOURS = {1: "#D55E00", 2: "#0072B2", 3: "#009E73"}
THEME_COLOURS = {"low_carbon": "#009E73", "bike_walk": "#0072B2", "resilience": "#E69F00"}
FONT = "LCRS Sans, Noto Sans Thai, Noto Sans, sans-serif"


def _base_layout(fig: go.Figure, title: str | None = None, height: int = 380) -> go.Figure:
    # legend under the plot: a legend above it collides with the title on narrow columns
    fig.update_layout(title=dict(text=title, x=0, xanchor="left"), height=height, font_family=FONT,
                      margin=dict(l=10, r=10, t=50 if title else 20, b=10),
                      legend=dict(orientation="h", yanchor="top", y=-0.18, x=0))
    # every builder ends here: names and titles from imported data are drawn as text, never as Plotly markup
    return safe_figure(fig)


def _years(years, lang: str) -> list[int]:
    return [fmt.be(y) if lang == "th" else int(y) for y in years]


def year_axis_title(lang: str) -> str:
    """'ปี (พ.ศ.)' or 'Year'."""
    return "ปี (พ.ศ.)" if lang == "th" else "Year"


def trend_figure(series: pd.DataFrame, lang: str, value_col: str = "value", name_col: str | None = None,
                 base_year: int | None = None, base_value: float | None = None,
                 trajectory: pd.DataFrame | None = None, bau: pd.DataFrame | None = None,
                 unit: str = "tCO2e", title: str | None = None, height: int = 380) -> go.Figure:
    """Lines of ``value_col`` over ``year``; the base year and the 5 % reduction line marked.

    ``trajectory`` and ``bau`` are optional frames with columns year, value (target path and business-as-usual).
    """
    fig = go.Figure()
    groups = series.groupby(name_col, sort=False) if name_col else [(t("trend.actual"), series)]
    for i, (name, g) in enumerate(groups):
        g = g.sort_values("year")
        fig.add_trace(go.Scatter(x=_years(g["year"], lang), y=g[value_col], mode="lines+markers", name=str(name),
                                 line=dict(color=OKABE_ITO[i % len(OKABE_ITO)], width=3)))
    if trajectory is not None and not trajectory.empty:
        fig.add_trace(go.Scatter(x=_years(trajectory["year"], lang), y=trajectory["value"], mode="lines",
                                 name=t("trend.target_path"), line=dict(color="#009E73", dash="dash")))
    if bau is not None and not bau.empty:
        fig.add_trace(go.Scatter(x=_years(bau["year"], lang), y=bau["value"], mode="lines", name=t("trend.bau"),
                                 line=dict(color="#999999", dash="dot")))
    if base_value is not None and not fmt.is_missing(base_value):
        fig.add_hline(y=base_value * 0.95, line=dict(color="#D55E00", dash="dash", width=2),
                      annotation_text=t("trend.five_pct_line"), annotation_position="bottom right")
    if base_year is not None and not fmt.is_missing(base_year):
        x = fmt.be(base_year) if lang == "th" else int(base_year)
        fig.add_vline(x=x, line=dict(color="#555555", dash="dot"))
        fig.add_annotation(x=x, yref="paper", y=1.0, text=t("trend.base_year"), showarrow=False,
                           yanchor="bottom", font=dict(size=11))
    fig.update_xaxes(title=year_axis_title(lang), dtick=1, tickformat="d")
    fig.update_yaxes(title=unit, rangemode="tozero", separatethousands=True)
    return _base_layout(fig, title, height=height)


def cfo_sunburst(rows: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """CFO by scope → category → activity, from rows with scope, category, activity, name, tco2e."""
    df = rows[rows["tco2e"].notna() & (rows["tco2e"] > 0)]
    ids, labels, parents, values, colours = [], [], [], [], []
    for scope, gs in df.groupby("scope"):
        sid = f"s{int(scope)}"
        ids.append(sid); labels.append(t(f"scope.{int(scope)}")); parents.append("")
        values.append(gs["tco2e"].sum()); colours.append(SCOPE_COLOURS.get(int(scope), "#999999"))
        for cat, gc in gs.groupby("category"):
            cid = f"{sid}/{cat}"
            ids.append(cid); labels.append(t(f"cat.{cat}")); parents.append(sid)
            values.append(gc["tco2e"].sum()); colours.append(SCOPE_COLOURS.get(int(scope), "#999999"))
            for name, ga in gc.groupby("name"):
                ids.append(f"{cid}/{name}"); labels.append(str(name)); parents.append(cid)
                values.append(ga["tco2e"].sum()); colours.append(SCOPE_COLOURS.get(int(scope), "#999999"))
    fig = go.Figure(go.Sunburst(ids=ids, labels=labels, parents=parents, values=values, branchvalues="total",
                                marker=dict(colors=colours), hovertemplate="%{label}<br>%{value:,.1f} tCO2e<extra></extra>"))
    return _base_layout(fig, title, height=420)


def ccf_treemap(rows: pd.DataFrame, lang: str, title: str | None = None) -> go.Figure:
    """City inventory by GPC sector → reference number, from rows with sector, gpc_ref, name, tco2e."""
    df = rows[rows["tco2e"].notna() & (rows["tco2e"] > 0)]
    ids, labels, parents, values = [], [], [], []
    for sector, gs in df.groupby("sector"):
        ids.append(sector); labels.append(f"{sector} {t(f'gpc.sector.{sector}')}"); parents.append("")
        values.append(gs["tco2e"].sum())
        for ref, gr in gs.groupby("gpc_ref"):
            ids.append(f"{sector}/{ref}"); labels.append(f"{ref} {gr['name'].iloc[0]}"); parents.append(sector)
            values.append(gr["tco2e"].sum())
    fig = go.Figure(go.Treemap(ids=ids, labels=labels, parents=parents, values=values, branchvalues="total",
                               marker=dict(colorscale="Cividis"), hovertemplate="%{label}<br>%{value:,.1f} tCO2e<extra></extra>"))
    return _base_layout(fig, title, height=420)


def wma_heatmap(cells: pd.DataFrame, lang: str, title: str | None = None, zmin: float = 0, zmax: float = 100,
                diverging: bool = False) -> go.Figure:
    """The 12-cell Whole-Municipality matrix: rows = themes, columns = dimensions 1-4.

    ``cells`` has columns theme, dimension, score (NaN where no evidence) and optionally confidence (0-1).
    Cells without evidence are labelled, not coloured as zero.
    """
    z, text = [], []
    for theme in THEMES:
        row_z, row_t = [], []
        for d in (1, 2, 3, 4):
            hit = cells[(cells["theme"] == theme) & (cells["dimension"] == d)]
            score = hit["score"].iloc[0] if len(hit) else float("nan")
            conf = hit["confidence"].iloc[0] if len(hit) and "confidence" in hit else None
            missing = score is None or (isinstance(score, float) and math.isnan(score))
            row_z.append(None if missing else float(score))
            label = t("wma.no_evidence") if missing else (f"{float(score):+.0f}" if diverging else f"{float(score):.0f}")
            if conf is not None and not missing and not fmt.is_missing(conf) and float(conf) < 1:
                label += f"<br><sub>{t('wma.confidence')} {float(conf) * 100:.0f}%</sub>"
            row_t.append(label)
        z.append(row_z); text.append(row_t)
    fig = go.Figure(go.Heatmap(
        z=z, x=[t(f"dim.{d}") for d in (1, 2, 3, 4)], y=[t(f"theme.{th}") for th in THEMES], text=text,
        texttemplate="%{text}", zmin=zmin, zmax=zmax, colorscale="RdBu" if diverging else "Cividis",
        zmid=0 if diverging else None, colorbar=dict(title=t("wma.score_unit")), hoverongaps=False,
        textfont=dict(size=15)))
    fig.update_yaxes(autorange="reversed")
    return _base_layout(fig, title, height=320)


def grouped_bar(df: pd.DataFrame, x: str, y: str, colour: str | None, lang: str, y_title: str,
                x_title: str | None = None, title: str | None = None, colour_map: dict | None = None,
                barmode: str = "group", orientation: str = "v") -> go.Figure:
    """Bars of ``y`` by ``x`` (grouped by ``colour``)."""
    fig = go.Figure()
    groups = df.groupby(colour, sort=False) if colour else [(None, df)]
    for i, (name, g) in enumerate(groups):
        colour_value = (colour_map or {}).get(name, OKABE_ITO[i % len(OKABE_ITO)])
        if orientation == "h":
            fig.add_trace(go.Bar(y=g[x], x=g[y], name=str(name) if name is not None else y_title,
                                 marker_color=colour_value, orientation="h"))
        else:
            fig.add_trace(go.Bar(x=g[x], y=g[y], name=str(name) if name is not None else y_title,
                                 marker_color=colour_value))
    fig.update_layout(barmode=barmode, showlegend=colour is not None)
    if orientation == "h":
        fig.update_xaxes(title=y_title, separatethousands=True)
        fig.update_yaxes(title=x_title, autorange="reversed")
    else:
        fig.update_yaxes(title=y_title, separatethousands=True)
        fig.update_xaxes(title=x_title)
    return _base_layout(fig, title)


def histogram(values: pd.Series, lang: str, x_title: str, title: str | None = None, nbins: int = 20,
              vline: float | None = None, vline_label: str | None = None) -> go.Figure:
    """Distribution of ``values`` (missing values dropped)."""
    fig = go.Figure(go.Histogram(x=values.dropna(), nbinsx=nbins, marker_color=OKABE_ITO[0]))
    if vline is not None:
        fig.add_vline(x=vline, line=dict(color="#D55E00", dash="dash", width=2), annotation_text=vline_label)
    fig.update_xaxes(title=x_title)
    fig.update_yaxes(title=t("unit.count"))
    return _base_layout(fig, title, height=320)


def expected_vs_achieved(df: pd.DataFrame, label_col: str, lang: str, title: str | None = None) -> go.Figure:
    """Expected against achieved tCO2e/year per group (columns expected, achieved)."""
    fig = go.Figure()
    fig.add_trace(go.Bar(x=df[label_col], y=df["expected"], name=t("asi.expected"), marker_color=OKABE_ITO[4]))
    fig.add_trace(go.Bar(x=df[label_col], y=df["achieved"], name=t("asi.achieved"), marker_color=OKABE_ITO[2]))
    fig.update_layout(barmode="group")
    fig.update_yaxes(title=t("unit.tco2e_per_year"), separatethousands=True)
    return _base_layout(fig, title)


def cells_side_by_side(frame: pd.DataFrame, names: list[str], weakest: list, lang: str,
                       title: str | None = None) -> go.Figure:
    """Each municipality's own 12 Whole-Municipality cells on one row (columns theme · dimension), its weakest
    cell marked ▼. ``frame`` has the 12 cell columns, one row per name; ``weakest`` the weakest column per row."""
    cols = [f"{th}_{d}" for th in THEMES for d in (1, 2, 3, 4)]
    z, text = [], []
    for (_, row), weak in zip(frame.iterrows(), weakest):
        row_z, row_t = [], []
        for c in cols:
            v = row.get(c)
            missing = fmt.is_missing(v)
            row_z.append(None if missing else float(v))
            label = "—" if missing else f"{float(v):.0f}"
            row_t.append(f"<b>▼ {label}</b>" if c == weak else label)
        z.append(row_z)
        text.append(row_t)
    x = [f"{t('theme.short.' + c.rsplit('_', 1)[0])} {c.rsplit('_', 1)[1]}" for c in cols]
    fig = go.Figure(go.Heatmap(z=z, x=x, y=names, text=text, texttemplate="%{text}", zmin=0, zmax=100,
                               colorscale="Cividis", colorbar=dict(title=t("wma.score_unit")), hoverongaps=False,
                               textfont=dict(size=14), xgap=2, ygap=2))
    fig.update_yaxes(autorange="reversed", automargin=True)
    fig.update_xaxes(side="top")
    return _base_layout(fig, title, height=120 + 48 * max(1, len(names)))


def change_bars(frame: pd.DataFrame, label_col: str, lang: str, unit: str, title: str | None = None) -> go.Figure:
    """Change since the base year per group as horizontal bars, largest first: a fall in green, a rise in
    orange (``frame`` from ``indicators.change.change_by_group`` with a label column)."""
    df = frame.dropna(subset=["change_t"])
    colours = ["#009E73" if v < 0 else "#D55E00" for v in df["change_t"]]
    fig = go.Figure(go.Bar(y=df[label_col], x=df["change_t"], orientation="h", marker_color=colours,
                           text=[f"{v:+,.1f}" for v in df["change_t"]], textposition="auto",
                           hovertemplate="%{y}<br>%{x:+,.1f} " + unit + "<extra></extra>"))
    fig.update_xaxes(title=unit, separatethousands=True, zeroline=True, zerolinecolor="#555555")
    fig.update_yaxes(autorange="reversed", automargin=True)
    return _base_layout(fig, title, height=max(220, 70 + 34 * len(df)))
