"""The built site: strict build, both languages, figures, no other host, links, anchors."""

from __future__ import annotations

import re
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.utils.yaml import yaml_load

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGS = ("ko", "en")
FIGURE_LINK = re.compile(r"figures/([\w-]+)\.svg")


def pages(lang: str) -> set[str]:
    """Page paths without their language suffix, e.g. ``index.md``."""
    return {
        p.relative_to(DOCS).as_posix().replace(f".{lang}.md", ".md")
        for p in DOCS.rglob(f"*.{lang}.md")
        if "assets" not in p.relative_to(DOCS).parts
    }


def html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html" or p.parent == site)


# --- both languages ---------------------------------------------------------------------

def test_every_markdown_file_carries_a_language_suffix():
    stray = [
        p.relative_to(DOCS).as_posix()
        for p in DOCS.rglob("*.md")
        if "assets" not in p.relative_to(DOCS).parts and not p.name.endswith((".ko.md", ".en.md"))
    ]
    assert stray == []


def test_every_page_exists_in_both_languages():
    assert pages("ko") == pages("en")


def nav_titles(nav) -> list[str]:
    titles = []
    for item in nav:
        if isinstance(item, dict):
            for title, target in item.items():
                titles.append(title)
                if isinstance(target, list):
                    titles += nav_titles(target)
    return titles


PYTHON_FENCE = re.compile(r"^```python[^\n]*\n(.*?)^```", re.MULTILINE | re.DOTALL)


def test_a_translation_changes_prose_never_code():
    for korean in DOCS.rglob("*.ko.md"):
        english = korean.with_name(korean.name.replace(".ko.md", ".en.md"))
        ko_code, en_code = (PYTHON_FENCE.findall(p.read_text(encoding="utf-8")) for p in (korean, english))
        assert ko_code == en_code, f"{korean.relative_to(DOCS)}: the code differs between the languages"


def test_every_nav_title_is_translated():
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        config = yaml_load(f)
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    english = next(lang for lang in i18n["languages"] if lang["locale"] == "en")
    translations = english.get("nav_translations", {})
    titles = nav_titles(config["nav"])
    assert titles
    assert [t for t in titles if t not in translations] == []
    assert english.get("site_name") and english["site_name"] != config["site_name"]


def test_built_pages_exist_in_both_languages(site):
    korean = {p.relative_to(site) for p in site.rglob("index.html") if p.relative_to(site).parts[:1] != ("en",)}
    english = {p.relative_to(site / "en") for p in (site / "en").rglob("index.html")}
    assert korean and korean == english


class Links(HTMLParser):
    """Collects (tag, attribute, value) for every URL-valued attribute, and every id."""

    URL_ATTRS = {"src", "href", "srcset", "data", "poster", "action", "formaction"}

    def __init__(self):
        super().__init__()
        self.urls: list[tuple[str, dict]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if self.URL_ATTRS & attrs.keys():
            self.urls.append((tag, attrs))


@cache
def parse(path: Path) -> Links:
    """A page's URLs and ids (pages do not change during a test run)."""
    links = Links()
    links.feed(path.read_text(encoding="utf-8"))
    return links


def resolve(site: Path, page: Path, href: str) -> Path:
    """The file an internal link on ``page`` points to (a folder means its index.html)."""
    path = urlsplit(href).path
    target = site / path.lstrip("/") if path.startswith("/") else (page.parent / path) if path else page
    target = target.resolve()
    return target / "index.html" if target.is_dir() else target


def test_language_switcher_leads_to_the_twin_page(site):
    for ko_page in (p for p in site.rglob("index.html") if p.relative_to(site).parts[:1] != ("en",)):
        en_page = site / "en" / ko_page.relative_to(site)
        for page, lang, twin in ((ko_page, "en", en_page), (en_page, "ko", ko_page)):
            switcher = [resolve(site, page, attrs["href"]) for tag, attrs in parse(page).urls
                        if tag == "a" and attrs.get("hreflang") == lang]
            assert switcher == [twin.resolve()], f"{page.relative_to(site)}: language link to {lang} is {switcher}"


ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.S)
HEADING = re.compile(r"<(h[2-6])\b[^>]*\bid=")


def test_twin_notebooks_have_the_same_headings(site):
    """What the language menu relies on to keep the reader's place in a notebook (its heading ids
    come from translated titles, so the menu carries the heading's number): the same levels in the
    same order in both languages."""
    notebooks = sorted((site / "notebooks").rglob("index.html"))
    assert notebooks
    for ko_page in notebooks:
        levels = {lang: HEADING.findall(ARTICLE.search(page.read_text(encoding="utf-8"))[1])
                  for lang, page in (("ko", ko_page), ("en", site / "en" / ko_page.relative_to(site)))}
        assert len(levels["ko"]) >= 2 and levels["ko"] == levels["en"], ko_page.relative_to(site)


# --- figures ----------------------------------------------------------------------------

def referenced_figures() -> dict[str, set[str]]:
    """figure name -> pages (with suffix) that link it."""
    refs: dict[str, set[str]] = {}
    for page in DOCS.rglob("*.md"):
        for name in FIGURE_LINK.findall(page.read_text(encoding="utf-8")):
            refs.setdefault(name, set()).add(page.relative_to(DOCS).as_posix())
    return refs


def test_every_linked_figure_has_a_script_and_is_linked_from_both_languages():
    refs = referenced_figures()
    assert refs, "no page links a figure"
    scripts = {p.stem.removeprefix("plot_") for p in (ROOT / "scripts" / "figures").glob("*/plot_*.py")}
    for name, linking in refs.items():
        assert name in scripts, f"figures/{name}.svg is linked from {linking} but no plot_{name}.py exists"
        langs = {page.rsplit(".", 2)[-2] for page in linking}
        assert langs == set(LANGS), f"figure {name} is linked only from {sorted(linking)}"


def test_every_figure_is_built_in_its_language(site):
    for name in referenced_figures():
        korean = (site / "figures" / f"{name}.svg").read_bytes()
        english = (site / "en" / "figures" / f"{name}.svg").read_bytes()
        assert korean.startswith(b"<?xml") and english.startswith(b"<?xml")
        assert korean != english, f"figure {name}: the Korean and English versions are identical"


# --- privacy: nothing from another host -------------------------------------------------

def is_external(url: str) -> bool:
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme not in ("", "data", "mailto", "javascript")


LOADING = {"script", "img", "iframe", "source", "video", "audio", "embed", "object", "track", "input"}
LOADING_REL = {"stylesheet", "icon", "preload", "prefetch", "modulepreload", "manifest", "preconnect",
               "dns-prefetch", "apple-touch-icon", "shortcut"}


def urls_of(attrs: dict) -> list[tuple[str, str]]:
    """``(attribute, URL)`` for every URL an element's attributes name (each candidate of a srcset)."""
    found = [(attr, attrs[attr].strip()) for attr in Links.URL_ATTRS - {"srcset"} if attrs.get(attr)]
    candidates = re.split(r",\s+", (attrs.get("srcset") or "").strip())
    return found + [("srcset", candidate.split()[0]) for candidate in candidates if candidate]


def test_no_page_loads_anything_from_another_host(site):
    offenders = []
    for page in html_pages(site):
        for tag, attrs in parse(page).urls:
            rels = set(attrs.get("rel", "").lower().split())
            if tag in LOADING or (tag == "link" and rels & LOADING_REL):
                offenders += [f"{page.relative_to(site)}: <{tag} {attr}={url}>"
                              for attr, url in urls_of(attrs) if is_external(url)]
    assert offenders == []


CSS_URL = re.compile(r"(?:url\(\s*['\"]?|@import\s+['\"])([^'\")\s]+)")


def stylesheet_urls(site: Path) -> list[tuple[Path, str]]:
    """``(stylesheet, URL)`` for every ``url()`` and ``@import`` in the site's stylesheets."""
    return [(css, url) for css in site.rglob("*.css")
            for url in CSS_URL.findall(css.read_text(encoding="utf-8", errors="replace"))]


def test_no_stylesheet_imports_from_another_host(site):
    offenders = [f"{css.relative_to(site)}: {url}" for css, url in stylesheet_urls(site) if is_external(url)]
    assert offenders == []


def test_no_page_mentions_a_font_or_analytics_service(site):
    banned = ("fonts.googleapis", "fonts.gstatic", "googletagmanager", "google-analytics", "cdn.jsdelivr", "unpkg.com")
    offenders = [
        f"{page.relative_to(site)}: {word}"
        for page in html_pages(site)
        for word in banned
        if word in page.read_text(encoding="utf-8")
    ]
    assert offenders == []


# --- links and anchors ------------------------------------------------------------------

def is_local(url: str) -> bool:
    """A URL naming a file of the site (not another host, not data:, mailto:, a fragment alone)."""
    return not is_external(url) and not url.startswith(("data:", "mailto:", "javascript:", "#"))


def test_every_file_a_page_names_exists_and_every_anchor_too(site):
    """Every local URL of every page (links, images, scripts, stylesheets, icons, srcset
    candidates) names a file of the site, and a link into a page names one of its ids."""
    broken = []
    for page in html_pages(site):
        for tag, attrs in parse(page).urls:
            for attr, url in urls_of(attrs):
                if not is_local(url):
                    continue
                target, fragment = resolve(site, page, url), urlsplit(url).fragment
                if not target.exists():
                    broken.append(f"{page.relative_to(site)}: <{tag} {attr}={url}> names no file")
                elif tag == "a" and fragment and target.suffix == ".html" and fragment not in parse(target).ids:
                    broken.append(f"{page.relative_to(site)}: <a href={url}> names no anchor of that page")
    assert broken == []


def test_every_file_a_stylesheet_names_exists(site):
    names = [(css, url) for css, url in stylesheet_urls(site) if is_local(url)]
    assert [f"{css.relative_to(site)}: {url}" for css, url in names if not resolve(site, css, url).exists()] == []
