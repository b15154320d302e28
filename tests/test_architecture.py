"""The one-way layout (docs/architecture.md), checked on the source of every .py file of the project.

Read from the AST, so an import inside a function counts as much as one at the top of a module:
- no import cycle anywhere in the project;
- ``indicators/`` imports neither ``data/``, ``ui/``, ``pages/``, ``reports/``, ``geo/`` nor streamlit or duckdb;
- ``data/`` imports neither ``ui/``, ``pages/``, ``app`` nor streamlit;
- inside ``data/`` a room imports only itself and the rooms below it (``cli → write → {ingest, figures, demo} →
  queries → store``);
- streamlit only in ``app.py``, ``pages/``, ``ui/`` (and the tests and the page benchmark that drive them);
- SQL text only in ``data/`` (tests and the benchmark harness read databases to check them, and are exempt).

Each checker is also run on small synthetic projects that break its rule, so none of them can pass by
checking nothing.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP_DIRS = {".venv", ".git", "__pycache__", "node_modules", ".ci"}

# the rooms of data/, lowest first: a room may import itself and any room of a lower rank, nothing else
DATA_ROOMS = {"store": 0, "queries": 1, "figures": 2, "ingest": 2, "demo": 2, "write": 3, "cli": 4}
DATA_TOP = {"data": 5, "data.__main__": 5}     # the package docstring and the thin ``python -m data``
# what data/cli may use beside data/: the report writer (the `report` command)
DATA_MAY_ALSO_IMPORT = {"data.cli": ("reports",)}
FORBIDDEN = {
    "indicators": ("data", "ui", "pages", "reports", "geo", "app", "streamlit", "duckdb"),
    "data": ("ui", "pages", "app", "streamlit"),
    "geo": ("ui", "pages", "app", "streamlit"),
    "reports": ("pages", "app", "streamlit"),
}
STREAMLIT_ALLOWED = ("app", "pages", "ui", "tests", "bench", "scripts")
SQL_ALLOWED = ("data", "tests", "bench", "scripts")
# SQL text: a statement keyword followed by what it needs (upper case, as this project writes SQL)
SQL_TEXT = re.compile(r"\b(SELECT\b[\s\S]*\bFROM|INSERT\s+INTO|DELETE\s+FROM|UPDATE\s+\w+\s+SET|"
                      r"CREATE\s+(OR\s+REPLACE\s+)?(TABLE|VIEW|SCHEMA|SEQUENCE)|DROP\s+(TABLE|VIEW|SCHEMA))\b")


# --- reading a project -------------------------------------------------------------------------------------------

def project_sources(root: Path) -> dict[str, str]:
    """Module name -> source of every .py file under ``root`` (virtual environments and caches left out)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root)
        if set(rel.parts[:-1]) & SKIP_DIRS or any(p.startswith(".") for p in rel.parts[:-1]):
            continue
        parts = list(rel.with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts:
            out[".".join(parts)] = path.read_text(encoding="utf-8")
    return out


def imports_of(name: str, source: str, modules: set[str]) -> set[str]:
    """Every module ``name`` imports, at any depth of its code: project modules resolved to the module itself
    (``from pkg import mod`` -> ``pkg.mod``), other packages by their top-level name."""
    is_package = False  # relative imports are not used in this project; resolve them as if from a module
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.add(alias.name if alias.name in modules else alias.name.split(".")[0])
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = name.split(".")[: len(name.split(".")) - node.level + (1 if is_package else 0)]
                base = ".".join(anchor + ([base] if base else []))
            for alias in node.names:
                full = f"{base}.{alias.name}" if base else alias.name
                if full in modules:
                    found.add(full)
                elif base in modules:
                    found.add(base)
                else:
                    found.add(base.split(".")[0])
    found.discard(name)
    return found


def import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    """Module -> the modules it imports (project modules by full name, others by top-level package)."""
    modules = set(sources)
    return {name: imports_of(name, src, modules) for name, src in sources.items()}


# --- the rules ------------------------------------------------------------------------------------------------------

def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles among project modules: strongly connected components of more than one module (or a
    module importing itself), each sorted (Tarjan's algorithm)."""
    index, low, stack, on_stack, out, counter = {}, {}, [], set(), [], [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph.get(v, ())):
            if w not in graph:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1 or v in graph.get(v, ()):
                out.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(out)


def _under(name: str, prefixes) -> bool:
    return any(name == p or name.startswith(p + ".") for p in prefixes)


def _room(name: str) -> tuple[str, int] | None:
    """The data room of a module (``data.figures.scores`` -> ("data.figures", 2)), None outside data/."""
    if name in DATA_TOP:
        return name, DATA_TOP[name]
    parts = name.split(".")
    if parts[0] != "data" or len(parts) < 2:
        return None
    if parts[1] not in DATA_ROOMS:
        return f"data.{parts[1]}", -1          # a loose module: allowed to import store only
    return f"data.{parts[1]}", DATA_ROOMS[parts[1]]


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """Every import that goes against the layer rule, as "importer -> imported: why"."""
    problems = []
    for name, targets in sorted(graph.items()):
        top = name.split(".")[0]
        for target in sorted(targets):
            for layer, banned in FORBIDDEN.items():
                if _under(name, (layer,)) and _under(target, banned):
                    problems.append(f"{name} -> {target}: {layer}/ may not import {target.split('.')[0]}")
            if target == "streamlit" and not _under(name, STREAMLIT_ALLOWED):
                problems.append(f"{name} -> streamlit: streamlit only in app.py, pages/ and ui/")
            mine, theirs = _room(name), _room(target)
            if mine and top == "data" and target.split(".")[0] not in ("data",) \
                    and _under(target, ("ui", "pages", "reports", "geo", "app", "bench", "scripts", "tests")) \
                    and not _under(target, DATA_MAY_ALSO_IMPORT.get(mine[0], ())):
                problems.append(f"{name} -> {target}: data/ imports nothing above it")
            if mine and theirs and mine[0] != theirs[0]:
                if mine[1] == -1 and theirs[0] != "data.store":
                    problems.append(f"{name} -> {target}: a loose data module imports data.store only")
                elif mine[1] != -1 and theirs[1] >= mine[1]:
                    problems.append(f"{name} -> {target}: {mine[0]} may import only rooms below it "
                                    f"(cli -> write -> ingest, figures, demo -> queries -> store)")
    return problems


def sql_outside_data(sources: dict[str, str]) -> list[str]:
    """String constants that hold SQL text in modules outside ``SQL_ALLOWED`` (f-string parts included)."""
    problems = []
    for name, src in sorted(sources.items()):
        if _under(name, SQL_ALLOWED):
            continue
        for node in ast.walk(ast.parse(src)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and SQL_TEXT.search(node.value):
                problems.append(f"{name}:{node.lineno}: SQL text outside data/: {node.value[:60]!r}")
    return problems


# --- the rules on the real project ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sources() -> dict[str, str]:
    found = project_sources(ROOT)
    # the scan really covers the project
    assert {"data.figures.summary", "data.store.db", "indicators.wma", "pages.profile", "app"} <= set(found)
    return found


def test_no_import_cycle(sources):
    found = cycles(import_graph(sources))
    assert not found, "import cycles:\n" + "\n".join(" <-> ".join(c) for c in found)


def test_every_import_follows_the_layer_rule(sources):
    problems = layer_violations(import_graph(sources))
    assert not problems, "\n".join(problems)


def test_sql_only_in_data(sources):
    problems = sql_outside_data(sources)
    assert not problems, "\n".join(problems)


def test_at_most_six_loose_modules_at_the_top_of_data():
    loose = sorted(p.name for p in (ROOT / "data").glob("*.py"))
    assert len(loose) <= 6, loose
    rooms = sorted(p.name for p in (ROOT / "data").iterdir() if (p / "__init__.py").exists())
    assert rooms == sorted(DATA_ROOMS), rooms


def test_the_rule_is_written_where_the_code_starts():
    doc = ast.get_docstring(ast.parse((ROOT / "data" / "__init__.py").read_text(encoding="utf-8")))
    assert "cli → write → {ingest, figures, demo} → queries → store" in doc


# --- the checkers catch what they are meant to catch ------------------------------------------------------------

def test_a_cycle_through_an_import_inside_a_function_is_found():
    graph = import_graph({
        "data": "", "data.figures": "", "data.figures.a": "from data.figures import b\n",
        "data.figures.b": "def f():\n    from data.figures import a\n    return a\n",
        "data.figures.c": "import data.figures.a\n"})
    assert cycles(graph) == [["data.figures.a", "data.figures.b"]]


def test_a_module_importing_itself_is_a_cycle_and_a_chain_is_not():
    assert cycles({"x": {"x"}}) == [["x"]]
    assert cycles({"x": {"y"}, "y": {"z"}, "z": set()}) == []


@pytest.mark.parametrize("name, source, why", [
    ("indicators.bad", "from data.store import db\n", "indicators/ may not import data"),
    ("indicators.bad", "def f():\n    import streamlit as st\n", "indicators/ may not import streamlit"),
    ("indicators.bad", "import duckdb\n", "indicators/ may not import duckdb"),
    ("data.store.bad", "from ui import fmt\n", "data/ may not import ui"),
    ("data.figures.bad", "def f():\n    from pages import profile\n", "data/ may not import pages"),
    ("data.queries.bad", "import streamlit\n", "data/ may not import streamlit"),
    ("data.store.bad", "from data.figures import scores\n", "data.store may import only rooms below it"),
    ("data.queries.bad", "def f():\n    from data.figures import scores\n", "data.queries may import only"),
    ("data.figures.bad", "from data.ingest import templates\n", "data.figures may import only"),
    ("data.write.bad", "from data.cli import main\n", "data.write may import only"),
    ("data.loose", "from data.figures import scores\n", "a loose data module imports data.store only"),
    ("geo.bad", "import streamlit\n", "geo/ may not import streamlit"),
    ("reports.bad", "from pages import profile\n", "reports/ may not import pages"),
])
def test_each_forbidden_import_is_reported(name, source, why):
    project = {"data": "", "data.store": "", "data.store.db": "", "data.figures": "", "data.figures.scores": "",
               "data.ingest": "", "data.ingest.templates": "", "data.cli": "def main(): pass\n", "ui": "",
               "ui.fmt": "", "pages": "", "pages.profile": "", "indicators": "", name: source}
    problems = layer_violations(import_graph(project))
    assert any(why in p and p.startswith(name) for p in problems), problems


def test_allowed_imports_are_not_reported():
    project = {"data": "", "data.store": "", "data.store.db": "", "data.queries": "",
               "data.queries.rows": "from data.store import db\n",
               "data.figures": "", "data.figures.scores": "from data.queries import rows\nimport pandas\n",
               "data.write": "", "data.write.importer": "from data.figures import scores\n",
               "data.cli": "from data.write import importer\nfrom reports import pdf\n", "reports": "",
               "reports.pdf": "from data.figures import scores\n", "indicators": "", "indicators.wma": "import numpy\n",
               "pages": "", "pages.profile": "import streamlit\nfrom data.figures import scores\n"}
    assert layer_violations(import_graph(project)) == []


def test_sql_text_outside_data_is_found():
    found = sql_outside_data({
        "pages.bad": 'def f(cur):\n    return cur.execute("SELECT code FROM municipality").df()\n',
        "ui.bad": 'X = f"DELETE FROM {{t}}"\n',
        "data.queries.ok": 'SQL = "SELECT * FROM activity"\n',
        "tests.test_ok": 'SQL = "SELECT * FROM activity"\n',
        "pages.words": 'LABEL = "Select a municipality from the list"\n'})
    assert [p.split(":")[0] for p in found] == ["pages.bad", "ui.bad"]


def test_the_architecture_document_names_only_files_that_exist():
    text = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    paths = set(re.findall(r"`((?:data|indicators|pages|ui|reports|geo|tests)/[\w/]+\.py)`", text))
    assert len(paths) >= 20, sorted(paths)       # the trace and the tables really name files
    missing = sorted(p for p in paths if not (ROOT / p).is_file())
    assert not missing, missing
    # every room of data/ has its row in the table
    for room in DATA_ROOMS:
        assert f"| `data/{room}/` |" in text, room


def test_test_modules_share_builders_only_through_tests_helpers(sources):
    graph = import_graph(sources)
    shared = sorted(f"{name} -> {target}" for name, targets in graph.items() if name.startswith("tests.")
                    for target in targets if target.startswith("tests.test_"))
    assert not shared, shared
