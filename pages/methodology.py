"""Methodology: how each figure is computed, the emission factors and their sources, GWP sets, GPC reference
numbers and the LCRS scoring method (rendered from docs/ and the reference tables)."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from data.queries import lookups
from ui import layout
from ui.db import q
from ui.i18n import get_lang, t
from ui.router import ensure_routed

ensure_routed()

lang = get_lang()
layout.header("page.methodology", source_key="source.reference")
DOCS = Path(__file__).resolve().parent.parent / "docs"

tab_e, tab_f, tab_g, tab_s, tab_c = st.tabs([t("method.emissions"), t("method.factors"), t("method.gpc"),
                                             t("method.scoring"), t("method.catalogue")])
with tab_e:
    path = DOCS / "methodology_emissions.md"
    st.markdown(path.read_text(encoding="utf-8") if path.exists() else t("no_data"))
with tab_f:
    factors = q(lookups.emission_factors)
    name = "name_th" if lang == "th" else "name_en"
    cols = ["activity", name, "unit", "kgco2e_per_unit", "co2", "ch4", "n2o", "ghg_gas", "gwp_set", "cfo_scope",
            "cfo_category", "valid_from", "valid_to", "source"]
    st.dataframe(factors[[c for c in cols if c in factors]], hide_index=True, width="stretch",
                 column_config={"kgco2e_per_unit": st.column_config.NumberColumn("kgCO2e / unit", format="%.4f")})
    st.markdown(f"**{t('method.gwp')}**")
    st.dataframe(q(lookups.gwp_table), hide_index=True, width="stretch")
with tab_g:
    st.dataframe(q(lookups.gpc_refs), hide_index=True, width="stretch")
with tab_s:
    st.markdown(f"**{t('asidef.title')}**")
    st.markdown("\n".join(f"- {t(f'asidef.{k}')}" for k in ("avoid", "shift", "improve", "resilience")))
    path = DOCS / "methodology_lcrs.md"
    st.markdown(path.read_text(encoding="utf-8") if path.exists() else t("no_data"))
with tab_c:
    cat = q(lookups.indicator_catalogue)
    if cat.empty:
        layout.no_data()
    else:
        name_col, def_col = ("name_th", "definition_th") if lang == "th" else ("name_en", "definition_en")
        cat = cat.assign(theme=cat["theme"].map(lambda x: t(f"theme.{x}")),
                         dimension=cat["dimension"].map(lambda d: f"{d} {t(f'dim.{d}')}"))
        st.dataframe(cat[["indicator_code", "theme", "dimension", name_col, def_col, "unit", "direction", "method",
                          "lo", "hi", "weight", "source"]], hide_index=True, width="stretch")
