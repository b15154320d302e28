"""pydeck builders: colour scale, legend, layers, the offline deck spec and its size."""
from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
import pydeck as pdk
import pytest
from pydeck.bindings.json_tools import serialize

from geo import layers
from geo.layers import (CIVIDIS, MISSING_RGB, VIRIDIS, ColorScale, fit_view, format_value, interpolate,
                        legend_stops, make_deck, municipality_layer, province_layer)
from geo.provinces import province_geojson


def test_palettes_are_plotly_viridis_and_cividis():
    import plotly.colors as pc

    def hex_rgb(h):
        return tuple(int(h[i:i + 2], 16) for i in (1, 3, 5))

    assert VIRIDIS == tuple(hex_rgb(h) for h in pc.sequential.Viridis)
    assert CIVIDIS == tuple(hex_rgb(h) for h in pc.sequential.Cividis)


def test_interpolate_ends_and_middle():
    assert interpolate(VIRIDIS, 0.0) == (68, 1, 84)
    assert interpolate(VIRIDIS, 1.0) == (253, 231, 37)
    assert interpolate(VIRIDIS, 1 / 9) == VIRIDIS[1]
    # 0.5 sits halfway between stop 4 (38,130,142) and stop 5 (31,158,137):
    # (38+31)/2 = 34.5 -> 34, (130+158)/2 = 144, (142+137)/2 = 139.5 -> 140 (Python rounds halves to even)
    assert interpolate(VIRIDIS, 0.5) == (34, 144, 140)


def test_format_value():
    assert format_value(1234567.8, "tCO2e") == "1,234,568 tCO2e"
    assert format_value(12.345) == "12.3"
    assert format_value(1.2345) == "1.23"
    assert format_value(0) == "0"
    assert format_value(-250.4) == "-250"


def test_linear_scale_missing_and_clipping():
    scale = ColorScale.from_values([10, None, 30, float("nan")])
    assert (scale.vmin, scale.vmax) == (10.0, 30.0)
    assert scale.fraction(20) == 0.5          # (20-10)/(30-10)
    assert scale.fraction(50) == 1.0          # clipped
    assert scale.fraction(None) is None and scale.rgb(None) == MISSING_RGB
    assert ColorScale.from_values([None, float("nan")]) is None
    assert ColorScale.from_values([7, 7]).fraction(7) == 0.5  # one value: the middle colour
    with pytest.raises(ValueError):
        ColorScale.from_values([1, 2], method="log")


def test_quantile_scale_uses_mid_ranks():
    scale = ColorScale.from_values([1, 2, 3, 4, 100], method="quantile")
    # sorted ranks 0..4 over 4 steps: 3 has rank 2 -> 2/4 = 0.5 although it is only 3 % of the way to 100
    assert scale.fraction(3) == 0.5
    assert scale.fraction(1) == 0.0 and scale.fraction(100) == 1.0
    ties = ColorScale.from_values([1, 1, 2], method="quantile")
    # 1 occupies ranks 0 and 1: mid-rank 0.5 over 2 steps = 0.25
    assert ties.fraction(1) == 0.25


def test_legend_stops_linear_quantile_and_edge_cases():
    assert legend_stops([0, 50, 100], n=3) == [("0", VIRIDIS[0]), ("50", (34, 144, 140)), ("100", VIRIDIS[-1])]
    # quantiles of [1,2,3,4,100] at 0, .25, .5, .75, 1 are the values themselves (positions 0..4)
    labels = [label for label, _ in legend_stops([1, 2, 3, 4, 100], n=5, method="quantile",
                                                 fmt=lambda v: f"{v:g}")]
    assert labels == ["1", "2", "3", "4", "100"]
    assert legend_stops([None, float("nan")]) == []
    assert legend_stops([5, 5, None]) == [("5", interpolate(VIRIDIS, 0.5))]
    assert [rgb for _, rgb in legend_stops([0, 1], n=2, palette="cividis")] == [CIVIDIS[0], CIVIDIS[-1]]


def _features_by_code(layer):
    return {f["properties"]["province_code"]: f["properties"] for f in layer.data}


def test_province_choropleth_colours_values_and_marks_missing():
    values = pd.DataFrame({"province_code": ["50", "10", "90"], "x": [10.0, 30.0, None]})
    layer = province_layer(values, "x", lang="en", unit="t")
    assert layer.type == "GeoJsonLayer" and layer.id == "provinces" and layer.pickable
    props = _features_by_code(layer)
    assert len(props) == 77
    assert props["50"]["color"] == [*VIRIDIS[0], 210] and props["50"]["value_label"] == "10 t"
    assert props["10"]["color"] == [*VIRIDIS[-1], 210] and props["10"]["label"] == "Bangkok"
    # an explicit None and an absent province are both "no data", grey and half transparent, never zero
    for code in ("90", "20"):
        assert props[code]["value"] is None and props[code]["value_label"] == "no data"
        assert props[code]["color"] == [*MISSING_RGB, 105]
    th = _features_by_code(province_layer(values, "x"))
    assert th["10"]["label"] == "กรุงเทพมหานคร" and th["20"]["value_label"] == "ไม่มีข้อมูล"


def test_province_base_layer_is_neutral_and_bad_columns_raise():
    base = province_layer()
    assert base.pickable is False  # a backdrop must not slow down clicks on the points above it
    assert province_layer(pd.DataFrame({"province_code": ["10"], "x": [1.0]}), "x").pickable is True
    assert province_layer(pd.DataFrame({"province_code": ["10"], "x": [1.0]}), "x", pickable=False).pickable is False
    props = _features_by_code(base)
    assert {tuple(p["color"]) for p in props.values()} == {(*layers.BASE_PROVINCE_RGB, 210)}
    with pytest.raises(ValueError, match="ตาราง"):
        province_layer(pd.DataFrame({"code": ["10"], "x": [1]}), "x")


def _munis():
    return pd.DataFrame({"code": ["1", "2", "3", "4", "5"],
                         "name_th": ["ก", "ข", "ค", "ง", "จ"], "name_en": ["A", "B", "C", "D", "E"],
                         "lat": [13.123456, 14.0, 15.0, 16.0, None], "lon": [100.987654, 101.0, 102.0, 103.0, 99.0],
                         "v": [100.0, 50.0, None, -5.0, 7.0], "extra": ["x"] * 5})


def test_municipality_columns_heights_and_payload_fields():
    layer = municipality_layer(_munis(), "v", "column", lang="en", label_col="name_en")
    assert layer.type == "ColumnLayer" and layer.id == "municipalities" and layer.pickable
    recs = {r["code"]: r for r in layer.data}
    assert set(recs) == {"1", "2", "3", "4"}  # "5" has no latitude
    assert set(recs["1"]) == {"code", "label", "lon", "lat", "value", "value_label", "color", "h"}
    assert (recs["1"]["lat"], recs["1"]["lon"]) == (13.1235, 100.9877)
    # heights: largest value 100 -> 150,000 m; 50 -> 50/100 x 150,000 = 75,000 m; missing and negative -> flat
    assert [recs[c]["h"] for c in "1234"] == [150_000, 75_000, 0, 0]
    assert recs["3"]["value_label"] == "no data" and recs["3"]["color"] == [*MISSING_RGB, 115]
    # colour is linear over -5..100: 100 is the top stop, -5 the bottom one
    assert recs["1"]["color"][:3] == list(VIRIDIS[-1]) and recs["4"]["color"][:3] == list(VIRIDIS[0])


def test_municipality_scatter_radius_grows_with_area():
    layer = municipality_layer(_munis(), "v", "scatter", layer_id="m2")
    assert layer.type == "ScatterplotLayer" and layer.id == "m2"
    recs = {r["code"]: r for r in layer.data}
    # r = 1,500 + (12,000 - 1,500) x sqrt(v / 100): 100 -> 12,000; 50 -> 1,500 + 10,500 x 0.70711 = 8,924.6
    assert recs["1"]["r"] == 12_000 and recs["2"]["r"] == 8_925
    assert recs["3"]["r"] == 1_500 and recs["4"]["r"] == 1_500
    assert recs["1"]["label"] == "ก"
    with pytest.raises(ValueError):
        municipality_layer(_munis(), "v", "hexagon")
    with pytest.raises(ValueError, match="lacks"):
        municipality_layer(_munis().drop(columns="lat"), "v")


def test_deck_is_offline_and_tooltip_fields_exist_in_both_layers():
    deck = make_deck([province_layer(), municipality_layer(_munis(), "v")])
    spec = json.loads(deck.to_json())
    assert "mapProvider" not in spec
    assert spec["mapStyle"] == "__MAP_STYLE__"  # Streamlit drops it and draws no basemap, fetches nothing
    assert spec["initialViewState"]["latitude"] == 13.0 and spec["initialViewState"]["zoom"] == 4.8
    assert [layer["id"] for layer in spec["layers"]] == ["provinces", "municipalities"]
    assert deck._tooltip == layers.DEFAULT_TOOLTIP
    for key in ("label", "value_label"):
        assert "{" + key + "}" in layers.DEFAULT_TOOLTIP["html"]
        assert key in spec["layers"][0]["data"][0]["properties"]
        assert key in spec["layers"][1]["data"][0]
    online = json.loads(make_deck(province_layer(), basemap=True).to_json())
    assert online["mapProvider"] == "carto"


def test_compact_json_has_the_same_content_as_pydecks():
    deck = make_deck([province_layer(simplify=0.05), municipality_layer(_munis(), "v")], view={"zoom": 6})
    assert json.loads(deck.to_json()) == json.loads(serialize(deck))
    assert "\n" not in deck.to_json() and "กรุงเทพมหานคร" in deck.to_json()
    assert json.loads(deck.to_json())["initialViewState"]["zoom"] == 6


def test_national_payload_stays_well_under_3_mb():
    rng = np.random.default_rng(7)
    n = 7_850
    names = ["เทศบาลตำบลบ้านหนองบัวใหญ่", "องค์การบริหารส่วนตำบลโนนสะอาด", "เทศบาลเมืองพระนครศรีอยุธยา"]
    df = pd.DataFrame({"code": [f"{3_000_000 + i}" for i in range(n)],
                       "name_th": [names[i % 3] for i in range(n)],
                       "lat": rng.uniform(5.7, 20.4, n), "lon": rng.uniform(97.4, 105.6, n),
                       "tco2e": rng.lognormal(8, 1.2, n)})
    df.loc[::40, "tco2e"] = None
    prov = pd.DataFrame({"province_code": [f["properties"]["province_code"] for f in province_geojson()["features"]],
                         "x": np.arange(77.0)})
    sizes = {}
    for kind in ("column", "scatter"):
        deck = make_deck([province_layer(prov, "x"), municipality_layer(df, "tco2e", kind, unit="tCO2e")])
        sizes[kind] = len(deck.to_json().encode("utf-8"))
        sizes[kind + " (pydeck's indented JSON)"] = len(serialize(deck).encode("utf-8"))
    print("deck JSON bytes for 7,850 points + 77 provinces:", sizes)
    assert sizes["column"] < 2_000_000 and sizes["scatter"] < 2_000_000


def test_fit_view_frames_the_points():
    view = fit_view([100.0, 101.0], [13.0, 14.0])
    assert view.longitude == 100.5
    assert view.latitude == pytest.approx(13.5, abs=0.01)
    # 1 deg of longitude in 700 px: log2(700 x 360 / 512) = 8.94; 1 deg of latitude at 13.5 N is 0.017453 /
    # cos(13.5 deg) = 0.017949 Mercator units in 600 px: log2(600 x 2 pi / (512 x 0.017949)) = 8.68;
    # the tighter one minus a 0.3 margin = 8.38
    assert view.zoom == pytest.approx(8.38, abs=0.01)
    assert fit_view([], []).zoom == layers.THAILAND_VIEW["zoom"]
    assert isinstance(make_deck(province_layer(), view=view), pdk.Deck)
    assert math.isclose(json.loads(make_deck(province_layer(), view=view).to_json())["initialViewState"]["zoom"],
                        view.zoom)
