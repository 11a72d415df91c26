"""Search finds the section that teaches a term first: the MkDocs plugin ``nnnotes-search``.

Material's search (lunr, in a web worker) ranks an entry of the index (a page or a section:
``location``, ``title``, ``text``) by its words, a title word counting 1000 times a text word,
and then ranks a page above a section. Left alone, "배치 정규화" listed Further reading first
(a heading "Ioffe, Szegedy (2015): 배치 정규화" whose text names it more often), and a chapter
and its notebook came up as two results with the same title. After each language's index is
written (``sitebuild.languages`` splits it), this plugin rewrites it:

- **The glossary's terms.** The last column of the glossary's table links each term to the
  section (or page) that teaches it. That entry gets the term in a field of its own, with a
  boost far above the title's: ``terms1`` for a term of one word, ``terms2`` for two words,
  ``terms3`` for three or more, each word counting ``1/sqrt(n)`` as much in an ``n``-word
  term. A query matches each word as a prefix, so "초기화" also matches "He 초기화": the
  entry whose term is exactly the query still comes first (``1 > 1/sqrt(2)``), and
  "He 초기화" prefers the two-word term (``2/sqrt(2) > 1``). The Korean index holds the
  Korean and the English term; the English index the English one. Each word also comes with
  the forms a reader types: on Korean words the particles (기울기가, 초기화를, 뉴런은: lunr
  has no Korean analyzer, so 기울기가 is one word that the query 기울기 does not contain), on
  English words the plural. A chapter's title counts as a term its page teaches, so
  "setting up training" finds the chapter before the sections teaching "training accuracy".
- **Pages and sections on equal terms.** Material multiplies a page's score by up to 2.5
  over a section's; a page entry holding terms gets a ``boost`` of 0.4 to undo it, so the
  section teaching "기울기 검사" is not beaten by the page that teaches "기울기".
- **What a reader does not search for stays out**: the worked solutions of the exercises and
  the "Experimental setup" boxes (seeds, learning rates) are marked ``data-search-exclude``,
  which Material's indexer skips (a ninth of the Korean index, which every first visit
  downloads: 502 → 446 KB).
- **A page's entries are cached**: Material parses every page's HTML into sections at every
  build (a third of a warm build). The entries of a page are kept in ``.cache/search.json``,
  keyed by everything they are made of (the page's HTML, address, title, metadata and table of
  contents, and Material's version), and reused while the key holds; the file keeps only the
  entries the last build used.
- **Notebooks are titled as notebooks**: "실습 노트북: 학습 준비" / "Notebook: Setting up
  training", and their headings lose the ``¶`` of their anchor links. On equal words a
  chapter comes before a notebook (``boost`` 0.5): the chapter teaches, the notebook practices.
"""

from __future__ import annotations

import json
import math
import re
from collections import defaultdict
from pathlib import Path
from typing import Callable

from mkdocs.plugins import BasePlugin, event_priority

from .cache import CACHE, KeptEntries, digest, package_versions, write_atomic
from .glossary import Entry, page_location, read_glossary
from .lang import AFTER_I18N, LANGS, every_language_built, language_folder

INDEX = "search/search_index.json"
ENTRIES = CACHE / "search.json"  # a page's entries in Material's index, by entry_key
TERMS_BOOST = 1e5  # title 1e3, text 1 (Material's defaults)
PAGE_BOOST = 0.4  # Material's factor for a page over a section: (1 + 2**2) / (1 + 1**2) = 2.5
NOTEBOOK_BOOST = 0.5  # a chapter teaches, its notebook practices: on equal words the chapter first
NOTEBOOK_TITLE = {"ko": "실습 노트북: {}", "en": "Notebook: {}"}
ANCHOR_MARK = "¶"
NOTEBOOKS = "notebooks/"

HANGUL = re.compile(r"[가-힣]")
# (after a final consonant, after a vowel); after ㄹ, 으로 is 로
PARTICLES = [("이", "가"), ("을", "를"), ("은", "는"), ("과", "와"), ("으로", "로")] + [(p, p) for p in ("의", "에", "에서", "도", "만")]


def term_field(words: int) -> str:
    return f"terms{min(words, 3)}"


FIELDS = {term_field(n): {"boost": TERMS_BOOST / math.sqrt(n)} for n in (1, 2, 3)}


def korean_forms(word: str) -> list[str]:
    """``word`` with each particle attached, as Korean spells it after that last letter.

    >>> korean_forms("뉴런")[:3], korean_forms("기울기")[:3], korean_forms("규칙")[4]
    (['뉴런이', '뉴런을', '뉴런은'], ['기울기가', '기울기를', '기울기는'], '규칙으로')
    >>> sorted(set(korean_forms("ReLU")) & {"ReLU가", "ReLU이"})  # a Latin letter: both
    ['ReLU가', 'ReLU이']
    """
    last = word[-1]
    if not HANGUL.match(last):
        return [word + p for pair in PARTICLES for p in dict.fromkeys(pair)]
    final = (ord(last) - ord("가")) % 28  # 0: no final consonant; 8: ㄹ
    forms = []
    for consonant, vowel in PARTICLES:
        particle = vowel if final == 0 or (final == 8 and consonant == "으로") else consonant
        forms.append(word + particle)
    return forms


def english_forms(word: str) -> list[str]:
    """The plural of an English word.

    >>> english_forms("neuron"), english_forms("bias"), english_forms("accuracy")
    (['neurons'], ['biases'], ['accuracies'])
    """
    if word.endswith(("s", "x", "z", "ch", "sh")):
        return [word + "es"]
    if word.endswith("y") and word[-2:-1] not in tuple("aeiou"):
        return [word[:-1] + "ies"]
    return [word + "s"]


Forms = Callable[[str], list[str]]


def glossary_names(entries: list[Entry], lang: str) -> list[tuple[str, Forms, str]]:
    """``(name, forms of its words, location that teaches it)`` for each glossary term with a link:
    the English term and its aliases, and in the Korean index the Korean term first."""
    names = []
    for entry in filter(lambda e: e.link, entries):
        english = [(name, english_forms) for name in (entry.term, *entry.aliases)]
        for name, forms in [(entry.korean, korean_forms), *english] if lang == "ko" else english:
            names.append((name, forms, page_location(entry.link)))
    return names


def title_names(docs: list[dict], lang: str) -> list[tuple[str, Forms, str]]:
    """A chapter's title as a term its page teaches (not the home page's: it is the site's name)."""
    forms = korean_forms if lang == "ko" else english_forms
    return [(doc["title"], forms, doc["location"]) for doc in docs
            if doc["location"] and "#" not in doc["location"] and not doc["location"].startswith(NOTEBOOKS)]


def term_fields(names: list[tuple[str, Forms, str]], separator: str) -> dict[str, dict[str, str]]:
    """``{location: {field: words}}``: the words of the terms each location teaches, with their forms.

    >>> fields = term_fields([("배치 정규화", korean_forms, "a/#bn"), ("BN", english_forms, "a/#bn")], " ")
    >>> fields["a/#bn"]["terms1"], fields["a/#bn"]["terms2"].split()[:4]
    ('BN BNs', ['배치', '배치가', '배치를', '배치는'])
    """
    split = re.compile(separator)
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for name, forms, location in names:
        words = [w for w in split.split(name) if w]
        field = found[location][term_field(len(words))]
        for word in words:
            field += [word, *forms(word)]
    return {location: {field: " ".join(words) for field, words in fields.items()} for location, fields in found.items()}


def notebook_title(doc: dict, lang: str) -> str:
    """A notebook's page as "실습 노트북: …", its sections without the ¶ of their anchor links."""
    title = doc["title"].removesuffix(ANCHOR_MARK).rstrip()
    if "#" in doc["location"]:
        return title
    template = NOTEBOOK_TITLE[lang]
    return title if title.startswith(template.format("")) else template.format(title)


def improve_index(index: dict, entries: list[Entry], lang: str) -> dict:
    """The index with the terms on the entries that teach them, and notebooks titled as such."""
    names = glossary_names(entries, lang)
    names += title_names(index["docs"], lang)
    terms = term_fields(names, index["config"]["separator"])
    missing = sorted(set(terms) - {doc["location"] for doc in index["docs"]})
    if missing:
        raise ValueError(f"glossary.{lang}.md links to {', '.join(missing)}, which the search index does not hold")
    docs = []
    for doc in index["docs"]:
        doc = {key: value for key, value in doc.items() if key not in FIELDS and key != "boost"}
        doc.update(terms.get(doc["location"], {}))
        if "#" not in doc["location"] and doc["location"] in terms:
            doc["boost"] = PAGE_BOOST
        if doc["location"].startswith(NOTEBOOKS):
            doc["title"] = notebook_title(doc, lang)
            doc["boost"] = NOTEBOOK_BOOST
        docs.append(doc)
    return {"config": {**index["config"], "fields": {**index["config"]["fields"], **FIELDS}}, "docs": docs}


SKIPPED = re.compile(r'<(details class="success"|div class="admonition info")')


def exclude_from_search(page_html: str) -> str:
    """Mark the solutions (``??? success``) and the setup boxes (``!!! info``) for Material's indexer.

    >>> exclude_from_search('<details class="success"><summary>풀이</summary>')
    '<details class="success" data-search-exclude><summary>풀이</summary>'
    """
    return SKIPPED.sub(r"<\1 data-search-exclude", page_html)


def entry_key(page) -> str:
    """What Material's entries for ``page`` are made of: its HTML, address, title, metadata
    and table of contents (each section's address), and Material's version."""
    def anchors(toc) -> list:
        return [(item.id, item.url, anchors(item.children)) for item in toc]
    return digest(package_versions("mkdocs-material"), page.url, str(page.title), page.content,
                  json.dumps(page.meta, sort_keys=True, default=str), json.dumps(anchors(page.toc)))


class SearchPlugin(BasePlugin):
    """Keeps solutions and setup boxes out of the index, reuses each page's cached entries,
    then rewrites each language's index once every language is built."""

    def on_startup(self, *, command, dirty):
        self.entries = KeptEntries(ENTRIES, "the search entries")

    def on_page_content(self, page_html, page, config, files):  # Material's indexer reads it later
        return exclude_from_search(page_html)

    def on_pre_build(self, config):
        """Wrap this language's index (Material makes a new one in each build's on_config)."""
        index = config.plugins["material/search"].search_index
        add_entries = index.add_entry_from_context

        def add_cached_entries(page):
            key = entry_key(page)
            entries = self.entries.get(key)
            if entries is None:
                start = len(index.entries)
                add_entries(page)
                self.entries.put(key, index.entries[start:])
            else:
                index.entries.extend(entries)
        index.add_entry_from_context = add_cached_entries

    @event_priority(AFTER_I18N - 10)  # after sitebuild.languages has split the index by language
    def on_post_build(self, config):
        if not every_language_built(config):
            return
        self.entries.save()
        for lang in LANGS:
            path = Path(config.site_dir) / language_folder(lang) / INDEX
            if path.exists():
                index = json.loads(path.read_text(encoding="utf-8"))
                index = improve_index(index, read_glossary(lang, Path(config.docs_dir)), lang)
                write_atomic(path, json.dumps(index, ensure_ascii=False, separators=(",", ":")))
