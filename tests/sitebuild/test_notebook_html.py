"""Notebook pages converted in the background (sitebuild.notebook_html) are the pages
mkdocs-jupyter makes itself, under the key it looks for."""

from __future__ import annotations

import json
from pathlib import Path

import jinja2
import nbformat
import pytest
from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from sitebuild import notebook_html
from sitebuild.cache import ROOT


def executed_notebook(folder: Path, name: str = "demo.en.ipynb") -> Path:
    """A small executed notebook: a title, a section with a formula, code with printed output."""
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# A title\n\nSome prose.", id="cell-1"),
        nbformat.v4.new_markdown_cell("## A section\n\nThe loss $L = -\\log p$.", id="cell-2"),
        nbformat.v4.new_code_cell("print(1 + 1)", id="cell-3", execution_count=1,
                                  outputs=[nbformat.v4.new_output("stream", name="stdout", text="2\n")]),
    ])
    path = folder / "notebooks" / name  # where mkdocs-jupyter's include pattern finds it
    path.parent.mkdir(exist_ok=True)
    path.write_text(nbformat.writes(notebook), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def config():
    return load_config(str(ROOT / "mkdocs.yml"))


def test_an_entry_written_here_is_what_mkdocs_jupyter_writes_under_its_own_key(config, tmp_path):
    jupyter = config.plugins["nnnotes-jupyter"]
    executed = executed_notebook(tmp_path)
    ours = notebook_html.entry(executed, jupyter.config, tmp_path / "ours")
    notebook_html.convert(executed, ours, notebook_html.options(jupyter.config))

    jupyter.config["cache_dir"] = str(tmp_path / "theirs")
    jupyter.on_pre_build(config)
    file = File("notebooks/demo.en.ipynb", config.docs_dir, config.site_dir, config.use_directory_urls)
    file.abs_src_path = str(executed)
    page = Page(None, file, config)
    jupyter.on_pre_page(page, config, [])
    page.render(config, [])
    theirs = tmp_path / "theirs" / ours.name  # a miss: converted by mkdocs-jupyter, under its key
    assert theirs.exists(), "mkdocs-jupyter computed another key"
    assert json.loads(ours.read_text(encoding="utf-8")) == json.loads(theirs.read_text(encoding="utf-8"))
    assert "A section" in page.content and [item.title for item in page.toc] == ["A title"]


def test_a_second_notebook_reuses_the_compiled_templates_and_converts_the_same(config, tmp_path, monkeypatch):
    settings = notebook_html.options(config.plugins["nnnotes-jupyter"].config)
    executed = executed_notebook(tmp_path)
    notebook_html.convert(executed, tmp_path / "first.json", settings)
    compiled = []
    compile = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile",
                        lambda env, source, name=None, *args, **kw: compiled.append(name) or compile(env, source, name, *args, **kw))
    notebook_html.convert(executed, tmp_path / "second.json", settings)
    assert compiled == []
    assert (tmp_path / "first.json").read_text(encoding="utf-8") == (tmp_path / "second.json").read_text(encoding="utf-8")


def test_the_background_converts_every_page_it_is_given(config, tmp_path):
    settings = notebook_html.options(config.plugins["nnnotes-jupyter"].config)
    pages = [(executed_notebook(tmp_path, f"n{i}.en.ipynb"), tmp_path / "cache" / f"n{i}.json") for i in range(3)]
    background = notebook_html.Background(pages, settings)
    for executed, entry in pages:
        background.wait_for(executed)
        assert "2\n" in json.loads(entry.read_text(encoding="utf-8"))["content"]
    background.join()
    assert background.errors == []


def test_a_page_the_background_cannot_convert_is_left_to_the_build(config, tmp_path, caplog):
    broken = tmp_path / "broken.en.ipynb"
    broken.write_text("{ not a notebook", encoding="utf-8")
    entry = tmp_path / "cache" / "broken.json"
    background = notebook_html.Background([(broken, entry)], notebook_html.options(config.plugins["nnnotes-jupyter"].config))
    with caplog.at_level("INFO", logger="mkdocs.plugins.nnnotes.notebooks"):
        background.wait_for(broken)  # returns: the job has failed
    background.join()
    assert not entry.exists() and len(background.errors) == 1
    assert "broken.en.ipynb" in str(background.errors[0]) and "converting broken.en.ipynb in the build" in caplog.text
