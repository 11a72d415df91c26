"""Text as a reader sees it: Korean typography, and pages that fit a phone.

* Korean figure captions stand upright (Hangul has no italic, so a slanted one is synthesized),
  Korean paragraphs break between words (``word-break: keep-all``) and name a Korean system
  font before the generic fallback;
* on a phone (390×844) no element of the glossary or of a notebook page reaches past the
  screen's right edge, except inside a box that scrolls sideways; the notebook's code gets
  the column's width (no ``In [n]:`` prompt column).
"""

from __future__ import annotations

import pytest

PHONE = {"width": 390, "height": 844}
EVERY_BLOCK_SHOWN = ".md-content__inner > * { content-visibility: visible !important; }"
# Elements past the right edge that are not inside a box that scrolls sideways (or hides its overflow).
OVERFLOWING = """width => [...document.querySelectorAll('.md-content *')].filter(el => {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) return false;
    for (let up = el.parentElement; up; up = up.parentElement) {
        const x = getComputedStyle(up).overflowX;
        if ((x === 'auto' || x === 'scroll' || x === 'hidden') && up.getBoundingClientRect().right <= width + 0.5) return false;
    }
    return true;
}).slice(0, 5).map(el => `${el.tagName.toLowerCase()}.${el.className}: right edge ${Math.round(el.getBoundingClientRect().right)}`)"""


def test_korean_captions_are_upright_and_paragraphs_break_between_words(page):
    page.goto("/training-setup/")
    caption = page.locator("figcaption").first
    assert caption.evaluate("el => getComputedStyle(el).fontStyle") == "normal"
    paragraph = page.locator(".md-content p").first
    assert paragraph.evaluate("el => getComputedStyle(el).wordBreak") == "keep-all"
    assert paragraph.evaluate("el => getComputedStyle(el).overflowWrap") in ("break-word", "anywhere")
    family = paragraph.evaluate("el => getComputedStyle(el).fontFamily")
    assert family.index("Apple SD Gothic Neo") < family.index("Malgun Gothic") < family.index("sans-serif")


def test_english_pages_keep_their_line_breaking(page):
    page.goto("/en/training-setup/")
    paragraph = page.locator(".md-content p").first
    assert paragraph.evaluate("el => getComputedStyle(el).wordBreak") == "normal"


@pytest.mark.parametrize("path", ["/glossary/", "/en/glossary/", "/notebooks/training-setup/", "/en/notebooks/neurons/"])
def test_a_phone_shows_the_page_without_anything_past_the_screen_edge(page, path):
    page.set_viewport_size(PHONE)
    page.goto(path)
    page.add_style_tag(content=EVERY_BLOCK_SHOWN)
    assert page.evaluate(OVERFLOWING, PHONE["width"]) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_the_glossary_on_a_phone_gives_each_definition_the_full_width(page):
    page.set_viewport_size(PHONE)
    page.goto("/glossary/")
    row = page.locator(".nn-glossary tbody tr").first
    definition, link = row.locator("td").nth(2), row.locator("td").nth(3)
    column = page.locator(".md-content__inner").bounding_box()["width"]
    assert definition.bounding_box()["width"] > 0.8 * column
    assert link.bounding_box()["x"] + link.bounding_box()["width"] <= PHONE["width"]


def test_notebook_code_has_no_prompt_column_on_a_phone(page):
    page.set_viewport_size(PHONE)
    page.goto("/notebooks/neurons/")
    code = page.locator(".jp-CodeCell .jp-InputArea-editor").first
    column = page.locator(".md-content__inner").bounding_box()["width"]
    assert page.locator(".jp-InputPrompt").first.is_hidden()
    assert code.bounding_box()["width"] > 0.85 * column
