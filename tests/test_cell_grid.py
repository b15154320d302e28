"""The phone view of compare: each city's 12 cells as a 3 × 4 grid with its weakest cell marked."""
from __future__ import annotations

import re

import pandas as pd

from indicators.catalogue import CELLS, cell_column
from indicators.compare import weakest_cells
from ui import cell_grid


def _row(scores: dict[str, float]) -> pd.DataFrame:
    base = {cell_column(th, d): 50.0 for th, d in CELLS}
    return pd.DataFrame([{**base, **scores}])


def test_the_weakest_cell_is_marked_once_with_its_score():
    rows = _row({"bike_walk_3": 12.4, "resilience_2": float("nan")})
    weakest = weakest_cells(rows).tolist()
    assert weakest == ["bike_walk_3"]          # 12.4 is the lowest; the cell without evidence is left out
    html = cell_grid.grids_html(rows, ["Town A"], weakest)
    marked = re.findall(r"<td[^>]*data-weakest=1>([^<]*)</td>", html)
    assert marked == ["▼ 12"]                  # 12.4 shown without decimals
    assert html.count("data-weakest") == 1
    assert html.count(">—</td>") == 1          # the cell without a score: a dash, never 0
    assert html.count("<td") == 12             # 3 themes × 4 dimensions


def test_names_are_text_not_markup():
    rows = _row({})
    html = cell_grid.grids_html(rows, ["<b>x</b>"], [None])
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html


def test_colours_follow_the_scale_ends():
    assert cell_grid.colour(0) == ("#00224E", "#FFFFFF")      # Cividis 0: dark blue, white text
    assert cell_grid.colour(100) == ("#FEE838", "#000000")    # Cividis 1: yellow, black text
    # halfway between the 0.25 and 0.5 stops: (65+124)/2 = 94.5 -> 94 (banker's rounding), (77+123)/2 = 100,
    # (107+120)/2 = 113.5 -> 114
    assert cell_grid.colour(37.5) == ("#5E6472", "#FFFFFF")
    assert cell_grid.colour(float("nan"))[0] == "#E0E0E0"
