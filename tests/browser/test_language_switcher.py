"""On every page, Material's language menu leads to the same page in the other language, and back.

Clicked in Chromium as a reader does: open the menu in the header, click the other language,
land on the twin page (its URL and its ``<html lang>``), then do the same to come back.
"""

from __future__ import annotations

from urllib.parse import urljoin


def english_twin(korean_path: str) -> str:
    return "/en" + korean_path


def switch_language(page, lang: str) -> None:
    page.locator(".md-header .md-select > button").click()  # the menu opens while it has focus
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.locator(f".md-header .md-select__link[hreflang={lang}]").click()


def test_every_page_switches_to_its_twin_and_back(page, base_url, site_pages):
    korean = [path for path in site_pages if path.endswith("/") and not path.startswith("/en/")]
    assert len(korean) > 2
    page.emulate_media(reduced_motion="reduce")  # Material then drops its transitions: no waiting on the menu
    wrong = {}
    for path in korean:
        page.goto(path, wait_until="domcontentloaded")
        trail = []
        for lang, expected in (("en", english_twin(path)), ("ko", path)):
            switch_language(page, lang)
            trail.append((page.url, page.locator("html").get_attribute("lang")))
            if trail[-1] != (urljoin(base_url, expected), lang):
                wrong[path] = f"went to {trail}"
                break
    assert not wrong, "\n".join(f"from {path}: {where}" for path, where in wrong.items())
    assert page.errors == []
