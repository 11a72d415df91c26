"""Jobs forked from a warm interpreter (``sitebuild.warm``, through ``jobs.run(..., preload=...)``
inside ``jobs.warm_starts()``) behave as the same job run by ``python``: arguments, ``__main__``,
environment, output, exit status, tracebacks, the time limit; one zygote serves a batch of jobs,
side by side, and a batch of one job runs a plain subprocess."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest
from hung_job import HANG

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
    path = script(tmp_path, f"import sys\nprint('{jobs.PROGRESS}drawing', file=sys.stderr, flush=True)\n{HANG}")
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


def test_one_zygote_serves_a_whole_batch(tmp_path):
    seen = parents_of_jobs(tmp_path, 6)
    [zygote] = {parent for parent, _ in seen}
    assert zygote != os.getpid()
    assert len({child for _, child in seen}) == 6
    assert not Path(f"/proc/{zygote}").exists(), "the batch's zygote ends with it"


def test_one_zygote_runs_jobs_side_by_side_and_answers_each_as_it_ends(tmp_path):
    """Three jobs at once from one zygote: each waits until all three have started, then the
    first sent ends last; each job gets its own exit status."""
    from sitebuild.warm import Zygote

    path = script(tmp_path, "import sys, time, pathlib\n"
                            "folder, me, stay = pathlib.Path(sys.argv[1]), sys.argv[2], float(sys.argv[3])\n"
                            "(folder / me).touch()\n"
                            "deadline = time.monotonic() + 5\n"
                            "while len(list(folder.iterdir())) < 3:\n"
                            "    time.sleep(0.01)\n"
                            "    if time.monotonic() > deadline:\n        sys.exit(9)  # the others never started\n"
                            "time.sleep(stay)\nsys.exit(int(me))\n")
    started = tmp_path / "started"
    started.mkdir()
    zygote = Zygote(PRELOAD, dict(os.environ), tmp_path, {})
    try:
        pids = [zygote.start([sys.executable, str(path), str(started), str(code), str(stay)], cwd=tmp_path,
                             env=dict(os.environ), stdout=tmp_path / f"out{code}", stderr=tmp_path / f"err{code}")
                for code, stay in ((3, 1.0), (4, 0.0), (5, 0.0))]
        assert zygote.wait(pids[0], timeout=0.3) is None  # still running while the others end
        assert [zygote.wait(pid, timeout=10) for pid in reversed(pids)] == [5, 4, 3]
    finally:
        zygote.close()


def test_a_batch_of_one_job_runs_a_plain_subprocess(tmp_path):
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
