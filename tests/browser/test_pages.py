"""Every built page, in both languages, as published (under a path, tests/published.py): it loads
in Chromium with no error, asks no other host for anything, axe-core finds no serious or critical
accessibility problem, in the light and in the dark colour scheme, it says which language it is
in, and its language menu leads to its twin page.

The pages are the HTML files the build wrote, not a list kept by hand. An error is a console
error, an uncaught exception or an HTTP response ≥ 400 (see conftest.py). Each page is visited
once, in one tab, for all five checks: the checks are separate tests, the visit is shared. A
Korean page is opened by its address, its English twin through the language menu as a reader
does, and the menu of the twin leads back: where to is read from its link with the pointer over
it (language.js sets the address then, as on a click), the Korean page not loaded a second
time. Colours (light and dark scheme) are checked on the Korean pages: an English page has the
same markup and stylesheet as its Korean twin, only other words; every other rule on every
page.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

import pytest
from language_menu import NEXT_FRAME, english_twin, menu_link, switch_language
from network_quiet import wait_until_quiet
from page_audit import BUT_MATH, audit, formulas_as_boxes
from playwright.sync_api import TimeoutError as PlaywrightTimeout

BLOCKING = ("serious", "critical")
# The rules whose outcome depends on the colour scheme.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]
# site.css lays out the blocks of a page only near the screen. axe cannot see the colours of a
# block that is not laid out, so the audit sees every block as a reader does once it is on screen.
EVERY_BLOCK_SHOWN = ".md-content__inner > * { content-visibility: visible !important; }"


@dataclass
class Visit:
    errors: list[str]
    external: list[str]
    violations: list[str]  # "scheme: rule (impact) help: where"
    lang: str  # its <html lang>
    menu: str | None = None  # the address its language menu leads to


def axe(tab, options: dict, scheme: str) -> list[str]:
    violations = audit(tab, BUT_MATH, options)
    return [
        f"{scheme}: {v['id']} ({v['impact']}) {v['help']}: " + ", ".join(" ".join(n["target"]) for n in v["nodes"][:5])
        for v in violations
        if v["impact"] in BLOCKING
    ]


def switch_to_dark(tab) -> None:
    """Click the colour-scheme toggle, as a reader would, and wait until no colour is still fading."""
    tab.locator(".md-header__option label:visible").click()
    tab.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    tab.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")


def audit_page(tab, path: str) -> list[str]:
    """axe's serious problems on the page just opened at ``path``; then what it fetches after load."""
    tab.add_style_tag(content=EVERY_BLOCK_SHOWN)
    tab.evaluate(NEXT_FRAME)  # the blocks laid out, a11y.js has measured the wide ones
    formulas_as_boxes(tab)  # out of the audit, and out of axe's way (page_audit)
    english = path.startswith("/en/")
    # The English twin has the same markup and stylesheet: its colours are checked on the Korean
    # page (the colour rules are two thirds of an audit), everything else on each page.
    without_colours = {"rules": {rule: {"enabled": False} for rule in COLOUR_RULES}}
    violations = axe(tab, without_colours if english else {}, "light")
    if not english:
        switch_to_dark(tab)
        violations += axe(tab, {"runOnly": COLOUR_RULES}, "dark")
        tab.evaluate("localStorage.clear()")  # the toggle is remembered: start the next page light
    wait_until_quiet(tab)  # what the scripts fetch after load (search index, sitemaps)
    return violations


def follow_language_menu(tab, lang: str) -> str:
    """Choose ``lang`` in the menu from the top of the page (no section being read); return where it led."""
    tab.evaluate("scrollTo(0, 0)")
    switch_language(tab, lang, wait_until="load")
    return tab.url


def where_the_menu_leads(tab, lang: str) -> str:
    """Where choosing ``lang`` in the menu from the top of the page would lead: its link's address
    with the pointer over it."""
    tab.evaluate("scrollTo(0, 0)")
    link = menu_link(tab, lang)
    link.hover()
    return link.evaluate("a => a.href")


def html_lang(tab) -> str:
    return tab.locator("html").get_attribute("lang")


def address(base: str, path: str) -> str:
    """The URL of the page at ``path`` from the site's root (``/en/neurons/``) on the site at ``base``."""
    return urljoin(base, path.removeprefix("/"))


def taken(tab) -> tuple[list[str], list[str]]:
    """The errors and requests to other hosts recorded since the last call."""
    found = list(tab.errors), list(tab.external)
    tab.errors.clear()
    tab.external.clear()
    return found


@pytest.fixture(scope="module")
def visits(tab_on, published_site, published_pages) -> dict[str, Visit]:
    """``{path: Visit}`` for every page of the published site, by its path from the site's root."""
    _, base = published_site
    tab = tab_on(base)
    tab.emulate_media(reduced_motion="reduce")  # Material then drops its colour transitions
    found: dict[str, Visit] = {}
    try:
        for path in published_pages:
            if path in found:
                continue
            tab.goto(address(base, path))
            lang, violations = html_lang(tab), audit_page(tab, path)
            twin = english_twin(path)
            if twin not in published_pages:  # an English page without a Korean twin, or 404.html
                found[path] = Visit(*taken(tab), violations, lang)
                continue
            menu = follow_language_menu(tab, "en")  # what loading the twin records counts for this page
            found[path] = Visit(*taken(tab), violations, lang, menu)
            lang, violations = html_lang(tab), audit_page(tab, twin)
            menu = where_the_menu_leads(tab, "ko")
            found[twin] = Visit(*taken(tab), violations, lang, menu)
        return found
    finally:
        tab.context.close()


def test_the_site_has_pages_in_both_languages(published_pages):
    korean = [path for path in published_pages if not path.startswith("/en/")]
    english = [path for path in published_pages if path.startswith("/en/")]
    assert "/" in korean and "/en/" in english and len(korean) > 2 and len(english) > 2


def report(problems: dict[str, list[str]]) -> str:
    return "\n".join(f"{path}: {problem}" for path, found in problems.items() for problem in found)


def test_every_page_loads_without_errors(visits):
    problems = {path: v.errors for path, v in visits.items() if v.errors}
    assert not problems, report(problems)


def test_no_page_asks_another_host_for_anything(visits):
    problems = {path: v.external for path, v in visits.items() if v.external}
    assert not problems, report(problems)


def test_axe_finds_no_serious_problem_on_any_page(visits):
    problems = {path: v.violations for path, v in visits.items() if v.violations}
    assert not problems, report(problems)


def test_every_page_says_which_language_it_is_in(visits):
    wrong = {path: [f"<html lang={v.lang}>"] for path, v in visits.items()
             if v.lang != ("en" if path.startswith("/en/") else "ko")}
    assert not wrong, report(wrong)


def test_every_page_switches_to_its_twin_and_back(visits, published_site):
    """The menu of each Korean page leads to its English twin, and the twin's back to it."""
    _, base = published_site
    assert sum(v.menu is not None for v in visits.values()) > 4
    expected = {path: address(base, english_twin(path)) for path in visits if english_twin(path) in visits}
    expected |= {english_twin(path): address(base, path) for path in expected}
    wrong = {path: [f"leads to {v.menu}"] for path, v in visits.items() if v.menu != expected.get(path)}
    assert not wrong, report(wrong)


def test_a_request_to_another_host_is_recorded_and_never_answered(page):
    """What the checks above rely on: the tab records a request to another host, which fails at once."""
    page.goto("/")
    elsewhere = "http://elsewhere.test/pixel.png"
    failed = page.evaluate("url => fetch(url).then(() => false, () => true)", elsewhere)
    page.evaluate("url => new Promise(done => { const i = new Image(); i.onerror = done; i.src = url + '?img'; })",
                  elsewhere)
    assert failed and page.external == [elsewhere, elsewhere + "?img"]


WIDE_BOXES = ".md-typeset div.arithmatex, .md-typeset__scrollwrap"
SCROLLS, FOCUSABLE = "b.scrollWidth > b.clientWidth", "b.tabIndex === 0"


@pytest.mark.parametrize(("loaded_at", "read_at"), [(1280, 1280), (360, 360), (1280, 360)])
def test_a_wide_formula_takes_keyboard_focus_once_scrolled_to(page, loaded_at, read_at):
    """Each box, scrolled to as a reader does (the page loaded at one width, perhaps read at
    another), takes focus exactly when it scrolls sideways. Without the audit's help: the blocks
    of the page are laid out only as they come near the screen."""
    page.set_viewport_size({"width": loaded_at, "height": 800})
    page.goto("/activations/")
    page.set_viewport_size({"width": read_at, "height": 800})
    boxes = page.locator(WIDE_BOXES)
    wide = 0
    for i in range(boxes.count()):
        box = boxes.nth(i)
        if box.evaluate("b => b.closest('details:not([open])') !== null"):  # a solution: opened, as a reader does
            box.evaluate("b => b.closest('details:not([open])').querySelector('summary').scrollIntoView()")
            box.evaluate("b => b.closest('details:not([open])').querySelector('summary').click()")
        box.scroll_into_view_if_needed()
        try:  # a11y.js's ResizeObserver reports after layout: two frames, or more on a busy machine
            page.wait_for_function(f"b => ({SCROLLS}) === ({FOCUSABLE})", arg=box.element_handle(), timeout=3000)
        except PlaywrightTimeout:
            pass  # the assertion says which it is
        scrolls, focusable = box.evaluate(f"b => [{SCROLLS}, {FOCUSABLE}]")
        assert scrolls == focusable, f"box {i}: scrolls sideways {scrolls}, takes focus {focusable}"
        wide += scrolls
    assert wide > 0, "the page has a formula wider than its box at this width"


@pytest.mark.parametrize("anchor", ["batch-size-1", "random-search", "fn:bergstra"])
def test_a_link_to_a_far_part_of_a_long_page_lands_on_it(page, anchor):
    """The blocks above it are not laid out yet (site.css): the target is still where it shows."""
    page.set_viewport_size({"width": 412, "height": 800})
    page.goto(f"/training-setup/#{anchor}")
    page.evaluate(NEXT_FRAME)
    top = page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", anchor)
    assert 0 <= top < 800 - 40, f"#{anchor} is {top:.0f} px from the top of an 800 px window"
