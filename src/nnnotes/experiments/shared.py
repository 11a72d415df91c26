"""One computation per build: experiments that figures, claims and notebooks share.

A figure, a chapter's claims and a notebook each run in a process of their own, and often
need the same experiment: the sweep a figure draws is the one whose numbers the prose states.
``@shared`` caches an expensive experiment function (its arguments hashable):

- in the process, always, like ``functools.cache``;
- across processes when the environment variable ``NNNOTES_RESULTS`` names a folder whose
  ``keys.json`` (written by the build, ``sitebuild.jobs``) gives the function's module a key:
  a fingerprint of the code that module runs. Then each call is one pickle,
  ``KEY/MODULE.QUALNAME-HASH.pickle``, HASH a digest of the call (module, qualified name and
  the repr of every argument, defaults filled in, so ``f()`` and ``f(seed=0)`` are one call),
  reused for as long as that code is unchanged. It is written atomically (a temporary file
  renamed into place) while holding a lock (``fcntl.flock`` on ``….lock`` next to it), so
  that two processes asking at once compute it once: the second waits and reads the first
  one's result. A module without a key is computed in the process only.

Results are made read-only (:func:`read_only`): whoever reads one cannot change what the
others read.

>>> calls = []
>>> @shared
... def double(x, factor=2):
...     calls.append(x)
...     return np.arange(3) * x * factor
>>> double(1), double(1, factor=2), calls
(array([0, 2, 4]), array([0, 2, 4]), [1])
>>> double(1).flags.writeable
False
"""

from __future__ import annotations

import dataclasses
import fcntl
import functools
import hashlib
import inspect
import json
import os
import pickle
import tempfile
from pathlib import Path

import numpy as np

FOLDER = "NNNOTES_RESULTS"  # the environment variable naming the folder of shared results


def read_only(value):
    """Make every ndarray in ``value`` read-only, looking into tuples, lists, dicts and
    dataclasses (a net's parameters are left alone: do not train a shared net further).
    Returns ``value``."""
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    elif isinstance(value, (tuple, list)):
        for item in value:
            read_only(item)
    elif isinstance(value, dict):
        for item in value.values():
            read_only(item)
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for field in dataclasses.fields(value):
            read_only(getattr(value, field.name))
    return value


def _plain(value):
    """A hashable, stable form of an argument: NumPy scalars as Python numbers (``0.1`` and
    ``np.float64(0.1)`` are one call), keyword dicts as sorted pairs."""
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _plain(v)) for k, v in value.items()))
    return value


def call_name(function, arguments: dict) -> str:
    """``module.qualname(name=value, …)``: the call's identity across processes."""
    listed = ", ".join(f"{name}={value!r}" for name, value in arguments.items())
    return f"{function.__module__}.{function.__qualname__}({listed})"


def _from_folder(folder: Path, name: str, compute):
    """The pickled result of the call ``name`` in ``folder``, computed under a lock when missing."""
    stem = name.split("(", 1)[0]
    path = folder / f"{stem}-{hashlib.sha256(name.encode()).hexdigest()[:16]}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    folder.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if path.exists():  # another process computed it while this one waited
            return pickle.loads(path.read_bytes())
        value = compute()
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        return value


@functools.lru_cache(maxsize=None)
def _keys(folder: str) -> dict:
    """The build's ``{module: fingerprint of its code}`` (none when the build wrote none)."""
    try:
        return json.loads((Path(folder) / "keys.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def shared(function):
    """Decorate an expensive experiment function: one computation per call and per build."""
    signature = inspect.signature(function)
    memory = {}

    @functools.wraps(function)
    def cached(*args, **kwargs):
        bound = signature.bind(*args, **kwargs)
        bound.apply_defaults()
        arguments = {name: _plain(value) for name, value in bound.arguments.items()}
        key = tuple(arguments.items())
        if key not in memory:
            folder = os.environ.get(FOLDER)
            code = _keys(folder).get(function.__module__) if folder else None
            compute = functools.partial(function, *args, **kwargs)
            value = _from_folder(Path(folder) / code, call_name(function, arguments), compute) if code else compute()
            memory[key] = read_only(value)
        return memory[key]

    cached.cache_clear = memory.clear
    return cached
