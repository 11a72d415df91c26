"""The search index names the glossary's terms on the sections that teach them (sitebuild.search).

The ranking itself is checked in Chromium, with Material's own search: tests/browser/test_search.py.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

import pytest
from material.plugins.search.plugin import SearchIndex

from sitebuild import search

from sitebuild.glossary import Entry, page_location, read_glossary
from sitebuild.search import FIELDS, NOTEBOOK_TITLE, PAGE_BOOST, SearchPlugin, english_forms, improve_index, korean_forms

SEPARATOR = r'[\s\-_,:;!?=\[\]()"`/·“”‘’…]+|\.(?!\d)'
GLOSSARY = [
    Entry("배치 정규화", "batch normalization (BN)", "batch normalization", ("BN",), "", "setup.md#bn", 1),
    Entry("기울기", "gradient", "gradient", (), "", "flow.md", 2),
    Entry("학습", "training", "training", (), "", "", 3),  # no link: taught nowhere in particular
]


def index(*docs: tuple[str, str]) -> dict:
    fields = {"title": {"boost": 1e3}, "text": {"boost": 1.0}, "tags": {"boost": 1e6}}
    return {"config": {"lang": ["ko"], "separator": SEPARATOR, "pipeline": [], "fields": fields},
            "docs": [{"location": location, "title": title, "text": "본문"} for location, title in docs]}


SITE = index(("", "홈"), ("setup/", "학습 준비"), ("setup/#bn", "배치 정규화"), ("flow/", "기울기 흐름"),
             ("flow/#x", "기울기 폭발"), ("notebooks/setup/", "학습 준비"), ("notebooks/setup/#a", "1. 초기화¶"))


def by_location(index: dict) -> dict[str, dict]:
    return {doc["location"]: doc for doc in index["docs"]}


def test_the_section_that_teaches_a_term_holds_it_with_its_forms():
    docs = by_location(improve_index(SITE, GLOSSARY, "ko"))
    bn = docs["setup/#bn"]
    assert set(bn["terms2"].split()) >= {"배치", "정규화", "정규화를", "batch", "normalization", "normalizations"}
    assert bn["terms1"].split()[:2] == ["BN", "BNs"]
    assert "terms1" not in docs["flow/#x"] and "boost" not in docs["flow/#x"]
    assert {"기울기", "기울기가", "gradient", "gradients"} <= set(docs["flow/"]["terms1"].split())


def test_a_chapter_title_is_a_term_of_its_page_but_the_home_page_title_is_not():
    docs = by_location(improve_index(SITE, GLOSSARY, "ko"))
    assert {"학습", "준비", "준비를"} <= set(docs["setup/"]["terms2"].split())
    assert not any(key.startswith("terms") for key in docs[""])
    assert not any(key.startswith("terms") for key in docs["notebooks/setup/"])


def test_english_index_holds_only_english_names():
    english = index(("setup/", "Setting up training"), ("setup/#bn", "Batch normalization"), ("flow/", "Gradient flow"))
    docs = by_location(improve_index(english, GLOSSARY, "en"))
    assert set(docs["setup/#bn"]["terms2"].split()) == {"batch", "batches", "normalization", "normalizations"}


def test_fields_are_declared_with_boosts_above_the_title_and_shorter_terms_weigh_more():
    config = improve_index(SITE, GLOSSARY, "ko")["config"]
    assert {name: config["fields"][name] for name in FIELDS} == FIELDS
    boosts = [FIELDS[f"terms{n}"]["boost"] for n in (1, 2, 3)]
    assert boosts == sorted(boosts, reverse=True) and boosts[-1] > 10 * config["fields"]["title"]["boost"]
    assert 2 * boosts[1] > boosts[0] and 3 * boosts[2] > 2 * boosts[1]  # all of a longer term beats part of it


def test_a_page_that_teaches_gives_up_materials_page_bonus_and_notebooks_come_after_chapters():
    docs = by_location(improve_index(SITE, GLOSSARY, "ko"))
    assert docs["flow/"]["boost"] == PAGE_BOOST and docs["setup/"]["boost"] == PAGE_BOOST
    assert "boost" not in docs["setup/#bn"]
    assert docs["notebooks/setup/"]["boost"] < 1 and docs["notebooks/setup/#a"]["boost"] < 1


def test_notebooks_are_titled_as_notebooks_and_lose_the_anchor_mark():
    docs = by_location(improve_index(SITE, GLOSSARY, "ko"))
    assert docs["notebooks/setup/"]["title"] == "실습 노트북: 학습 준비"
    assert docs["notebooks/setup/#a"]["title"] == "1. 초기화"
    assert NOTEBOOK_TITLE["en"].format("Setting up training") == "Notebook: Setting up training"


def test_rewriting_twice_changes_nothing():
    once = improve_index(SITE, GLOSSARY, "ko")
    assert improve_index(once, GLOSSARY, "ko") == once


def test_a_glossary_link_to_a_section_the_index_lacks_stops_the_build():
    entries = [Entry("은닉층", "hidden layer", "hidden layer", (), "", "setup.md#gone", 7)]
    with pytest.raises(ValueError, match="setup/#gone"):
        improve_index(SITE, entries, "ko")


@pytest.mark.parametrize(("word", "forms"), [
    ("뉴런", ["뉴런이", "뉴런을", "뉴런은", "뉴런과", "뉴런으로"]),  # final consonant
    ("기울기", ["기울기가", "기울기를", "기울기는", "기울기와", "기울기로"]),  # none
    ("신경망", ["신경망이", "신경망을", "신경망은", "신경망과", "신경망으로"]),
    ("모델", ["모델이", "모델을", "모델은", "모델과", "모델로"]),  # ㄹ: 로, not 으로
])
def test_particles_follow_the_last_letter(word, forms):
    assert korean_forms(word)[:5] == forms and f"{word}의" in korean_forms(word)


def test_plurals():
    assert [english_forms(w)[0] for w in ("layer", "batch", "capacity", "decay")] == [
        "layers", "batches", "capacities", "decays"]


@pytest.mark.parametrize("lang", ["ko", "en"])
def test_the_built_index_names_every_linked_term_where_it_is_taught(site, lang):
    folder = "" if lang == "ko" else "en/"
    index = json.loads((site / folder / "search" / "search_index.json").read_text(encoding="utf-8"))
    docs, last_word = by_location(index), lambda name: re.split(index["config"]["separator"], name)[-1].lower()
    entries = [e for e in read_glossary(lang) if e.link]
    assert len(entries) > 100
    for entry in entries:
        doc = docs[page_location(entry.link)]
        words = " ".join(doc.get(field, "") for field in FIELDS).lower().split()
        assert last_word(entry.term) in words, f"{entry.term} is not on {doc['location']}"
        if lang == "ko":
            assert last_word(entry.korean) in words
    notebooks = [doc["title"] for location, doc in docs.items() if location.startswith("notebooks/") and "#" not in location]
    assert notebooks and all(title.startswith(NOTEBOOK_TITLE[lang].format("")) for title in notebooks)



@dataclass
class Heading:
    id: str
    url: str
    children: list = field(default_factory=list)


@dataclass
class Page:
    url: str
    title: str
    content: str
    meta: dict = field(default_factory=dict)
    toc: list = field(default_factory=list)


def indexing_build() -> tuple[SearchPlugin, SearchIndex]:
    """The plugin as one ``mkdocs build`` starts it, wrapping a fresh Material index; and that index."""
    plugin = SearchPlugin()
    plugin.on_startup(command="build", dirty=False)
    material = SimpleNamespace(search_index=SearchIndex(lang=["ko"], separator=SEPARATOR, pipeline=[], fields={}))
    plugin.on_pre_build(SimpleNamespace(plugins={"material/search": material}))
    return plugin, material.search_index


def test_a_pages_entries_are_reused_until_what_they_are_made_of_changes(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "ENTRIES", tmp_path / "search.json")
    parsed = []
    parse = SearchIndex.add_entry_from_context
    monkeypatch.setattr(SearchIndex, "add_entry_from_context", lambda index, page: parsed.append(page.url) or parse(index, page))
    no_site = SimpleNamespace(plugins={}, site_dir=str(tmp_path / "site"))
    setup = Page("setup/", "학습 준비", '<h1>학습 준비</h1><p>준비</p><h2 id="bn">배치 정규화</h2><p>정규화</p>', toc=[Heading("bn", "#bn")])
    flow = Page("flow/", "기울기 흐름", "<h1>기울기 흐름</h1><p>흐름</p>")

    plugin, index = indexing_build()
    for page in (setup, flow):
        index.add_entry_from_context(page)
    first = list(index.entries)
    assert [e["location"] for e in first] == ["setup/", "setup/#bn", "flow/"] and parsed == ["setup/", "flow/"]
    plugin.on_post_build(no_site)

    parsed.clear()  # the next build: the same setup page, the flow page edited
    flow.content = flow.content.replace("흐름</p>", "역전파</p>")
    plugin, index = indexing_build()
    for page in (setup, flow):
        index.add_entry_from_context(page)
    assert index.entries[:2] == first[:2] and parsed == ["flow/"], "setup/ came from the cache"
    assert "역전파" in index.entries[2]["text"]
    plugin.on_post_build(no_site)
    assert len(json.loads(search.ENTRIES.read_text(encoding="utf-8"))) == 2, "the edited page's old entries are gone"

    setup.toc[0].url = "#batch-norm"  # a heading's address changes: the entries change with it
    plugin, index = indexing_build()
    index.add_entry_from_context(setup)
    assert index.entries[1]["location"] == "setup/#batch-norm"
