"""The first use of a glossary term on a page carries its definition (sitebuild.terms).

On small HTML here, and on the built chapters; tests/browser/test_terms.py shows the tooltip in
Chromium, on hover and on keyboard focus.
"""

from __future__ import annotations

import html
import re

import pytest

from sitebuild.glossary import Entry, read_glossary
from sitebuild.terms import MathTextError, Terms, explains_terms, mark_terms, plain, plain_math

GLOSSARY = [
    Entry("은닉층", "hidden layer", "hidden layer", (), "입력층과 출력층 사이의 층.", "", 1),
    Entry("층", "layer", "layer", (), "함께 계산되는 뉴런의 묶음.", "", 2),
    Entry("기울기", "gradient", "gradient", (), "손실을 편미분한 벡터.", "", 3),
    Entry("기울기 소실", "vanishing gradient", "vanishing gradient", (), "기울기가 작아지는 현상.", "", 4),
    Entry("ReLU", "ReLU (rectified linear unit)", "ReLU", ("rectified linear unit",), r"\(\max(0, x)\).", "", 5),
]
ENGLISH = [Entry(e.korean, e.english, e.term, e.aliases, f"Definition of {e.term}.", "", e.line) for e in GLOSSARY]
TERM = re.compile(r'<span class="nn-term" role="term" tabindex="0" title="([^"]*)">(.*?)</span>', re.DOTALL)


def marked(page_html: str, lang: str = "ko") -> list[tuple[str, str]]:
    """(text, title) of every term marked in ``page_html``."""
    entries = GLOSSARY if lang == "ko" else ENGLISH
    return [(text, html.unescape(title)) for title, text in TERM.findall(mark_terms(page_html, Terms(entries, lang)))]


def test_the_first_use_is_marked_with_the_english_term_and_the_definition_and_the_second_is_not():
    assert marked("<p>은닉층(hidden layer)은 두 개다. 은닉층마다 뉴런이 있다.</p>") == [
        ("은닉층", "hidden layer: 입력층과 출력층 사이의 층.")]


def test_headings_code_math_links_figures_and_demos_are_not_prose():
    page = ('<h2 id="x">은닉층<a class="headerlink" href="#x">¶</a></h2><p><code>은닉층</code> '
            '<span class="arithmatex">\\(은닉층\\)</span> <a href="a/">은닉층</a></p>'
            '<figure><img alt="은닉층 그림" src="f.svg"><figcaption>은닉층의 출력</figcaption></figure>'
            '<div class="nn-demo" data-demo="x"><p>은닉층</p><div><p>은닉층</p></div></div>'
            '<div class="admonition note"><p class="admonition-title">은닉층</p><p>본문의 은닉층.</p></div>')
    result = mark_terms(page, Terms(GLOSSARY, "ko"))
    assert marked(page) == [("은닉층", "hidden layer: 입력층과 출력층 사이의 층.")]
    assert result.endswith('<p>본문의 <span class="nn-term" role="term" tabindex="0" '
                           'title="hidden layer: 입력층과 출력층 사이의 층.">은닉층</span>.</p></div>')
    assert result.replace(TERM.search(result).group(0), "은닉층") == page  # nothing else changed


def test_a_term_inside_a_longer_word_is_not_a_use_and_the_longest_term_wins():
    assert [text for text, _ in marked("<p>은닉층을 지나는 기울기 소실, 그리고 층과 기울기.</p>")] == [
        "은닉층", "기울기 소실", "층", "기울기"]


def test_a_longer_term_already_used_hides_the_shorter_one_inside_it():
    assert [text for text, _ in marked("<p>기울기 소실을 본다. 다시 기울기 소실이다. 이제 기울기.</p>")] == [
        "기울기 소실", "기울기"]


def test_a_term_split_by_a_line_break_is_found():
    assert [text for text, _ in marked("<p>먼저 기울기\n소실을 본다.</p>")] == ["기울기\n소실"]


def test_english_pages_match_any_case_and_the_plural_but_a_name_in_capitals_as_written():
    found = marked("<p>Hidden layers and a relu, then a ReLU and rectified linear units.</p>", "en")
    assert found == [("Hidden layers", "Definition of hidden layer."), ("ReLU", "Definition of ReLU.")]


def test_an_alias_counts_as_the_term():
    assert [t for t, _ in marked("<p>A rectified linear unit, then ReLU.</p>", "en")] == ["rectified linear unit"]


def test_marking_twice_changes_nothing():
    once = mark_terms("<p>은닉층과 기울기</p>", Terms(GLOSSARY, "ko"))
    assert mark_terms(once, Terms(GLOSSARY, "ko")) == once


def test_a_title_is_escaped():
    entry = Entry("층", 'layer "L"', "layer", (), "a < b & c.", "", 1)
    assert 'title="layer &quot;L&quot;: a &lt; b &amp; c."' in mark_terms("<p>층</p>", Terms([entry], "ko"))


def test_which_pages_explain_terms():
    assert explains_terms("architecture.ko.md") and explains_terms("index.en.md")
    assert not explains_terms("glossary.ko.md") and not explains_terms("notebooks/neurons.ko.py")


def test_formulas_in_definitions_become_plain_text():
    assert plain(r"함수 \(\sigma(x) = 1/(1 + e^{-x})\)와 \(\mathbf{x}W + \mathbf{b}\)") == "함수 σ(x) = 1/(1 + e⁻ˣ)와 xW + b"
    assert plain_math(r"2/(n_{\text{in}} + n_{\text{out}})") == "2/(nᵢₙ + nₒᵤₜ)"
    with pytest.raises(MathTextError, match="frac"):
        plain_math(r"\frac{1}{2}")


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_every_definition_of_the_glossary_reads_as_plain_text(lang):
    entries = read_glossary(lang)
    assert all("\\" not in plain(e.definition) and "{" not in plain(e.definition) for e in entries)
    Terms(entries, lang)  # one pattern for all the terms compiles


# --- the built site ----------------------------------------------------------------------

def abbrs(page: str) -> list[tuple[str, str]]:
    return [(" ".join(text.split()), html.unescape(title)) for title, text in TERM.findall(page)]


def test_a_chapter_marks_its_first_hidden_layer_only(site):
    page = (site / "architecture" / "index.html").read_text(encoding="utf-8")
    article = page[page.index('<article'):page.index('</article>')]
    hidden = [title for text, title in abbrs(article) if text == "은닉층"]
    assert len(hidden) == 1 and hidden[0].startswith("hidden layer: ") and "입력층과 출력층 사이" in hidden[0]
    first = article.index('입력층과 출력층 사이에 있는 층')
    assert "은닉층" in re.sub(r"<[^>]+>", "", article[first + 100:]), "the later uses stay as they are"
    for heading in re.findall(r"<h[1-6][^>]*>.*?</h[1-6]>", article, re.DOTALL):
        assert "nn-term" not in heading
    for code in re.findall(r"<(code|pre)\b.*?</\1>", article, re.DOTALL):
        assert "nn-term" not in code


def test_english_chapters_mark_terms_too_and_the_glossary_marks_none(site):
    english = (site / "en" / "architecture" / "index.html").read_text(encoding="utf-8")
    assert ("hidden layer", read_glossary("en")[[e.term for e in read_glossary("en")].index("hidden layer")].definition) in [
        (text.lower(), title) for text, title in abbrs(english)]
    for glossary in (site / "glossary" / "index.html", site / "en" / "glossary" / "index.html"):
        assert "nn-term" not in glossary.read_text(encoding="utf-8")
