"""The map page's flat point map (ui/map_chart.py): the points, their tooltip figures and colour scale, the click
back to a municipality, the province outlines and the payload at national scale."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from geo.layers import MISSING_RGB, VIRIDIS, ColorScale, municipality_layer
from ui import map_chart
from ui.safe_text import echarts_templates

NAME = '<a href="https://evil.example/x">click</a> www.evil.example'


def _munis():
    return pd.DataFrame({"code": ["1", "2", "3", "4", "5"],
                         "name_th": ["ก", "ข", "ค", "ง", "จ"], "name_en": ["A", "B", NAME, "D", "E"],
                         "lat": [13.123456, 14.0, 15.0, 16.0, None], "lon": [100.987654, 101.0, 102.0, 103.0, 99.0],
                         "v": [1234.5, 50.0, None, -5.0, 7.0]})


def _map(df=None, lang="en"):
    return map_chart.municipality_point_map(_munis() if df is None else df, "v", label_col=f"name_{lang}",
                                            lang=lang, series_name="CFO (tCO2e)")


def test_points_carry_name_and_the_figure_as_the_deck_tooltip_shows_it():
    pm = _map()
    valued, grey = (d["source"] for d in pm.option["dataset"])
    # "5" has no latitude: left out, as on the deck map; "3" has no value: a grey point that says so
    assert pm.codes == {0: ["1", "2", "4"], 1: ["3"]}
    assert valued["name"].tolist() == ["A", "B", "D"] and grey["name"].tolist() == [NAME]
    # format_value: 1,234.5 >= 100 -> no decimals "1,234" (round half to even); 50 -> "50"; -5 -> "-5"
    assert valued["value_label"].tolist() == ["1,234", "50", "-5"]
    assert grey["value_label"].tolist() == ["no data"]
    # the same labels as the deck.gl layer's tooltip, without the unit (it heads the tooltip once)
    deck = {r["code"]: r["value_label"] for r in municipality_layer(_munis(), "v", label_col="name_en").data}
    assert [deck[c] for c in pm.codes[0]] == valued["value_label"].tolist()
    # positions rounded to 3 decimals: 13.123456 -> 13.123, 100.987654 -> 100.988
    assert valued["lat"][0] == pytest.approx(13.123, abs=1e-5) and valued["lon"][0] == pytest.approx(100.988,
                                                                                                        abs=1e-5)
    assert pm.option["series"][0]["name"] == "CFO (tCO2e)"
    assert pm.option["series"][0]["encode"] == {"x": "lon", "y": "lat", "itemName": "name",
                                                "tooltip": ["value_label"]}
    assert list(valued.columns)[map_chart.VALUE_DIM] == "value"


def test_colour_scale_is_the_decks_linear_viridis():
    pm = _map()
    vm = pm.option["visualMap"]
    # linear from the smallest (-5) to the largest (1,234.5) value over viridis' ten stops, only on series 0
    assert (vm["min"], vm["max"], vm["seriesIndex"]) == (-5.0, 1234.5, 0)
    assert vm["inRange"]["color"] == ["#%02x%02x%02x" % c for c in VIRIDIS]
    scale = ColorScale.from_values(_munis()["v"])
    assert (scale.vmin, scale.vmax) == (vm["min"], vm["max"])
    grey = pm.option["series"][1]["itemStyle"]["color"]
    assert grey == "#%02x%02x%02x" % MISSING_RGB == "#bdbdbd"
    # one value for all: the palette's middle, as ColorScale.fraction gives 0.5
    one = _munis().assign(v=[3.0, 3.0, None, 3.0, 3.0])
    vm1 = _map(one).option["visualMap"]
    assert (vm1["min"], vm1["max"]) == (2.0, 4.0) and ColorScale.from_values(one["v"]).fraction(3.0) == 0.5
    assert "visualMap" not in _map(_munis().assign(v=None)).option


def test_province_outlines_and_clicks():
    pm = _map()
    lines = pm.option["series"][2]
    assert lines["type"] == "lines" and lines["coordinateSystem"] == "cartesian2d" and lines["silent"]
    rings = [d["coords"] for d in lines["data"]]
    assert len(rings) >= 77 and all(r[0] == r[-1] for r in rings)          # closed rings of every province
    xs = [p[0] for r in rings for p in r]
    assert 97.3 <= min(xs) and max(xs) <= 105.7
    # both point series can be clicked (one at a time); the outlines cannot
    assert [se.get("selectedMode") for se in pm.option["series"]] == ["single", "single", None]


def test_names_are_data_never_templates():
    pm = _map()
    assert not any("evil" in tpl or "<" in tpl for tpl in echarts_templates(pm.option))
    assert NAME in pm.option["dataset"][1]["source"]["name"].tolist()       # as typed, not escaped


def test_national_payload_is_under_1_mb():
    rng = np.random.default_rng(7)
    n = 7_850
    names = ["เทศบาลตำบลบ้านหนองบัวใหญ่", "องค์การบริหารส่วนตำบลโนนสะอาด", "เทศบาลเมืองพระนครศรีอยุธยา"]
    df = pd.DataFrame({"code": [f"{3_000_000 + i}" for i in range(n)], "name_th": [names[i % 3] for i in range(n)],
                       "lat": rng.uniform(5.7, 20.4, n), "lon": rng.uniform(97.4, 105.6, n),
                       "v": rng.lognormal(8, 1.2, n)})
    df.loc[::40, "v"] = None
    pm = map_chart.municipality_point_map(df, "v", label_col="name_th", lang="th", series_name="CFO")
    tables = sum(len(_arrow(d["source"])) for d in pm.option["dataset"])
    rest = len(json.dumps({k: v for k, v in pm.option.items() if k != "dataset"}).encode("utf-8"))
    print("point map bytes for 7,850 points + 77 provinces:", tables, "Arrow +", rest, "JSON")
    assert tables + rest < 1_000_000


def _arrow(frame: pd.DataFrame) -> bytes:
    sink = pa.BufferOutputStream()
    table = pa.Table.from_pandas(frame, preserve_index=False)
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return sink.getvalue().to_pybytes()
