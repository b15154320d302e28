"""pydeck layer builders for the Map, Overview and Showcase pages (pure functions: no Streamlit, no SQL).

Offline by default: ``make_deck`` sets ``map_provider=None`` and never passes ``map_style``. pydeck then writes
``mapStyle: "__MAP_STYLE__"``, which Streamlit's frontend drops, so no basemap and no request to any CDN
(``mapStyle`` absent or None would make Streamlit inject a Carto basemap). deck.gl itself is bundled inside Streamlit.

Payload: Streamlit sends ``deck.to_json()`` to the browser. pydeck's own serialiser indents by two spaces and
escapes Thai as ``\\uXXXX``; ``CompactDeck`` writes the same JSON without indentation and as UTF-8, and the
layers carry only the fields the chart draws or the tooltip shows, with coordinates rounded to 4 decimals
(~11 m). 7,850 national points plus a province choropleth come to ~1.9 MB (4.8 MB with pydeck's own
serialiser).

Colours: viridis (default) or cividis, both perceptually uniform and readable with the common colour-vision
deficiencies (Nuñez, Anderton & Renslow 2018, PLOS ONE 13(7): e0199239). A missing value is drawn grey and
labelled "no data", never coloured as zero.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Callable, Iterable, Sequence

import numpy as np
import pandas as pd
import pydeck as pdk
from pydeck.bindings.json_tools import default_serialize

from geo.provinces import province_features

RGB = tuple[int, int, int]

# viridis and cividis at 10 evenly spaced points, the same stops as plotly.colors.sequential.Viridis / .Cividis,
# so the maps and the overview's point map (ui.charts.point_map) share one palette
VIRIDIS: tuple[RGB, ...] = ((68, 1, 84), (72, 40, 120), (62, 73, 137), (49, 104, 142), (38, 130, 142),
                            (31, 158, 137), (53, 183, 121), (110, 206, 88), (181, 222, 43), (253, 231, 37))
CIVIDIS: tuple[RGB, ...] = ((0, 34, 78), (18, 53, 112), (59, 73, 108), (87, 93, 109), (112, 113, 115),
                            (138, 134, 120), (165, 156, 116), (195, 179, 105), (225, 204, 85), (254, 232, 56))
PALETTES = {"viridis": VIRIDIS, "cividis": CIVIDIS}
MISSING_RGB: RGB = (189, 189, 189)
BASE_PROVINCE_RGB: RGB = (222, 226, 232)
PROVINCE_LINE_RGB: RGB = (255, 255, 255)

THAILAND_VIEW = {"latitude": 13.0, "longitude": 100.9, "zoom": 4.8, "pitch": 0, "bearing": 0}
NO_DATA = {"th": "ไม่มีข้อมูล", "en": "no data"}
DEFAULT_TOOLTIP = {"html": "<b>{label}</b><br/>{value_label}",
                   "style": {"backgroundColor": "#1f2430", "color": "#ffffff", "fontSize": "14px"}}
COORD_DECIMALS = 4


# --- colour scale ----------------------------------------------------------------------------------------------

def _finite(values: Iterable) -> np.ndarray:
    arr = pd.to_numeric(pd.Series(list(values), dtype="object"), errors="coerce").to_numpy(dtype=float)
    return arr[np.isfinite(arr)]


@dataclass(frozen=True)
class ColorScale:
    """Maps a value to a palette colour: linearly between vmin and vmax, or by its quantile among the values.

    ``quantile`` spreads skewed figures (population, tCO2e) over the whole palette; ``linear`` keeps equal
    colour steps for equal value steps. Values outside [vmin, vmax] take the end colours.
    """
    vmin: float
    vmax: float
    palette: tuple[RGB, ...] = VIRIDIS
    method: str = "linear"
    sorted_values: tuple[float, ...] = ()

    @classmethod
    def from_values(cls, values: Iterable, method: str = "linear", palette: str | Sequence[RGB] = "viridis",
                    vmin: float | None = None, vmax: float | None = None) -> "ColorScale | None":
        """Scale fitted to the finite values; None when there is none (nothing to colour)."""
        if method not in ("linear", "quantile"):
            raise ValueError(f"method must be 'linear' or 'quantile', got {method!r} / "
                             f"วิธีไล่สีต้องเป็น linear หรือ quantile")
        pal = PALETTES[palette] if isinstance(palette, str) else tuple(tuple(c) for c in palette)
        arr = np.sort(_finite(values))
        if arr.size == 0:
            return None
        lo = float(arr[0]) if vmin is None else float(vmin)
        hi = float(arr[-1]) if vmax is None else float(vmax)
        return cls(lo, hi, pal, method, tuple(float(v) for v in arr))

    def fraction(self, value) -> float | None:
        """Position of a value on the palette, 0..1; None for a missing value."""
        if value is None or (isinstance(value, float) and not math.isfinite(value)) or pd.isna(value):
            return None
        v = float(value)
        if self.method == "quantile" and len(self.sorted_values) > 1:
            arr = np.asarray(self.sorted_values)
            # mid-rank of v among the values, so ties share one colour
            lo, hi = np.searchsorted(arr, v, "left"), np.searchsorted(arr, v, "right")
            return float(np.clip(((lo + hi) / 2 - 0.5) / (len(arr) - 1), 0.0, 1.0))
        if self.vmax == self.vmin:
            return 0.5
        return float(np.clip((v - self.vmin) / (self.vmax - self.vmin), 0.0, 1.0))

    def value_at(self, fraction: float) -> float:
        """The value that sits at a palette position (inverse of ``fraction``), for legends."""
        if self.method == "quantile" and len(self.sorted_values) > 1:
            return float(np.quantile(np.asarray(self.sorted_values), fraction))
        return self.vmin + fraction * (self.vmax - self.vmin)

    def rgb(self, value) -> RGB:
        """The palette colour of a value (linear interpolation between stops); grey when missing."""
        f = self.fraction(value)
        if f is None:
            return MISSING_RGB
        return interpolate(self.palette, f)

    def fractions(self, values: np.ndarray) -> np.ndarray:
        """``fraction`` of every value of a float array at once (NaN for a missing value)."""
        v = np.asarray(values, dtype=float)
        out = np.full(v.shape, np.nan)
        ok = np.isfinite(v)
        if self.method == "quantile" and len(self.sorted_values) > 1:
            arr = np.asarray(self.sorted_values)
            lo = np.searchsorted(arr, v[ok], "left")
            hi = np.searchsorted(arr, v[ok], "right")
            out[ok] = np.clip(((lo + hi) / 2 - 0.5) / (len(arr) - 1), 0.0, 1.0)
        elif self.vmax == self.vmin:
            out[ok] = 0.5
        else:
            out[ok] = np.clip((v[ok] - self.vmin) / (self.vmax - self.vmin), 0.0, 1.0)
        return out

    def rgb_array(self, values: np.ndarray) -> np.ndarray:
        """``rgb`` of every value at once: an (n, 3) integer array, grey rows for missing values (the same
        colours as ``rgb``, value by value: ~100x faster for the 7,850 national points)."""
        f = self.fractions(values)
        out = np.tile(np.array(MISSING_RGB, dtype=np.int64), (len(f), 1))
        ok = ~np.isnan(f)
        out[ok] = interpolate_array(self.palette, f[ok])
        return out


def interpolate_array(palette: Sequence[RGB], fractions: np.ndarray) -> np.ndarray:
    """``interpolate`` for an array of fractions (same arithmetic, so the same colours): (n, 3) integers."""
    pal = np.asarray(palette, dtype=float)
    pos = np.clip(np.asarray(fractions, dtype=float), 0.0, 1.0) * (len(pal) - 1)
    i = np.minimum(pos.astype(np.int64), len(pal) - 2)
    t = (pos - i)[:, None]
    a, b = pal[i], pal[i + 1]
    # numpy rounds half to even, as Python's round() in interpolate
    return np.round(a + (b - a) * t).astype(np.int64)


def interpolate(palette: Sequence[RGB], fraction: float) -> RGB:
    """Colour at ``fraction`` (0..1) along a palette, interpolated linearly in RGB between its stops."""
    pos = min(max(fraction, 0.0), 1.0) * (len(palette) - 1)
    i = min(int(pos), len(palette) - 2)
    t = pos - i
    a, b = palette[i], palette[i + 1]
    return tuple(int(round(a[k] + (b[k] - a[k]) * t)) for k in range(3))


def format_value(value, unit: str | None = None) -> str:
    """A number with thousands separators and sensible decimals (none from 100 or for whole numbers, 1 from 10,
    else 2), plus the unit when given."""
    v = float(value)
    decimals = 0 if abs(v) >= 100 or v.is_integer() else 1 if abs(v) >= 10 else 2
    text = f"{v:,.{decimals}f}"
    return f"{text} {unit}" if unit else text


def legend_stops(values: Iterable, n: int = 5, *, method: str = "linear", palette: str = "viridis",
                 vmin: float | None = None, vmax: float | None = None,
                 fmt: Callable[[float], str] | None = None) -> list[tuple[str, RGB]]:
    """Legend entries [(label, (r, g, b)), ...] from low to high for the same scale the layers use.

    ``n`` evenly spaced palette positions; with ``method="quantile"`` the labels are the matching quantiles.
    Empty when no value is finite; a single entry when all values are equal.
    """
    scale = ColorScale.from_values(values, method, palette, vmin, vmax)
    if scale is None:
        return []
    fmt = fmt or format_value
    if scale.vmin == scale.vmax:
        return [(fmt(scale.vmin), scale.rgb(scale.vmin))]
    n = max(int(n), 2)
    stops = []
    for i in range(n):
        f = i / (n - 1)
        stops.append((fmt(scale.value_at(f)), interpolate(scale.palette, f)))
    return stops


# --- layers ----------------------------------------------------------------------------------------------------

def _rgba(rgb: RGB, alpha: int) -> list[int]:
    return [int(rgb[0]), int(rgb[1]), int(rgb[2]), int(alpha)]


def _number_or_none(v) -> float | None:
    if v is None or pd.isna(v):
        return None
    f = float(v)
    return f if math.isfinite(f) else None


def _significant(v: float | None, digits: int = 6) -> float | None:
    if v is None or v == 0:
        return v
    return round(v, digits - 1 - int(math.floor(math.log10(abs(v)))))


def province_layer(values: pd.DataFrame | None = None, value_col: str | None = None, *,
                   code_col: str = "province_code", lang: str = "th", unit: str | None = None,
                   method: str = "linear", palette: str = "viridis", fmt: Callable[[float], str] | None = None,
                   opacity: int = 210, simplify: float | None = None, layer_id: str = "provinces",
                   pickable: bool | None = None, base_rgb: RGB = BASE_PROVINCE_RGB,
                   line_rgb: RGB = PROVINCE_LINE_RGB) -> pdk.Layer:
    """Filled province polygons; a choropleth when ``values`` gives ``value_col`` per ``code_col`` (DOPA code).

    Each feature carries ``label`` (name in ``lang``), ``value``, ``value_label`` and ``color`` for the
    tooltip. Provinces without a value are grey and say "no data". Without ``values`` every province has one
    light neutral fill (a base map for point layers).

    ``pickable`` (hover tooltip, click selection) defaults to True for a choropleth and False for the plain
    base map. Under a municipality layer pass ``pickable=False``: deck.gl renders every pickable polygon on
    each pointer-down, and on a machine without a GPU (software WebGL, as in headless Chromium) the ~10,000
    province vertices take ~0.5 s, longer than the 250 ms a click may last, so clicks on municipalities would
    be lost. ``simplify`` (e.g. 0.02) makes a pickable choropleth lighter. ``base_rgb`` and ``line_rgb``: the
    base map's fill and the borders (e.g. dark ones for a dark screen).
    """
    if pickable is None:
        pickable = values is not None
    gj = {"features": province_features(simplify)}
    by_code: dict[str, float | None] = {}
    scale = None
    if values is not None:
        if value_col is None or value_col not in values.columns or code_col not in values.columns:
            raise ValueError(f"values needs columns {code_col!r} and {value_col!r} / "
                             f"ตารางค่าต้องมีคอลัมน์ {code_col} และ {value_col}")
        by_code = {str(c): _number_or_none(v) for c, v in zip(values[code_col], values[value_col])}
        scale = ColorScale.from_values(by_code.values(), method, palette)
    fmt = fmt or (lambda v: format_value(v, unit))
    for feature in gj["features"]:
        props = feature["properties"]
        value = by_code.get(props["province_code"])
        props["label"] = props["name_th"] if lang == "th" else props["name_en"]
        props["value"] = _significant(value)
        if values is None:
            props["value_label"] = ""
            rgb = base_rgb
        else:
            props["value_label"] = NO_DATA.get(lang, NO_DATA["en"]) if value is None else fmt(value)
            rgb = scale.rgb(value) if scale is not None else MISSING_RGB
        props["color"] = _rgba(rgb, opacity if values is None or value is not None else opacity // 2)
    # a list of features, not the FeatureCollection: Streamlit's click selection indexes into layer data arrays
    return pdk.Layer("GeoJsonLayer", data=gj["features"], id=layer_id, pickable=pickable,
                     stroked=True, filled=True, get_fill_color="properties.color",
                     get_line_color=list(line_rgb), line_width_min_pixels=1)


def municipality_records(df: pd.DataFrame, value_col: str, *, label_col: str = "name_th",
                         code_col: str = "code", lang: str = "th", unit: str | None = None,
                         scale: ColorScale | None = None, fmt: Callable[[float], str] | None = None,
                         opacity: int = 230) -> list[dict]:
    """The per-point records a municipality layer sends: code, label, lon, lat, value, value_label, color.

    Rows without lat/lon are left out (fill them first with ``geo.points.municipality_points``).
    """
    missing = [c for c in (code_col, label_col, "lat", "lon", value_col) if c not in df.columns]
    if missing:
        raise ValueError(f"municipality frame lacks columns {missing} / ตารางเทศบาลขาดคอลัมน์ {missing}")
    fmt = fmt or (lambda v: format_value(v, unit))
    no_data = NO_DATA.get(lang, NO_DATA["en"])
    lat, lon, value = (_float_array(df[c]) for c in ("lat", "lon", value_col))
    keep = np.isfinite(lat) & np.isfinite(lon)
    lat, lon, value = lat[keep], lon[keep], value[keep]
    has = np.isfinite(value)
    rgb = (scale.rgb_array(value) if scale is not None
           else np.tile(np.array(MISSING_RGB, dtype=np.int64), (len(value), 1)))
    # half transparent as well as grey: cividis has greys of its own
    alpha = np.where(has, opacity, opacity // 2)
    colors = np.column_stack([rgb, alpha]).tolist()
    codes = df[code_col].to_numpy(dtype=object)[keep]
    labels = df[label_col].to_numpy(dtype=object)[keep]
    records = []
    for code, label, la, lo, v, ok, color in zip(codes, labels, lat.tolist(), lon.tolist(), value.tolist(),
                                                 has.tolist(), colors):
        records.append({"code": str(code), "label": str(label),
                        "lon": round(lo, COORD_DECIMALS), "lat": round(la, COORD_DECIMALS),
                        "value": _significant(v) if ok else None,
                        "value_label": fmt(v) if ok else no_data,
                        "color": color})
    return records


def _float_array(col: pd.Series) -> np.ndarray:
    """A column as float64 with NaN for anything missing or not a finite number (as ``_number_or_none``)."""
    arr = pd.to_numeric(col, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
    return np.where(np.isfinite(arr), arr, np.nan)


def municipality_layer(df: pd.DataFrame, value_col: str, kind: str = "column", *, label_col: str = "name_th",
                       code_col: str = "code", lang: str = "th", unit: str | None = None,
                       method: str = "linear", palette: str = "viridis",
                       fmt: Callable[[float], str] | None = None, radius_m: float | None = None,
                       max_height_m: float = 150_000, min_radius_m: float = 1_500, max_radius_m: float = 12_000,
                       layer_id: str | None = None, opacity: int = 230) -> pdk.Layer:
    """Municipalities as extruded columns (``kind="column"``) or sized circles (``kind="scatter"``).

    Colour follows ``value_col`` on the palette. Column height is proportional to the value, the largest
    ``max_height_m`` high; a missing or negative value gives a flat column (its colour and tooltip carry the
    figure). Circle area is proportional to the value between ``min_radius_m`` and ``max_radius_m``
    (radius ~ sqrt(value), so area, not radius, reads as size). Layer id defaults to ``municipalities``.
    """
    if kind not in ("column", "scatter"):
        raise ValueError(f"kind must be 'column' or 'scatter', got {kind!r} / ชนิดชั้นต้องเป็น column หรือ scatter")
    scale = ColorScale.from_values(df[value_col] if value_col in df.columns else [], method, palette)
    records = municipality_records(df, value_col, label_col=label_col, code_col=code_col, lang=lang, unit=unit,
                                   scale=scale, fmt=fmt, opacity=opacity)
    top = max((r["value"] for r in records if r["value"] is not None and r["value"] > 0), default=None)
    layer_id = layer_id or "municipalities"
    common = dict(id=layer_id, pickable=True, get_position="[lon, lat]",
                  get_fill_color="color")
    if kind == "column":
        for r in records:
            v = r["value"]
            r["h"] = int(round(v / top * max_height_m)) if top and v is not None and v > 0 else 0
        return pdk.Layer("ColumnLayer", data=records, extruded=True, disk_resolution=6,
                         radius=radius_m or 2_500, get_elevation="h", **common)
    for r in records:
        v = r["value"]
        share = math.sqrt(v / top) if top and v is not None and v > 0 else 0.0
        r["r"] = int(round(min_radius_m + (max_radius_m - min_radius_m) * share))
    return pdk.Layer("ScatterplotLayer", data=records, get_radius="r", radius_min_pixels=4,
                     stroked=True, get_line_color=[255, 255, 255], line_width_min_pixels=0.5, **common)


# --- deck ------------------------------------------------------------------------------------------------------

class CompactDeck(pdk.Deck):
    """A ``pydeck.Deck`` whose JSON (what Streamlit sends to the browser) has no indentation and keeps UTF-8."""

    def to_json(self):
        """The deck spec as compact JSON: same content as pydeck's, roughly half the bytes."""
        return json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"),
                          ensure_ascii=False)


class SpecDeck(CompactDeck):
    """A deck given by its finished JSON spec (e.g. ``CompactDeck.to_json()`` kept in a page's cache), so that a
    rerun does not rebuild and re-serialise thousands of points; ``tooltip`` as given to ``make_deck``."""

    def __init__(self, spec: str, tooltip: dict | bool | None = None):
        super().__init__(layers=[], tooltip=DEFAULT_TOOLTIP if tooltip is None else tooltip, map_provider=None)
        self._spec = spec

    def to_json(self):
        """The spec as given."""
        return self._spec


def view_state(latitude: float | None = None, longitude: float | None = None, zoom: float | None = None,
               pitch: float = 0, bearing: float = 0) -> pdk.ViewState:
    """A view; unspecified parts default to the whole of Thailand."""
    return pdk.ViewState(latitude=THAILAND_VIEW["latitude"] if latitude is None else latitude,
                         longitude=THAILAND_VIEW["longitude"] if longitude is None else longitude,
                         zoom=THAILAND_VIEW["zoom"] if zoom is None else zoom, pitch=pitch, bearing=bearing)


def fit_view(lons: Iterable[float], lats: Iterable[float], *, pitch: float = 0, max_zoom: float = 12,
             width_px: int = 700, height_px: int = 600) -> pdk.ViewState:
    """A view centred on the points that shows all of them (Web Mercator zoom from their extent)."""
    lon = _finite(lons)
    lat = _finite(lats)
    if lon.size == 0 or lat.size == 0:
        return view_state(pitch=pitch)
    lon_span = max(float(lon.max() - lon.min()), 1e-3)
    y = np.log(np.tan(np.pi / 4 + np.radians(lat) / 2))  # Mercator y, radians
    y_span = max(float(y.max() - y.min()), 1e-5)
    # at zoom z the world is 512 * 2^z px wide: 360 deg of longitude, 2*pi of Mercator y
    zoom_x = math.log2(width_px * 360 / (512 * lon_span))
    zoom_y = math.log2(height_px * 2 * math.pi / (512 * y_span))
    zoom = min(zoom_x, zoom_y, max_zoom) - 0.3  # a margin so edge points stay inside
    lat_c = math.degrees(2 * math.atan(math.exp((y.max() + y.min()) / 2)) - math.pi / 2)
    return view_state(round(lat_c, 4), round(float((lon.max() + lon.min()) / 2), 4), round(zoom, 2), pitch)


THAILAND_LONS, THAILAND_LATS = (97.34, 105.64), (5.61, 20.46)   # the country's extent (Natural Earth admin-1)


def thailand_view(kind: str = "scatter", width_px: int = 900, height_px: int = 480) -> pdk.ViewState:
    """A first view that shows the whole of Thailand in a chart of about that size: flat for points; for columns
    tilted by 35° to show heights, and a little closer since the far (northern) part shrinks."""
    view = fit_view(THAILAND_LONS, THAILAND_LATS, width_px=width_px, height_px=height_px)
    if kind == "column":
        return view_state(view.latitude, view.longitude, round(view.zoom + 0.25, 2), pitch=35)
    return view


def make_deck(layers: Sequence[pdk.Layer] | pdk.Layer, tooltip: dict | bool | None = None,
              view: pdk.ViewState | dict | None = None, *, basemap: bool = False) -> CompactDeck:
    """The deck for ``st.pydeck_chart``: offline (``map_provider=None``, no ``map_style``) unless ``basemap``.

    ``tooltip`` defaults to label + value_label (both layers carry them); pass False for none. ``view`` is a
    ``pydeck.ViewState``, a dict of its arguments or None for Thailand. ``basemap=True`` adds a Carto light
    basemap, which needs internet.
    """
    if isinstance(layers, pdk.Layer):
        layers = [layers]
    if view is None:
        view = view_state()
    elif isinstance(view, dict):
        view = view_state(**view)
    tip = DEFAULT_TOOLTIP if tooltip is None else tooltip
    if basemap:
        return CompactDeck(layers=list(layers), initial_view_state=view, tooltip=tip, map_provider="carto",
                           map_style="light")
    return CompactDeck(layers=list(layers), initial_view_state=view, tooltip=tip, map_provider=None)
