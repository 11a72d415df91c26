"""The build's caches under ``.cache/``: fingerprints, crash-safe writes and stamped outputs.

Every write is atomic (a unique temporary file, then a rename), so a build that is killed,
or two builds at once, never leave half a file. A cache entry that cannot be read is
rebuilt with a warning, never fatal.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from difflib import get_close_matches
from functools import lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from . import SiteError

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".cache"
# Jinja's bytecode cache: compiled templates of the theme (``sitebuild.serve``) and of nbconvert
# (``sitebuild.notebook_html``), each checked against its source before use.
TEMPLATES = CACHE / "jinja"
log = logging.getLogger("mkdocs.plugins.nnnotes")
UMASK = os.umask(0o022)  # read once, at import: a file written here gets the usual permissions
os.umask(UMASK)


class CacheError(SiteError):
    """The cache folder cannot be written; the message says which and what to do."""


def digest(*parts: str | bytes) -> str:
    """SHA-256 of ``parts`` (each length-prefixed, so ``("ab", "c") != ("a", "bc")``)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big") + data)
    return h.hexdigest()


@lru_cache(maxsize=None)  # read once per process: a package installed during `mkdocs serve` needs a restart
def package_versions(*names: str) -> str:
    """``name==version`` for each installed package (``name==missing`` if it is not)."""
    def one(name: str) -> str:
        try:
            return f"{name}=={version(name)}"
        except PackageNotFoundError:
            return f"{name}==missing"
    return ",".join(one(name) for name in names)


def writable(folder: Path) -> Path:
    """``folder``, created if needed; :class:`CacheError` in one sentence when it cannot be written."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tempfile.NamedTemporaryFile(dir=folder, prefix=".probe-").close()
    except OSError as err:
        blocker = next((p for p in (folder, *folder.parents) if p.exists()), folder)
        if not blocker.is_dir():
            raise CacheError(f"{shown(blocker)} is a file where the build keeps a folder: remove it") from None
        raise CacheError(f"cannot write to {shown(blocker)} ({err.strerror}): make it writable "
                         f"(e.g. chown -R $USER {shown(blocker)}) or remove it") from None
    return folder


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a unique temporary file in the same folder."""
    writable(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, 0o666 & ~UMASK)  # mkstemp's file is private
        with os.fdopen(fd, "wb") as out:
            out.write(data.encode() if isinstance(data, str) else data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path, what: str):
    """The JSON in ``path``, or None when it is missing or cannot be read (then with a warning)."""
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        log.info(f"{what} {shown(path)} cannot be read ({err}); it is rebuilt")  # info: --strict fails on warnings
        return None


class KeptEntries:
    """A JSON file of entries by key that keeps, from one build to the next, the entries the
    last build used (so it never grows with old keys).

    >>> import tempfile; path = Path(tempfile.mkdtemp()) / "k.json"
    >>> first = KeptEntries(path, "the test entries")
    >>> first.put("a", [1]); first.put("b", 2); first.save()
    >>> second = KeptEntries(path, "the test entries")
    >>> second.get("a"), second.get("c")
    ([1], None)
    >>> second.save(); KeptEntries(path, "the test entries").kept  # "b" was not used
    {'a': [1]}
    """

    def __init__(self, path: Path, what: str):
        self.path = path
        self.kept: dict = read_json(path, what) or {}
        self.used: dict = {}
        self.added = False

    def get(self, key: str):
        """The entry stored under ``key`` (now used by this build), or None."""
        if key in self.kept:
            self.used[key] = self.kept[key]
        return self.used.get(key)

    def put(self, key: str, entry) -> None:
        self.kept[key] = self.used[key] = entry
        self.added = True

    def save(self) -> None:
        """Write the entries this build used, unless they are the file's already; the next build
        (``mkdocs serve``) starts from them."""
        if self.added or self.used.keys() != self.kept.keys():
            write_atomic(self.path, json.dumps(self.used, ensure_ascii=False))
        self.kept, self.used, self.added = self.used, {}, False


def shown(path: Path) -> str:
    """``path`` relative to the repository when it is inside it."""
    path = Path(path)
    return str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)


def select_named(items: Sequence, names: list[str] | None, *, kind: str, error: type[Exception]) -> list:
    """The ``items`` (each with a ``.name``) named in ``names``, in that order; all when none is.
    An unknown name raises ``error`` suggesting the closest known names."""
    if not names:
        return list(items)
    known = {item.name: item for item in items}
    for name in names:
        if name not in known:
            close = get_close_matches(name, known, n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(sorted(known))}"
            raise error(f"unknown {kind} {name!r}{hint}")
    return [known[n] for n in names]


def _stamp(cache: Path, name: str) -> Path:
    return cache / f"{name}.sha256"


def is_fresh(cache: Path, name: str, fingerprint: str, outputs: Iterable[Path]) -> bool:
    """Whether job ``name`` was last built into ``cache`` from ``fingerprint`` and its outputs are there."""
    stamp = _stamp(cache, name)
    try:
        return stamp.read_text() == fingerprint and all(p.exists() for p in outputs)
    except OSError:
        return False


def build_into(cache: Path, name: str, fingerprint: str, outputs: Callable[[Path], list[Path]],
               job: Callable[[Path], float], scratch: Callable[[], Path]) -> float:
    """Run ``job(folder)`` in a fresh ``scratch()`` folder, move ``outputs(folder)`` to
    ``outputs(cache)``, then stamp ``name`` with ``fingerprint``; return the job's seconds.
    A failing job leaves the cache as it was."""
    writable(cache)
    folder = scratch()
    try:
        seconds = job(folder)
        _stamp(cache, name).unlink(missing_ok=True)  # outputs and stamp never disagree
        for made, kept in zip(outputs(folder), outputs(cache)):
            os.replace(made, kept)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    write_atomic(_stamp(cache, name), fingerprint)
    return seconds
