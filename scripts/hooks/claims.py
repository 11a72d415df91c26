"""MkDocs hook: write the computed value of every ``{{claim:NAME}}`` marker into the page.

Values come from ``scripts/claims.py`` (cached by a fingerprint of ``src/nnnotes``). An
unknown name stops the build, naming the page and the marker.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # MkDocs loads hooks by file name, not as a package

import claims as claim_values  # noqa: E402  (scripts/claims.py)

log = logging.getLogger("mkdocs.hooks.claims")
MARKER = re.compile(claim_values.MARKER)
values: dict[str, str] = {}


def on_pre_build(config):
    try:
        computed = claim_values.load_claims(log=log.info)
    except claim_values.ClaimError as err:
        raise PluginError(str(err)) from None
    values.clear()
    values.update(computed)


def on_page_markdown(markdown, page, config, files):
    def value(match: re.Match) -> str:
        name = match[1]
        if name not in values:
            raise PluginError(f"{page.file.src_uri}: unknown claim {match[0]}; known claims: {sorted(values)}")
        return values[name]

    return MARKER.sub(value, markdown)
