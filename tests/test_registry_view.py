"""The actions registry's search, order and pages (ui/registry_view.py): every row stays reachable."""
from __future__ import annotations

import pandas as pd

from ui import registry_view as rv


def _registry() -> pd.DataFrame:
    return pd.DataFrame({"title": ["Solar roof", "LED street lights", "Bike lane", "solar pump"],
                         "department": ["Engineering", None, "Public works", "Water"],
                         "budget_thb": [500.0, None, 1200.0, 500.0]})


def test_search_is_case_insensitive_literal_and_over_every_column():
    reg = _registry()
    assert rv.search(reg, "SOLAR", ["title", "department"])["title"].tolist() == ["Solar roof", "solar pump"]
    assert rv.search(reg, "works", ["title", "department"])["title"].tolist() == ["Bike lane"]
    # "." is a literal full stop, not "any character": nothing matches
    assert rv.search(reg, ".", ["title", "department"]).empty
    assert len(rv.search(reg, "  ", ["title"])) == 4


def test_order_largest_first_missing_last_ties_in_registry_order():
    reg = _registry()
    # budgets 500, —, 1200, 500 -> 1200 (Bike lane), 500 (Solar roof, first in the registry), 500, then —
    assert rv.ordered(reg, "budget_thb")["title"].tolist() == ["Bike lane", "Solar roof", "solar pump",
                                                               "LED street lights"]
    assert rv.ordered(reg, "registry")["title"].tolist() == reg["title"].tolist()


def test_pages_cover_every_row_once():
    reg = pd.DataFrame({"n": range(250)})
    # 250 rows at 100 a page: 100 + 100 + 50
    assert rv.page_count(250) == 3 and rv.page_count(0) == 1 and rv.page_count(200) == 2
    pages = [rv.page_of(reg, p)["n"].tolist() for p in (1, 2, 3)]
    assert [len(p) for p in pages] == [100, 100, 50]
    assert sum(pages, []) == list(range(250))
    assert rv.page_of(reg, 9)["n"].tolist() == pages[2]   # past the end: the last page
