"""LCRS scores of the municipalities: the Whole-Municipality matrix, the A-S-I action figures and the UNDRR
scorecard profile, for the summary JSON and the pages.

The rows come from ``data.queries.indicator_rows``; the scoring is done by the pure modules in ``indicators/``
(catalogue, wma, asi, resilience). Computed indicators (``indicators.catalogue.DERIVED_FROM``) are added at
read time: ``rs_undrr_score`` from the scorecard rows, ``lc_cfo_reduction_pct`` and ``lc_cfo_per_capita`` from
the inventories (``data.figures.inventories``). A computed value replaces an imported one for the same
municipality-year. The network matrix is read from the stored copy when ``freshness`` finds it current.
"""
from __future__ import annotations

import pandas as pd

from data.figures import freshness, inventories
from data.queries import indicator_rows
from data.store.aggregates import Stored
from indicators import asi as asi_mod
from indicators import catalogue as cat_mod
from indicators import resilience, wma


def _emission_figures(con, code: str | None, year: int | None) -> pd.DataFrame:
    """The inventories' figures (CFO totals, reduction vs base year, per capita) of one municipality or all."""
    if code is None:
        return inventories.network_summary(con, year=year)
    frame = inventories.municipality_trend(con, code)
    return frame if year is None else frame[frame["year"] == int(year)]


def evidence(con, code: str | None = None, year: int | None = None,
             figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """Every indicator value that scores: imported values plus the computed ones (UNDRR roll-up, CFO figures).

    ``figures`` (rows of ``inventories.network_summary``) can be passed when the caller already has them.
    """
    # evidence text only for one municipality (explain); the network-wide matrix does not show it
    return _evidence(con, code, year, figures, words=code is not None)


def _evidence(con, code: str | None, year: int | None, figures: pd.DataFrame | None, words: bool,
              codes: list[str] | None = None) -> pd.DataFrame:
    """``evidence``, for the municipalities in ``codes`` only when given (then ``figures`` must be given)."""
    with indicator_rows.only_codes(con, codes) as some:
        imported = indicator_rows.indicator_values(con, code, year, words=words, codes=some)
        derived = [resilience.undrr_indicator_values(indicator_rows.scorecard_rows(con, code, year, codes=some),
                                                     with_evidence=words)]
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


def _stored_matrix(stored: Stored, code: str | None, year: int | None) -> pd.DataFrame:
    """The stored Whole-Municipality matrix, typed and ordered as ``indicators.wma.wma_matrix`` returns it."""
    df = stored.wma_matrix(code, year)
    if df.empty:
        return pd.DataFrame(columns=wma.MATRIX_COLUMNS)
    df["maturity"] = df["maturity"].astype("Int64")
    return df[wma.MATRIX_COLUMNS]


def network_wma(con, year: int | None = None, figures: pd.DataFrame | None = None) -> pd.DataFrame:
    """The Whole-Municipality matrix of every municipality-year with evidence (or of ``year``): code, year,
    the 12 cells (``low_carbon_1`` …), their confidences (``conf_low_carbon_1`` …, 0-1), theme scores and
    confidences, overall, confidence, maturity (1-4), n_indicators. See ``indicators.wma``.

    Without ``figures`` it is read from the stored aggregates when they are current."""
    if figures is None:
        stored = freshness.current(con)
        if stored is not None:
            return _stored_matrix(stored, None, year)
    return wma.wma_matrix(evidence(con, None, year, figures), indicator_rows.catalogue(con))


def wma_from_figures(con, figures: pd.DataFrame, codes: list[str] | None = None) -> pd.DataFrame:
    """The Whole-Municipality matrix of the municipalities in ``codes`` (all when None), every year, with the
    emission indicators taken from ``figures`` (``inventories.network_summary`` rows): what the refresh
    stores."""
    return wma.wma_matrix(_evidence(con, None, None, figures, words=False, codes=codes), indicator_rows.catalogue(con))


def wma_explain(con, code: str, year: int) -> pd.DataFrame:
    """How each cell of one municipality-year was derived: one row per catalogue indicator with its value,
    evidence, score, weight, contribution, cell score and cell confidence (``indicators.wma.explain``)."""
    return wma.explain(evidence(con, code, year), indicator_rows.catalogue(con), code, int(year))


def wma_summary(con, code: str, year: int) -> dict | None:
    """The summary-JSON ``wma`` block for one municipality-year, or None when there is no evidence.

    {"low_carbon": {"1": x, "2": x, "3": x, "4": x}, "bike_walk": {...}, "resilience": {...}, "overall": x};
    cells rounded to 1 decimal, null for a cell without evidence.
    """
    return wma_block(con, code, year, freshness.current(con))


def wma_block(con, code: str, year: int, stored: Stored | None = None) -> dict | None:
    """``wma_summary``, read from ``stored`` (a current ``freshness.current`` reader) when given."""
    if stored is not None:
        m = _stored_matrix(stored, code, int(year))
    else:
        m = wma.wma_matrix(evidence(con, code, year), indicator_rows.catalogue(con))
    if m.empty:
        return None
    return wma.summary_block(m.iloc[0])


def asi_summary(con, code: str, year: int) -> dict | None:
    """The summary-JSON ``asi`` block for one municipality-year, or None when there are no actions.

    Counts the mitigation actions (low-carbon and bike-and-walk themes) with status ongoing or completed and
    start_year <= year; reduction_t = their achieved tCO2e per year (``indicators.asi.summary_block``).
    """
    return asi_mod.summary_block(indicator_rows.action_status_rows(con, code), int(year))


def network_asi(con, year: int | None = None) -> pd.DataFrame:
    """Per municipality × A-S-I × theme: actions, expected, achieved (tCO2e/yr), achievement_pct, budget_thb,
    bike_lane_km, cost_per_t — for the actions counting in ``year`` (all actions when None)."""
    return asi_mod.by_municipality(indicator_rows.actions(con), year)


def scorecard(con, code: str, year: int) -> pd.DataFrame:
    """The Ten Essentials of one municipality-year: essential, names, level, questions, points, max_points and
    score_pct (0-100); empty when there is no scorecard that year."""
    return resilience.essential_profile(indicator_rows.scorecard_rows(con, code, year), code, int(year))


def scorecard_totals(con, code: str | None = None, year: int | None = None) -> pd.DataFrame:
    """Per municipality-year and level: questions, coverage, points, max_points and percent."""
    rows = indicator_rows.scorecard_rows(con, code, year)
    if rows.empty:
        return pd.DataFrame(columns=["municipality_code", "year", "level", "questions", "points", "essentials",
                                     "max_points", "percent", "coverage"])
    return resilience.scorecard_totals(rows)
