"""Search lists only the pages of the language being read, finds a Korean word with its particle,
and lists first the section that teaches a term.

Typed into Material's search box in Chromium. Each language has its own search index
(sitebuild.languages): before, a Korean page listed English pages for "ReLU", and an
English page listed Korean pages for "gradient". The glossary's terms sit on the sections that
teach them (sitebuild.search): before, "배치 정규화" listed Further reading first and "시그모이드"
the chapter on ReLU in practice.
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


# (query, where the first result leads): the page, and the best of its sections listed under it
FIRST = {
    "/": [
        ("배치 정규화", "/training-setup/#batch-normalization"), ("시그모이드", "/activations/#sigmoid"),
        ("기울기가", "/gradient-flow/"), ("초기화를", "/training-setup/#initialization"), ("뉴런은", "/neurons/"),
        ("은닉층", "/architecture/#layers"), ("과적합을", "/capacity/#overfitting"),
        ("드롭아웃", "/losses-and-regularization/#dropout"), ("역전파", "/architecture/#backpropagation"),
        ("죽은 ReLU", "/activations/#dead-relu"), ("ReLU", "/activations/#relu"),
        ("기울기 소실", "/gradient-flow/#vanishing-gradient"), ("학습률을", "/training-setup/"),
        ("He 초기화", "/training-setup/#xavier-he"), ("무작위 탐색", "/training-setup/#random-search"),
        ("보편 근사 정리", "/capacity/#universal-approximation"), ("학습 준비", "/training-setup/"),
        ("가중치를", "/neurons/#mathematical-model"), ("batch normalization", "/training-setup/#batch-normalization"),
        ("힌지 손실", "/losses-and-regularization/#multiclass-svm"), ("L1 규제", "/losses-and-regularization/#l1"),
        ("max-norm", "/losses-and-regularization/#max-norm"), ("최대 노름 제약", "/losses-and-regularization/#max-norm"),
        ("후버 손실", "/losses-and-regularization/#outliers"), ("역 드롭아웃", "/losses-and-regularization/#inverted-dropout"),
    ],
    "/en/": [
        ("batch normalization", "/en/training-setup/#batch-normalization"), ("sigmoid", "/en/activations/#sigmoid"),
        ("gradient", "/en/gradient-flow/"), ("initialization", "/en/training-setup/#initialization"),
        ("neurons", "/en/neurons/"), ("hidden layer", "/en/architecture/#layers"),
        ("overfitting", "/en/capacity/#overfitting"), ("dropout", "/en/losses-and-regularization/#dropout"),
        ("backpropagation", "/en/architecture/#backpropagation"), ("dead ReLU", "/en/activations/#dead-relu"),
        ("ReLU", "/en/activations/#relu"), ("vanishing gradient", "/en/gradient-flow/#vanishing-gradient"),
        ("learning rate", "/en/training-setup/"), ("He initialization", "/en/training-setup/#xavier-he"),
        ("random search", "/en/training-setup/#random-search"),
        ("universal approximation theorem", "/en/capacity/#universal-approximation"),
        ("setting up training", "/en/training-setup/"), ("weight decay", "/en/losses-and-regularization/#l2"),
        ("hinge loss", "/en/losses-and-regularization/#multiclass-svm"),
        ("L1 regularization", "/en/losses-and-regularization/#l1"),
        ("max-norm", "/en/losses-and-regularization/#max-norm"),
        ("Huber loss", "/en/losses-and-regularization/#outliers"),
        ("inverted dropout", "/en/losses-and-regularization/#inverted-dropout"),
    ],
}


def path(link: str) -> str:
    """A result's URL path with its #fragment, without ``?h=``."""
    parts = urlsplit(link)
    return parts.path + (f"#{parts.fragment}" if parts.fragment else "")


def type_query(page, query: str) -> None:
    box = page.locator(".md-search__input")
    box.click()
    box.fill("")  # a tab that searched before: wait for the last results to go
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(state="detached", timeout=10_000)
    box.fill(query)
    box.press("End")  # fill() presses no key, and Material searches on key events
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)


def search(page, query: str) -> list[str]:
    """The links Material lists for ``query``, as paths."""
    type_query(page, query)
    return [path(link) for link in page.locator(".md-search-result__list a").evaluate_all("links => links.map(a => a.href)")]


def first_result(page, query: str) -> list[str]:
    """The links of the first result for ``query``: its page, then its sections, best first."""
    type_query(page, query)
    item = page.locator(".md-search-result__item").first
    return [path(link) for link in item.locator("a").evaluate_all("links => links.map(a => a.href)")]


@pytest.fixture(scope="module")
def search_tabs(new_tab):
    """A tab on each language's home page, where every search here is typed (each index loads once)."""
    tabs = {}
    for start in FIRST:
        tab = new_tab()
        tab.goto(start)
        tabs[start] = tab
    yield tabs
    for tab in tabs.values():
        tab.context.close()


@pytest.mark.parametrize(("start", "query", "expected"), QUERIES)
def test_search_lists_only_pages_in_the_language_being_read(search_tabs, start, query, expected):
    page = search_tabs[start]
    listed = {link.split("#")[0] for link in search(page, query)}
    other_language = {path for path in listed if path.startswith("/en/") != start.startswith("/en/")}
    assert expected in listed
    assert other_language == set()
    assert page.errors == []


def test_a_korean_word_is_found_with_a_particle_attached(search_tabs, site):
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
    assert only_with_particle & set(search(search_tabs["/"], "기울기"))


@pytest.mark.parametrize(("start", "query", "expected"), [(s, q, e) for s, pairs in FIRST.items() for q, e in pairs])
def test_the_first_result_is_where_the_term_is_taught(search_tabs, start, query, expected):
    links = first_result(search_tabs[start], query)
    page, _, section = expected.partition("#")
    assert links[0] == page, f"{query!r}: the first result is {links[0]}"
    if section:
        assert [link for link in links if "#" in link][:1] == [expected], f"{query!r}: {links[:3]}"
    assert search_tabs[start].errors == []


@pytest.mark.parametrize(("start", "query", "chapter", "notebook"), [
    ("/", "학습 준비", "학습 준비", "실습 노트북: 학습 준비"),
    ("/en/", "setting up training", "Setting up training", "Notebook: Setting up training"),
])
def test_a_notebook_is_titled_as_a_notebook_and_listed_after_its_chapter(search_tabs, start, query, chapter, notebook):
    page = search_tabs[start]
    type_query(page, query)
    titles = page.locator(".md-search-result__item h1").all_inner_texts()
    assert chapter in titles and notebook in titles
    assert titles.index(chapter) < titles.index(notebook)
