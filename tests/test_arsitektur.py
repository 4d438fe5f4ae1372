"""The shape of the house, checked from the code itself: one-way imports (UI → domains → xlsx), no cycles,
function-level imports only for the libraries whose import time matters, and things defined once."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support import ROOT, SHARED

PKG = ROOT / "zi_xl"
#: libraries imported inside functions on purpose: their import costs more than the work of most commands
#: (measured: pandas ~0.6 s, xlwings ~0.6 s, pyopenvba ~0.2 s, XlsxWriter ~0.07 s), and importlib for lazy loaders
LAZY_OK = {"pandas", "xlwings", "xlsxwriter", "pyopenvba", "importlib", "docx", "matplotlib"}
#: our own modules imported inside a function, each because the commands that never use it must not pay for it
#: (``hitung --json`` reads and scores without the writer or LibreOffice; benchmarks/bench_rekap.py measures it)
LAZY_ZI = {("zi_xl.lke.reader", "zi_xl.xlsx.recalc"), ("zi_xl.xlsx.book", "zi_xl.xlsx.safe_write")}
UI = ("zi_xl.cli", "zi_xl.excel", "zi_xl.lite")
DOMAINS = ("zi_xl.lke", "zi_xl.rencana_aksi", "zi_xl.monev", "zi_xl.laporan", "zi_xl.rekap")


def _modname(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_modname(p): p for p in PKG.rglob("*.py")}


def _imports(mod: str) -> list[tuple[str, bool, int]]:
    """(imported zi_xl module, at function level?, line) of one module; TYPE_CHECKING blocks left out."""
    path = MODULES[mod]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.If) and "TYPE_CHECKING" in ast.unparse(n.test):
            skip |= {getattr(s, "lineno", -1) for s in ast.walk(n)}
    funcs = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    inner = {id(s) for f in funcs for s in ast.walk(f)}
    out = []
    for n in ast.walk(tree):
        if getattr(n, "lineno", None) in skip or not isinstance(n, ast.Import | ast.ImportFrom):
            continue
        if isinstance(n, ast.Import):
            names = [a.name for a in n.names]
        else:
            base = mod.split(".") if path.name == "__init__.py" else mod.split(".")[:-1]
            if n.level:
                base = base[: len(base) - (n.level - 1)]
                target = ".".join(base + ([n.module] if n.module else []))
            else:
                target = n.module or ""
            names = [target] + [f"{target}.{a.name}" for a in n.names]
        for t in names:
            while t and t not in MODULES and t.startswith("zi_xl"):
                t = t.rpartition(".")[0]
            out.append((t, id(n) in inner, n.lineno))
    return out


GRAPH = {m: {t for t, _, _ in _imports(m) if t in MODULES and t != m and not m.startswith(t + ".")}
         for m in MODULES}


def test_no_import_cycles():
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in GRAPH[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for v in GRAPH:
        if v not in index:
            visit(v)
    assert cycles == []


@pytest.mark.parametrize("layer,forbidden", [("zi_xl.xlsx", DOMAINS + UI), ("zi_xl.lke", UI),
                                             ("zi_xl.rencana_aksi", UI + ("zi_xl.lke",))])
def test_imports_go_one_way(layer, forbidden):
    upward = sorted(f"{m} -> {t}" for m, ts in GRAPH.items() if m == layer or m.startswith(layer + ".")
                    for t in ts if t.startswith(forbidden))
    assert upward == []


def test_function_level_imports_only_where_import_time_matters():
    found = []
    for m in MODULES:
        tree = ast.parse(MODULES[m].read_text(encoding="utf-8"))
        for f in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)):
            for n in ast.walk(f):
                if isinstance(n, ast.Import):
                    roots = {a.name.split(".")[0] for a in n.names}
                elif isinstance(n, ast.ImportFrom):
                    if n.level:
                        base = m.split(".")[: -n.level] if not MODULES[m].name == "__init__.py" else m.split(".")
                        target = ".".join(base + ([n.module] if n.module else []))
                        roots = set() if (m, target) in LAZY_ZI else {"zi_xl"}
                    else:
                        roots = {(n.module or "").split(".")[0]}
                else:
                    continue
                found += [f"{m}:{n.lineno} {r}" for r in roots - LAZY_OK]
    assert found == []


def test_the_shared_import_graph_tool_agrees():
    tool = SHARED / "tools" / "import_graph.py"
    assert tool.exists(), tool
    r = subprocess.run([sys.executable, str(tool), str(ROOT)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stdout + r.stderr


def _strings(path: Path) -> list[str]:
    """The string literals of a module, docstrings left out (they may name an area in an example)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = set()
    for n in ast.walk(tree):
        if isinstance(n, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and n.body:
            first = n.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docs.add(id(first.value))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docs]


def test_area_names_are_written_once():
    """The six area perubahan live in zi_xl/area.py; no other module spells their names."""
    from zi_xl.area import DAFTAR

    spelled = []
    for m, p in MODULES.items():
        if m == "zi_xl.area":
            continue
        for text in _strings(p):
            spelled += [f"{m}: {a.nama}" for a in DAFTAR if a.nama.lower() in text.lower()]
    assert spelled == []


def test_every_domain_package_has_the_same_shape():
    for pkg in ("lke", "rencana_aksi"):
        have = {p.stem for p in (PKG / pkg).glob("*.py")}
        assert {"__init__", "model", "reader", "sheets"} <= have, pkg
