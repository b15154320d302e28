"""Rows and subjects shared by the publish tests (unit and replicas in a browser)."""
from __future__ import annotations

import pandas as pd


def refrigerant_csv(code: str, year: int, activity: str, kg: float) -> bytes:
    """One annual CFO row of a refrigerant (the demo set reports none but R-32, so it never conflicts)."""
    return pd.DataFrame([{"municipality_code": code, "year": year, "inventory": "CFO", "activity": activity,
                          "amount": kg, "unit": "kg", "month": None, "data_quality": "H",
                          "source": "publish test"}]).to_csv(index=False).encode("utf-8")


def subject(con) -> tuple[str, int]:
    """The first municipality and the latest year with activity."""
    # fetchall: a result left unread holds its snapshot open, and DuckDB cannot checkpoint past it
    year = con.execute("SELECT max(year) FROM activity").fetchall()[0][0]
    code = con.execute("SELECT min(municipality_code) FROM activity WHERE year = ?", [year]).fetchall()[0][0]
    return code, int(year)
