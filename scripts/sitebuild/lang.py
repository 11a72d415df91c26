"""The site's languages, and which one static-i18n is building now.

static-i18n builds each language in turn into the same site_dir, prefixing the destination
of every docs file but the default language's with ``LANG/``.
"""

from __future__ import annotations

from pathlib import Path

LANGS = ("ko", "en")  # the default language first
# static-i18n picks each language's files in its on_files at priority -100; a plugin that
# works on the picked files runs after it. Two plugins at this priority run in the order
# mkdocs.yml lists them.
AFTER_I18N = -110


def build_language(config) -> tuple[str, str]:
    """The language being built and the folder its pages go to: ``("ko", "")`` or ``("en", "en/")``."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return LANGS[0], ""
    return i18n.current_language, language_folder(i18n.current_language, i18n.default_language)


def another_language_pass(config) -> bool:
    """Whether static-i18n is building a language after the first, from inside the first
    build's ``on_post_build``: what a plugin did once for all languages is done."""
    i18n = config.plugins.get("i18n")
    return i18n is not None and i18n.building


def build_order(config) -> list[str]:
    """The languages in the order static-i18n builds them: the default language first, then the
    others in their order (:data:`LANGS` without static-i18n)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return list(LANGS)
    return [i18n.default_language] + [lang for lang in i18n.build_languages if lang != i18n.default_language]


def languages_to_come(config) -> list[str]:
    """The languages static-i18n builds after the one being built (none without static-i18n: one pass)."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return []
    order = build_order(config)
    return order[order.index(i18n.current_language) + 1:]


def every_language_built(config) -> bool:
    """In an ``on_post_build`` that runs after static-i18n's: whether every language is built."""
    return not another_language_pass(config)


def language_folder(lang: str, default: str = LANGS[0]) -> str:
    """The folder of ``lang``'s pages under site_dir: ``""`` for the default language, else ``LANG/``."""
    return "" if lang == default else f"{lang}/"


def pages_by_language(docs: Path) -> list[dict[str, Path]]:
    """Every page ``NAME.LANG.md`` under ``docs``, grouped as ``{lang: path}`` by NAME."""
    pairs: dict[str, dict[str, Path]] = {}
    for path in sorted(docs.rglob("*.md")):
        stem, _, lang = path.name.removesuffix(".md").rpartition(".")
        if lang in LANGS:
            pairs.setdefault(str(path.parent / stem), {})[lang] = path
    return list(pairs.values())
