"""The glossary's table as data: one :class:`Entry` per row of ``docs/glossary.LANG.md``.

Search (``sitebuild.search``), the tooltips on the pages (``sitebuild.terms``) and the glossary
tests read the table from here. A row is ``| 한국어 | English | 뜻 | 다루는 곳 |`` on the Korean
page and ``| English | Korean | meaning | where |`` on the English one::

    >>> text = "| 한국어 | English | 뜻 | 다루는 곳 |\\n|---|---|---|---|\\n" \\
    ...        "| 배치 정규화 | batch normalization (BN) | 층. | [학습 준비](training-setup.md#batch-normalization) |\\n"
    >>> entry, = parse_glossary(text, "ko")
    >>> entry.korean, entry.term, entry.aliases, entry.link
    ('배치 정규화', 'batch normalization', ('BN',), 'training-setup.md#batch-normalization')
    >>> page_location(entry.link)
    'training-setup/#batch-normalization'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .cache import ROOT

DOCS = ROOT / "docs"


@dataclass(frozen=True)
class Entry:
    korean: str
    english: str  # the English cell as shown, e.g. "batch normalization (BN)"
    term: str  # "batch normalization"
    aliases: tuple  # ("BN",): other English forms a page may gloss with
    definition: str  # in the language of the page the row is on
    link: str  # the href of the last column, "" if none
    line: int


TABLE_ROW = re.compile(r"^\|(.*)\|\s*$")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
ENGLISH_CELL = re.compile(r"^(?P<term>[^()]+?)(?: \((?P<alias>[^()]+)\))?$")


def cells(line: str) -> list[str]:
    return [c.strip() for c in TABLE_ROW.match(line).group(1).split("|")]


def parse_glossary(text: str, lang: str) -> list[Entry]:
    """The rows of the first table on a glossary page (``lang`` says which column is Korean)."""
    entries, in_table = [], False
    for number, line in enumerate(text.splitlines(), 1):
        if not TABLE_ROW.match(line):
            if in_table:
                break
            continue
        row = cells(line)
        if not in_table:  # the header row, then the |---| row
            in_table = True
            continue
        if all(set(c) <= set("-: ") for c in row):
            continue
        if len(row) != 4:
            raise ValueError(f"glossary.{lang}.md:{number}: a row needs 4 cells, got {len(row)}")
        korean, english = (row[0], row[1]) if lang == "ko" else (row[1], row[0])
        match = ENGLISH_CELL.match(english)
        if not match:
            raise ValueError(f"glossary.{lang}.md:{number}: cannot read the English cell {english!r}")
        link = LINK.search(row[3])
        entries.append(Entry(korean, english, match["term"], tuple(filter(None, [match["alias"]])),
                             row[2], link.group(1) if link else "", number))
    return entries


def read_glossary(lang: str, docs: Path = DOCS) -> list[Entry]:
    return parse_glossary((docs / f"glossary.{lang}.md").read_text(encoding="utf-8"), lang)


def page_location(link: str) -> str:
    """A link between pages as a location in the search index: ``a.md#s`` → ``a/#s``, ``index.md`` → ``""``."""
    path, _, fragment = link.partition("#")
    path = path.removesuffix(".md")
    path = "" if path in ("index", "") else path.removesuffix("/index") + "/"
    return path + (f"#{fragment}" if fragment else "")
