"""Each language is a site of its own to Material's JavaScript (sitebuild.languages).

Checked on the built files; tests/browser/ checks the same in Chromium (no sitemap.xml 404,
search lists one language).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

from mkdocs.utils.yaml import yaml_load

from sitebuild.lang import build_order, languages_to_come

ROOT = Path(__file__).resolve().parents[2]
CONFIG_BASE = re.compile(r'<script id="__config" type="application/json">\{[^<]*?"base": "([^"]*)"')


def page_urls(site: Path, english: bool) -> set[str]:
    """URL paths relative to the language's home: ``""``, ``neurons/``, ``notebooks/neurons/``…"""
    root = site / "en" if english else site
    urls = {p.parent.relative_to(root).as_posix() + "/" for p in root.rglob("index.html")}
    urls = {"" if url == "./" else url for url in urls}
    return urls if english else {url for url in urls if not url.startswith("en/")}


def index_pages(index_file: Path) -> tuple[dict, set[str]]:
    index = json.loads(index_file.read_text(encoding="utf-8"))
    return index, {doc["location"].split("#")[0] for doc in index["docs"]}


def test_each_language_has_a_search_index_of_its_own_pages(site):
    korean_index, korean = index_pages(site / "search" / "search_index.json")
    english_index, english = index_pages(site / "en" / "search" / "search_index.json")
    assert korean == page_urls(site, english=False)
    assert english == page_urls(site, english=True)  # so no location starts with en/
    assert english_index["config"]["lang"] == ["en"]
    assert "ko" in korean_index["config"]["lang"]


def test_each_page_loads_the_search_index_of_its_language(site):
    wrong = []
    for page in site.rglob("index.html"):
        base = CONFIG_BASE.search(page.read_text(encoding="utf-8")).group(1)
        home = site / "en" if page.relative_to(site).parts[0] == "en" else site
        if (page.parent / base).resolve() != home.resolve():
            wrong.append(f"{page.relative_to(site)}: base {base}")
    assert wrong == []


def test_no_page_head_names_an_alternate_language(site):
    """Material's script fetches sitemap.xml next to each <link rel=alternate hreflang>."""
    pattern = re.compile(r"<link[^>]*rel=\"alternate\"[^>]*hreflang")
    offenders = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def site_url() -> str:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as f:
        return yaml_load(f)["site_url"]


def test_the_sitemap_pairs_every_page_with_its_twin(site):
    """With no hreflang in the pages' heads, sitemap.xml is where search engines find the twins."""
    root = site_url()
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    pairs = {}
    for url in ET.parse(site / "sitemap.xml").getroot().findall("s:url", ns):
        twins = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", ns)}
        pairs[url.find("s:loc", ns).text] = twins
    expected = {}
    for page in page_urls(site, english=False):
        twins = {"ko": urljoin(root, page), "en": urljoin(root, "en/" + page)}
        expected[twins["ko"]] = expected[twins["en"]] = twins
    assert pairs == expected


def test_the_404_page_is_in_the_default_language_and_links_both_homes(site):
    html = (site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="ko"' in html
    menu = re.findall(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link"', html)
    home = urlsplit(site_url()).path
    assert menu == [(home, "ko"), (home + "en/", "en")]


def test_the_languages_to_come_follow_static_i18ns_order_the_default_first():
    """What a build's pass waits for before its pages (its notebooks and those of the passes before)."""
    def config(current):
        i18n = SimpleNamespace(default_language="ko", build_languages=["en", "ko"], current_language=current)
        return SimpleNamespace(plugins={"i18n": i18n})

    assert build_order(config("ko")) == ["ko", "en"]
    assert languages_to_come(config("ko")) == ["en"] and languages_to_come(config("en")) == []
    assert languages_to_come(SimpleNamespace(plugins={})) == []
