"""The vectorised replacements of per-row loops give exactly what the loops gave (colours, labels, translations,
province features, map frames), so that the speed-ups of issue 8 change no figure and no label."""
from __future__ import annotations

import numpy as np
import pandas as pd

from geo import layers
from geo.provinces import province_features, province_geojson
from indicators import network


def test_rgb_array_gives_the_colour_of_every_value():
    values = np.array([0.0, 2.5, 5.0, 7.5, 10.0, np.nan, 12.0, -1.0])
    scale = layers.ColorScale.from_values(values, "linear", vmin=0.0, vmax=10.0)
    # 2.5 on 0..10 is fraction 0.25 -> position 0.25 x 9 = 2.25 on viridis: between stop 2 (62, 73, 137) and
    # stop 3 (49, 104, 142) at t = 0.25 -> (62 - 3.25, 73 + 7.75, 137 + 1.25) = (58.75, 80.75, 138.25)
    # -> (59, 81, 138); NaN is grey; 12 and -1 clip to the end colours
    got = scale.rgb_array(values)
    assert tuple(got[1]) == (59, 81, 138)
    assert tuple(got[5]) == layers.MISSING_RGB
    assert tuple(got[6]) == layers.VIRIDIS[-1] and tuple(got[7]) == layers.VIRIDIS[0]
    assert [tuple(int(c) for c in row) for row in got] == [scale.rgb(None if np.isnan(v) else v) for v in values]


def test_rgb_array_matches_rgb_for_quantiles_ties_and_a_flat_scale():
    rng = np.random.default_rng(3)
    values = np.round(rng.lognormal(3, 1, 500), 1)          # skewed, with ties after rounding
    values[::50] = np.nan
    for method in ("linear", "quantile"):
        for palette in ("viridis", "cividis"):
            scale = layers.ColorScale.from_values(values, method, palette)
            expected = [scale.rgb(None if np.isnan(v) else float(v)) for v in values]
            assert [tuple(int(c) for c in row) for row in scale.rgb_array(values)] == expected
    flat = layers.ColorScale.from_values([4.0, 4.0], "linear")
    assert [tuple(int(c) for c in r) for r in flat.rgb_array(np.array([4.0]))] == [flat.rgb(4.0)]


def test_municipality_records_keep_their_fields_and_order():
    df = pd.DataFrame({"code": ["A", "B", "C", "D"], "name_th": ["ก", "ข", "ค", "ง"],
                       "lat": [14.0, None, 15.123456, 16.0], "lon": [100.0, 101.0, 100.987654, 102.0],
                       "v": [1.0, 2.0, None, 3.0]})
    scale = layers.ColorScale.from_values(df["v"], "linear")
    recs = layers.municipality_records(df, "v", unit="t", scale=scale)
    # B has no latitude: left out; C has no value: grey, half transparent (230 // 2 = 115), "no data"
    assert [r["code"] for r in recs] == ["A", "C", "D"]
    assert recs[1] == {"code": "C", "label": "ค", "lon": 100.9877, "lat": 15.1235, "value": None,
                       "value_label": "ไม่มีข้อมูล", "color": [189, 189, 189, 115]}
    assert recs[0]["color"] == [*scale.rgb(1.0), 230] and recs[0]["value_label"] == "1 t"


def test_province_features_are_fresh_where_layers_write():
    feats = province_features()
    feats[0]["properties"]["name_en"] = "changed"
    assert province_geojson()["features"][0]["properties"]["name_en"] != "changed"
    assert [f["geometry"] for f in province_features()] == [f["geometry"] for f in province_geojson()["features"]]


def test_measure_frame_of_one_year_is_unchanged_by_filtering_first():
    munis = pd.DataFrame({"code": ["A", "B", "C"], "name_th": ["ก", "ข", "ค"], "population": [1000, 2000, 4000]})
    figures = pd.DataFrame({"code": ["A", "A", "B"], "year": [2023, 2024, 2024],
                            "cfo_total": [10.0, 9.0, 20.0], "per_capita": [0.01, 0.009, 0.01],
                            "reduction_pct": [None, 10.0, None], "ccf_basic": [100.0, 200.0, None]})
    wma = pd.DataFrame({"code": ["A", "C"], "year": [2024, 2024], "overall": [50.0, 70.0],
                        "low_carbon": [40.0, 60.0], "bike_walk": [50.0, 70.0], "resilience": [60.0, 80.0]})
    out = network.measure_frame(figures, wma, munis, 2024).set_index("code")
    # A: CCF 200 t / 1,000 people = 0.2 t per person; C has a matrix row but no figures; B no matrix row
    assert out.loc["A", "ccf_per_capita"] == 0.2
    assert out.loc["A", "cfo_total"] == 9.0 and pd.isna(out.loc["C", "cfo_total"])
    assert out.loc["C", "overall"] == 70.0 and pd.isna(out.loc["B", "overall"])
    whole = network.measure_table(figures, wma, munis)
    year_rows = whole[whole["year"] == 2024].drop(columns=["name_th", "population"])
    expected = munis.merge(year_rows, on="code", how="left")
    pd.testing.assert_frame_equal(network.measure_frame(figures, wma, munis, 2024), expected)


def test_municipality_labels_and_translations_match_the_per_row_ones():
    from ui import layout
    from ui.i18n import t

    munis = pd.DataFrame({"code": ["1401101", "5001101"], "name_th": ["เทศบาลนครพระนครศรีอยุธยา", "เทศบาลนครเชียงใหม่"],
                          "name_en": ["Phra Nakhon Si Ayutthaya", "Chiang Mai"]})
    for lang in ("th", "en"):
        assert layout.muni_labels(munis, lang) == {r["code"]: layout.muni_label(r, lang) for _, r in munis.iterrows()}
    assert layout.muni_labels(munis, "en")["5001101"] == "Chiang Mai (5001101)"
    roles = pd.Series(["pilot", "network", "pilot", "replicating"])
    assert layout.translated(roles, "role").tolist() == [t(f"role.{r}") for r in roles]
