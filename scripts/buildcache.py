"""The build's caches under ``.cache/``: content fingerprints, stamped outputs, and the parallel
runner of the jobs that make them (figures, notebooks)."""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
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


def select_named(items: Sequence, names: list[str] | None, *, kind: str, error: type[Exception]) -> list:
    """The ``items`` (each with a ``.name``) named in ``names``, in that order; all when none is."""
    if not names:
        return list(items)
    known = {item.name: item for item in items}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise error(f"unknown {kind}(s) {unknown}; known: {sorted(known)}")
    return [known[n] for n in names]


def _stamp(cache: Path, name: str) -> Path:
    return cache / f"{name}.sha256"


def is_fresh(cache: Path, name: str, fingerprint: str, outputs: Iterable[Path]) -> bool:
    """Whether job ``name`` was last built into ``cache`` from ``fingerprint`` and its outputs are there."""
    stamp = _stamp(cache, name)
    return stamp.exists() and stamp.read_text() == fingerprint and all(p.exists() for p in outputs)


def build_into(cache: Path, name: str, fingerprint: str, outputs: Callable[[Path], list[Path]],
               job: Callable[[Path], float]) -> float:
    """Run ``job(folder)`` in a fresh folder inside ``cache``, move ``outputs(folder)`` to
    ``outputs(cache)``, then stamp ``name`` with ``fingerprint``; return the job's seconds.
    A failing job leaves the cache as it was."""
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=cache) as tmp:
        seconds = job(Path(tmp))
        for made, kept in zip(outputs(Path(tmp)), outputs(cache)):
            os.replace(made, kept)
    _stamp(cache, name).write_text(fingerprint)
    return seconds


def run_parallel(items: Sequence, job: Callable[[object], float], *, label: str, verb: str, total: int,
                 name: Callable[[object], str], error: type[Exception], log=print) -> None:
    """Run ``job(item)`` (which returns its wall time) for every item, one thread per core.

    Each job runs a subprocess, so the threads only wait. Logs ``LABEL NAME  1.23 s`` per
    item and a summary line; after every job has finished, raises the first ``error`` raised.
    """
    if not items:
        return
    errors = []

    def run(item) -> None:
        try:
            log(f"{label} {name(item):<28} {job(item):6.2f} s")
        except error as err:
            log(f"{label} {name(item):<28} FAILED")
            errors.append(err)

    start = time.perf_counter()
    with ThreadPoolExecutor(min(len(items), os.cpu_count() or 1)) as pool:
        list(pool.map(run, items))
    if errors:
        raise errors[0]
    log(f"{verb} {len(items)} of {total} {label}(s) in {time.perf_counter() - start:.2f} s")
