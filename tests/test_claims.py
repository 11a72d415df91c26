"""Numbers in the prose: every claim holds, every marker resolves, both languages agree."""

import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from hookfile import load_hook

from nnnotes.experiments.claims import all_claims, claim

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
sys.path.insert(0, str(ROOT / "scripts"))
import claims as claim_values  # noqa: E402  (scripts/claims.py)

MARKER = re.compile(claim_values.MARKER)
CLAIMS = all_claims()


@pytest.mark.parametrize("name", sorted(CLAIMS))
def test_claim_holds(name):
    value = CLAIMS[name].compute()
    assert CLAIMS[name].expect(value), f"claim {name} does not hold: computed {value!r}"


def markers(page: Path) -> Counter:
    return Counter(MARKER.findall(page.read_text(encoding="utf-8")))


def test_every_marker_names_a_claim():
    unknown = {
        f"{page.relative_to(DOCS)}: {name}"
        for page in DOCS.rglob("*.md")
        for name in markers(page)
        if name not in CLAIMS
    }
    assert unknown == set()


def test_both_languages_of_a_page_state_the_same_claims():
    for korean in DOCS.rglob("*.ko.md"):
        english = korean.with_name(korean.name.replace(".ko.md", ".en.md"))
        assert markers(korean) == markers(english), korean.relative_to(DOCS)


def test_built_pages_carry_values_not_markers(site):
    leftovers = [p.relative_to(site) for p in site.rglob("*.html") if "{{claim:" in p.read_text(encoding="utf-8")]
    assert leftovers == []
    home = (site / "index.html").read_text(encoding="utf-8")
    assert CLAIMS["sigmoid.max_slope"].text() in home


@pytest.mark.parametrize("name", ["", "Upper.case", "space name", "trailing.", 3])
def test_claim_names_are_checked(name):
    with pytest.raises(ValueError, match="claim name"):
        claim(name, fmt="d", expect=bool)


def test_a_name_cannot_be_registered_twice():
    with pytest.raises(ValueError, match="registered twice"):
        claim(next(iter(CLAIMS)), fmt="d", expect=bool)


def test_a_failing_claim_stops_the_build_with_its_traceback(monkeypatch, tmp_path):
    broken = tmp_path / "broken.py"
    broken.write_text("raise RuntimeError('claim broke')\n")
    monkeypatch.setattr(claim_values, "CACHE", tmp_path)
    monkeypatch.setattr(claim_values, "CACHE_FILE", tmp_path / "claims.json")
    monkeypatch.setattr(claim_values, "_command", lambda out: [sys.executable, str(broken)])
    with pytest.raises(claim_values.ClaimError, match=r"(?s)scripts/claims.py.*RuntimeError: claim broke"):
        claim_values.load_claims(log=lambda line: None)


def test_an_unknown_marker_stops_the_build_naming_page_and_marker():
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    hook = load_hook("claims")
    hook.values.update({"known.value": "42"})
    page = SimpleNamespace(file=SimpleNamespace(src_uri="chapter.md"))
    assert hook.on_page_markdown("x = {{claim:known.value}}", page, None, None) == "x = 42"
    with pytest.raises(PluginError, match=r"chapter.md: unknown claim \{\{claim:nope\}\}"):
        hook.on_page_markdown("{{claim:nope}}", page, None, None)
