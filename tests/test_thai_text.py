"""Thai text that looks right is accepted: decomposed sara am, zero-width characters and a doubled sara e are
made canonical before checking."""
from __future__ import annotations

import pandas as pd

from data.ingest.thai_text import normalise, normalise_grid
from tests.helpers.sample_data import MUNICIPALITY_HEADER, csv_bytes


def test_normalise_joins_what_looks_the_same():
    assert normalise("เทศบาลตําบล") == "เทศบาลตำบล"              # ํ + า -> ำ
    assert normalise("กํ่า") == "ก่ำ"                             # ํ + tone + า -> tone + ำ
    assert normalise("แม่\u200bสาย\ufeff") == "แม่สาย"          # zero-width space and BOM removed
    assert normalise("เเพร่") == "แพร่"                           # เ + เ -> แ
    assert normalise("Test City 2024") == "Test City 2024"        # nothing to do: unchanged


def test_grid_is_normalised_cell_by_cell():
    grid = pd.DataFrame({0: ["ตําบล", "ok"], 1: ["x", None]})
    out = normalise_grid(grid)
    assert out[0].tolist() == ["ตำบล", "ok"] and out[1].iloc[0] == "x" and pd.isna(out[1].iloc[1])
    assert grid[0].tolist() == ["ตําบล", "ok"]                    # the input is not changed


def test_import_stores_the_canonical_name(tmp_path):
    from data.ingest.validate import validate_file
    from tests.helpers.sample_data import new_real_database
    from data.store import db

    path = new_real_database(tmp_path / "real.duckdb", with_municipalities=False)
    row = ["9000009", "เทศบาลตํา\u200bบลทดสอบ", "Test", "tambon", "34", "8000", "6", "15.24", "104.85", "", "", "",
           ""]
    con = db.connect(path)
    try:
        result = validate_file(csv_bytes(MUNICIPALITY_HEADER, [row]), "m.csv", "municipalities", con)
    finally:
        con.close()
    assert not result.problems
    assert result.rows_df["name_th"].tolist() == ["เทศบาลตำบลทดสอบ"]
