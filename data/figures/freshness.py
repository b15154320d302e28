"""Whether the stored aggregates (``data.store.aggregates``) may be used instead of computing: the one place
that says what "current" means for figures.

A stored copy is current when its fingerprint matches the data now and ``computed_with()``: the default GWP
set, the default landfill method and a digest of the source of every module the computation runs. That module
list is not written down by hand: it is every project module that ``data.figures.refresh`` imports, directly or
through other project modules (imports inside functions included), read from their source, so moving or
editing any of them makes the stored copy stale — a read then computes, it never serves stale figures. A
module that cannot be found raises at once.
"""
from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path

from data.queries import emission_rows
from data.store import aggregates
from indicators import gwp as gwp_mod

GWP_SET = gwp_mod.DEFAULT_GWP_SET
LANDFILL_METHOD = emission_rows.DEFAULT_LANDFILL_METHOD
REFRESH_MODULE = "data.figures.refresh"
_ROOT = Path(__file__).resolve().parents[2]
_PROJECT_PACKAGES = ("data", "indicators")


class MissingComputationModule(RuntimeError):
    """A module the figures' computation imports has no source file (moved or deleted)."""


def module_file(name: str) -> Path | None:
    """The source file of the project module ``name`` (``pkg/mod.py`` or ``pkg/__init__.py``), None if none."""
    base = _ROOT.joinpath(*name.split("."))
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _project_imports(path: Path) -> set[str]:
    """The project modules a source file imports (at any depth of its code)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] in _PROJECT_PACKAGES)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module \
                and node.module.split(".")[0] in _PROJECT_PACKAGES:
            found.add(node.module)
            # `from pkg import name`: name is a module when it has a file of its own, else an attribute
            found.update(f"{node.module}.{a.name}" for a in node.names
                         if module_file(f"{node.module}.{a.name}") is not None)
    return found


def computation_files() -> list[Path]:
    """Every source file the stored figures depend on: ``REFRESH_MODULE`` and the project modules it imports,
    transitively, in a stable order. Raises ``MissingComputationModule`` for a module without a file."""
    seen: dict[str, Path] = {}
    todo = [REFRESH_MODULE]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = module_file(name)
        if path is None:
            raise MissingComputationModule(f"the stored figures depend on module {name!r}, which has no source "
                                           f"file under {_ROOT}; fix the import or the fingerprint")
        seen[name] = path
        todo.extend(sorted(_project_imports(path) - seen.keys()))
    return [seen[n] for n in sorted(seen)]


@lru_cache(maxsize=1)
def code_digest() -> str:
    """SHA-256 over the source files of the computation (so aggregates built by other code are not used)."""
    h = hashlib.sha256()
    for path in computation_files():
        h.update(path.relative_to(_ROOT).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def computed_with() -> str:
    """How the stored figures are computed: GWP set, landfill method, code digest (part of the fingerprint)."""
    return f"{GWP_SET}|{LANDFILL_METHOD}|{code_digest()}"


def uses_defaults(gwp_set: str, landfill_method: str) -> bool:
    """True when figures asked for under ``gwp_set`` and ``landfill_method`` are the ones stored."""
    return gwp_set == GWP_SET and landfill_method == LANDFILL_METHOD


def is_current(con) -> bool:
    """True when the stored aggregates match the data (and code) they would be computed from now."""
    return aggregates.matches(con, computed_with())


def current(con) -> aggregates.Stored | None:
    """A reader of the stored aggregates when they are current (``is_current``), else None."""
    return aggregates.Stored(con) if is_current(con) else None
