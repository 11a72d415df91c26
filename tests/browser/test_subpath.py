"""The site as GitHub Pages publishes a project (tests/published.py): under a path, with the
repository's links. Built with ``NNNOTES_SITE_URL=http://127.0.0.1:PORT/nnnotes/`` and
``NNNOTES_REPO_URL=https://github.com/example/nnnotes`` and served under ``/nnnotes/`` only: a link
that leaves the path is a 404. No link leaves the path; search, the language menu, and the edit
and report links work. That every page loads there with no error and asks no other host for
anything (the edit and report links are links, Material does not fetch the repository's stars)
is checked by the page audit (test_pages.py), which visits this build.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from published import PREFIX, REPO

pytestmark = pytest.mark.site  # a strict build of its own: not for make test-fast


@pytest.fixture
def tab(tab_on, published_site):
    opened = tab_on(published_site[1])
    yield opened
    opened.context.close()


def test_no_link_leaves_the_path(published_site):
    folder, _ = published_site
    outside = set()
    for page in folder.rglob("*.html"):
        for url in re.findall(r'(?:href|src)="(/[^"/][^"]*|/)"', page.read_text(encoding="utf-8")):
            if not url.startswith(PREFIX):
                outside.add(f"{page.relative_to(folder)}: {url}")
    assert outside == set()


@pytest.mark.parametrize(("start", "query", "first"), [
    (PREFIX, "은닉층", f"{PREFIX}architecture/"), (f"{PREFIX}en/", "hidden layer", f"{PREFIX}en/architecture/")])
def test_search_works_under_the_path(tab, start, query, first):
    tab.goto(start)
    box = tab.locator(".md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    result = tab.locator(".md-search-result__item a").first
    result.wait_for(timeout=10_000)
    assert urlsplit(result.get_attribute("href")).path == first
    assert tab.errors == []


def test_the_language_menu_stays_under_the_path(tab):
    tab.goto(f"{PREFIX}neurons/")
    tab.locator(".md-header__option .md-select").hover()
    tab.locator('a.md-select__link[hreflang="en"]').click()
    tab.wait_for_url(f"**{PREFIX}en/neurons/")
    assert tab.errors == []


@pytest.mark.parametrize(("path", "source"), [
    (f"{PREFIX}activations/", "docs/activations.ko.md"), (f"{PREFIX}en/activations/", "docs/activations.en.md"),
    (f"{PREFIX}en/notebooks/capacity/", "docs/notebooks/capacity.en.py")])
def test_each_page_links_to_edit_its_own_file(tab, path, source):
    tab.goto(path)
    assert tab.locator('article a[rel="edit"]').get_attribute("href") == f"{REPO}/edit/main/{source}"
    assert tab.locator("header a.md-source").get_attribute("href") == REPO


def test_report_a_mistake_names_the_page_and_quotes_the_selected_passage(tab, published_site):
    _, base = published_site
    tab.goto(f"{PREFIX}en/training-setup/")
    report = tab.locator("article a[data-nn-report]")
    query = parse_qs(urlsplit(report.get_attribute("href")).query)
    assert query["title"] == ["[Mistake] Setting up training"]
    assert query["body"][0].startswith(f"Page: {base}en/training-setup/\n")
    paragraph = tab.locator("#random-search ~ p").first
    paragraph.scroll_into_view_if_needed()
    paragraph.evaluate("p => getSelection().selectAllChildren(p)")
    quote = paragraph.inner_text().strip().splitlines()[0]
    report.focus()  # the link is completed when it is used
    body = parse_qs(urlsplit(report.get_attribute("href")).query)["body"][0]
    title = tab.locator("#random-search").inner_text().replace("¶", "").strip()
    assert f"Section: {title} ({base}en/training-setup/#random-search)" in body
    assert f"> {quote}" in body and body.rstrip().endswith("What is wrong, and how?")
    assert tab.errors == [] and tab.external == []
