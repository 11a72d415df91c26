"""Typeset every formula at build time with KaTeX, so no page runs JavaScript for math: the
MkDocs plugin ``nnnotes-math``.

KaTeX is the vendored ``katex.min.js``, run in QuickJS::

    >>> katex = KaTeX(cache_file=None)
    >>> html = katex.render(r"\\sigma'(0) = 1/4", display=False)
    >>> html.startswith('<span class="katex">') and "<math" in html
    True

Three kinds of math reach the pages' HTML: what ``pymdownx.arithmatex`` (generic mode) leaves
in ``.arithmatex`` elements as ``\\( … \\)`` and ``\\[ … \\]``; ``\\( … \\)`` in the raw-HTML
figure captions, which arithmatex does not see; and ``$ … $`` / ``$$ … $$`` in the markdown
cells of notebook pages. Each is replaced by KaTeX's HTML and MathML; pages load only KaTeX's
stylesheet and the fonts a formula uses. Search leaves formulas out. A formula KaTeX cannot
typeset stops the build, naming the page. Renders are cached by expression, display mode and
KaTeX version in ``.cache/katex.json``, so a warm build renders nothing.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from . import SiteError
from .cache import CACHE, ROOT, read_json, write_atomic
from .lang import AFTER_I18N, build_language, every_language_built

KATEX = ROOT / "docs" / "assets" / "katex"
CACHE_FILE = CACHE / "katex.json"


ARITHMATEX = re.compile(r'(<(span|div) class="arithmatex"[^>]*>)(.*?)(</\2>)', re.DOTALL)
ARITHMATEX_OPEN = re.compile(r'<(span|div) class="arithmatex">')
DELIMITED = re.compile(r"\\\[(.+?)\\\]|\\\((.+?)\\\)", re.DOTALL)  # \[ display \], \( inline \)
# In a notebook's markdown cell: code left as it is, $$ display $$, $ inline $
DOLLARS = re.compile(r"(<(pre|code)\b.*?</\2>)|\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.DOTALL)
CAPTION = re.compile(r"(<figcaption\b[^>]*>)(.*?)(</figcaption>)", re.DOTALL)
NOTEBOOK_MARKDOWN = re.compile(r'<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>')
DIV = re.compile(r"<(/?)div\b[^>]*>")


def typeset(katex: KaTeX, text: str, pattern: re.Pattern) -> str:
    """``text`` with every match of ``pattern`` typeset: group 1 as display math, group 2 inline."""

    def render(match: re.Match) -> str:
        display = match[1] is not None
        return katex.render(html.unescape(match[1] if display else match[2]).strip(), display=display)

    return pattern.sub(render, text)


def typeset_inside(katex: KaTeX, page_html: str, container: re.Pattern, pattern: re.Pattern) -> str:
    """Typeset the ``pattern`` math inside each ``container`` element (groups: open, body, close)."""
    return container.sub(lambda m: m[1] + typeset(katex, m[2], pattern) + m[3], page_html)


def typeset_dollars(katex: KaTeX, text: str) -> str:
    """``text`` with its ``$ … $`` and ``$$ … $$`` typeset, except inside ``<pre>`` and ``<code>``."""

    def render(match: re.Match) -> str:
        if match[1] is not None:
            return match[1]
        display = match[3] is not None
        return katex.render(html.unescape(match[3] if display else match[4]).strip(), display=display)

    return DOLLARS.sub(render, text)


def typeset_notebook_markdown(katex: KaTeX, page_html: str) -> str:
    """Typeset the math of each markdown cell of a notebook page. A cell ends at the ``</div>``
    that matches its opening tag: a code block inside it is a ``<div>`` of its own."""
    pieces, done = [], 0
    for cell in NOTEBOOK_MARKDOWN.finditer(page_html):
        depth, end = 1, len(page_html)
        for tag in DIV.finditer(page_html, cell.end()):
            depth += -1 if tag[1] else 1
            if depth == 0:
                end = tag.start()
                break
        pieces += [page_html[done : cell.end()], typeset_dollars(katex, page_html[cell.end() : end])]
        done = end
    return "".join(pieces) + page_html[done:]


class MathError(SiteError):
    """KaTeX could not typeset an expression; the message has the expression and KaTeX's reason."""


class KaTeX:
    """KaTeX's ``renderToString`` with a cache; HTML for the eye plus MathML for screen readers."""

    def __init__(self, cache_file: Path | None = CACHE_FILE):
        self.version = (KATEX / "VERSION").read_text(encoding="utf-8").split(",")[0]
        self.cache_file = cache_file
        self.renders: dict[str, str] = {}
        cached = read_json(cache_file, "KaTeX cache") if cache_file is not None else None
        if isinstance(cached, dict) and cached.get("version") == self.version:
            self.renders = cached.get("renders", {})
        self.used: set[str] = set()
        self.saved = set(self.renders)  # the keys the cache file holds
        self._render = None

    def render(self, tex: str, *, display: bool) -> str:
        key = f"{'display' if display else 'inline'}:{tex}"
        self.used.add(key)
        if key not in self.renders:
            self.renders[key] = self._typeset(tex, display)
        return self.renders[key]

    def _typeset(self, tex: str, display: bool) -> str:
        import quickjs

        if self._render is None:  # QuickJS compiles KaTeX in about 30 ms
            context = quickjs.Context()
            context.eval((KATEX / "katex.min.js").read_text(encoding="utf-8"))
            self._render = context.eval(
                "(tex, display) => katex.renderToString(tex, {displayMode: display, throwOnError: true})"
            )
        try:
            return self._render(tex, display)
        except quickjs.JSException as err:
            reason = str(err).splitlines()[0]  # without QuickJS's stack trace
            raise MathError(f"KaTeX cannot typeset {tex!r}: {reason}") from None

    def save(self) -> None:
        """Write the renders used since the cache was last reset (atomically)."""
        if self.cache_file is None or self.used == self.saved:
            return
        kept = {key: self.renders[key] for key in sorted(self.used)}
        write_atomic(self.cache_file, json.dumps({"version": self.version, "renders": kept}, ensure_ascii=False))
        self.saved = set(self.used)


class MathPlugin(BasePlugin):
    """Typeset the math of every page after the search plugin has read it."""

    katex: KaTeX | None = None

    def on_pre_build(self, config):
        if self.katex is None:
            self.katex = KaTeX()
        if not build_language(config)[1]:  # the default language is built first
            self.katex.used.clear()

    def on_page_content(self, page_html, page, config, files):
        """Keep formulas out of the search index: TeX source finds nothing a reader types."""
        return ARITHMATEX_OPEN.sub(r'<\1 class="arithmatex" data-search-exclude>', page_html)

    # After the search plugin has read the page (on_page_context), which then parses a tenth
    # of the HTML.
    def on_post_page(self, page_html, page, config):
        katex = self.katex
        try:
            page_html = ARITHMATEX.sub(lambda m: m[1] + typeset(katex, m[3], DELIMITED) + m[4], page_html)
            page_html = typeset_inside(katex, page_html, CAPTION, DELIMITED)
            return typeset_notebook_markdown(katex, page_html)
        except MathError as err:
            raise PluginError(f"{page.file.src_uri}: {err}") from None

    @event_priority(AFTER_I18N - 10)  # after static-i18n has built the other languages
    def on_post_build(self, config):
        if not every_language_built(config):
            return
        try:
            self.katex.save()
        except SiteError as err:
            raise PluginError(str(err)) from None
