"""Small Streamlit pieces that show the reason instead of a misleading figure (texts from ``ui.verdicts``):
the reduction with its split or its reasons, the index or "not enough evidence", BASIC completeness,
"target met". Pages call them with the summary JSON (``data.figures.summary.municipality_summary``)."""
from __future__ import annotations

from ui import fmt, verdicts
from ui.i18n import t


def reduction_kpi(col, summary: dict) -> None:
    """The reduction tile: the like-for-like % when comparable, else "not comparable"; the split or the
    reasons underneath."""
    red = summary.get("reduction") or {}
    col.metric(t("kpi.reduction"), verdicts.reduction_value(red.get("pct"), red.get("comparable")),
               help=t("reduction.like_for_like"))
    reduction_note(col, summary)


def reduction_note(container, summary: dict, lang: str | None = None) -> None:
    """"from your actions … · from the grid factor …" when comparable, else the reasons, as a caption."""
    from ui.i18n import get_lang

    red = summary.get("reduction") or {}
    if red.get("comparable"):
        text = verdicts.split_text(red.get("activity_effect_pct"), red.get("factor_effect_pct"))
    else:
        text = " · ".join(verdicts.block_reasons(summary, lang or get_lang()))
    if text:
        container.caption(text)


def index_kpi(col, wma_block: dict | None, label: str) -> None:
    """The LCRS index tile, or "not enough evidence (n of 12 cells)" below the confidence threshold."""
    block = wma_block or {}
    col.metric(label, verdicts.index_text(block.get("overall"), block.get("cells_with_evidence")),
               help=None if block.get("confidence") is None
               else t("evidence.confidence", pct=fmt.pct(block["confidence"] * 100, 0)))


def completeness(container, missing: list[str] | None, n_basic: int) -> None:
    """BASIC completeness bar (share of the ``n_basic`` BASIC rows with a figure or a notation key) and the
    rows missing (``ccf.basic_missing`` of the summary JSON; nothing without a city inventory)."""
    if missing is None:
        return
    if n_basic:
        share = (n_basic - len(missing)) / n_basic
        container.progress(share, text=f"{t('basic.completeness')}: {fmt.pct(share * 100, 0)}")
    (container.caption if not missing else container.warning)(verdicts.completeness_text(missing))
