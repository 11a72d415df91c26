"""Numbers in the prose: every claim holds, every marker resolves and is spelt right, both
languages agree, and each of these stops the build when it breaks."""

import json
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from hung_job import HANG
from mkdocs.exceptions import PluginError

from nnnotes.experiments.claims import CLAIMS, SETTINGS, all_claims, all_settings, claim, listed, setting
from sitebuild import claims as claim_values

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
ALL = all_claims()
VALUES = {"claim": {n: "x" for n in ALL}, "setting": {n: "x" for n in all_settings()}}


def test_the_build_computed_and_checked_every_claim_of_this_code(site):
    """The strict build behind ``site`` ran every chapter's claims job (which asserts each
    ``expect``) or found its result cached for exactly this code; no claim escaped it."""
    chapters = claim_values.all_chapters()
    assert all(claim_values.is_cached(chapter) for chapter in chapters)
    computed = set()
    for chapter in chapters:
        computed |= set(json.loads(chapter.cached.read_text(encoding="utf-8"))["claims"])
    assert computed == set(ALL)


def test_every_page_has_known_well_formed_markers_stated_in_both_languages():
    claim_values.check_pages(DOCS, VALUES)


def test_every_claim_and_setting_belongs_to_a_chapter_and_is_named_after_it():
    chapters = {c.module for c in claim_values.all_chapters()}
    for item in [*ALL.values(), *all_settings().values()]:
        chapter = next((c for c in chapters if item.module == c or item.module.startswith(f"{c}.")), None)
        assert chapter is not None, f"{item.name} is registered in {item.module}, outside every chapter"
        assert item.name.startswith(chapter.rsplit(".", 1)[1] + "."), item.name


def test_the_shared_helpers_are_not_chapters():
    chapters = {c.name for c in claim_values.all_chapters()}
    assert {"neurons", "activations", "capacity"} <= chapters and not chapters & {"claims", "common", "shared"}


def test_built_pages_carry_values_not_markers(site):
    leftovers = [p.relative_to(site) for p in site.rglob("*.html")
                 if claim_values.MARKER.search(p.read_text(encoding="utf-8"))]
    assert leftovers == []
    home = (site / "index.html").read_text(encoding="utf-8")
    assert ALL["activations.sigmoid.max_slope"].text() in home


@pytest.mark.parametrize("name", ["", "Upper.case", "space name", "trailing.", 3])
def test_claim_names_are_checked(name):
    with pytest.raises(ValueError, match="claim name"):
        claim(name, fmt="d", expect=bool)


def test_a_name_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="registered twice"):
        claim(next(iter(ALL)), fmt="d", expect=bool)
    with pytest.raises(ValueError, match="registered twice"):
        setting(next(iter(ALL)), 1, fmt="d")


def test_a_setting_is_its_value_and_a_bad_format_fails_at_once():
    assert setting("test.only.lr", 0.25, fmt="g") == 0.25
    del SETTINGS["test.only.lr"]
    with pytest.raises(ValueError):
        setting("test.only.bad", "text", fmt="d")
    with pytest.raises(TypeError, match="must return a str"):
        setting("test.only.shown", (1, 2), fmt=len)
    assert "test.only.bad" not in SETTINGS and "test.only.shown" not in SETTINGS


def test_a_setting_can_be_shown_by_a_function():
    rates = setting("test.only.rates", (0.01, 0.3), fmt=listed("g", "[]"))
    assert rates == (0.01, 0.3) and SETTINGS["test.only.rates"].text() == "[0.01, 0.3]"
    del SETTINGS["test.only.rates"]


# --- the build ---------------------------------------------------------------------------

@pytest.fixture
def chapter(tmp_path, monkeypatch):
    """A claims cache of its own, and a fake chapter module registering claims."""
    monkeypatch.setattr(claim_values, "CACHE", tmp_path / "claims")

    def register(expect=lambda v: v > 0, value="1 / 2"):
        name = "test.fake.half"
        exec(f"@claim({name!r}, fmt='.2f', expect=expect)\ndef half():\n    return {value}\n",
             {"claim": claim, "expect": expect, "__name__": "nnnotes.experiments.fake"})
        monkeypatch.setitem(CLAIMS, name, CLAIMS[name])
        return name

    yield register
    CLAIMS.pop("test.fake.half", None)


def test_a_chapter_computes_its_claims_and_checks_their_expect(chapter, monkeypatch):
    monkeypatch.setattr("nnnotes.experiments.claims.import_all", lambda module: [module])
    name = chapter()
    assert claim_values.compute_chapter("nnnotes.experiments.fake") == {"claims": {name: "0.50"}, "settings": {}}
    CLAIMS.pop(name)
    chapter(expect=lambda v: v > 1)
    with pytest.raises(claim_values.ClaimError, match=r"claim test.fake.half = 0.5 does not hold .*test_claims.py:\d+"):
        claim_values.compute_chapter("nnnotes.experiments.fake")


def test_a_failing_chapter_stops_the_build_with_its_traceback(monkeypatch, tmp_path):
    monkeypatch.setattr(claim_values, "CACHE", tmp_path / "claims")
    broken = claim_values.Chapter("nnnotes.experiments.no_such_chapter")
    with pytest.raises(claim_values.ClaimError, match=r"(?s)claims nnnotes.experiments.no_such_chapter failed.*ModuleNotFoundError"):
        claim_values.run_chapter(broken)


def test_a_claim_that_never_returns_is_stopped_and_named(monkeypatch, tmp_path):
    package = tmp_path / "hangpkg"
    package.mkdir()
    (package / "__init__.py").write_text(
        "from nnnotes.experiments.claims import claim\n"
        "@claim('hang.forever', fmt='d', expect=bool)\n"
        "def forever():\n" + textwrap.indent(HANG, "    "))
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    monkeypatch.setenv("NNNOTES_LIMIT_CLAIMS", "3")
    monkeypatch.setattr(claim_values, "CACHE", tmp_path / "claims")
    with pytest.raises(claim_values.ClaimError, match=r"claims hangpkg did not finish within its limit of 3 s, in claim hang.forever"):
        claim_values.run_chapter(claim_values.Chapter("hangpkg"))


def test_an_unreadable_cache_entry_is_computed_again(monkeypatch, tmp_path):
    monkeypatch.setattr(claim_values, "CACHE", tmp_path)
    chapter = claim_values.all_chapters()[0]
    chapter.cached.write_text('{"fingerprint": "abc", "claims": {"cut sh')
    assert not claim_values.is_cached(chapter)


# --- the pages ---------------------------------------------------------------------------

KNOWN = {"claim": {"known.value": "42", "known.other": "7"}, "setting": {"known.lr": "0.5"}}


def pages(tmp_path, ko: str, en: str) -> Path:
    (tmp_path / "p.ko.md").write_text(ko, encoding="utf-8")
    (tmp_path / "p.en.md").write_text(en, encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("marker", ["{{ claim:known.value }}", "{{Claim:known.value}}", "{{claim: known.value}}",
                                    "{claim:known.value}}", "{{SETTING:known.lr}}"])
def test_a_misspelt_marker_stops_the_build_naming_page_and_line(tmp_path, marker):
    docs = pages(tmp_path, f"a\nb {marker}\n", f"a\nb {marker}\n")
    with pytest.raises(claim_values.ClaimError, match=rf"p\.(ko|en)\.md:2: '{re.escape(marker)}' is not a marker"):
        claim_values.check_pages(docs, KNOWN)


def test_an_unknown_marker_names_page_line_and_the_closest_names(tmp_path):
    docs = pages(tmp_path, "x\n{{claim:known.valeu}}\n", "x\n{{claim:known.valeu}}\n")
    with pytest.raises(claim_values.ClaimError, match=r"p.ko.md:2: unknown claim 'known.valeu'; did you mean known.value"):
        claim_values.check_pages(docs, KNOWN)


def test_a_marker_in_one_language_only_stops_the_build(tmp_path):
    docs = pages(tmp_path, "{{claim:known.value}} {{setting:known.lr}}\n", "{{claim:known.value}}\n")
    with pytest.raises(claim_values.ClaimError, match=r"p.ko.md:1 states \{\{setting:known.lr\}\} more often than \S*p.en.md"):
        claim_values.check_pages(docs, KNOWN)


def test_the_plugin_writes_values_into_the_markdown():
    plugin = claim_values.ClaimsPlugin()
    plugin.values = KNOWN
    assert plugin.on_page_markdown("x = {{claim:known.value}}, lr {{setting:known.lr}}", None, None, None) == "x = 42, lr 0.5"
