"""Keep only the CSS that some HTML uses.

A rule stays when one of its selectors names only classes that occur in the HTML; an
``@media`` or ``@supports`` block stays when one of its rules does; other at-rules
(``@font-face``, ``@keyframes``, ``@charset``) go. Then a custom property (``--name: …``)
stays only when a kept declaration reads it with ``var(--name)``, directly or through other
custom properties.

    >>> css = ".a .b{color:var(--fg)} .c{color:red} :root{--fg:var(--ink);--ink:#000;--bg:#fff}"
    >>> prune(css, {"a", "b"})
    '.a .b{color:var(--fg)}:root{--fg:var(--ink);--ink:#000}'
"""

from __future__ import annotations

import re

CLASS = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
CLASS_ATTR = re.compile(r"""class\s*=\s*["']([^"']*)["']""")
VAR = re.compile(r"var\(\s*(--[\w-]+)")
GROUPING = ("@media", "@supports")


def used_classes(html: str) -> set[str]:
    """Every class named in a ``class="…"`` attribute of ``html``."""
    return {name for value in CLASS_ATTR.findall(html) for name in value.split()}


def split_top_level(text: str, separator: str) -> list[str]:
    """Split ``text`` at ``separator`` outside quotes and parentheses; drop empty parts."""
    parts, current, depth, quote = [], [], 0, None
    for char in text:
        if quote:
            quote = None if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append("".join(current))
            current = []
            continue
        current.append(char)
    parts.append("".join(current))
    return [part.strip() for part in parts if part.strip()]


def blocks(css: str) -> list[tuple[str, str]]:
    """The top-level ``(prelude, body)`` pairs of a stylesheet: ``a{b}`` → ``("a", "b")``."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.DOTALL)
    found, start = [], 0
    while (brace := css.find("{", start)) >= 0:
        depth, end = 1, brace + 1
        while depth:
            depth += {"{": 1, "}": -1}.get(css[end], 0)
            end += 1
        prelude = css[start:brace].strip()
        prelude = re.sub(r"^(@charset[^;]*;|@import[^;]*;)\s*", "", prelude)
        found.append((prelude, css[brace + 1:end - 1]))
        start = end
    return found


def _selector_is_used(selector: str, classes: set[str]) -> bool:
    return all(name in classes for name in CLASS.findall(selector))


def _keep_rules(css: str, classes: set[str]) -> list[tuple[str, str]]:
    """``(prelude, body)`` of the rules to keep; grouping blocks keep their kept rules as a list."""
    kept = []
    for prelude, body in blocks(css):
        if prelude.startswith(GROUPING):
            inner = _keep_rules(body, classes)
            if inner:
                kept.append((prelude, inner))
        elif not prelude.startswith("@"):
            selectors = [s for s in split_top_level(prelude, ",") if _selector_is_used(s, classes)]
            if selectors:
                kept.append((",".join(selectors), body))
    return kept


def _declarations(rules) -> list[tuple[str, str]]:
    """Every ``(property, value)`` in ``rules``, nested blocks included."""
    found = []
    for _, body in rules:
        if isinstance(body, list):
            found += _declarations(body)
        else:
            found += [tuple(part.strip() for part in d.partition(":")[::2]) for d in split_top_level(body, ";")]
    return found


def _read_properties(declarations) -> set[str]:
    """Custom properties read by the ordinary declarations, and by the custom properties they read."""
    definitions: dict[str, list[str]] = {}
    for name, value in declarations:
        if name.startswith("--"):
            definitions.setdefault(name, []).append(value)
    todo = [v for name, value in declarations if not name.startswith("--") for v in VAR.findall(value)]
    read = set()
    while todo:
        name = todo.pop()
        if name not in read:
            read.add(name)
            todo += [v for value in definitions.get(name, []) for v in VAR.findall(value)]
    return read


def _write(rules, read: set[str]) -> str:
    out = []
    for prelude, body in rules:
        if isinstance(body, list):
            inner = _write(body, read)
        else:
            kept = [d for d in split_top_level(body, ";") if not d.startswith("--") or d.partition(":")[0].strip() in read]
            inner = ";".join(kept)
        if inner:
            out.append(f"{prelude}{{{inner}}}")
    return "".join(out)


def prune(css: str, classes: set[str]) -> str:
    """``css`` without the rules and custom properties that HTML using only ``classes`` cannot need."""
    rules = _keep_rules(css, classes)
    return _write(rules, _read_properties(_declarations(rules)))
