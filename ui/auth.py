"""Signing in to the app (accounts of ``data.accounts``), the session's account, and the "include my unpublished
data" switch.

The session keeps only the account name and the time of its last page load (``SESSION_KEY``): never the
password (the form's password field is removed from the session state as soon as it has been checked) and not
the role or municipalities, which are read from the database on every page load, so that a disabled account or
a changed scope takes effect at once. A session idle for ``IDLE_LIMIT_S`` (8 hours) is signed out. Failed
sign-ins are counted per account in the database (``data.accounts.authenticate``), so the lockout holds across
sessions and cache clears. Public visitors never sign in: every read page works without an account.
"""
from __future__ import annotations

import time

import duckdb
import streamlit as st

from data.write import accounts
from data.queries import accounts as account_rows
from data.write import review
from data.store import db
from data.queries.accounts import Account
from ui import db as uidb
from ui.i18n import get_lang, t

SESSION_KEY = "auth.user"
OVERLAY_KEY = uidb.OVERLAY_KEY
TOGGLE_KEY = "auth.include_unpublished"
WANT_KEY = "auth.want_unpublished"     # the switch's value, kept while a page without the sidebar (kiosk) runs
IDLE_LIMIT_S = 8 * 3600


def _msg(exc: db.DatabaseError) -> str:
    return exc.message_th if get_lang() == "th" else exc.message_en


def accounts_ready() -> bool:
    """True when the database has the accounts tables (migration 005)."""
    try:
        with uidb.reader() as cur:
            account_rows.has_accounts(cur)
        return True
    except (duckdb.CatalogException, db.DatabaseError):
        return False


def current_account() -> Account | None:
    """The signed-in account of this session, or None (public). Signs out a session idle for 8 hours or whose
    account was disabled or removed."""
    info = st.session_state.get(SESSION_KEY)
    if not info:
        return None
    now = time.time()
    if now - float(info.get("last_seen", 0)) > IDLE_LIMIT_S:
        sign_out()
        st.session_state["auth.expired"] = True
        return None
    try:
        with uidb.reader() as cur:
            acc = account_rows.get_account(cur, info["name"])
    except (duckdb.CatalogException, db.DatabaseError):
        acc = None
    if acc is None or acc.disabled:
        sign_out()
        return None
    info["last_seen"] = now
    return acc


def sign_out() -> None:
    """Forget the session's account and its unpublished view."""
    for key in (SESSION_KEY, OVERLAY_KEY, TOGGLE_KEY, WANT_KEY):
        st.session_state.pop(key, None)


def sign_in_form(prefix: str) -> Account | None:
    """The sign-in form (name, password); returns the account once signed in. The lockout rule is stated on
    screen; a refused attempt says why (wrong name or password, or locked until when)."""
    acc = current_account()
    if acc is not None:
        return acc
    if st.session_state.pop("auth.expired", False):
        st.info(t("auth.expired"))
    if not accounts_ready():
        st.info(t("auth.not_ready"))
        return None
    with uidb.reader() as cur:
        has_admin = account_rows.has_accounts(cur)
    if not has_admin:
        st.info(t("auth.no_admin"))
        st.code("python -m data users add NAME --role admin --password-stdin", language="bash")
        return None
    pw_key = f"{prefix}.password"
    with st.form(f"{prefix}.login_form", clear_on_submit=True):
        name = st.text_input(t("auth.name"), key=f"{prefix}.name", max_chars=40)
        st.text_input(t("auth.password"), type="password", key=pw_key, max_chars=accounts.MAX_PASSWORD)
        submitted = st.form_submit_button(t("auth.sign_in"), key=f"{prefix}.login")
    st.caption(t("auth.lockout_rule", n=accounts.MAX_FAILURES, minutes=accounts.LOCK_MINUTES,
                 hours=IDLE_LIMIT_S // 3600))
    if not submitted:
        return None
    # the password leaves the session state before anything else happens
    password = st.session_state.pop(pw_key, "") or ""
    try:
        with uidb.writer() as cur:
            acc = accounts.authenticate(cur, (name or "").strip(), password)
    except accounts.SignInRefused as exc:
        st.error(_msg(exc))
        return None
    finally:
        del password
    st.session_state[SESSION_KEY] = {"name": acc.name, "last_seen": time.time()}
    st.rerun()


def sidebar() -> None:
    """The sidebar's account line: who is signed in, sign out, and (editor or mentor) the switch that adds
    their unpublished data to every figure of this session."""
    acc = current_account()
    if acc is None:
        st.session_state[OVERLAY_KEY] = ()
        return
    st.caption(t("auth.signed_in_as", name=acc.name, role=t(f"auth.role.{acc.role}")))
    if acc.role in ("editor", "mentor"):
        on = st.toggle(t("auth.include_unpublished"), value=bool(st.session_state.get(WANT_KEY, False)),
                       key=TOGGLE_KEY, help=t("auth.include_unpublished_help"))
        st.session_state[WANT_KEY] = on
        if on:
            with uidb.reader() as cur:
                st.session_state[OVERLAY_KEY] = tuple(review.visible_pending(cur, acc))
        else:
            st.session_state[OVERLAY_KEY] = ()
    if st.button(t("auth.sign_out"), key="auth.sign_out"):
        sign_out()
        st.rerun()


def public_only() -> None:
    """For the kiosk: published figures only, whoever is signed in."""
    st.session_state[OVERLAY_KEY] = ()
