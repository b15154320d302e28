"""Chart builders: the series, markers and labels each chart must carry (ECharts options)."""
from __future__ import annotations

import json

import pandas as pd
import pytest

from ui import charts
from ui.i18n import set_lang


def _json_safe(chart: charts.Chart) -> dict:
    """The option as Streamlit sends it (JSON: no NaN, no numpy types)."""
    return json.loads(json.dumps(chart.option, allow_nan=False))


def test_trend_figure_marks_base_year_and_five_percent_line():
    set_lang("en")
    series = pd.DataFrame({"year": [2018, 2019, 2020], "value": [100.0, 97.0, 93.0]})
    traj = pd.DataFrame({"year": [2020, 2030], "value": [93.0, 95.0]})
    opt = _json_safe(charts.trend_figure(series, "en", base_year=2018, base_value=100.0, trajectory=traj,
                                         unit="tCO2e"))
    assert [s["name"] for s in opt["series"]] == ["Actual", "Path to target"]
    marks = opt["series"][0]["markLine"]["data"]
    assert [m["yAxis"] for m in marks if "yAxis" in m] == [pytest.approx(95.0)]      # 100 x (1 - 0.05)
    assert [m["xAxis"] for m in marks if "xAxis" in m] == ["2018"]
    assert opt["yAxis"]["name"] == "tCO2e"
    # one continuous year axis 2018..2030; each line has a point only where it has a value
    assert opt["xAxis"]["data"] == [str(y) for y in range(2018, 2031)]
    assert opt["series"][0]["data"][:3] == [100.0, 97.0, 93.0] and opt["series"][0]["data"][3] is None
    assert opt["series"][1]["data"][2] == 93.0 and opt["series"][1]["data"][12] == 95.0


def test_trend_figure_uses_buddhist_era_in_thai():
    set_lang("th")
    series = pd.DataFrame({"year": [2024], "value": [1.0]})
    opt = _json_safe(charts.trend_figure(series, "th", base_year=2024, base_value=1.0))
    assert opt["xAxis"]["data"] == ["2567"]                      # 2024 + 543
    assert opt["xAxis"]["name"] == "ปี (พ.ศ.)"
    set_lang("en")


def test_wma_heatmap_labels_missing_cells_instead_of_zero():
    set_lang("en")
    cells = pd.DataFrame({"theme": ["low_carbon", "bike_walk"], "dimension": [1, 2], "score": [80.0, float("nan")],
                          "confidence": [0.5, 0.0]})
    opt = _json_safe(charts.wma_heatmap(cells, "en"))
    data = {tuple(d["value"][:2]): d for d in opt["series"][0]["data"]}
    # x = dimension - 1, y = theme row (low_carbon 0, bike_walk 1)
    assert data[(0, 0)]["value"][2] == 80.0
    assert data[(1, 1)]["value"][2] == "-" and data[(1, 1)]["label"]["formatter"] == "no evidence"
    assert "confidence 50%" in data[(0, 0)]["label"]["formatter"]
    assert len(data) == 12                                        # 3 themes x 4 dimensions


def test_cfo_sunburst_sums_by_scope():
    set_lang("en")
    rows = pd.DataFrame({"scope": [1, 1, 2], "category": ["mobile", "mobile", "electricity"],
                         "name": ["diesel", "petrol", "grid"], "tco2e": [10.0, 5.0, 20.0]})
    opt = _json_safe(charts.cfo_sunburst(rows, "en"))
    top = {n["id"]: n for n in opt["series"][0]["data"]}
    assert top["s1"]["value"] == 15.0 and top["s2"]["value"] == 20.0           # 10 + 5 ; 20
    leaves = {leaf["id"]: leaf["value"] for cat in top["s1"]["children"] for leaf in cat["children"]}
    assert leaves["s1/mobile/diesel"] == 10.0


def test_histogram_counts_every_value_once_and_marks_the_line():
    set_lang("en")
    values = pd.Series([0.0, 1.0, 1.5, 4.0, float("nan")])
    opt = _json_safe(charts.histogram(values, "en", "x", nbins=4, vline=5.0, vline_label="on track"))
    steps = opt["series"][0]["data"]
    # 4 bins over 0..4 (width 1): [0,1) 1 value, [1,2) 2, [2,3) 0, [3,4] 1 -> drawn from 0 and closed at 4
    assert steps[1:5] == [[0.0, 1], [1.0, 2], [2.0, 0], [3.0, 1]]
    assert steps[0] == [0.0, 0] and steps[-1] == [4.0, 0]
    assert sum(c for _, c in steps[1:5]) == 4                    # the NaN is dropped
    assert opt["series"][0]["markLine"]["data"][0]["xAxis"] == 5.0


def test_grouped_bar_stacks_and_keeps_category_order():
    df = pd.DataFrame({"role": ["pilot", "pilot", "network"], "type": ["city", "town", "city"],
                       "count": [2, 3, 7]})
    opt = _json_safe(charts.grouped_bar(df, x="role", y="count", colour="type", lang="en", y_title="LAOs",
                                        barmode="stack"))
    assert opt["xAxis"]["data"] == ["pilot", "network"]
    by_name = {s["name"]: s for s in opt["series"]}
    assert by_name["city"]["data"] == [2.0, 7.0] and by_name["town"]["data"] == [3.0, None]
    assert {s["stack"] for s in opt["series"]} == {"total"}


def test_point_map_places_each_municipality_and_colours_by_value():
    frame = pd.DataFrame({"lon": [100.5, 98.98, 101.0], "lat": [13.75, 18.79, 15.0], "per_capita": [2.0, 4.0, None],
                          "name_en": ["Bangkok", "Chiang Mai", "No data"]})
    chart = charts.point_map(frame, "per_capita", "name_en", "tCO2e/person")
    src = chart.option["dataset"]["source"]
    # the row without a value is left out; positions and values kept (rounded to 3 and 4 decimals)
    assert src["name"].tolist() == ["Bangkok", "Chiang Mai"]
    assert src["lon"].tolist() == [100.5, 98.98] and src["value"].tolist() == [2.0, 4.0]
    vm = chart.option["visualMap"]
    # 5th/95th percentiles of [2, 4]: 2 + 0.05 x 2 = 2.1 and 2 + 0.95 x 2 = 3.9
    assert vm["min"] == pytest.approx(2.1) and vm["max"] == pytest.approx(3.9) and vm["dimension"] == 2
    grid = chart.option["grid"]
    # Thailand keeps its shape: width / height = 8.4 deg x 0.97 / 14.9 deg
    assert grid["width"] / grid["height"] == pytest.approx(8.4 * 0.97 / 14.9, rel=0.01)


def test_cells_side_by_side_marks_each_rows_weakest_cell():
    set_lang("en")
    cols = [f"{th}_{d}" for th in charts.THEMES for d in (1, 2, 3, 4)]
    a = {c: 60.0 for c in cols} | {"bike_walk_3": 12.0, "resilience_4": float("nan")}
    b = {c: 40.0 for c in cols} | {"low_carbon_1": 5.0}
    opt = _json_safe(charts.cells_side_by_side(pd.DataFrame([a, b]), ["A", "B"], ["bike_walk_3", "low_carbon_1"],
                                               "en"))
    assert opt["yAxis"]["data"] == ["A", "B"] and len(opt["xAxis"]["data"]) == 12       # 3 themes x 4 dimensions
    cells = {tuple(d["value"][:2]): d for d in opt["series"][0]["data"]}
    assert len(cells) == 24                                                              # 2 rows x 12 cells
    # bike_walk_3 is column 4 + 2 = 6 of row 0; resilience_4 (no value) column 11; low_carbon_1 column 0 of row 1
    assert cells[(6, 0)]["value"][2] == 12.0 and cells[(6, 0)]["label"]["formatter"] == "▼ 12"
    assert cells[(6, 0)]["label"]["fontWeight"] == "bold"
    assert cells[(11, 0)]["value"][2] == "-" and cells[(11, 0)]["label"]["formatter"] == "—"
    assert cells[(0, 1)]["label"]["formatter"] == "▼ 5" and cells[(0, 0)]["label"]["formatter"] == "60"
    assert opt["visualMap"]["min"] == 0 and opt["visualMap"]["max"] == 100


def test_change_bars_colour_falls_green_and_rises_orange():
    frame = pd.DataFrame({"label": ["Electricity", "Fuel", "Waste"], "change_t": [-120.5, 30.25, float("nan")]})
    chart = charts.change_bars(frame, "label", "en", "tCO2e")
    opt = _json_safe(chart)
    assert opt["yAxis"]["data"] == ["Electricity", "Fuel"]                               # no change: left out
    bars = opt["series"][0]["data"]
    assert [b["value"] for b in bars] == [-120.5, 30.25]
    assert [b["itemStyle"]["color"] for b in bars] == ["#009E73", "#D55E00"]
    assert [b["label"]["formatter"] for b in bars] == ["-120.5", "+30.2"]               # 30.25 rounds half-even
    assert opt["xAxis"]["name"] == "tCO2e" and chart.height == 220                    # max(220, 70 + 34 x 2)
