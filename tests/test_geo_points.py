"""Municipality points: registry lat/lon, else district seat, else province point."""
from __future__ import annotations

import geopandas as gpd
import pandas as pd
import pytest

from data.store import reference
from geo.points import district_points, municipality_points, resolve_district
from geo.provinces import province_shapes


def test_district_seat_points_cover_887_districts_mostly_inside_their_province():
    pts = district_points()
    assert len(pts) == 887  # of 928 geothai districts, as measured in shared/reference/thai-geodata.md
    assert pts["district_code"].is_unique
    assert set(pts["district_code"]) <= set(reference.districts()["code"])
    g = gpd.GeoDataFrame(pts, geometry=gpd.points_from_xy(pts["lon"], pts["lat"]), crs=4326)
    polys = province_shapes().rename(columns={"province_code": "poly_code"})[["poly_code", "geometry"]]
    joined = gpd.sjoin(g, polys, how="left", predicate="within")
    inside = (joined["province_code"] == joined["poly_code"]).sum()
    assert inside / len(pts) >= 0.97  # 873/887 at the time of writing; the rest sit on coasts and borders


def test_capital_district_point_is_the_capital_town():
    # Mueang Chiang Mai (5001) is matched through the town "Chiang Mai" (18.79 N, 98.98 E)
    cm = district_points().set_index("district_code").loc["5001"]
    assert cm["lat"] == pytest.approx(18.79, abs=0.05) and cm["lon"] == pytest.approx(98.98, abs=0.05)


@pytest.mark.parametrize("kwargs,expected", [
    (dict(province_code="56", name_th="เทศบาลเมืองพะเยา"), "5601"),                 # Mueang Phayao by Thai name
    (dict(province_code="56", name_en="Phayao Town Municipality"), "5601"),        # ... by English name
    (dict(province_code="20", name_th="เทศบาลตำบลดอนหัวฬ่อ"), "2001"),               # subdistrict of Mueang Chon Buri
    (dict(province_code="20", name_th="?", code="2001301"), "2001"),               # 7-digit code prefix
    (dict(province_code="20", name_th="?", code="5601201"), None),                 # prefix of another province
    (dict(province_code="20", name_th="?", district_code="2002"), "2002"),         # given district wins
    (dict(province_code="20", name_th="?", district_code="5601"), None),           # ... only inside its province
])
def test_resolve_district(kwargs, expected):
    assert resolve_district(**kwargs) == expected


def test_municipality_points_fill_order_and_source():
    df = pd.DataFrame([
        dict(code="a", name_th="ทดสอบ", province_code="20", lat=13.4, lon=101.0),               # own point
        dict(code="b", name_th="เทศบาลเมืองพะเยา", province_code="56", lat=None, lon=None),      # district seat
        dict(code="c", name_th="เทศบาลตำบลไม่มีจริง", province_code="20", lat=None, lon=None),  # province point
        dict(code="d", name_th="ทดสอบ", province_code="99", lat=None, lon=None),               # no such province
        dict(code="e", name_th="ทดสอบ", province_code="20", lat=101.0, lon=13.4),              # swapped: not used
    ])
    out = municipality_points(df)
    assert list(out["point_source"].astype(object).where(out["point_source"].notna(), None)) == \
        ["registry", "district", "province", None, "province"]
    assert (out.loc[0, "lat"], out.loc[0, "lon"]) == (13.4, 101.0)
    seat = district_points().set_index("district_code").loc["5601"]
    assert (out.loc[1, "lat"], out.loc[1, "lon"]) == (seat["lat"], seat["lon"])
    prov = reference.provinces().set_index("province_code").loc["20"]
    assert (out.loc[2, "lat"], out.loc[2, "lon"]) == (prov["lat"], prov["lon"])
    assert pd.isna(out.loc[3, "lat"]) and pd.isna(out.loc[3, "lon"])  # missing stays missing, never 0
    assert list(df["lat"].isna()) == [False, True, True, True, False]  # input untouched


def test_municipality_points_on_the_demo_registry_keeps_registry_points():
    from data.demo.generator import generate

    muni = generate("demo").municipality
    out = municipality_points(muni)
    assert (out["point_source"] == "registry").all()
    stripped = municipality_points(muni.assign(lat=None, lon=None))
    assert stripped["point_source"].isin(["district", "province"]).all()
    assert (stripped["point_source"] == "district").sum() >= len(muni) * 0.8


def test_province_code_required():
    with pytest.raises(ValueError, match="province_code"):
        municipality_points(pd.DataFrame({"lat": [1.0]}))
