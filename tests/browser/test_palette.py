"""The colour-scheme toggle in the header (overrides/partials/palette.html), as a reader uses it.

A page opens in the scheme the reader chose before, or else in the system's; the one button
shown switches to the other scheme, by click or by Enter; the choice holds on the next page.
"""

from __future__ import annotations

import pytest

TOGGLE = {  # the button's name, by language and by the scheme it switches to
    "ko": {"slate": "어두운 모드로 전환", "default": "밝은 모드로 전환"},
    "en": {"slate": "Switch to dark mode", "default": "Switch to light mode"},
}
HOME = {"ko": "/", "en": "/en/"}


def scheme(page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


def visible_toggle(page):
    toggles = page.locator(".md-header__option label:visible")
    assert toggles.count() == 1, "one button, to the other scheme"
    return toggles


def toggle_name(page) -> str:
    """What the visible button says it does: its title, which Material's tooltips (content.tooltips)
    move into a tooltip while the pointer is on the button."""
    toggle = visible_toggle(page)
    tooltip = toggle.get_attribute("aria-describedby")
    return toggle.get_attribute("title") or page.locator(f"#{tooltip}").inner_text().strip()


def page_colour_scheme(page) -> str:
    return page.evaluate("document.querySelector('meta[name=color-scheme]').content")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_toggle_switches_the_scheme_and_the_choice_holds_on_the_next_page(page, lang):
    page.emulate_media(color_scheme="light", reduced_motion="reduce")
    page.goto(HOME[lang])
    assert scheme(page) == "default" and page_colour_scheme(page) == "light"
    visible_toggle(page).click()
    assert scheme(page) == "slate" and page_colour_scheme(page) == "dark"
    assert toggle_name(page) == TOGGLE[lang]["default"]

    page.goto(HOME[lang] + "neurons/")
    assert scheme(page) == "slate", "the choice is remembered"
    visible_toggle(page).click()
    assert scheme(page) == "default"
    assert toggle_name(page) == TOGGLE[lang]["slate"]
    assert page.errors == []


def test_a_dark_system_opens_dark_until_the_reader_chooses(page):
    page.emulate_media(color_scheme="dark")
    page.goto("/")
    assert scheme(page) == "slate"
    assert visible_toggle(page).get_attribute("title") == TOGGLE["ko"]["default"]
    page.emulate_media(color_scheme="light")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")  # follows the system
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    visible_toggle(page).click()  # the reader chooses light
    page.reload()
    assert scheme(page) == "default", "a chosen scheme wins over the system's"
    page.emulate_media(color_scheme="light")
    page.emulate_media(color_scheme="dark")
    assert scheme(page) == "default"


def test_enter_on_the_focused_toggle_switches_the_scheme(page):
    page.emulate_media(color_scheme="light")
    page.goto("/")
    page.locator(".md-header__option input:checked").focus()
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"
    page.keyboard.press("Enter")
    assert scheme(page) == "default"
