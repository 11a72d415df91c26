"""The files a plot script writes, named here for the script (``figstyle``) and the renderer
(``figures``) alike, without importing matplotlib: for each language and layout an SVG, and
one ``NAME.json`` with every SVG's width and smallest text."""

from __future__ import annotations

# Each figure's layouts, with the value ``draw``'s ``narrow`` argument takes for each.
LAYOUTS = {"wide": False, "narrow": True}


def svg_name(name: str, lang: str, layout: str) -> str:
    """``NAME.LANG.svg`` for the wide layout, ``NAME.LANG.narrow.svg`` for the narrow one."""
    return f"{name}.{lang}.svg" if layout == "wide" else f"{name}.{lang}.{layout}.svg"


def site_name(name: str, layout: str) -> str:
    """The figure's path on a page of either language: ``figures/NAME.svg``, ``figures/NAME.narrow.svg``."""
    return f"figures/{name}.svg" if layout == "wide" else f"figures/{name}.{layout}.svg"


def metadata_name(name: str) -> str:
    """``NAME.json``: ``{lang: {layout: {"width_pt", "height_pt", "smallest_text_pt"}}}``."""
    return f"{name}.json"
