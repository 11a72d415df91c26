"""Faults injected into a copy of the project, built end to end with ``mkdocs build``: a hung job,
a killed build, a failed language, a broken page, cut cache files, two builds at once, a cache
that cannot be written. Each must end in one clear message and leave nothing behind.

The copy gets the warm caches of the ``site`` build, so each build here only does what its fault
needs; its own ``scripts`` and ``src`` come first on ``PYTHONPATH``, so its plugins are its own.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from hung_job import HANG
from project_copy import copy_project, environment
from sitebuild.jobs import MARK, marked_processes

STARTED = "hung-job-started"  # a hung job leaves this file in the project before it hangs


@pytest.fixture(scope="module")
def warm_tree(site, tmp_path_factory) -> Path:
    """The project's sources and warm caches, copied once per module."""
    return copy_project(tmp_path_factory.mktemp("tree"))


@pytest.fixture
def tree(warm_tree, tmp_path) -> Path:
    """A fresh copy of the warm tree for one test (its faults stay in it)."""
    copy = tmp_path / "tree"
    shutil.copytree(warm_tree, copy, symlinks=True)
    return copy


def build(tree: Path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", *args], cwd=tree,
                          capture_output=True, text=True, env=environment(tree, **extra), timeout=600)


def start_build(tree: Path, **extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=tree, env=environment(tree, **extra),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def wait_until(predicate, timeout: float, what: str) -> float:
    start = time.monotonic()
    while not predicate():
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what}: not within {timeout} s")
        time.sleep(0.1)
    return time.monotonic() - start


def cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def add_hanging_figure(tree: Path) -> None:
    (tree / "scripts" / "figures" / "index" / "plot_zz_hang.py").write_text(
        f"from pathlib import Path\nPath({STARTED!r}).touch()\n{HANG}")


def add_hanging_notebook(tree: Path) -> None:
    source = tree / "docs" / "notebooks" / "neurons.en.py"
    source.write_text(source.read_text(encoding="utf-8") + f"\n# %%\nfrom pathlib import Path\n"
                      f"Path({str(tree / STARTED)!r}).touch()\n{HANG}", encoding="utf-8")


# --- time limits and what a killed build leaves --------------------------------------------

def test_a_hung_plot_script_fails_the_build_at_its_limit_naming_it(tree):
    add_hanging_figure(tree)
    start = time.monotonic()
    proc = build(tree, NNNOTES_LIMIT_FIGURE="3")
    seconds = time.monotonic() - start
    assert proc.returncode != 0
    assert "figure scripts/figures/index/plot_zz_hang.py did not finish within its limit of 3 s" in proc.stderr
    assert "NNNOTES_LIMIT_FIGURE" in proc.stderr and "Traceback" not in proc.stderr
    assert seconds < 60


def test_a_hung_notebook_cell_fails_the_build_naming_the_cell(tree):
    add_hanging_notebook(tree)
    proc = build(tree, NNNOTES_LIMIT_NOTEBOOK="15")
    assert proc.returncode != 0
    assert "notebook docs/notebooks/neurons.en.py did not finish within its limit of 15 s, in cell" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("fault, sig", [("figure", signal.SIGKILL), ("figure", signal.SIGTERM), ("notebook", signal.SIGKILL)])
def test_a_killed_build_leaves_no_process_and_no_scratch_folder(tree, fault, sig):
    (add_hanging_figure if fault == "figure" else add_hanging_notebook)(tree)
    proc = start_build(tree)
    build_id = f"{proc.pid}-"
    # the job runs (a plot script, or a notebook's kernel: each forked from a warm interpreter,
    # whose command line it keeps, so it says so with a file)
    wait_until(lambda: (tree / STARTED).exists() and marked_processes(build_id), 120, f"the hung {fault} job starts")
    assert list((tree / ".cache" / "tmp").glob(f"{build_id}*")), "the build has a scratch folder"
    proc.send_signal(sig)
    proc.wait()
    seconds = wait_until(lambda: not marked_processes(build_id), 15, "every job process is gone")
    assert seconds < 10
    wait_until(lambda: not list((tree / ".cache" / "tmp").glob(f"{build_id}*")), 10, "the scratch folder is removed")
    assert not list(tree.glob(".cache/**/*.tmp")), "no temporary file is left in the caches"


# --- what gets published ----------------------------------------------------------------------

def test_a_failed_build_leaves_the_previous_site_as_it_was(tree):
    assert build(tree).returncode == 0
    before = {p.relative_to(tree / "site"): p.read_bytes() for p in (tree / "site").rglob("*.html")}
    page = tree / "docs" / "index.en.md"  # a formula KaTeX rejects, in the English build only
    page.write_text(page.read_text(encoding="utf-8") + "\n\\(\\frac{1}\\)\n", encoding="utf-8")
    proc = build(tree)
    assert proc.returncode != 0 and "index.en.md" in proc.stderr and "site is left as it was" in proc.stderr
    after = {p.relative_to(tree / "site"): p.read_bytes() for p in (tree / "site").rglob("*.html")}
    assert after == before, "the Korean build of the failed run did not reach site/"
    assert not list((tree / ".cache" / "tmp").iterdir()), "the staged site is gone"


@pytest.mark.parametrize("front_matter, line, reason", [
    ("---\ntitle: [unclosed\ndescription: x\n---\n", 3, "not valid YAML"),
    ("---\ntitle: A\n---\n", 2, "title and description"),
    ("---\ntitle: A\ndescription: B\nhide: [toc]\n---\n", 2, "nothing else"),
    ("# No front matter\n", 1, "starts with front matter"),
])
def test_bad_front_matter_stops_the_build_naming_page_and_line(tree, front_matter, line, reason):
    page = tree / "docs" / "neurons.en.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(front_matter + text.split("---\n", 2)[2], encoding="utf-8")
    proc = build(tree)
    assert proc.returncode != 0
    assert f"docs/neurons.en.md:{line}:" in proc.stderr and reason in proc.stderr


def test_a_page_without_its_twin_stops_the_build(tree):
    (tree / "docs" / "neurons.en.md").unlink()
    proc = build(tree)
    assert proc.returncode != 0 and "docs/neurons.ko.md has no en twin" in proc.stderr


def test_a_claim_whose_expect_fails_stops_the_build(tree):
    module = tree / "src" / "nnnotes" / "experiments" / "zz_broken.py"
    module.write_text("from .claims import claim\n\n"
                      "@claim('zz.broken', fmt='d', expect=lambda v: v > 1)\ndef broken():\n    return 1\n")
    proc = build(tree)
    assert proc.returncode != 0 and "claim zz.broken = 1 does not hold" in proc.stderr and "zz_broken.py:3" in proc.stderr


# --- caches ------------------------------------------------------------------------------------

def test_cut_cache_files_are_rebuilt_and_two_builds_at_once_both_succeed(tree):
    for entry in [*(tree / ".cache" / "mkdocs-jupyter").rglob("*.json")][:2] + [tree / ".cache" / "katex.json"]:
        entry.write_bytes(entry.read_bytes()[:100])  # cut short, as a full disk does
    first = subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", "site-a"], cwd=tree,
                             env=environment(tree), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    second = build(tree, "-d", "site-b")
    _, first_err = first.communicate(timeout=600)
    assert first.returncode == 0, first_err
    assert second.returncode == 0, second.stderr
    assert (tree / "site-a" / "index.html").exists() and (tree / "site-b" / "en" / "index.html").exists()
    assert "cannot be read" in first_err + second.stderr


def test_a_cache_folder_that_cannot_be_written_is_one_sentence(tree):
    shutil.rmtree(tree / ".cache")
    (tree / ".cache").write_text("not a folder")
    proc = build(tree)
    assert proc.returncode != 0
    assert ".cache is a file where the build keeps a folder: remove it" in proc.stderr and "Traceback" not in proc.stderr


def test_the_janitor_is_not_a_job(tree):
    """The janitor carries no job mark, so it never kills itself before it has cleaned up."""
    proc = start_build(tree)
    try:
        def janitors():  # this build's, not one still cleaning up after an earlier test's build
            return [int(p) for p in os.listdir("/proc") if p.isdigit() and f"janitor {proc.pid}-" in cmdline(int(p))]

        wait_until(janitors, 60, "the janitor starts")
        environments = [Path(f"/proc/{pid}/environ").read_bytes() for pid in janitors()]
        assert environments and all(MARK.encode() not in environment for environment in environments)
    finally:
        proc.kill()
        proc.wait()
