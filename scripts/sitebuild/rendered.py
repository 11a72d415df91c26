"""Each Markdown page converted to HTML once, not at every build: the MkDocs plugin ``nnnotes-rendered``.

Converting the pages' Markdown (Python-Markdown, Pygments for the code, the toc) was a third
of a warm build and of every ``mkdocs serve`` reload, though an edit changes one page. A
page's conversion is kept in ``.cache/rendered.json`` under a key of everything it is made
of, and reused while the key holds:

- the page's Markdown as the converter receives it (after every plugin's ``on_page_markdown``:
  claims, settings and figures filled in), its source path and address;
- every file of the build with its address, since the converter rewrites links to them and
  warns about broken ones;
- the Markdown configuration (extensions and their settings, addresses, link validation) and
  the versions of the packages that convert.

A conversion that logged a warning is not kept: the next build converts the page again and
warns again, so ``--strict`` still fails on it. Notebook pages are left to mkdocs-jupyter,
which keeps its own cache.
"""

from __future__ import annotations

import json
import logging
from contextlib import contextmanager

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import get_toc

from .cache import CACHE, KeptEntries, digest, package_versions
from .lang import AFTER_I18N, every_language_built

PAGES = CACHE / "rendered.json"
CONVERTERS = ("mkdocs", "markdown", "pymdown-extensions", "pygments", "mkdocs-material")


# The loggers a page's conversion warns through: MkDocs' (what --strict counts; Material's and the
# plugins' are below it) and Python-Markdown's (pymdownx and Pygments log nothing). Not any other: a
# garbage collection during a conversion can run another library's finalizer, which may warn (a
# Jupyter client left by an earlier notebook run).
CONVERTER_LOGGERS = {"mkdocs", "MARKDOWN"}


class WarningCounter(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = set()  # a record that reaches both loggers is one warning

    def emit(self, record):
        if record.name.split(".")[0] in CONVERTER_LOGGERS:
            self.records.add(record)

    @property
    def count(self) -> int:
        return len(self.records)


@contextmanager
def counting_warnings():
    """Counts what the converters log at WARNING or above (MkDocs' logger does not propagate)."""
    counter = WarningCounter()
    loggers = [logging.getLogger(), logging.getLogger("mkdocs")]
    for logger in loggers:
        logger.addHandler(counter)
    try:
        yield counter
    finally:
        for logger in loggers:
            logger.removeHandler(counter)


def toc_tokens(items) -> list[dict]:
    """A table of contents as the tokens ``mkdocs.structure.toc.get_toc`` reads."""
    return [{"level": i.level, "id": i.id, "name": i.title, "children": toc_tokens(i.children)} for i in items]


def config_key(config) -> str:
    """What of the configuration a page's conversion depends on."""
    settings = {name: config[name] for name in ("markdown_extensions", "mdx_configs", "use_directory_urls", "validation")}
    links_kept = logging.getLogger("mkdocs").getEffectiveLevel() > logging.DEBUG  # MkDocs keeps a page's links then
    return digest(package_versions(*CONVERTERS), json.dumps(settings, sort_keys=True, default=repr), str(links_kept))


def files_key(files) -> str:
    """Every file of the build and its address (a link to it is rewritten to that address)."""
    return digest(json.dumps(sorted((f.src_uri, f.dest_uri, f.url, str(f.inclusion)) for f in files)))


class RenderedPlugin(BasePlugin):
    def on_startup(self, *, command, dirty):
        self.pages = KeptEntries(PAGES, "the rendered pages")

    @event_priority(AFTER_I18N - 10)  # the files of the language being built
    def on_files(self, files, config):
        self.build_key = digest(config_key(config), files_key(files))
        return files

    @event_priority(-100)  # after mkdocs-jupyter has given its notebook pages their own render
    def on_pre_page(self, page, config, files):
        if "render" not in vars(page):  # a Markdown page
            page.render = lambda config, files: self.render(page, config, files)
        return page

    def render(self, page, config, files) -> None:
        key = digest(self.build_key, page.file.src_uri, page.url, page.markdown)
        kept = self.pages.get(key)
        if kept is None:
            with counting_warnings() as warnings:
                type(page).render(page, config, files)
            if warnings.count == 0:
                self.pages.put(key, {
                    "content": page.content, "toc": toc_tokens(page.toc), "title": page._title_from_render,
                    "anchors": sorted(page.present_anchor_ids),
                    "links": None if page.links_to_anchors is None else
                    {f.src_uri: links for f, links in page.links_to_anchors.items()},
                })
            return
        page.content, page.toc = kept["content"], get_toc(kept["toc"])
        page._title_from_render = kept["title"]
        page.present_anchor_ids = set(kept["anchors"])
        if kept["links"] is not None:
            page.links_to_anchors = {files.get_file_from_path(uri): links for uri, links in kept["links"].items()}

    @event_priority(AFTER_I18N - 10)
    def on_post_build(self, config):
        if every_language_built(config):
            self.pages.save()
