"""The calculations the pages used to do themselves, now in indicators/, geo/ and ui/: each against numbers
worked out by hand."""
from __future__ import annotations

import math

import pandas as pd
import pyproj
import pytest

from geo import mobility
from indicators import asi, catalogue, network


def test_yearly_median_leaves_missing_values_out():
    table = pd.DataFrame({"year": [2022, 2022, 2022, 2022, 2023, 2023, 2023, 2024],
                          "cfo_total": [1.0, 2.0, 3.0, 10.0, 1.0, 3.0, None, None]})
    out = network.yearly_median(table, "cfo_total")
    # 2022: median of 1, 2, 3, 10 = (2 + 3) / 2 = 2.5; 2023: median of 1, 3 = 2 (the missing value is not a 0);
    # 2024: no value at all -> no row
    assert out.to_dict("list") == {"year": [2022, 2023], "cfo_total": [2.5, 2.0]}


def test_equivalent_circle_has_the_municipality_area():
    # 12.25 km2 -> r = sqrt(12,250,000 / pi) = sqrt(3,899,296.1) = 1,974.66 m
    assert mobility.equivalent_radius_m(12.25) == pytest.approx(1974.66, abs=0.01)
    circle = mobility.equivalent_circle(100.57, 14.35, 12.25)
    area_m2, _ = pyproj.Geod(ellps="WGS84").geometry_area_perimeter(circle)
    # a 128-sided polygon holds (128 / 2 pi) x sin(2 pi / 128) = 0.9996 of its circle's area
    assert abs(area_m2) / 1e6 == pytest.approx(12.25 * 128 / (2 * math.pi) * math.sin(2 * math.pi / 128), rel=2e-3)


def test_by_asi_sums_expected_and_achieved_over_the_themes():
    by_theme = pd.DataFrame({"asi": ["improve", "avoid", "avoid", "shift"],
                             "theme": ["low_carbon", "low_carbon", "bike_walk", "bike_walk"],
                             "expected": [10.0, 30.0, 5.0, 7.5], "achieved": [4.0, 20.0, 1.0, 0.0]})
    out = asi.by_asi(by_theme)
    # avoid: 30 + 5 = 35 expected, 20 + 1 = 21 achieved; shift 7.5 / 0; improve 10 / 4 — in A-S-I order
    assert out.to_dict("list") == {"asi": ["avoid", "shift", "improve"], "expected": [35.0, 7.5, 10.0],
                                   "achieved": [21.0, 0.0, 4.0]}


def test_matrix_cell_columns_come_from_the_catalogue():
    cells = [catalogue.cell_column(theme, dim) for theme, dim in catalogue.CELLS]
    assert len(cells) == 12 and cells[0] == "low_carbon_1" and cells[-1] == "resilience_4"
