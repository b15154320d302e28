"""The wall screen's slides: made once per data version and only drawn on later ticks; each slide carries its
own link as a QR code; the map slide covers the featured municipality's region with a legend."""
from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from data.figures import inventories, scores
from data.queries import indicator_rows, lookups
from tests.helpers.apptest import APP, reset_app_caches
from ui import kiosk, kiosk_slides as ks


@pytest.fixture(scope="module")
def frames(demo_db_path):
    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        return (lookups.municipalities(con), lookups.activity_years(con), inventories.network_summary(con),
                scores.network_wma(con), indicator_rows.actions(con))
    finally:
        con.close()


def test_plan_headline_ranking_then_story_and_map_per_featured(frames):
    munis, years, figures, wma, acts = frames
    plan = ks.plan(munis, years, figures, wma, acts, ks.Options())
    kinds = [k for k, _ in plan.slides]
    assert kinds[:2] == ["headline", "ranking"]
    pairs = plan.slides[2:]
    assert len(pairs) == 2 * min(ks.MAX_FEATURED, len(pairs) // 2) and len(pairs) > 0
    # each featured municipality has its story followed by its map
    assert all(pairs[i][0] == "story" and pairs[i + 1] == ("map", pairs[i][1]) for i in range(0, len(pairs), 2))
    one = ks.plan(munis, years, figures, wma, acts, ks.Options(m=pairs[0][1]))
    assert [k for k, _ in one.slides] == ["story", "map", "ranking"]


def test_map_slide_is_the_region_with_legend_and_qr_of_its_own_view(frames):
    munis, years, figures, wma, acts = frames
    plan = ks.plan(munis, years, figures, wma, acts, ks.Options())
    code = next(c for k, c in plan.slides if k == "map")
    slide = ks.make_slide("map", code, munis, figures, wma, acts, plan.year, ks.Options(), "th", "dark",
                          "http://town.example")
    deck = json.loads(slide.deck)
    region = munis.loc[munis["code"] == code, "region_code"].iloc[0]
    in_region = set(munis.loc[munis["region_code"] == region, "code"])
    points = next(layer for layer in deck["layers"] if layer["id"] == "municipalities")["data"]
    assert points and {p["code"] for p in points} <= in_region      # only the featured municipality's region
    assert code in {p["code"] for p in points}
    # a dark screen gets dark land under the points (light land would glare)
    land = next(layer for layer in deck["layers"] if layer["id"] == "provinces")
    assert {tuple(f["properties"]["color"][:3]) for f in land["data"]} == {kiosk.THEMES["dark"]["land"]}
    assert "ลดลงจากปีฐาน (ร้อยละ)" in slide.side and "ไม่มีตัวเลขที่เทียบได้" in slide.side   # legend
    # the QR code is the encoding of the slide's own view: the same options, pinned to the municipality
    link = ks.view_url("http://town.example", ks.Options(), "th", "dark", code)
    assert parse_qs(urlsplit(link).query) == {"m": [code], "lang": ["th"], "theme": ["dark"]}
    assert slide.qr == kiosk.qr_png(link)


def test_a_second_rotation_only_draws(app_env, monkeypatch):
    """Tick after tick the fragment shows the next slide; every slide is made once (first rotation) and the
    second rotation makes none."""
    reset_app_caches()
    made = []
    real = ks.make_slide

    def counting(kind, code, *args, **kwargs):
        made.append((kind, code))
        return real(kind, code, *args, **kwargs)

    monkeypatch.setattr(ks, "make_slide", counting)
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/showcase.py").run()
    assert not at.exception
    n = int(_slide_label(at).split("/")[1])
    shown = [_slide_label(at)]
    for _ in range(2 * n - 1):
        at.run()
        assert not at.exception
        shown.append(_slide_label(at))
    assert shown == [f"{i % n + 1}/{n}" for i in range(2 * n)]
    assert len(made) == n and len(set(made)) == n      # one make per slide, none in the second rotation
    reset_app_caches()


def _slide_label(at) -> str:
    body = next(h.proto.body for h in at.get("html") if "class='slide'" in h.proto.body)
    return body.split("class='slide'>")[1].split("<")[0]


def test_why_lines_say_own_activity_and_grid_then_scopes():
    row = {"activity_effect_pct": 38.31, "factor_effect_pct": 0.0}
    drivers = [{"scope": 1, "change": -150.4}, {"scope": 2, "change": -75.0}, {"scope": 3, "change": 2.0}]
    # the grid factor moved nothing (0.00 %): left out; three lines at most
    assert ks.why_lines(row, drivers, "th") == ["จากการดำเนินงานของ อปท. เอง: ลดลง 38.3%",
                                                "ประเภทที่ 1 (เชื้อเพลิง สารทำความเย็น): −150 tCO₂eq",
                                                "ประเภทที่ 2 (ไฟฟ้า): −75 tCO₂eq"]
    row = {"activity_effect_pct": -2.5, "factor_effect_pct": 4.0}
    assert ks.why_lines(row, drivers[:1], "en") == ["From the LAO's own activity: +2.5 %",
                                                    "From the grid electricity factor: 4.0 % cut",
                                                    "Scope 1 (fuel, refrigerants): −150 tCO2e"]
