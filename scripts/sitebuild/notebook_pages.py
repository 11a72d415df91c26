"""The notebooks as pages in both languages (mkdocs-jupyter with static-i18n): the MkDocs
plugin ``nnnotes-notebooks``.

``docs/notebooks/NAME.LANG.py`` are jupytext notebooks. Before each build,
``sitebuild.notebooks`` executes the ones that changed into ``.cache/notebooks/``. The two
plugins do not work together out of the box: static-i18n treats a ``.py`` file as an asset
and copies it raw (static-i18n issue #198), and each language build evicts the other
language's entries from mkdocs-jupyter's cache. So this hook, once static-i18n has picked
this language's files:

- turns each notebook into the page ``notebooks/NAME/`` whose source is the executed
  notebook, which mkdocs-jupyter renders (its ``execute`` is off: it would run every
  notebook again, one after the other, on every cache miss);
- names the twin notebook in the other language, for the language switcher;
- adds ``notebooks/NAME/NAME.LANG.ipynb``, the executed notebook made to stand alone
  (``sitebuild.downloads``), a download button on the page, and ``packages/`` the wheel of
  ``nnnotes`` it installs (``sitebuild.wheel``); with ``repo_url`` on GitHub and the plugin's
  ``colab_branch`` set (the branch that holds the published site), an "Open in Colab" link;
- converts each notebook to its page in the job that ran it, as soon as it has run, and a
  notebook that ran before but whose page mkdocs-jupyter has not cached on the idle core while
  MkDocs renders the other pages (``sitebuild.notebook_html``);
- under ``mkdocs serve``, does not wait for the notebooks that have never run (a fresh clone):
  they run behind the served site, each page saying so until the server builds again with
  them (``sitebuild.first_run``);
- gives each language its own mkdocs-jupyter cache folder, writes its entries atomically
  (mkdocs-jupyter writes them in place: a killed build could cut one short, and a build
  running at the same time could read half of one), and removes an entry that cannot be read;
- sanitizes the page (``nh3``): a notebook's markdown or HTML output cannot bring scripts,
  event handlers or ``javascript:`` links onto the site;
- leaves code and printed output out of the search index (the chapters have the code; the
  index is part of every page's first visit);
- serves each plot as a file ``notebooks/NAME/plot-N.png`` (not inline base64), with the alt
  text the notebook displays with it (its ``text/plain``), its size and lazy loading;
- keeps pages light: mkdocs-jupyter inlines about 600 KB of JupyterLab CSS and a few scripts
  (a clipboard widget, MathJax and Mermaid loaders) into every page. They are removed; code
  cells become Material code blocks (its highlighting, copy button and dark mode), math is
  rendered by the site's KaTeX, and one shared ``assets/stylesheets/jupyter.css`` keeps only
  the JupyterLab rules and variables the notebook pages use, dark scheme included.

mkdocs-jupyter itself is loaded through this module, as the plugin ``nnnotes-jupyter``
(:class:`JupyterPlugin`, its plugin unchanged): its converter (nbconvert) and jupytext are
then imported only when a notebook page is not in its cache, not by every build (0.8 s).
"""

from __future__ import annotations

import base64
import importlib
import logging
import re
import sys
import types
from dataclasses import dataclass
from functools import cache, partial
from html import escape
from pathlib import Path
from urllib.parse import urljoin

import nh3
import yaml
from mkdocs.config import base, config_options
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from . import SiteError, cssprune, downloads, jobs, notebook_html
from . import notebooks as runner
from . import wheel as wheels
from .cache import CACHE, digest, read_json, writable, write_atomic
from .first_run import FirstRun, reloads
from .lang import (AFTER_I18N, LANGS, another_language_pass, build_language, build_order, language_folder,
                   languages_to_come)


class ImportedOnUse(types.ModuleType):
    """Stands in for module ``name`` in ``sys.modules``; the first use of one of its attributes
    imports the module itself (importlib's LazyLoader would run it at the next ``import`` of it)."""

    def __getattr__(self, attribute):
        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        return getattr(importlib.import_module(self.__name__), attribute)


for _name in ("jupytext", "mkdocs_jupyter.convert"):  # needed only to convert a notebook
    sys.modules.setdefault(_name, ImportedOnUse(_name))
import mkdocs_jupyter.plugin  # noqa: E402 (after the lazy imports it would otherwise run)
from mkdocs_jupyter.plugin import Plugin as JupyterPlugin  # noqa: E402,F401 (the plugin nnnotes-jupyter)

log = logging.getLogger("mkdocs.plugins.nnnotes.notebooks")
STYLESHEET = "assets/stylesheets/jupyter.css"
JUPYTER_ASSETS = Path(mkdocs_jupyter.__file__).parent / "templates" / "mkdocs_html" / "assets"
DOWNLOAD = {
    "ko": ("노트북 내려받기 (.ipynb)", "Colab에서 열기",
           "Jupyter, VS Code, Colab 어디서든 위에서부터 차례로 실행하면 된다. 필요한 패키지는 첫 코드 셀이 설치한다."),
    "en": ("Download the notebook (.ipynb)", "Open in Colab",
           "Run it top to bottom in Jupyter, VS Code or Colab; its first code cell installs what it needs."),
}
# The page of a notebook that runs for the first time under mkdocs serve: a heading and a note.
RUNNING = {
    "ko": ("실행 중", "이 노트북을 처음 실행하고 있다. 실행이 끝나면 개발 서버가 사이트를 다시 빌드하고, "
                     "이 페이지를 실행 결과와 함께 자동으로 새로고침한다."),
    "en": ("Running", "This notebook is running for the first time. When it has finished, the development "
                      "server builds the site again and reloads this page with the results."),
}
TITLE = re.compile(r"^# # (.+)$", re.MULTILINE)  # the first heading of a percent-format notebook
PACKAGES = "packages/"  # where the wheel of nnnotes is published, under the site's root
GITHUB = re.compile(r"https://github\.com/(?P<repo>[\w.-]+/[\w.-]+?)(?:\.git)?/?$")
# What mkdocs-jupyter 0.26's template puts into every page, and what replaces it.
# an element and its content, up to its end tag: the content as runs of [^<] (a lazy .*? tried
# the end tag at every character of 600 KB of CSS: 8 times slower)
INLINE = re.compile(r"<(style|script)\b[^>]*>[^<]*(?:<(?!/\1>)[^<]*)*</\1>")
CLIPBOARD = re.compile(
    r'<div class="zeroclipboard-container">.*?</clipboard-copy>\s*</div>|<div class="clipboard-copy-txt"[^>]*>.*?</div>',
    re.DOTALL,
)
CODE = re.compile(r'<div class="highlight-ipynb hl-python"><pre><span></span>(.*?)</pre></div>', re.DOTALL)
IMAGE = re.compile(r'<img alt="No description has been provided for this image"(?P<attrs>[^>]*?) src="data:image/png;base64,[^"]+"')
HEADING = re.compile(r'(<h[1-6] id=")[^"]*(">.*?<a class="anchor-link" href="#)[^"]*(")', re.DOTALL)
# What a notebook page may contain: what nbconvert writes for markdown, code and outputs.
SAFE_TAGS = nh3.ALLOWED_TAGS | {"div", "span", "pre", "code", "img", "figure", "figcaption", "details", "summary"}
SAFE_ATTRIBUTES = {
    "*": {"class", "id", "title", "lang", "dir", "tabindex", "aria-hidden", "aria-label"},
    "a": {"href"}, "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"align", "colspan", "rowspan"}, "th": {"align", "colspan", "rowspan", "scope"},
    "ol": {"start"},
}


@dataclass(frozen=True)
class Plot:
    """An image a notebook displayed: its PNG bytes and the text shown with it (its alt)."""

    png: bytes
    alt: str

    @property
    def size(self) -> tuple[int, int]:
        """Width and height in pixels, from the PNG's IHDR chunk."""
        return int.from_bytes(self.png[16:20], "big"), int.from_bytes(self.png[20:24], "big")


class NotebookPage(File):
    """A notebook's page: a documentation page whose source is the executed ``.ipynb``."""

    notebook: runner.Notebook
    plots: list[Plot]

    def is_documentation_page(self) -> bool:
        return True


def page_folder(chapter: str, lang: str) -> str:
    """Where a notebook's page, its download and its plots go: ``[LANG/]notebooks/NAME/``."""
    return f"{language_folder(lang)}notebooks/{chapter}/"


def page_uri(chapter: str, lang: str) -> str:
    return page_folder(chapter, lang) + "index.html"


class RunningNotebookPage(File):
    """A notebook's page under ``mkdocs serve`` while the notebook runs for the first time
    (``sitebuild.first_run``): its title and a note, Markdown."""

    def is_documentation_page(self) -> bool:
        return True


def notebook_page(file: File, notebook: runner.Notebook, config) -> NotebookPage:
    """The page of ``notebook``, keeping the i18n metadata that static-i18n gave ``file``."""
    page = NotebookPage(file.src_uri, config.docs_dir, config.site_dir, config.use_directory_urls,
                        dest_uri=page_uri(notebook.chapter, notebook.lang))
    page.abs_src_path = str(notebook.executed())
    page.notebook = notebook
    page.plots = plots(notebook.executed(), notebook.executed().stat().st_mtime_ns)
    return in_language(page, file, notebook, config)


def running_page(file: File, notebook: runner.Notebook, config) -> RunningNotebookPage:
    """The page of ``notebook`` while it runs for the first time: its title (the first heading
    of its source) and a note that the page reloads with the results."""
    title = TITLE.search(notebook.source.read_text(encoding="utf-8"))
    heading, note = RUNNING[notebook.lang]
    content = f'# {title[1] if title else notebook.chapter}\n\n!!! info nb-running "{heading}"\n\n    {note}\n'
    page = RunningNotebookPage.generated(config, file.src_uri, content=content)
    page.dest_uri = page_uri(notebook.chapter, notebook.lang)
    return in_language(page, file, notebook, config)


def in_language(page: File, file: File, notebook: runner.Notebook, config) -> File:
    """``page`` with the i18n metadata that static-i18n gave ``file``, the twin in the other
    language named for the language switcher."""
    page.locale = page.localization = page.locale_alternate_of = notebook.lang
    page.norm_src_uri = file.norm_src_uri
    page.alternates = {notebook.lang: page}
    for lang in LANGS:
        twin = runner.NOTEBOOKS / f"{notebook.chapter}.{lang}.py"
        if lang != notebook.lang and twin.exists():
            page.alternates[lang] = File(twin.relative_to(config.docs_dir).as_posix(), config.docs_dir,
                                         config.site_dir, config.use_directory_urls,
                                         dest_uri=page_uri(notebook.chapter, lang))
    return page


def download_name(notebook: runner.Notebook) -> str:
    return f"{notebook.name}.ipynb"  # NAME.LANG.ipynb: the two languages never share a file name


def front_matter_title(page: Path) -> str:
    text = page.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])["title"]


def download_file(notebook: runner.Notebook, config, wheel: wheels.Wheel) -> File:
    """``notebooks/NAME/NAME.LANG.ipynb``: the executed notebook, made to stand alone."""
    folder = page_folder(notebook.chapter, notebook.lang)
    site_url = config.site_url or "/"
    home = urljoin(site_url, language_folder(notebook.lang))
    chapter_page = Path(config.docs_dir) / f"{notebook.chapter}.{notebook.lang}.md"
    content = downloads.download(
        notebook.executed(), lang=notebook.lang, page_url=urljoin(site_url, folder), site=config.site_name, home=home,
        chapter=front_matter_title(chapter_page), chapter_url=urljoin(home, f"{notebook.chapter}/"),
        wheel=wheel, wheel_url=urljoin(site_url, PACKAGES + wheel.name),
    )
    uri = folder + download_name(notebook)
    file = File.generated(config, uri, content=content)
    file.dest_uri = uri
    return file


def colab_url(config, notebook: runner.Notebook, branch: str) -> str | None:
    """Where Colab opens the published download, when the site's repository is on GitHub."""
    repo = GITHUB.match(config.repo_url or "")
    if not (repo and branch):
        return None
    path = page_folder(notebook.chapter, notebook.lang) + download_name(notebook)
    return f"https://colab.research.google.com/github/{repo['repo']}/blob/{branch}/{path}"


def toc_anchors(toc) -> list[str]:
    """The anchors of a table of contents, in document order."""
    return [anchor for item in toc for anchor in (item.id, *toc_anchors(item.children))]


def match_toc(html: str, toc) -> str:
    """Give the notebook's headings the ids its table of contents links to.

    mkdocs-jupyter makes the two with different slug functions, which disagree on Korean
    headings (``1`` in the page, ``_1`` in the table of contents).
    """
    anchors = iter(toc_anchors(toc))
    return HEADING.sub(lambda m: f"{m[1]}{(anchor := next(anchors, ''))}{m[2]}{anchor}{m[3]}", html)


@cache
def plots(executed: Path, stamp: int) -> list[Plot]:
    """Every image output of an executed notebook, in order, with its plain-text twin as alt
    (``stamp``, the file's mtime, keys the cache)."""
    import nbformat

    notebook = nbformat.read(executed, as_version=4)
    return [Plot(base64.b64decode(output.data["image/png"]), output.data.get("text/plain", ""))
            for cell in notebook.cells if cell.cell_type == "code"
            for output in cell.outputs if "image/png" in output.get("data", {})]


def plot_uri(notebook: runner.Notebook, number: int) -> str:
    return page_folder(notebook.chapter, notebook.lang) + f"plot-{number}.png"


def with_plot_files(html: str, plots: list[Plot]) -> str:
    """Each inline image as its file ``plot-N.png`` with the notebook's alt text, its size and
    lazy loading (nbconvert inlines it in base64, with an English stand-in alt and no size)."""
    numbered = iter(enumerate(plots, start=1))

    def image(match: re.Match) -> str:
        number, plot = next(numbered)
        width, height = plot.size
        return (f'<img alt="{escape(plot.alt)}"{match["attrs"]} width="{width}" height="{height}" '
                f'loading="lazy" decoding="async" src="plot-{number}.png"')

    return IMAGE.sub(image, html)


def light_html(html: str) -> str:
    """mkdocs-jupyter's page body without its inline styles and scripts; code as Material code blocks."""
    html = CLIPBOARD.sub("", INLINE.sub("", html))
    return CODE.sub(r'<div class="highlight"><pre><code>\1</code></pre></div>', html)


def jupyter_stylesheet(classes: frozenset[str]) -> str:
    """JupyterLab's notebook CSS (light; dark under Material's slate scheme), pruned to ``classes``;
    kept in ``.cache/jupyter-css/`` by the classes and mkdocs-jupyter's version."""
    light = (JUPYTER_ASSETS / "index.css").read_text(encoding="utf-8") + (JUPYTER_ASSETS / "theme-light.css").read_text(encoding="utf-8")
    # theme-dark.css is one rule, ``.jupyter-wrapper{--jp-…}``: scoped by a prefix
    dark = "[data-md-color-scheme=slate] " + (JUPYTER_ASSETS / "theme-dark.css").read_text(encoding="utf-8")
    cached = CACHE / "jupyter-css" / f"{digest(light, dark, *sorted(classes))}.css"
    if not cached.exists():
        write_atomic(writable(cached.parent) / cached.name, cssprune.prune(light + dark, classes))
    return cached.read_text(encoding="utf-8")


class NotebookPagesConfig(base.Config):
    # The branch of repo_url that holds the published site (e.g. gh-pages): Colab opens the
    # downloads from it. Unset (the default), the pages have no Colab link.
    colab_branch = config_options.Type(str, default="")


def sanitized(html: str) -> str:
    """``html`` with only the tags, attributes and URL schemes a notebook page needs."""
    return nh3.clean(html, tags=SAFE_TAGS, attributes=SAFE_ATTRIBUTES, generic_attribute_prefixes={"data-"},
                     url_schemes={"http", "https", "mailto"}, clean_content_tags={"script", "style"},
                     link_rel=None, strip_comments=True)


class AtomicCacheEntry(type(Path())):
    """A path whose ``write_text`` replaces the file atomically (for mkdocs-jupyter's cache)."""

    def write_text(self, data, encoding=None, errors=None, newline=None):
        write_atomic(self, data)
        return len(data)


def atomic_cache_entry(cache_dir, cache_key) -> Path:
    """mkdocs-jupyter's ``_get_cache_path``, returning an :class:`AtomicCacheEntry`."""
    return AtomicCacheEntry(cache_dir) / f"{cache_key}.json"


def jupyter_cache(lang: str) -> Path:
    """mkdocs-jupyter's cache folder for the pages of ``lang``."""
    return CACHE / "mkdocs-jupyter" / lang


def drop_unreadable(folder: Path) -> None:
    """Remove each entry of mkdocs-jupyter's cache that cannot be read (it is rendered again)."""
    for entry in folder.glob("*.json") if folder.is_dir() else ():
        cached = read_json(entry, "mkdocs-jupyter cache entry")
        if not (isinstance(cached, dict) and "content" in cached and "toc_tokens" in cached):
            entry.unlink(missing_ok=True)


def convert_in_background(notebooks: list[runner.Notebook], lang: str, jupyter) -> notebook_html.Background:
    """Start converting the pages of ``notebooks`` (in ``lang``) that mkdocs-jupyter (its config
    ``jupyter``) has not cached, in the order the pages render; none when it would execute the
    notebooks itself."""
    drop_unreadable(jupyter_cache(lang))
    pages = [] if jupyter["execute"] else [
        (nb.executed(), notebook_html.entry(nb.executed(), jupyter, jupyter_cache(lang))) for nb in notebooks]
    return notebook_html.Background([(executed, entry) for executed, entry in pages if not entry.exists()],
                                    notebook_html.options(jupyter))


class NotebookPagesPlugin(BasePlugin[NotebookPagesConfig]):
    """Execute the notebooks that changed, then show each as a page in its language."""

    def __init__(self):
        super().__init__()
        self.used_classes: set[str] = set()  # by the notebook pages of this build, both languages
        self.executing: jobs.Batch | None = None  # queued before the build (behind the figures and claims)
        self.converting = notebook_html.Background([], {})
        self.first_run: FirstRun | None = None  # under mkdocs serve: the notebooks that never ran

    def on_startup(self, *, command, dirty):  # (its presence keeps the plugin across serve's builds)
        self.first_run = FirstRun() if reloads(command) else None

    def on_serve(self, server, config, builder):
        if self.first_run is not None:
            self.first_run.watch(server, config)
        return server

    def on_pre_build(self, config):
        if not another_language_pass(config):  # queued for every language, in the order they build
            order = build_order(config)
            notebooks = sorted(runner.all_notebooks(), key=lambda nb: order.index(nb.lang))
            jupyter = config.plugins["nnnotes-jupyter"].config if "nnnotes-jupyter" in config.plugins else None
            # Each job converts its notebook's page as soon as it has run: the conversions
            # left at the end of a language's pages took the English pages 1.4 s longer.
            page = None if jupyter is None or jupyter["execute"] else (
                lambda nb: (notebook_html.options(jupyter), jupyter_cache(nb.lang)))
            start = partial(runner.start_executing, log=log.info, page=page)
            try:
                if self.first_run is not None:
                    notebooks = self.first_run.start(notebooks, start)
                self.executing = start(notebooks)
            except SiteError as err:
                raise PluginError(str(err)) from None

    def on_pre_page(self, page, config, files):
        if isinstance(page.file, NotebookPage):
            self.converting.wait_for(page.file.notebook.executed())
        return page

    @event_priority(AFTER_I18N)  # once static-i18n has chosen this language's files
    def on_files(self, files, config):
        lang, folder = build_language(config)
        # The notebooks of the languages built so far, executed; this language's then converted.
        # Those of the languages to come run on while this one's pages render: waiting for them
        # all, a cold build left a core idle 4 s longer.
        later, notebooks = languages_to_come(config), runner.all_notebooks()
        try:
            self.executing.wait([nb for nb in notebooks if nb.lang not in later])
            running = [nb for nb in notebooks if nb.lang == lang and self.first_run and self.first_run.is_running(nb)]
        except SiteError as err:
            raise PluginError(str(err)) from None
        self.converting.join()  # the language before: every page of it rendered
        self.converting = convert_in_background([nb for nb in notebooks if nb.lang == lang and nb not in running],
                                                lang, config.plugins["nnnotes-jupyter"].config)
        config.plugins["nnnotes-jupyter"].config["cache_dir"] = str(jupyter_cache(lang))
        mkdocs_jupyter.plugin._get_cache_path = atomic_cache_entry  # 0.26.3: its one way to a cache entry
        wheel = wheels.build_wheel()
        if not folder:  # one wheel at the site's root, for both languages
            package = File.generated(config, PACKAGES + wheel.name, content=wheel.data)
            package.dest_uri = PACKAGES + wheel.name
            files.append(package)
        sources = {nb.source.relative_to(config.docs_dir).as_posix(): nb for nb in runner.all_notebooks()}
        for file in list(files):
            notebook = sources.get(file.src_uri)
            if notebook is None or notebook.lang != lang:
                continue
            files.remove(file)
            if notebook in running:
                files.append(running_page(file, notebook, config))
                continue
            page = notebook_page(file, notebook, config)
            files.append(page)
            files.append(download_file(notebook, config, wheel))
            for number, plot in enumerate(page.plots, start=1):
                uri = plot_uri(notebook, number)
                image = File.generated(config, uri, content=plot.png)
                image.dest_uri = uri
                files.append(image)
        return files

    def on_page_content(self, html, page, config, files):
        if not isinstance(page.file, NotebookPage):
            return html
        html = match_toc(light_html(html), page.toc)
        html = sanitized(with_plot_files(html, page.file.plots))
        # Material's search parser ends an exclusion at the first closing tag of the same name, so
        # mark the innermost blocks: code and printed output, each a <pre> without a <pre> inside.
        html = html.replace("<pre>", "<pre data-search-exclude>")
        self.used_classes.update(cssprune.used_classes(html))
        notebook = page.file.notebook
        label, colab_label, hint = DOWNLOAD[notebook.lang]
        colab = colab_url(config, notebook, self.config.colab_branch)
        colab_link = f' <a class="md-button" href="{colab}">{colab_label}</a>' if colab else ""
        button = (f'<p class="nb-download"><a class="md-button" href="{download_name(notebook)}" '
                  f'download>{label}</a>{colab_link} {hint}</p>')
        head, h1, rest = html.partition("</h1>")
        return head + h1 + button + rest if h1 else button + html

    def on_post_page(self, output, page, config):
        if not isinstance(page.file, NotebookPage):
            return output
        link = f'<link rel="stylesheet" href="{get_relative_url(STYLESHEET, page.url)}">'
        return output.replace("</head>", f"{link}\n</head>", 1)

    def on_build_error(self, error):
        jobs.cancel_batches()  # the build has failed: no job of it goes on

    def on_shutdown(self):
        jobs.cancel_batches()  # mkdocs serve has stopped (Ctrl-C): no first run goes on behind it

    def on_post_build(self, config):
        self.converting.join()
        if self.used_classes:
            path = Path(config.site_dir) / STYLESHEET
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(jupyter_stylesheet(frozenset(self.used_classes)), encoding="utf-8")
