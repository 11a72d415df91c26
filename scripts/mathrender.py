"""Typeset TeX with KaTeX at build time: the vendored ``katex.min.js`` run in QuickJS.

    >>> katex = KaTeX(cache_file=None)
    >>> html = katex.render(r"\\sigma'(0) = 1/4", display=False)
    >>> html.startswith('<span class="katex">') and "<math" in html
    True

Renders are cached by expression, display mode and KaTeX version in ``.cache/katex.json``,
so a warm build renders nothing. A TeX error raises :class:`MathError` with the source.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from buildcache import CACHE, ROOT

KATEX = ROOT / "docs" / "assets" / "katex"
CACHE_FILE = CACHE / "katex.json"


class MathError(ValueError):
    """KaTeX could not typeset an expression; the message has the expression and KaTeX's reason."""


class KaTeX:
    """KaTeX's ``renderToString`` with a cache; HTML for the eye plus MathML for screen readers."""

    def __init__(self, cache_file: Path | None = CACHE_FILE):
        self.version = (KATEX / "VERSION").read_text(encoding="utf-8").split(",")[0]
        self.cache_file = cache_file
        self.renders: dict[str, str] = {}
        if cache_file is not None and cache_file.exists():
            cached = json.loads(cache_file.read_text(encoding="utf-8"))
            if cached["version"] == self.version:
                self.renders = cached["renders"]
        self.used: set[str] = set()
        self._render = None

    def render(self, tex: str, *, display: bool) -> str:
        key = f"{'display' if display else 'inline'}:{tex}"
        self.used.add(key)
        if key not in self.renders:
            self.renders[key] = self._typeset(tex, display)
        return self.renders[key]

    def _typeset(self, tex: str, display: bool) -> str:
        import quickjs

        if self._render is None:  # QuickJS compiles KaTeX in about 30 ms
            context = quickjs.Context()
            context.eval((KATEX / "katex.min.js").read_text(encoding="utf-8"))
            self._render = context.eval(
                "(tex, display) => katex.renderToString(tex, {displayMode: display, throwOnError: true})"
            )
        try:
            return self._render(tex, display)
        except quickjs.JSException as err:
            reason = str(err).splitlines()[0]  # without QuickJS's stack trace
            raise MathError(f"KaTeX cannot typeset {tex!r}: {reason}") from None

    def save(self) -> None:
        """Write the renders used since the cache was last reset (atomically)."""
        if self.cache_file is None:
            return
        self.cache_file.parent.mkdir(parents=True, exist_ok=True)
        kept = {key: self.renders[key] for key in sorted(self.used)}
        tmp = self.cache_file.with_suffix(".tmp")
        tmp.write_text(json.dumps({"version": self.version, "renders": kept}, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.cache_file)
