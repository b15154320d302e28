"""The wall screen's HTML builders: legible sizes, escaped data, labelled percentages."""
from __future__ import annotations

import re

from ui import kiosk


def test_no_text_smaller_than_the_floor():
    # every font size is in vh; 3.2 vh on a 1080-px-high screen = 34.6 px, above the ~32 px floor for 3 m
    for theme in ("light", "dark"):
        sizes = re.findall(r"font-size:\s*([0-9.]+)(vh|px|rem|em|%)", kiosk.css(theme))
        assert sizes
        assert all(unit == "vh" for _, unit in sizes), sizes
        assert min(float(v) for v, _ in sizes) >= kiosk.SMALLEST_VH
    assert kiosk.SMALLEST_VH * 1080 / 100 >= 32


def test_ranking_escapes_names_and_labels_the_percentage():
    rows = [{"name": "<b>x</b> เทศบาล", "pct": 12.34, "award": True}, {"name": "B", "pct": 6.0, "award": False}]
    out = kiosk.ranking_html("title", "rule", rows, "none", "th")
    assert "<b>x</b>" not in out and "&lt;b&gt;x&lt;/b&gt;" in out
    assert "ลดลง 12.3%" in out and "ลดลง 6.0%" in out                 # never a bare "%"
    assert out.count("ผ่านเกณฑ์รางวัล") == 1
    assert "width:100.0%" in out and "width:48.6%" in out             # bars: 12.34 -> 100 %, 6 / 12.34 = 48.6 %
    assert kiosk.cut_text(5.0, "en") == "5.0 % cut" and kiosk.cut_text(-2.0, "th") == "+2.0%"


def test_sparkline_spans_the_box():
    svg = kiosk.sparkline_svg([10, 5, 0], "#000", width=100, height=50, stroke=2)
    pts = re.search(r'points="([^"]+)"', svg).group(1).split()
    # first point top-left (highest value), last bottom-right, inside a 3-unit margin (1.5 x stroke)
    assert pts[0] == "3.0,3.0" and pts[-1] == "97.0,47.0"
    assert kiosk.sparkline_svg([1], "#000") == ""


def test_matrix_shows_why_when_the_index_is_withheld():
    m = {"low_carbon": {"1": 10.0, "2": None, "3": 30.0, "4": 40.0}, "bike_walk": {}, "resilience": {},
         "overall": None, "confidence": 0.3}
    out = kiosk.matrix_html(m, "en", "dark")
    assert "too little evidence" in out and out.count("class='cell'") == 12
