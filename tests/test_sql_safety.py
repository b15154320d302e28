"""SQL is never built from values: a static scan of every module, and hostile codes against the read functions.

The static rule (SECURITY.md: all values bound as parameters): wherever SQL is passed to ``execute``,
``executemany``, ``sql``, ``query`` (DuckDB, pandas ``read_sql``) and that SQL is built with an f-string,
``str.format``, ``%`` or ``+``, every interpolated piece must be

* a literal,
* a module-level UPPER_CASE constant (``SUPERSEDED_TABLE``, ``MUNICIPALITY_COLUMNS``),
* a call to a helper in ``SAFE_FRAGMENT_HELPERS`` (quoting an identifier, or emitting only placeholders),
* a loop variable over an UPPER_CASE constant (``for t in DATA_TABLES``), or
* a local name whose every assignment in the function is itself safe by these rules.

The SQL argument is followed through local variables; when it is a parameter of the enclosing function, that
function becomes a sink too and its call sites in the same module are checked the same way. Anything else
fails with ``file:line``.
"""
from __future__ import annotations

import ast
import inspect
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import ROOT

SQL_METHODS = {"execute", "executemany", "sql", "query", "from_query", "read_sql", "read_sql_query"}
SQL_KEYWORDS = ("query", "sql", "statement")
# Helpers whose result may go into SQL text although their code is not in the module being checked: each
# returns a quoted identifier. Helpers defined in the same module are not listed: their return statements
# are checked like any other SQL fragment.
SAFE_FRAGMENT_HELPERS = {
    "duckdb_quote_ident",     # data.db: '"' + name.replace('"', '""') + '"'
}
STR_METHODS = {"strip", "lstrip", "rstrip", "upper", "lower", "replace", "removeprefix", "removesuffix"}
# Builtins that keep a safe iterable safe (``for t in reversed(DATA_TABLES)``).
SAFE_ITER_WRAPPERS = {"reversed", "sorted", "list", "tuple", "enumerate"}
EXCLUDED_DIRS = {"tests", ".venv", "venv", "node_modules", "__pycache__", ".git", ".hypothesis"}
_UPPER = re.compile(r"^_?[A-Z][A-Z0-9_]*$")
_FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)


def _is_constant_name(name: str) -> bool:
    return bool(_UPPER.match(name))


class _Part(ast.expr):
    """Synthetic node: element ``index`` of what ``value`` evaluates to (tuple unpacking)."""
    _fields = ("value",)

    def __init__(self, value, index: int, lineno: int):
        super().__init__()
        self.value, self.index, self.lineno = value, index, lineno


_UNKNOWN = ast.Name(id="__unknown__", ctx=ast.Load(), lineno=0)


@dataclass
class _Scope:
    """What one function (or the module body) binds, by local name."""
    node: ast.AST
    params: list[str]
    defaults: dict[str, ast.AST] = field(default_factory=dict)
    assigns: dict[str, list[ast.AST]] = field(default_factory=dict)
    loops: dict[str, list[ast.AST]] = field(default_factory=dict)       # loop/comprehension var -> iterable
    returns: list[ast.AST] = field(default_factory=list)
    defs: set[str] = field(default_factory=set)                         # functions defined here


class _ScopeBuilder(ast.NodeVisitor):
    """Collects bindings inside one scope without descending into nested functions."""

    def __init__(self, scope: _Scope):
        self.scope = scope

    def visit_FunctionDef(self, node):  # nested functions are scopes of their own
        self.scope.defs.add(node.name)

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Lambda(self, node):
        return

    def visit_ClassDef(self, node):
        return

    def _bind(self, target, value):
        if isinstance(target, ast.Name):
            self.scope.assigns.setdefault(target.id, []).append(value)
        elif isinstance(target, (ast.Tuple, ast.List)):
            for i, elt in enumerate(target.elts):
                if isinstance(elt, ast.Starred):
                    self._bind(elt.value, _UNKNOWN)
                else:
                    self._bind(elt, _Part(value, i, getattr(value, "lineno", 0)))

    def visit_Assign(self, node):
        for t in node.targets:
            self._bind(t, node.value)
        self.generic_visit(node)

    def visit_AnnAssign(self, node):
        if node.value is not None:
            self._bind(node.target, node.value)
        self.generic_visit(node)

    def visit_AugAssign(self, node):
        if isinstance(node.target, ast.Name):
            self.scope.assigns.setdefault(node.target.id, []).append(node.value)
        self.generic_visit(node)

    def visit_ImportFrom(self, node):
        for alias in node.names:
            if alias.asname:
                self.scope.assigns.setdefault(alias.asname, []).append(ast.Name(id=alias.name, ctx=ast.Load()))

    def visit_NamedExpr(self, node):
        self._bind(node.target, node.value)
        self.generic_visit(node)

    def visit_Call(self, node):
        # list building: conds.append(x) / conds.extend(xs) / conds.insert(0, x) count as binding conds
        f = node.func
        if isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and node.args:
            if f.attr == "append":
                self.scope.assigns.setdefault(f.value.id, []).append(ast.List(elts=[node.args[0]]))
            elif f.attr == "extend":
                self.scope.assigns.setdefault(f.value.id, []).append(
                    ast.List(elts=[ast.Starred(value=node.args[0])]))
            elif f.attr == "insert" and len(node.args) > 1:
                self.scope.assigns.setdefault(f.value.id, []).append(ast.List(elts=[node.args[1]]))
        self.generic_visit(node)

    def visit_Return(self, node):
        if node.value is not None:
            self.scope.returns.append(node.value)
        self.generic_visit(node)

    def _loop(self, target, iterable):
        names = [target] if isinstance(target, ast.Name) else \
            [e for e in getattr(target, "elts", []) if isinstance(e, ast.Name)]
        for n in names:
            self.scope.loops.setdefault(n.id, []).append(iterable)

    def visit_For(self, node):
        self._loop(node.target, node.iter)
        self.generic_visit(node)



_COMPREHENSIONS = (ast.GeneratorExp, ast.ListComp, ast.SetComp, ast.DictComp)


def _helper_name(node) -> str | None:
    """'duckdb_quote_ident' for ``duckdb_quote_ident``, ``db.duckdb_quote_ident`` or a call of either."""
    if isinstance(node, ast.Call):
        node = node.func
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _is_formatting(node) -> bool:
    """True for an f-string, ``.format()``, ``%``, ``+`` or ``.join``: the constructs this rule governs."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return True
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join"):
        return True
    return False


class _Checker:
    """Checks one module; ``problems`` collects 'file:line: why'."""

    def __init__(self, path: Path, source: str, rel: str):
        self.rel = rel
        self.tree = ast.parse(source, filename=str(path))
        self.problems: list[str] = []
        self.parents: dict[ast.AST, ast.AST] = {}
        for parent in ast.walk(self.tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent
        self.functions: dict[str, list[ast.AST]] = {}
        for n in ast.walk(self.tree):
            if isinstance(n, _FUNCS):
                self.functions.setdefault(n.name, []).append(n)
        self.scopes: dict[ast.AST, _Scope] = {}
        self.module_scope = self._scope_of_node(self.tree)
        # (kind, function, parameter) whose call sites must pass SQL ("sql") or a safe fragment ("frag")
        self.sinks: set[tuple[str, ast.AST, str]] = set()
        self.checked_returns: set[tuple[int, int]] = set()

    # --- scopes ---
    def _scope_of_node(self, node) -> _Scope:
        if node not in self.scopes:
            params, defaults = [], {}
            if isinstance(node, (*_FUNCS, ast.Lambda)):
                a = node.args
                positional = [*a.posonlyargs, *a.args]
                params = [p.arg for p in (*positional, *a.kwonlyargs)]
                for p, d in zip(positional[len(positional) - len(a.defaults):], a.defaults):
                    defaults[p.arg] = d
                for p, d in zip(a.kwonlyargs, a.kw_defaults):
                    if d is not None:
                        defaults[p.arg] = d
                if a.vararg:
                    params.append(a.vararg.arg)
                if a.kwarg:
                    params.append(a.kwarg.arg)
            scope = _Scope(node, params, defaults)
            builder = _ScopeBuilder(scope)
            body = node.body if isinstance(node.body, list) else [ast.Return(value=node.body)]
            for stmt in body:
                builder.visit(stmt)
            self.scopes[node] = scope
        return self.scopes[node]

    def _enclosing(self, node) -> list[_Scope]:
        """Scopes from the innermost function out to the module (class bodies are skipped, as in Python)."""
        out = []
        cur = self.parents.get(node)
        while cur is not None:
            if isinstance(cur, (*_FUNCS, ast.Lambda)):
                out.append(self._scope_of_node(cur))
            cur = self.parents.get(cur)
        out.append(self.module_scope)
        return out

    # --- the rule ---
    def run(self, outside_sql_sinks: dict | None = None) -> list[str]:
        """Check every SQL call of the module; ``outside_sql_sinks`` are public functions of other modules
        that pass a parameter on as SQL (name -> parameter name), whose calls here are checked too."""
        calls = [n for n in ast.walk(self.tree) if isinstance(n, ast.Call)]
        for call in calls:
            arg = self._sql_argument(call)
            if arg is not None:
                self._check_sql(arg, frozenset())
        for call in calls:
            param = (outside_sql_sinks or {}).get(_helper_name(call.func))
            if param is not None and _helper_name(call.func) not in self.functions:
                arg = self._outside_argument(call, *param)
                if arg is not None:
                    self._check_sql(arg, frozenset())
        # parameters of private helpers that reach SQL: their callers in this module are checked, to a fixed point
        done: set = set()
        while self.sinks - done:
            for sink in list(self.sinks - done):
                done.add(sink)
                kind, func, param = sink
                self._check_escape(func)
                for call in calls:
                    if _helper_name(call.func) != func.name:
                        continue
                    arg = self._argument_for(call, func, param)
                    if arg is None:
                        continue
                    if kind == "sql":
                        self._check_sql(arg, frozenset())
                    else:
                        self._check_fragment(arg, frozenset())
        return self.problems

    def public_sql_sinks(self) -> dict[str, tuple[int, str]]:
        """Public functions of this module that pass a parameter on as SQL: name -> (index, parameter)."""
        out = {}
        for kind, func, param in self.sinks:
            if kind == "sql" and not self._is_private(func):
                scope = self._scope_of_node(func)
                index = scope.params.index(param)
                if scope.params and scope.params[0] in ("self", "cls"):
                    index -= 1
                out[func.name] = (index, param)
        return out

    @staticmethod
    def _outside_argument(call: ast.Call, index: int, param: str):
        for kw in call.keywords:
            if kw.arg == param:
                return kw.value
        return call.args[index] if index < len(call.args) else None

    def _is_private(self, func) -> bool:
        """A helper only this module calls: named _x, or nested inside another function."""
        if func.name.startswith("_"):
            return True
        parent = self.parents.get(func)
        while parent is not None:
            if isinstance(parent, (*_FUNCS, ast.Lambda)):
                return True
            parent = self.parents.get(parent)
        return False

    def _check_escape(self, func) -> None:
        """A helper whose parameter reaches SQL must only be called, never handed out as a value."""
        parent = self.parents.get(func)
        while parent is not None and not isinstance(parent, (*_FUNCS, ast.Module)):
            parent = self.parents.get(parent)
        home = self._scope_of_node(parent) if parent is not None else self.module_scope
        for n in ast.walk(self.tree):
            if isinstance(n, ast.Attribute) and n.attr == func.name and isinstance(n.value, ast.Name) \
                    and n.value.id in ("self", "cls"):
                ref = True
            elif isinstance(n, ast.Name) and n.id == func.name and isinstance(n.ctx, ast.Load):
                ref = self._binding_scope(n) is home
            else:
                ref = False
            if ref and not (isinstance(self.parents.get(n), ast.Call) and self.parents[n].func is n):
                self._fail(n, f"{func.name}() puts a parameter into SQL and is passed around as a value; "
                              "its callers cannot be checked")

    def _binding_scope(self, node: ast.Name):
        """The scope whose binding of the name ``node`` refers to (None for builtins / comprehension vars)."""
        if self._comprehension_iterables(node) is not None:
            return None
        for scope in self._enclosing(node):
            if node.id in scope.assigns or node.id in scope.loops or node.id in scope.params \
                    or node.id in scope.defs:
                return scope
        return None

    def _argument_for(self, call: ast.Call, func, param: str):
        """The expression a call passes for ``param`` (its default when omitted)."""
        scope = self._scope_of_node(func)
        for kw in call.keywords:
            if kw.arg == param:
                return kw.value
        index = scope.params.index(param)
        if scope.params and scope.params[0] in ("self", "cls") and isinstance(call.func, ast.Attribute):
            index -= 1
        if any(isinstance(a, ast.Starred) for a in call.args[:index + 1]):
            return _UNKNOWN
        if index < len(call.args):
            return call.args[index]
        return scope.defaults.get(param)

    def _sql_argument(self, call: ast.Call):
        func = call.func
        name = func.attr if isinstance(func, ast.Attribute) else (func.id if isinstance(func, ast.Name) else None)
        if name not in SQL_METHODS:
            return None
        if isinstance(func, ast.Name) and name not in ("read_sql", "read_sql_query"):
            return None  # a bare function called 'query' is not a database method
        for kw in call.keywords:
            if kw.arg in SQL_KEYWORDS:
                return kw.value
        return call.args[0] if call.args else None

    def _fail(self, node, why: str) -> None:
        self.problems.append(f"{self.rel}:{getattr(node, 'lineno', 0)}: {why}")

    def _param_scope(self, name: str, node) -> _Scope | None:
        """The function scope in which ``name`` (used at ``node``) is a parameter, if it is one."""
        for scope in self._enclosing(node):
            if name in scope.assigns or name in scope.loops:
                if name in scope.params and isinstance(scope.node, _FUNCS):
                    return scope
                return None
            if name in scope.params:
                return scope if isinstance(scope.node, _FUNCS) else None
        return None

    def _check_sql(self, expr, seen: frozenset) -> None:
        """``expr`` is passed as SQL: follow names; check formatting constructs."""
        if isinstance(expr, ast.Constant):
            return
        if isinstance(expr, ast.Name):
            if (expr.id, "sql") in seen:
                return
            seen = seen | {(expr.id, "sql")}
            scope = self._param_scope(expr.id, expr)
            if scope is not None:
                self.sinks.add(("sql", scope.node, expr.id))
            for s in self._enclosing(expr):
                if expr.id in s.assigns:
                    for value in s.assigns[expr.id]:
                        self._check_sql(value, seen)
                    break
            return
        if isinstance(expr, ast.IfExp):
            self._check_sql(expr.body, seen)
            self._check_sql(expr.orelse, seen)
            return
        if _is_formatting(expr):
            self._check_fragment(expr, seen)
        # other expressions (a migration file's text, a call returning SQL) are not string formatting

    def _check_fragment(self, node, seen: frozenset) -> None:
        """A piece of SQL text (or something interpolated into it) must be provably not a value."""
        if node is None or isinstance(node, ast.Constant):
            return
        if isinstance(node, ast.JoinedStr):
            for part in node.values:
                if isinstance(part, ast.FormattedValue):
                    self._check_fragment(part.value, seen)
            return
        if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mult)):
            self._check_fragment(node.left, seen)
            self._check_fragment(node.right, seen)
            return
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
            self._check_fragment(node.left, seen)
            args = node.right.elts if isinstance(node.right, ast.Tuple) else [node.right]
            for a in args:
                self._check_fragment(a, seen)
            return
        if isinstance(node, ast.IfExp):
            self._check_fragment(node.body, seen)
            self._check_fragment(node.orelse, seen)
            return
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            for e in node.elts:
                self._check_fragment(e.value if isinstance(e, ast.Starred) else e, seen)
            return
        if isinstance(node, (ast.GeneratorExp, ast.ListComp, ast.SetComp)):
            self._check_fragment(node.elt, seen)
            return
        if isinstance(node, ast.Starred):
            self._check_fragment(node.value, seen)
            return
        if isinstance(node, ast.Subscript):
            self._check_fragment(node.value, seen)
            return
        if isinstance(node, ast.Attribute) and _is_constant_name(node.attr):
            return  # module.CONSTANT
        if isinstance(node, _Part):
            self._check_part(node, seen)
            return
        if isinstance(node, ast.Call):
            if self._call_is_safe(node, seen):
                return
        if isinstance(node, ast.Name) and self._name_is_safe(node, seen):
            return
        self._fail(node, f"value interpolated into SQL: {_show(node)} "
                         "(bind it as a ? parameter, or use a constant / duckdb_quote_ident)")

    def _call_is_safe(self, node: ast.Call, seen: frozenset) -> bool:
        name = _helper_name(node)
        if name in SAFE_FRAGMENT_HELPERS or self._is_helper_alias(node.func):
            return True
        f = node.func
        if isinstance(f, ast.Attribute) and f.attr == "join" and node.args:
            self._check_fragment(f.value, seen)
            self._check_fragment(node.args[0], seen)
            return True
        if isinstance(f, ast.Attribute) and f.attr == "format":
            self._check_fragment(f.value, seen)
            for a in [*node.args, *(k.value for k in node.keywords)]:
                self._check_fragment(a, seen)
            return True
        if isinstance(f, ast.Attribute) and f.attr in STR_METHODS:
            # a string method keeps a safe fragment safe when its arguments are safe too
            self._check_fragment(f.value, seen)
            for a in [*node.args, *(k.value for k in node.keywords)]:
                self._check_fragment(a, seen)
            return True
        if isinstance(f, ast.Name) and f.id in SAFE_ITER_WRAPPERS and node.args:
            self._check_fragment(node.args[0], seen)
            return True
        if name in self.functions and not isinstance(f, ast.Attribute) or \
                (isinstance(f, ast.Attribute) and isinstance(f.value, ast.Name) and f.value.id == "self"
                 and name in self.functions):
            self._check_returns(name, None, seen)
            return True
        return False

    def _check_part(self, node: _Part, seen: frozenset) -> None:
        """Element ``index`` of an unpacked value: a literal tuple, a conditional, or a local function's return."""
        value = node.value
        if isinstance(value, (ast.Tuple, ast.List)):
            elts = value.elts
            if node.index < len(elts) and not any(isinstance(e, ast.Starred) for e in elts):
                self._check_fragment(elts[node.index], seen)
                return
        if isinstance(value, ast.IfExp):
            self._check_fragment(_Part(value.body, node.index, node.lineno), seen)
            self._check_fragment(_Part(value.orelse, node.index, node.lineno), seen)
            return
        if isinstance(value, ast.Call):
            name = _helper_name(value)
            if name in self.functions:
                self._check_returns(name, node.index, seen)
                return
        if isinstance(value, ast.Name):
            for s in self._enclosing(value):
                if value.id in s.assigns:
                    for v in s.assigns[value.id]:
                        self._check_fragment(_Part(v, node.index, node.lineno), seen)
                    return
        self._fail(node, f"value interpolated into SQL: part {node.index} of {_show(value)}")

    def _check_returns(self, name: str, index: int | None, seen: frozenset) -> None:
        for func in self.functions[name]:
            key = (id(func), -1 if index is None else index)
            if key in self.checked_returns:
                continue
            self.checked_returns.add(key)
            for ret in self._scope_of_node(func).returns:
                self._check_fragment(ret if index is None else _Part(ret, index, ret.lineno), seen)

    def _is_helper_alias(self, func) -> bool:
        """``q = db.duckdb_quote_ident`` makes ``q(...)`` a safe helper call."""
        if not isinstance(func, ast.Name):
            return False
        for s in self._enclosing(func):
            if func.id in s.assigns:
                values = s.assigns[func.id]
                return all(not isinstance(v, ast.Call) and _helper_name(v) in SAFE_FRAGMENT_HELPERS
                           for v in values)
        return False

    def _name_is_safe(self, node: ast.Name, seen: frozenset) -> bool:
        if _is_constant_name(node.id):
            scope = self._param_scope(node.id, node)
            return scope is None
        if (node.id, "frag") in seen:
            return True       # a name built from itself (conds = [..., *conds]); its other bindings are checked
        seen = seen | {(node.id, "frag")}
        param = self._param_scope(node.id, node)
        if param is not None:
            if not self._is_private(param.node):
                return False      # callers in other modules could pass anything
            self.sinks.add(("frag", param.node, node.id))     # checked at every call site in this module
            for value in param.assigns.get(node.id, []):
                self._check_fragment(value, seen)
            return True
        comp_iters = self._comprehension_iterables(node)
        if comp_iters is not None:
            return all(self._safe_iterable(it, seen) for it in comp_iters)
        for scope in self._enclosing(node):
            if node.id in scope.loops:
                return all(self._safe_iterable(it, seen) for it in scope.loops[node.id])
            if node.id in scope.assigns:
                for value in scope.assigns[node.id]:
                    if value is _UNKNOWN:
                        return False
                    self._check_fragment(value, seen)
                return True
        return False

    def _comprehension_iterables(self, node: ast.Name) -> list | None:
        """What a comprehension variable iterates over (comprehensions have their own scope)."""
        cur = self.parents.get(node)
        while cur is not None and not isinstance(cur, (*_FUNCS, ast.Lambda, ast.Module)):
            if isinstance(cur, _COMPREHENSIONS):
                iters = []
                for gen in cur.generators:
                    targets = [gen.target] if isinstance(gen.target, ast.Name) else \
                        [e for e in getattr(gen.target, "elts", []) if isinstance(e, ast.Name)]
                    if any(t.id == node.id for t in targets):
                        iters.append(gen.iter)
                if iters:
                    return iters
            cur = self.parents.get(cur)
        return None

    def _safe_iterable(self, it, seen: frozenset) -> bool:
        if isinstance(it, ast.Name):
            return _is_constant_name(it.id) or self._name_is_safe(it, seen)
        if isinstance(it, ast.Attribute):
            return _is_constant_name(it.attr)
        if isinstance(it, (ast.Tuple, ast.List)):
            return all(isinstance(e, ast.Constant) for e in it.elts)
        if isinstance(it, ast.Call) and _helper_name(it) in SAFE_ITER_WRAPPERS and it.args:
            return self._safe_iterable(it.args[0], seen)
        return False


def _show(node) -> str:
    try:
        text = ast.unparse(node)
    except Exception:  # synthetic nodes
        text = type(node).__name__
    return text if len(text) <= 80 else text[:77] + "..."


def sql_formatting_violations(files: list[Path], root: Path) -> list[str]:
    """'file:line: why' for every SQL string built from something other than constants or quoted names."""
    checkers = []
    for path in files:
        rel = str(path.relative_to(root)) if path.is_relative_to(root) else str(path)
        checkers.append(_Checker(path, path.read_text(encoding="utf-8"), rel))
    problems = []
    for c in checkers:
        problems += c.run()
    # a public function that runs its parameter as SQL: check its callers in every module
    outside = {}
    for c in checkers:
        outside.update(c.public_sql_sinks())
    if outside:
        problems = []
        for c in checkers:
            c.problems = []
            problems += c.run(outside)
    return sorted(set(problems))


def project_python_files(root: Path) -> list[Path]:
    """Every .py file of the project except tests and virtual environments."""
    out = []
    for p in sorted(root.rglob("*.py")):
        parts = set(p.relative_to(root).parts[:-1])
        if parts & EXCLUDED_DIRS or any(part.startswith(".") for part in parts):
            continue
        out.append(p)
    return out


def _scan_snippet(tmp_path: Path, code: str) -> list[str]:
    f = tmp_path / "snippet.py"
    f.write_text(textwrap.dedent(code), encoding="utf-8")
    return sql_formatting_violations([f], tmp_path)


# --- the rule on the real code ------------------------------------------------------------------------------

def test_project_builds_no_sql_from_values():
    files = project_python_files(ROOT)
    assert any(p.parts[-3:] == ("data", "write", "importer.py") for p in files)   # the scan really covers data/
    problems = sql_formatting_violations(files, ROOT)
    assert not problems, "SQL built by string formatting with values:\n" + "\n".join(problems)


# --- the checker itself: it must catch what it is meant to catch ------------------------------------------

@pytest.mark.parametrize("code", [
    'def f(con, code):\n    con.execute(f"SELECT * FROM municipality WHERE code = \'{code}\'")',
    'def f(con, code):\n    con.execute("SELECT * FROM t WHERE code = \'%s\'" % code)',
    'def f(con, code):\n    con.execute("SELECT * FROM t WHERE code = \'{}\'".format(code))',
    'def f(con, code):\n    con.execute("SELECT * FROM t WHERE code = \'" + code + "\'")',
    'def f(con, year):\n    sql = "SELECT * FROM t"\n    sql += f" WHERE year = {year}"\n    return con.execute(sql).df()',
    'def f(con, codes):\n    where = " OR ".join(f"code = \'{c}\'" for c in codes)\n'
    '    return con.sql(f"SELECT * FROM t WHERE {where}")',
    'def run(con, sql):\n    return con.execute(sql)\ndef g(con, code):\n    return run(con, f"SELECT \'{code}\'")',
    'import duckdb\ndef f(name):\n    return duckdb.query(f"SELECT * FROM t WHERE n = \'{name}\'")',
    'def f(con, table):\n    for t in table:\n        con.execute(f"DELETE FROM {t}")',
    'COLS = "a, b"\ndef f(con, extra):\n    return con.execute(f"SELECT {COLS.replace(\'b\', extra)} FROM t")',
    'def _by(con, col):\n    return con.execute(f"SELECT * FROM t ORDER BY {col}")\n'
    'def f(con, order):\n    return _by(con, order)',
    'def _by(con, col):\n    return con.execute(f"SELECT * FROM t ORDER BY {col}")\nHANDLERS = [_by]',
    'def f(con):\n    code = input()\n    where = ("WHERE code = \'" + code + "\'") if code else ""\n'
    '    return con.execute(f"SELECT * FROM t {where}")',
])
def test_checker_flags_values_in_sql(tmp_path, code):
    problems = _scan_snippet(tmp_path, code)
    assert problems and all(p.startswith("snippet.py:") for p in problems), problems


@pytest.mark.parametrize("code", [
    'def f(con, code):\n    return con.execute("SELECT * FROM t WHERE code = ?", [code]).df()',
    'TABLE = "activity"\ndef f(con, code):\n    return con.execute(f"SELECT * FROM {TABLE} WHERE code = ?", [code])',
    'from data.db import duckdb_quote_ident\n'
    'def f(con, name):\n    q = duckdb_quote_ident(name)\n    return con.execute(f"SELECT count(*) FROM {q}")',
    'from data import db\ndef f(con, cols):\n    q = db.duckdb_quote_ident\n'
    '    sel = ", ".join(f"t.{q(c)}" for c in cols)\n    return con.execute(f"SELECT {sel} FROM t")',
    'TABLES = ["a", "b"]\ndef f(con):\n    for t in reversed(TABLES):\n        con.execute(f"DELETE FROM {t}")',
    'def f(con, only_active):\n    sql = "SELECT * FROM b"\n    if only_active:\n'
    '        sql += " WHERE status = \'active\'"\n    return con.execute(sql + " ORDER BY 1").df()',
    'def f(con, path):\n    con.execute(path.read_text())',
    'COLS = "v.a, v.b"\ndef f(con):\n    return con.execute(f"SELECT {COLS.replace(\'v.b\', \'NULL AS b\')} FROM v")',
    'def _filters(code, year, alias="a"):\n    conds, params = [], []\n    if code is not None:\n'
    '        conds.append(f"{alias}.code = ?")\n        params.append(code)\n    return conds, params\n'
    'def _where(conds):\n    return ("WHERE " + " AND ".join(conds)) if conds else ""\n'
    'def f(con, code, year):\n    conds, params = _filters(code, year, alias="n")\n'
    '    return con.execute(f"SELECT * FROM t n {_where(conds)}", params)',
])
def test_checker_accepts_parameters_constants_and_quoted_names(tmp_path, code):
    assert _scan_snippet(tmp_path, code) == []


def test_quote_ident_cannot_be_broken_out_of(empty_db):
    from data.store.db import duckdb_quote_ident

    hostile = 'activity" ; DROP TABLE activity; --'
    quoted = duckdb_quote_ident(hostile)
    # '"' + 'activity"" ; DROP TABLE activity; --' + '"': the inner quote is doubled, so it stays one name
    assert quoted == '"activity"" ; DROP TABLE activity; --"'
    with pytest.raises(Exception, match="(?i)does not exist"):
        empty_db.execute(f"SELECT count(*) FROM {quoted}")
    assert empty_db.execute("SELECT count(*) FROM activity").fetchone() == (0,)


# --- dynamic: hostile codes against the public read functions ----------------------------------------------

HOSTILE = ["x'; DROP TABLE activity; --", "1401101' OR '1'='1", '"; DELETE FROM municipality; --',
           "1401101) UNION SELECT * FROM import_batch --"]
READ_MODULES = ("data.queries.lookups", "data.queries.emission_rows", "data.queries.indicator_rows",
                "data.figures.inventories", "data.figures.scores", "data.figures.summary")
STRING_PARAMS = ("code", "gwp_set", "inventory")


def _read_functions():
    """Public read functions taking a connection first and a code/gwp_set/inventory string."""
    import importlib

    found = []
    for mod_name in READ_MODULES:
        mod = importlib.import_module(mod_name)
        for name, func in inspect.getmembers(mod, inspect.isfunction):
            if func.__module__ != mod_name or name.startswith("_"):
                continue
            params = list(inspect.signature(func).parameters.values())
            # *_on(cur, ...) helpers run inside factor_cursor() on its temporary tables, not on a connection
            if not params or params[0].name != "con":
                continue
            targets = [p.name for p in params if p.name in STRING_PARAMS]
            found += [(mod_name, name, func, t) for t in targets]
    return found


def test_read_functions_bind_hostile_codes(demo_db_copy):
    from data.store import db

    con = db.connect(demo_db_copy)
    try:
        before = db.table_checksums(con)
        calls = _read_functions()
        assert len(calls) >= 20, [c[:2] for c in calls]     # the scan found the data layer's readers
        year = con.execute("SELECT max(year) FROM activity").fetchone()[0]
        unexpected = []
        for mod_name, name, func, target in calls:
            for bad in HOSTILE:
                kwargs = {}
                for p in list(inspect.signature(func).parameters.values())[1:]:
                    if p.name == target:
                        kwargs[p.name] = bad
                    elif p.name == "year":
                        kwargs[p.name] = year
                    elif p.default is inspect.Parameter.empty:
                        kwargs[p.name] = bad
                try:
                    result = func(con, **kwargs)
                    if hasattr(result, "__enter__"):           # factor_cursor(): a context manager
                        with result as cur:
                            cur.execute("SELECT 1").fetchone()
                    rows = _data_rows(result)
                    if rows:
                        unexpected.append(f"{mod_name}.{name}({target}={bad!r}) returned {rows} rows")
                except Exception as exc:  # only a clear 'unknown ...' refusal is acceptable
                    if "unknown" not in str(exc).lower():
                        unexpected.append(f"{mod_name}.{name}({target}={bad!r}): {type(exc).__name__}: {exc}"[:300])
        assert not unexpected, "\n".join(unexpected)
        assert db.table_checksums(con) == before
    finally:
        con.close()


def _data_rows(result) -> int:
    """Rows of municipality data in a result (reference tables such as the GPC list do not count)."""
    import pandas as pd

    if isinstance(result, pd.DataFrame):
        for col in ("code", "municipality_code"):
            if col in result.columns:
                return int(result[col].notna().sum())
        if "tco2e" in result.columns:
            return int(result["tco2e"].notna().sum())
        return 0
    if isinstance(result, dict):     # shares by data quality: all missing for an unknown code
        return sum(1 for v in result.values() if isinstance(v, (int, float)) and v)
    return 0


def test_cli_summary_with_hostile_code_is_refused_and_harmless(demo_db_copy):
    import subprocess
    import sys

    from data.store import db

    con = db.connect(demo_db_copy)
    before = db.table_checksums(con)
    con.close()
    proc = subprocess.run([sys.executable, "-m", "data", "summary", "--municipality", HOSTILE[0], "--year", "2024",
                           "--json", "--db", str(demo_db_copy)], cwd=ROOT, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode in (1, 2), proc.stdout + proc.stderr
    assert "unknown" in proc.stderr.lower() or "ไม่พบ" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    con = db.connect(demo_db_copy, read_only=True)
    try:
        assert db.table_checksums(con) == before
    finally:
        con.close()
