"""The site as GitHub Pages publishes a project: under a path, with the repository's links.

Built with ``NNNOTES_SITE_URL=http://127.0.0.1:PORT/nnnotes/`` and
``NNNOTES_REPO_URL=https://github.com/example/nnnotes`` (.github/workflows/pages.yml sets both)
and served under ``/nnnotes/`` only: a link that leaves the path is a 404. Every page loads with no
error and asks no other host for anything (the edit and report links are links, Material does not
fetch the repository's stars); search, the language menu, and the edit and report links work.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
PREFIX = "/nnnotes/"
REPO = "https://github.com/example/nnnotes"
LOCAL_HOST = "127.0.0.1"
pytestmark = pytest.mark.site  # a strict build of its own: not for make test-fast


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOCAL_HOST, 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def project_site(serve):
    """``(folder, base URL)``: the site built for and served at ``http://127.0.0.1:PORT/nnnotes/``."""
    port = free_port()
    root = Path(tempfile.mkdtemp(prefix="test-subpath-", dir=ROOT / ".cache"))
    out = root / PREFIX.strip("/")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "NNNOTES_SITE_URL": f"http://{LOCAL_HOST}:{port}{PREFIX}",
           "NNNOTES_REPO_URL": REPO}
    env.pop("NNNOTES_REPO_BRANCH", None)
    proc = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
                          cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, f"strict build failed:\n{proc.stderr}"
    serve(root, port)  # root/nnnotes/ is the site: nothing is served outside /nnnotes/
    yield out, f"http://{LOCAL_HOST}:{port}{PREFIX}"
    shutil.rmtree(root)


@pytest.fixture
def tab(tab_on, project_site):
    opened = tab_on(project_site[1])
    yield opened
    opened.context.close()


def pages(folder: Path) -> list[str]:
    return sorted(PREFIX + p.relative_to(folder).as_posix().removesuffix("index.html") for p in folder.rglob("index.html"))


def test_no_link_leaves_the_path(project_site):
    folder, _ = project_site
    outside = set()
    for page in folder.rglob("*.html"):
        for url in re.findall(r'(?:href|src)="(/[^"/][^"]*|/)"', page.read_text(encoding="utf-8")):
            if not url.startswith(PREFIX):
                outside.add(f"{page.relative_to(folder)}: {url}")
    assert outside == set()


def test_every_page_loads_under_the_path_with_nothing_from_another_host(tab, tab_on, project_site):
    """Two tabs take turns: while one loads a page, the other's page fetches what its scripts ask
    for after load (the search index), until the network is idle."""
    folder, base = project_site
    visited = pages(folder)
    assert len(visited) > 20
    tabs = [tab, tab_on(base)]
    try:
        settling = None
        for path, loading in zip(visited, itertools.cycle(tabs)):
            loading.goto(path)
            if settling:
                settling.wait_for_load_state("networkidle")
            settling = loading
        settling.wait_for_load_state("networkidle")
        assert [t.errors for t in tabs] == [[], []] and [t.external for t in tabs] == [[], []]
    finally:
        tabs[1].context.close()


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


def test_report_a_mistake_names_the_page_and_quotes_the_selected_passage(tab, project_site):
    _, base = project_site
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
