"""Accounts as the rest of the code reads them (table ``auth.account``, migration 005): never a password or hash.

Roles (README "Accounts and review"): ``admin`` (every municipality), ``mentor`` (reviews the codes on its account
and their replicating cities), ``editor`` (writes only the codes on its account). Writes: ``data.write.accounts``.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

ROLES = ("admin", "mentor", "editor")


@dataclass(frozen=True)
class Account:
    """An account as the rest of the code sees it: never its password or hash."""
    name: str
    role: str
    municipalities: tuple[str, ...]
    disabled: bool = False

    @property
    def is_admin(self) -> bool:
        return self.role == "admin"


def account_from_row(row) -> Account:
    return Account(row[0], row[1], tuple(row[2] or ()), bool(row[3]))


def get_account(con, name: str) -> Account | None:
    """The account called ``name`` (disabled ones too), or None."""
    row = con.execute("SELECT name, role, municipalities, disabled FROM auth.account WHERE name = ?",
                      [name]).fetchone()
    return account_from_row(row) if row else None


def has_accounts(con) -> bool:
    """True when at least one enabled administrator exists (else the app asks for one to be created)."""
    return con.execute("SELECT count(*) FROM auth.account WHERE role = 'admin' AND NOT disabled").fetchone()[0] > 0


def list_accounts(con) -> pd.DataFrame:
    """Every account without its hash: name, role, municipalities, disabled, locked_until, created, updated."""
    return con.execute("SELECT name, role, array_to_string(municipalities, ',') AS municipalities, disabled, "
                       "locked_until, created_at, created_by, updated_at, updated_by FROM auth.account "
                       "ORDER BY name").df()


# --- scope -----------------------------------------------------------------------------------------------------

def scope(con, account: Account) -> set[str] | None:
    """The municipality codes ``account`` may write (editor) or review (mentor); None = every one (admin).

    A mentor's scope is the codes on its account plus the municipalities whose ``mentor_code`` is one of them,
    so a mentor registered with its pilot's code reviews that pilot's replicating cities."""
    if account.is_admin:
        return None
    codes = set(account.municipalities)
    if account.role == "mentor" and codes:
        codes |= {r[0] for r in con.execute("SELECT code FROM municipality WHERE list_contains(?, mentor_code)",
                                            [sorted(codes)]).fetchall()}
    return codes


def audit_log(con, limit: int = 200) -> pd.DataFrame:
    """The latest audit records, newest first."""
    return con.execute("SELECT happened_at, actor, action, target, detail FROM auth.audit "
                       "ORDER BY happened_at DESC LIMIT ?", [int(limit)]).df()
