"""Tables as people read them: thousands separators, a fixed number of decimals, "—" where a value is missing;
the numbers stay numbers underneath (sorting and downloads keep working)."""
from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

from ui.i18n import t

MISSING = "—"


def styled(frame: pd.DataFrame, digits: int | dict[str, int] = 1) -> Styler:
    """``frame`` for ``st.dataframe``: numbers with thousands separators and ``digits`` decimals (one number for
    every column, or per column), missing values as "—"."""
    style = frame.style.format(precision=digits if isinstance(digits, int) else 1, thousands=",",
                               na_rep=MISSING)
    if isinstance(digits, dict):
        for col, d in digits.items():
            if col in frame.columns:
                style = style.format(precision=d, thousands=",", na_rep=MISSING, subset=[col])
    return style


def unit_names(units: pd.Series) -> pd.Series:
    """Units as stored (``kg``, ``% of budget``) in the page language (``unitname.*`` in ``ui/strings_help.py``);
    a unit without a translation is shown as stored."""
    lookup = {u: t(f"unitname.{u}") for u in units.dropna().unique()}
    return units.map(lambda u: u if u not in lookup or lookup[u].startswith("unitname.") else lookup[u])


def department_names(departments: pd.Series) -> pd.Series:
    """Department codes (``engineering``) as the page language names them (``dept.*``); an unknown code as
    typed, a missing one stays missing."""
    lookup = {d: t(f"dept.{d}") for d in departments.dropna().unique()}
    return departments.map(lambda d: d if d not in lookup or lookup[d].startswith("dept.") else lookup[d])
