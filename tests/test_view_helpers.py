"""The small pure pieces behind the journeys: weakest cells, the profile's first sentence, problem lines with fix
hints, formatted tables, downloads."""
from __future__ import annotations

import io

import numpy as np
import openpyxl
import pandas as pd

from indicators.compare import weakest_cells
from indicators.wma import CELL_COLUMNS
from ui import downloads, tables
from ui.i18n import t
from ui.problems import hint, problems_frame
from ui.profile_tables import answer_line


def test_weakest_cell_is_the_lowest_scored_cell_ignoring_missing_ones():
    a = dict.fromkeys(CELL_COLUMNS, 80.0) | {"bike_walk_3": 53.9, "resilience_1": np.nan}
    b = dict.fromkeys(CELL_COLUMNS, np.nan)
    c = dict.fromkeys(CELL_COLUMNS, 40.0)             # a tie everywhere: the first cell in matrix order
    out = weakest_cells(pd.DataFrame([a, b, c]))
    assert out.tolist() == ["bike_walk_3", None, "low_carbon_1"]


def test_answer_line_says_the_reduction_and_the_award():
    s = {"cfo": {"total": 5117.263}, "base_year": 2016, "reduction_pct": 29.61, "award_eligible": True}
    # 29.61 with two decimals, as the reduction tile; base year 2016 CE = พ.ศ. 2559 (2016 + 543)
    assert answer_line(s, "th") == "ลดก๊าซเรือนกระจกได้ร้อยละ 29.61 จากปีฐาน พ.ศ. 2559 · " + t("answer.award_yes", "th")
    assert answer_line(s, "en") == "Emissions 29.61 % below the base year 2016 · " + t("answer.award_yes", "en")
    rise = {**s, "reduction_pct": -3.25, "award_eligible": False}
    assert answer_line(rise, "en").startswith("Emissions 3.25 % above the base year 2016")
    assert answer_line({**s, "base_year": None}, "en") == t("answer.no_base", "en")
    assert answer_line({**s, "cfo": {"total": None}}, "th") == t("answer.no_cfo", "th")


class _P:
    def __init__(self, row, column, en, th, value=None):
        self.row, self.column, self.message_en, self.message_th, self.value = row, column, en, th, value


def test_problem_lines_carry_the_typed_value_and_a_fix():
    probs = [_P(2, "amount", "'15O000' in amount is not a number", "ค่า '15O000' ไม่ใช่ตัวเลข"),
             _P(None, None, "The sheet has a header but no data rows.", "แผ่นงานไม่มีแถวข้อมูล"),
             _P(5, "amount", "Row already stored in the database", "มีอยู่แล้ว")]
    frame = problems_frame(probs, "th", typed={(2, "amount"): "15O000"})
    assert frame[t("data.col.row", "th")].tolist() == ["2", "—", "5"]
    assert frame[t("data.col.typed", "th")].tolist() == ["15O000", "—", "—"]
    assert frame[t("data.col.fix", "th")].tolist() == [t("fix.amount", "th"), t("fix.general", "th"),
                                                         t("fix.conflict", "th")]
    assert hint("month", lang="en") == t("fix.month", "en")


def test_styled_table_shows_separators_and_a_dash_for_missing():
    frame = pd.DataFrame({"name": ["a", None], "t": [1234567.891, np.nan]})
    html = tables.styled(frame, {"t": 2}).to_html()
    assert "1,234,567.89" in html and html.count(tables.MISSING) == 2


def test_downloads_are_what_is_shown():
    frame = pd.DataFrame({"เทศบาล": ["ก"], "คะแนน": [84.0]})
    data = downloads.csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")                      # BOM: Excel on Thai Windows reads UTF-8
    assert data.decode("utf-8-sig").splitlines() == ["เทศบาล,คะแนน", "ก,84.0"]
    sheet = openpyxl.load_workbook(io.BytesIO(downloads.xlsx_bytes(frame))).active
    assert [[c.value for c in r] for r in sheet.iter_rows()] == [["เทศบาล", "คะแนน"], ["ก", 84]]


def test_change_by_group_sorted_by_contribution():
    from indicators.change import change_by_group, peer_rank

    base = pd.DataFrame({"cat": ["electricity", "electricity", "mobile", "paper"], "tco2e": [600.0, 400.0, 300.0, 5.0]})
    year = pd.DataFrame({"cat": ["electricity", "mobile", "water"], "tco2e": [700.0, 330.0, 2.0]})
    out = change_by_group(base, year, "cat")
    # electricity 1000 -> 700: −300 t, −30 %; mobile 300 -> 330: +30 t, +10 %; paper and water are in one year
    # only; compared base 1000 + 300 = 1300: contributions −300/1300 = −23.08 pts, +30/1300 = +2.31 pts, which
    # add up to (1030 − 1300) / 1300 = −20.77 %
    assert out["group"].tolist() == ["electricity", "mobile", "paper", "water"]
    assert out["change_t"].tolist()[:2] == [-300.0, 30.0]
    assert out["change_pct"].round(1).tolist()[:2] == [-30.0, 10.0]
    assert out["contribution_pts"].round(2).tolist()[:2] == [-23.08, 2.31]
    assert out.loc[2, "year_t"] != out.loc[2, "year_t"] and out.loc[3, "base_t"] != out.loc[3, "base_t"]
    peers = pd.DataFrame({"code": ["a", "b", "c", "d"], "red": [12.0, 30.0, None, 12.0]})
    assert peer_rank(peers, "a", "red") == (2, 3)            # 30 first, then a and d share rank 2
    assert peer_rank(peers, "c", "red") is None


def test_category_effects_get_contributions_and_keep_the_split():
    from indicators.change import with_contributions

    eff = pd.DataFrame({"category": ["paper", "electricity", "water"], "status": ["compared"] * 2 + ["new_this_year"],
                        "base_t": [100.0, 900.0, None], "year_t": [90.0, 810.0, 5.0],
                        "change_t": [-10.0, -90.0, None], "activity_effect_t": [-10.0, -45.0, None],
                        "factor_effect_t": [0.0, -45.0, None]})
    out = with_contributions(eff)
    # compared base 100 + 900 = 1000: electricity −90/1000 = −9 pts (half of it the factor), paper −1 pt
    assert out["group"].tolist() == ["electricity", "paper", "water"]
    assert out["contribution_pts"].tolist()[:2] == [-9.0, -1.0]
    assert out["factor_effect_t"].tolist()[:2] == [-45.0, 0.0]
