"""Bike & walk geometry (issue 5): network length in UTM, zone choice, clipping, ITDP 300 m share, input checks."""
from __future__ import annotations

import io
import json
import math
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from pyproj import Geod
from shapely.geometry import LineString, Point, box

from geo import mobility as mob
from geo.mobility import (GeoInputError, bike_lane_km_per_10k, circle_boundary, length_by_class, metric_network,
                          network_length_m, population_share_within, utm_epsg_for)

GEOD = Geod(ellps="WGS84")
SAMPLE = Path(__file__).resolve().parents[1] / "geo" / "samples" / "bike_network_sample.geojson"


def line_fc(*coords_and_props):
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": {"type": "LineString", "coordinates": coords}}
        for coords, props in coords_and_props]}


EAST_WEST = line_fc(([[100.50, 13.75], [100.51, 13.75]], {"class": "protected"}))


# --- length --------------------------------------------------------------------------------------------------

def test_length_of_a_001_degree_segment_matches_the_geodesic():
    # Hand arithmetic: one degree of longitude at latitude phi is ~111,320 m x cos(phi), so
    # 111,320 x cos(13.75 deg) x 0.01 = 111,320 x 0.97134 x 0.01 = 1,081.3 m.
    hand = 111_320 * math.cos(math.radians(13.75)) * 0.01
    assert hand == pytest.approx(1081.3, abs=0.1)
    geodesic = GEOD.line_length([100.50, 100.51], [13.75, 13.75])  # WGS84 ellipsoid: 1,081.5 m
    assert geodesic == pytest.approx(hand, rel=1e-3)
    measured = network_length_m(EAST_WEST)
    assert measured == pytest.approx(geodesic, rel=1e-3)  # UTM 47N within 0.1 %


@pytest.mark.parametrize("wrap", [
    lambda fc: fc,
    lambda fc: json.dumps(fc),
    lambda fc: json.dumps(fc).encode("utf-8"),
    lambda fc: io.BytesIO(json.dumps(fc).encode("utf-8")),  # like Streamlit's UploadedFile (getvalue)
    lambda fc: fc["features"][0],                           # a single Feature
    lambda fc: fc["features"][0]["geometry"],               # a bare geometry
])
def test_every_input_form_gives_the_same_length(wrap):
    assert network_length_m(wrap(EAST_WEST)) == pytest.approx(network_length_m(EAST_WEST), abs=1e-9)


def test_path_input_and_geodataframe_input(tmp_path):
    path = tmp_path / "net.geojson"
    path.write_text(json.dumps(EAST_WEST), encoding="utf-8")
    expected = network_length_m(EAST_WEST)
    assert network_length_m(path) == pytest.approx(expected)
    assert network_length_m(str(path)) == pytest.approx(expected)
    gdf = gpd.GeoDataFrame(geometry=[LineString([(100.50, 13.75), (100.51, 13.75)])], crs=4326).to_crs(32648)
    assert network_length_m(gdf) == pytest.approx(expected, rel=1e-9)  # any input CRS, same zone chosen


# --- UTM zone ------------------------------------------------------------------------------------------------

def test_utm_zone_by_longitude():
    assert utm_epsg_for(97.5) == 32647
    assert utm_epsg_for(101.999) == 32647
    assert utm_epsg_for(102.0) == 32648
    assert utm_epsg_for(105.6) == 32648
    with pytest.raises(GeoInputError):
        utm_epsg_for(2.35)  # Paris


@pytest.mark.parametrize("west,east,epsg", [(101.5, 102.3, 32647),   # centroid 101.9 E
                                             (101.8, 102.6, 32648)])  # centroid 102.2 E
def test_line_crossing_102e_takes_the_zone_of_its_centroid(west, east, epsg):
    fc = line_fc(([[west, 15.0], [east, 15.0]], {}))
    _, chosen = metric_network(fc)
    assert chosen == epsg
    geodesic = GEOD.line_length([west, east], [15.0, 15.0])
    assert network_length_m(fc) == pytest.approx(geodesic, rel=1e-3)


def test_boundary_centroid_decides_the_zone():
    # the line sits west of 102 E but the municipality's boundary centroid is east of it
    fc = line_fc(([[101.98, 15.0], [101.99, 15.0]], {}))
    area = box(101.97, 14.9, 102.09, 15.1)  # centroid 102.03 E
    _, chosen = metric_network(fc, area)
    assert chosen == 32648


# --- clipping ------------------------------------------------------------------------------------------------

def test_clip_to_a_polygon_boundary_in_every_form():
    fc = line_fc(([[100.50, 13.75], [100.52, 13.75]], {}))
    square = box(100.505, 13.70, 100.515, 13.80)
    inside = GEOD.line_length([100.505, 100.515], [13.75, 13.75])  # the 0.01 deg inside the square, ~1,081 m
    poly_fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {}, "geometry": json.loads(gpd.GeoSeries([square]).to_json())[
            "features"][0]["geometry"]}]}
    for boundary in (square, poly_fc, gpd.GeoDataFrame(geometry=[square], crs=4326).to_crs(32647)):
        assert network_length_m(fc, boundary) == pytest.approx(inside, rel=1e-3)
    assert network_length_m(fc, box(100.0, 14.0, 100.1, 14.1)) == 0.0  # measured: nothing inside
    clipped = mob.clip_to_boundary(fc, square)
    assert clipped.crs.to_epsg() == 4326
    assert clipped.total_bounds[0] == pytest.approx(100.505, abs=1e-6)


def test_point_plus_radius_boundary():
    # a 400 m circle centred on the line keeps one diameter of it: 2 x 400 = 800 m
    area = circle_boundary(100.505, 13.75, 400)
    assert network_length_m(EAST_WEST, area) == pytest.approx(800, rel=1e-3)
    with pytest.raises(GeoInputError):
        circle_boundary(100.5, 13.75, 0)


# --- classes -------------------------------------------------------------------------------------------------

def test_length_by_class_and_unknown_class():
    fc = line_fc(([[100.50, 13.75], [100.51, 13.75]], {"class": "protected"}),
                 ([[100.51, 13.75], [100.53, 13.75]], {"class": "painted"}),
                 ([[100.53, 13.75], [100.535, 13.75]], {}))
    by = length_by_class(fc)
    assert list(by["class"]) == ["painted", "protected", None]  # a feature without class stays None
    # 0.02 : 0.01 : 0.005 deg along one parallel (total 0.035) -> shares 4/7, 2/7, 1/7
    assert list(by["share"]) == pytest.approx([4 / 7, 2 / 7, 1 / 7], rel=1e-3)
    assert by["length_m"].sum() == pytest.approx(network_length_m(fc))
    assert length_by_class(line_fc(([[100.5, 13.75], [100.51, 13.75]], {"name": "x"}))) is None


def test_select_protected_lines_by_boolean_or_text():
    fc = line_fc(([[100.50, 13.75], [100.51, 13.75]], {"protected": "yes"}),
                 ([[100.51, 13.75], [100.52, 13.75]], {"protected": False}),
                 ([[100.52, 13.75], [100.53, 13.75]], {"protected": True}))
    chosen = mob.select_classes(fc, [True], "protected")
    assert len(chosen) == 2
    with pytest.raises(GeoInputError):
        mob.select_classes(line_fc(([[100.5, 13.75], [100.51, 13.75]], {})), ["protected"])


# --- ITDP 300 m share on a toy grid --------------------------------------------------------------------------

X0, Y0 = 650_000.0, 1_500_000.0  # UTM 47N, about 100.4 E 13.6 N


def grid(pop=lambda col, row: 100, as_cells=True):
    """10 x 10 cells of 100 m; cell (col, row) spans X0+100col..+100, Y0+100row..+100, centre at +50."""
    geoms, people = [], []
    for row in range(10):
        for col in range(10):
            x, y = X0 + 100 * col, Y0 + 100 * row
            geoms.append(box(x, y, x + 100, y + 100) if as_cells else Point(x + 50, y + 50))
            people.append(pop(col, row))
    return gpd.GeoDataFrame({"population": people}, geometry=geoms, crs=32647)


def utm_line(x_from, x_to, y):
    return gpd.GeoDataFrame(geometry=[LineString([(X0 + x_from, Y0 + y), (X0 + x_to, Y0 + y)])], crs=32647)


def test_share_within_300m_line_along_the_whole_bottom_edge():
    # the line runs along y = 0 from x = 0 to 1,000: a centre's distance is its y (50, 150, 250, 350 ...);
    # rows with centres at 50, 150 and 250 m are within 300 m: 3 rows x 10 cells = 30 of 100 cells -> 0.30
    assert population_share_within(utm_line(0, 1000, 0), grid()) == pytest.approx(0.30, abs=1e-12)
    assert population_share_within(utm_line(0, 1000, 0), grid(as_cells=False)) == pytest.approx(0.30, abs=1e-12)


def test_share_within_300m_line_along_half_the_edge_counts_the_rounded_end():
    # line from x = 0 to 500 along y = 0. Columns with centres x = 50..450 (5 cols) x rows 50..250 (3) = 15.
    # Beyond the end (500, 0) the distance is to that point:
    #   x=550: sqrt(50^2+50^2)=71, sqrt(50^2+150^2)=158, sqrt(50^2+250^2)=255        -> 3 cells
    #   x=650: sqrt(150^2+50^2)=158, sqrt(150^2+150^2)=212, sqrt(150^2+250^2)=292    -> 3 cells
    #   x=750: sqrt(250^2+50^2)=255, sqrt(250^2+150^2)=292, sqrt(250^2+250^2)=354 X  -> 2 cells
    #   x=850: sqrt(350^2+50^2)=354 X                                               -> 0
    # 15 + 3 + 3 + 2 = 23 of 100 cells of 100 people -> 0.23
    assert population_share_within(utm_line(0, 500, 0), grid()) == pytest.approx(0.23, abs=1e-12)


def test_area_weighted_share_with_uneven_population():
    # row r (0..9) holds 100 x (r+1) people per cell; total = 10 x 100 x (1+...+10) = 55,000.
    # Line along y = 520 across the grid; the 300 m buffer spans y = 220..820.
    # centroid: centres 250..750 (rows 2..7) are within 300 m: 10 x (300+...+800) = 33,000 -> 33,000/55,000 = 0.6
    # area: row 2 (200-300) is 80 % inside: 0.8 x 300 = 240; rows 3..7 fully: 400+...+800 = 3,000;
    #       row 8 (800-900) 20 % inside: 0.2 x 900 = 180; (240 + 3,000 + 180) x 10 = 34,200 -> 0.621818...
    pop = grid(pop=lambda col, row: 100 * (row + 1))
    line = utm_line(0, 1000, 520)
    assert population_share_within(line, pop) == pytest.approx(0.6, abs=1e-12)
    assert population_share_within(line, pop, method="area") == pytest.approx(34_200 / 55_000, rel=1e-9)


def test_share_restricted_to_the_boundary_and_from_lon_lat_table():
    # boundary = the left half of the grid (x 0..500): the half-edge line reaches rows 0..2 of its 5 columns:
    # 15 of 50 cells -> 0.30 (the 8 cells beyond the line's end lie outside the boundary)
    half = gpd.GeoDataFrame(geometry=[box(X0, Y0, X0 + 500, Y0 + 1000)], crs=32647).to_crs(4326)
    assert population_share_within(utm_line(0, 500, 0), grid(), boundary=half) == pytest.approx(0.30, abs=1e-12)
    pts = grid(as_cells=False).to_crs(4326)
    table = pd.DataFrame({"lon": pts.geometry.x, "lat": pts.geometry.y, "people": pts["population"]})
    assert population_share_within(utm_line(0, 500, 0), table, population_col="people") == pytest.approx(0.23)


def test_share_edge_cases():
    line = utm_line(0, 1000, 0)
    assert population_share_within(line, grid(pop=lambda c, r: 0)) is None  # no people: undefined, not 0
    with pytest.raises(GeoInputError):
        population_share_within(line, grid(pop=lambda c, r: -1))
    with pytest.raises(GeoInputError):
        population_share_within(line, grid(), population_col="pop")
    with pytest.raises(ValueError):
        population_share_within(line, grid(), method="kernel")


def test_bike_lane_km_per_10k():
    # 12,500 m = 12.5 km for 50,000 people: 12.5 / 50,000 x 10,000 = 2.5 km per 10,000
    assert bike_lane_km_per_10k(12_500, 50_000) == pytest.approx(2.5)
    assert bike_lane_km_per_10k(0.0, 50_000) == 0.0
    assert bike_lane_km_per_10k(None, 50_000) is None
    assert bike_lane_km_per_10k(12_500, None) is None
    assert bike_lane_km_per_10k(12_500, 0) is None


# --- rejected input ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("bad,needle", [
    ("{not json", "not GeoJSON"),
    (b"\xff\xfe\x00", "not UTF-8"),
    ({"type": "Topology", "objects": {}}, "not GeoJSON"),
    ({"type": "FeatureCollection", "features": []}, "empty"),
    ({"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": None}]}, "empty"),
    ({"type": "Point", "coordinates": [100.5, 13.75]}, "no line features"),
    ({"type": "LineString", "coordinates": [[650000, 1500000], [651000, 1500000]]}, "wrong CRS"),
    ({"type": "LineString", "coordinates": [[13.75, 100.50], [13.75, 100.51]]}, "wrong axis order"),
    ({"type": "FeatureCollection", "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::32647"}},
      "features": []}, "wrong CRS"),
    ("/no/such/file.geojson", "file not found"),
])
def test_invalid_input_raises_a_bilingual_value_error(bad, needle):
    with pytest.raises(ValueError) as info:
        network_length_m(bad)
    err = info.value
    assert isinstance(err, GeoInputError)
    assert needle in err.message_en
    assert err.message_th and any("\u0e00" <= ch <= "\u0e7f" for ch in err.message_th)
    assert str(err) == f"{err.message_th} / {err.message_en}"


def test_wgs84_crs_member_is_accepted():
    fc = dict(EAST_WEST, crs={"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}})
    assert network_length_m(fc) == pytest.approx(network_length_m(EAST_WEST))


def test_boundary_must_be_a_polygon():
    with pytest.raises(GeoInputError, match="Polygon"):
        network_length_m(EAST_WEST, Point(100.5, 13.75))


# --- the shipped sample --------------------------------------------------------------------------------------

def test_sample_network_is_marked_synthetic_and_measurable():
    fc = json.loads(SAMPLE.read_text(encoding="utf-8"))
    assert all(f["properties"]["synthetic"] is True for f in fc["features"])
    by = length_by_class(SAMPLE)
    assert set(by["class"]) == {"protected", "painted", "shared"}
    total = network_length_m(SAMPLE)
    assert by["length_m"].sum() == pytest.approx(total)
    assert 5_000 < total < 20_000
    protected = mob.select_classes(SAMPLE, [True], "protected")
    assert network_length_m(protected) == pytest.approx(by.set_index("class").loc["protected", "length_m"])
