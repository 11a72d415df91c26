"""Convert the executed notebooks to their pages' HTML away from MkDocs' one core: in the job
that ran each, or on the idle core while MkDocs renders the other pages.

MkDocs renders pages one after another, on one core; a notebook page is converted by
mkdocs-jupyter (nbconvert), about half a second each, half of the page-rendering time of a cold
build. So a build's notebook job converts its notebook as soon as it has run (``sitebuild.notebooks``,
``--page``), and before a language's pages render, :class:`Background` starts a job per core
(``sitebuild.jobs``) that convert each of that language's notebooks whose page is still not in
mkdocs-jupyter's cache for it (``sitebuild.notebook_pages``), in the order the pages render.
A notebook page waits until its entry is written, then mkdocs-jupyter finds it in its cache.
An entry the job could not write is converted by mkdocs-jupyter as usual (its error, if any,
names the notebook).

The entry is mkdocs-jupyter's (0.26): under the key it computes from the executed notebook and
its options, ``{"content", "toc_tokens", "title"}`` made by the same two calls it makes on a
cache miss. ``tests/sitebuild/test_notebook_html.py`` checks that a page built from an entry
written here equals the page mkdocs-jupyter converts itself.

    python -m sitebuild.notebook_html OPTIONS EXECUTED ENTRY [EXECUTED ENTRY ...]
"""

from __future__ import annotations

import functools
import json
import logging
import os
import sys
import threading
import time
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

from . import SiteError, jobs
from .cache import TEMPLATES, writable, write_atomic

# mkdocs-jupyter's options that shape a notebook page (its cache key hashes the same ones).
CONVERTER_OPTIONS = ("kernel_name", "theme", "allow_errors", "show_input", "no_input", "no_prompt",
                     "remove_tag_config", "highlight_extra_classes", "include_requirejs", "custom_mathjax_url")
log = logging.getLogger("mkdocs.plugins.nnnotes.notebooks")


def options(jupyter_config) -> dict:
    """The options of the plugin ``nnnotes-jupyter`` (mkdocs-jupyter) that :func:`convert` needs."""
    return {**{name: jupyter_config[name] for name in CONVERTER_OPTIONS}, "toc_depth": jupyter_config["toc_depth"]}


def entry(executed: Path, jupyter_config, cache_dir: Path) -> Path:
    """Where mkdocs-jupyter looks for the page of ``executed`` (its cache key, execution off)."""
    from mkdocs_jupyter.plugin import _compute_cache_key

    return cache_dir / f"{_compute_cache_key(executed, jupyter_config, False)}.json"


@functools.cache
def _compile_templates_once() -> None:
    """Keep nbconvert's compiled templates in Jinja's bytecode cache (``.cache/jinja/``).
    mkdocs-jupyter makes an nbconvert exporter, and with it a Jinja environment, for each
    notebook, which compiled the same templates again: a third of a notebook's conversion."""
    from nbconvert.exporters.templateexporter import TemplateExporter

    templates = FileSystemBytecodeCache(str(writable(TEMPLATES)))
    create = TemplateExporter._create_environment

    @functools.wraps(create)
    def with_compiled_templates(exporter):
        environment = create(exporter)
        environment.bytecode_cache = templates
        return environment

    TemplateExporter._create_environment = with_compiled_templates


def convert(executed: Path, to: Path, settings: dict) -> None:
    """Write mkdocs-jupyter's cache entry for the page of ``executed`` to ``to``."""
    from mkdocs_jupyter import convert as converter
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    _compile_templates_once()
    settings = dict(settings)
    toc_depth = settings.pop("toc_depth")
    content = converter.nb2html(str(executed), execute=False, **settings)
    toc_tokens, title = _get_nb_toc_tokens(str(executed), toc_depth)
    write_atomic(to, json.dumps({"content": content, "toc_tokens": toc_tokens, "title": title}))


class Background:
    """Jobs converting ``pages`` (``[(executed notebook, cache entry)]``), one per core, dealt
    in turn in the order given (the first pages are ready first)."""

    def __init__(self, pages: list[tuple[Path, Path]], settings: dict):
        self.entries = dict(pages)
        self.errors: list[SiteError] = []
        count = min(len(pages), os.cpu_count() or 1)
        # Daemons: a build that fails before the notebook pages does not wait for them.
        self.threads = [threading.Thread(target=self._run, args=(pages[i::count], settings), daemon=True)
                        for i in range(count)]
        for thread in self.threads:
            thread.start()

    def _run(self, pages: list[tuple[Path, Path]], settings: dict) -> None:
        argv = [sys.executable, "-m", "sitebuild.notebook_html", json.dumps(settings)]
        try:
            jobs.run(argv + [str(path) for page in pages for path in page], kind="notebook_html",
                     name=f"converting {', '.join(executed.name for executed, _ in pages)}")
        except SiteError as err:
            self.errors.append(err)

    def wait_for(self, executed: Path) -> None:
        """Return once the page of ``executed`` is converted, or the jobs have ended without it."""
        to = self.entries.get(executed)
        while to is not None and not to.exists() and any(thread.is_alive() for thread in self.threads):
            time.sleep(0.02)
        if to is not None and not to.exists():
            log.info(f"converting {executed.name} in the build: {'; '.join(map(str, self.errors))}")

    def join(self) -> None:
        for thread in self.threads:
            thread.join()


def main(argv: list[str]) -> int:
    if len(argv) < 3 or len(argv) % 2 == 0:
        print(__doc__.rsplit("\n\n", 1)[1].strip(), file=sys.stderr)
        return 2
    settings = json.loads(argv[0])
    for executed, to in zip(argv[1::2], argv[2::2]):
        jobs.report(f"converting {Path(executed).name}")
        convert(Path(executed), Path(to), settings)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
