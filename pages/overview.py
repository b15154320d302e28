"""Network overview for executives: is the network on track, in one screen."""
from __future__ import annotations

import streamlit as st

from data import queries
from ui import layout
from ui.db import q
from ui.i18n import t

layout.header("page.overview")
munis = q(queries.municipalities)
if munis.empty:
    layout.no_data()
    st.stop()

cols = st.columns(4)
for col, role in zip(cols, ["pilot", "replicating", "network"]):
    layout.kpi(col, t(f"role.{role}"), f"{(munis['role'] == role).sum():,}")
layout.kpi(cols[3], t("overview.total_laos"), f"{len(munis):,}")
