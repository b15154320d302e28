"""Figure builders: the series, markers and labels each chart must carry."""
from __future__ import annotations

import math

import pandas as pd

from ui import charts
from ui.i18n import set_lang


def test_trend_figure_marks_base_year_and_five_percent_line():
    set_lang("en")
    series = pd.DataFrame({"year": [2018, 2019, 2020], "value": [100.0, 97.0, 93.0]})
    traj = pd.DataFrame({"year": [2020, 2030], "value": [93.0, 95.0]})
    fig = charts.trend_figure(series, "en", base_year=2018, base_value=100.0, trajectory=traj, unit="tCO2e")
    names = [tr.name for tr in fig.data]
    assert names == ["Actual", "Path to target"]
    hline = [s for s in fig.layout.shapes if s.y0 == s.y1]
    assert hline and math.isclose(hline[0].y0, 95.0)          # 100 x (1 - 0.05)
    vline = [s for s in fig.layout.shapes if s.x0 == s.x1]
    assert vline and vline[0].x0 == 2018
    assert fig.layout.yaxis.title.text == "tCO2e"


def test_trend_figure_uses_buddhist_era_in_thai():
    set_lang("th")
    series = pd.DataFrame({"year": [2024], "value": [1.0]})
    fig = charts.trend_figure(series, "th", base_year=2024, base_value=1.0)
    assert list(fig.data[0].x) == [2567]                       # 2024 + 543
    assert fig.layout.xaxis.title.text == "ปี (พ.ศ.)"
    set_lang("en")


def test_wma_heatmap_labels_missing_cells_instead_of_zero():
    set_lang("en")
    cells = pd.DataFrame({"theme": ["low_carbon", "bike_walk"], "dimension": [1, 2], "score": [80.0, float("nan")],
                          "confidence": [0.5, 0.0]})
    fig = charts.wma_heatmap(cells, "en")
    z, text = fig.data[0].z, fig.data[0].text
    assert z[0][0] == 80.0 and z[1][1] is None
    assert text[1][1] == "no evidence"
    assert "confidence 50%" in text[0][0]


def test_cfo_sunburst_sums_by_scope():
    set_lang("en")
    rows = pd.DataFrame({"scope": [1, 1, 2], "category": ["mobile", "mobile", "electricity"],
                         "name": ["diesel", "petrol", "grid"], "tco2e": [10.0, 5.0, 20.0]})
    fig = charts.cfo_sunburst(rows, "en")
    vals = dict(zip(fig.data[0].ids, fig.data[0].values))
    assert vals["s1"] == 15.0 and vals["s2"] == 20.0           # 10 + 5 ; 20
    assert vals["s1/mobile/diesel"] == 10.0
