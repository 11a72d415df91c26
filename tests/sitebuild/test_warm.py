"""Jobs forked from a warm interpreter (``sitebuild.warm``, through ``jobs.run(..., preload=...)``
inside ``jobs.warm_starts()``) behave as the same job run by ``python``: arguments, ``__main__``,
environment, output, exit status, tracebacks, the time limit; one zygote serves a batch of jobs,
one at a time, and a batch no bigger than its threads runs plain subprocesses."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from sitebuild import jobs

PRELOAD = ("json",)


def script(tmp_path: Path, code: str) -> Path:
    path = tmp_path / "job.py"
    path.write_text(code, encoding="utf-8")
    return path


def forked(argv: list[str], **options) -> jobs.Finished:
    """``argv`` run as a job forked from a zygote that imported PRELOAD."""
    with jobs.warm_starts():
        return jobs.run(argv, preload=PRELOAD, **{"kind": "figure", "name": "demo", **options})


def test_a_forked_script_gets_its_arguments_folder_environment_and_output(tmp_path):
    path = script(tmp_path, "import os, sys, pathlib\n"
                            "print(__name__, sys.argv[1:], os.environ['NNNOTES_X'], sys.path[0] == str(pathlib.Path(__file__).parent))\n"
                            "print(os.getcwd(), file=sys.stderr)\n")
    done = forked([sys.executable, str(path), "a", "b"], cwd=tmp_path, env={"NNNOTES_X": "1"})
    assert done.stdout == "__main__ ['a', 'b'] 1 True\n"
    assert done.stderr == str(tmp_path)


def test_a_forked_module_runs_as_main(tmp_path):
    (tmp_path / "in.json").write_text('{"a": [1]}')
    done = forked([sys.executable, "-m", "json.tool", "--compact", str(tmp_path / "in.json")])
    assert done.stdout == '{"a":[1]}\n'


@pytest.mark.parametrize(("code", "exit_code", "stderr"), [
    ("import sys\nsys.exit(3)\n", 3, ""),
    ("import sys\nsys.exit('no font')\n", 1, "no font"),
    ("raise ValueError('bad size')\n", 1, "ValueError: bad size"),
])
def test_a_forked_job_fails_as_python_would(tmp_path, code, exit_code, stderr):
    with pytest.raises(jobs.JobError, match=rf"failed \(exit {exit_code}\):") as failed:
        forked([sys.executable, str(script(tmp_path, code))])
    assert stderr in str(failed.value)
    if "Error" in stderr:
        assert "Traceback (most recent call last)" in str(failed.value)


def test_a_forked_job_past_its_limit_is_stopped_naming_its_last_step(tmp_path, monkeypatch):
    monkeypatch.setenv("NNNOTES_LIMIT_FIGURE", "1")
    path = script(tmp_path, f"import sys\nprint('{jobs.PROGRESS}drawing', file=sys.stderr, flush=True)\nwhile True:\n    pass\n")
    start = time.monotonic()
    with pytest.raises(jobs.JobError, match=r"did not finish within its limit of 1 s, in drawing"):
        forked([sys.executable, str(path)])
    assert time.monotonic() - start < 5


def parents_of_jobs(tmp_path: Path, count: int) -> list[tuple[int, int]]:
    """(parent pid, pid) of each of ``count`` jobs run in one ``jobs.Batch``."""
    path = script(tmp_path, "import os\nprint(os.getppid(), os.getpid())\n")
    seen = []

    def job(n: int) -> float:
        done = jobs.run([sys.executable, str(path)], kind="figure", name=f"job {n}", preload=PRELOAD)
        seen.append(tuple(map(int, done.stdout.split())))
        return done.seconds

    jobs.Batch(list(range(count)), job, label="job", verb="ran", total=count, name=str,
               error=jobs.JobError, log=lambda _: None).wait()
    return seen


def test_one_zygote_serves_a_batch_one_job_at_a_time(tmp_path):
    seen = parents_of_jobs(tmp_path, 6)
    zygotes = {parent for parent, _ in seen}
    assert os.getpid() not in zygotes and 1 <= len(zygotes) <= min(os.cpu_count() or 1, 6)
    assert len({child for _, child in seen}) == 6
    assert all(not Path(f"/proc/{pid}").exists() for pid in zygotes), "the batch's zygotes end with it"


def test_a_batch_no_bigger_than_its_threads_runs_plain_subprocesses(tmp_path):
    [(parent, _)] = parents_of_jobs(tmp_path, 1)
    assert parent == os.getpid(), "the job is a child of the build itself"


def test_a_child_that_cannot_enter_its_folder_exits_instead_of_going_on_as_its_parent(tmp_path):
    from sitebuild.warm import enter

    went_on = tmp_path / "went-on"
    pid = os.fork()
    if pid == 0:
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)  # its traceback
        enter(str(tmp_path / "missing"), {})
        went_on.touch()
        os._exit(0)
    assert os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) == 1
    assert not went_on.exists()
