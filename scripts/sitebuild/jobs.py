"""The build's jobs: plot scripts, notebooks and claims, each a subprocess with a time limit,
run in parallel, none outliving the build.

- **One queue.** Each kind is a :class:`Batch` queued on job threads that all batches share,
  one job per core. The plugins queue theirs before the build (figures, claims, notebooks, in
  that order) and wait for them once the build has chosen its files, so a core that one batch
  leaves idle at its end runs the next batch's first job. Notebooks wait on their kernels'
  messages about a fifth of the time: their batch runs one more job than there are cores.

- **Time limits.** Each kind of job has a limit in seconds (:data:`LIMITS`), overridden by
  the environment variable ``NNNOTES_LIMIT_<KIND>`` (e.g. ``NNNOTES_LIMIT_NOTEBOOK=300``).
  A job past its limit is killed with everything it started, and the build fails naming
  it and the last step it reported (a job writes ``nnnotes-progress: …`` lines to stderr:
  the notebook runner names each cell, the claims job each claim).
- **Shared results.** An experiment that several jobs need (a figure, the chapter's claims, a
  notebook) is computed once: every job gets ``NNNOTES_RESULTS=.cache/results``, where
  ``nnnotes.experiments.shared`` keeps each result, under the fingerprint of the code of the
  module that computes it (``keys.json``, written here before the jobs start), so a result
  is reused exactly as long as that code is unchanged.
- **Warm starts.** In a batch of more than one job, a job given ``preload`` (the modules it
  imports first: matplotlib for a plot script, nbclient for a notebook) is forked from a
  *zygote* that imported them once for the whole batch (``sitebuild.warm``): a plot script
  starts in milliseconds instead of most of a second.
- **Nothing left behind.** Every job's processes carry ``NNNOTES_JOB=<build>:<job>`` in their
  environment (a notebook's kernel too, which starts a session of its own). Each build
  process starts a *janitor*: a small process that waits for the build to end, however it
  ends (an error, Ctrl-C, SIGTERM or SIGKILL close its pipe), then kills every process
  marked with the build's id and removes the build's scratch folder ``.cache/tmp/<build>/``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

from . import SiteError
from .cache import CACHE, ROOT, read_json, writable, write_atomic
from .deps import closure, code_digest, module_file, module_name
from .warm import ZygoteError, Zygotes

# seconds; slowest today: 5 s, 4 s, 40 s, 8 s (every notebook page of a cold build)
LIMITS = {"figure": 180.0, "notebook": 120.0, "claims": 600.0, "notebook_html": 300.0}
MARK = "NNNOTES_JOB"
PROGRESS = "nnnotes-progress: "
SCRATCH = CACHE / "tmp"
RESULTS = CACHE / "results"
EXPERIMENTS = "nnnotes.experiments"
# Jobs run in parallel subprocesses on a 2-core machine: one BLAS thread each, or OpenBLAS's
# threads fight over the cores (measured 14x slower under load). And glibc's malloc keeps what
# it frees (up to 256 MB): by default it maps an array over 128 KB afresh from the kernel and
# hands it back when freed, and a training loop makes such arrays thousands of times, faulting
# in new pages each time (the experiment l2_runs: 1.8 → 0.8 s; a cold build's system time 9.5 → 6 s).
SUBPROCESS_ENV = {"PYTHONHASHSEED": "0", "OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1",
                  "MALLOC_MMAP_THRESHOLD_": "268435456", "MALLOC_TRIM_THRESHOLD_": "268435456"}


class JobError(SiteError):
    """A job failed or ran past its limit; the message names it."""


def limit(kind: str) -> float:
    """The time limit of jobs of ``kind`` in seconds (``NNNOTES_LIMIT_<KIND>`` overrides)."""
    variable = f"NNNOTES_LIMIT_{kind.upper()}"
    text = os.environ.get(variable)
    if text is None:
        return LIMITS[kind]
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 < seconds < float("inf"):
        raise JobError(f"{variable} must be a positive number of seconds; got {text!r}")
    return seconds


def results_keys() -> dict[str, str]:
    """``{module: fingerprint}`` for every module of ``nnnotes.experiments``: the code its results
    depend on. Written to ``.cache/results/keys.json``; results of other code are removed. Without
    the package (a test's sandbox) nothing is shared, and the folder is left as it is."""
    init = module_file(EXPERIMENTS)
    if init is None:
        return {}
    keys = {name: code_digest(closure([name])) for path in sorted(init.parent.rglob("*.py"))
            if (name := module_name(path))}
    if read_json(RESULTS / "keys.json", "results index") != keys:
        write_atomic(writable(RESULTS) / "keys.json", json.dumps(keys, indent=1, sort_keys=True))
        current = set(keys.values())
        for folder in RESULTS.iterdir():
            if folder.is_dir() and folder.name not in current:
                shutil.rmtree(folder, ignore_errors=True)
    return keys


def report(step: str) -> None:
    """Called by a job: name the step it starts now (a timeout names the last one)."""
    print(f"{PROGRESS}{step}", file=sys.stderr, flush=True)


def last_step(stderr: str) -> str | None:
    steps = [line[len(PROGRESS):] for line in stderr.splitlines() if line.startswith(PROGRESS)]
    return steps[-1] if steps else None


def without_progress(stderr: str) -> str:
    return "\n".join(line for line in stderr.splitlines() if not line.startswith(PROGRESS)).strip()


class Janitor:
    """The build's janitor process and scratch folder (one per build process)."""

    _current: Janitor | None = None

    def __init__(self):
        self.build = f"{os.getpid()}-{secrets.token_hex(4)}"
        self.scratch = SCRATCH / self.build
        writable(self.scratch)
        remove_stale_scratch(SCRATCH, keep=self.build)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitebuild.jobs", "janitor", self.build, str(self.scratch)],
            stdin=subprocess.PIPE, start_new_session=True, cwd=ROOT,
        )
        self.jobs = 0

    @classmethod
    def get(cls) -> Janitor:
        if cls._current is None or cls._current.process.poll() is not None:
            cls._current = cls()
        return cls._current

    def next_mark(self) -> str:
        self.jobs += 1
        return f"{self.build}:{self.jobs}"

    def folder(self, prefix: str) -> Path:
        """A new scratch folder, removed with the build at the latest."""
        writable(self.scratch)
        return Path(tempfile.mkdtemp(prefix=prefix, dir=self.scratch))


def scratch_folder(prefix: str = "job-") -> Path:
    return Janitor.get().folder(prefix)


def remove_stale_scratch(root: Path, keep: str) -> None:
    """Remove the scratch folders of builds whose process has gone (their janitor was killed too)."""
    for folder in root.glob("*-*"):
        pid = folder.name.split("-")[0]
        if folder.name != keep and pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def marked_processes(prefix: str) -> list[int]:
    """PIDs of the processes whose ``NNNOTES_JOB`` starts with ``prefix`` (Linux: /proc)."""
    found = []
    needle = f"{MARK}={prefix}".encode()
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:
            continue
        if any(var.startswith(needle) for var in environ.split(b"\0")):
            found.append(int(entry.name))
    return found


def kill_group(pid: int) -> None:
    """Kill the process group (session) that the job ``pid`` leads."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:
        pass


def kill_marked(prefix: str) -> None:
    """Kill every process marked with ``prefix``, again until none is left (a dying job may still fork)."""
    for _ in range(20):
        pids = [pid for pid in marked_processes(prefix) if pid != os.getpid()]
        if not pids:
            return
        for pid in pids:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.05)


@dataclass(frozen=True)
class Finished:
    seconds: float
    stdout: str
    stderr: str  # without the progress lines


class ForkedJob:
    """A job forked from one of the batch's zygotes (``sitebuild.warm``), with the part of
    ``subprocess.Popen`` that :func:`run` uses: ``pid`` (the leader of the job's session),
    ``communicate`` and ``returncode``."""

    def __init__(self, argv: Sequence[str], *, preload: tuple[str, ...], env: dict, cwd: Path, zygotes: Zygotes):
        folder = scratch_folder("job-")
        self.out, self.err = folder / "stdout", folder / "stderr"
        self.argv = list(argv)
        self.returncode: int | None = None
        # The zygote imports before any job: it starts with the job's environment, but its own mark.
        self.zygote = zygotes.get(preload, {k: v for k, v in env.items() if k != MARK}, cwd,
                                  {MARK: Janitor.get().next_mark()})
        self.pid = self.zygote.start(self.argv, cwd=cwd, env=env, stdout=self.out, stderr=self.err)

    def communicate(self, timeout: float | None = None) -> tuple[str, str]:
        if self.returncode is None:
            code = self.zygote.wait(self.pid, timeout)
            if code is None:
                raise subprocess.TimeoutExpired(self.argv, timeout)
            self.returncode = code
        return self.out.read_text(encoding="utf-8", errors="replace"), self.err.read_text(encoding="utf-8", errors="replace")


_ZYGOTES: ContextVar[Zygotes | None] = ContextVar("zygotes", default=None)


@contextmanager
def warm_starts():
    """Within it, jobs run with ``preload`` are forked from zygotes that the block's jobs share;
    they end with the block. (a :class:`Batch` does this when a zygote would serve more
    than one job; for a single job it is only a slower subprocess.)"""
    zygotes = Zygotes()
    token = _ZYGOTES.set(zygotes)
    try:
        yield
    finally:
        _ZYGOTES.reset(token)
        zygotes.close()


def run(argv: Sequence[str], *, kind: str, name: str, env: dict | None = None, cwd: Path = ROOT,
        preload: tuple[str, ...] = ()) -> Finished:
    """Run ``argv`` as the job ``name`` of ``kind`` within its time limit.

    With ``preload`` (module names) and inside :func:`warm_starts`, ``argv`` is
    ``[sys.executable, SCRIPT, ...]`` or ``[sys.executable, "-m", MODULE, ...]`` and runs forked
    from a zygote that imported them (``sitebuild.warm``): the same job, without the wait for
    Python and its imports.

    Raises :class:`JobError` when it runs past the limit (naming the last step it reported),
    or when it exits non-zero (with its stderr). The job and everything it started are
    killed when it times out or the build is interrupted.
    """
    janitor = Janitor.get()
    mark = janitor.next_mark()
    seconds_allowed = limit(kind)
    start = time.perf_counter()
    env = {**os.environ, **SUBPROCESS_ENV, "NNNOTES_RESULTS": str(RESULTS), **(env or {}), MARK: mark}
    zygotes = _ZYGOTES.get() if preload else None
    if zygotes is not None:
        try:
            proc = ForkedJob(argv, preload=preload, env=env, cwd=cwd, zygotes=zygotes)
        except ZygoteError as err:
            raise JobError(f"{kind} {name}: {err} (it imports {', '.join(preload)})") from None
    else:
        proc = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=cwd,
                                start_new_session=True, env=env)
    try:
        stdout, stderr = proc.communicate(timeout=seconds_allowed)
    except ZygoteError as err:
        kill_group(proc.pid)
        raise JobError(f"{kind} {name}: {err}") from None
    except subprocess.TimeoutExpired:
        kill_group(proc.pid)
        kill_marked(mark)
        stdout, stderr = proc.communicate()
        step = last_step(stderr)
        where = f", in {step}" if step else ""
        raise JobError(
            f"{kind} {name} did not finish within its limit of {seconds_allowed:g} s{where}; it was stopped. "
            f"If it needs longer, set NNNOTES_LIMIT_{kind.upper()} (seconds)."
        ) from None
    except BaseException:  # Ctrl-C, or the build failed elsewhere
        kill_group(proc.pid)
        kill_marked(mark)
        raise
    finally:
        kill_marked(mark)  # what the job left running (a kernel, a grandchild)
        if zygotes is not None:  # a forked job's processes carry its zygote's mark (their environment's first state)
            kill_group(proc.pid)
    seconds = time.perf_counter() - start
    if proc.returncode != 0:
        raise JobError(f"{kind} {name} failed (exit {proc.returncode}):\n{without_progress(stderr)}")
    return Finished(seconds, stdout, without_progress(stderr))


_POOL: ThreadPoolExecutor | None = None
_POOL_LOCK = threading.Lock()
_QUEUED: set[Batch] = set()  # the batches not yet waited for or cancelled
_CORES = threading.BoundedSemaphore(os.cpu_count() or 1)  # held by each running job that does not wait


def _pool() -> ThreadPoolExecutor:
    """The job threads that every batch shares, one per core and one more for jobs that wait
    (see :class:`Batch`): a batch started while another runs queues behind it and takes each
    core the other leaves (a figure batch's last jobs finish while the claims' first run)."""
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor((os.cpu_count() or 1) + 1, thread_name_prefix="job")
        return _POOL


class Batch:
    """``job(item)`` (which returns its wall time) for every item, queued at once on the shared
    job threads; :meth:`wait` for them.

    Each job runs a subprocess, so the threads only wait; when there is more than one job,
    jobs run with ``preload`` are forked from a zygote that serves the whole batch
    (:func:`warm_starts`). A batch runs one job per core; one whose jobs wait part of their
    time (``waits``: a notebook's runner waits on its kernel) runs one more. Logs
    ``LABEL NAME  1.23 s`` per item and a summary line.
    """

    def __init__(self, items: Sequence, job: Callable[[object], float], *, label: str, verb: str, total: int,
                 name: Callable[[object], str], error: type[Exception], log=print, waits: bool = False):
        self.job, self.label, self.name, self.error, self.log = job, label, name, error, log
        self.core = nullcontext() if waits else _CORES
        self.summary = f"{verb} {len(items)} of {total} {label}(s)"
        self.items = list(items)
        self.errors: dict[int, Exception] = {}  # by the position of its item
        self.unwaited = set(range(len(self.items)))  # the positions no wait has covered yet
        self.futures = []
        self.zygotes = None
        self.started: float | None = None  # when its first job started (it may queue behind another batch)
        self.cancelled = False
        if not items:
            return
        results_keys()  # the code the jobs will run
        Janitor.get()  # before the threads ask for it
        if len(items) > 1:
            self.zygotes = Zygotes()
        _QUEUED.add(self)
        self.futures = [_pool().submit(self._one, i, item) for i, item in enumerate(self.items)]

    def _one(self, position: int, item) -> None:
        _ZYGOTES.set(self.zygotes)  # in the job thread's own context
        try:
            with self.core:
                if self.cancelled:  # while it waited for a core
                    return
                self.started = self.started or time.perf_counter()
                self.log(f"{self.label} {self.name(item):<28} {self.job(item):6.2f} s")
        except self.error as err:
            if not self.cancelled:  # a job stopped with the build is no failure of its own
                self.log(f"{self.label} {self.name(item):<28} FAILED")
                self.errors[position] = err

    def wait(self, items: Sequence | None = None) -> None:
        """Return when every job has finished, or only the jobs of those of ``items`` in the batch
        (the others go on; a later wait covers them); then raise the first ``error`` (in the batch's
        order) that a job waited for raised. The batch ends once every job has been waited for."""
        if self not in _QUEUED:  # nothing queued, waited for already, or cancelled
            return
        waited = sorted(i for i in self.unwaited if items is None or self.items[i] in items)
        try:
            for i in waited:
                self.futures[i].result()
        except BaseException:  # Ctrl-C: stop the running jobs rather than wait for them
            cancel_batches()
            raise
        self.unwaited.difference_update(waited)
        if not self.unwaited:
            self._close()
        failed = [self.errors[i] for i in waited if i in self.errors]
        if failed:
            raise failed[0]
        if not self.unwaited:
            self.log(f"{self.summary} in {time.perf_counter() - self.started:.2f} s")

    def failures(self) -> dict:
        """``{item: error}`` for each job that has failed so far."""
        return {self.items[i]: error for i, error in self.errors.items()}

    def _close(self) -> None:
        _QUEUED.discard(self)
        if self.zygotes is not None:
            self.zygotes.close()


def cancel_batches() -> None:
    """The build has failed: drop every batch's jobs not started, and kill the build's marked
    processes (a job that a zygote forked may still finish: its failure is not reported)."""
    if not _QUEUED:  # nothing started (the build may have failed before it could start anything)
        return
    for batch in list(_QUEUED):
        batch.cancelled = True
        for future in batch.futures:
            future.cancel()
        batch._close()
    kill_marked(f"{Janitor.get().build}:")


def janitor_main(build: str, scratch: str) -> int:
    """Wait until the build process closes our stdin (it ended), then clean up after it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C in the terminal reaches us too
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        while sys.stdin.buffer.read(4096):
            pass
    finally:
        kill_marked(f"{build}:")
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == ["janitor"] and len(sys.argv) == 4:
        sys.exit(janitor_main(sys.argv[2], sys.argv[3]))
    sys.exit("usage: python -m sitebuild.jobs janitor BUILD SCRATCH")
