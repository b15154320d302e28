"""The data page's exports for mentors and admins: the network report (PDF or Excel) and the full export.

Shown only to a signed-in user (today the editor sign-in; with accounts, the mentor and admin roles); the
page decides who sees it and calls ``render``. Files are made on request (a network report takes seconds) and
kept in the session until the data change.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

import reports
from data.queries import lookups
from data.write.export import export_database
from ui import db as uidb
from ui import fmt
from ui.db import q
from ui.i18n import get_lang, t

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _full_export_bytes(cur) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "lcrs_export.xlsx"
        export_database(cur, out, "xlsx")
        return out.read_bytes()


def _make(kind: str, year: int | None, lang: str, approval: bool) -> tuple[str, bytes, str]:
    """(file name, bytes, mime) of one export."""
    with uidb.reader() as cur:
        if kind == "pdf":
            return (f"lcrs_network_{year}_{lang}.pdf", reports.build_network_pdf(cur, year, lang, approval=approval),
                    "application/pdf")
        if kind == "xlsx":
            return f"lcrs_network_{year}_{lang}.xlsx", reports.build_network_xlsx(cur, year, lang), XLSX
        return "lcrs_export.xlsx", _full_export_bytes(cur), XLSX


def render() -> None:
    """The exports block (network report for a year, with an optional sign-off block; full export)."""
    lang = get_lang()
    st.subheader(t("exports.title"))
    st.caption(t("exports.help"))
    years = sorted(q(lookups.activity_years))
    c1, c2 = st.columns([1, 2])
    year = c1.selectbox(t("exports.year"), years, index=len(years) - 1 if years else None, key="exports.year",
                        format_func=lambda y: fmt.year_label(y, lang)) if years else None
    approval = c2.checkbox(t("exports.approval"), key="exports.approval")
    version = uidb.data_version()
    ready = st.session_state.get("exports.ready") or {}
    if ready.get("version") != version:
        ready = {"version": version}
    cols = st.columns(3)
    for col, kind, label in ((cols[0], "pdf", "exports.prepare_pdf"), (cols[1], "xlsx", "exports.prepare_xlsx"),
                             (cols[2], "full", "exports.prepare_full")):
        needs_year = kind != "full"
        wanted = (kind, year if needs_year else None, lang, approval if kind == "pdf" else False)
        if col.button(t(label), key=f"exports.make.{kind}", disabled=needs_year and year is None):
            with st.spinner(t("exports.making")):
                ready[kind] = (wanted, _make(kind, year, lang, approval))
        made = ready.get(kind)
        if made and made[0] == wanted:
            name, data, mime = made[1]
            col.download_button(t("exports.download", name=name), data, name, mime=mime,
                                key=f"exports.dl.{kind}", icon=":material/download:")
    st.session_state["exports.ready"] = ready
