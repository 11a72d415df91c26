"""A first visit downloads what the reader sees (#16): the narrow figures on a phone and the wide
ones on a desktop, the search index only once the reader reaches for search, and no more than
400 KB compressed for the heaviest page (``training-setup``: ``make bench-site`` measures every
content page). Served gzip-compressed, as static hosts serve it (``sitebuild.bench``)."""

from __future__ import annotations

import pytest

from sitebuild.bench import VIEWPORTS, WEIGHT_BUDGETS, serve_static

HEAVIEST = "training-setup/"
INDEX = "search/search_index.json"


@pytest.fixture(scope="module")
def compressed_base(site):
    server, base = serve_static(site)
    yield base
    server.shutdown()


@pytest.mark.parametrize("root", ["", "en/"], ids=["ko", "en"])
@pytest.mark.parametrize("screen", VIEWPORTS)
def test_a_first_visit_loads_only_what_the_reader_sees(browser, compressed_base, root, screen):
    context = browser.new_context(viewport=VIEWPORTS[screen])
    page = context.new_page()
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(f"{compressed_base}{root}{HEAVIEST}", wait_until="networkidle")

    figures = [request.url for request in finished if "/figures/" in request.url]
    narrow = screen == "phone"
    assert figures, "the first figure is above the fold"
    assert all(url.endswith(".narrow.svg") == narrow for url in figures), figures
    assert not any(request.url.endswith(INDEX) for request in finished), "the index waits for a search"
    sent = sum(request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"] for request in finished)
    assert sent <= WEIGHT_BUDGETS["chapter"], f"{sent / 1000:.0f} KB"

    with page.expect_response(lambda response: response.url.endswith(f"{root}{INDEX}")):
        page.locator("label[for=__search]" if narrow else ".md-search__input").first.click()
    page.keyboard.type("ReLU")
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    context.close()


def test_a_search_result_followed_highlights_at_once(browser, compressed_base):
    """A result link carries ``?h=``: the page it opens loads the index to highlight the words."""
    context = browser.new_context()
    page = context.new_page()
    with page.expect_response(lambda response: response.url.endswith(INDEX)):
        page.goto(f"{compressed_base}{HEAVIEST}?h=초기화")
    page.locator("article mark").first.wait_for(timeout=10_000)
    context.close()
