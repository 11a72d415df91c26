"""The notebooks: both languages, same code, every one executes in its budget, failures name
the cell, the cache, and the built pages (outputs, download, language switcher, weight)."""

from __future__ import annotations

import io
import json
import re
import tokenize
from types import SimpleNamespace
from pathlib import Path

import nbformat
import pytest
from hung_job import HANG
from mkdocs.config import load_config

from sitebuild import bench, jobs, notebook_html
from sitebuild.first_run import FirstRun
from sitebuild import notebook_pages as hook
from sitebuild import notebooks as runner

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = runner.all_notebooks()
CHAPTERS = sorted({nb.chapter for nb in NOTEBOOKS})
REQUIRED_CHAPTERS = {"neurons", "relu-in-practice", "gradient-flow", "architecture", "capacity", "training-setup"}


# --- the sources ------------------------------------------------------------------------

def test_every_chapter_has_a_notebook_in_both_languages():
    names = {nb.name for nb in NOTEBOOKS}
    assert {f"{c}.{lang}" for c in REQUIRED_CHAPTERS | set(CHAPTERS) for lang in ("ko", "en")} <= names


def code_tokens(source: str) -> list[str]:
    """The code without its string literals and comments: what a translation must not change."""
    skip = {tokenize.STRING, tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT}
    skip |= {getattr(tokenize, name) for name in ("FSTRING_START", "FSTRING_MIDDLE", "FSTRING_END") if hasattr(tokenize, name)}
    return [t.string for t in tokenize.generate_tokens(io.StringIO(source).readline) if t.type not in skip]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_translation_changes_prose_strings_and_comments_never_code(chapter):
    korean, english = (runner.read(runner.NOTEBOOKS / f"{chapter}.{lang}.py") for lang in ("ko", "en"))
    assert [c.cell_type for c in korean.cells] == [c.cell_type for c in english.cells]
    for number, (ko, en) in enumerate(zip(korean.cells, english.cells), start=1):
        if ko.cell_type == "code":
            assert code_tokens(ko.source) == code_tokens(en.source), f"{chapter}: code cell {number} differs"


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda nb: nb.name)
def test_a_notebook_starts_with_its_title_and_is_a_python_notebook(notebook):
    nb = runner.read(notebook.source)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    assert nb.metadata["kernelspec"]["language"] == "python"
    assert any(c.cell_type == "code" and "assert " in c.source for c in nb.cells), "a notebook checks its results"


# --- execution --------------------------------------------------------------------------

def test_a_notebook_executes_again_byte_for_byte(site, tmp_path):
    """The runner's output is deterministic, metadata included: a notebook executed afresh equals
    the copy the build behind ``site`` cached. One notebook is enough for the runner; every
    notebook's outputs, all fourteen, are executed again from their downloads in a fresh
    environment and compared with what the site shows (test_downloads)."""
    assert all(runner.is_cached(nb) for nb in NOTEBOOKS), "the build did not execute every notebook"
    notebook = next(nb for nb in NOTEBOOKS if nb.name == "neurons.ko")
    out = notebook.executed(tmp_path)
    runner.run_execute(notebook, out)
    outputs = [o for c in nbformat.read(out, as_version=4).cells if c.cell_type == "code" for o in c.outputs]
    assert outputs and not [o for o in outputs if o.output_type == "error"]
    assert not [o for o in outputs if o.get("name") == "stderr"], "it prints warnings"
    assert out.read_bytes() == notebook.executed().read_bytes(), "execution is not deterministic"


SCRIPT = """# ---
# jupyter:
#   kernelspec: {display_name: Python 3, language: python, name: python3}
# ---

# %% [markdown]
# # A notebook

# %%
x = 1

# %%
y = x / VALUE
"""


@pytest.fixture
def sandbox(tmp_path, monkeypatch):
    """The runner working on its own notebooks folder and cache."""
    folder, cache = tmp_path / "notebooks", tmp_path / "cache"
    folder.mkdir()
    monkeypatch.setattr(runner, "NOTEBOOKS", folder)
    monkeypatch.setattr(runner, "CACHE", cache)

    for lang in ("ko", "en"):
        (folder / f"_setup.{lang}.py").write_text("# %%\nSETUP = 1\n", encoding="utf-8")

    def add(name: str, value: str = "2") -> Path:
        path = folder / f"{name}.py"
        path.write_text(SCRIPT.replace("VALUE", value), encoding="utf-8")
        return path

    return add


def executed(names=None, force=False) -> list[str]:
    lines = []
    runner.execute_notebooks(names, force=force, log=lines.append)
    return sorted(line.split()[1] for line in lines if line.startswith("notebook "))


def test_a_failing_notebook_fails_the_build_naming_the_cell_its_line_and_the_error(sandbox):
    from mkdocs.exceptions import PluginError

    sandbox("broken.en", value="0")
    plugin, config = hook.NotebookPagesPlugin(), SimpleNamespace(plugins={})
    plugin.on_pre_build(config)  # queued: the build goes on to choose its files meanwhile
    with pytest.raises(PluginError) as err:
        plugin.on_files([], config)
    message = str(err.value)
    assert re.search(r"notebook broken\.en\.py failed in cell 4 \(\S*notebooks/broken\.en\.py, line 12\)", message)
    assert "y = x / 0" in message and "ZeroDivisionError" in message
    assert "\x1b[" not in message, "the traceback is plain text, without terminal colours"


def test_a_job_given_the_page_settings_converts_the_page_as_soon_as_its_notebook_has_run(sandbox, tmp_path):
    """What the build's notebook jobs do: the page is in mkdocs-jupyter's cache, under the key it
    computes for the executed notebook, when the notebook's job ends."""
    sandbox("fine.en")
    jupyter = load_config(str(runner.ROOT / "mkdocs.yml")).plugins["nnnotes-jupyter"].config
    settings, entries = notebook_html.options(jupyter), tmp_path / "pages"
    runner.start_executing(runner.all_notebooks(), page=lambda nb: (settings, entries / nb.lang)).wait()
    executed = runner.all_notebooks()[0].executed()
    entry = notebook_html.entry(executed, jupyter, entries / "en")
    assert json.loads(entry.read_text(encoding="utf-8"))["title"] == "A notebook"
    notebook_html.convert(executed, tmp_path / "again.json", settings)
    assert entry.read_text(encoding="utf-8") == (tmp_path / "again.json").read_text(encoding="utf-8")


def test_a_page_the_job_cannot_convert_leaves_the_notebook_executed(sandbox, tmp_path):
    """The page is then converted in the build, whose error names the notebook (notebook_html)."""
    sandbox("fine.en")
    runner.start_executing(runner.all_notebooks(), page=lambda nb: ({"toc_depth": 2}, tmp_path / "pages")).wait()
    assert runner.is_cached(runner.all_notebooks()[0]) and not (tmp_path / "pages").exists()


def test_a_failing_setup_cell_is_named_in_its_own_file(sandbox):
    sandbox("a.ko")
    (runner.NOTEBOOKS / "_setup.ko.py").write_text("# %%\nimport no_such_module\n", encoding="utf-8")
    with pytest.raises(runner.NotebookError, match=r"a\.ko\.py failed in cell 2 \(\S*notebooks/_setup\.ko\.py, line 1\)"):
        executed()


def test_the_cache_executes_only_what_changed(sandbox):
    sandbox("a.ko"), sandbox("a.en")
    assert executed() == ["a.en", "a.ko"]
    assert executed() == []
    sandbox("a.en", value="4")
    assert executed() == ["a.en"]
    assert executed(["a.ko"], force=True) == ["a.ko"]
    with pytest.raises(runner.NotebookError, match=r"unknown notebook 'b.ko'; did you mean a.ko"):
        executed(["b.ko"])


def test_a_hanging_cell_is_stopped_at_the_limit_naming_the_cell(sandbox, monkeypatch):
    monkeypatch.setenv("NNNOTES_LIMIT_NOTEBOOK", "8")
    sandbox("hang.en", value="1\n" + HANG)
    with pytest.raises(runner.NotebookError, match=r"notebook \S*hang\.en\.py did not finish within its limit of 8 s, "
                                                   r"in cell 4 \(\S*hang\.en\.py, line 12\)"):
        executed()


def test_a_broken_header_names_the_notebook(sandbox):
    path = sandbox("a.en")
    path.write_text(path.read_text(encoding="utf-8").replace("kernelspec: {", "kernelspec: {{"), encoding="utf-8")
    with pytest.raises(runner.NotebookError, match=r"\S*a\.en\.py cannot be read as a notebook"):
        executed()


def test_outputs_carry_no_machine_paths_and_prints_are_merged(sandbox):
    path = sandbox("a.en")
    path.write_text(path.read_text(encoding="utf-8") + (
        "\n# %%\nimport warnings, sys\nprint('a')\nsys.stdout.flush()\nprint('b')\n"
        "warnings.warn('careful')\nprint(sys.prefix)\n"), encoding="utf-8")
    executed()
    text = runner.Notebook(path).executed(runner.CACHE).read_text(encoding="utf-8")
    assert "ipykernel_" not in text and str(ROOT) not in text and "careful" in text
    cell = nbformat.reads(text, as_version=4).cells[-1]
    assert [o.name for o in cell.outputs] == ["stdout", "stderr", "stdout"] or \
        [o.name for o in cell.outputs][:1] == ["stdout"] and cell.outputs[0].text.startswith("a\nb\n")


def test_the_setup_cell_follows_the_first_cell_and_cell_ids_are_fixed(sandbox):
    path = sandbox("a.ko")
    notebook = runner.read(path)
    assert [c.source for c in notebook.cells] == ["# A notebook", "SETUP = 1", "x = 1", "y = x / 2"]
    assert [c.id for c in notebook.cells] == ["cell-1", "cell-2", "cell-3", "cell-4"]  # pages stay identical


def test_a_changed_setup_cell_executes_its_languages_notebooks_again(sandbox):
    sandbox("a.ko"), sandbox("a.en")
    executed()
    (runner.NOTEBOOKS / "_setup.en.py").write_text("# %%\nSETUP = 2\n", encoding="utf-8")
    assert executed() == ["a.en"]


# --- the built pages --------------------------------------------------------------------

@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda nb: nb.name)
def test_a_notebook_page_shows_the_executed_notebook_and_offers_it_for_download(notebook, site):
    folder = site / hook.language_folder(notebook.lang) / "notebooks" / notebook.chapter
    html = (folder / "index.html").read_text(encoding="utf-8")
    assert 'class="jp-OutputArea' in html, "the page shows outputs"
    assert f'href="{notebook.name}.ipynb" download' in html and hook.DOWNLOAD[notebook.lang][0] in html
    assert "colab.research.google.com" not in html, "no Colab link without repo_url and colab_branch"
    download = nbformat.reads((folder / f"{notebook.name}.ipynb").read_text(encoding="utf-8"), as_version=4)
    nbformat.validate(download)
    executed = nbformat.read(notebook.executed(), as_version=4)
    assert [c.outputs for c in download.cells[1:] if c.cell_type == "code"] == \
        [c.outputs for c in executed.cells if c.cell_type == "code"], "the download carries the page's outputs"
    assert download.cells[2].source.endswith(executed.cells[1].source), "the setup cell, after the install lines"


def test_colab_links_only_for_a_github_repository_and_a_branch():
    from types import SimpleNamespace

    notebook = NOTEBOOKS[0]
    github = SimpleNamespace(repo_url="https://github.com/someone/nnnotes.git")
    assert hook.colab_url(github, notebook, "gh-pages") == (
        f"https://colab.research.google.com/github/someone/nnnotes/blob/gh-pages/"
        f"{hook.page_folder(notebook.chapter, notebook.lang)}{notebook.name}.ipynb")
    assert hook.colab_url(github, notebook, "") is None
    assert hook.colab_url(SimpleNamespace(repo_url=None), notebook, "gh-pages") is None
    assert hook.colab_url(SimpleNamespace(repo_url="https://gitlab.com/a/b"), notebook, "main") is None


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda nb: nb.name)
def test_a_notebook_page_is_light_and_loads_nothing_of_mkdocs_jupyters_own(notebook, site):
    page = site / hook.language_folder(notebook.lang) / "notebooks" / notebook.chapter / "index.html"
    html = page.read_text(encoding="utf-8")
    body = html[html.index('<div class="jupyter-wrapper">'):html.index("</article>")]
    assert "<style" not in body and "<script" not in body and "clipboard-copy" not in body
    assert "highlight-ipynb" not in body and re.search(r'<div class="highlight"><pre[^>]*><code>', body)
    plots = re.findall(r'<img [^>]*src="(plot-\d+\.png)"', body)
    assert plots and "data:image" not in body, "plots are files, not inline base64"
    assert all((page.parent / plot).read_bytes().startswith(b"\x89PNG") for plot in plots)
    assert re.search(r'<link rel="stylesheet" href="(\.\./)+assets/stylesheets/jupyter\.css">', html)
    assert page.stat().st_size < 150_000


HOSTILE = """# %% [markdown]
# # Hostile
#
# <img src="x" onerror="alert(1)"> <a href="javascript:alert(2)">link</a>
# <div onmouseover="alert(3)">hover</div><script>alert(4)</script>

# %%
show_html()
"""


def test_a_hostile_notebook_reaches_the_page_without_scripts_handlers_or_javascript_links(tmp_path):
    import jupytext
    from nbconvert import HTMLExporter

    notebook = jupytext.reads(HOSTILE, fmt="py:percent")
    notebook.cells[1].outputs = [nbformat.v4.new_output(
        "display_data", data={"text/html": '<b onclick="alert(5)">bold</b><iframe src="https://example.org"></iframe>'
                                           '<a href="JaVaScRiPt:alert(6)">x</a>'})]
    html, _ = HTMLExporter(template_name="lab").from_notebook_node(notebook)
    clean = hook.sanitized(html)
    for bad in ("onerror", "onmouseover", "onclick", "javascript:", "JaVaScRiPt", "<script", "<iframe", "alert(4)"):
        assert bad not in clean, bad
    assert "hover" in clean and "bold" in clean and "link" in clean  # the text stays


def test_the_shared_notebook_stylesheet_keeps_only_what_the_pages_use(site):
    css = (site / hook.STYLESHEET).read_text(encoding="utf-8")
    assert 20_000 > len(css) > 2_000
    for used in (".jp-OutputArea", ".jp-InputPrompt", ".jp-RenderedText", ".jp-RenderedImage", "[data-md-color-scheme=slate] .jupyter-wrapper"):
        assert used in css
    assert ".jp-FileBrowser" not in css and "--jp-icon-" not in css


def test_search_indexes_a_notebooks_prose_not_its_code(site):
    for folder in ("", "en/"):
        entries = json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
        notebook_text = " ".join(e["text"] for e in entries if e["location"].startswith("notebooks/"))
        assert "MLP" in notebook_text, "the markdown cells are indexed"
        assert "import numpy" not in notebook_text and "font_manager" not in notebook_text


def test_notebooks_are_in_the_navigation_of_both_languages(site):
    for notebook in NOTEBOOKS:
        url = f"notebooks/{notebook.chapter}/"
        home = site / hook.language_folder(notebook.lang) / "index.html"
        assert f'href="{url}"' in home.read_text(encoding="utf-8"), f"{notebook.name} is not in the nav"


def test_the_mkdocs_jupyter_cache_keeps_both_languages(site):
    cache = ROOT / ".cache" / "mkdocs-jupyter"
    for lang in ("ko", "en"):
        entries = [json.loads(p.read_text(encoding="utf-8")) for p in (cache / lang).glob("*.json")]
        assert len(entries) == len([nb for nb in NOTEBOOKS if nb.lang == lang])


class Watching:
    """A stand-in for ``mkdocs serve``'s server: its observer of file changes runs."""

    observer = SimpleNamespace(is_alive=lambda: True)


def first_run():
    """A :class:`FirstRun` whose server watches; how it starts notebooks; the names of each batch."""
    first, started = FirstRun(), []
    first.watch(Watching(), SimpleNamespace(watch=[]))

    def start(todo, **settings):
        started.append(sorted(nb.name for nb in todo))
        return runner.start_executing(todo, **settings)

    return first, start, started


def test_a_first_run_goes_behind_the_build_and_asks_the_server_to_build_again(sandbox):
    sandbox("ran.en"), sandbox("new.en", value="1\nimport os\nprint(os.nice(0))")
    ran, new = sorted(runner.all_notebooks(), key=lambda nb: nb.name != "ran.en")
    runner.execute_notebooks(["ran.en"])
    first, start, started = first_run()
    sandbox("ran.en", value="3")  # edited: it runs again before the pages, as in mkdocs build
    assert first.start([ran, new], start) == [ran]
    assert started == [["new.en"]] and first.is_running(new) and not first.is_running(ran)
    first.running.join(60)
    assert first.stamp.exists(), "the server was not asked to build again"
    assert not first.is_running(new) and runner.is_cached(new)
    last = nbformat.read(new.executed(), as_version=4).cells[-1]
    assert last.outputs[0].text == "19\n", "the notebook's kernel did not run at the lowest CPU priority"
    assert first.start([ran, new], start) == [ran, new] and started == [["new.en"]]


def test_a_failed_first_run_fails_each_build_until_its_sources_change(sandbox):
    sandbox("broken.en", value="0")
    broken = runner.all_notebooks()[0]
    first, start, started = first_run()
    assert first.start([broken], start) == []
    first.running.join(60)
    assert first.stamp.exists(), "the server was not asked to build again, to report the error"
    with pytest.raises(runner.NotebookError, match="ZeroDivisionError"):
        first.is_running(broken)
    assert first.start([broken], start) == [] and started == [["broken.en"]], "it ran again unchanged"
    with pytest.raises(runner.NotebookError):
        first.is_running(broken)
    sandbox("broken.en", value="2")
    first.start([broken], start)
    assert started == [["broken.en"], ["broken.en"]] and first.is_running(broken)
    first.running.join(60)
    assert not first.is_running(broken)


def running_jobs() -> bool:
    return bool(jobs.marked_processes(f"{jobs.Janitor.get().build}:"))


def test_a_first_run_that_a_failed_build_stopped_starts_again_with_the_next_build(sandbox):
    sandbox("slow.en", value="1\n" + HANG)
    slow = runner.all_notebooks()[0]
    first, start, started = first_run()
    for run in (1, 2):
        first.start([slow], start)
        assert len(started) == run
        bench.wait_for(running_jobs, timeout=30)
        jobs.cancel_batches()  # what a failed build does
        first.running.join(60)
        assert not first.stamp.exists(), "a stopped run asked for a build: a failing build would loop"
        assert first.is_running(slow), "a stopped run is no failure: it starts again"


def test_stopping_mkdocs_serve_stops_a_first_run(sandbox):
    """Or Ctrl-C would leave the server waiting for every queued notebook to finish."""
    sandbox("slow.en", value="1\n" + HANG)
    first, start, _ = first_run()
    first.start(runner.all_notebooks(), start)
    bench.wait_for(running_jobs, timeout=30)
    hook.NotebookPagesPlugin().on_shutdown()  # what mkdocs serve ends with
    bench.wait_for(lambda: not running_jobs(), timeout=10)
    first.running.join(10)
    assert not first.running.is_alive()
