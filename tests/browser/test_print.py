"""A chapter prints cleanly in both languages (site.css, @media print; overrides/partials/palette.html).

Under print media, at the width of an A4 page's text: no header, navigation, search, table of
contents, footer or buttons; figures, formulas and code kept whole on a page; every external
link followed by its address; light colors even when the reader had the dark scheme; nothing wider
than the page. Then Chromium prints the chapter to PDF: it has pages, and none of them is empty.
"""

from __future__ import annotations

import re
import zlib

import pytest

CHAPTER = {"ko": "capacity/", "en": "en/capacity/"}  # figures, formulas, code, tables, demos, external links
A4_TEXT_WIDTH = round((210 - 2 * 15) / 25.4 * 96)  # px: A4 less site.css's @page margins

HIDDEN = [  # what a page on paper does without
    ".md-header", ".md-search", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer",
    ".md-top", ".md-clipboard", ".md-typeset .headerlink", ".nn-demo__controls", ".nn-demo__buttons",
]


def luminance(css_color: str) -> float:
    """Relative luminance of an rgb()/rgba() color, painted over white if translucent."""
    r, g, b, *a = (float(v) for v in re.findall(r"[\d.]+", css_color))
    alpha = a[0] if a else 1.0
    rgb = [(c * alpha + 255 * (1 - alpha)) / 255 for c in (r, g, b)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def open_for_print(page, lang: str, dark: bool = True):
    """The chapter in the reader's dark scheme, then switched to print media at A4 width."""
    page.set_viewport_size({"width": A4_TEXT_WIDTH, "height": 1000})
    page.emulate_media(color_scheme="dark" if dark else "light")
    page.goto(CHAPTER[lang], wait_until="load")
    for name in ("bumps", "playground"):
        page.locator(f".nn-demo--ready[data-demo={name}]").wait_for()
    assert page.evaluate("document.body.dataset.mdColorScheme") == ("slate" if dark else "default")
    page.emulate_media(media="print", color_scheme="dark" if dark else "light")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_a_chapter_prints_without_the_sites_chrome_in_light_colors(page, lang):
    open_for_print(page, lang)
    shown = {sel: page.locator(sel).evaluate_all("els => els.filter((e) => e.checkVisibility()).length")
             for sel in HIDDEN}
    assert page.locator(".md-header").count() and page.locator(".md-footer").count()
    assert {sel: n for sel, n in shown.items() if n} == {}

    # the colors are the light scheme's although <body> still says slate (CSS alone does it)
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    assert page.evaluate("getComputedStyle(document.documentElement).colorScheme") == "light"
    assert luminance(page.evaluate("getComputedStyle(document.body).backgroundColor")) > 0.95
    for sel in (".md-typeset p", ".md-typeset h2", ".md-typeset td", ".md-typeset pre code", ".md-typeset .katex"):
        assert luminance(page.locator(sel).first.evaluate("e => getComputedStyle(e).color")) < 0.2, sel
    assert luminance(page.locator(".md-typeset pre code").first.evaluate(
        "e => getComputedStyle(e).backgroundColor")) > 0.8, "code on a light background"

    figures = page.locator(".md-content figure").evaluate_all("fs => fs.map((f) => getComputedStyle(f).breakInside)")
    assert figures and set(figures) == {"avoid"}
    for sel in (".md-content div.arithmatex", ".md-content div.highlight"):
        assert page.locator(sel).first.evaluate("e => getComputedStyle(e).breakInside") == "avoid", sel

    links = page.locator(".md-content a[href^=http]").evaluate_all(
        "as => as.map((a) => [a.getAttribute('href'), getComputedStyle(a, '::after').content])")
    assert links and all(after == f'" (" attr(href) ")"' or href in after for href, after in links), links[:3]
    internal = page.locator(".md-content a[href]:not([href^=http])").first
    assert internal.evaluate("a => getComputedStyle(a, '::after').content") in ("none", "normal")

    # nothing is cut at the edge of the page (KaTeX lets a vlist overhang by 2 px by design)
    wide = page.evaluate("""() => {
        const right = document.querySelector('.md-content__inner').getBoundingClientRect().right;
        const out = (e) => e.getBoundingClientRect().right - right > 3;
        return [...document.querySelectorAll('.md-content *')]
          .filter((e) => e.getClientRects().length && !e.closest('.katex-mathml, svg') && out(e) && !out(e.parentElement))
          .map((e) => `${e.tagName}.${e.className}: ${e.textContent.slice(0, 40)}`);
    }""")
    assert wide == []
    assert page.errors == []


def test_printing_switches_a_dark_page_to_the_light_scheme_and_back(page):
    """Real printing fires beforeprint: the palette shows the light scheme (the demos' canvases redraw)."""
    open_for_print(page, "ko")
    page.emulate_media(media="screen", color_scheme="dark")
    regions = page.locator(".nn-demo[data-demo=playground] canvas").first
    dark = regions.evaluate("c => c.toDataURL()")
    seen = page.evaluate("""() => {
        const seen = [];
        const canvas = document.querySelector('.nn-demo[data-demo=playground] canvas');
        addEventListener('beforeprint', () => setTimeout(() => seen.push(
          [document.body.dataset.mdColorScheme, canvas.toDataURL()]), 0));
        dispatchEvent(new Event('beforeprint'));
        return new Promise((done) => setTimeout(() => { dispatchEvent(new Event('afterprint')); done(seen); }, 50));
    }""")
    assert seen[0][0] == "default" and seen[0][1] != dark, "light colors on paper, canvases included"
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "and back after printing"
    assert regions.evaluate("c => c.toDataURL()") == dark
    assert page.errors == []


BRIGHTNESS = """c => {
    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
    let sum = 0, n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i + 3] === 255) { sum += d[i] + d[i + 1] + d[i + 2]; n += 3; }
    return sum / n / 255;
}"""


def test_the_demos_draw_in_light_colors_for_print(page):
    """Under print media (no print event needed) the canvases redraw in the light scheme's colors:
    the decision regions, painted over the page's background, are light again."""
    page.emulate_media(color_scheme="dark")
    page.goto(CHAPTER["en"])
    regions = page.locator(".nn-demo--ready[data-demo=playground] canvas").first
    regions.wait_for()
    assert regions.evaluate(BRIGHTNESS) < 0.4
    page.emulate_media(media="print", color_scheme="dark")
    page.wait_for_function(f"() => ({BRIGHTNESS})(document.querySelector('.nn-demo[data-demo=playground] canvas')) > 0.6")
    page.emulate_media(media="screen", color_scheme="dark")
    page.wait_for_function(f"() => ({BRIGHTNESS})(document.querySelector('.nn-demo[data-demo=playground] canvas')) < 0.4")
    assert page.errors == []


def pdf_pages(pdf: bytes) -> list[bytes]:
    """The decompressed content stream of each page of a PDF as Chromium writes it (Skia)."""
    offsets = {int(m[1]): m.start() for m in re.finditer(rb"(\d+) 0 obj", pdf)}

    def body(number: int) -> bytes:
        start = offsets[number]
        return pdf[start:pdf.index(b"endobj", start)]

    def stream(number: int) -> bytes:
        obj = body(number)
        start = obj.index(b"stream") + len(b"stream")
        start += 2 if obj[start:start + 2] == b"\r\n" else 1
        data = obj[start:obj.rindex(b"endstream")]
        return zlib.decompress(data) if b"/FlateDecode" in obj[:start] else data

    pages = []
    for number in sorted(offsets):
        obj = body(number)
        if re.search(rb"/Type\s*/Page\b", obj):
            refs = re.search(rb"/Contents\s*(\[[^\]]*\]|\d+ 0 R)", obj)[1]
            pages.append(b"".join(stream(int(ref)) for ref in re.findall(rb"(\d+) 0 R", refs)))
    return pages


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_chapter_prints_to_a_pdf_without_empty_pages(page, lang):
    open_for_print(page, lang)
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF-")
    pages = pdf_pages(pdf)
    height = page.evaluate("document.documentElement.scrollHeight")
    assert len(pages) >= height // 1100, f"{len(pages)} pages for {height} px of print layout"
    # every page draws text (BT … ET) or an image (Do)
    empty = [i + 1 for i, content in enumerate(pages) if b"BT" not in content and b" Do" not in content]
    assert empty == [], f"empty pages {empty} of {len(pages)}"
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate", "the reader's scheme is back"
    assert page.errors == []
