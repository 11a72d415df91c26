"""Search lists only the pages of the language being read, and finds a Korean word with its particle.

Typed into Material's search box in Chromium. Each language has its own search index
(sitebuild.languages): before, a Korean page listed English pages for "ReLU", and an
English page listed Korean pages for "gradient".
"""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

QUERIES = [  # (page searched from, query, a page that must be listed)
    ("/", "기울기", "/gradient-flow/"),
    ("/", "배치 정규화", "/training-setup/"),
    ("/", "ReLU", "/relu-in-practice/"),
    ("/en/", "gradient", "/en/gradient-flow/"),
    ("/en/", "batch normalization", "/en/training-setup/"),
    ("/en/", "ReLU", "/en/relu-in-practice/"),
]


def search(page, query: str) -> list[str]:
    """The links Material lists for ``query``: URL paths with their #fragment, without ``?h=``."""
    box = page.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # fill() presses no key, and Material searches on key events
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    links = page.locator(".md-search-result__list a").evaluate_all("links => links.map(a => a.href)")
    return [urlsplit(link).path + (f"#{urlsplit(link).fragment}" if urlsplit(link).fragment else "") for link in links]


@pytest.mark.parametrize(("start", "query", "expected"), QUERIES)
def test_search_lists_only_pages_in_the_language_being_read(page, start, query, expected):
    page.goto(start)
    listed = {link.split("#")[0] for link in search(page, query)}
    other_language = {path for path in listed if path.startswith("/en/") != start.startswith("/en/")}
    assert expected in listed
    assert other_language == set()
    assert page.errors == []


def test_a_korean_word_is_found_with_a_particle_attached(page, site):
    """lunr has no Korean analyser, so 기울기가 is one word in the index; Material matches every
    word of the query as a prefix, so 기울기 still finds the sections that only say 기울기가, 기울기를…"""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    only_with_particle = set()
    for doc in index["docs"]:
        text = re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}")
        section = "#" in doc["location"]  # Material lists a section's page with it whether it matched or not
        if section and re.search(r"기울기[가-힣]", text) and not re.search(r"기울기(?![가-힣])", text):
            only_with_particle.add("/" + doc["location"])
    assert only_with_particle, "no section of the Korean index says 기울기 only with a particle"
    page.goto("/")
    assert only_with_particle & set(search(page, "기울기"))
