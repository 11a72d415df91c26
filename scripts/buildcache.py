"""Content fingerprints for the build's caches (figures, claims) under ``.cache/``."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CACHE = ROOT / ".cache"
PACKAGE = ROOT / "src" / "nnnotes"
# Figures and claims run in parallel subprocesses on a 2-core machine: one BLAS thread each,
# or OpenBLAS's threads fight over the cores (measured 14x slower under load).
SUBPROCESS_ENV = {"PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1"}


def digest(files: Iterable[Path], *extra: str, root: Path = ROOT) -> str:
    """SHA-256 over ``extra`` strings, then each file's path (relative to ``root``) and bytes."""
    h = hashlib.sha256()
    for text in extra:
        h.update(text.encode())
    for path in sorted(files):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def package_files(package: Path = PACKAGE) -> list[Path]:
    """Every source file of ``nnnotes``: a change to any of them may change any result."""
    return sorted(package.rglob("*.py"))
