"""Every page read as a lay reader reads it (issue 14, item 3): each KPI and each chart carries the glossary's
explanation as its help, and each table shown in Thai has formatted numbers, "—" for a missing value, Thai headers
with units, and no raw codes.

The pages are walked with AppTest with a municipality chosen and every tab drawn (AppTest draws the content of all
tabs in one run; the profile, compare and methodology compute only their open tab, so each of their tabs is a view
of its own), so the tabs of the profile, compare and methodology are covered too.
"""
from __future__ import annotations

import math
import re

import duckdb
import pandas as pd
import pytest
from streamlit import dataframe_util

from tests.helpers.apptest import PROFILE_TABS, run_page
from ui.tables import MISSING

# elements that draw a chart or a map; a chart must follow a titled heading with help (``layout.chart_title``)
CHART_TYPES = {"echarts_chart", "plotly_chart", "deck_gl_json_chart", "arrow_vega_lite_chart", "vega_lite_chart",
               "component_instance", "iframe", "graphviz_chart", "pyplot"}
TITLE_TYPES = {"markdown", "subheader", "header", "title", "heading"}
THAI = re.compile(r"[\u0E00-\u0E7F]")
# a code as stored in the database: lower-case ASCII with underscores or a single lower-case word
ENGLISH_WORD = re.compile(r"\b[a-z]{2,}\b")
RAW_CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
# headers that may stay without Thai letters: a reference system's name read the same in Thai documents
LATIN_HEADERS = {"GPC", "%"}
# columns whose content is a code or a citation on purpose (the code is what a reader looks up)
CODE_COLUMNS = ("รหัส", "แหล่งอ้างอิง", "หลักฐาน", "ที่มา")


@pytest.fixture(scope="module")
def who(demo_db_path):
    con = duckdb.connect(str(demo_db_path), read_only=True)
    try:
        pilot = con.execute("SELECT code FROM municipality WHERE role = 'pilot' ORDER BY code LIMIT 1").fetchone()[0]
        follower = con.execute("SELECT code FROM municipality WHERE mentor_code = ? ORDER BY code LIMIT 1",
                               [pilot]).fetchone()[0]
    finally:
        con.close()
    return {"pilot": pilot, "follower": follower}


def views(who) -> dict[str, tuple[str, dict]]:
    """Every page and state a reader sees: name -> (page, address parameters)."""
    p, f = who["pilot"], who["follower"]
    return {
        "overview": ("overview", {}),
        "profile": ("profile", {"m": p}),
        # the profile computes only its open tab (``tab=`` in the address): every tab is a view of its own
        **{f"profile-{tab}": ("profile", {"m": p, "tab": tab}) for tab in PROFILE_TABS[1:]},
        "profile-list": ("profile", {}),
        # the compare page computes only its open tab too
        "compare-groups": ("compare", {"m": p}),
        "compare-cells": ("compare", {"m": p, "pick": f"{p},{f}", "pilot": p, "tab": "pair"}),
        "compare-gaps": ("compare", {"m": p, "pick": f"{p},{f}", "pilot": p, "view": "gaps", "tab": "pair"}),
        "compare-any": ("compare", {"m": p, "pick": f"{p},{f}", "tab": "any"}),
        "compare-peer": ("compare", {"m": p, "tab": "peer"}),
        "map-columns": ("map", {"kind": "column"}),
        "map-points": ("map", {}),
        "trends": ("trends", {"m": p}),
        "actions": ("actions", {"m": p}),
        "methodology": ("methodology", {}),
        # the methodology computes only its open tab too
        **{f"methodology-{tab}": ("methodology", {"tab": tab})
           for tab in ("glossary", "factors", "gpc", "catalogue")},
    }


VIEW_NAMES = ["overview", "profile", *[f"profile-{tab}" for tab in PROFILE_TABS[1:]], "profile-list",
              "compare-groups", "compare-cells", "compare-gaps", "compare-any", "compare-peer", "map-columns",
              "map-points", "trends", "actions", "methodology", "methodology-glossary", "methodology-factors",
              "methodology-gpc", "methodology-catalogue"]


def elements(at) -> list:
    """The leaf elements of the last run in the order the page shows them (blocks walked depth first)."""
    out = []

    def walk(node):
        kids = getattr(node, "children", None)
        if kids is None:
            out.append(node)
            return
        for _, child in sorted(kids.items()):
            walk(child)

    walk(at._tree)
    return out


def kind(el) -> str:
    return getattr(el, "type", type(el).__name__)


def missing_help(at) -> list[str]:
    """What lacks help: each KPI without help, each chart not directly below a title with help."""
    problems = []
    shown = elements(at)
    for i, el in enumerate(shown):
        if kind(el) == "metric" and not el.proto.help.strip():
            problems.append(f"KPI without help: {el.label!r}")
        if kind(el) in CHART_TYPES:
            above = shown[i - 1] if i else None
            titled = above is not None and kind(above) in TITLE_TYPES and getattr(above.proto, "help", "").strip()
            if not titled:
                text = getattr(getattr(above, "proto", None), "body", "") if above is not None else ""
                problems.append(f"{kind(el)} below {kind(above) if above is not None else None} {text[:50]!r}, "
                                f"not below a title with help")
    return problems


@pytest.mark.parametrize("lang", ["th", "en"])
@pytest.mark.parametrize("view", VIEW_NAMES)
def test_every_kpi_and_chart_title_explains_its_terms(app_env, who, view, lang):
    page, params = views(who)[view]
    at = run_page(page, lang, **params)
    assert not missing_help(at), missing_help(at)


def _shown_frame(el) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """(the data, the text a Styler shows in their place or None when the table is not styled)."""
    data = el.value
    shown = el.proto.arrow_data.styler.display_values
    return data, (dataframe_util.convert_arrow_bytes_to_pandas_df(shown) if shown else None)


def _formats(el) -> dict[str, str]:
    """Column label -> number format given through ``column_config`` (st.dataframe only)."""
    import json

    raw = getattr(el.proto, "columns", "")
    config = json.loads(raw) if raw else {}
    return {k: v.get("type_config", {}).get("format", "") for k, v in config.items()
            if v.get("type_config", {}).get("format")}


def _is_missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA or v is pd.NaT


def table_problems(el) -> list[str]:
    """What a Thai reader would stumble on in one table."""
    data, shown = _shown_frame(el)
    formats = _formats(el)
    problems = []
    for pos, col in enumerate(data.columns):
        header = str(col)
        if not THAI.search(header) and header not in LATIN_HEADERS:
            problems.append(f"header not in Thai: {header!r}")
        if "tCO2e" in header or "CO2" in header.replace("CO₂", ""):
            problems.append(f"header writes the unit unofficially (use tCO₂eq): {header!r}")
        values = data.iloc[:, pos]
        texts = shown.iloc[:, pos] if shown is not None else None
        for row, v in enumerate(values.tolist()):
            # the browser's grid draws a missing cell as its placeholder (default "None") whatever a Styler says
            if _is_missing(v) and kind(el) == "dataframe" and el.proto.placeholder != MISSING:
                problems.append(f"{header!r} row {row}: a missing value shows 'None' (give placeholder='—')")
                break
            text = str(texts.iloc[row]) if texts is not None else v
            if isinstance(text, str) and not header.startswith(CODE_COLUMNS) and not THAI.search(text) \
                    and len(ENGLISH_WORD.findall(text)) >= 2:
                problems.append(f"{header!r} row {row}: English text {text!r}")
                break
            if texts is not None:
                text = str(texts.iloc[row])
                if text in ("None", "nan", "NaN", "<NA>", ""):
                    problems.append(f"{header!r} row {row}: shows {text!r} for a missing value")
                    break
                if isinstance(v, float) and not _is_missing(v) and abs(v) >= 1000 and "," not in text:
                    problems.append(f"{header!r} row {row}: {text!r} without thousands separator")
                    break
                if isinstance(v, str) and RAW_CODE.match(text) and not header.startswith(CODE_COLUMNS):
                    problems.append(f"{header!r} row {row}: raw code {text!r}")
                    break
                continue
            if _is_missing(v) and el.proto.placeholder != MISSING:
                problems.append(f"{header!r} row {row}: missing value shown as None (not '—')")
                break
            if _is_missing(v):
                continue
            if isinstance(v, float) and header not in formats and v != round(v, 3):
                problems.append(f"{header!r} row {row}: unformatted number {v!r}")
                break
            if isinstance(v, (int, float)) and not isinstance(v, bool) and abs(v) >= 10000 \
                    and header not in formats:
                problems.append(f"{header!r} row {row}: {v!r} without thousands separator")
                break
            if isinstance(v, str) and RAW_CODE.match(v) and not header.startswith(CODE_COLUMNS):
                problems.append(f"{header!r} row {row}: raw code {v!r}")
                break
    return problems


@pytest.mark.parametrize("view", VIEW_NAMES)
def test_every_thai_table_is_readable(app_env, who, view):
    page, params = views(who)[view]
    at = run_page(page, "th", **params)
    tables = [el for el in elements(at) if kind(el) in ("dataframe", "table")]
    problems = [f"table {i}: {p}" for i, el in enumerate(tables) for p in table_problems(el)]
    assert not problems, problems
