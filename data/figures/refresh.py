"""Refreshing the stored aggregates (``data.store.aggregates``) from the rows, on every write.

Every write path calls ``stored_figures`` inside its own transaction: ``init``, import (only the municipalities
it touched), rollback, restore. It runs the same calculations a read runs when nothing is stored
(``inventories``, ``scores``) and records the fingerprint (``freshness``); the calculations never call back.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from data.figures import freshness, inventories, scores
from data.queries import emission_rows
from data.store import aggregates
from indicators import wma


def stored_figures(con, codes: Iterable[str] | None = None) -> None:
    """Recompute the aggregates on ``con`` — inside the caller's write transaction, so the figures change
    together with the rows — and record the fingerprint. ``codes``: the municipalities whose rows the write
    changed, when the aggregates were current before it (``freshness.is_current`` checked before writing);
    None rebuilds everything (also done when the tables are missing)."""
    aggregates.ensure_schema(con)
    if codes is not None and not (aggregates.has_table(con, aggregates.ROWS_TABLE)
                                  and aggregates.has_table(con, aggregates.WMA_TABLE)):
        codes = None
    codes = None if codes is None else sorted({str(c) for c in codes if c is not None})
    if codes is None or codes:
        with emission_rows.factor_cursor(con, freshness.GWP_SET, codes=codes, shared=True) as cur:
            sums = inventories.emission_sums_on(cur, freshness.GWP_SET, freshness.LANDFILL_METHOD)
        figures = inventories.figures_from_sums(con, sums, codes)
        matrix = scores.wma_from_figures(con, figures, codes)
        # the network table's rows where there is activity: every row of a municipality's trend
        pairs = figures.merge(sums[["code", "year"]], on=["code", "year"], how="inner")
        aggregates.store_network_rows(con, _rows_for_storage(pairs), codes)
        aggregates.store_wma_matrix(con, _matrix_for_storage(matrix), codes)
    aggregates.record_fingerprint(con, freshness.computed_with())


def _rows_for_storage(rows: pd.DataFrame) -> pd.DataFrame:
    """Network-table rows with plain column types (NA as NULL)."""
    out = pd.DataFrame({"code": pd.Series(rows["code"].to_numpy(dtype=object), dtype=object)})
    for c in inventories.NETWORK_COLUMNS[1:]:
        dtype = rows[c].dtype
        if str(dtype) == "Float64":
            out[c] = rows[c].to_numpy(dtype="float64", na_value=float("nan"))
        else:  # Int64 / boolean: their masked arrays become BIGINT / BOOLEAN with NULL
            out[c] = rows[c].array
    return out


def _matrix_for_storage(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix with storable column types (an empty matrix has object columns, which carry no type)."""
    out = pd.DataFrame({"code": pd.Series(matrix["code"].to_numpy(dtype=object), dtype=object),
                        "year": matrix["year"].to_numpy(dtype="int64")})
    for c in wma.MATRIX_COLUMNS[2:]:
        kind = "Int64" if c in ("maturity", "n_indicators", "n_cells") else "float64"
        out[c] = pd.array(matrix[c].to_numpy(dtype=object), dtype=kind).astype(kind) if kind == "Int64" \
            else matrix[c].to_numpy(dtype="float64")
    return out
