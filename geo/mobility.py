"""Bike & walk geometry: bike-network length and the share of people near it, in a metric CRS.

Input is GeoJSON (RFC 7946: WGS 84 longitude/latitude, EPSG:4326) as a dict, JSON text or bytes, a file path, an
uploaded file (anything with ``getvalue()``), or a GeoDataFrame/GeoSeries with a CRS. Lengths and buffers are
computed in UTM: zone 47N (EPSG:32647) west of 102°E, zone 48N (EPSG:32648) east of it, chosen from the centroid
longitude of the municipality boundary (or of the network when no boundary is given). Across Thailand the UTM
scale factor stays within 0.9996-1.0010 of true, so a UTM length is within 0.1 % of the geodesic one.

Indicators (docs/methodology_lcrs.md, bike-and-walk theme):
- km of bike lane per 10,000 people = network km / population x 10,000 (the issue-5 catalogue's BW indicator);
- People Near Protected Bikeways (ITDP Atlas of Sustainable City Transport, indicator 3: share of the population
  within 300 m of a protected bikeway; Helsinki 94 %).
"""
from __future__ import annotations

import json
import math
import os
import re
from pathlib import Path
from typing import Iterable

import geopandas as gpd
import numpy as np
import pandas as pd
import pyproj
import shapely
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

WGS84 = "EPSG:4326"
UTM47N, UTM48N = 32647, 32648
ZONE_SPLIT_LON = 102.0  # the 47N/48N boundary (zone 47 spans 96-102°E)
ITDP_DISTANCE_M = 300.0
LINE_TYPES = {"LineString", "MultiLineString"}
POLYGON_TYPES = {"Polygon", "MultiPolygon"}
GEOMETRY_TYPES = {"Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon",
                  "GeometryCollection"}
# property names that commonly carry a bikeway's class (OSM-derived exports, city GIS layers)
CLASS_PROPERTIES = ("class", "bike_class", "facility", "category", "type", "protected", "cycleway", "highway")
_WGS84_CRS_NAMES = re.compile(r"(EPSG:{1,2}4326$|CRS84$|OGC:{1,2}1\.3:CRS84$|urn:ogc:def:crs:OGC:1\.3:CRS84$)",
                              re.IGNORECASE)


class GeoInputError(ValueError):
    """Rejected geometry input; ``str()`` gives Thai then English, ``message_th``/``message_en`` each alone."""

    def __init__(self, message_en: str, message_th: str):
        self.message_en = message_en
        self.message_th = message_th
        super().__init__(f"{message_th} / {message_en}")


# --- reading ---------------------------------------------------------------------------------------------------

def read_geojson(source) -> dict:
    """Parse GeoJSON from a dict, JSON text, bytes, a path or an uploaded file; check type, CRS and coordinates.

    Raises ``GeoInputError`` (a ValueError) when it is not GeoJSON, names a CRS other than WGS 84, or its
    coordinates cannot be longitude/latitude (projected metres, or latitude and longitude swapped).
    """
    if isinstance(source, dict):
        obj = source
    else:
        text = _read_text(source)
        try:
            obj = json.loads(text)
        except json.JSONDecodeError as exc:
            raise GeoInputError(f"not GeoJSON: invalid JSON ({exc.msg}, line {exc.lineno})",
                                f"ไม่ใช่ GeoJSON: รูปแบบ JSON ไม่ถูกต้อง ({exc.msg} บรรทัด {exc.lineno})") from exc
    kind = obj.get("type") if isinstance(obj, dict) else None
    if kind not in GEOMETRY_TYPES | {"Feature", "FeatureCollection"}:
        raise GeoInputError(f"not GeoJSON: top-level type is {kind!r}, expected FeatureCollection, Feature or "
                            f"a geometry", f"ไม่ใช่ GeoJSON: ชนิดระดับบนสุดคือ {kind!r} ต้องเป็น FeatureCollection, "
                            f"Feature หรือรูปเรขาคณิต")
    _check_crs_member(obj)
    return obj


def _read_text(source) -> str:
    if hasattr(source, "getvalue"):
        source = source.getvalue()
    elif hasattr(source, "read"):
        source = source.read()
    if isinstance(source, (bytes, bytearray)):
        try:
            return bytes(source).decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise GeoInputError("not GeoJSON: the file is not UTF-8 text",
                                "ไม่ใช่ GeoJSON: ไฟล์ไม่ใช่ข้อความ UTF-8") from exc
    if isinstance(source, os.PathLike) or (isinstance(source, str) and not source.lstrip().startswith(("{", "["))):
        path = Path(source)
        if not path.is_file():
            raise GeoInputError(f"file not found: {path}", f"ไม่พบไฟล์: {path}")
        return _read_text(path.read_bytes())
    if isinstance(source, str):
        return source
    raise GeoInputError(f"not GeoJSON: cannot read a {type(source).__name__}",
                        f"ไม่ใช่ GeoJSON: อ่านข้อมูลชนิด {type(source).__name__} ไม่ได้")


def _check_crs_member(obj: dict) -> None:
    crs = obj.get("crs")
    if not crs:
        return
    name = (crs.get("properties") or {}).get("name") if isinstance(crs, dict) else None
    if not name or not _WGS84_CRS_NAMES.search(str(name)):
        raise GeoInputError(f"wrong CRS: the file declares {name!r}; GeoJSON must be WGS 84 longitude/latitude "
                            f"(EPSG:4326). Re-project it (e.g. QGIS 'Export - Save Features As', CRS EPSG:4326)",
                            f"ระบบพิกัดไม่ถูกต้อง: ไฟล์ระบุ {name!r} แต่ GeoJSON ต้องเป็นละติจูด/ลองจิจูด WGS 84 "
                            f"(EPSG:4326) กรุณาแปลงพิกัดก่อน (เช่น QGIS 'Export - Save Features As' เลือก EPSG:4326)")


def _geometries(obj: dict) -> list[tuple[BaseGeometry, dict]]:
    if obj["type"] == "FeatureCollection":
        features = obj.get("features") or []
    elif obj["type"] == "Feature":
        features = [obj]
    else:
        features = [{"type": "Feature", "properties": {}, "geometry": obj}]
    out = []
    for i, f in enumerate(features):
        geom = f.get("geometry") if isinstance(f, dict) else None
        if not geom:
            continue
        try:
            g = shape(geom)
        except Exception as exc:  # shapely raises several types for malformed coordinates
            raise GeoInputError(f"not GeoJSON: feature {i + 1} has an invalid geometry ({exc})",
                                f"ไม่ใช่ GeoJSON: ฟีเจอร์ที่ {i + 1} มีรูปเรขาคณิตไม่ถูกต้อง ({exc})") from exc
        out.append((g, dict(f.get("properties") or {})))
    return out


def _check_lonlat(geoms: Iterable[BaseGeometry]) -> None:
    coords = np.concatenate([shapely.get_coordinates(g) for g in geoms if not g.is_empty] or [np.empty((0, 2))])
    if coords.size == 0:
        return
    x, y = coords[:, 0], coords[:, 1]
    if np.abs(x).max() <= 90 and np.abs(y).max() <= 180 and np.abs(y).max() > 90:
        # every x fits a latitude and some y only a longitude: the pairs are (lat, lon)
        raise GeoInputError("wrong axis order: coordinates look like latitude, longitude; GeoJSON is "
                            "longitude, latitude", "ลำดับพิกัดสลับกัน: ดูเหมือนเป็น ละติจูด, ลองจิจูด แต่ GeoJSON "
                            "ต้องเป็น ลองจิจูด, ละติจูด")
    if np.abs(x).max() > 180 or np.abs(y).max() > 90:
        raise GeoInputError("wrong CRS: coordinates are outside longitude/latitude ranges (projected metres, e.g. "
                            "UTM?); GeoJSON must be WGS 84 longitude/latitude (EPSG:4326)",
                            "ระบบพิกัดไม่ถูกต้อง: ค่าพิกัดเกินช่วงละติจูด/ลองจิจูด (อาจเป็นเมตรในระบบ UTM) "
                            "GeoJSON ต้องเป็นละติจูด/ลองจิจูด WGS 84 (EPSG:4326)")


def _as_frame(source, what_en: str, what_th: str) -> gpd.GeoDataFrame:
    if isinstance(source, gpd.GeoSeries):
        source = gpd.GeoDataFrame(geometry=source)
    if isinstance(source, gpd.GeoDataFrame):
        gdf = source[~(source.geometry.isna() | source.geometry.is_empty)].copy()
        if gdf.crs is None:
            _check_lonlat(gdf.geometry)
            gdf = gdf.set_crs(WGS84)
        return gdf
    pairs = _geometries(read_geojson(source))
    if not pairs:
        raise GeoInputError(f"empty: the {what_en} has no features with a geometry",
                            f"ไม่มีข้อมูล: {what_th}ไม่มีฟีเจอร์ที่มีรูปเรขาคณิต")
    _check_lonlat(g for g, _ in pairs)
    props = pd.DataFrame([p for _, p in pairs])
    return gpd.GeoDataFrame(props, geometry=[g for g, _ in pairs], crs=WGS84)


def network_lines(source) -> gpd.GeoDataFrame:
    """The line features of a bike network (LineString/MultiLineString) with their properties.

    Other geometry types are dropped; a GeometryCollection contributes its lines. Raises ``GeoInputError``
    when there is no line at all. GeoJSON input comes back in EPSG:4326; a GeoDataFrame keeps its CRS.
    """
    gdf = _as_frame(source, "bike network", "โครงข่ายทางจักรยาน")
    gdf = gdf.assign(geometry=[_lines_only(g) for g in gdf.geometry])
    gdf = gdf[~(gdf.geometry.isna() | gdf.geometry.is_empty)]
    if gdf.empty:
        raise GeoInputError("no line features: a bike network needs LineString or MultiLineString geometries",
                            "ไม่มีเส้น: โครงข่ายทางจักรยานต้องเป็น LineString หรือ MultiLineString")
    return gdf.reset_index(drop=True)


def _lines_only(g: BaseGeometry | None) -> BaseGeometry | None:
    if g is None or g.is_empty:
        return None
    if g.geom_type in LINE_TYPES:
        return g
    if g.geom_type == "GeometryCollection":
        parts = [p for p in shapely.get_parts(g) if p.geom_type in LINE_TYPES]
        return shapely.line_merge(shapely.union_all(parts)) if parts else None
    return None


def read_boundary(source) -> BaseGeometry:
    """A municipality boundary as one (Multi)Polygon in EPSG:4326.

    Accepts a shapely polygon (taken as lon/lat), polygon GeoJSON in any form ``read_geojson`` reads, or a
    GeoDataFrame/GeoSeries (re-projected to EPSG:4326). All polygon features are merged.
    """
    if isinstance(source, BaseGeometry):
        polys = [source] if source.geom_type in POLYGON_TYPES else []
        _check_lonlat(polys)
    else:
        gdf = _as_frame(source, "boundary", "ขอบเขต").to_crs(WGS84)
        polys = [g for g in gdf.geometry if g.geom_type in POLYGON_TYPES]
    if not polys:
        raise GeoInputError("the boundary has no Polygon or MultiPolygon", "ขอบเขตต้องเป็น Polygon หรือ MultiPolygon")
    return shapely.make_valid(shapely.union_all(polys))


def equivalent_radius_m(area_km2: float) -> float:
    """Radius (m) of the circle whose area is ``area_km2``: r = sqrt(A / pi), with A in m2."""
    return math.sqrt(float(area_km2) * 1e6 / math.pi)


def equivalent_circle(lon: float, lat: float, area_km2: float) -> BaseGeometry:
    """The stand-in boundary of a municipality known by its point and its area: the circle of the same area
    around the point (``circle_boundary`` of ``equivalent_radius_m``)."""
    return circle_boundary(lon, lat, equivalent_radius_m(area_km2))


def circle_boundary(lon: float, lat: float, radius_m: float) -> BaseGeometry:
    """A circle of ``radius_m`` metres around a point, as a lon/lat polygon: the stand-in boundary for a
    municipality known only by its point (buffered in its UTM zone, so the radius is true metres)."""
    if not (radius_m and radius_m > 0):
        raise GeoInputError(f"radius must be a positive number of metres, got {radius_m!r}",
                            f"รัศมีต้องเป็นจำนวนเมตรที่มากกว่าศูนย์ ได้รับ {radius_m!r}")
    epsg = utm_epsg_for(lon)
    to_utm = pyproj.Transformer.from_crs(WGS84, epsg, always_xy=True)
    x, y = to_utm.transform(lon, lat)
    circle = gpd.GeoSeries([Point(x, y).buffer(radius_m, quad_segs=32)], crs=epsg).to_crs(WGS84)
    return circle.iloc[0]


# --- metric CRS ------------------------------------------------------------------------------------------------

def utm_epsg_for(lon: float) -> int:
    """UTM zone EPSG code for a longitude in Thailand: 32647 (47N) west of 102°E, 32648 (48N) from 102°E east.

    Thailand spans 97.3-105.7°E, i.e. exactly zones 47 and 48 (zone n covers 6n-186 to 6n-180 degrees);
    a longitude outside 96-108°E is refused rather than put in a zone far from its central meridian.
    """
    lon = float(lon)
    if not (96.0 <= lon <= 108.0):
        raise GeoInputError(f"longitude {lon:.4f} is outside UTM zones 47N/48N (96-108°E); is this Thailand?",
                            f"ลองจิจูด {lon:.4f} อยู่นอกโซน UTM 47N/48N (96-108°E) ข้อมูลอยู่ในประเทศไทยหรือไม่")
    return UTM47N if lon < ZONE_SPLIT_LON else UTM48N


def _centroid_lon(gdf_or_geom) -> float:
    if isinstance(gdf_or_geom, BaseGeometry):
        geom = gdf_or_geom
    else:
        geom = shapely.union_all(gdf_or_geom.to_crs(WGS84).geometry.values)
    return float(geom.centroid.x)


def _reference_epsg(lines: gpd.GeoDataFrame, boundary: BaseGeometry | None) -> int:
    return utm_epsg_for(_centroid_lon(boundary if boundary is not None else lines))


def to_metric(gdf: gpd.GeoDataFrame, epsg: int) -> gpd.GeoDataFrame:
    """``gdf`` in the given UTM CRS (untouched if already in it)."""
    if gdf.crs is not None and gdf.crs.to_epsg() == epsg:
        return gdf
    return gdf.to_crs(epsg)


def _boundary_metric(boundary: BaseGeometry, epsg: int) -> BaseGeometry:
    return gpd.GeoSeries([boundary], crs=WGS84).to_crs(epsg).iloc[0]


def metric_network(network, boundary=None) -> tuple[gpd.GeoDataFrame, int]:
    """The network in its UTM zone, clipped to the boundary when given; returns (lines, EPSG code).

    The zone comes from the boundary's centroid longitude, or the network's when there is no boundary.
    """
    lines = network_lines(network)
    area = read_boundary(boundary) if boundary is not None else None
    epsg = _reference_epsg(lines, area)
    lines_m = to_metric(lines, epsg)
    if area is not None:
        clipped = lines_m.geometry.intersection(_boundary_metric(area, epsg))
        lines_m = lines_m.assign(geometry=[_lines_only(g) for g in clipped])
        lines_m = lines_m[~(lines_m.geometry.isna() | lines_m.geometry.is_empty)].reset_index(drop=True)
    return lines_m, epsg


def clip_to_boundary(network, boundary) -> gpd.GeoDataFrame:
    """The part of the network inside the boundary, in EPSG:4326 (for drawing what was measured)."""
    lines_m, _ = metric_network(network, boundary)
    return lines_m.to_crs(WGS84)


# --- indicators ------------------------------------------------------------------------------------------------

def network_length_m(network, boundary=None) -> float:
    """Total length in metres of the bike network, inside ``boundary`` when given, measured in UTM 47N/48N."""
    lines_m, _ = metric_network(network, boundary)
    return float(lines_m.geometry.length.sum())


def class_property(lines: gpd.GeoDataFrame) -> str | None:
    """The first property in ``CLASS_PROPERTIES`` that the network carries with at least one value."""
    for name in CLASS_PROPERTIES:
        if name in lines.columns and lines[name].notna().any():
            return name
    return None


def length_by_class(network, boundary=None, class_prop: str | None = None) -> pd.DataFrame | None:
    """Length per class value: columns class, length_m, share (of the total), longest first.

    The class property is ``class_prop`` or the first of ``CLASS_PROPERTIES`` present; None when the network
    has none (nothing to split by). Features without a value form a class of None, not a guessed one.
    """
    lines_m, _ = metric_network(network, boundary)
    prop = class_prop or class_property(lines_m)
    if prop is None:
        return None
    if prop not in lines_m.columns:
        raise GeoInputError(f"the network has no property {prop!r}", f"โครงข่ายไม่มีคุณสมบัติ {prop!r}")
    frame = pd.DataFrame({"class": lines_m[prop].astype("object").where(lines_m[prop].notna(), None),
                          "length_m": lines_m.geometry.length.to_numpy()})
    out = frame.groupby("class", dropna=False, sort=False)["length_m"].sum().reset_index()
    total = out["length_m"].sum()
    out["share"] = out["length_m"] / total if total > 0 else None
    out["class"] = out["class"].astype("object").where(out["class"].notna(), None)
    return out.sort_values("length_m", ascending=False, kind="stable").reset_index(drop=True)


def select_classes(network, classes: Iterable, class_prop: str | None = None) -> gpd.GeoDataFrame:
    """Only the lines whose class is in ``classes`` (e.g. the protected ones for ITDP's indicator).

    Booleans and the strings "true"/"yes"/"1" compare equal, so ``classes=[True]`` selects ``protected: "yes"``.
    """
    lines = network_lines(network)
    prop = class_prop or class_property(lines)
    if prop is None or prop not in lines.columns:
        raise GeoInputError("the network has no class property to select by "
                            f"(looked for {', '.join(CLASS_PROPERTIES)})",
                            "โครงข่ายไม่มีคุณสมบัติประเภททางจักรยานให้เลือก "
                            f"(ค้นหา {', '.join(CLASS_PROPERTIES)})")
    wanted = {_class_key(c) for c in classes}
    keep = lines[prop].map(_class_key).isin(wanted)
    return lines[keep].reset_index(drop=True)


def _class_key(v) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = str(v).strip().lower()
    return {"true": "true", "yes": "true", "1": "true", "false": "false", "no": "false", "0": "false"}.get(s, s)


def _population_frame(population, population_col: str) -> gpd.GeoDataFrame:
    if isinstance(population, pd.DataFrame) and not isinstance(population, gpd.GeoDataFrame):
        if not {"lon", "lat"} <= set(population.columns):
            raise GeoInputError("population table needs lon and lat columns (or geometry)",
                                "ตารางประชากรต้องมีคอลัมน์ lon และ lat (หรือรูปเรขาคณิต)")
        population = gpd.GeoDataFrame(population.copy(),
                                      geometry=gpd.points_from_xy(population["lon"], population["lat"]))
    gdf = _as_frame(population, "population layer", "ชั้นข้อมูลประชากร")
    if population_col not in gdf.columns:
        raise GeoInputError(f"population layer has no {population_col!r} property",
                            f"ชั้นข้อมูลประชากรไม่มีคุณสมบัติ {population_col!r}")
    pop = pd.to_numeric(gdf[population_col], errors="coerce")
    if (pop < 0).any():
        raise GeoInputError("population cannot be negative", "จำนวนประชากรต้องไม่ติดลบ")
    return gdf.assign(**{population_col: pop})


def population_share_within(network, population, distance_m: float = ITDP_DISTANCE_M, *,
                            population_col: str = "population", boundary=None,
                            method: str = "centroid") -> float | None:
    """Share (0-1) of the population within ``distance_m`` of the network: ITDP People Near (Protected)
    Bikeways, 300 m by default.

    ``population`` is points or grid cells with a population property (GeoJSON, GeoDataFrame, or a table with
    lon/lat). ``method="centroid"`` counts a cell's whole population when its centre is within the distance;
    ``"area"`` counts the fraction of each cell's area inside the 300 m buffer (population spread evenly in a
    cell). With a ``boundary`` only the population inside it (by cell centre) is counted; the network is not
    clipped, because a bikeway just outside still serves residents inside. Distances are measured in UTM 47N/48N.
    None when the total population is zero or unknown.
    """
    if method not in ("centroid", "area"):
        raise ValueError(f"method must be 'centroid' or 'area', got {method!r} / วิธีต้องเป็น centroid หรือ area")
    if not (distance_m > 0):
        raise GeoInputError(f"distance must be positive metres, got {distance_m!r}",
                            f"ระยะต้องเป็นจำนวนเมตรที่มากกว่าศูนย์ ได้รับ {distance_m!r}")
    lines = network_lines(network)
    area = read_boundary(boundary) if boundary is not None else None
    epsg = _reference_epsg(lines, area)
    net = shapely.union_all(to_metric(lines, epsg).geometry.values)
    pop = to_metric(_population_frame(population, population_col), epsg)
    centres = pop.geometry.centroid
    if area is not None:
        inside = centres.within(_boundary_metric(area, epsg)).to_numpy()
        pop, centres = pop[inside], centres[inside]
    people = pop[population_col].to_numpy(dtype=float)
    known = np.isfinite(people)
    total = people[known].sum()
    if total <= 0:
        return None
    if method == "centroid":
        near = shapely.dwithin(centres.values, net, distance_m)
        return float(people[known & near].sum() / total)
    buffer = shapely.buffer(net, distance_m, quad_segs=32)
    cells = pop.geometry.values
    cell_area = shapely.area(cells)
    is_areal = cell_area > 0
    frac = np.where(is_areal, shapely.area(shapely.intersection(cells, buffer)) / np.where(is_areal, cell_area, 1),
                    shapely.dwithin(centres.values, net, distance_m).astype(float))
    return float((people[known] * frac[known]).sum() / total)


def bike_lane_km_per_10k(length_m: float | None, population: float | None) -> float | None:
    """km of bike lane per 10,000 inhabitants = (length_m / 1000) / population x 10,000; None when either is
    unknown or the population is not positive."""
    if length_m is None or population is None or pd.isna(length_m) or pd.isna(population) or population <= 0:
        return None
    return float(length_m) / 1000.0 / float(population) * 10_000.0
