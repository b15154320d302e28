"""Tables as people read them: thousands separators, a fixed number of decimals, "—" where a value is missing;
the numbers stay numbers underneath (sorting and downloads keep working)."""
from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler

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
