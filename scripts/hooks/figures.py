"""MkDocs hook: render the figures before each build and add them to the site.

Figures come from ``scripts/figures.py`` (cached by content, so a warm build renders
nothing). Each language build adds ``figures/NAME.svg`` in its own language, so pages in
both languages link the same ``figures/NAME.svg``. Nothing is written into ``docs/``.
Each figure's ``<img>`` gets its size (the page does not jump as figures arrive), and every
figure but a page's first loads only when the reader scrolls near it.
"""

from __future__ import annotations

import logging
import re
import sys
from functools import cache
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))  # MkDocs loads hooks by file name, not as a package

import figures as renderer  # noqa: E402  (scripts/figures.py)
from sitelang import build_language  # noqa: E402

log = logging.getLogger("mkdocs.hooks.figures")


def on_pre_build(config):
    try:
        renderer.render_figures(log=log.info)
    except renderer.FigureError as err:
        raise PluginError(str(err)) from None


def on_files(files, config):
    lang, folder = build_language(config)
    for figure in renderer.all_figures():
        src_uri = f"figures/{figure.name}.svg"
        file = File.generated(config, src_uri, abs_src_path=str(figure.output(renderer.CACHE, lang)))
        file.dest_uri = folder + src_uri
        files.append(file)
    return files


FIGURE_IMG = re.compile(r'<img (?P<attrs>[^>]*?)src="(?P<src>[^"]*figures/(?P<name>[\w-]+)\.svg)"')
SVG_SIZE = re.compile(rb'<svg[^>]* width="(?P<width>[\d.]+)pt" height="(?P<height>[\d.]+)pt"')


@cache
def pixel_size(svg: Path, mtime: float) -> tuple[int, int]:
    """A matplotlib SVG's size in CSS pixels (its width and height are in points)."""
    size = SVG_SIZE.search(svg.read_bytes()[:1000])
    return round(float(size["width"]) * 4 / 3), round(float(size["height"]) * 4 / 3)


def on_page_content(html, page, config, files):
    lang, _ = build_language(config)
    first = True

    def sized(match: re.Match) -> str:
        nonlocal first
        svg = renderer.CACHE / f"{match['name']}.{lang}.svg"
        width, height = pixel_size(svg, svg.stat().st_mtime)
        lazy = "" if first else 'loading="lazy" '
        first = False
        return f'<img {match["attrs"]}width="{width}" height="{height}" {lazy}decoding="async" src="{match["src"]}"'

    return FIGURE_IMG.sub(sized, html)
