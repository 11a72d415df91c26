"""The tests of a process take turns in one tab (conftest.py, ``page``): what one test changes
in it is gone for the next. The two tests run in this order, in one process (a file at a time)."""

from __future__ import annotations

CHANGED = {}


def test_a_test_changes_everything_its_tab_lets_it(page):
    page.goto("/")
    page.evaluate("localStorage.setItem('left', 'behind'); sessionStorage.setItem('left', 'behind')")
    page.context.add_cookies([{"name": "left", "value": "behind", "url": page.url}])
    page.emulate_media(media="print", color_scheme="dark", reduced_motion="reduce")
    page.set_viewport_size({"width": 400, "height": 500})
    page.route("**/*.css", lambda route: route.abort())
    page.evaluate("console.error('recorded')")
    CHANGED["url"] = page.url
    assert page.errors == ["console: recorded"]


def test_the_next_test_finds_its_tab_as_new(page):
    assert CHANGED, "the test before changed the tab"
    assert page.url == "about:blank" and page.errors == [] and page.external == []
    assert page.viewport_size == {"width": 1280, "height": 900}
    assert page.context.cookies() == []
    page.goto("/")
    assert page.evaluate("[localStorage.getItem('left'), sessionStorage.getItem('left')]") == [None, None]
    assert page.evaluate("[matchMedia('print').matches, matchMedia('(prefers-color-scheme: dark)').matches,"
                         " matchMedia('(prefers-reduced-motion: reduce)').matches]") == [False, False, False]
    assert page.evaluate("document.styleSheets.length") > 0, "the stylesheets load: no route is left"
    assert page.errors == []
