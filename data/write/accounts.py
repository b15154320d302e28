"""Writing accounts (table ``auth.account``, migration 005): create, disable, set a password, sign in (which
counts failures). Reads, roles and scope: ``data.queries.accounts``.

Roles (README "Accounts and review"):
- ``admin`` — the programme team: manages accounts, imports and edits every municipality (published at once),
  reviews every batch;
- ``mentor`` — reviews the batches of the municipalities assigned to it: the codes on its account and the
  municipalities whose ``mentor_code`` is one of them (a pilot's replicating cities); its own edits are reviewed;
- ``editor`` — a municipality officer: submits data only for the codes on its account; every submission is
  reviewed before the public sees it.

Passwords are hashed with argon2id (``argon2-cffi``, RFC 9106 parameters as the library sets them) and never
stored, printed or logged in clear. After ``MAX_FAILURES`` consecutive failed sign-ins an account is locked for
``LOCK_MINUTES`` minutes; the count and the lock live in the database, so they hold across sessions, processes
and cache clears. Every change is written to ``auth.audit`` with the name of whoever made it.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from data.queries.accounts import ROLES, Account, account_from_row, get_account
from data.store import db

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 10
MAX_PASSWORD = 256
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{1,39}$")

_hasher = PasswordHasher()   # argon2id (the library's default type) with its RFC 9106 low-memory profile
# verified against when the account does not exist, so that a wrong name costs the same time as a wrong password
_DUMMY_HASH = _hasher.hash("not-a-password-of-anyone")


class AccountError(db.DatabaseError):
    """A refused account operation (unknown name, bad role or code, weak password), with a bilingual reason."""


class SignInRefused(db.DatabaseError):
    """Wrong name or password, a disabled account, or a locked one (``locked_until`` set)."""

    def __init__(self, message_en: str, message_th: str, locked_until: datetime | None = None):
        super().__init__(message_en, message_th)
        self.locked_until = locked_until


def now_utc() -> datetime:
    """The current time, UTC without tzinfo (as DuckDB TIMESTAMP columns store it)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def hash_password(password: str) -> str:
    """An argon2id PHC hash of ``password`` (salted; the clear text is not kept)."""
    return _hasher.hash(password)


def check_password_rules(password: str) -> None:
    """Refuse a password shorter than ``MIN_PASSWORD`` or longer than ``MAX_PASSWORD`` characters."""
    if not isinstance(password, str) or not (MIN_PASSWORD <= len(password) <= MAX_PASSWORD):
        raise AccountError(f"A password must have {MIN_PASSWORD} to {MAX_PASSWORD} characters.",
                           f"รหัสผ่านต้องยาว {MIN_PASSWORD} ถึง {MAX_PASSWORD} ตัวอักษร")


def _check_name(name: str) -> None:
    if not NAME_PATTERN.match(name or ""):
        raise AccountError("An account name has 2-40 characters: lower-case letters, digits, '.', '_' or '-', "
                           "starting with a letter or digit.",
                           "ชื่อบัญชียาว 2-40 ตัว ใช้อักษรภาษาอังกฤษตัวเล็ก ตัวเลข . _ หรือ - และขึ้นต้นด้วยอักษรหรือตัวเลข")


def record_audit(con, actor: str, action: str, target: str | None, detail: str | None = None) -> None:
    con.execute("INSERT INTO auth.audit (happened_at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
                [now_utc(), actor, action, target, detail])


def _check_codes(con, role: str, codes: list[str]) -> list[str]:
    codes = sorted({c.strip() for c in codes if c and c.strip()})
    if role == "admin" and codes:
        raise AccountError("An administrator covers every municipality; give no --municipality.",
                           "ผู้ดูแลระบบดูแลทุก อปท. อยู่แล้ว ไม่ต้องระบุ --municipality")
    if role != "admin" and not codes:
        raise AccountError(f"A {role} needs at least one --municipality CODE.",
                           f"บัญชีบทบาท {role} ต้องระบุ --municipality อย่างน้อยหนึ่งรหัส")
    if codes:
        known = {r[0] for r in con.execute("SELECT code FROM municipality WHERE list_contains(?, code)",
                                           [codes]).fetchall()}
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise AccountError(f"Unknown municipality code(s): {', '.join(unknown)}. Import the municipalities "
                               "first.", f"ไม่พบรหัส อปท.: {', '.join(unknown)} ให้นำเข้าข้อมูล อปท. ก่อน")
    return codes


def add_account(con, name: str, role: str, municipalities: list[str], password: str, actor: str) -> Account:
    """Create an account (one transaction, audited); refused when the name exists or an input is invalid."""
    _check_name(name)
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; use one of {', '.join(ROLES)}.",
                           f"ไม่รู้จักบทบาท {role!r} ใช้ได้: {', '.join(ROLES)}")
    codes = _check_codes(con, role, municipalities)
    check_password_rules(password)
    if get_account(con, name) is not None:
        raise AccountError(f"An account called {name} already exists.", f"มีบัญชีชื่อ {name} อยู่แล้ว")
    digest = hash_password(password)
    now = now_utc()
    with db.transaction(con):
        con.execute("INSERT INTO auth.account (name, role, municipalities, password_hash, created_at, created_by, "
                    "updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    [name, role, codes, digest, now, actor, now, actor])
        record_audit(con, actor, "account.add", name, f"role={role}; municipalities={','.join(codes)}")
    return Account(name, role, tuple(codes))


def _require(con, name: str) -> Account:
    acc = get_account(con, name)
    if acc is None:
        raise AccountError(f"There is no account called {name}.", f"ไม่มีบัญชีชื่อ {name}")
    return acc


def disable_account(con, name: str, actor: str) -> None:
    """Disable an account: it can no longer sign in, and a session it has open ends at its next page load."""
    _require(con, name)
    with db.transaction(con):
        con.execute("UPDATE auth.account SET disabled = TRUE, updated_at = ?, updated_by = ? WHERE name = ?",
                    [now_utc(), actor, name])
        record_audit(con, actor, "account.disable", name)


def set_password(con, name: str, password: str, actor: str) -> None:
    """Replace an account's password (argon2id) and clear its failure count and lock."""
    _require(con, name)
    check_password_rules(password)
    digest = hash_password(password)
    with db.transaction(con):
        con.execute("UPDATE auth.account SET password_hash = ?, failed_count = 0, locked_until = NULL, "
                    "updated_at = ?, updated_by = ? WHERE name = ?", [digest, now_utc(), actor, name])
        record_audit(con, actor, "account.password", name)


def authenticate(con, name: str, password: str, now: datetime | None = None) -> Account:
    """The account when ``password`` is right and the account enabled and not locked; else ``SignInRefused``.

    Runs in one transaction on ``con`` (the caller holds the process's write lock): a failure increments the
    account's count, the ``MAX_FAILURES``-th locks it for ``LOCK_MINUTES`` minutes; success resets the count.
    A wrong name or a disabled account gives the same answer as a wrong password.
    """
    now = now or now_utc()
    wrong = SignInRefused("Wrong account name or password.", "ชื่อบัญชีหรือรหัสผ่านไม่ถูกต้อง")
    with db.transaction(con):
        row = con.execute("SELECT name, role, municipalities, disabled, password_hash, failed_count, locked_until "
                          "FROM auth.account WHERE name = ?", [name]).fetchone()
        if row is None or row[3]:
            _verify(_DUMMY_HASH, password)
            raise wrong
        locked_until = row[6]
        if locked_until is not None and locked_until > now:
            raise _locked(locked_until)
        if not _verify(row[4], password):
            failures = row[5] + 1
            if failures >= MAX_FAILURES:
                until = now + timedelta(minutes=LOCK_MINUTES)
                con.execute("UPDATE auth.account SET failed_count = 0, locked_until = ? WHERE name = ?", [until, name])
                record_audit(con, name, "account.locked", name, f"{MAX_FAILURES} failed sign-ins")
                locked = _locked(until)
            else:
                con.execute("UPDATE auth.account SET failed_count = ?, locked_until = NULL WHERE name = ?",
                            [failures, name])
                locked = None
        else:
            con.execute("UPDATE auth.account SET failed_count = 0, locked_until = NULL WHERE name = ?", [name])
            if _hasher.check_needs_rehash(row[4]):
                con.execute("UPDATE auth.account SET password_hash = ? WHERE name = ?", [hash_password(password), name])
            return account_from_row(row)
    # raised after the commit, so that the failure count is kept
    raise locked or wrong


def _locked(until: datetime) -> SignInRefused:
    return SignInRefused(
        f"Too many failed sign-ins: this account is locked until {until:%H:%M} UTC ({LOCK_MINUTES} minutes after "
        f"the {MAX_FAILURES}th failure). Ask an administrator if you forgot the password.",
        f"ลงชื่อเข้าใช้ผิดเกินกำหนด บัญชีนี้ถูกล็อกถึง {until:%H:%M} UTC ({LOCK_MINUTES} นาทีหลังครั้งที่ผิด "
        f"{MAX_FAILURES}) หากลืมรหัสผ่าน ให้ติดต่อผู้ดูแลระบบ", locked_until=until)


def _verify(digest: str, password: str) -> bool:
    try:
        return _hasher.verify(digest, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
