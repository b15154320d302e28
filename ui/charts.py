"""Chart builders (pure: DataFrame in, chart out; no Streamlit), tested directly.

Each builder returns a ``Chart``: an Apache ECharts option (drawn with ``st.echarts_chart`` by ``layout.chart``)
and its height. ECharts rather than Plotly because a person waits for the chart library to load: Streamlit's
Plotly bundle is 4.7 MB of JavaScript, its ECharts bundle 1.2 MB, and on the 2-core machine a page with one
Plotly chart took three times as long to draw in a fresh browser as the same page with the ECharts chart
(bench/README.md).

Colours: Okabe-Ito, a colour-blind-safe palette; sequential scales use cividis. Units are always on the axes.
In Thai, years on axes are พ.ศ.

Imported names are drawn as typed: ECharts draws titles, axes, legends and labels on a canvas as plain text
(nothing to escape, and escaping would show ``&lt;``), and its tooltip, which is HTML, escapes the names and
values it fills in. The one way to smuggle markup is a ``formatter`` template, which is HTML in a tooltip and
expands ``{b}``-style placeholders in a label: the builders therefore put only text of their own (numbers and
catalogue labels) into a ``formatter`` or ``valueFormatter`` and names only into ``name``/``data`` fields
(``ui.safe_text.echarts_templates`` lists every template of an option; tests/test_safe_text.py checks them).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from indicators.catalogue import THEMES
from ui import fmt
from ui.i18n import t

OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
SCOPE_COLOURS = {1: "#D55E00", 2: "#0072B2", 3: "#009E73"}
THEME_COLOURS = {"low_carbon": "#009E73", "bike_walk": "#0072B2", "resilience": "#E69F00"}
FONT = "LCRS Sans, Noto Sans Thai, Noto Sans, sans-serif"
# matplotlib's cividis at 0, 0.25, 0.5, 0.75, 1 (colour-blind safe, light enough for dark labels at the top)
CIVIDIS = ["#00224E", "#414D6B", "#7C7B78", "#BCAF6F", "#FEE838"]
RED_BLUE = ["#B2182B", "#EF8A62", "#F7F7F7", "#67A9CF", "#2166AC"]   # ColorBrewer RdBu, diverging
BASE_LINE = "#D55E00"


TITLE_PX = 30   # the title's line above the chart, taken from the chart's height so the whole keeps its size


@dataclass(frozen=True)
class Chart:
    """An ECharts option, the height (px) to draw it at and its title. The title is drawn above the chart as
    page text (``layout.chart``), not on the canvas: a reader, a screen reader and a search can find it."""
    option: dict
    height: int = 380
    title: str | None = None


def _base(option: dict, title: str | None, height: int = 380, legend: bool = True) -> Chart:
    # legend under the plot: a legend above it collides with the title on narrow columns
    option.setdefault("textStyle", {"fontFamily": FONT})
    if legend:
        option["legend"] = {"bottom": 0, "left": 0, "type": "scroll"}
    option.setdefault("tooltip", {"trigger": "item"})
    if "xAxis" in option or "yAxis" in option:
        option.setdefault("grid", {"left": 10, "right": 30, "top": 30, "bottom": 60 if legend else 30,
                                   "containLabel": True})
    return Chart(option, height - TITLE_PX if title else height, title or None)


def _years(years, lang: str) -> list[int]:
    return [fmt.be(y) if lang == "th" else int(y) for y in years]


def _num(v) -> float | None:
    """A plain float for the JSON option; None (no point) when missing."""
    return None if fmt.is_missing(v) else float(v)


def year_axis_title(lang: str) -> str:
    """'ปี (พ.ศ.)' or 'Year'."""
    return "ปี (พ.ศ.)" if lang == "th" else "Year"


def _value_axis(name: str | None, **extra) -> dict:
    axis = {"type": "value", "name": name or "", "nameLocation": "middle", "nameGap": 55,
            "axisLabel": {"hideOverlap": True}}
    axis.update(extra)
    return axis


def trend_figure(series: pd.DataFrame, lang: str, value_col: str = "value", name_col: str | None = None,
                 base_year: int | None = None, base_value: float | None = None,
                 trajectory: pd.DataFrame | None = None, bau: pd.DataFrame | None = None,
                 unit: str = "tCO2e", title: str | None = None, height: int = 380) -> Chart:
    """Lines of ``value_col`` over ``year``; the base year and the 5 % reduction line marked.

    ``trajectory`` and ``bau`` are optional frames with columns year, value (target path and business-as-usual).
    Years are one continuous axis (every year from the first to the last of any line)."""
    frames = [series] + [f for f in (trajectory, bau) if f is not None and not f.empty]
    all_years = sorted({int(y) for f in frames for y in f["year"].dropna()})
    if base_year is not None and not fmt.is_missing(base_year):
        all_years = sorted(set(all_years) | {int(base_year)})
    span = list(range(all_years[0], all_years[-1] + 1)) if all_years else []
    index = {y: i for i, y in enumerate(span)}

    def points(frame: pd.DataFrame, col: str) -> list:
        out: list = [None] * len(span)
        for y, v in zip(frame["year"], frame[col]):
            if not fmt.is_missing(y):
                out[index[int(y)]] = _num(v)
        return out

    lines = []
    groups = series.groupby(name_col, sort=False) if name_col else [(t("trend.actual"), series)]
    for i, (name, g) in enumerate(groups):
        colour = OKABE_ITO[i % len(OKABE_ITO)]
        lines.append({"type": "line", "name": str(name), "data": points(g, value_col), "connectNulls": True,
                      "symbolSize": 7, "lineStyle": {"width": 3, "color": colour}, "itemStyle": {"color": colour}})
    if trajectory is not None and not trajectory.empty:
        lines.append({"type": "line", "name": t("trend.target_path"), "data": points(trajectory, "value"),
                      "connectNulls": True, "showSymbol": False,
                      "lineStyle": {"type": "dashed", "color": "#009E73"}, "itemStyle": {"color": "#009E73"}})
    if bau is not None and not bau.empty:
        lines.append({"type": "line", "name": t("trend.bau"), "data": points(bau, "value"), "connectNulls": True,
                      "showSymbol": False, "lineStyle": {"type": "dotted", "color": "#999999"},
                      "itemStyle": {"color": "#999999"}})
    marks = []
    if base_value is not None and not fmt.is_missing(base_value):
        # the award line: 5 % below the base year's total
        marks.append({"yAxis": float(base_value) * 0.95, "name": t("trend.five_pct_line"),
                      "lineStyle": {"color": BASE_LINE, "type": "dashed", "width": 2},
                      "label": {"formatter": t("trend.five_pct_line"), "position": "insideEndBottom"}})
    if base_year is not None and not fmt.is_missing(base_year):
        marks.append({"xAxis": str(_years([base_year], lang)[0]), "name": t("trend.base_year"),
                      "lineStyle": {"color": "#555555", "type": "dotted"},
                      "label": {"formatter": t("trend.base_year"), "position": "end"}})
    if lines and marks:
        lines[0]["markLine"] = {"symbol": "none", "silent": True, "data": marks}
    option = {"xAxis": {"type": "category", "name": year_axis_title(lang), "nameLocation": "middle", "nameGap": 30,
                        "boundaryGap": False, "data": [str(y) for y in _years(span, lang)]},
              "yAxis": _value_axis(unit, min=0),
              "tooltip": {"trigger": "axis"}, "series": lines}
    return _base(option, title, height)


def cfo_sunburst(rows: pd.DataFrame, lang: str, title: str | None = None) -> Chart:
    """CFO by scope → category → activity, from rows with scope, category, activity, name, tco2e."""
    df = rows[rows["tco2e"].notna() & (rows["tco2e"] > 0)]
    data = []
    for scope, gs in df.groupby("scope"):
        colour = SCOPE_COLOURS.get(int(scope), "#999999")
        cats = []
        for cat, gc in gs.groupby("category"):
            leaves = [{"id": f"s{int(scope)}/{cat}/{name}", "name": str(name), "value": float(ga["tco2e"].sum())}
                      for name, ga in gc.groupby("name")]
            cats.append({"id": f"s{int(scope)}/{cat}", "name": t(f"cat.{cat}"), "value": float(gc["tco2e"].sum()),
                         "children": leaves})
        data.append({"id": f"s{int(scope)}", "name": t(f"scope.{int(scope)}"), "value": float(gs["tco2e"].sum()),
                     "itemStyle": {"color": colour}, "children": cats})
    option = {"series": [{"type": "sunburst", "data": data, "radius": ["12%", "90%"], "sort": None,
                          "label": {"rotate": "radial", "minAngle": 18, "overflow": "truncate", "fontSize": 11},
                          "tooltip": {"valueFormatter": "%,.1f tCO2e"},
                          "levels": [{}, {}, {"itemStyle": {"opacity": 0.85}}, {"itemStyle": {"opacity": 0.7}}]}]}
    return _base(option, title, height=420, legend=False)


def ccf_treemap(rows: pd.DataFrame, lang: str, title: str | None = None) -> Chart:
    """City inventory by GPC sector → reference number, from rows with sector, gpc_ref, name, tco2e."""
    df = rows[rows["tco2e"].notna() & (rows["tco2e"] > 0)]
    data = []
    for i, (sector, gs) in enumerate(df.groupby("sector")):
        refs = [{"id": f"{sector}/{ref}", "name": f"{ref} {gr['name'].iloc[0]}", "value": float(gr["tco2e"].sum())}
                for ref, gr in gs.groupby("gpc_ref")]
        data.append({"id": str(sector), "name": f"{sector} {t(f'gpc.sector.{sector}')}",
                     "value": float(gs["tco2e"].sum()), "children": refs,
                     "itemStyle": {"color": CIVIDIS[i % len(CIVIDIS)]}})
    option = {"series": [{"type": "treemap", "data": data, "roam": False, "nodeClick": False,
                          "breadcrumb": {"show": False}, "upperLabel": {"show": True, "height": 22},
                          "label": {"show": True, "overflow": "truncate"},
                          "tooltip": {"valueFormatter": "%,.1f tCO2e"},
                          "levels": [{"itemStyle": {"gapWidth": 3}}, {"colorSaturation": [0.35, 0.6]}]}]}
    return _base(option, title, height=420, legend=False)


def _heatmap(x: list[str], y: list[str], z: list[list], labels: list[list[str]], title: str | None, height: int,
             zmin: float, zmax: float, palette: list[str], unit: str) -> Chart:
    data = []
    for j, row in enumerate(z):
        for i, v in enumerate(row):
            item = {"value": [i, j, "-" if v is None else v], "label": {"formatter": labels[j][i]}}
            if v is None:   # no evidence is not a zero: grey, with its own label
                item["itemStyle"] = {"color": "#EEEEEE"}
            data.append(item)
    option = {"xAxis": {"type": "category", "data": x, "position": "top", "splitArea": {"show": True},
                        "axisLabel": {"interval": 0}},
              "yAxis": {"type": "category", "data": y, "inverse": True, "splitArea": {"show": True}},
              "visualMap": {"min": zmin, "max": zmax, "calculable": False, "orient": "vertical", "right": 0,
                            "top": "middle", "text": [unit, ""], "inRange": {"color": palette}},
              "series": [{"type": "heatmap", "data": data,
                          "label": {"show": True, "fontSize": 14, "color": "#111111",
                                    "backgroundColor": "rgba(255,255,255,0.6)", "padding": 2}}]}
    chart = _base(option, title, height, legend=False)
    chart.option["grid"]["right"] = 70
    return chart


def wma_heatmap(cells: pd.DataFrame, lang: str, title: str | None = None, zmin: float = 0, zmax: float = 100,
                diverging: bool = False) -> Chart:
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
                label += f"\n{t('wma.confidence')} {float(conf) * 100:.0f}%"
            row_t.append(label)
        z.append(row_z)
        text.append(row_t)
    return _heatmap([t(f"dim.{d}") for d in (1, 2, 3, 4)], [t(f"theme.{th}") for th in THEMES], z, text, title,
                    320, zmin, zmax, RED_BLUE if diverging else CIVIDIS, t("wma.score_unit"))


def grouped_bar(df: pd.DataFrame, x: str, y: str, colour: str | None, lang: str, y_title: str,
                x_title: str | None = None, title: str | None = None, colour_map: dict | None = None,
                barmode: str = "group", orientation: str = "v") -> Chart:
    """Bars of ``y`` by ``x`` (grouped, or stacked with ``barmode="stack"``, by ``colour``)."""
    categories = [str(c) for c in pd.unique(df[x])]
    series = []
    groups = df.groupby(colour, sort=False) if colour else [(None, df)]
    for i, (name, g) in enumerate(groups):
        values = dict(zip(g[x].astype(str), g[y]))
        s = {"type": "bar", "name": str(name) if name is not None else y_title,
             "data": [_num(values.get(c)) for c in categories],
             "itemStyle": {"color": (colour_map or {}).get(name, OKABE_ITO[i % len(OKABE_ITO)])}}
        if barmode == "stack":
            s["stack"] = "total"
        series.append(s)
    cat_axis = {"type": "category", "data": categories, "name": x_title or "", "axisLabel": {"interval": 0}}
    value_axis = _value_axis(y_title)
    if orientation == "h":
        cat_axis.update(inverse=True, nameLocation="middle")
        option = {"xAxis": value_axis, "yAxis": cat_axis}
    else:
        cat_axis["axisLabel"].update(width=90, overflow="break")   # long Thai labels wrap instead of hiding
        option = {"xAxis": cat_axis, "yAxis": value_axis}
    option.update(series=series, tooltip={"trigger": "axis", "axisPointer": {"type": "shadow"}})
    return _base(option, title, legend=colour is not None)


def histogram(values: pd.Series, lang: str, x_title: str, title: str | None = None, nbins: int = 20,
              vline: float | None = None, vline_label: str | None = None) -> Chart:
    """Distribution of ``values`` (missing values dropped) in ``nbins`` equal bins, drawn as steps over a value
    axis so that a marked value (``vline``) sits exactly where it is."""
    v = pd.to_numeric(values, errors="coerce").dropna().to_numpy(dtype=float)
    counts, edges = np.histogram(v, bins=nbins) if len(v) else (np.array([]), np.array([]))
    # steps: each bin's count from its left edge to the next edge, closed at both ends
    steps = [[float(e), int(c)] for e, c in zip(edges[:-1], counts)]
    if len(edges):
        steps = [[float(edges[0]), 0]] + steps + [[float(edges[-1]), int(counts[-1])], [float(edges[-1]), 0]]
    series = {"type": "line", "name": t("unit.count"), "step": "end", "data": steps, "showSymbol": False,
              "lineStyle": {"color": OKABE_ITO[0]}, "areaStyle": {"color": OKABE_ITO[0], "opacity": 0.75},
              "itemStyle": {"color": OKABE_ITO[0]}}
    if vline is not None:
        series["markLine"] = {"symbol": "none", "silent": True, "data": [{
            "xAxis": float(vline), "lineStyle": {"color": BASE_LINE, "type": "dashed", "width": 2},
            "label": {"formatter": vline_label or "", "position": "end"}}]}
    option = {"xAxis": _value_axis(x_title, nameGap=30, scale=True),
              "yAxis": _value_axis(t("unit.count"), minInterval=1, nameGap=40),
              "tooltip": {"trigger": "axis"}, "series": [series]}
    return _base(option, title, height=320, legend=False)


# Thailand's extent (degrees) and the cosine of its middle latitude (~13 N): one degree of longitude is drawn
# 0.97 as long as one of latitude, so the country keeps its shape without a map projection
LON_RANGE = (97.3, 105.7)
LAT_RANGE = (5.6, 20.5)
LON_SCALE = 0.97


def point_map(frame: pd.DataFrame, value_col: str, label_col: str, unit: str, title: str | None = None,
              height: int = 430) -> Chart:
    """Municipalities as points at their longitude and latitude, coloured by ``value_col`` (viridis, from the
    5th to the 95th percentile so that a few extremes do not wash out the rest); a light map for a page that
    only needs to show where the figures are high or low. Rows without a value or position are left out."""
    from geo.layers import VIRIDIS

    df = frame.dropna(subset=["lon", "lat", value_col])
    df = pd.DataFrame({"lon": df["lon"].astype(float).round(3), "lat": df["lat"].astype(float).round(3),
                       "value": df[value_col].astype(float).round(4), "name": df[label_col].astype(str)})
    lo, hi = (float(df["value"].quantile(0.05)), float(df["value"].quantile(0.95))) if len(df) else (0.0, 1.0)
    plot_h = height - 40
    plot_w = int(plot_h * (LON_RANGE[1] - LON_RANGE[0]) * LON_SCALE / (LAT_RANGE[1] - LAT_RANGE[0]))
    hidden = {"show": False}
    option = {"dataset": {"source": df},
              "xAxis": {"type": "value", "min": LON_RANGE[0], "max": LON_RANGE[1], "show": False},
              "yAxis": {"type": "value", "min": LAT_RANGE[0], "max": LAT_RANGE[1], "show": False},
              "grid": {"left": "center", "top": 10, "width": plot_w, "height": plot_h},
              "visualMap": {"type": "continuous", "dimension": 2, "min": lo, "max": hi if hi > lo else lo + 1,
                            "calculable": False, "orient": "vertical", "left": 0, "bottom": 10, "text": [unit, ""],
                            "precision": 3, "inRange": {"color": ["#%02x%02x%02x" % c for c in VIRIDIS]}},
              "tooltip": {"trigger": "item"},
              "series": [{"type": "scatter", "symbolSize": 4, "encode": {"x": "lon", "y": "lat",
                                                                          "tooltip": ["name", "value"]},
                          "itemStyle": {"opacity": 0.85}, "emphasis": {"scale": 2}, "splitLine": hidden}]}
    return _base(option, title, height, legend=False)


def expected_vs_achieved(df: pd.DataFrame, label_col: str, lang: str, title: str | None = None) -> Chart:
    """Expected against achieved tCO2e/year per group (columns expected, achieved)."""
    labels = [str(v) for v in df[label_col]]
    option = {"xAxis": {"type": "category", "data": labels,
                        "axisLabel": {"interval": 0, "width": 90, "overflow": "break"}},
              "yAxis": _value_axis(t("unit.tco2e_per_year")),
              "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"}},
              "series": [{"type": "bar", "name": t("asi.expected"), "data": [_num(v) for v in df["expected"]],
                          "itemStyle": {"color": OKABE_ITO[4]}},
                         {"type": "bar", "name": t("asi.achieved"), "data": [_num(v) for v in df["achieved"]],
                          "itemStyle": {"color": OKABE_ITO[2]}}]}
    return _base(option, title)


def cells_side_by_side(frame: pd.DataFrame, names: list[str], weakest: list, lang: str,
                       title: str | None = None) -> Chart:
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
            row_t.append(f"▼ {label}" if c == weak else label)
        z.append(row_z)
        text.append(row_t)
    x = [f"{t('theme.short.' + c.rsplit('_', 1)[0])} {c.rsplit('_', 1)[1]}" for c in cols]
    chart = _heatmap(x, [str(n) for n in names], z, text, title, 120 + 48 * max(1, len(names)), 0, 100,
                     CIVIDIS, t("wma.score_unit"))
    series = chart.option["series"][0]
    series["itemStyle"] = {"borderColor": "#FFFFFF", "borderWidth": 2}
    for item, weak in zip(series["data"], (lab.startswith("▼") for row in text for lab in row)):
        if weak:   # the weakest cell: bold as well as marked, so it reads without colour
            item["label"]["fontWeight"] = "bold"
    return chart


def change_bars(frame: pd.DataFrame, label_col: str, lang: str, unit: str, title: str | None = None) -> Chart:
    """Change since the base year per group as horizontal bars, largest first: a fall in green, a rise in
    orange (``frame`` from ``indicators.change.change_by_group`` with a label column)."""
    df = frame.dropna(subset=["change_t"])
    data = [{"value": float(v), "itemStyle": {"color": "#009E73" if v < 0 else "#D55E00"},
             "label": {"formatter": f"{v:+,.1f}"}} for v in df["change_t"]]
    option = {"xAxis": _value_axis(unit, nameGap=30, axisLine={"show": True, "lineStyle": {"color": "#555555"}}),
              "yAxis": {"type": "category", "data": [str(v) for v in df[label_col]], "inverse": True,
                        "axisLabel": {"width": 220, "overflow": "truncate"}},
              "tooltip": {"trigger": "axis", "axisPointer": {"type": "shadow"},
                          "valueFormatter": "%+,.1f " + unit.replace("%", "%%")},
              "series": [{"type": "bar", "name": unit, "data": data,
                          "label": {"show": True, "position": "inside"}}]}
    return _base(option, title, height=max(220, 70 + 34 * len(df)), legend=False)
