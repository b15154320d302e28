"""Texts that replace a misleading number with the reason (no Streamlit: pages, the kiosk and the reports
use them alike): the like-for-like reduction and its split, the index's evidence, BASIC completeness."""
from __future__ import annotations

from indicators import like_for_like as lfl
from ui import fmt
from ui.i18n import get_lang, t

CELLS = 12


def _templates(lang: str) -> dict[str, str]:
    return {code: t(f"reduction.reason.{code}", lang) for code in lfl.REASON_CODES}


def reason_lines(tokens: list[str], missing: list[str], base_year, year, lang: str) -> list[str]:
    """Reason tokens (``indicators.like_for_like``) as sentences in ``lang``, years in พ.ศ. in Thai."""
    return [lfl.reason_text(tok, base_year, year, missing, templates=_templates(lang),
                            category_name=lambda c: t(f"cat.{c}", lang),
                            year_label=lambda y: fmt.year_label(y, lang))
            for tok in tokens]


def row_reasons(row, lang: str) -> list[str]:
    """The reasons of one network-table row (``reduction_reasons`` / ``reduction_missing``)."""
    return reason_lines(lfl.split(row.get("reduction_reasons")), lfl.split(row.get("reduction_missing")),
                        row.get("base_year"), row.get("year"), lang)


def block_reasons(summary: dict, lang: str) -> list[str]:
    """The reasons of a summary JSON (``reduction`` object), in the page language."""
    red = summary.get("reduction") or {}
    tokens = red.get("reason_codes") or []
    return reason_lines(tokens, red.get("missing") or [], summary.get("base_year"), summary.get("year"), lang)


def reduction_value(pct, comparable, lang: str | None = None) -> str:
    """The reduction as shown: the signed % when comparable, else "not comparable" (the reasons go beside)."""
    if fmt.is_missing(pct) or not comparable:
        return t("reduction.not_comparable", lang)
    return fmt.pct(pct, 2, signed=True)


def split_text(activity_pct, factor_pct, lang: str | None = None, document: bool = False) -> str:
    """"from your actions +x % · from the grid factor +y %" ('' when either is missing); ``document``: the
    percentages as a Thai document writes them ("ร้อยละ +x")."""
    if fmt.is_missing(activity_pct) or fmt.is_missing(factor_pct):
        return ""
    if document:
        doc_lang = lang or get_lang()
        return t("reduction.split", lang, act=fmt.pct_doc(activity_pct, doc_lang, 2, signed=True),
                 fac=fmt.pct_doc(factor_pct, doc_lang, 2, signed=True))
    return t("reduction.split", lang, act=fmt.pct(activity_pct, 2, signed=True),
             fac=fmt.pct(factor_pct, 2, signed=True))


def index_text(overall, cells_with_evidence, digits: int = 1, lang: str | None = None) -> str:
    """The LCRS index (or a theme score), or "not enough evidence (n of 12 cells)" below the confidence
    threshold; '—' when there is no evidence at all."""
    if not fmt.is_missing(overall):
        return fmt.num(overall, digits)
    if fmt.is_missing(cells_with_evidence) or int(cells_with_evidence) == 0:
        return "—"
    return t("evidence.not_enough", lang, n=int(cells_with_evidence))


def completeness_text(missing: list[str] | None, lang: str | None = None) -> str:
    """"incomplete: n BASIC rows …" or "every BASIC row …" ('' when there is no city inventory)."""
    if missing is None:
        return ""
    if not missing:
        return t("basic.complete", lang)
    shown = ", ".join(missing[:6]) + (" …" if len(missing) > 6 else "")
    return t("basic.incomplete", lang, n=len(missing), refs=shown)
