"""Batches of jobs share the cores (sitebuild.jobs.Batch): a batch queued behind another starts
on the first core the other leaves, and a failed build drops every job not yet started. A job
keeps the memory it frees."""

from __future__ import annotations

import os
import platform
import sys
import threading
import time
from concurrent import futures
from contextlib import nullcontext

import pytest

from sitebuild import jobs

CORES = os.cpu_count() or 1


class Failed(Exception):
    pass


def batch(items, job, label="job", waits=False):
    return jobs.Batch(items, job, label=label, verb="ran", total=len(items), name=str, error=Failed,
                      log=lambda line: None, waits=waits)


def most_at_once(spans) -> int:
    """The most of the ``(start, end)`` spans that overlap at one time."""
    return max(sum(start <= t < end for start, end in spans) for t, _ in spans)


def test_a_batch_queued_behind_another_takes_the_core_it_leaves():
    spans, lock = {}, threading.Lock()

    def job(item):
        start = time.perf_counter()
        time.sleep(0.3 if item[0] == "first" else 0.05)
        with lock:
            spans[item] = (start, time.perf_counter())
        return 0.0

    first = batch([("first", i) for i in range(CORES + 1)], job)  # one job runs alone at its end
    second = batch([("second", i) for i in range(CORES)], job)
    first.wait()
    second.wait()
    last_of_first = max(spans[("first", i)][1] for i in range(CORES + 1))
    assert min(spans[("second", i)][0] for i in range(CORES)) < last_of_first, \
        "the second batch waited for the first to end"
    assert most_at_once(spans.values()) <= CORES, "more jobs ran at once than there are cores"


def test_jobs_that_wait_run_one_more_at_a_time_than_there_are_cores():
    spans, lock = [], threading.Lock()

    def job(item):
        start = time.perf_counter()
        time.sleep(0.2)
        with lock:
            spans.append((start, time.perf_counter()))
        return 0.0

    batch(list(range(2 * (CORES + 1))), job, waits=True).wait()
    assert most_at_once(spans) == CORES + 1


def test_a_wait_for_some_items_returns_while_the_rest_run_and_a_later_wait_raises_their_error():
    """What a build waits for before each language's pages: that language's notebooks only."""
    release, lines = threading.Event(), []

    def job(item):
        if item == "later":
            release.wait(5)
            raise Failed("later failed")
        return 0.0

    queued = jobs.Batch(["first", "second", "later"], job, label="job", verb="ran", total=3, name=str,
                        error=Failed, log=lines.append)
    queued.wait(["first", "second"])  # returns though "later" still runs
    assert not release.is_set() and not queued.futures[2].done()
    assert not any(line.startswith("ran ") for line in lines), "the batch was summed up before its end"
    release.set()
    with pytest.raises(Failed, match="later failed"):
        queued.wait()
    assert queued not in jobs._QUEUED


def test_a_failed_build_drops_every_job_not_started():
    ran = []

    def fails(item):
        raise Failed(f"job {item} failed")

    def records(item):
        ran.append(item)
        time.sleep(0.05)
        return 0.0

    failing = batch(list(range(CORES)), fails)
    queued = batch(list(range(50)), records)
    with pytest.raises(Failed, match=r"job \d+ failed"):  # whichever failed first: they run side by side
        failing.wait()
    jobs.cancel_batches()  # what the plugins do on a build error
    queued.wait()  # returns at once: cancelled
    futures.wait(queued.futures)  # the jobs that had started have ended; the others never will
    assert len(ran) <= 2 * CORES, f"{len(ran)} of the 50 queued jobs ran after the build failed"
    assert not queued.errors


# Fifty rounds of ten arrays of 1 MB, made and freed, as a training loop does; prints the page
# faults it took: 126,000 with glibc's defaults (each round maps the memory afresh), 2,600 when
# what is freed is kept.
ROUNDS_OF_ARRAYS = """import resource
import numpy as np
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(50):
    arrays = [np.ones(1 << 17) for _ in range(10)]
    del arrays
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="the settings are glibc's malloc's")
@pytest.mark.parametrize("warm", [False, True], ids=["subprocess", "forked"])
def test_a_job_reuses_the_memory_it_frees_instead_of_faulting_in_fresh_pages(tmp_path, warm):
    script = tmp_path / "arrays.py"
    script.write_text(ROUNDS_OF_ARRAYS, encoding="utf-8")
    with jobs.warm_starts() if warm else nullcontext():
        done = jobs.run([sys.executable, str(script)], kind="figure", name="arrays", preload=("numpy",) if warm else ())
    assert int(done.stdout) < 20_000
