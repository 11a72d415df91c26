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
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .cache import ROOT, digest

SOURCES = (ROOT / "src", ROOT / "scripts")  # where the project's modules live


def module_file(name: str, sources: Iterable[Path] | None = None) -> Path | None:
    """The project file of module ``name`` (a package's ``__init__.py``); None outside the project."""
    parts = name.split(".")
    for base in sources or SOURCES:
        path = base.joinpath(*parts)
        if (path / "__init__.py").is_file():
            return path / "__init__.py"
        if path.with_suffix(".py").is_file():
            return path.with_suffix(".py")
    return None


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
    seen: dict[str, Path] = {}
    todo = [m for name in modules for m in (*parents(name), name)]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = module_file(name, sources)
        if path is None:
            continue
        seen[name] = path
        for found in file_imports(path, name):
            todo.extend([*parents(found), found])
    return sorted(set(seen.values()))


def script_closure(script: Path, source: str | None = None, sources: Iterable[Path] | None = None) -> list[Path]:
    """``script`` itself (when it is a file) and the project files its imports run."""
    sources = tuple(sources or SOURCES)
    name = module_name(script, sources)
    imports = imported_names(ast.parse(source), name) if source is not None else file_imports(script, name)
    files = closure(imports, sources)
    return sorted({*files, script}) if source is None else files


def parse(path: Path) -> ast.AST:
    return ast.parse(path.read_bytes(), filename=str(path))


def file_imports(path: Path, name: str | None) -> frozenset[str]:
    """The module names the file ``path`` (module ``name``) imports; cached until it changes."""
    return _file_imports(path, name, path.stat().st_mtime_ns)


@lru_cache(maxsize=None)
def _file_imports(path: Path, name: str | None, mtime_ns: int) -> frozenset[str]:
    return frozenset(imported_names(parse(path), name, path.name == "__init__.py"))


def code_hash(path: Path) -> str:
    """SHA-256 of the Python file ``path``'s code without docstrings, comments or formatting."""
    return _code_hash(path, path.stat().st_mtime_ns)


@lru_cache(maxsize=None)
def _code_hash(path: Path, mtime_ns: int) -> str:
    tree = ast.parse(path.read_bytes(), filename=str(path))
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
