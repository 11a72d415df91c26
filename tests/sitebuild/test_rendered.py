"""Each Markdown page is converted once and reused while what it is made of holds (sitebuild.rendered).

A small MkDocs project with only this plugin, built in this process: the test counts the
conversions MkDocs' own ``Page.render`` does.
"""

from __future__ import annotations

import logging

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.structure.pages import Page

from sitebuild import rendered

PAGES = {
    "index.md": "# Home\n\nSee [the other page](other.md#kept) and `code`.\n\n```python\nx = 1\n```\n",
    "other.md": "# Other\n\n## Kept\n\nText.\n",
}


@pytest.fixture
def project(tmp_path, monkeypatch):
    """``build()`` builds the project (strict) and returns the pages MkDocs converted; ``write``
    changes a page."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: t\nstrict: true\nplugins: [nnnotes-rendered]\n"
        "markdown_extensions: [toc, pymdownx.superfences, pymdownx.highlight]\nvalidation: {anchors: warn}\n")
    monkeypatch.setattr(rendered, "PAGES", tmp_path / "rendered.json")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")  # the theme's build date
    converted = []
    convert = Page.render

    def counting_render(page, config, files):
        converted.append(page.file.src_uri)
        convert(page, config, files)
    monkeypatch.setattr(Page, "render", counting_render)

    def build_site() -> list[str]:
        converted.clear()
        config = load_config(str(tmp_path / "mkdocs.yml"))
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        return sorted(converted)

    def write(name: str, text: str) -> None:
        (docs / name).write_text(text, encoding="utf-8")

    return build_site, write, tmp_path / "site"


def test_a_second_build_converts_nothing_and_writes_the_same_site(project):
    build_site, _, site = project
    assert build_site() == ["index.md", "other.md"]
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")}
    written = rendered.PAGES.stat().st_mtime_ns
    assert build_site() == []
    assert rendered.PAGES.stat().st_mtime_ns == written  # the same entries: the file is not written again
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*.html")} == first
    assert 'id="kept"' in (site / "other" / "index.html").read_text()


def test_an_edited_page_alone_is_converted_again(project):
    build_site, write, site = project
    build_site()
    write("other.md", PAGES["other.md"] + "\nMore text.\n")
    assert build_site() == ["other.md"]
    assert "More text." in (site / "other" / "index.html").read_text()


def test_a_new_page_converts_the_pages_again_since_a_link_may_now_resolve(project):
    build_site, write, _ = project
    build_site()
    write("third.md", "# Third\n")
    assert build_site() == ["index.md", "other.md", "third.md"]


def test_a_page_that_warned_is_not_kept_so_strict_fails_every_time(project, caplog):
    build_site, write, _ = project
    write("index.md", "# Home\n\nA [broken link](missing.md).\n")
    for _ in range(2):
        with caplog.at_level(logging.WARNING), pytest.raises(Abort):
            build_site()
        assert "missing.md" in caplog.text
        caplog.clear()


def test_a_kept_page_still_warns_about_an_anchor_that_went_away(project, caplog):
    build_site, write, _ = project
    build_site()
    write("other.md", "# Other\n\nNo heading here now.\n")
    with caplog.at_level(logging.WARNING), pytest.raises(Abort):
        assert build_site() == ["other.md"]  # index.md is reused, with the links it holds
    assert "#kept" in caplog.text


def test_only_the_converters_warnings_count_not_another_librarys():
    with rendered.counting_warnings() as warnings:
        logging.getLogger("mkdocs.structure.pages").warning("a link to a missing page")
        logging.getLogger("MARKDOWN").warning("an extension failed")
        logging.getLogger("traitlets").warning("Could not destroy zmq context")  # a finalizer run by a collection
    assert warnings.count == 2
