"""MkDocs hook: typeset every formula at build time, so no page runs JavaScript for math.

Three kinds of math reach the pages' HTML: what ``pymdownx.arithmatex`` (generic mode) leaves
in ``.arithmatex`` elements as ``\\( … \\)`` and ``\\[ … \\]``; ``\\( … \\)`` in the raw-HTML
figure captions, which arithmatex does not see; and ``$ … $`` / ``$$ … $$`` in the markdown
cells of notebook pages. Each is replaced by KaTeX's HTML and MathML (``scripts/mathrender.py``);
pages load only KaTeX's stylesheet and the fonts a formula uses. Search leaves formulas out. A formula KaTeX cannot
typeset stops the build, naming the page.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # MkDocs loads hooks by file name, not as a package

from mathrender import KaTeX, MathError  # noqa: E402
from sitelang import build_language  # noqa: E402

ARITHMATEX = re.compile(r'(<(span|div) class="arithmatex"[^>]*>)(.*?)(</\2>)', re.DOTALL)
ARITHMATEX_OPEN = re.compile(r'<(span|div) class="arithmatex">')
DELIMITED = re.compile(r"\\\[(.+?)\\\]|\\\((.+?)\\\)", re.DOTALL)  # \[ display \], \( inline \)
DOLLARS = re.compile(r"\$\$(.+?)\$\$|\$([^$\n]+?)\$", re.DOTALL)  # $$ display $$, $ inline $
CAPTION = re.compile(r"(<figcaption\b[^>]*>)(.*?)(</figcaption>)", re.DOTALL)
NOTEBOOK_MARKDOWN = re.compile(r'(<div class="[^"]*\bjp-RenderedMarkdown\b[^"]*"[^>]*>)(.*?)(</div>)', re.DOTALL)
katex: KaTeX | None = None


def typeset(text: str, pattern: re.Pattern) -> str:
    """``text`` with every match of ``pattern`` typeset: group 1 as display math, group 2 inline."""

    def render(match: re.Match) -> str:
        display = match[1] is not None
        return katex.render(html.unescape(match[1] if display else match[2]).strip(), display=display)

    return pattern.sub(render, text)


def typeset_inside(page_html: str, container: re.Pattern, pattern: re.Pattern) -> str:
    """Typeset the ``pattern`` math inside each ``container`` element (groups: open, body, close)."""
    return container.sub(lambda m: m[1] + typeset(m[2], pattern) + m[3], page_html)


def on_pre_build(config):
    global katex
    if katex is None:
        katex = KaTeX()
    if not build_language(config)[1]:  # the default language is built first
        katex.used.clear()


def on_page_content(page_html, page, config, files):
    """Keep formulas out of the search index: TeX source finds nothing a reader types."""
    return ARITHMATEX_OPEN.sub(r'<\1 class="arithmatex" data-search-exclude>', page_html)


# After the search plugin has read the page (on_page_context), which then parses a tenth of
# the HTML.
def on_post_page(page_html, page, config):
    try:
        page_html = ARITHMATEX.sub(lambda m: m[1] + typeset(m[3], DELIMITED) + m[4], page_html)
        page_html = typeset_inside(page_html, CAPTION, DELIMITED)
        return typeset_inside(page_html, NOTEBOOK_MARKDOWN, DOLLARS)
    except MathError as err:
        raise PluginError(f"{page.file.src_uri}: {err}") from None


def on_post_build(config):
    katex.save()
