"""Submissions and review: officers sign in, see their batches (with the reviewer's comment when returned) and
correct published values in a table editor; mentors and administrators review the batches that wait for them,
with the change each makes to the municipality's totals (before → after), and publish or return them.

All checking and writing is done by ``data.review`` (scope, rights, all-or-nothing publication); text from files
and comments is shown in tables or as plain text only, never rendered as markdown or HTML.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from data.queries import accounts as account_rows
from data.write import review
from data.queries import review_batches
from data.store import db
from data.ingest.templates import KINDS
from ui import auth, fmt, layout
from ui import db as uidb
from ui.i18n import get_lang, t
from ui.router import ensure_routed

ensure_routed()


def _msg(exc: db.DatabaseError) -> str:
    return exc.message_th if get_lang() == "th" else exc.message_en


def _fig(value, figure: str) -> str:
    # tCO2e to the kilogram, as the summary JSON; scores to one decimal
    return t("review.none") if value is None or pd.isna(value) else fmt.num(value, 1 if figure == "wma_overall" else 3)


def _problems(problems) -> pd.DataFrame:
    lang = get_lang()
    return pd.DataFrame([{t("data.col.row"): p.row, t("data.col.column"): p.column or "",
                          t("data.col.message"): p.message_th if lang == "th" else p.message_en}
                         for p in problems])


def _changes_table(changes: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({
        t("review.col.code"): changes["code"],
        t("review.col.year"): changes["year"].map(lambda y: fmt.year_label(y, get_lang())),
        t("review.col.figure"): changes["figure"].map(lambda f: t(f"review.figure.{f}")),
        t("review.col.change"): [f"{_fig(b, f)} → {_fig(a, f)}"
                                    for b, a, f in zip(changes["before"], changes["after"], changes["figure"])],
    })


def _audit_table(log: pd.DataFrame) -> pd.DataFrame:
    """The audit log as shown: when (local time, in the chosen language), who, what, on what, details."""
    lang = get_lang()
    return pd.DataFrame({
        t("review.col.when"): [fmt.datetime_label(w, lang, short=True) for w in log["happened_at"]],
        t("review.col.actor"): log["actor"], t("review.col.action"): log["action"],
        t("review.col.target"): log["target"], t("review.col.detail"): log["detail"]})


def _queue(acc) -> None:
    st.subheader(t("review.queue"))
    with uidb.reader() as cur:
        waiting = review.queue(cur, acc)
    if not waiting:
        st.caption(t("review.queue_empty"))
        return
    for b in waiting:
        label = t("review.batch_label", id=b.batch_id, kind=t(f"data.kind.{b.kind}"), user=b.user,
                  codes=", ".join(b.municipalities), rows=f"{b.rows:,}",
                  created=fmt.datetime_label(b.created, get_lang(), short=True))  # local time, พ.ศ. in Thai
        with st.expander(label, expanded=True):
            with uidb.reader() as cur:
                changes = review.batch_changes(cur, b.batch_id)
                rows = review.staged_rows(cur, b.batch_id, KINDS[b.kind])
            st.markdown(f"**{t('review.changes')}**")
            st.dataframe(_changes_table(changes), hide_index=True, width="stretch")
            st.markdown(f"**{t('review.rows')}**")
            st.dataframe(rows.drop(columns=["excel_row"], errors="ignore"), hide_index=True, width="stretch")
            comment = st.text_area(t("review.comment"), key=f"review.comment.{b.batch_id}", max_chars=2000)
            left, right = st.columns(2)
            if left.button(t("review.approve"), type="primary", key=f"review.approve.{b.batch_id}"):
                _decide(lambda: review.approve(uidb.get_connection(), b.batch_id, acc),
                        t("review.published", id=b.batch_id))
            if right.button(t("review.return"), key=f"review.return.{b.batch_id}"):
                _decide(lambda: review.return_batch(uidb.get_connection(), b.batch_id, acc, comment),
                        t("review.returned", id=b.batch_id))


def _decide(action, done: str) -> None:
    try:
        action()
    except db.DatabaseError as exc:
        st.error(_msg(exc))
        return
    uidb.on_data_changed()
    st.session_state["review.done"] = done
    st.rerun()


def _mine(acc) -> None:
    st.subheader(t("review.mine"))
    with uidb.reader() as cur:
        mine = review_batches.own_batches(cur, acc)
    if not mine:
        st.caption(t("review.mine_empty"))
        return
    for b in mine:
        if b.review_status == review_batches.RETURNED and b.status == "active":
            # the reviewer's words as plain text, never markdown
            st.warning(t("review.returned_note", id=b.batch_id, who=b.reviewed_by, comment=b.review_comment))
    state = ["rolled_back" if b.status != "active" else b.review_status for b in mine]
    st.dataframe(pd.DataFrame({
        t("review.col.batch"): [b.batch_id for b in mine],
        t("review.col.kind"): [t(f"data.kind.{b.kind}") for b in mine],
        t("review.col.file"): [b.file_name for b in mine],
        t("review.col.rows"): [b.rows for b in mine],
        t("review.col.status"): [t(f"review.status.{s}") for s in state],
        t("review.col.reviewer"): [b.reviewed_by or "" for b in mine],
        t("review.col.comment"): [b.review_comment or "" for b in mine],
    }), hide_index=True, width="stretch")


def _fix_in_place(acc) -> None:
    st.subheader(t("review.fix"))
    st.caption(t("review.fix_help"))
    codes = sorted(acc.municipalities)
    code = st.selectbox(t("review.fix_municipality"), codes, key="review.fix_code")
    with uidb.reader() as cur:
        years = review_batches.activity_years_of(cur, code)
    if not years:
        st.caption(t("review.fix_none"))
        return
    year = st.selectbox(t("review.fix_year"), years, format_func=lambda y: fmt.year_label(y, get_lang()), key="review.fix_year")
    with uidb.reader() as cur:
        rows = review.editable_rows(cur, code, year)
    if rows.empty:
        st.caption(t("review.fix_none"))
        return
    spec = KINDS["activities"]
    keys = ["municipality_code", "year", "inventory", "activity", "month", "gpc_ref"]
    edited = st.data_editor(rows, hide_index=True, width="stretch", num_rows="fixed", disabled=keys,
                            key=f"review.editor.{code}.{year}")
    if st.button(t("review.fix_submit"), key="review.fix_submit"):
        changed = review.changed_rows(rows, edited)
        if changed.empty:
            st.info(t("review.fix_nothing"))
            return
        result = review.submit_edits(uidb.get_connection(), spec, changed, acc, f"edit-{code}-{year}")
        if result.problems:
            st.error(t("review.problems", n=len(result.problems)))
            st.dataframe(_problems(result.problems), hide_index=True, width="stretch")
            return
        uidb.on_data_changed()
        st.session_state["review.done"] = t("review.submitted", id=result.batch_id, rows=result.rows)
        st.rerun()


# --- the page ---------------------------------------------------------------------------------------------------

layout.header("page.review", source_key="review.source")
st.caption(t("review.intro"))
if done := st.session_state.pop("review.done", None):
    st.success(done)
account = auth.current_account() or auth.sign_in_form("review")
if account is not None:
    if account.role in ("mentor", "admin"):
        _queue(account)
    if account.role in ("editor", "mentor"):
        st.divider()
        _mine(account)
    if account.role == "editor":
        st.divider()
        _fix_in_place(account)
    if account.is_admin:
        st.divider()
        st.subheader(t("review.audit"))
        with uidb.reader() as cur:
            st.dataframe(_audit_table(account_rows.audit_log(cur, 50)), hide_index=True, width="stretch")
