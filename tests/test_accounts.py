"""Accounts: argon2id hashes only, roles and scope, lockout per account stored in the database, disabling, the
``users`` command (password from stdin, never echoed, never in the database file or the logs)."""
from __future__ import annotations

import logging
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from data.write import accounts
from data.queries import accounts as account_rows
from data.store import db, table_writes
from tests.conftest import ROOT
from tests.helpers import sample_data as sd

EDITOR_PW = "Ed1tor-Pass/phrase-2567"
MENTOR_PW = "Ment0r-Pass/phrase-2567"
ADMIN_PW = "Adm1n-Pass/phrase-2567"


@pytest.fixture()
def real_db(tmp_path) -> Path:
    return sd.new_real_database(tmp_path / "real.duckdb")


@pytest.fixture()
def con(real_db):
    c = db.connect(real_db)
    yield c
    c.close()


def test_add_stores_an_argon2id_hash_and_never_the_password(con):
    acc = accounts.add_account(con, "officer2", "editor", ["9000002"], EDITOR_PW, "tests")
    assert acc == account_rows.Account("officer2", "editor", ("9000002",), False)
    digest = con.execute("SELECT password_hash FROM auth.account WHERE name = 'officer2'").fetchone()[0]
    assert digest.startswith("$argon2id$") and EDITOR_PW not in digest
    # the listing never shows the hash
    listing = account_rows.list_accounts(con)
    assert "password_hash" not in listing.columns
    assert listing.iloc[0]["municipalities"] == "9000002"
    # two accounts with one password get different hashes (salted)
    accounts.add_account(con, "officer2b", "editor", ["9000002"], EDITOR_PW, "tests")
    other = con.execute("SELECT password_hash FROM auth.account WHERE name = 'officer2b'").fetchone()[0]
    assert other != digest
    audit = account_rows.audit_log(con)
    assert list(audit["action"]) == ["account.add", "account.add"] and set(audit["actor"]) == {"tests"}


@pytest.mark.parametrize("name, role, codes, password, fragment", [
    ("Officer", "editor", ["9000002"], EDITOR_PW, "account name"),            # upper case
    ("officer", "boss", ["9000002"], EDITOR_PW, "Unknown role"),
    ("officer", "editor", [], EDITOR_PW, "at least one --municipality"),
    ("officer", "editor", ["9999999"], EDITOR_PW, "Unknown municipality code(s): 9999999"),
    ("officer", "admin", ["9000002"], EDITOR_PW, "every municipality"),
    ("officer", "editor", ["9000002"], "short", "10 to 256 characters"),
])
def test_add_refuses_bad_input(con, name, role, codes, password, fragment):
    with pytest.raises(accounts.AccountError) as exc:
        accounts.add_account(con, name, role, codes, password, "tests")
    assert fragment in exc.value.message_en and exc.value.message_th
    assert con.execute("SELECT count(*) FROM auth.account").fetchone()[0] == 0


def test_scope_of_each_role(con):
    ed = accounts.add_account(con, "officer2", "editor", ["9000002"], EDITOR_PW, "tests")
    me = accounts.add_account(con, "mentor1", "mentor", ["9000001"], MENTOR_PW, "tests")
    ad = accounts.add_account(con, "admin", "admin", [], ADMIN_PW, "tests")
    assert account_rows.scope(con, ed) == {"9000002"}
    # the pilot 9000001 mentors 9000002 (mentor_code in the sample municipalities); 9000003 is not its city
    assert account_rows.scope(con, me) == {"9000001", "9000002"}
    assert account_rows.scope(con, ad) is None


def test_sign_in_right_wrong_and_unknown(con):
    accounts.add_account(con, "officer2", "editor", ["9000002"], EDITOR_PW, "tests")
    assert accounts.authenticate(con, "officer2", EDITOR_PW).role == "editor"
    for name, pw in [("officer2", "wrong-password"), ("nobody", EDITOR_PW)]:
        with pytest.raises(accounts.SignInRefused) as exc:
            accounts.authenticate(con, name, pw)
        # an unknown name and a wrong password get the same answer
        assert exc.value.message_en == "Wrong account name or password." and exc.value.locked_until is None


def test_lockout_after_five_failures_for_fifteen_minutes_per_account(real_db):
    c = db.connect(real_db)
    accounts.add_account(c, "officer2", "editor", ["9000002"], EDITOR_PW, "tests")
    accounts.add_account(c, "mentor1", "mentor", ["9000001"], MENTOR_PW, "tests")
    t0 = accounts.now_utc()
    # four failures, then the right password: the count starts again
    for i in range(4):
        with pytest.raises(accounts.SignInRefused):
            accounts.authenticate(c, "officer2", f"guess-{i}", now=t0)
    accounts.authenticate(c, "officer2", EDITOR_PW, now=t0)
    assert c.execute("SELECT failed_count FROM auth.account WHERE name = 'officer2'").fetchone()[0] == 0
    # five failures in a row lock the account; the 5th answer says so
    for i in range(5):
        with pytest.raises(accounts.SignInRefused) as exc:
            accounts.authenticate(c, "officer2", f"guess-{i}", now=t0)
    assert exc.value.locked_until == t0 + timedelta(minutes=15)
    assert "locked until" in exc.value.message_en and "ล็อก" in exc.value.message_th
    c.close()
    # stored in the database: a new connection (another process, a cleared cache) sees the lock
    c = db.connect(real_db)
    with pytest.raises(accounts.SignInRefused) as exc:
        accounts.authenticate(c, "officer2", EDITOR_PW, now=t0 + timedelta(minutes=14, seconds=59))
    assert exc.value.locked_until is not None           # even the right password is refused while locked
    # other accounts are not slowed or locked
    assert accounts.authenticate(c, "mentor1", MENTOR_PW, now=t0).name == "mentor1"
    # 15 minutes later the right password works again
    assert accounts.authenticate(c, "officer2", EDITOR_PW, now=t0 + timedelta(minutes=15, seconds=1)).name == "officer2"
    assert list(account_rows.audit_log(c)["action"]).count("account.locked") == 1
    c.close()


def test_disabled_account_and_new_password(con):
    accounts.add_account(con, "officer2", "editor", ["9000002"], EDITOR_PW, "tests")
    accounts.set_password(con, "officer2", "A-new-passphrase-99", "admin")
    with pytest.raises(accounts.SignInRefused):
        accounts.authenticate(con, "officer2", EDITOR_PW)
    assert accounts.authenticate(con, "officer2", "A-new-passphrase-99").name == "officer2"
    accounts.disable_account(con, "officer2", "admin")
    with pytest.raises(accounts.SignInRefused) as exc:
        accounts.authenticate(con, "officer2", "A-new-passphrase-99")
    assert exc.value.message_en == "Wrong account name or password."
    assert account_rows.get_account(con, "officer2").disabled
    assert list(account_rows.audit_log(con)["action"])[:2] == ["account.disable", "account.password"]


def _cli(args, stdin: str = "", db_path: Path | None = None):
    cmd = [sys.executable, "-m", "data", *args] + (["--db", str(db_path)] if db_path else [])
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_users_command_and_no_clear_password_in_the_file_or_the_output(real_db, caplog):
    caplog.set_level(logging.DEBUG)
    r = _cli(["users", "add", "officer2", "--role", "editor", "--municipality", "9000002", "--password-stdin"],
             EDITOR_PW + "\n", real_db)
    assert r.returncode == 0, r.stderr
    r2 = _cli(["users", "add", "mentor1", "--role", "mentor", "--municipality", "9000001", "--password-stdin"],
              MENTOR_PW + "\n", real_db)
    assert r2.returncode == 0, r2.stderr
    r3 = _cli(["users", "password", "mentor1", "--password-stdin"], ADMIN_PW + "\n", real_db)
    assert r3.returncode == 0, r3.stderr
    bad = _cli(["users", "add", "x1", "--role", "editor", "--municipality", "9000002", "--password-stdin"], "short\n",
               real_db)
    assert bad.returncode == 2 and "10 to 256 characters" in bad.stderr
    lst = _cli(["users", "list", "--json"], db_path=real_db)
    assert lst.returncode == 0 and '"officer2"' in lst.stdout and "argon2" not in lst.stdout
    dis = _cli(["users", "disable", "officer2"], db_path=real_db)
    assert dis.returncode == 0
    outputs = "".join(x.stdout + x.stderr for x in (r, r2, r3, bad, lst, dis)) + caplog.text
    raw = real_db.read_bytes()
    wal = real_db.with_name(real_db.name + ".wal")
    raw += wal.read_bytes() if wal.exists() else b""
    for secret in (EDITOR_PW, MENTOR_PW, ADMIN_PW):
        assert secret not in outputs
        assert secret.encode() not in raw
    # the hashes are there (so the search above looked at the right file)
    c = db.connect(real_db, read_only=True)
    try:
        assert c.execute("SELECT count(*) FROM auth.account WHERE password_hash LIKE '$argon2id$%'").fetchone()[0] == 2
        assert c.execute("SELECT disabled FROM auth.account WHERE name = 'officer2'").fetchone()[0] is True
        assert set(account_rows.audit_log(c)["actor"]) == {f"cli:{table_writes._user()}"}
    finally:
        c.close()


def test_accounts_are_not_exported(con, tmp_path):
    from data.write import export

    accounts.add_account(con, "officer2", "editor", ["9000002"], EDITOR_PW, "tests")
    out = export.export_database(con, tmp_path / "exp", "csv")
    names = {p.name for p in Path(out.path).iterdir()}
    assert not any("account" in n or "audit" in n for n in names), names
    assert not any(b"argon2" in p.read_bytes() for p in Path(out.path).iterdir())
