"""LCRS figures read from the database for the summary JSON and the pages (Whole-Municipality, A-S-I, UNDRR).

SQL only reads rows (values bound as parameters, identifiers from constants); the scoring is done by the pure
modules in ``indicators/`` (catalogue, wma, asi, resilience). Rows of rolled-back import batches are ignored;
where an indicator was imported twice for the same municipality-year the latest batch wins.

Computed indicators (``indicators.catalogue.DERIVED_FROM``) are added at read time: ``rs_undrr_score`` from the
scorecard rows, ``lc_cfo_reduction_pct`` and ``lc_cfo_per_capita`` from the emissions engine
(``data.summary``). A computed value replaces an imported one for the same municipality-year.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from data import reference
from indicators import asi as asi_mod
from indicators import catalogue as cat_mod
from indicators import resilience, wma

# rows of an active (or batch-less) import only
_ACTIVE = "(b.status IS NULL OR b.status = 'active')"
_CODES = "_lcrs_wma_codes"   # a registered frame of municipality codes (aggregate refresh)
_VALUE_COLUMNS = "v.municipality_code, v.year, v.indicator_code, v.value, v.evidence"
_SCORECARD_COLUMNS = "s.municipality_code, s.year, s.level, s.essential, s.question, s.score"
_ACTION_COLUMNS = ", ".join(f"a.{c}" for c in [
    "action_id", "municipality_code", "title_th", "title_en", "theme", "dimension", "asi", "gpc_sector",
    "department", "status", "start_year", "end_year", "budget_thb", "expected_tco2e", "achieved_tco2e",
    "bike_lane_km", "co_benefits"])


def _filters(alias: str, code: str | None, year: int | None, codes: bool = False) -> tuple[str, list]:
    conds, params = [_ACTIVE], []
    if code is not None:
        conds.append(f"{alias}.municipality_code = ?")
        params.append(code)
    if codes:
        conds.append(f"{alias}.municipality_code IN (SELECT code FROM {_CODES})")
    if year is not None:
        conds.append(f"{alias}.year = ?")
        params.append(int(year))
    return " AND ".join(conds), params


def catalogue(con) -> pd.DataFrame:
    """The indicator catalogue (table indicator_def) in theme, dimension, code order."""
    df = con.execute("SELECT * FROM indicator_def ORDER BY indicator_code").df()
    order = {t: i for i, t in enumerate(cat_mod.THEMES)}
    df = df.sort_values(["theme", "dimension", "indicator_code"], kind="stable",
                        key=lambda s: s.map(order) if s.name == "theme" else s)
    return df.reset_index(drop=True)


def indicator_values(con, code: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Imported indicator values (municipality_code, year, indicator_code, value, evidence), oldest batch
    first so that ``wma.scored_values`` keeps the latest of duplicates."""
    return _indicator_values(con, code, year)


def _indicator_values(con, code: str | None, year: int | None, words: bool = True,
                      codes: bool = False) -> pd.DataFrame:
    """``indicator_values``; without ``words`` the evidence column is left empty (the network matrix does not
    show it, and moving ~150k texts to pandas is most of the read); ``codes``: only the municipalities of the
    registered ``_CODES`` frame."""
    where, params = _filters("v", code, year, codes)
    cols = _VALUE_COLUMNS if words else _VALUE_COLUMNS.replace("v.evidence", "CAST(NULL AS VARCHAR) AS evidence")
    return con.execute(
        f"SELECT {cols} FROM indicator_value v LEFT JOIN import_batch b ON b.batch_id = v.batch_id "
        f"WHERE {where} ORDER BY v.batch_id NULLS FIRST", params).df()


def scorecard_rows(con, code: str | None = None, year: int | None = None) -> pd.DataFrame:
    """UNDRR scorecard answers (municipality_code, year, level, essential, question, score)."""
    return _scorecard_rows(con, code, year)


def _scorecard_rows(con, code: str | None, year: int | None, codes: bool = False) -> pd.DataFrame:
    where, params = _filters("s", code, year, codes)
    return con.execute(
        f"SELECT {_SCORECARD_COLUMNS} FROM scorecard s LEFT JOIN import_batch b ON b.batch_id = s.batch_id "
        f"WHERE {where} ORDER BY s.municipality_code, s.year, s.level, s.essential, s.question", params).df()


def _emission_figures(con, code: str | None, year: int | None) -> pd.DataFrame | None:
    """The emissions engine's figures (CFO totals, reduction vs base year, per capita), or None when the engine
    is not installed."""
    try:
        from data import summary
    except ImportError:
        return None
    if code is None:
        return summary.network_summary(con, year=year)
    frame = summary.municipality_trend(con, code)
    return frame if year is None else frame[frame["year"] == int(year)]


def evidence(con, code: str | None = None, year: int | None = None,
             figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every indicator value that scores: imported values plus the computed ones (UNDRR roll-up, CFO figures).

    ``figures`` (rows of ``data.summary.network_summary``) can be passed when the caller already has them.
    """
    # evidence text only for one municipality (explain); the network-wide matrix does not show it
    return _evidence(con, code, year, figures, words=code is not None)


def _evidence(con, code: str | None, year: int | None, figures: pd.DataFrame | None, words: bool,
              codes: list[str] | None = None) -> pd.DataFrame:
    """``evidence``, for the municipalities in ``codes`` only when given (then ``figures`` must be given)."""
    if codes is not None:
        con.register(_CODES, pd.DataFrame({"code": pd.Series(list(codes), dtype=object)}))
    try:
        imported = _indicator_values(con, code, year, words=words, codes=codes is not None)
        derived = [resilience.undrr_indicator_values(_scorecard_rows(con, code, year, codes=codes is not None),
                                                     with_evidence=words)]
    finally:
        if codes is not None:
            con.unregister(_CODES)
    if figures is None:
        figures = _emission_figures(con, code, year)
    elif code is not None or year is not None:
        keep = pd.Series(True, index=figures.index)
        if code is not None:
            keep &= figures["code"] == code
        if year is not None:
            keep &= figures["year"] == int(year)
        figures = figures[keep]
    derived.append(cat_mod.emission_indicator_values(figures, with_evidence=words))
    derived = pd.concat([d for d in derived if len(d)], ignore_index=True) if any(len(d) for d in derived) else None
    return cat_mod.combine_values(imported, derived)


def network_wma(con, year: int | None = None, figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """The Whole-Municipality matrix of every municipality-year with evidence (or of ``year``): code, year,
    the 12 cells (``low_carbon_1`` …), their confidences (``conf_low_carbon_1`` …, 0-1), theme scores and
    confidences, overall, confidence, maturity (1-4), n_indicators. See ``indicators.wma``.

    Without ``figures`` it is read from the stored aggregates when they are current (``data.aggregates``)."""
    if figures is None:
        from data import aggregates

        stored = aggregates.wma_matrix(con, None, year)
        if stored is not None:
            return stored
    return wma.wma_matrix(evidence(con, None, year, figures), catalogue(con))


def wma_from_figures(con, figures: pd.DataFrame, codes: list[str] | None = None) -> pd.DataFrame:
    """The Whole-Municipality matrix of the municipalities in ``codes`` (all when None), every year, with the
    emission indicators taken from ``figures`` (``data.summary.network_summary`` rows): what
    ``data.aggregates`` stores."""
    return wma.wma_matrix(_evidence(con, None, None, figures, words=False, codes=codes), catalogue(con))


def wma_explain(con, code: str, year: int) -> pd.DataFrame:
    """How each cell of one municipality-year was derived: one row per catalogue indicator with its value,
    evidence, score, weight, contribution, cell score and cell confidence (``indicators.wma.explain``)."""
    return wma.explain(evidence(con, code, year), catalogue(con), code, int(year))


def wma_summary(con, code: str, year: int) -> dict | None:
    """The summary-JSON ``wma`` block for one municipality-year, or None when there is no evidence.

    {"low_carbon": {"1": x, "2": x, "3": x, "4": x}, "bike_walk": {...}, "resilience": {...}, "overall": x};
    cells rounded to 1 decimal, null for a cell without evidence.
    """
    from data import aggregates

    return wma_block(con, code, year, aggregates.current(con))


def wma_block(con, code: str, year: int, stored=None) -> dict | None:
    """``wma_summary``, read from ``stored`` (a current ``data.aggregates.Stored``) when given."""
    if stored is not None:
        m = stored.wma_matrix(code, int(year))
    else:
        m = wma.wma_matrix(evidence(con, code, year), catalogue(con))
    if m.empty:
        return None
    return wma.summary_block(m.iloc[0])


def actions(con, code: str | None = None) -> pd.DataFrame:
    """The A-S-I action registry (every municipality, or one), ordered by municipality and action id."""
    conds, params = [_ACTIVE], []
    if code is not None:
        conds.append("a.municipality_code = ?")
        params.append(code)
    return con.execute(
        f"SELECT {_ACTION_COLUMNS} FROM action a LEFT JOIN import_batch b ON b.batch_id = a.batch_id "
        f"WHERE {' AND '.join(conds)} ORDER BY a.municipality_code, a.action_id", params).df()


def asi_summary(con, code: str, year: int) -> dict | None:
    """The summary-JSON ``asi`` block for one municipality-year, or None when there are no actions.

    Counts the actions with status ongoing or completed and start_year <= year; reduction_t = their achieved
    tCO2e per year (``indicators.asi.summary_block``).
    """
    # only the columns the block uses: this is part of every summary JSON
    where, params = _filters("a", code, None)
    rows = con.execute(
        "SELECT a.asi, a.status, a.start_year, a.achieved_tco2e FROM action a "
        f"LEFT JOIN import_batch b ON b.batch_id = a.batch_id WHERE {where} "
        "ORDER BY a.municipality_code, a.action_id", params).df()
    return asi_mod.summary_block(rows, int(year))


def network_asi(con, year: int | None = None) -> pd.DataFrame:
    """Per municipality × A-S-I × theme: actions, expected, achieved (tCO2e/yr), achievement_pct, budget_thb,
    bike_lane_km, cost_per_t — for the actions counting in ``year`` (all actions when None)."""
    return asi_mod.by_municipality(actions(con), year)


def scorecard(con, code: str, year: int) -> pd.DataFrame:
    """The Ten Essentials of one municipality-year: essential, names, level, questions, points, max_points and
    score_pct (0-100); empty when there is no scorecard that year."""
    return resilience.essential_profile(scorecard_rows(con, code, year), code, int(year))


def scorecard_totals(con, code: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Per municipality-year and level: questions, coverage, points, max_points and percent."""
    rows = scorecard_rows(con, code, year)
    if rows.empty:
        return pd.DataFrame(columns=["municipality_code", "year", "level", "questions", "points", "essentials",
                                     "max_points", "percent", "coverage"])
    return resilience.scorecard_totals(rows)


@lru_cache(maxsize=1)
def undrr_questions() -> pd.DataFrame:
    """The preliminary-level question list (level, essential, question, title_th, title_en) from
    data/reference/undrr_questions.csv; short titles paraphrased by this project."""
    return reference.read_reference_csv("undrr_questions.csv")
