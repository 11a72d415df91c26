"""Material's language menu keeps the reader's place (docs/assets/javascripts/language.js).

Clicked in Chromium as a reader does. From the middle of a long chapter or a notebook, the twin
opens at the section being read: the one of the URL's #hash while it is on screen, or else the
last heading above the top quarter of the screen; from the top of a page, the top of its twin.
That the menu of every page leads to its twin and back is checked on the visits of every page
(test_pages.py).
"""

from __future__ import annotations

import pytest
from language_menu import NEXT_FRAME, menu_link, switch_language

# --- the reader's place ---------------------------------------------------------------------

CHAPTER = {"ko": "training-setup/", "en": "en/training-setup/"}
NOTEBOOK = {"ko": "notebooks/training-setup/", "en": "en/notebooks/training-setup/"}
MIDDLE = "train-eval-mode"  # a section in the middle of the chapter (an h3 of "batch-normalization")
OTHER = {"ko": "en", "en": "ko"}
HEADINGS = ".md-content :is(h2, h3, h4, h5, h6)[id]"


def scroll_into(page, section: str, depth: int = 150) -> None:
    """Scroll so that the heading of ``section`` lies ``depth`` px above the top of the screen: the
    reader is inside the section and no longer sees its heading. Blocks laid out only near the
    screen (site.css) take their real height on the way: scroll again until the heading stays
    where it is through two frames drawn after the scroll (a busy machine draws late)."""
    for _ in range(10):
        page.evaluate("([id, depth]) => { document.getElementById(id).scrollIntoView(); scrollBy(0, depth); }",
                      [section, depth])
        page.wait_for_timeout(100)
        page.evaluate(NEXT_FRAME)
        if abs(page.evaluate("id => document.getElementById(id).getBoundingClientRect().top", section) + depth) < 2:
            return
    raise AssertionError(f"#{section} does not stay {depth} px above the screen")


# The menu's link clicked when the heading ``id`` is still ``depth`` px above the screen (true), or
# not at all (false), in one task: no layout can come between the look and the click.
CLICK_WHILE_IN_PLACE = """(link, [id, depth]) => {
    if (Math.abs(document.getElementById(id).getBoundingClientRect().top + depth) >= 2) return false;
    link.click();
    return true;
}"""


def switch_in_place(page, section: str, depth: int, pages: dict[str, str], lang: str) -> None:
    """Scroll into ``section`` (``scroll_into``), open the language menu as a reader does, and click
    the other language's link in the same moment the heading is seen in place (scrolling again when
    it has moved); return once the twin page (``pages[other]``) has loaded. Between Playwright's own
    clicks (the menu, then the link, each waiting for it to hold still), a late layout on a busy
    machine moved the page (a fresh-clone CI, a loaded make test)."""
    twin = page.url.split("#")[0].replace(pages[lang], pages[OTHER[lang]])
    for _ in range(5):
        scroll_into(page, section, depth)
        if menu_link(page, OTHER[lang]).evaluate(CLICK_WHILE_IN_PLACE, [section, depth]):
            break
    else:
        raise AssertionError(f"#{section} did not stay {depth} px above the screen until the click")
    page.wait_for_url(lambda url: url.split("#")[0] == twin, wait_until="load")


def reading_area(page) -> tuple[float, float]:
    """From the header's bottom edge to the reading line a quarter down the rest of the screen."""
    return page.evaluate("""() => {
        const top = document.querySelector('.md-header').getBoundingClientRect().bottom;
        return [top, top + (innerHeight - top) / 4];
    }""")


def shows_at_top(page, section: str) -> bool:
    """The heading of ``section`` is in the top area of the screen, below the header."""
    top, line = reading_area(page)
    heading = page.evaluate("id => document.getElementById(id)?.getBoundingClientRect().top ?? null", section)
    return heading is not None and top - 1 <= heading <= line


@pytest.mark.parametrize(("lang", "width"), [("ko", 1280), ("en", 1280), ("ko", 390)])
def test_the_twin_chapter_opens_at_the_section_being_read(page, lang, width):
    page.set_viewport_size({"width": width, "height": 844 if width < 600 else 900})
    page.emulate_media(reduced_motion="reduce")
    page.goto(CHAPTER[lang])
    assert page.evaluate("document.documentElement.scrollHeight") > 10_000, "a long chapter"
    scroll_into(page, MIDDLE)
    _, line = reading_area(page)
    after = page.evaluate("([sel, id]) => { const hs = [...document.querySelectorAll(sel)];"
                          " return hs[hs.findIndex((h) => h.id === id) + 1].getBoundingClientRect().top; }",
                          [HEADINGS, MIDDLE])
    assert after > line, "the next heading is below the reading line: the section being read is MIDDLE"

    switch_in_place(page, MIDDLE, 150, CHAPTER, lang)
    assert page.url.endswith(f"{CHAPTER[OTHER[lang]]}#{MIDDLE}")
    assert page.locator("html").get_attribute("lang") == OTHER[lang]
    page.wait_for_timeout(300)  # what the late layout (fonts, figures) might move
    assert shows_at_top(page, MIDDLE)
    assert page.errors == []


def test_the_keyboard_reaches_the_other_language_at_the_same_place(page):
    page.goto(CHAPTER["ko"])
    scroll_into(page, MIDDLE)
    page.locator(".md-header .md-select > button").focus()
    page.keyboard.press("Tab")  # 한국어
    page.keyboard.press("Tab")  # English
    assert page.evaluate("document.activeElement.hreflang") == "en"
    with page.expect_navigation(wait_until="load"):
        page.keyboard.press("Enter")
    assert page.url.endswith(f"{CHAPTER['en']}#{MIDDLE}")
    page.wait_for_timeout(300)
    assert shows_at_top(page, MIDDLE)
    assert page.errors == []


def test_the_hash_is_carried_while_its_section_is_on_screen(page):
    page.goto(CHAPTER["ko"] + "#xavier-he", wait_until="load")
    switch_language(page, "en", wait_until="load")
    assert page.url.endswith(f"{CHAPTER['en']}#xavier-he")
    page.wait_for_timeout(300)
    assert shows_at_top(page, "xavier-he")
    # scrolled away from the #hash, the section on screen wins
    switch_in_place(page, MIDDLE, 150, CHAPTER, "en")
    assert page.url.endswith(f"{CHAPTER['ko']}#{MIDDLE}")
    assert page.errors == []


def test_the_top_of_a_page_opens_the_top_of_its_twin_with_the_demo_settings(page):
    page.goto("capacity/?playground.act=tanh")
    switch_language(page, "en")
    assert page.url.endswith("en/capacity/?playground.act=tanh"), "the query (demo settings) and no section"
    assert page.evaluate("scrollY") == 0
    assert page.errors == []


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_notebook_opens_at_the_same_heading(page, lang):
    """A notebook's heading ids come from its translated titles: the heading's number is carried."""
    page.goto(NOTEBOOK[lang])
    ids = page.locator(HEADINGS).evaluate_all("hs => hs.map((h) => h.id)")
    assert len(ids) >= 2
    switch_in_place(page, ids[1], 40, NOTEBOOK, lang)
    twin = page.locator(HEADINGS).evaluate_all("hs => hs.map((h) => h.id)")
    page.wait_for_function("id => location.hash === '#' + encodeURIComponent(id)", arg=twin[1])
    page.wait_for_timeout(300)
    assert shows_at_top(page, twin[1])
    assert page.errors == []

