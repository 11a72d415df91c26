"""Which language static-i18n is building now: shared by the MkDocs hooks.

static-i18n builds each language in turn into the same site_dir, prefixing the destination
of every docs file but the default language's with ``LANG/``.
"""

from __future__ import annotations

LANGS = ("ko", "en")  # the default language first


def build_language(config) -> tuple[str, str]:
    """The language being built and the folder its pages go to: ``("ko", "")`` or ``("en", "en/")``."""
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return LANGS[0], ""
    return i18n.current_language, language_folder(i18n.current_language, i18n.default_language)


def language_folder(lang: str, default: str = LANGS[0]) -> str:
    """The folder of ``lang``'s pages under site_dir: ``""`` for the default language, else ``LANG/``."""
    return "" if lang == default else f"{lang}/"
