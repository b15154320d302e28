"""The summary JSON of one municipality-year (the contract of ``python -m data summary``, README "Command
line"): the inventories' figures (``inventories``) and the LCRS blocks (``scores``), rounded for output."""
from __future__ import annotations

from data.figures import freshness, inventories, reductions, scores
from data.queries import emission_rows
from indicators import emissions as em
from indicators import gwp as gwp_mod
from indicators import like_for_like as lfl
from indicators import targets
from indicators.missing import is_missing

def _num(x, decimals: int) -> float | None:
    return None if is_missing(x) else round(float(x), decimals)


def _bool(x) -> bool | None:
    return None if is_missing(x) else bool(x)


def _basic_missing(con, code: str, year: int, stored_row) -> list[str] | None:
    """``reductions.basic_missing`` of one municipality-year, answered from its stored network row when that
    settles it: the row's ``basic_missing_n`` counts the same BASIC rows (``indicators.emissions.
    basic_missing_frame`` over the same CCF figures and notation keys, under the default GWP set and landfill
    method, as ``basic_missing`` always uses), NA exactly when the year has neither a figure nor a key (None)
    and 0 when none is missing ([]). Otherwise the list is computed (the landfill model included)."""
    if stored_row is not None:
        n = stored_row["basic_missing_n"]
        if is_missing(n):
            return None
        if int(n) == 0:
            return []
    return reductions.basic_missing(con, code, int(year))


def municipality_summary(con, code: str, year: int, gwp_set: str = gwp_mod.DEFAULT_GWP_SET,
                         landfill_method: str = emission_rows.DEFAULT_LANDFILL_METHOD) -> dict:
    """The summary JSON for one municipality-year (tCO2e, CE years; null where data are missing).

    cfo.* and reduction/award use the CFO inventory, compared like for like with the base year
    (``indicators.like_for_like``: ``reduction``); ccf.basic / basic_plus / by_sector follow GPC v1.1 (see
    ``indicators.emissions.ccf_totals``), ``ccf.basic_missing`` lists the BASIC rows with neither a figure nor
    a notation key; per_capita = CFO total / the population of the year; wma and asi come from
    ``data.figures.scores``. Raises ``inventories.UnknownMunicipality`` for a code not in the database.
    """
    stored = freshness.current(con) if freshness.uses_defaults(gwp_set, landfill_method) else None
    frame = inventories.summary_frame(con, code, None, gwp_set, landfill_method, ccf_year=int(year), stored=stored)
    row = frame[frame["year"] == int(year)]
    r = row.iloc[0] if len(row) else None
    base_year = inventories.optional_int(
        (frame if len(frame) else inventories.municipality_rows(con, code))["base_year"].iloc[0])
    # the base total is the same on every row of the municipality (CFO total of its base year)
    base = frame["base_total"].dropna()
    base_total = _num(base.iloc[0], inventories.TCO2E_DECIMALS) if len(base) else None

    def tonnes(col):
        return _num(r[col], inventories.TCO2E_DECIMALS) if r is not None else None

    return {  # the contract of README "Summary JSON"; reduction, wma.confidence and ccf.basic_missing are additions
        "municipality": code,
        "year": int(year),
        "cfo": {"scope1": tonnes("cfo_scope1"), "scope2": tonnes("cfo_scope2"), "scope3": tonnes("cfo_scope3"),
                "total": tonnes("cfo_total")},
        "ccf": {"basic": tonnes("ccf_basic"), "basic_plus": tonnes("ccf_basic_plus"),
                "by_sector": {s: tonnes(f"ccf_{s}") for s in em.SECTORS},
                "basic_missing": _basic_missing(con, code, int(year), r if stored is not None else None)},
        "base_year": base_year,
        "base_total": base_total,
        "reduction_pct": _num(r["reduction_pct"], targets.PCT_DECIMALS) if r is not None else None,
        "award_eligible": _bool(r["award_eligible"]) if r is not None else None,
        "reduction": lfl.reduction_block(r, base_year, int(year)),
        "per_capita": _num(r["per_capita"], inventories.PER_CAPITA_DECIMALS) if r is not None else None,
        # the stored matrix was computed under the default GWP set, like scores.wma_summary's own figures
        "wma": scores.wma_block(con, code, int(year), stored if stored is not None else freshness.current(con)),
        "asi": scores.asi_summary(con, code, int(year)),
    }
