"""Warm interpreters: jobs forked from a Python process that has already imported what they need.

Starting Python and importing matplotlib takes most of a second, and a cold build runs forty
plot scripts. A *zygote* (``python -m sitebuild.warm MODULE ...``) imports the modules it is
given once; then, for each job it is sent, it forks a child that runs the job's script or
module as ``python`` would (``sys.argv``, ``__main__``, the exit status, a traceback on
stderr), in the job's folder and environment, its output going to the job's files. Each child
leads a session of its own (its group can be killed) and shares nothing with the next job but
the modules imported before the fork.

A zygote runs one job at a time. :class:`Zygotes` lends one per running job and is closed
when its batch of jobs ends (``jobs.warm_starts``), so no build runs code an older build imported.

Protocol, one JSON object per line: the client sends ``{"argv", "cwd", "env", "stdout", "stderr"}``;
the zygote answers ``{"pid"}`` when the child has started and ``{"exit"}`` when it has ended
(negative: killed by that signal).
"""

from __future__ import annotations

import atexit
import json
import os
import runpy
import select
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path


class ZygoteError(RuntimeError):
    """The zygote itself ended or broke the protocol (not the job)."""


def key(preload: tuple[str, ...], env: dict[str, str]) -> tuple:
    """What makes two zygotes interchangeable: the modules they imported and the environment."""
    return preload, tuple(sorted(env.items()))


class Zygote:
    """A warm interpreter that imported ``preload`` in the environment ``env`` (plus ``own_env``,
    what is its own and not the jobs', such as a name for it)."""

    def __init__(self, preload: tuple[str, ...], env: dict[str, str], cwd: Path, own_env: dict[str, str]):
        self.key = key(preload, env)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "sitebuild.warm", *preload], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env={**env, **own_env}, cwd=cwd, start_new_session=True,
        )
        self._pending = b""

    def start(self, argv: list[str], *, cwd: Path, env: dict[str, str], stdout: Path, stderr: Path) -> int:
        """Fork a child that runs ``argv`` (``[python, script, ...]`` or ``[python, -m, module, ...]``); its pid."""
        request = {"argv": argv, "cwd": str(cwd), "env": env, "stdout": str(stdout), "stderr": str(stderr)}
        try:
            self.process.stdin.write(json.dumps(request).encode() + b"\n")
            self.process.stdin.flush()
        except OSError:
            raise ZygoteError("the warm interpreter has ended") from None
        return self._answer(None)["pid"]

    def wait(self, timeout: float | None) -> int | None:
        """The child's exit status, or None when it has not ended within ``timeout`` seconds."""
        answer = self._answer(timeout)
        return None if answer is None else answer["exit"]

    def _answer(self, timeout: float | None) -> dict | None:
        deadline = None if timeout is None else time.monotonic() + timeout
        fd = self.process.stdout.fileno()
        while b"\n" not in self._pending:
            left = None if deadline is None else max(deadline - time.monotonic(), 0)
            if not select.select([fd], [], [], left)[0]:
                return None
            chunk = os.read(fd, 4096)
            if not chunk:
                raise ZygoteError(f"the warm interpreter ended (exit {self.process.wait()})")
            self._pending += chunk
        line, self._pending = self._pending.split(b"\n", 1)
        return json.loads(line)

    def close(self) -> None:
        """End the zygote (it exits when its input closes) and wait for it."""
        try:
            self.process.stdin.close()
            self.process.wait(timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()
        self.process.stdout.close()


class Zygotes:
    """Zygotes lent to the jobs of one batch, one per job running at a time; closed together."""

    def __init__(self):
        self._idle: list[Zygote] = []
        self._all: list[Zygote] = []
        self._lock = threading.Lock()

    def borrow(self, preload: tuple[str, ...], env: dict[str, str], cwd: Path, own_env: dict[str, str]) -> Zygote:
        """An idle zygote that imported ``preload`` in ``env``, or a new one."""
        wanted = key(preload, env)
        with self._lock:
            for zygote in self._idle:
                if zygote.key == wanted and zygote.process.poll() is None:
                    self._idle.remove(zygote)
                    return zygote
        zygote = Zygote(preload, env, cwd, own_env)
        with self._lock:
            self._all.append(zygote)
        return zygote

    def give_back(self, zygote: Zygote) -> None:
        with self._lock:
            self._idle.append(zygote)

    def close(self) -> None:
        with self._lock:
            zygotes, self._all, self._idle = self._all, [], []
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
    """Import ``preload``; then fork a child for each request on stdin, answering on stdout."""
    import importlib

    for module in preload:
        importlib.import_module(module)
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    for line in requests:
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            run_child(request)
        answers.write(json.dumps({"pid": pid}).encode() + b"\n")
        answers.flush()
        _, status = os.waitpid(pid, 0)
        answers.write(json.dumps({"exit": os.waitstatus_to_exitcode(status)}).encode() + b"\n")
        answers.flush()
    return 0


if __name__ == "__main__":
    sys.exit(serve(sys.argv[1:]))
