"""MkDocs hook: make Material's JavaScript treat each language as its own site.

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
import sys
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # MkDocs loads hooks by file name, not as a package

from sitelang import LANGS, build_language, language_folder  # noqa: E402

HEAD_ALTERNATE = re.compile(r'\n?[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">')
CONFIG_BASE = re.compile(r'(<script id="__config" type="application/json">\{[^<]*?"base": ")([^"]*)(")')
INDEX = "search/search_index.json"


@event_priority(-120)  # after static-i18n (-100) and the notebooks hook (-110) settle the pages
def on_files(files, config):
    i18n = config.plugins.get("i18n")
    if i18n is not None:  # the pages static-i18n's sitemap.xml lists for this language
        i18n.i18n_files_per_language[i18n.current_language] = files.documentation_pages()
    return files


def without_head_alternates(html: str) -> str:
    return HEAD_ALTERNATE.sub("", html)


def on_post_page(output, page, config):
    output = without_head_alternates(output)
    _, folder = build_language(config)
    if folder:
        base = get_relative_url(folder, page.url).rstrip("/") or "."
        output, found = CONFIG_BASE.subn(rf"\g<1>{base}\g<3>", output, count=1)
        if not found:
            raise ValueError(f"{page.file.src_uri}: no Material __config to point at /{folder}")
    return output


_default_404: str | None = None


def on_post_template(output_content, template_name, config):
    global _default_404
    output_content = without_head_alternates(output_content)
    if template_name == "404.html":
        _, folder = build_language(config)
        if not folder:  # static-i18n builds the default language first
            _default_404 = output_content
        elif _default_404 is not None:
            return _default_404
    return output_content


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
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


@event_priority(-110)  # after static-i18n (-100), which writes the joint index after the last language
def on_post_build(config):
    split_search_index(Path(config.site_dir))
