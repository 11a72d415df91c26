"""What a job reads: the project's Python files that a script imports, followed transitively,
fingerprinted by their code rather than their bytes.

A plot script, a notebook or a chapter's claims is run again only when one of these files
changes in a way Python sees: comments, docstrings and formatting do not count (the
fingerprint is the syntax tree without docstrings). Imports of third-party packages are
not followed; the jobs add the versions of the packages that shape their output.

    >>> "nnnotes/activations.py" in {p.relative_to(SOURCES[0]).as_posix() for p in closure(["nnnotes.activations"])}
    True
"""

from __future__ import annotations

import ast
import atexit
import json
import os
import threading
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from . import SiteError
from .cache import CACHE, ROOT, digest, read_json, writable, write_atomic

SOURCES = (ROOT / "src", ROOT / "scripts")  # where the project's modules live


def module_file(name: str, sources: Iterable[Path] | None = None) -> Path | None:
    """The project file of module ``name`` (a package's ``__init__.py``); None outside the project."""
    *folders, last = name.split(".")
    for base in sources or SOURCES:
        folder = base.joinpath(*folders)
        entries = listing(folder)
        if last in entries and "__init__.py" in listing(folder / last):
            return folder / last / "__init__.py"
        if f"{last}.py" in entries:
            return folder / f"{last}.py"
    return None


def listing(folder: Path) -> frozenset[str]:
    """The names in ``folder`` (none when it is not one), read again when the folder changes."""
    try:
        return _listing(folder, folder.stat().st_mtime_ns)
    except OSError:
        return frozenset()


@lru_cache(maxsize=None)
def _listing(folder: Path, mtime_ns: int) -> frozenset[str]:
    return frozenset(os.listdir(folder))


def module_name(path: Path, sources: Iterable[Path] | None = None) -> str | None:
    """The dotted name of the project file ``path``; None for a script outside the packages."""
    for base in sources or SOURCES:
        if path.is_relative_to(base):
            parts = list(path.relative_to(base).with_suffix("").parts)
            return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
    return None


def imported_names(tree: ast.AST, module: str | None, is_package: bool = False) -> set[str]:
    """Every module name an import in ``tree`` may load (``from a import b``: ``a`` and ``a.b``)."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative: resolved against the importing module's package
                package = (module or "").split(".")
                package = package if is_package else package[:-1]
                package = package[: len(package) - node.level + 1]
                base = ".".join([*package, *([base] if base else [])])
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {name for name in names if name}


def parents(name: str) -> list[str]:
    """``a.b.c`` → ``["a", "a.b"]``: the packages whose ``__init__`` importing ``name`` runs."""
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def closure(modules: Iterable[str], sources: Iterable[Path] | None = None) -> list[Path]:
    """The project files that importing ``modules`` runs, transitively, sorted."""
    sources = tuple(sources or SOURCES)
    return sorted({path for name in modules for path in module_closure(name, sources)})


def module_closure(name: str, sources: tuple[Path, ...]) -> frozenset[Path]:
    """The project files that importing the one module ``name`` runs; remembered while none changes."""
    key = (name, sources)
    if key in _closures:
        files, stamps = _closures[key]
        if stamps == tuple(_stamp(path) for path in files):
            return files
    seen: dict[str, Path] = {}
    todo = [*parents(name), name]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        path = module_file(current, sources)
        if path is None:
            continue
        seen[current] = path
        for found in file_facts(path, current)["imports"]:
            todo.extend([*parents(found), found])
    files = frozenset(seen.values())
    _closures[key] = (files, tuple(_stamp(path) for path in files))
    return files


_closures: dict = {}

# CPython 3.11 counts ast.parse's recursion per interpreter, not per thread: two job threads
# parsing at once (a garbage collection in one lets the other run) can fail with "SystemError:
# AST constructor recursion depth mismatch" (seen once in make test). One parse at a time.
_PARSING = threading.Lock()


def parse(source: str | bytes, filename: str = "<unknown>") -> ast.AST:
    with _PARSING:
        return ast.parse(source, filename=filename)


def script_closure(script: Path, source: str | None = None, sources: Iterable[Path] | None = None) -> list[Path]:
    """``script`` itself (when it is a file) and the project files its imports run."""
    sources = tuple(sources or SOURCES)
    name = module_name(script, sources)
    imports = imported_names(parse(source), name) if source is not None else file_facts(script, name)["imports"]
    files = closure(imports, sources)
    return sorted({*files, script}) if source is None else files


def code_hash(path: Path) -> str:
    """SHA-256 of the Python file ``path``'s code without docstrings, comments or formatting."""
    return file_facts(path, module_name(path))["hash"]


# What each Python file imports and its code's hash, kept in .cache/deps.json by the file's
# size and modification time, so a build does not parse what has not changed since the last.
FACTS_FILE = CACHE / "deps.json"
_facts: dict | None = None
_facts_changed = False


def _stamp(path: Path) -> list[int]:
    try:
        status = path.stat()
    except OSError:
        return [0, 0]
    return [status.st_mtime_ns, status.st_size]


def file_facts(path: Path, name: str | None) -> dict:
    """``{"hash": …, "imports": […]}`` for the Python file ``path`` (module ``name``)."""
    global _facts, _facts_changed
    if _facts is None:
        _facts = read_json(FACTS_FILE, "dependency cache") or {}
        atexit.register(_save_facts)
    key, stamp = f"{path}|{name}", _stamp(path)
    known = _facts.get(key)
    if known is None or known["stamp"] != stamp:
        tree = parse(path.read_bytes(), filename=str(path))
        imports = sorted(imported_names(tree, name, path.name == "__init__.py"))
        known = {"stamp": stamp, "hash": _hash_without_docstrings(tree), "imports": imports}
        if path.is_relative_to(ROOT):  # the project's files only, not a test's scratch copies
            _facts[key] = known
            _facts_changed = True
    return known


def _save_facts() -> None:
    if _facts_changed:
        try:
            write_atomic(writable(FACTS_FILE.parent) / FACTS_FILE.name, json.dumps(_facts))
        except (OSError, SiteError):
            pass  # a cache that cannot be written is only slower


def _hash_without_docstrings(tree: ast.AST) -> str:
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (isinstance(body, list) and body and isinstance(body[0], ast.Expr)
                and isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str)):
            body[:] = body[1:] or [ast.Pass()]
    return digest(ast.dump(tree))


def code_digest(files: Iterable[Path], *extra: str) -> str:
    """Fingerprint of ``extra`` and each file's path and code (Python) or bytes (anything else)."""
    parts = [*extra]
    for path in sorted(files):
        rel = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        parts.append(rel)
        parts.append(code_hash(path) if path.suffix == ".py" else digest(path.read_bytes()))
    return digest(*parts)
