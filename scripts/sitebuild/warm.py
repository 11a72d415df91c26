"""Warm interpreters: jobs forked from a Python process that has already imported what they need.

Starting Python and importing matplotlib takes most of a second, and a cold build runs forty
plot scripts. A *zygote* (``python -m sitebuild.warm MODULE ...``) imports the modules it is
given once; then, for each job it is sent, it forks a child that runs the job's script or
module as ``python`` would (``sys.argv``, ``__main__``, the exit status, a traceback on
stderr), in the job's folder and environment, its output going to the job's files. Each child
leads a session of its own (its group can be killed) and shares nothing with the next job but
the modules imported before the fork.

A zygote runs as many jobs at a time as it is sent, so a batch needs one per kind of job:
:class:`Zygotes` starts it at the batch's first job and closes it when the batch ends
(``jobs.warm_starts``), so no build runs code an older build imported.

Protocol, one JSON object per line: the client sends ``{"id", "argv", "cwd", "env", "stdout",
"stderr"}``; the zygote answers ``{"id", "pid"}`` when that child has started and
``{"pid", "exit"}`` when it has ended (negative: killed by that signal).
"""

from __future__ import annotations

import atexit
import gc
import itertools
import json
import os
import runpy
import select
import signal
import subprocess
import sys
import threading
import traceback
from pathlib import Path


class ZygoteError(RuntimeError):
    """The zygote itself ended or broke the protocol (not the job)."""


def key(preload: tuple[str, ...], env: dict[str, str]) -> tuple:
    """What makes two zygotes interchangeable: the modules they imported and the environment."""
    return preload, tuple(sorted(env.items()))


class Zygote:
    """A warm interpreter that imported ``preload`` in the environment ``env`` (plus ``own_env``,
    what is its own and not the jobs', such as a name for it). Jobs may start from any thread,
    as many at a time as there are: a thread reads its answers and hands each to its job."""

    def __init__(self, preload: tuple[str, ...], env: dict[str, str], cwd: Path, own_env: dict[str, str]):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitebuild.warm", *preload], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env={**env, **own_env}, cwd=cwd, start_new_session=True,
        )
        self._ids = itertools.count()
        self._sending = threading.Lock()
        self._answered = threading.Condition()
        self._started: dict[int, int] = {}  # request id -> pid of its child
        self._exited: dict[int, int] = {}  # pid -> exit status
        self._ended = False  # the zygote's output has closed
        self._reader = threading.Thread(target=self._read_answers, daemon=True, name="zygote-answers")
        self._reader.start()

    def _read_answers(self) -> None:
        for line in self.process.stdout:
            answer = json.loads(line)
            with self._answered:
                if "exit" in answer:
                    self._exited[answer["pid"]] = answer["exit"]
                else:
                    self._started[answer["id"]] = answer["pid"]
                self._answered.notify_all()
        with self._answered:
            self._ended = True
            self._answered.notify_all()

    def _take(self, answers: dict[int, int], key: int, timeout: float | None) -> int | None:
        """Remove and return ``answers[key]`` once the zygote has given it; None after ``timeout``
        seconds; :class:`ZygoteError` when the zygote has ended without giving it."""
        with self._answered:
            if not self._answered.wait_for(lambda: key in answers or self._ended, timeout):
                return None
            if key not in answers:
                raise ZygoteError(f"the warm interpreter ended (exit {self.process.wait()})")
            return answers.pop(key)

    def start(self, argv: list[str], *, cwd: Path, env: dict[str, str], stdout: Path, stderr: Path) -> int:
        """Fork a child that runs ``argv`` (``[python, script, ...]`` or ``[python, -m, module, ...]``); its pid."""
        job = next(self._ids)
        request = {"id": job, "argv": argv, "cwd": str(cwd), "env": env, "stdout": str(stdout), "stderr": str(stderr)}
        try:
            with self._sending:
                self.process.stdin.write(json.dumps(request).encode() + b"\n")
                self.process.stdin.flush()
        except OSError:
            raise ZygoteError("the warm interpreter has ended") from None
        return self._take(self._started, job, None)

    def wait(self, pid: int, timeout: float | None) -> int | None:
        """The exit status of the child ``pid``, or None when it has not ended within ``timeout`` seconds."""
        return self._take(self._exited, pid, timeout)

    def close(self) -> None:
        """End the zygote (it exits when its input closes) and wait for it."""
        try:
            self.process.stdin.close()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self._reader.join()
        self.process.stdout.close()


class Zygotes:
    """The zygotes of one batch of jobs: one per preload and environment, which forks every job
    of the batch that asks for them; closed together."""

    def __init__(self):
        self._zygotes: dict[tuple, Zygote] = {}
        self._ended: list[Zygote] = []
        self._lock = threading.Lock()

    def get(self, preload: tuple[str, ...], env: dict[str, str], cwd: Path, own_env: dict[str, str]) -> Zygote:
        """The zygote that imported ``preload`` in ``env``, started when there is none (or it has ended)."""
        wanted = key(preload, env)
        with self._lock:
            zygote = self._zygotes.get(wanted)
            if zygote is None or zygote.process.poll() is not None:
                if zygote is not None:
                    self._ended.append(zygote)
                zygote = self._zygotes[wanted] = Zygote(preload, env, cwd, own_env)
            return zygote

    def close(self) -> None:
        with self._lock:
            zygotes = [*self._zygotes.values(), *self._ended]
            self._zygotes, self._ended = {}, []
        for zygote in zygotes:
            zygote.close()


# --- the zygote's side ------------------------------------------------------------------------

NO_INPUT = (0, os.devnull, os.O_RDONLY)
WRITTEN = os.O_WRONLY | os.O_CREAT | os.O_TRUNC


def enter(cwd: str | None, env: dict[str, str], files: tuple[tuple[int, str, int], ...] = (NO_INPUT,)) -> None:
    """In a forked child, before it runs anything: ``env`` as its whole environment, ``cwd`` (when
    given) as its folder, and each ``(fd, path, flags)`` of ``files`` opened as that descriptor.
    A child that cannot exits (status 1, a traceback on stderr) rather than go on as its parent."""
    try:
        if cwd:
            os.chdir(cwd)
        os.environ.clear()
        os.environ.update(env)
        for fd, path, flags in files:
            opened = os.open(path, flags, 0o644)
            os.dup2(opened, fd)
            os.close(opened)
    except BaseException:
        traceback.print_exc()
        os._exit(1)


def run_child(request: dict) -> None:
    """In the forked child: become the job, run it, exit with its status. Never returns."""
    os.setsid()
    enter(request["cwd"], request["env"], (NO_INPUT, (1, request["stdout"], WRITTEN), (2, request["stderr"], WRITTEN)))
    sys.stdin = open(0, closefd=False)
    sys.stdout = open(1, "w", encoding="utf-8", errors="backslashreplace", closefd=False)
    sys.stderr = open(2, "w", encoding="utf-8", errors="backslashreplace", closefd=False, buffering=1)
    run_as_main(request["argv"])


def run_as_main(argv: list[str]) -> None:
    """Run ``argv`` (``[python, script, ...]`` or ``[python, -m, module, ...]``) in this process
    as ``python`` would, then exit with its status (a traceback on stderr), after the functions
    registered with ``atexit`` (a kernel's put back the streams it replaced). Never returns."""
    status = 1
    try:
        argv = argv[1:]
        if argv[0] == "-m":
            sys.argv = [argv[1], *argv[2:]]
            runpy.run_module(argv[1], run_name="__main__", alter_sys=True)
        else:
            sys.argv = argv
            sys.path[0] = str(Path(argv[0]).resolve().parent)
            runpy.run_path(argv[0], run_name="__main__")
        status = 0
    except SystemExit as end:
        if end.code is None or isinstance(end.code, int):
            status = end.code or 0
        else:
            print(end.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
    finally:
        try:
            atexit._run_exitfuncs()
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)


def serve(preload: list[str]) -> int:
    """Import ``preload``; then fork a child for each request on stdin, answering on stdout
    when it has started (its pid) and when it has ended (its exit status), children running
    side by side. Returns when stdin closes."""
    import importlib

    for module in preload:
        importlib.import_module(module)
    # What every job inherits is out of the garbage collector's sight, so that a job's collections
    # neither scan it nor copy the memory pages it lives on; and a job, which lives seconds,
    # collects less often. The figures' collections took about 3 of their 40 CPU seconds, now 0.5.
    gc.freeze()
    gc.set_threshold(20_000, 50, 50)
    # A child that ends sends SIGCHLD, which writes to this pipe: the loop below wakes on it.
    ended, ends = os.pipe()
    os.set_blocking(ends, False)
    signal.set_wakeup_fd(ends)
    signal.signal(signal.SIGCHLD, lambda *_: None)
    answers = sys.stdout.buffer

    def answer(**fields) -> None:
        answers.write(json.dumps(fields).encode() + b"\n")
        answers.flush()

    pending = b""
    while True:
        ready = select.select([0, ended], [], [])[0]
        if ended in ready:
            os.read(ended, 4096)
            for pid, status in _reap():
                answer(pid=pid, exit=os.waitstatus_to_exitcode(status))
        if 0 in ready:
            chunk = os.read(0, 65536)
            if not chunk:
                return 0
            *lines, pending = (pending + chunk).split(b"\n")
            for request in map(json.loads, lines):
                answer(id=request["id"], pid=_fork(request, (ended, ends)))


def _fork(request: dict, wakeup: tuple[int, int]) -> int:
    """Fork the child that runs ``request``; its pid. The child first drops the zygote's way of
    noticing its children end (the SIGCHLD handler and its ``wakeup`` pipe)."""
    pid = os.fork()
    if pid == 0:
        signal.set_wakeup_fd(-1)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        for fd in wakeup:
            os.close(fd)
        run_child(request)
    return pid


def _reap() -> list[tuple[int, int]]:
    """(pid, wait status) of every child that has ended and not been waited for."""
    reaped = []
    while True:
        try:
            pid, status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:  # no child left
            return reaped
        if pid == 0:
            return reaped
        reaped.append((pid, status))


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1:]))
