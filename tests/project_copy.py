"""A copy of the project to build or serve in, with the warm caches of the ``site`` build: the
tests that edit sources or inject faults do it there, never in the working tree that other
tests (running at the same time) read."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COPIED = ("docs", "scripts", "src", "overrides", "mkdocs.yml", "pyproject.toml")
WARM = ("figures", "notebooks", "claims", "mkdocs-jupyter", "katex.json", "search.json", "rendered.json")


def copy_project(tree: Path) -> Path:
    """The project's sources and warm caches copied into ``tree``."""
    for name in COPIED:
        source = ROOT / name
        (shutil.copytree(source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
         if source.is_dir() else shutil.copy2(source, tree / name))
    for name in WARM:
        source = ROOT / ".cache" / name
        (shutil.copytree(source, tree / ".cache" / name) if source.is_dir() else shutil.copy2(source, tree / ".cache" / name))
    return tree


def environment(tree: Path, **extra: str) -> dict:
    """The environment of a build in ``tree``: its own ``src`` and ``scripts`` come first."""
    return {**os.environ, "PYTHONPATH": f"{tree / 'src'}:{tree / 'scripts'}", "NO_MKDOCS_2_WARNING": "1", **extra}
