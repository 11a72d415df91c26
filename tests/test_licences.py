"""The work says how to cite it and under which licences it may be reused: text and figures under
CC BY 4.0, code under MIT; in the repository and in every page's footer, in both languages."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent


def test_citation_cff_is_valid_yaml_with_the_keys_cff_requires():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    assert {"cff-version", "message", "title", "authors"} <= set(citation)
    assert citation["authors"] and all({"name"} <= set(a) or {"family-names"} <= set(a) for a in citation["authors"])
    assert all(isinstance(citation[key], str) and citation[key].strip() for key in ("message", "title"))
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert citation["version"] == project["version"]
    assert citation["license"] == project["license"] == "MIT"


def test_the_repository_states_both_licences():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "Permission is hereby granted, free of charge" in code
    content = (ROOT / "LICENSE-CONTENT").read_text(encoding="utf-8")
    assert "Creative Commons Attribution 4.0 International" in content
    assert "https://creativecommons.org/licenses/by/4.0/legalcode" in content
    assert "MIT" in content and "LICENSE" in content  # and where the code's licence is
    message = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))["message"]
    assert "CC BY 4.0" in message and "MIT" in message


def footer(page: Path) -> str:
    html = page.read_text(encoding="utf-8")
    return re.search(r'<div class="md-copyright__highlight">(.*?)</div>', html, re.DOTALL).group(1)


def test_every_footer_states_the_licence_split_in_its_language(site):
    for page in [site / "index.html", site / "neurons" / "index.html", site / "notebooks" / "neurons" / "index.html"]:
        text = footer(page)
        assert "글과 그림은" in text and "코드는" in text and "MIT 라이선스" in text, page
        assert 'href="https://creativecommons.org/licenses/by/4.0/deed.ko"' in text
    for page in [site / "en" / "index.html", site / "en" / "neurons" / "index.html"]:
        text = footer(page)
        assert "Text and figures under" in text and "code under the" in text and "MIT License" in text, page
        assert 'href="https://creativecommons.org/licenses/by/4.0/"' in text
        assert not re.search("[가-힣]", text)
