"""Each glossary term explains itself where a page first uses it: the MkDocs plugin ``nnnotes-terms``.

The first time a page's prose uses a term of the glossary's table, the term is wrapped in
``<span class="nn-term" role="term" tabindex="0" title="…">``: the title is the definition,
and on a Korean page the English term before it. Material's ``content.tooltips`` shows the
title as a tooltip on hover and on keyboard focus (hence ``tabindex``) and points
``aria-describedby`` at it. The ARIA role ``term`` makes a screen reader read the word as the
element's name and the definition as its description (an ``abbr`` would read the title
instead of the word); without JavaScript the title is the browser's own tooltip. Only prose counts: not headings, code, math, links, figures and
their captions, demos, admonition titles or summaries (alt text is an attribute, never
touched). The glossary itself and the notebooks are left alone.

    >>> entry = Entry("은닉층", "hidden layer", "hidden layer", (), "입력층과 출력층 사이의 층.", "", 1)
    >>> html = '<h2>은닉층</h2><p>은닉층(hidden layer)은 <code>은닉층</code> 다음의 은닉층이다.</p>'
    >>> print(mark_terms(html, Terms([entry], "ko")))
    <h2>은닉층</h2><p><span class="nn-term" role="term" tabindex="0" title="hidden layer: 입력층과 출력층 사이의 층.">은닉층</span>(hidden layer)은 <code>은닉층</code> 다음의 은닉층이다.</p>

A term is matched as a whole word: 층 (layer) is not found inside 은닉층, and where a longer
term starts ("기울기 소실" at a "기울기"), the longer one is the match. Definitions with math
are written out in plain text (a title cannot hold markup): ``\\(\\sigma(x) = 1/(1 + e^{-x})\\)``
becomes ``σ(x) = 1/(1 + e⁻ˣ)``.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin

from .glossary import Entry, read_glossary
from .lang import build_language

# --- the definitions as plain text ---------------------------------------------------------

SYMBOLS = {"alpha": "α", "beta": "β", "gamma": "γ", "sigma": "σ", "mu": "μ", "epsilon": "ε", "top": "ᵀ",
           "max": "max", "min": "min", "log": "log", "exp": "exp", "cdot": "·", "times": "×", "le": "≤", "ge": "≥"}
SUBSCRIPT = dict(zip("0123456789+−=()aeinoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑᵢₙₒₚᵣₛₜᵤᵥₓ"))
SUPERSCRIPT = dict(zip("0123456789+−=()inxᵀ", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁱⁿˣᵀ"))
INLINE_MATH = re.compile(r"\\\((.+?)\\\)")
FONT = re.compile(r"\\(?:mathbf|mathrm|text|operatorname)\{([^{}]*)\}")
SCRIPT = re.compile(r"([_^])(?:\{([^{}]*)\}|(\\?[^\s{}\\]|\\[a-zA-Z]+))")
MACRO = re.compile(r"\\([a-zA-Z]+)")


class MathTextError(ValueError):
    """A formula in a definition has TeX that :func:`plain_math` cannot write out."""


def script(text: str, table: dict[str, str], mark: str) -> str:
    """``text`` in sub- or superscript letters, or ``_(text)`` / ``^(text)`` when one has none."""
    if all(char in table for char in text):
        return "".join(table[char] for char in text)
    return f"{mark}{text}" if len(text) == 1 else f"{mark}({text})"


def plain_math(tex: str) -> str:
    """A formula as plain text: Greek letters, sub- and superscripts in Unicode, a real minus sign.

    >>> plain_math(r"2/(n_{\\text{in}} + n_{\\text{out}})"), plain_math(r"\\mathbf{w}^\\top\\mathbf{x} + b")
    ('2/(nᵢₙ + nₒᵤₜ)', 'wᵀx + b')
    """
    text = MACRO.sub(lambda m: SYMBOLS.get(m[1], m[0]), tex)  # before \mathbf{x} loses its braces
    text = FONT.sub(r"\1", text)
    text = text.replace("-", "−")
    text = SCRIPT.sub(lambda m: script(m[2] if m[2] is not None else m[3],
                                       SUBSCRIPT if m[1] == "_" else SUPERSCRIPT, m[1]), text)
    if re.search(r"[\\{}]", text):
        raise MathTextError(f"cannot write {tex!r} as plain text (got {text!r}): add its macro to SYMBOLS")
    return text


def plain(definition: str) -> str:
    """A definition from the glossary's table as plain text: its formulas written out."""
    return INLINE_MATH.sub(lambda m: plain_math(m[1]), definition)


# --- the terms of one language ---------------------------------------------------------------

@dataclass(frozen=True)
class Term:
    name: str  # as the page writes it
    title: str  # the tooltip
    key: str  # one per glossary entry: its English term


class Terms:
    """The glossary's terms in one language, as one pattern that finds the longest at each place."""

    def __init__(self, entries: list[Entry], lang: str):
        terms = []
        for entry in entries:
            definition = plain(entry.definition)
            if lang == "ko":
                terms.append(Term(entry.korean, f"{entry.english}: {definition}", entry.term))
            else:
                terms += [Term(name, definition, entry.term) for name in (entry.term, *entry.aliases)]
        # One group per name, longest first, bucketed by first letter behind a lookahead, all behind
        # one lookahead for every first letter: at a place where no name can start, one test instead
        # of one per name or per bucket (a warm build spent 7 s here, then 0.4 s).
        # The word boundaries are the same for every name: written once, compiled once.
        buckets: dict[str, list[Term]] = {}
        for term in sorted(terms, key=lambda t: len(t.name), reverse=True):
            buckets.setdefault(term.name[0].lower(), []).append(term)
        self.terms = [term for bucket in buckets.values() for term in bucket]  # in the order of the groups
        self.count = len({term.key for term in terms})
        names = "|".join(
            f"(?=[{re.escape(first + first.upper())}])(?:" + "|".join(f"({name_pattern(t.name)})" for t in bucket) + ")"
            for first, bucket in buckets.items())
        firsts = re.escape("".join(sorted({letter for first in buckets for letter in (first, first.upper())})))
        self.pattern = re.compile(f"(?=[{firsts}]){BEFORE_NAME}(?:{names}){AFTER_NAME[lang]}")

    def find(self, text: str):
        """``(match, term)`` for every match in ``text``, left to right."""
        for match in self.pattern.finditer(text):
            yield match, self.terms[match.lastindex - 1]


BEFORE_NAME = r"(?<![A-Za-z0-9가-힣])"  # a name starts a word
AFTER_NAME = {  # and ends it; on a Korean page particles may follow, on an English page a plural
    "ko": r"(?![A-Za-z0-9])",
    "en": r"(?:e?s)?(?![A-Za-z0-9])",
}


def name_pattern(name: str) -> str:
    """A pattern for ``name``, a space matching any run of whitespace; a name in lower case
    matches any case.

    >>> re.fullmatch(name_pattern("hidden layer"), "Hidden  layer").group(0)
    'Hidden  layer'
    >>> Terms([Entry("층", "layer", "layer", (), "", "", 1)], "ko").pattern.search("은닉층 층을").span()
    (4, 5)
    """
    words = r"\s+".join(re.escape(word) for word in name.split())
    return f"(?i:{words})" if name.islower() else words


# --- the HTML of a page ----------------------------------------------------------------------

TAG = re.compile(r"<!--.*?-->|<(/?)([a-zA-Z][\w-]*)([^>]*)>", re.DOTALL)
NOT_PROSE_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "kbd", "samp", "script", "style",
                  "svg", "math", "figure", "figcaption", "button", "label", "select", "textarea", "summary", "dfn"}
NOT_PROSE_CLASSES = {"arithmatex", "katex", "nn-demo", "admonition-title", "headerlink", "nn-term"}
NEVER_NESTED = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "samp", "script", "style", "math", "textarea"}
CLASS = re.compile(r"""\bclass\s*=\s*["']([^"']*)["']""")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


def starts_non_prose(name: str, attributes: str) -> bool:
    classes = CLASS.search(attributes)
    return name in NOT_PROSE_TAGS or bool(classes and NOT_PROSE_CLASSES & set(classes[1].split()))


def mark_terms(page_html: str, terms: Terms) -> str:
    """``page_html`` with the first use of each term in its prose marked as a term with its definition."""
    used: set[str] = set()
    out, position = [], 0
    skipping: tuple[str, int] | None = None  # (tag name, depth) of the element being skipped

    def mark(text: str) -> str:
        if text.isspace() or len(used) == terms.count:
            return text
        pieces, last = [], 0
        for match, term in terms.find(text):
            if term.key in used:
                continue
            used.add(term.key)
            title = html.escape(term.title, quote=True)
            pieces += [text[last:match.start()],
                       f'<span class="nn-term" role="term" tabindex="0" title="{title}">{match.group(0)}</span>']
            last = match.end()
        return "".join(pieces) + text[last:]

    while (tag := TAG.search(page_html, position)) is not None:
        text = page_html[position:tag.start()]
        out.append(text if skipping else mark(text))
        out.append(tag.group(0))
        position = tag.end()
        closing, name = tag.group(1), (tag.group(2) or "").lower()
        if not name or name in VOID or tag.group(3).rstrip().endswith("/"):
            continue
        if skipping:
            if name == skipping[0]:
                depth = skipping[1] + (-1 if closing else 1)
                skipping = (name, depth) if depth else None
        elif not closing and starts_non_prose(name, tag.group(3)):
            end = page_html.find(f"</{name}>", position) if name in NEVER_NESTED else -1
            if end < 0:
                skipping = (name, 1)
            else:  # straight to its end tag (a code block is a few hundred tags)
                out.append(page_html[position:end])
                position = end
    out.append(mark(page_html[position:]) if not skipping else page_html[position:])
    return "".join(out)


def explains_terms(src_uri: str) -> bool:
    """Chapters and the home page; not the glossary, not the notebooks."""
    return src_uri.endswith(".md") and not src_uri.startswith(("glossary.", "notebooks/"))


class TermsPlugin(BasePlugin):
    """Marks the first use of each glossary term on every page of the language being built."""

    def __init__(self):
        super().__init__()
        self.terms: dict[str, Terms] = {}

    def on_pre_build(self, config):
        lang, _ = build_language(config)
        try:
            self.terms[lang] = Terms(read_glossary(lang, Path(config.docs_dir)), lang)
        except ValueError as err:
            raise PluginError(f"glossary.{lang}.md: {err}") from None

    def on_page_content(self, page_html, page, config, files):
        if not explains_terms(page.file.src_uri):
            return page_html
        return mark_terms(page_html, self.terms[build_language(config)[0]])
