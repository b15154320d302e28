"""The map page's flat map: municipalities as points on the province outlines, drawn by ECharts (pure: frame in,
option out; no Streamlit).

Why not deck.gl for the default: in a fresh browser on the 2-core machine without a GPU, deck.gl's 3.0 MB of
JavaScript and its WebGL set-up alone took ~2.5 s before anything was drawn, and the national map (provinces and
7,850 extruded columns) 6.7-9 s; the charts on every other page are ECharts already, so this map costs no extra
library (bench/README.md). deck.gl stays for the 3-D columns, which a person asks for.

What a point shows is what deck.gl's showed: its colour is the same linear viridis scale between the smallest and
largest value (ECharts' continuous ``visualMap`` interpolates the same ten stops in RGB, as
``geo.layers.ColorScale``), a municipality without a value is grey and half transparent, and the tooltip reads
the municipality's name and its value (``geo.layers.format_value``) under the figure's name and unit. Names are
data, never part of a ``formatter`` template (``ui.safe_text``): the tooltip shows the point's name and its
``value_label``.

Payload at national scale (7,850 points): ~0.9 MB, most of it the names; the points travel as Arrow tables.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from geo import layers
from geo.provinces import province_features

RGB_HEX = "#%02x%02x%02x"
COORD_DECIMALS = 3          # ~110 m: a point is 8 px wide on a map where 1 px is ~3.5 km
OUTLINE_TOLERANCE = 0.02    # degrees: ~2 km, two thirds of a pixel at this size (shapely.coverage_simplify)
OUTLINE_DECIMALS = 2        # ~1 km, a third of a pixel
OUTLINE_RGB = "#9aa3ad"
POINT_PX = 8
VALUE_DIM = 3               # the ``value`` column of the valued points' table (lon, lat, name, value, ...)
FONT = "LCRS Sans, Noto Sans Thai, Noto Sans, sans-serif"


@dataclass(frozen=True)
class PointMap:
    """An ECharts option for ``st.echarts_chart``, its height, and the municipality codes of each clickable series
    in the order of its rows (a click reports a series index and row indices)."""
    option: dict
    height: int
    codes: dict[int, list[str]]


def outline_coords(tolerance: float = OUTLINE_TOLERANCE) -> list[list[list[float]]]:
    """Every ring of the 77 province polygons (``geo/th_provinces.geojson``, simplified together by
    ``geo.provinces`` so neighbours keep one shared border) as a list of [lon, lat] points."""
    rings = []
    for feature in province_features(tolerance):
        geom = feature["geometry"]
        polygons = geom["coordinates"] if geom["type"] == "MultiPolygon" else [geom["coordinates"]]
        for polygon in polygons:
            rings.extend([[round(x, OUTLINE_DECIMALS), round(y, OUTLINE_DECIMALS)] for x, y in ring]
                         for ring in polygon)
    return rings


def plot_size(height: int) -> tuple[int, int]:
    """Width and height (px) of the plotting area in a chart ``height`` high: Thailand's extent at the scale of a
    Mercator map at its middle latitude (one degree of longitude is cos(13°) ~0.97 of one of latitude)."""
    plot_h = height - 20
    lon_span = layers.THAILAND_LONS[1] - layers.THAILAND_LONS[0]
    lat_span = layers.THAILAND_LATS[1] - layers.THAILAND_LATS[0]
    return int(round(plot_h * lon_span * 0.97 / lat_span)), plot_h


def municipality_point_map(frame: pd.DataFrame, value_col: str, *, label_col: str, lang: str,
                           series_name: str, code_col: str = "code", height: int = 480,
                           opacity: int = 230) -> PointMap:
    """Municipalities at their longitude and latitude over the province outlines, coloured by ``value_col``.

    Rows without a position are left out; rows without a value are drawn grey (series 1), the others on the
    palette (series 0). ``series_name`` (the figure and its unit) heads the tooltip.
    """
    missing = [c for c in (code_col, label_col, "lat", "lon", value_col) if c not in frame.columns]
    if missing:
        raise ValueError(f"municipality frame lacks columns {missing} / ตารางเทศบาลขาดคอลัมน์ {missing}")
    no_data = layers.NO_DATA.get(lang, layers.NO_DATA["en"])
    lon = pd.to_numeric(frame["lon"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    lat = pd.to_numeric(frame["lat"], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    value = pd.to_numeric(frame[value_col], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    placed = np.isfinite(lon) & np.isfinite(lat)
    has = placed & np.isfinite(value)
    nothing = placed & ~np.isfinite(value)

    def table(mask: np.ndarray, with_value: bool) -> pd.DataFrame:
        # float32 (7 significant digits) is ample for a position rounded to 3 decimals and for a colour
        out = pd.DataFrame({"lon": np.round(lon[mask], COORD_DECIMALS).astype(np.float32),
                            "lat": np.round(lat[mask], COORD_DECIMALS).astype(np.float32),
                            "name": frame[label_col].to_numpy(dtype=object)[mask].astype(str)})
        if with_value:
            out["value"] = value[mask].astype(np.float32)
            # the unit is in the tooltip's heading (``series_name``), once, not on each of 7,850 rows
            out["value_label"] = [layers.format_value(v) for v in value[mask].tolist()]
        else:
            out["value_label"] = no_data
        return out

    valued, grey = table(has, True), table(nothing, False)
    codes = {0: frame[code_col].to_numpy(dtype=object)[has].astype(str).tolist(),
             1: frame[code_col].to_numpy(dtype=object)[nothing].astype(str).tolist()}
    plot_w, plot_h = plot_size(height)
    hidden = {"show": False}
    axis = {"type": "value", "show": False, "scale": True}
    alpha = opacity / 255
    point = {"type": "scatter", "name": series_name, "symbolSize": POINT_PX, "selectedMode": "single",
             "encode": {"x": "lon", "y": "lat", "itemName": "name", "tooltip": ["value_label"]},
             "emphasis": {"scale": 1.8}, "select": {"itemStyle": {"borderColor": "#000000", "borderWidth": 2}}}
    series = [
        {**point, "datasetIndex": 0, "z": 3,
         "itemStyle": {"opacity": alpha, "borderColor": "#ffffff", "borderWidth": 0.5}},
        {**point, "datasetIndex": 1, "z": 2,
         "itemStyle": {"color": RGB_HEX % layers.MISSING_RGB, "opacity": alpha / 2}},
        {"type": "lines", "coordinateSystem": "cartesian2d", "polyline": True, "silent": True, "z": 1,
         "tooltip": hidden, "lineStyle": {"color": OUTLINE_RGB, "width": 0.7, "opacity": 1},
         "data": [{"coords": ring} for ring in outline_coords()]},
    ]
    option = {
        "textStyle": {"fontFamily": FONT},
        "dataset": [{"source": valued}, {"source": grey}],
        "xAxis": {**axis, "min": layers.THAILAND_LONS[0], "max": layers.THAILAND_LONS[1]},
        "yAxis": {**axis, "min": layers.THAILAND_LATS[0], "max": layers.THAILAND_LATS[1]},
        "grid": {"left": "center", "top": 10, "width": plot_w, "height": plot_h},
        "tooltip": {"trigger": "item"},
        "series": series,
        "animation": False,
    }
    if len(valued):
        lo, hi = float(np.nanmin(value[has])), float(np.nanmax(value[has]))
        # one value for all: the palette's middle, as ColorScale (and the legend) give it
        lo, hi = (lo, hi) if hi > lo else (lo - 1, hi + 1)
        option["visualMap"] = {"type": "continuous", "show": False, "seriesIndex": 0, "dimension": VALUE_DIM,
                               "min": lo, "max": hi,
                               "inRange": {"color": [RGB_HEX % c for c in layers.VIRIDIS]}}
    return PointMap(option, height, codes)
