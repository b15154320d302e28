"""Batches and their review state (``import_batch``, migration 005) and the rows waiting for review
(``submission_row``): every SELECT of the review, for ``data.write.review`` and the pages."""
from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from data.queries.accounts import Account
from data.store import db

SUBMITTED, PUBLISHED, RETURNED = "submitted", "published", "returned"
STAGE_TABLE = "submission_row"


@dataclass(frozen=True)
class Batch:
    batch_id: int
    kind: str
    file_name: str
    rows: int
    user: str
    status: str              # active | rolled_back
    review_status: str       # submitted | published | returned
    municipalities: tuple[str, ...]
    created: object
    reviewed_by: str | None
    review_comment: str | None


_BATCH_SQL = ("SELECT batch_id, kind, file_name, rows, imported_by, status, coalesce(review_status, 'published'), "
              "municipalities, imported_at, reviewed_by, review_comment FROM import_batch")


def _batch_from(row, con) -> Batch:
    codes = tuple(c for c in (row[7] or "").split(",") if c)
    if row[7] is None:
        codes = tuple(_codes_in_tables(con, row[0]))
    return Batch(int(row[0]), row[1], row[2], int(row[3]), row[4], row[5], row[6], codes, row[8], row[9], row[10])


def _codes_in_tables(con, batch_id: int) -> list[str]:
    """The municipalities of a batch imported before migration 005 (or without an account), from its rows."""
    codes: set[str] = set()
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.columns WHERE column_name = 'batch_id' AND table_schema = 'main' "
        "AND table_name NOT IN ('import_batch', 'import_superseded', ?) ORDER BY table_name", [STAGE_TABLE]).fetchall()]
    for t in tables:
        col = "code" if t == "municipality" else "municipality_code"
        cols = {r[0] for r in con.execute("SELECT column_name FROM information_schema.columns WHERE table_name = ? "
                                          "AND table_schema = 'main'", [t]).fetchall()}
        if col in cols:
            # identifiers come from the catalogue and this function's constants
            codes.update(r[0] for r in con.execute(
                f"SELECT DISTINCT {db.duckdb_quote_ident(col)} FROM {db.duckdb_quote_ident(t)} WHERE batch_id = ?",
                [batch_id]).fetchall())
    return sorted(c for c in codes if c is not None)


def get_batch(con, batch_id: int) -> Batch | None:
    """One batch with its review state, or None."""
    row = con.execute(_BATCH_SQL + " WHERE batch_id = ?", [int(batch_id)]).fetchone()
    return _batch_from(row, con) if row else None


def list_batches(con) -> list[Batch]:
    """Every batch, oldest first."""
    return [_batch_from(r, con) for r in con.execute(_BATCH_SQL + " ORDER BY batch_id").fetchall()]


def batches_json(con) -> list[dict]:
    """The ``batches --json`` contract: id, kind, status, user, municipalities, rows, created, reviewed_by.
    ``status`` is the review status, or ``rolled_back`` for a batch rolled back."""
    out = []
    for b in list_batches(con):
        out.append({"id": b.batch_id, "kind": b.kind,
                    "status": "rolled_back" if b.status == "rolled_back" else b.review_status,
                    "user": b.user, "municipalities": list(b.municipalities), "rows": b.rows,
                    "created": b.created.isoformat(timespec="seconds") if b.created is not None else None,
                    "reviewed_by": b.reviewed_by})
    return out


def own_batches(con, account: Account) -> list[Batch]:
    """The batches ``account`` submitted, newest first (with the reviewer's comment when returned)."""
    return [b for b in reversed(list_batches(con)) if b.user == account.name]


def staged_records(con, batch_id: int) -> list[dict]:
    """The rows of a batch waiting for review, as stored (one dict per row, in file order)."""
    return [json.loads(r[0]) for r in con.execute(f"SELECT row_json FROM {STAGE_TABLE} WHERE batch_id = ? "
                                                  "ORDER BY rowid", [int(batch_id)]).fetchall()]


def published_rows(con, code: str, year: int, columns: list[str]) -> pd.DataFrame:
    """The published activity rows of one municipality-year, ``columns`` of them (names from the caller's
    constants: the activities file's columns)."""
    cols = ", ".join(db.duckdb_quote_ident(c) for c in columns)
    return con.execute(f"SELECT {cols} FROM activity WHERE municipality_code = ? AND year = ? "
                       "ORDER BY inventory, activity, gpc_ref, month NULLS FIRST", [code, int(year)]).df()


def activity_years_of(con, code: str) -> list[int]:
    """Years with published activity rows for one municipality, newest first."""
    return [int(r[0]) for r in con.execute("SELECT DISTINCT year FROM activity WHERE municipality_code = ? "
                                           "ORDER BY 1 DESC", [code]).fetchall()]
