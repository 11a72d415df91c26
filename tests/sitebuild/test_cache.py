"""The pieces under every job: crash-safe cache files, fingerprints of what a script imports,
time limits and their settings, and clear messages when something the build needs is missing."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

import pytest

from sitebuild import cache, deps, figstyle, jobs


def test_atomic_writes_leave_whole_files_and_no_temporary_ones(tmp_path):
    target = tmp_path / "entry.json"
    texts = [f'{{"writer": {i}, "pad": "{"x" * 100_000}"}}' for i in range(8)]
    threads = [threading.Thread(target=cache.write_atomic, args=(target, text)) for text in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert target.read_text() in texts
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]


def test_a_cut_json_file_reads_as_missing_and_says_so(tmp_path, caplog):
    entry = tmp_path / "cut.json"
    entry.write_text('{"values": [1, 2')
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.nnnotes"):
        assert cache.read_json(entry, "test cache") is None
    assert "cannot be read" in caplog.text and "rebuilt" in caplog.text
    assert cache.read_json(tmp_path / "missing.json", "test cache") is None


def test_a_file_where_a_cache_folder_belongs_is_one_sentence(tmp_path):
    (tmp_path / "blocker").write_text("")
    with pytest.raises(cache.CacheError, match=r"blocker is a file where the build keeps a folder: remove it$"):
        cache.writable(tmp_path / "blocker" / "figures")


def test_unknown_names_get_the_closest_known_ones():
    items = [type("Item", (), {"name": n})() for n in ("neurons.ko", "neurons.en", "capacity.ko")]
    with pytest.raises(ValueError, match=r"unknown notebook 'neuron.ko'; did you mean neurons.ko"):
        cache.select_named(items, ["neuron.ko"], kind="notebook", error=ValueError)


# --- what a job reads ---------------------------------------------------------------------------

@pytest.fixture
def project(tmp_path, monkeypatch):
    src = tmp_path / "src"
    package = src / "pkg"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "sub" / "__init__.py").write_text("from . import leaf\n")
    (package / "sub" / "leaf.py").write_text("from ..core import X\n")
    (package / "core.py").write_text('"""Core."""\nimport numpy\nX = 1  # one\n')
    (package / "other.py").write_text("Y = 2\n")
    monkeypatch.setattr(deps, "SOURCES", (src,))
    return package


def test_a_sandbox_without_experiments_leaves_the_shared_results_alone(project, tmp_path, monkeypatch):
    """A build elsewhere (a test's sandbox) must not empty the results the project's builds share."""
    monkeypatch.setattr(jobs, "RESULTS", tmp_path / "results")
    kept = jobs.RESULTS / "f00d" / "nnnotes.experiments.neurons.sweep-0123.pickle"
    kept.parent.mkdir(parents=True)
    kept.write_bytes(b"result")
    (jobs.RESULTS / "keys.json").write_text('{"nnnotes.experiments.neurons": "f00d"}')
    assert jobs.results_keys() == {}
    assert kept.read_bytes() == b"result"
    assert (jobs.RESULTS / "keys.json").read_text() == '{"nnnotes.experiments.neurons": "f00d"}'


def test_the_closure_follows_relative_imports_and_package_inits(project):
    names = {p.relative_to(project.parent).as_posix() for p in deps.closure(["pkg.sub"])}
    assert names == {"pkg/__init__.py", "pkg/sub/__init__.py", "pkg/sub/leaf.py", "pkg/core.py"}


def test_the_fingerprint_ignores_comments_docstrings_and_layout_but_not_code(project):
    files = deps.closure(["pkg.core"])
    before = deps.code_digest(files)
    (project / "core.py").write_text('"""Core, reworded."""\n\nimport numpy\n\n\nX = 1  # a new comment\n')
    assert deps.code_digest(files) == before
    (project / "core.py").write_text('"""Core."""\nimport numpy\nX = 2\n')
    assert deps.code_digest(files) != before


def test_a_script_outside_the_packages_has_its_imports_followed(project, tmp_path):
    script = tmp_path / "plot_x.py"
    script.write_text("import matplotlib\nfrom pkg.sub import leaf\n")
    assert {p.name for p in deps.script_closure(script)} == {"plot_x.py", "__init__.py", "leaf.py", "core.py"}


# --- limits and missing pieces --------------------------------------------------------------------

@pytest.mark.parametrize("value", ["0", "-3", "soon", "inf", "nan"])
def test_a_bad_limit_setting_is_named(monkeypatch, value):
    monkeypatch.setenv("NNNOTES_LIMIT_FIGURE", value)
    with pytest.raises(jobs.JobError, match=rf"NNNOTES_LIMIT_FIGURE must be a positive number of seconds; got '{value}'"):
        jobs.limit("figure")


def test_a_limit_setting_overrides_the_default(monkeypatch):
    assert jobs.limit("notebook") == jobs.LIMITS["notebook"]
    monkeypatch.setenv("NNNOTES_LIMIT_NOTEBOOK", "2.5")
    assert jobs.limit("notebook") == 2.5


def test_a_failing_job_says_so_without_its_progress_lines():
    with pytest.raises(jobs.JobError, match=r"(?s)claims demo failed \(exit 3\):\nboom$"):
        jobs.run(["python3", "-c", f"import sys; print('{jobs.PROGRESS}step 1', file=sys.stderr); "
                                   "print('boom', file=sys.stderr); sys.exit(3)"], kind="claims", name="demo")


def test_missing_korean_font_is_one_sentence(monkeypatch):
    monkeypatch.setattr(figstyle.importlib.util, "find_spec", lambda name: None)
    with pytest.raises(SystemExit, match=r"need the NanumGothic font of the package koreanize-matplotlib"):
        figstyle._font_path()


def test_scratch_folders_of_finished_builds_are_removed(tmp_path):
    (tmp_path / "999999999-dead").mkdir()
    (tmp_path / f"{Path('/proc/self').resolve().name}-alive").mkdir()
    jobs.remove_stale_scratch(tmp_path, keep="none")
    assert [p.name for p in tmp_path.iterdir()] == [f"{Path('/proc/self').resolve().name}-alive"]
