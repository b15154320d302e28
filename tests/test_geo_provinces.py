"""Province polygons: the committed file, its provenance, the loaders and the build script's pure parts."""
from __future__ import annotations

import hashlib
import json
import re
import sys
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from data.store import reference
from geo.provinces import PROVINCES_PATH, province_geojson, province_shapes

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import build_provinces  # noqa: E402


def test_file_is_small_and_matches_its_recorded_sha256():
    data = PROVINCES_PATH.read_bytes()
    assert 150_000 <= len(data) <= 300_000
    provenance = (ROOT / "geo" / "PROVENANCE.md").read_text(encoding="utf-8")
    out_row = next(line for line in provenance.splitlines() if line.startswith("| Output"))
    assert hashlib.sha256(data).hexdigest() in out_row
    assert f"{len(data):,} bytes" in out_row


def test_all_77_provinces_with_geothai_names_and_regions():
    shapes = province_shapes()
    gaz = reference.provinces().set_index("province_code")
    assert len(shapes) == 77
    assert sorted(shapes["province_code"]) == sorted(gaz.index)
    for row in shapes.itertuples():
        assert row.name_th == gaz.loc[row.province_code, "name_th"]
        assert row.name_en == gaz.loc[row.province_code, "name_en"]
        assert row.region_code == reference.region_of(row.province_code)
    by_code = shapes.set_index("province_code")
    # the three whose Natural Earth name_local is wrong must carry geothai's Thai name
    assert by_code.loc["10", "name_th"] == "กรุงเทพมหานคร"
    assert by_code.loc["36", "name_th"] == "ชัยภูมิ"
    assert by_code.loc["38", "name_th"] == "บึงกาฬ"


def test_geometry_valid_in_wgs84_and_rounded_to_4_decimals():
    shapes = province_shapes()
    assert shapes.crs.to_epsg() == 4326
    assert shapes.geometry.is_valid.all()
    assert set(shapes.geom_type) <= {"Polygon", "MultiPolygon"}
    text = PROVINCES_PATH.read_text(encoding="utf-8")
    assert not re.search(r"\d\.\d{5,}", text)
    minx, miny, maxx, maxy = shapes.total_bounds
    # Thailand: 5.6-20.5 N, 97.3-105.7 E
    assert 97 < minx < 98 and 105 < maxx < 106 and 5 < miny < 6 and 20 < maxy < 21


def test_province_points_fall_in_their_own_polygon():
    pts = reference.provinces()
    g = gpd.GeoDataFrame(pts, geometry=gpd.points_from_xy(pts["lon"], pts["lat"]), crs=4326)
    polys = province_shapes().rename(columns={"province_code": "poly_code"})[["poly_code", "geometry"]]
    joined = gpd.sjoin(g, polys, how="left", predicate="within")
    assert (joined["province_code"] == joined["poly_code"]).sum() == 77
    # and a landmark: the Grand Palace (100.4913 E, 13.7500 N) lies in Bangkok
    bkk = province_shapes().set_index("province_code").loc["10", "geometry"]
    assert bkk.contains(shapely.Point(100.4913, 13.7500))


def test_loaders_return_copies():
    a = province_shapes()
    a["extra"] = 1
    assert "extra" not in province_shapes().columns
    gj = province_geojson()
    gj["features"][0]["properties"]["name_en"] = "changed"
    assert province_geojson()["features"][0]["properties"]["name_en"] != "changed"


def test_province_geojson_simplify_reduces_vertices_and_rejects_bad_tolerance():
    def vertices(fc):
        return sum(int(shapely.get_num_coordinates(shapely.geometry.shape(f["geometry"]))) for f in fc["features"])

    full, coarse = province_geojson(), province_geojson(simplify=0.03)
    assert len(coarse["features"]) == 77
    assert vertices(coarse) < vertices(full) / 2
    assert all(shapely.geometry.shape(f["geometry"]).is_valid for f in coarse["features"])
    with pytest.raises(ValueError):
        province_geojson(simplify=0)


def test_build_name_join_with_alias_and_failure_on_unknown_name():
    assert build_provinces.normalise_name("Phra Nakhon Si Ayutthaya") == "phranakhonsiayutthaya"
    square = {"type": "Polygon", "coordinates": [[[100, 13], [101, 13], [101, 14], [100, 14], [100, 13]]]}
    feats = [{"type": "Feature", "properties": {"name": n}, "geometry": square}
             for n in reference.provinces()["name_en"] if n != "Bangkok"]
    feats += [{"type": "Feature", "properties": {"name": "Bangkok Metropolis"}, "geometry": square},
              {"type": "Feature", "properties": {"name": None}, "geometry": square}]  # the unnamed islet
    rows = build_provinces.join_provinces({"type": "FeatureCollection", "features": feats})
    assert len(rows) == 77 and rows[0]["province_code"] == "10" and rows[0]["name_th"] == "กรุงเทพมหานคร"
    feats[0]["properties"]["name"] = "Atlantis"
    with pytest.raises(SystemExit, match="Atlantis"):
        build_provinces.join_provinces({"type": "FeatureCollection", "features": feats})


def test_build_output_is_compact_rounded_and_ordered():
    rows = [{"province_code": "50", "name_th": "เชียงใหม่", "name_en": "Chiang Mai", "region_code": "N"}]
    geom = shapely.Polygon([(98.123456, 18.1), (98.2, 18.1), (98.2, 18.2)])
    text = build_provinces.to_geojson(rows, [geom], 4)
    fc = json.loads(text)
    assert fc["features"][0]["properties"] == rows[0]
    assert fc["features"][0]["geometry"]["coordinates"][0][0] == [98.1235, 18.1]
    assert "เชียงใหม่" in text and ", " not in text  # UTF-8, no padding

