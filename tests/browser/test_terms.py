"""A glossary term shows its definition where a page first uses it: on hover, on keyboard focus,
and to a screen reader (sitebuild.terms with Material's content.tooltips), in both languages."""

from __future__ import annotations

import pytest

CASES = [  # page, the term as written, what the tooltip says
    ("/architecture/", "은닉층", ["hidden layer", "입력층과 출력층 사이에 있는 층"]),
    ("/en/architecture/", "hidden layer", ["A layer between the input and the output layer"]),
]


def accessible(page, term) -> tuple[str, str, str]:
    """(role, name, description) that Chromium's accessibility tree gives ``term``: what a screen reader reads."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("Accessibility.enable")
    handle = cdp.send("Runtime.evaluate", {"expression": "window.__term"})["result"]["objectId"]
    node = cdp.send("DOM.describeNode", {"objectId": handle})["node"]
    ax, = cdp.send("Accessibility.getPartialAXTree", {"backendNodeId": node["backendNodeId"], "fetchRelatives": False})["nodes"]
    cdp.detach()
    return tuple(ax.get(key, {}).get("value", "") for key in ("role", "name", "description"))


@pytest.mark.parametrize(("path", "term", "says"), CASES)
def test_keyboard_focus_shows_the_definition_and_a_screen_reader_reads_it(page, path, term, says):
    page.goto(path)
    marked_term = page.locator("article .nn-term", has_text=term).first
    marked_term.evaluate("el => { window.__term = el }")
    role, name, description = accessible(page, marked_term)
    assert (role, name) == ("term", term), "a screen reader reads the word itself"
    assert all(words in description for words in says), "and the definition as its description"
    for _ in range(200):  # Tab through the page until the term has the keyboard focus
        page.keyboard.press("Tab")
        if marked_term.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail(f"Tab never reached {term!r}")
    # the term's own tooltip: one met on the way (a link, an earlier term) may still be fading out
    page.wait_for_function(
        """() => {
            const id = window.__term.getAttribute("aria-describedby");
            return id && document.getElementById(id)?.classList.contains("md-tooltip2--active");
        }""",
        timeout=5_000,
    )
    tooltip = page.locator(f"#{marked_term.get_attribute('aria-describedby')}[role=tooltip]")
    assert all(words in tooltip.inner_text() for words in says)
    assert all(words in accessible(page, marked_term)[2] for words in says)
    shown = tooltip.get_attribute("id")
    page.keyboard.press("Tab")  # on to the next term or link: this tooltip goes
    page.locator(f"#{shown}.md-tooltip2--active").wait_for(state="detached", timeout=5_000)
    assert page.errors == []


def test_hover_shows_the_definition(page):
    page.goto("/architecture/")
    marked_term = page.locator("article .nn-term", has_text="은닉층").first
    marked_term.hover()
    tooltip = page.locator(".md-tooltip2--active[role=tooltip]")
    tooltip.wait_for(timeout=5_000)
    assert "hidden layer" in tooltip.inner_text()
    box, tip = marked_term.bounding_box(), tooltip.locator(".md-tooltip2__inner").bounding_box()
    assert tip["y"] >= box["y"] + box["height"] - 1, "the tooltip sits below the term, not over it"
