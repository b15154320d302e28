"""AppTest for every page in both languages, with and without a selected municipality, asserting on content:
KPI values equal the data layer's figures (the summary JSON), chart specs carry the expected series."""
from __future__ import annotations

import json

import duckdb
import pyarrow as pa
import pytest

from ui.i18n import t
from streamlit.testing.v1 import AppTest

from data.queries import indicator_rows
from data.figures import inventories
from data.figures import summary
from tests.conftest import ROOT
from tests.helpers.apptest import run_page
from ui import fmt, verdicts

APP = str(ROOT / "app.py")
PAGES = ["overview", "profile", "compare", "map", "trends", "actions", "showcase", "methodology"]


def metric(at: AppTest, label_start: str) -> str:
    hits = [m.value for m in at.metric if m.label.startswith(label_start)]
    assert hits, f"no metric starting {label_start!r}: {[m.label for m in at.metric]}"
    return hits[0]


def chart_specs(at: AppTest) -> list[dict]:
    """The ECharts options of the page's charts."""
    return [json.loads(el.proto.spec) for el in at.get("echarts_chart")]


def deck_specs(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.json) for el in at.get("deck_gl_json_chart")]


@pytest.fixture(scope="module")
def facts(demo_db_path):
    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        ns = inventories.network_summary(con)
        pilot = con.execute("SELECT code FROM municipality WHERE role = 'pilot' ORDER BY code LIMIT 1").fetchone()[0]
        no_base = con.execute("SELECT code FROM municipality WHERE base_year IS NULL ORDER BY code LIMIT 1").fetchone()
        year = int(ns["year"].max())
        return {"ns": ns, "pilot": pilot, "year": year, "no_base": no_base[0] if no_base else None,
                "summary": summary.municipality_summary(con, pilot, year),
                "actions": indicator_rows.actions(con), "n_munis": con.execute("SELECT count(*) FROM municipality").fetchone()[0],
                "n_factors": con.execute("SELECT count(*) FROM emission_factor").fetchone()[0]}
    finally:
        con.close()


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_with_badge_and_no_exception(app_env, page, lang, facts):
    at = run_page(page, lang)
    text = " ".join([w.value for w in at.warning] + [h.proto.body for h in at.get("html")])
    assert ("ข้อมูลสาธิต" if lang == "th" else "Synthetic demo data") in text


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("page", ["profile", "trends", "compare", "actions"])
def test_pages_with_a_selected_municipality(app_env, page, lang, facts):
    at = run_page(page, lang, m=facts["pilot"], year=facts["year"])
    assert any(s.value == facts["pilot"] for s in at.selectbox)


def test_overview_kpis_equal_the_network_figures(app_env, facts):
    at = run_page("overview", "en", year=facts["year"])
    ns = facts["ns"]
    cur = ns[ns["year"] == facts["year"]]
    # network CFO total = sum of every LAO's CFO total in that year
    assert metric(at, "Network CFO total") == fmt.num(float(cur["cfo_total"].sum()))
    eligible = int((cur["award_eligible"] == True).sum())  # noqa: E712
    # award: comparable years with >= 5 % from actions, out of the LAOs whose year is comparable like for like
    comparable = cur["reduction_comparable"].fillna(False).astype(bool) & cur["reduction_pct"].notna()
    assert metric(at, "LAOs with ≥ 5 % cut") == f"{eligible:,} / {int(comparable.sum()):,}"
    # the light map: one point per LAO with a CFO per person that year, sent as an Arrow dataset
    chart = next(el for el in at.get("echarts_chart") if json.loads(el.proto.spec)["series"][0]["type"] == "scatter")
    points = pa.ipc.open_stream(chart.proto.datasets[0].data.data).read_all()
    assert points.num_rows == int(cur["per_capita"].notna().sum())
    assert sorted(points.column("value").to_pylist()) == pytest.approx(
        sorted(cur["per_capita"].dropna().astype(float).round(4).tolist()))


def test_overview_thai_uses_buddhist_era(app_env, facts):
    at = run_page("overview", "th", year=facts["year"])
    year_box = [s for s in at.selectbox if s.label == "ปี"][0]
    assert year_box.format_func(year_box.value) == f"พ.ศ. {facts['year'] + 543}"


def test_profile_kpis_equal_the_summary_json(app_env, facts):
    s = facts["summary"]
    at = run_page("profile", "en", m=facts["pilot"], year=facts["year"])
    assert metric(at, "CFO total") == fmt.num(s["cfo"]["total"], 1)
    assert metric(at, "Scope 1") == fmt.num(s["cfo"]["scope1"], 1)
    assert metric(at, "Scope 2") == fmt.num(s["cfo"]["scope2"], 1)
    assert metric(at, "Scope 3") == fmt.num(s["cfo"]["scope3"], 1)
    # the like-for-like reduction, or "Not comparable" (the reasons go underneath)
    assert metric(at, "Reduction vs base year") == verdicts.reduction_value(s["reduction"]["pct"],
                                                                           s["reduction"]["comparable"], "en")
    assert metric(at, "Award eligible") == ("Yes" if s["award_eligible"] else "Not yet")
    assert metric(at, "City inventory BASIC (") == fmt.num(s["ccf"]["basic"], 0)
    assert metric(at, "LCRS index") == verdicts.index_text(s["wma"]["overall"], s["wma"]["cells_with_evidence"],
                                                                lang="en")
    # the page computes only the open tab: each figure below is read on the tab that shows it
    def tab(name):
        return run_page("profile", "en", m=facts["pilot"], year=facts["year"], tab=name)

    assert metric(tab("ccf"), "City inventory BASIC+") == fmt.num(s["ccf"]["basic_plus"], 0)
    specs = chart_specs(at)   # the small trend beside the KPIs
    trend = next(sp for sp in specs if any(se.get("name") == "Actual" for se in sp["series"]))
    five = [m for m in trend["series"][0]["markLine"]["data"] if "yAxis" in m]
    assert five and five[0]["yAxis"] == pytest.approx(s["base_total"] * 0.95)   # the 5 % line
    heat = next(sp for sp in chart_specs(tab("wma")) if sp["series"][0]["type"] == "heatmap")
    # the first cell (column 0, row 0) is low carbon, dimension 1
    assert heat["series"][0]["data"][0]["value"][:2] == [0, 0]
    assert heat["series"][0]["data"][0]["value"][2] == pytest.approx(s["wma"]["low_carbon"]["1"], abs=0.05)
    sun = next(sp for sp in chart_specs(tab("cfo")) if sp["series"][0]["type"] == "sunburst")
    totals = {node["id"]: node["value"] for node in sun["series"][0]["data"]}
    assert totals["s1"] == pytest.approx(s["cfo"]["scope1"], abs=0.01)


def test_profile_without_base_year_says_so(app_env, facts):
    if facts["no_base"] is None:
        pytest.skip("demo set has a base year everywhere")
    at = run_page("profile", "en", m=facts["no_base"], year=facts["year"])
    assert metric(at, "Reduction vs base year") == "No base year"


def test_profile_without_selection_lists_every_lao(app_env, facts):
    at = run_page("profile", "en")
    assert any("Choose a municipality" in i.value for i in at.info)
    assert len(at.dataframe[0].value) == facts["n_munis"]


def test_compare_groups_have_three_roles(app_env, facts):
    at = run_page("compare", "en", year=facts["year"])
    bars = chart_specs(at)[0]
    assert sorted(se["name"] for se in bars["series"]) == ["Network member", "Pilot city", "Replicating city"]


def test_map_points_and_offline_deck(app_env, facts):
    # the default: the flat point map (ECharts), every LAO a point (grey when no value) over the province outlines
    at = run_page("map", "th", year=facts["year"])
    assert not deck_specs(at)
    spec = chart_specs(at)[0]
    assert [se["type"] for se in spec["series"]] == ["scatter", "scatter", "lines"]
    chart = at.get("echarts_chart")[0].proto
    assert sum(len(pa.ipc.open_stream(d.data.data).read_all()) for d in chart.datasets) == facts["n_munis"]
    assert len(spec["series"][2]["data"]) >= 77                # every province's outline, drawn from geo/
    # the 3-D columns, on request: deck.gl, offline, a layer of their own
    deck = deck_specs(run_page("map", "th", year=facts["year"], kind="column"))[0]
    assert [layer["id"] for layer in deck["layers"]] == ["provinces", "municipalities-column"]
    assert len(deck["layers"][1]["data"]) == facts["n_munis"]       # every LAO has a column (grey when no value)
    assert deck.get("mapProvider") is None
    assert deck["layers"][1]["@@type"] == "ColumnLayer"


def test_trends_shows_selected_lao_and_network_median(app_env, facts):
    at = run_page("trends", "en", m=facts["pilot"])
    names = [se["name"] for se in chart_specs(at)[0]["series"]]
    assert any(facts["pilot"] in n for n in names) and "Network median" in names


def test_actions_counts_equal_registry(app_env, facts):
    at = run_page("actions", "en")
    acts = facts["actions"]
    assert metric(at, "Actions") == f"{len(acts):,}"
    assert metric(at, "Achieved") == f"{acts['achieved_tco2e'].fillna(0).sum():,.1f}"


@pytest.mark.parametrize("slide", [0, 1, 2, 3])
def test_showcase_slides_render(app_env, facts, slide):
    at = AppTest.from_file(APP, default_timeout=90)
    at.query_params["lang"] = "en"
    at.run()
    at.session_state["kiosk_slide"] = slide - 1    # the fragment advances by one before drawing
    at.switch_page("pages/showcase.py").run()
    assert not at.exception
    bodies = " ".join(h.proto.body for h in at.get("html"))
    assert "kiosk" in bodies
    if slide == 0:
        assert f">{facts['n_munis']:,}<" in bodies.replace("</div>", "<")


def test_methodology_lists_every_factor(app_env, facts):
    at = run_page("methodology", "en", tab="factors")   # the page computes only the open tab
    assert len(at.dataframe[0].value) == facts["n_factors"]


@pytest.fixture(scope="module")
def empty_app_db(tmp_path_factory):
    """A migrated database with reference data and no municipality at all (a fresh real install)."""
    from data.write import initialise

    path = tmp_path_factory.mktemp("empty_app") / "empty.duckdb"
    initialise.init_database(path, demo=False)
    return path


@pytest.mark.parametrize("page", PAGES + ["data_admin"])
def test_every_page_works_on_an_empty_database(empty_app_db, monkeypatch, page):
    monkeypatch.setenv("LCRS_DB", str(empty_app_db))
    at = run_page(page, "th")
    texts = " ".join([i.value for i in at.info] + [w.value for w in at.warning] + [m.value for m in at.markdown])
    assert "ข้อมูลสาธิต (สังเคราะห์)" not in texts   # a real (empty) database carries no demo badge
    if page in ("overview", "profile", "map", "trends", "compare"):
        assert any("ไม่มีข้อมูล" in i.value for i in at.info)
    if page in ("overview", "profile", "map", "trends", "compare", "actions"):   # ... and where data comes from
        assert [p.proto.page for p in at.get("page_link") if p.proto.label == t("data.go_to_data", "th")] == ["data"]
