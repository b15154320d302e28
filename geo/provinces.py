"""Province polygons: the simplified Natural Earth admin-1 copy in ``geo/th_provinces.geojson``.

The file is built by ``scripts/build_provinces.py``; its source, licence and checksums are in
``geo/PROVENANCE.md``. Each feature carries ``province_code`` (DOPA), ``name_th`` and ``name_en`` (from
``geothai``) and ``region_code`` (N, NE, C, E, W, S). Nothing here touches the network.
"""
from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

import geopandas as gpd
import shapely

PROVINCES_PATH = Path(__file__).resolve().parent / "th_provinces.geojson"
PROPERTY_COLUMNS = ["province_code", "name_th", "name_en", "region_code"]


@lru_cache(maxsize=1)
def _collection() -> dict:
    return json.loads(PROVINCES_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _shapes() -> gpd.GeoDataFrame:
    gdf = gpd.GeoDataFrame.from_features(_collection()["features"], crs="EPSG:4326")
    return gdf[PROPERTY_COLUMNS + ["geometry"]].sort_values("province_code").reset_index(drop=True)


def province_shapes() -> gpd.GeoDataFrame:
    """The 77 provinces as a GeoDataFrame in EPSG:4326 (province_code, name_th, name_en, region_code, geometry).

    The file is parsed once per process; each call returns a copy so callers may add columns freely.
    """
    return _shapes().copy()


@lru_cache(maxsize=8)
def _simplified(tolerance: float) -> dict:
    collection = _collection()
    geoms = [shapely.geometry.shape(f["geometry"]) for f in collection["features"]]
    # coverage simplification keeps one shared border between neighbours (no slivers at coarser tolerances)
    simplified = shapely.set_precision(shapely.coverage_simplify(geoms, tolerance), 1e-4)
    features = []
    for feature, geom in zip(collection["features"], simplified):
        gj = shapely.geometry.mapping(geom)
        features.append({"type": "Feature", "properties": dict(feature["properties"]),
                         "geometry": {"type": gj["type"], "coordinates": _as_lists(gj["coordinates"])}})
    return {"type": "FeatureCollection", "features": features}


def _as_lists(obj):
    if isinstance(obj, (list, tuple)):
        if obj and isinstance(obj[0], (int, float)):
            return [round(float(v), 4) for v in obj]
        return [_as_lists(o) for o in obj]
    return obj


def province_geojson(simplify: float | None = None) -> dict:
    """The provinces as a GeoJSON FeatureCollection dict, ready for a pydeck GeoJsonLayer.

    ``simplify`` is an extra Visvalingam-Whyatt tolerance in degrees (e.g. 0.02 for a thumbnail-sized map);
    None returns the stored geometry. The result is a fresh deep copy: callers may edit properties.
    """
    if simplify is None:
        return copy.deepcopy(_collection())
    if simplify <= 0:
        raise ValueError(f"simplify must be a positive tolerance in degrees, got {simplify!r} / "
                         f"ค่าการลดรายละเอียดต้องเป็นจำนวนบวก (องศา)")
    return copy.deepcopy(_simplified(float(simplify)))


def province_features(simplify: float | None = None) -> list[dict]:
    """The features of ``province_geojson`` for a layer that edits only their properties: each feature and its
    ``properties`` are fresh dicts, the geometry is shared with the cache (do not edit it). A deep copy of the
    geometry on every page run cost 30-50 ms."""
    if simplify is not None and simplify <= 0:
        return province_geojson(simplify)["features"]  # raises with the message above
    source = _collection() if simplify is None else _simplified(float(simplify))
    return [{"type": f["type"], "properties": dict(f["properties"]), "geometry": f["geometry"]}
            for f in source["features"]]
