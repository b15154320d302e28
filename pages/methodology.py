"""Methodology for a lay reader, in the reader's language: where the figures come from (formulas and sources), what
the terms mean, and the reference tables behind them (emission factors, GWP, GPC reference numbers, indicator
catalogue) with translated headers and units."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from data.queries import indicator_rows, lookups
from ui import fmt, layout, tables, url_state
from ui.db import q
from ui.i18n import get_lang, t
from ui.router import ensure_routed
from ui.strings_glossary import GLOSSARY

ensure_routed()

lang = get_lang()
layout.header("page.methodology", source_key="source.reference")
DOCS = Path(__file__).resolve().parent.parent / "docs"


def headed(frame, keys: dict[str, str]):
    """``frame``'s columns in ``keys`` order, renamed to their translated headers (units included)."""
    cols = [c for c in keys if c in frame.columns]
    return frame[cols].rename(columns={c: t(keys[c]) for c in cols})


TABS = ("method", "glossary", "factors", "gpc", "catalogue")
# Only the open tab is computed and sent (the tabs keep the open tab in the address, so a click on another one
# reruns the page): the first visit reads the plain-language method without waiting for the data grid's
# JavaScript that the reference tables need (bench/README.md). A link with ``tab=`` opens any tab directly.
tab_m, tab_w, tab_f, tab_g, tab_c = url_state.tabs("tab", TABS, [f"method.{x}" for x in TABS])


def _method() -> None:
    path = DOCS / f"methodology_plain_{lang}.md"
    st.markdown(path.read_text(encoding="utf-8") if path.exists() else t("no_data"))
    st.markdown(f"**{t('asidef.title')}**")
    st.markdown("\n".join(f"- {t(f'asidef.{k}')}" for k in ("avoid", "shift", "improve", "resilience")))


def _glossary() -> None:
    for key in GLOSSARY:
        st.markdown(f"**{t(f'gloss.{key}.term')}** — {t(f'gloss.{key}.text')}")


def _factors() -> None:
    factors = q(lookups.factor_library)
    factors = factors.assign(name=factors["name_th" if lang == "th" else "name_en"],
                             unit=tables.unit_names(factors["unit"]),
                             cfo_category=factors["cfo_category"].map(
                                 lambda c: t(f"cat.{c}") if isinstance(c, str) else None),
                             cfo_scope=factors["cfo_scope"].map(
                                 lambda s: None if fmt.is_missing(s) else t(f"scope.{int(s)}")))
    shown = headed(factors, {"name": "method.col.activity", "unit": "method.col.unit",
                             "kgco2e_per_unit": "method.col.ef", "co2": "method.col.co2", "ch4": "method.col.ch4",
                             "n2o": "method.col.n2o", "gwp_set": "method.col.gwp_set",
                             "cfo_scope": "method.col.scope", "cfo_category": "method.col.category",
                             "valid_from": "method.col.valid_from", "valid_to": "method.col.valid_to",
                             "source": "method.col.source"})
    st.dataframe(tables.styled(shown, 4), hide_index=True, placeholder=tables.MISSING, width="stretch",
                 column_config={t("method.col.activity"): st.column_config.TextColumn(pinned=True)})
    layout.chart_title(t("method.gwp"), "help.tco2e")
    st.dataframe(tables.styled(headed(q(lookups.gwp_table), {"gwp_set": "method.col.gwp_set",
                                                             "gas": "method.col.gas", "value": "method.col.gwp",
                                                             "source": "method.col.source"}), 2),
                 hide_index=True, placeholder=tables.MISSING, width="stretch")


def _gpc() -> None:
    gpc = q(lookups.gpc_refs)
    gpc = gpc.assign(name=gpc["name_th" if lang == "th" else "name_en"],
                     sector=gpc["sector"].map(lambda s: f"{s} {t(f'gpc.sector.{s}')}"),
                     scope=gpc["scope"].map(lambda s: None if fmt.is_missing(s) else t(f"scope.{int(s)}")),
                     level=gpc["level"].map(lambda v: None if fmt.is_missing(v) else t(f"level.{v}")))
    layout.chart_title(t("method.gpc"), "help.gpc")
    st.dataframe(tables.styled(headed(gpc, {"gpc_ref": "method.col.gpc_ref", "sector": "method.col.sector",
                                            "name": "method.col.gpc_name", "scope": "method.col.scope",
                                            "level": "method.col.level"})),
                 hide_index=True, placeholder=tables.MISSING, width="stretch")
    st.caption(t("help.basic"))


def _catalogue() -> None:
    cat = q(indicator_rows.catalogue)
    if cat.empty:
        layout.no_data()
    else:
        cat = cat.assign(theme=cat["theme"].map(lambda x: t(f"theme.{x}")),
                         dimension=cat["dimension"].map(lambda d: f"{d} {t(f'dim.{d}')}"),
                         name=cat["name_th" if lang == "th" else "name_en"],
                         definition=cat["definition_th" if lang == "th" else "definition_en"],
                         unit=tables.unit_names(cat["unit"]),
                         direction=cat["direction"].map(lambda d: t(f"method.direction.{d}")),
                         method=cat["method"].map(lambda m: t(f"method.scoring.{m}")))
        layout.chart_title(t("method.catalogue"), "help.wma")
        st.dataframe(tables.styled(headed(cat, {
            "indicator_code": "method.col.code", "theme": "method.col.theme", "dimension": "method.col.dimension",
            "name": "method.col.indicator", "definition": "method.col.definition", "unit": "method.col.unit",
            "direction": "method.col.direction", "method": "method.col.method", "lo": "method.col.lo",
            "hi": "method.col.hi", "weight": "method.col.weight", "source": "method.col.source"}), 2),
            hide_index=True, placeholder=tables.MISSING, width="stretch")


for tab, draw in zip((tab_m, tab_w, tab_f, tab_g, tab_c), (_method, _glossary, _factors, _gpc, _catalogue)):
    if tab.open:
        with tab:
            draw()
