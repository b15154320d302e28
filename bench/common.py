"""What every benchmark shares: the figure record, timing helpers, and the national database they run against.

A figure is one JSON line: ``name``, ``value``, ``unit``, ``target``, ``scale``, ``ok`` and, where it applies,
``runs`` (how many measurements the median is over), ``error`` (the measurement failed) or ``skipped`` (the
piece it measures is not there yet). ``ok`` compares the value with the target in the unit's direction.
"""
from __future__ import annotations

import contextlib
import importlib
import json
import os
import statistics
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "bench" / "out"

# units in which a smaller value is better; the others (rows/s, x) are better when larger
LOWER_IS_BETTER = {"s", "ms", "bytes", "MB"}
HIGHER_IS_BETTER = {"rows/s", "x", "sessions"}

# files whose change makes a cached benchmark database stale (the generator and the schema)
_GENERATOR_SOURCES = ("data/demo/generator.py", "data/demo/indicator_records.py", "data/write/initialise.py",
                      "data/store/table_writes.py")


@dataclass
class Context:
    """What one benchmark run is about: the scale, its database, and how many repetitions to take."""
    scale: str = "national"
    db_path: Path | None = None
    runs: int = 5
    quick: bool = False
    out_dir: Path = OUT_DIR
    only: set[str] = field(default_factory=set)

    def wants(self, group: str) -> bool:
        """True when ``group`` is selected (all groups are when ``--only`` is not given)."""
        return not self.only or group in self.only


def is_ok(value, unit: str, target) -> bool:
    """Whether ``value`` meets ``target`` in the direction of ``unit`` (False when there is no value)."""
    if value is None or target is None:
        return False
    if unit in LOWER_IS_BETTER:
        return value <= target
    if unit in HIGHER_IS_BETTER:
        return value >= target
    raise ValueError(f"unknown unit {unit!r}")


def figure(name: str, value, unit: str, target, scale: str, **extra) -> dict:
    """One figure record; ``value`` is rounded to 4 significant digits for reading, never for ``ok``."""
    rec = {"name": name, "value": _round(value), "unit": unit, "target": target, "scale": scale,
           "ok": is_ok(value, unit, target)}
    rec.update({k: v for k, v in extra.items() if v is not None})
    return rec


def error_figure(name: str, unit: str, target, scale: str, exc: BaseException | str) -> dict:
    """A figure whose measurement failed: value null, ok false, the error's type and message."""
    msg = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
    return figure(name, None, unit, target, scale, error=_one_line(msg))


def skipped_figure(name: str, unit: str, target, scale: str, reason: str) -> dict:
    """A figure that cannot be measured yet (the module it measures is missing): value null, ok false."""
    return figure(name, None, unit, target, scale, skipped=reason)


def emit(rec: dict, stream=None) -> None:
    """Print one figure as a JSON line (and flush, so a long run shows progress)."""
    stream = stream or sys.stdout
    stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
    stream.flush()


def measured(name: str, unit: str, target, scale: str, fn: Callable[[], dict | float]) -> dict:
    """Run ``fn`` (returning the value, or a dict with ``value`` and extra keys) into a figure; an exception
    becomes an error figure, a ``Missing`` a skipped one, so one broken piece never stops the bench."""
    try:
        out = fn()
    except Missing as m:
        return skipped_figure(name, unit, target, scale, str(m))
    except Exception as exc:  # a benchmark reports failures, it does not crash on them
        if os.environ.get("BENCH_TRACEBACK"):
            traceback.print_exc()
        return error_figure(name, unit, target, scale, exc)
    if isinstance(out, dict):
        out = dict(out)
        value = out.pop("value")
        return figure(name, value, unit, target, scale, **out)
    return figure(name, out, unit, target, scale)


class Missing(Exception):
    """The piece a figure measures does not exist yet."""


def require(module: str, attr: str | None = None):
    """Import ``module`` (and return its ``attr``), raising ``Missing`` with a clear reason when absent."""
    try:
        mod = importlib.import_module(module)
    except ModuleNotFoundError as exc:
        # only the module itself (or its package) missing means "not written yet"; a missing dependency
        # inside it is a real error
        if exc.name and (module == exc.name or module.startswith(exc.name + ".")):
            raise Missing(f"{module} is not written yet") from exc
        raise
    if attr is None:
        return mod
    if not hasattr(mod, attr):
        raise Missing(f"{module}.{attr} is not written yet")
    return getattr(mod, attr)


def median_time(fn: Callable[[], object], runs: int, warmup: int = 0) -> tuple[float, list[float]]:
    """Median wall time of ``fn`` in seconds over ``runs`` calls (after ``warmup`` untimed calls)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(max(1, runs)):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def _round(v):
    if isinstance(v, float):
        return float(f"{v:.4g}")
    return v


def _one_line(msg: str, limit: int = 400) -> str:
    msg = " ".join(str(msg).split())
    return msg if len(msg) <= limit else msg[: limit - 1] + "…"


# --- the benchmark database -----------------------------------------------------------------------------------

def bench_db_path(ctx: Context) -> Path:
    """The database the benchmarks read: ``--db`` or ``bench/out/<scale>.duckdb``."""
    return Path(ctx.db_path) if ctx.db_path else ctx.out_dir / f"{ctx.scale}.duckdb"


def db_is_current(path: Path, scale: str, seed: int) -> tuple[bool, str]:
    """Whether the database at ``path`` holds the synthetic set of ``scale`` and ``seed`` under the code's
    schema version, built after the last change to the generator; with the reason when it does not."""
    from data.store import dataset, db

    if not path.exists():
        return False, "no database yet"
    newest_source = max((ROOT / p).stat().st_mtime for p in _GENERATOR_SOURCES if (ROOT / p).exists())
    newest_source = max([newest_source] + [m.path.stat().st_mtime for m in db.list_migrations()])
    if path.stat().st_mtime < newest_source:
        return False, "the generator or the schema changed since it was built"
    try:
        con = db.connect(path, read_only=True)
    except Exception as exc:  # unreadable: rebuild it
        return False, f"unreadable ({type(exc).__name__})"
    try:
        if db.stored_schema_version(con) != db.code_schema_version():
            return False, "schema version differs"
        info = dataset.dataset_info(con)
        row = (info["scale"], info["seed"], info["is_demo"]) if info else None
    except Exception as exc:
        return False, f"no dataset_info ({type(exc).__name__})"
    finally:
        con.close()
    if row is None or row[0] != scale or row[1] != seed or not row[2]:
        return False, f"holds {row!r}, not synthetic {scale} seed {seed}"
    return True, "current"


def ensure_db(ctx: Context, log=None) -> Path:
    """Build the benchmark database once (into a temporary file, then renamed) unless it is current."""
    from data.demo import generator
    from data.write import initialise

    say = log or (lambda m: print(m, file=sys.stderr))
    path = bench_db_path(ctx)
    ok, why = db_is_current(path, ctx.scale, generator.DEFAULT_SEED)
    if ok:
        if not _aggregates_current(path):
            # built by other code: refresh its figures as `python -m data init --db PATH` does
            say(f"bench: refreshing the stored aggregates of {path}")
            initialise.init_database(path)
        return path
    say(f"bench: building the {ctx.scale} database at {path} ({why})")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".building")
    for p in (tmp, Path(str(tmp) + ".wal")):
        p.unlink(missing_ok=True)
    initialise.init_database(tmp, demo=True, scale=ctx.scale)
    os.replace(tmp, path)
    Path(str(path) + ".wal").unlink(missing_ok=True)
    return path


def _aggregates_current(path: Path) -> bool:
    from data.figures import freshness
    from data.store import db

    con = db.connect(path, read_only=True)
    try:
        return freshness.is_current(con)
    finally:
        con.close()


@contextlib.contextmanager
def env(**values: str) -> Iterator[None]:
    """Set environment variables for the duration of a block."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


@contextlib.contextmanager
def scratch_dir(ctx: Context) -> Iterator[Path]:
    """A temporary directory under the output directory (same disk as the database), removed afterwards."""
    ctx.out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=ctx.out_dir, prefix="tmp-") as d:
        yield Path(d)
