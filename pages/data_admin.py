"""Data page for editors: download templates, upload a file, check it (preview and problems), save it, see the
history of import batches and roll one back.

Everyone can download templates and read the history. Writing needs an account (``ui.auth``, ``data.write.accounts``):
an editor's file is checked against the municipalities on the account and submitted for review
(``data.write.review``; pages/review.py publishes it); an administrator's file is published at once, and only an
administrator rolls a batch back. An upload is checked once (``data.write.staged_import.check``: read in a child process, validated in bulk
and compared with the database in one pass, without the write lock) and saved from that check
(``staged_import.commit``); rollback is ``data.write.batches``. Text from files is shown in tables only, never
rendered as markdown or HTML.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from data.ingest.templates import KINDS, template_bytes
from data.ingest.validate import MAX_FILE_BYTES
from data.store import dataset, db
from data.write import batches, staged_import
from data.write.importer import sha256_of
from ui import auth, layout, tables, url_state
from ui import problems as problem_table
from ui import db as uidb
from ui import exports_panel, fmt
from ui.i18n import get_lang, t
from ui.router import ensure_routed

ensure_routed()

PREVIEW_ROWS = 20
CHECKED_KEY = "data.checked"


def _show_problems(problems) -> None:
    """Every problem on one line each, text wrapped (a static table), with the value as typed and a fix."""
    st.error(t("data.problems", n=len(problems)))
    frame = problem_table.problems_frame(problems, get_lang())
    # st.table reads its cells as Markdown: what the file held (a column name, the value as typed, a message
    # quoting it) goes in escaped, to show as typed and never as a link or markup
    for col in (t("data.col.column"), t("data.col.typed"), t("data.col.message")):
        frame[col] = frame[col].map(layout.plain)
    st.table(frame.set_index(t("data.col.row")))


GUIDE = Path(__file__).resolve().parent.parent / "docs" / "import_guide.md"
GUIDE_ANCHOR = "import-guide"
# the kinds in the order an officer needs them: activity data is what they bring most often
KIND_ORDER = [k for k in ("activities", "indicators", "actions", "scorecard", "municipalities") if k in KINDS] + [
    k for k in KINDS if k not in ("activities", "indicators", "actions", "scorecard", "municipalities")]


def _templates() -> None:
    st.subheader(t("data.templates"))
    st.caption(t("data.templates_help"))
    for kind in KINDS:
        cols = st.columns([3, 2, 2, 3])
        cols[0].markdown(f"**{t('data.kind.' + kind)}**")
        cols[1].download_button(t("data.download_xlsx"), _template(kind, "xlsx", False), f"lcrs_{kind}.xlsx",
                                key=f"data.tpl.{kind}.xlsx", mime="application/vnd.openxmlformats-"
                                "officedocument.spreadsheetml.sheet")
        cols[2].download_button(t("data.download_csv"), _template(kind, "csv", False), f"lcrs_{kind}.csv",
                                key=f"data.tpl.{kind}.csv", mime="text/csv")
        if KINDS[kind].allows_wide:
            cols[3].download_button(t("data.download_wide"), _template(kind, "xlsx", True),
                                    f"lcrs_{kind}_monthly.xlsx", key=f"data.tpl.{kind}.wide")
    if GUIDE.exists():
        st.markdown(t("data.guide_link", anchor=GUIDE_ANCHOR))
        st.subheader(t("data.guide_heading"), anchor=GUIDE_ANCHOR)
        with st.expander(t("data.guide_title"), icon=":material/menu_book:"):
            st.markdown(GUIDE.read_text(encoding="utf-8"))


@st.cache_data(show_spinner=False)
def _template(kind: str, fmt: str, wide: bool) -> bytes:
    return template_bytes(kind, fmt, wide)


def _history(con) -> pd.DataFrame:
    cur = con.cursor()
    try:
        return batches.list_batches(cur)
    finally:
        cur.close()


def _show_history(df: pd.DataFrame) -> None:
    st.subheader(t("data.history"))
    if df.empty:
        st.caption(t("data.no_batches"))
        return
    view = pd.DataFrame({
        t("data.col.batch"): df["batch_id"], t("data.col.kind"): df["kind"], t("data.col.file"): df["file_name"],
        t("data.col.rows"): df["rows"], t("data.col.when"): [fmt.datetime_label(w, get_lang(), short=True) for w in df["imported_at"]],
        t("data.col.who"): df["imported_by"], t("data.col.status"): df["status"]})
    st.dataframe(view, hide_index=True, width="stretch")


def _upload_and_import(con, is_demo: bool | None, account) -> None:
    kind = st.selectbox(t("data.kind"), KIND_ORDER, format_func=lambda k: t("data.kind." + k), key="data.kind")
    mb = MAX_FILE_BYTES // (1024 * 1024)
    upload = st.file_uploader(t("data.upload"), type=["xlsx", "csv"], key="data.upload",
                              help=t("data.upload_limit", mb=mb))
    # an editor's rows replace published ones only when a reviewer publishes them
    replace = st.checkbox(t("data.replace"), key="data.replace") if account.is_admin else True
    if upload is None:
        return
    if upload.size > MAX_FILE_BYTES:   # refuse before reading the bytes into memory
        st.error(t("data.upload_limit", mb=mb))
        return
    checked = _checked(con, upload.getvalue(), upload.name, kind, replace, account)
    check = checked.dry_run
    if check.skipped_as_duplicate_file:
        st.info(t("data.already", batch=check.batch_id))
        return
    if check.problems:   # every problem at once: the file's and its clash with the database
        _show_problems(check.problems)
        return
    if check.preview is not None and len(check.preview):
        st.markdown(f"**{t('data.preview')}**")
        st.dataframe(tables.styled(check.preview.drop(columns=["excel_row"], errors="ignore").head(PREVIEW_ROWS),
                                   2), hide_index=True, width="stretch")
    lang = get_lang()
    if is_demo:   # what an officer can do with a checked file here, instead of a save button or a command
        st.success(t("data.valid_demo", rows=f"{check.rows:,}"))
        return
    for en, th in check.notes:
        st.info(th if lang == "th" else en)
    st.success(t("data.valid", rows=f"{check.rows:,}"))
    if check.replaced_rows and account.is_admin:
        st.warning(t("data.would_replace", n=f"{check.replaced_rows:,}"))
    if st.button(t("data.commit" if account.is_admin else "review.submit"), type="primary", key="data.commit"):
        bar = st.progress(0.0, text=t("data.phase.save"))
        result = staged_import.commit(con, checked, progress=lambda phase, f: bar.progress(
            f, text=t(f"data.phase.{phase}")))
        bar.empty()
        st.session_state.pop(CHECKED_KEY, None)     # saved or refused: the next look checks afresh
        if result.problems:
            _show_problems(result.problems)
            return
        uidb.on_data_changed()
        done = "data.committed" if account.is_admin else "review.submitted"
        st.session_state["data.done"] = t(done, rows=f"{result.rows:,}", batch=result.batch_id, id=result.batch_id)
        st.rerun()


def _checked(con, data: bytes, name: str, kind: str, replace: bool, account) -> staged_import.Checked:
    """The check of an upload, done once per file: kept in this session keyed by (SHA-256, name, kind,
    replace, account), so reruns (any widget click) reuse it and only the save looks at the database again
    (``staged_import.commit``). The file is read in a child process with a memory limit and checked in bulk
    without the write lock; the bar shows how far it is."""
    key = (sha256_of(data), name, kind, replace, account.name)
    kept = st.session_state.get(CHECKED_KEY)
    if kept is not None and kept[0] == key:
        return kept[1]
    st.session_state.pop(CHECKED_KEY, None)      # one checked file per session: free the previous one first
    bar = st.progress(0.0, text=t("data.phase.read"))
    checked = staged_import.check(con, data, name, kind, replace=replace, account=account,
                                  progress=lambda phase, f: bar.progress(f, text=t(f"data.phase.{phase}")))
    bar.empty()
    st.session_state[CHECKED_KEY] = (key, checked)
    return checked


def _rollback(con, history: pd.DataFrame, account) -> None:
    active = history[(history["status"] == "active") & ~history["kind"].isin(sorted(batches.NOT_ROLLBACKABLE))]
    if active.empty:
        return
    st.subheader(t("data.rollback"))
    labels = {int(r.batch_id): f"{r.batch_id} · {r.kind} · {r.file_name} · {r.rows:,}" for r in active.itertuples()}
    pick = st.selectbox(t("data.rollback_pick"), list(labels), format_func=labels.get, key="data.rb_pick")
    sure = st.checkbox(t("data.rollback_confirm"), key="data.rb_sure")
    if st.button(t("data.rollback_do"), disabled=not sure, key="data.rb_do"):
        try:
            r = batches.rollback_batch(con, int(pick), who=account.name)
        except db.DatabaseError as exc:
            st.error(uidb.public_text(exc.message_th if get_lang() == "th" else exc.message_en))
            return
        uidb.on_data_changed()
        st.session_state["data.done"] = t("data.rolled_back", batch=r.batch_id, removed=f"{r.rows_removed:,}",
                                          restored=f"{r.rows_restored:,}")
        st.rerun()


# --- the page ---------------------------------------------------------------------------------------------

layout.header("data.title", source_key="data.source")
st.caption(t("data.intro"))
try:
    con = uidb.get_connection()
    history = _history(con)
    cur = con.cursor()
    try:
        is_demo = dataset.is_demo(cur)
    finally:
        cur.close()
except db.DatabaseError as exc:
    st.error(f"{t('data.db_error')}: {layout.plain(uidb.public_text(exc.message_th))} / "
             f"{layout.plain(uidb.public_text(exc.message_en))}")
    url_state.stop()

st.caption(t({True: "data.status.demo", False: "data.status.real", None: "data.status.fresh"}[is_demo]))
if is_demo:
    st.info(t("data.demo_path"), icon=":material/support_agent:")
    with st.expander(t("data.demo_admin_title"), icon=":material/terminal:"):
        st.markdown(t("data.demo_admin"))      # the commands are the administrator's, not the officer's
if done := st.session_state.pop("data.done", None):
    st.success(done)

_templates()
st.divider()
st.subheader(t("data.editing"))
account = auth.current_account() or auth.sign_in_form("data")
if account is not None:
    st.caption(t("auth.signed_in_as", name=account.name, role=t(f"auth.role.{account.role}")))
    _upload_and_import(con, is_demo, account)
    if account.is_admin:
        _rollback(con, history, account)
    if account.role in ("admin", "mentor"):
        st.divider()
        exports_panel.render()  # the network report and the full export, for mentors and administrators
st.divider()
_show_history(history)
