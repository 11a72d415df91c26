"""`mkdocs serve` (the README's first command) serves the site, rebuilds it once per saved edit
of a page or a plot script (sitebuild.serve), and not again until the next edit. Served from a
copy of the project (``project_copy``): the edits must not reach tests running alongside."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest
from mkdocs.structure.files import File, Files
from watchdog import events

from project_copy import copy_project, environment
from sitebuild import bench
from sitebuild.serve import ServePlugin, is_edit

REBUILD = "Building documentation..."
# Logged after each rebuild that succeeded. Not MkDocs' "Documentation built in 1.23 seconds":
# its logger drops a message it logged before, so a rebuild as long as an earlier one is silent.
BUILT = "Reloading browsers"


@pytest.fixture(scope="module")
def tree(site, tmp_path_factory) -> Path:  # after the build: figures, claims and notebooks are cached
    return copy_project(tmp_path_factory.mktemp("tree"))


@pytest.fixture(scope="module")
def served(tree, tmp_path_factory):
    port = bench.free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with log.open("w") as out:
        server = subprocess.Popen([*bench.MKDOCS, "serve", "-a", f"127.0.0.1:{port}"], cwd=tree, env=environment(tree),
                                  stdout=subprocess.DEVNULL, stderr=out)
    base = f"http://127.0.0.1:{port}/"
    try:
        bench.wait_for(lambda: bench.fetch(base) is not None, timeout=300)
        yield base, log
    finally:
        server.terminate()
        server.wait()


def rebuilds(log: Path) -> int:
    return log.read_text(encoding="utf-8").count(REBUILD)


def builds_done(log: Path) -> int:
    return log.read_text(encoding="utf-8").count(BUILT)


def test_one_saved_edit_rebuilds_once_and_then_the_server_rests(served, tree):
    base, log = served
    page = tree / "docs" / "glossary.en.md"
    original = page.read_text(encoding="utf-8")
    before, done = rebuilds(log), builds_done(log)
    try:
        page.write_text(original + " ", encoding="utf-8")
        bench.wait_for(lambda: rebuilds(log) > before, timeout=60)
        start = time.perf_counter()
        bench.wait_for(lambda: builds_done(log) > done, timeout=60)
        # A server that reacts to its own output starts again within a moment of finishing (its
        # watcher waits a quarter of a second): resting three rebuilds' time, 5 s at least, shows it.
        time.sleep(max(5.0, 3 * (time.perf_counter() - start)))
        assert rebuilds(log) - before == 1, "one saved edit, one rebuild"
    finally:
        page.write_text(original, encoding="utf-8")
        bench.wait_for(lambda: rebuilds(log) > before + 1, timeout=60)


def test_serve_shows_a_page_edit(served, tree):
    base, _ = served
    marker = b"<!-- serve test -->"
    seconds = bench.edit_and_time(tree / "docs" / "index.en.md", lambda text: f"{text}\n{marker.decode()}\n",
                                  base + "en/", lambda now: now is not None and marker in now)
    assert seconds < 60


def test_serve_renders_a_figure_again_after_its_script_changes(served, tree):
    base, _ = served
    svg = base + "en/figures/activations.svg"  # the edit changes an English label
    bench.wait_for(lambda: bench.fetch(svg) is not None, timeout=120)  # an earlier test's rebuild may still run
    original = bench.fetch(svg)
    assert original.startswith(b"<?xml")
    script = tree / "scripts" / "figures" / "index" / "plot_activations.py"
    bench.edit_and_time(script, lambda text: text.replace('"input x"', '"input x!"', 1), svg,
                        lambda now: now is not None and now != original)


def test_a_notebook_that_never_ran_is_served_running_then_executed_without_another_edit(served, tree):
    """As on a fresh clone: the pages do not wait for it (sitebuild.first_run)."""
    base, log = served
    page, executed = base + "en/notebooks/neurons/", tree / ".cache" / "notebooks" / "neurons.en.ipynb"
    bench.wait_for(lambda: bench.fetch(page) is not None, timeout=120)  # an earlier test's rebuild may still run
    kept = executed.read_bytes()
    executed.unlink()
    edited = tree / "docs" / "glossary.en.md"
    original = edited.read_text(encoding="utf-8")
    try:
        edited.write_text(original + "\n<!-- a rebuild -->\n", encoding="utf-8")
        bench.wait_for(lambda: b"nb-running" in (bench.fetch(page) or b""), timeout=120)
        done = builds_done(log)
        bench.wait_for(lambda: b"nb-download" in (bench.fetch(page) or b""), timeout=120)
        assert builds_done(log) == done + 1, "the notebook's run ended in one build"
        assert executed.read_bytes() == kept, "it ran as it does in a build"
    finally:
        restored = builds_done(log)
        edited.write_text(original, encoding="utf-8")
        bench.wait_for(lambda: builds_done(log) > restored, timeout=60)


@pytest.mark.parametrize("event, edit", [
    (events.FileModifiedEvent("/r/docs/a.md"), True),
    (events.FileCreatedEvent("/r/docs/a.md"), True),
    (events.FileDeletedEvent("/r/docs/a.md"), True),
    (events.FileMovedEvent("/r/docs/.a.md.swp", "/r/docs/a.md"), True),  # an editor's atomic save
    (events.FileOpenedEvent("/r/docs/a.md"), False),
    (events.FileClosedNoWriteEvent("/r/docs/a.md"), False),
    (events.FileClosedEvent("/r/docs/a.md"), False),
    (events.DirModifiedEvent("/r/docs"), False),
    (events.FileCreatedEvent("/r/src/nnnotes/__pycache__/x.cpython-311.pyc"), False),
    (events.FileModifiedEvent("/r/docs/.a.md.swp"), False),
    (events.FileModifiedEvent("/r/docs/a.md~"), False),
    (events.FileModifiedEvent("/home/me/.projects/nnnotes/docs/a.md"), True),  # a hidden folder above is fine
])
def test_only_edits_of_sources_count(event, edit):
    assert is_edit(event) is edit


def files_in(tmp_path) -> tuple[Files, Path]:
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    for name in ("page.md", "figure.svg"):
        (docs / name).write_text(f"{name}\n")
    return Files([File(name, str(docs), str(site), use_directory_urls=True) for name in ("page.md", "figure.svg")]), site


@pytest.mark.parametrize("command", ["serve", "build"])
def test_serve_links_the_files_it_would_copy_and_build_copies_them(tmp_path, command):
    files, site = files_in(tmp_path)
    plugin = ServePlugin()
    plugin.on_startup(command=command, dirty=False)
    plugin.on_files(files, config=None)
    page, figure = files
    assert "copy_file" not in vars(page)  # a page is rendered, never copied
    figure.copy_file()
    assert (site / "figure.svg").read_text() == "figure.svg\n"
    assert (site / "figure.svg").samefile(figure.abs_src_path) == (command == "serve")


def test_a_file_that_cannot_be_linked_is_copied_and_its_source_is_left_alone(tmp_path):
    files, site = files_in(tmp_path)
    plugin = ServePlugin()
    plugin.on_startup(command="serve", dirty=False)
    plugin.on_files(files, config=None)
    figure = files.get_file_from_path("figure.svg")
    (site).mkdir()
    (site / "figure.svg").write_text("an older build's figure\n")
    figure.copy_file()
    assert (site / "figure.svg").read_text() == "figure.svg\n"
    assert not (site / "figure.svg").samefile(figure.abs_src_path)
    assert Path(figure.abs_src_path).read_text() == "figure.svg\n"
