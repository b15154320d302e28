"""What the command line says when the storage fails: a bilingual message and exit 1, never a traceback.

DuckDB reports a damaged file, a full disk and a refused write as exceptions whose text varies by version;
``explain`` sorts them into four plain cases, each with what to do next:
* damaged or unreadable database → restore from an export (``restore EXPORT --force`` moves the file aside);
* disk full (ENOSPC, EDQUOT, EFBIG) → free space; nothing was changed (every write is one transaction);
* permission or a path that is not a directory → check the path and its rights;
* anything else from DuckDB → its type and message, and that nothing was changed.
"""
from __future__ import annotations

import errno

import duckdb

_FULL = (errno.ENOSPC, errno.EDQUOT, errno.EFBIG)
_PERMISSION = (errno.EACCES, errno.EPERM, errno.EROFS, errno.ENOTDIR, errno.EISDIR)
_FULL_WORDS = ("no space left", "disk full", "file too large", "quota exceeded", "out of disk")
_PERMISSION_WORDS = ("permission denied", "read-only file system", "not a directory", "is a directory",
                     "operation not permitted")
_CORRUPT_WORDS = ("corrupt", "checksum", "not a valid duckdb", "invalid database", "failed to read",
                  "serialization", "unexpected end", "truncated", "block ", "invalid block", "magic bytes")


def _text(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".lower()


def root_cause(exc: BaseException) -> BaseException:
    """The first error of a failed transaction: DuckDB answers every later statement (a cleanup in a
    ``finally``) with "transaction is aborted", which Python raises with the real error as its context."""
    seen = 0
    while "transaction is aborted" in str(exc).lower() and exc.__context__ is not None and seen < 10:
        exc = exc.__context__
        seen += 1
    return exc


def explain(exc: BaseException, db_label: str) -> tuple[str, str] | None:
    """(English, Thai) for a storage failure, or None when ``exc`` is not one."""
    exc = root_cause(exc)
    text = _text(exc)
    code = getattr(exc, "errno", None)
    if code in _FULL or any(w in text for w in _FULL_WORDS):
        return (f"The disk is full (or a file size limit was reached) while writing ({db_label}). Nothing was "
                "changed: free some space and run the command again.",
                f"พื้นที่ดิสก์เต็ม (หรือถึงขีดจำกัดขนาดไฟล์) ระหว่างเขียน ({db_label}) ไม่มีการเปลี่ยนแปลงข้อมูล "
                "ให้เพิ่มพื้นที่ว่างแล้วรันคำสั่งอีกครั้ง")
    if code in _PERMISSION or isinstance(exc, PermissionError) or any(w in text for w in _PERMISSION_WORDS):
        return (f"The file or folder cannot be written or read ({db_label}): check the path and its "
                "permissions. Nothing was changed.",
                f"เขียนหรืออ่านไฟล์หรือโฟลเดอร์ไม่ได้ ({db_label}) ตรวจเส้นทางและสิทธิ์การเข้าถึง ไม่มีการเปลี่ยนแปลงข้อมูล")
    if isinstance(exc, duckdb.Error) or isinstance(exc, OSError):
        if isinstance(exc, (duckdb.IOException, duckdb.InternalException, duckdb.SerializationException,
                            duckdb.FatalException)) or any(w in text for w in _CORRUPT_WORDS):
            return (f"The database file {db_label} is damaged and cannot be read ({type(exc).__name__}). "
                    f"Rebuild it from an export: python -m data restore EXPORT --db {db_label} --force "
                    "(the damaged file is kept beside it).",
                    f"ไฟล์ฐานข้อมูล {db_label} เสียหาย อ่านไม่ได้ ({type(exc).__name__}) ให้สร้างใหม่จากไฟล์ส่งออก: "
                    f"python -m data restore EXPORT --db {db_label} --force (เก็บไฟล์ที่เสียหายไว้ข้าง ๆ)")
        return (f"The database reported an error ({type(exc).__name__}: {str(exc)[:300]}). Nothing was changed.",
                f"ฐานข้อมูลแจ้งข้อผิดพลาด ({type(exc).__name__}) ไม่มีการเปลี่ยนแปลงข้อมูล")
    return None
