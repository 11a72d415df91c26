"""Make Material's JavaScript treat each language as its own site: the MkDocs plugin
``nnnotes-languages``.

static-i18n builds both languages into one site (Korean at ``/``, English at ``/en/``), while
Material's JavaScript expects one MkDocs site per language. What went wrong, and what the hook
does about it:

- **sitemap.xml 404s.** Material fetches ``sitemap.xml`` next to every
  ``<link rel="alternate" hreflang>`` in the page head, taking each to be a language's root.
  static-i18n points those links at the page's twin, so every page asked for
  ``/PAGE/sitemap.xml`` and ``/en/PAGE/sitemap.xml`` and got 404 (the script only uses them to
  redirect a click on the language menu, which static-i18n's twin links already do). The hook
  drops those head links. The language menu keeps its twin links, and search engines still get
  every page's hreflang twins from static-i18n's ``sitemap.xml``, which the hook makes list the
  notebook pages too (static-i18n takes its list of pages before the notebooks hook adds them).
- **One search index for both languages.** The search plugin writes one
  ``search/search_index.json`` holding both languages' pages, and every page loads it from its
  ``base`` (the site root), so a Korean query listed English pages too. After the last build,
  the hook splits that index: Korean pages stay in ``search/search_index.json``, English pages
  go to ``en/search/search_index.json`` with locations relative to ``/en/``. Each English page's
  ``base`` (used by Material's script only for the search index, search result links and the
  sitemap) is set to ``/en/``. Its asset links do not use it, so they are unchanged.
- **The 404 page.** The site has one ``404.html``, which each language's build writes in turn,
  so it ended up in English with a language menu pointing at the last page built. The hook
  keeps the default language's, whose menu points at each language's home.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.utils import get_relative_url

from .cache import write_atomic
from .lang import AFTER_I18N, LANGS, build_language, language_folder

HEAD_ALTERNATE = re.compile(r'\n?[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')
INDEX = "search/search_index.json"


def without_head_alternates(html: str) -> str:
    """``html`` without its head's hreflang links (the body is not searched: it is most of the page).

    >>> without_head_alternates('<head>\\n  <link rel="alternate" href="/en/" hreflang="en">\\n</head><body>x</body>')
    '<head>\\n</head><body>x</body>'
    """
    head_end = html.find("</head>")
    return HEAD_ALTERNATE.sub("", html[:head_end]) + html[head_end:] if head_end >= 0 else HEAD_ALTERNATE.sub("", html)


def split_search_index(site_dir: Path) -> None:
    """Move every non-default language's entries into ``LANG/search/search_index.json``.

    Idempotent: it runs after each language's build, and static-i18n rewrites the joint
    index after the last one.
    """
    joint = site_dir / INDEX
    if not joint.exists():
        return
    index = json.loads(joint.read_text(encoding="utf-8"))
    for lang in LANGS:
        folder = language_folder(lang)
        if not folder:
            continue
        docs = [doc for doc in index["docs"] if doc["location"].startswith(folder)]
        if not docs:
            continue
        index["docs"] = [doc for doc in index["docs"] if not doc["location"].startswith(folder)]
        own = {
            "config": {**index["config"], "lang": [lang]},
            "docs": [{**doc, "location": doc["location"].removeprefix(folder)} for doc in docs],
        }
        write_index(site_dir / folder / INDEX, own)
    write_index(joint, index)


def write_index(path: Path, index: dict) -> None:
    write_atomic(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")))


class LanguagesPlugin(BasePlugin):
    """Per-language search index, sitemap and 404 page; no hreflang head links."""

    def __init__(self):
        super().__init__()
        self.default_404: str | None = None

    # After static-i18n and the notebook pages (listed before this plugin) settle the pages.
    @event_priority(AFTER_I18N)
    def on_files(self, files, config):
        i18n = config.plugins.get("i18n")
        if i18n is not None:  # the pages static-i18n's sitemap.xml lists for this language
            i18n.i18n_files_per_language[i18n.current_language] = files.documentation_pages()
        return files

    def on_post_page(self, output, page, config):
        output = without_head_alternates(output)
        _, folder = build_language(config)
        if folder:
            base = get_relative_url(folder, page.url).rstrip("/") or "."
            output, found = CONFIG_BASE.subn(rf"\g<1>{base}\g<3>", output, count=1)
            if not found:
                raise ValueError(f"{page.file.src_uri}: no Material __config to point at /{folder}")
        return output

    def on_post_template(self, output_content, template_name, config):
        output_content = without_head_alternates(output_content)
        if template_name == "404.html":
            _, folder = build_language(config)
            if not folder:  # static-i18n builds the default language first
                self.default_404 = output_content
            elif self.default_404 is not None:
                return self.default_404
        return output_content

    @event_priority(AFTER_I18N)  # after static-i18n, which writes the joint index after the last language
    def on_post_build(self, config):
        split_search_index(Path(config.site_dir))
