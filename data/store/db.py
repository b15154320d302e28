"""DuckDB storage: opening the file, numbered migrations and the schema-version check.

Migrations live in ``data/store/migrations/NNN_name.sql`` (plain SQL) or ``NNN_name.py`` (a ``migrate(con)``
function, used to load reference CSVs). Each applied migration is recorded in ``schema_version``.
"""
from __future__ import annotations

import contextlib
import importlib.util
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import duckdb

from data.store import publish

DATA_DIR = Path(__file__).resolve().parent.parent   # data/: the default database lives beside the code
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_MIGRATION_NAME = re.compile(r"^(\d{3})_[a-z0-9_]+\.(sql|py)$")


class DatabaseError(Exception):
    """A storage problem with a bilingual message fit to show a user."""

    def __init__(self, message_en: str, message_th: str):
        super().__init__(f"{message_th} / {message_en}")
        self.message_en = message_en
        self.message_th = message_th


class SchemaTooNew(DatabaseError):
    """The file was written by a newer version of this software."""


class DatabaseInUse(DatabaseError):
    """Another process (usually the running app) holds the write lock."""


class DatabaseCorrupt(DatabaseError):
    """The file exists but is not a readable DuckDB database."""


class DatabaseMissing(DatabaseError):
    """No database file where one was expected."""


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path


def default_db_path() -> Path:
    """The database path: ``$LCRS_DB`` or ``data/lcrs.duckdb`` (in the data/ folder of the code)."""
    env = os.environ.get("LCRS_DB")
    return Path(env) if env else DATA_DIR / "lcrs.duckdb"


def list_migrations() -> list[Migration]:
    """All migration files, ordered by number; numbers must be unique and start at 1 without gaps."""
    found = []
    for p in sorted(MIGRATIONS_DIR.iterdir()):
        m = _MIGRATION_NAME.match(p.name)
        if m:
            found.append(Migration(int(m.group(1)), p.stem, p))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise RuntimeError(f"migration numbers must run 1..N without gaps: {versions}")
    return found


def code_schema_version() -> int:
    """The schema version this code writes and understands."""
    return len(list_migrations())


def connect(path: str | os.PathLike | None = None, read_only: bool = False, must_exist: bool = False):
    """Open the DuckDB file, turning lock and corruption errors into bilingual ``DatabaseError``s."""
    p = Path(path) if path else default_db_path()
    if (must_exist or read_only) and not p.exists():
        raise DatabaseMissing(
            f"Database file {p} does not exist. Run `python -m data init --demo`, or restore an export with "
            f"`python -m data restore EXPORT --db {p}`.",
            f"ไม่พบไฟล์ฐานข้อมูล {p} ให้รัน `python -m data init --demo` หรือกู้คืนจากไฟล์ส่งออกด้วย "
            f"`python -m data restore EXPORT --db {p}`",
        )
    if p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    try:
        return duckdb.connect(str(p), read_only=read_only)
    except duckdb.IOException as exc:
        text = str(exc)
        if "lock" in text.lower() or "conflicting" in text.lower():
            raise DatabaseInUse(
                f"Database {p} is in use by another process (is the dashboard running?). "
                "Import from the app's data page, or stop the app first. Nothing was changed.",
                f"ฐานข้อมูล {p} กำลังถูกใช้งานโดยโปรแกรมอื่น (แดชบอร์ดเปิดอยู่หรือไม่) "
                "ให้นำเข้าผ่านหน้าข้อมูลของแอป หรือปิดแอปก่อน ไม่มีการเปลี่ยนแปลงข้อมูล",
            ) from exc
        raise _corrupt(p, exc) from exc
    except (duckdb.Error, RuntimeError) as exc:
        raise _corrupt(p, exc) from exc


def _corrupt(p: Path, exc: Exception) -> DatabaseCorrupt:
    return DatabaseCorrupt(
        f"Database file {p} cannot be read ({type(exc).__name__}). Restore it from an export with "
        f"`python -m data restore EXPORT --db {p}` or rebuild it with `python -m data init --demo`.",
        f"อ่านไฟล์ฐานข้อมูล {p} ไม่ได้ ให้กู้คืนด้วย `python -m data restore EXPORT --db {p}` "
        "หรือสร้างใหม่ด้วย `python -m data init --demo`",
    )


def stored_schema_version(con) -> int:
    """Highest applied migration number, 0 for an empty database."""
    exists = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'"
    ).fetchone()[0]
    if not exists:
        return 0
    return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]


def check_schema(con) -> int:
    """Raise ``SchemaTooNew`` if the file is newer than the code; return the stored version."""
    stored = stored_schema_version(con)
    code = code_schema_version()
    if stored > code:
        raise SchemaTooNew(
            f"The database schema is version {stored} but this software only knows up to {code}. "
            "Update the software (git pull) instead of opening the file with an older version.",
            f"โครงสร้างฐานข้อมูลเป็นรุ่น {stored} แต่โปรแกรมนี้รู้จักถึงรุ่น {code} เท่านั้น "
            "กรุณาอัปเดตโปรแกรมก่อนเปิดไฟล์นี้",
        )
    return stored


def migrate(con, up_to: int | None = None) -> list[str]:
    """Apply pending migrations in order (up to version ``up_to`` when given, to build an older schema),
    each in its own transaction; return the names applied."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL,"
        " applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    stored = check_schema(con)
    applied = []
    for mig in list_migrations():
        if mig.version <= stored or (up_to is not None and mig.version > up_to):
            continue
        with transaction(con):
            if mig.path.suffix == ".sql":
                con.execute(mig.path.read_text(encoding="utf-8"))
            else:
                _run_python_migration(con, mig.path)
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)", [mig.version, mig.name])
        applied.append(mig.name)
    return applied


def reapply_migration(con, version: int) -> None:
    """Run the SQL migration ``version`` again (its statements are idempotent: ``IF NOT EXISTS``), for a table a
    write needs in a file that lacks it; the definition stays in the migration, never repeated in Python."""
    mig = list_migrations()[version - 1]
    if mig.path.suffix != ".sql":
        raise ValueError(f"migration {mig.name} is not plain SQL")
    con.execute(mig.path.read_text(encoding="utf-8"))


def _run_python_migration(con, path: Path) -> None:
    spec = importlib.util.spec_from_file_location(f"lcrs_migration_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.migrate(con)


@contextlib.contextmanager
def transaction(con) -> Iterator:
    """All-or-nothing block: commit on success, roll back on any exception. Every write ends here, so after
    the commit an editor that publishes copies for read-only replicas publishes one (``publish.after_commit``,
    a no-op unless ``$LCRS_PUBLISH_DIR`` is set)."""
    con.execute("BEGIN TRANSACTION")
    try:
        yield con
    except BaseException:
        try:
            con.execute("ROLLBACK")
        except duckdb.Error:  # the transaction is already gone (a damaged file): the first error is the real one
            pass
        raise
    else:
        con.execute("COMMIT")
        publish.after_commit(con)


def table_checksums(con) -> dict[str, tuple[int, str]]:
    """Row count and an order-independent content hash of every user table (to prove nothing changed)."""
    out = {}
    tables = [r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1").fetchall()]
    for t in tables:
        # table names come from the catalogue, not from user input; identifiers cannot be bound parameters
        quoted = duckdb_quote_ident(t)
        n, h = con.execute(f"SELECT count(*), coalesce(sum(hash(x)), 0)::VARCHAR FROM {quoted} AS x").fetchone()
        out[t] = (n, h)
    return out


def duckdb_quote_ident(name: str) -> str:
    """Quote an SQL identifier (table or column name) for DuckDB."""
    return '"' + name.replace('"', '""') + '"'
