"""Material's language menu, used as a reader does: open it in the header, click the other language."""

from __future__ import annotations

# Resolves once the browser has drawn two frames: what a scroll or a style change lays out is in place.
NEXT_FRAME = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def english_twin(korean_path: str) -> str:
    """``/neurons/`` → ``/en/neurons/``: the English page of a Korean one (a URL path)."""
    return "/en" + korean_path


def menu_link(page, lang: str):
    """Open the menu; return its link to ``lang`` (a locator)."""
    page.locator(".md-header .md-select > button").click()  # the menu opens while it has focus
    return page.locator(f".md-header .md-select__link[hreflang={lang}]")


def switch_language(page, lang: str, wait_until: str = "domcontentloaded") -> None:
    """Open the menu and click ``lang``; return once the twin page reached ``wait_until``."""
    link = menu_link(page, lang)
    with page.expect_navigation(wait_until=wait_until):
        link.click()
